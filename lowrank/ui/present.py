"""Presentation mode for a projector: ``?present=1`` in the URL, so a teacher can bookmark it.

In this mode the frame (:func:`lowrank.ui.frame.frame`) adds :data:`PRESENT_CSS` (type 1.25×
larger, the sidebar and Streamlit's header and toolbar hidden, the page's top padding trimmed
so that its main interaction fits the first screen), draws a bar of links to the previous and
next step of the course, a button that leaves the mode and one that switches the language (the
sidebar's switch is hidden), and mounts ``present.js``, which makes the keys ``[`` and ``]``
follow those links. ``present`` is one of
:data:`lowrank.pages.CARRIED_PARAMS`, so every page link keeps the mode; outside it the sidebar
offers a button that turns it on for the current page with its settings.

Streamlit sizes its type in rem (the body 1rem, headings 2.75rem…), so scaling the root font
size scales the text, widgets and paddings together; Plotly charts keep their own pixel sizes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import streamlit as st

from lowrank import i18n, pages
from lowrank.ui.page_state import LANGUAGE_KEY, Frame

#: The query parameter that turns presentation mode on (``1``) or off (``0`` or absent).
PRESENT_KEY = "present"
ON = "1"
VALUES: tuple[str, ...] = ("0", ON)

#: Keys of the bar's containers; ``present.js`` finds the links by their ``st-key-…`` class.
BAR_KEY = "lowrank_present_bar"
PREVIOUS_KEY = "lowrank_present_prev"
NEXT_KEY = "lowrank_present_next"

#: Presentation mode's CSS. ``html`` font-size scales every rem (Streamlit's type, widgets and
#: paddings) by 1.25, by 1.5 on a full-HD screen, where the page has the room; the sidebar, its
#: open/close controls and the header (toolbar, menu, running indicator) are hidden. Spacing
#: that would grow with the type without helping a reader (the main block's padding, which made
#: room for the header, the gaps between elements, the title's margins, the bar's own height) is
#: set in px, so that the page's main control and its numbers stay in the first screen.
PRESENT_CSS = """<style>
html{font-size:125%}
@media (min-width:1600px) and (min-height:900px){html{font-size:150%}}
[data-testid="stSidebar"],[data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"],[data-testid="stSidebarCollapseButton"],
[data-testid="stHeader"],[data-testid="stToolbar"],[data-testid="stDecoration"]{display:none!important}
[data-testid="stMainBlockContainer"]{padding:8px 40px 48px;max-width:none}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"]{row-gap:14px}
[data-testid="stMainBlockContainer"] h1{padding:0 0 12px}
.st-key-lowrank_present_bar{column-gap:24px;row-gap:0;align-items:center}
.st-key-lowrank_present_bar :is(a,button){min-height:0;margin:0;padding-top:0;padding-bottom:0}
.st-key-lowrank_present_bar [data-testid="stElementContainer"]{height:auto}
.st-key-lowrank_present_bar :is(p,code){font-size:0.8rem;margin:0}
.st-key-lowrank_present_bar code{padding:0 0.4em;color:inherit}
.st-key-lowrank_present_bar [data-testid="stCaptionContainer"]{margin:0}
</style>"""

_KEYS = st.components.v2.component(
    "lowrank_present_keys",
    js=Path(__file__).with_name("present.js").read_text(encoding="utf-8"),
)


def is_on() -> bool:
    """Whether the URL asks for presentation mode (the frame has dropped a bad value already)."""
    return st.query_params.get(PRESENT_KEY) == ON


def neighbours(page_id: str) -> tuple[pages.PageInfo | None, pages.PageInfo | None]:
    """The steps before and after ``page_id`` in the course (home first), None at either end."""
    course = [pages.HOME, *pages.available()]
    ids = [page.page_id for page in course]
    if page_id not in ids:
        return None, None
    at = ids.index(page_id)
    return (course[at - 1] if at > 0 else None, course[at + 1] if at + 1 < len(course) else None)


def presentation_bar(current: Frame, params: dict[str, str]) -> None:
    """The mode's CSS, the previous/next links (with ``params``: language, example, present),
    the way out, and the keyboard listener; drawn at the top of the page."""
    st.html(PRESENT_CSS)  # style only: no visible element
    before, after = neighbours(current.page_id)
    with st.container(key=BAR_KEY, horizontal=True, vertical_alignment="center"):
        links: tuple[tuple[str, pages.PageInfo | None, str, str, Literal["left", "right"]], ...] = (
            (PREVIOUS_KEY, before, "present.previous", ":material/arrow_back:", "left"),
            (NEXT_KEY, after, "present.next", ":material/arrow_forward:", "right"),
        )
        for key, page, message, icon, side in links:
            if page is None:
                continue
            with st.container(key=key, width="content"):
                st.page_link(
                    page.script,
                    label=current.t(message, title=current.t(page.title_key)),
                    icon=icon,
                    icon_position=side,
                    query_params=params,
                )
        st.button(
            current.t("present.exit"),
            key="lowrank_present_exit",
            icon=":material/close:",
            type="tertiary",
            on_click=_set_mode,
            args=(False,),
        )
        for lang in i18n.LANGUAGES:  # the sidebar's switch is hidden: the bar offers the other
            if lang != current.lang:
                st.button(
                    i18n.LANGUAGE_NAMES[lang],
                    key=f"lowrank_present_lang_{lang}",
                    icon=":material/translate:",
                    type="tertiary",
                    help=current.t("present.language"),
                    on_click=_set_language,
                    args=(lang,),
                )
        st.caption(current.t("present.keys"))
    with st.sidebar:  # hidden in this mode: the listener takes no room
        _KEYS()  # unkeyed, as every component without state


def sidebar_switch(current: Frame) -> None:
    """The sidebar's button that turns presentation mode on for this page, keeping its URL."""
    st.button(
        current.t("present.enter"),
        key="lowrank_present_enter",
        icon="📽️",
        help=current.t("present.enter.help"),
        on_click=_set_mode,
        args=(True,),
    )


def _set_language(lang: str) -> None:
    """Switch the page's language in the URL, which the frame's language switch follows."""

    st.query_params[LANGUAGE_KEY] = lang


def _set_mode(on: bool) -> None:
    """Turn the mode on or off in the URL; the rest of the URL (the page's settings) stays."""
    if on:
        st.query_params[PRESENT_KEY] = ON
    elif PRESENT_KEY in st.query_params:
        del st.query_params[PRESENT_KEY]
