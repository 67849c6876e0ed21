"""Shared by the AppTest suites: open a page the way a deep link does, and read what it shows."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from lowrank import packing

ROOT = Path(__file__).resolve().parents[2]


def open_page(script: str, timeout: float = 120, **params: str | list[str]) -> AppTest:
    """Run ``script`` (``app.py`` or ``pages/…``) with ``params`` as its query string.

    The app starts at its entry point ``app.py`` and switches page, as the server does for a deep
    link; run on its own, a page script could not resolve the sidebar's links back to ``app.py``.
    """
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for name, value in params.items():
        app.query_params[name] = value
    if script != "app.py":
        app.switch_page(script)
    return app.run()


def shown_text(app: AppTest) -> str:
    """Markdown, captions, alerts and metrics of a run, joined (to look for computed numbers),
    then what each block (lowrank/ui/block.py) draws at its slider's position."""
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption]
    parts += [a.value for kind in (app.info, app.success, app.warning, app.error) for a in kind]
    parts += [f"{m.label}: {m.value}" for m in app.metric]
    for key in blocks(app):
        shown = block_at(app, key)
        parts += [f"{label}: {value}" for label, value in shown["metrics"].items()]
        parts += shown["notes"] + shown["sentences"]
    return "\n".join(str(part) for part in parts)


def _data(component) -> dict | None:
    """A component's data read as JSON (bytes for blocks, text for the live views), else None."""
    proto = component.proto
    if proto.WhichOneof("data") == "bytes":
        try:
            return json.loads(proto.bytes)
        except ValueError:  # the factors' store: packed numbers, their JSON header first
            return None
    if proto.WhichOneof("data") != "json":
        return None
    data = json.loads(proto.json)  # the live views send JSON text, which Streamlit encodes again
    return json.loads(data) if isinstance(data, str) and data.startswith("{") else data


def component_name(component) -> str:
    """The name a page gives one of its ``st.components.v2`` elements: its Streamlit key, or,
    for those mounted without one (lowrank/ui/block.py, live_rank.py), the name in its data."""
    if component.key:
        return component.key
    data = _data(component)
    if isinstance(data, dict):
        return data.get("block") or data.get("view") or component.proto.component_name
    if data is None and component.proto.WhichOneof("data") == "bytes":  # a live-factors store
        return packing.decode(component.proto.bytes).header["store"]
    return component.proto.component_name  # one per page (the frame's watchers)


def component_data(app: AppTest, name: str) -> dict[str, dict]:
    """The data of the page's ``st.components.v2`` components registered as ``name``, by the
    name the page gives each (:func:`component_name`)."""
    return {
        component_name(component): _data(component)
        for component in app.get("bidi_component")
        if getattr(component.proto, "component_name", "") == name
    }


def blocks(app: AppTest) -> dict[str, dict]:
    """The payloads of the page's blocks (lowrank/ui/block.py), by key: what the browser's block
    renderer draws, at every position of the slider each follows."""
    found = component_data(app, "lowrank_block")
    return {name: {k: v for k, v in data.items() if k != "block"} for name, data in found.items()}


def slider_position(app: AppTest, key: str) -> float | None:
    """The value a block reads from the slider ``key``: a slider's value, or the index of a
    select slider's option (as the browser's range input reports it); None: no such slider."""
    for widget in app.get("select_slider"):
        if widget.key == key:
            return widget.options.index(widget.format_func(widget.value))
    for widget in app.get("slider"):
        if widget.key == key:
            return widget.value
    return None


def _index(payload: dict, value: float | None) -> int:
    """The position block.js shows for a slider value (clipped; the first without a slider)."""
    positions = payload["positions"]
    if value is None:
        return 0
    i = round((value - positions["start"]) / positions["step"])
    return min(positions["count"] - 1, max(0, i))


def block_at(app: AppTest, key: str, value: float | None = None) -> dict:
    """What the block ``key`` draws at a slider ``value`` (default: its slider's value now):
    its metrics' values by label, their notes, its sentences, its charts' marks (None: a chart
    whose curves have marks of their own), each chart's curves' own marks (None: none), its
    tables' rows (header first) and its pictures' shapes with their text alternatives."""
    payload = blocks(app)[key]
    i = _index(payload, slider_position(app, payload["slider"]) if value is None else value)
    return {
        "metrics": {m["label"]: m["values"][i] for m in payload["metrics"]},
        "notes": [m["notes"][i] for m in payload["metrics"] if m["notes"]],
        "sentences": [sentence["texts"][i] for sentence in payload["sentences"]],
        "marks": [chart["mark"][i] if chart["mark"] else None for chart in payload["charts"]],
        "series_marks": [
            [series["marks"][i] if series["marks"] else None for series in chart["series"]]
            for chart in payload["charts"]
        ],
        "tables": [table["rows"][i] for table in payload.get("tables", [])],
        "pictures": [(p["shapes"][i], p["alts"][i]) for p in payload.get("pictures", [])],
    }


def block_sentences_at(payload: dict, value: float) -> list[str]:
    """A block's sentences at a slider value (the position, clipped, as block.js picks it)."""
    return [sentence["texts"][_index(payload, value)] for sentence in payload["sentences"]]
