"""Shared by the AppTest suites: open a page script with URL parameters, as a browser would."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def open_page(script: str, timeout: float = 60, **params: str) -> AppTest:
    """Run ``script`` (relative to the repository root) with ``params`` as its query string."""
    app = AppTest.from_file(str(ROOT / script), default_timeout=timeout)
    for name, value in params.items():
        app.query_params[name] = value
    return app.run()
