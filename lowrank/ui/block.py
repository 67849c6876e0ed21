"""The block renderer: one ``st.components.v2`` component draws a slider-dependent block.

A page passes a :class:`lowrank.views.block.Block` (its metrics, sentences and charts at every
position of one slider) and the key of the page's own ``st.slider``. The component (``block.js``,
inline HTML/CSS/JS, no build step) draws the block and shows the slider's position as it moves,
dragged, keyed or set from the URL, in the same animation frame. The page's rerun sends the
same payload, which leaves what is drawn untouched, and draws none of the block itself: there is
one renderer per view, so nothing has to agree with anything else. The slider stays the one
control (keyboard, touch, its URL binding, its value reaching Python on release).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from lowrank.ui.slider_watch import as_json, slider_script
from lowrank.views.block import Block

_COMPONENT = st.components.v2.component(
    "lowrank_block",
    html='<div class="lb-root" data-testid="lowrankBlock"></div>',
    css=Path(__file__).with_name("block.css").read_text(encoding="utf-8"),
    js=slider_script("block.js"),
)


#: The latest blocks' payloads as UTF-8 JSON, by identity: a page's cached block is sent again on
#: every rerun of its fragment, and a large one (the photograph's 512 ranks, 0.3 MB) is then not
#: serialised again (18 ms each time).
_PAYLOADS: dict[int, tuple[Block, bytes]] = {}
_MAX_PAYLOADS = 64


def payload_json(content: Block) -> bytes:
    """``content.payload()`` as UTF-8 JSON, made once per block object (the latest 64 kept).

    Bytes, not a string: Streamlit sends bytes as they are and hashes them once, where it
    escapes a string into JSON twice more (once to send it, once for the element's identity):
    about 6 ms per move for /why_delta_w's 0.65 MB of Chinese text.
    """
    hit = _PAYLOADS.get(id(content))
    if hit is not None and hit[0] is content:
        return hit[1]
    text = as_json(content.payload()).encode()
    while len(_PAYLOADS) >= _MAX_PAYLOADS:
        _PAYLOADS.pop(next(iter(_PAYLOADS)), None)
    _PAYLOADS[id(content)] = (content, text)
    return text


#: Session state: by block key, the payload JSON last sent and the ``at`` sent with it.
_SENT = "_lowrank_block_sent"


def block(key: str, slider_key: str, content: Block, at: float) -> None:
    """Draw ``content`` at the position of the page's slider ``slider_key`` (its widget key).

    ``at`` is the slider's value in this run (for a select slider, its option's index): the
    block's first frame shows it, before the browser has found the slider, so nothing flashes.
    While the payload's bytes are unchanged the first ``at`` sent with them is sent again, so the
    element stays the one drawn (the block follows the slider itself from then on).
    """
    text = payload_json(content)
    # The block is mounted without a Streamlit key, so its identity is its data: a rerun that
    # sends the same bytes keeps the drawn block, and keyed components' state (presented again on
    # every widget call of a run, ~60 µs each) is not paid for a component that has none. So
    # ``at`` is the one first sent with this payload: the block follows the slider itself, and a
    # new ``at`` would make a new element. A large payload the browser holds is then also sent as
    # a reference to it, not again (/image's 0.4 MB).
    sent = st.session_state.setdefault(_SENT, {})
    previous = sent.get(key)
    if previous is not None and previous[0] == text:  # a rebuilt block may hold the same bytes
        index = previous[1]
    else:
        index = content.positions.index(at)
        sent[key] = (text, index)
    head = as_json({"block": key, "slider": slider_key, "at": index}).encode()
    _COMPONENT(data=head[:-1] + b"," + text[1:], height="content")
