"""Shared by the AppTest suites: open a page the way a deep link does, and read what it shows."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

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
    """Markdown, captions, alerts and metrics of a run, joined (to look for computed numbers)."""
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption]
    parts += [a.value for kind in (app.info, app.success, app.warning, app.error) for a in kind]
    parts += [f"{m.label}: {m.value}" for m in app.metric]
    return "\n".join(str(part) for part in parts)
