"""Rebuild a page from its URL after the server restarts (a teacher's laptop, a redeploy).

Streamlit 1.67 reconnects an open tab by itself but does not rerun the page; the new server
knows none of the page's fragments and drops their reruns ("The fragment with id … does not exist
anymore"), so the rank slider of /reconstruct or /image did nothing until a reload. This
``st.components.v2`` component (no markup, ``reconnect.js``) watches the app's connection state
and asks for one full rerun when the tab is connected again. Without the component the page
works as before and a reload restores it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

_COMPONENTS = getattr(st.components, "v2", None)
_WATCH = _COMPONENTS and _COMPONENTS.component(
    "lowrank_reconnect",
    js=Path(__file__).with_name("reconnect.js").read_text(encoding="utf-8"),
)


def rerun_on_reconnect() -> None:
    """Mount the watcher; call it outside any fragment, so its rerun is a full one."""
    if _WATCH:
        _WATCH(on_reconnected_change=lambda: None)  # unkeyed: no widget state presented per call
