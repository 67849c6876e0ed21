"""The components that follow the page's own slider (the block renderer, the live views) share
one way of watching it (``slider_watch.js``: find the slider by its key class, report each value),
put before each component's script so that the two cannot drift apart, and one way of sending
their data (:func:`as_json`)."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent


def slider_script(name: str) -> str:
    """The component script ``name`` (in this folder), with ``SliderWatch`` defined before it."""
    return "\n".join(
        (HERE / file).read_text(encoding="utf-8") for file in ("slider_watch.js", name)
    )


def as_json(data: dict[str, object]) -> str:
    """Data for a component as one JSON string. A dict would be scanned for dataframes by
    Streamlit, whose first scan imports pandas: ~0.3 s of a page's first load here."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)
