"""Show a slider's effect at once: the browser swaps texts and moves chart marks itself.

A page describes what its slider changes at every position (:class:`lowrank.views.follow.Follow`),
wraps each changing element in :func:`slot` and mounts :func:`follow` once, outside its
fragments (its data depends on the page's input, not on the slider, so fragment reruns do not
send it again). ``follow.js`` then answers a slider move in the same animation frame, while the
page's rerun draws the same texts a moment later and keeps the URL and the numbers in Python.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from lowrank.views.follow import Follow

_COMPONENT = st.components.v2.component(
    "lowrank_follow",
    html='<div class="lr-follow" data-testid="follow"></div>',
    js=Path(__file__).with_name("follow.js").read_text(encoding="utf-8"),
)


def as_json(data: dict[str, object]) -> str:
    """Data for a component as one JSON string. A dict would be scanned for dataframes by
    Streamlit, whose first scan imports pandas: ~0.3 s of a page's first load here."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def slot(key: str) -> DeltaGenerator:
    """The container around one element that follows the slider (``Texts.key`` / ``Mark.chart``)."""
    return st.container(key=key)


def follow(spec: Follow) -> None:
    """Mount the follower for ``spec`` (in the sidebar, where it takes no room on the page)."""
    with st.sidebar:
        _COMPONENT(key=f"follow_{spec.slider}", data=as_json(spec.data()))
