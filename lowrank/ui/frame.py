"""The frame every page calls first: page config, language, translated sidebar navigation.

The app runs in Streamlit's file-based ``pages/`` mode with the built-in navigation hidden
(``client.showSidebarNavigation = false``) and draws its own with ``st.page_link``, so the labels
follow the chosen language and deep links work on a freshly started server (ARCHITECTURE.md,
"Multipage").
With ``?present=1`` it draws the page for a projector instead (:mod:`lowrank.ui.present`).
"""

from __future__ import annotations

import streamlit as st

from lowrank import i18n, pages
from lowrank.ui import present, warm
from lowrank.ui.page_lang import set_page_language
from lowrank.ui.page_state import LANGUAGE_KEY, Frame
from lowrank.ui.reconnect import rerun_on_reconnect
from lowrank.ui.widgets import check_query_param, is_one_of, url_choice

#: Page-wide CSS. A markdown table wider than the screen (a phone) scrolls inside its own box
#: instead of making the whole page scroll sideways. Whatever the keyboard focuses gets one clear
#: ring, 3 px in the theme's blue (Streamlit's own marks are faint or absent: the sidebar's links,
#: a select box's text field, the charts' buttons); a select box wears it on its whole box. On a
#: phone, where Plotly shows its toolbar all the time and it covers the charts' titles, the toolbar
#: is hidden (pinch and drag still zoom; the pages have their own downloads).
PAGE_CSS = (  # a literal: st.html gets nothing built at run time (tests/app/test_bad_input.py)
    "<style>.stMarkdown table{display:block;max-width:100%;overflow-x:auto}"
    ":focus-visible{outline:3px solid #0b57d0!important;outline-offset:2px!important}"
    '[data-baseweb="select"]:has(input:focus-visible)'
    "{outline:3px solid #0b57d0!important;outline-offset:2px!important;border-radius:0.5rem}"
    '[data-baseweb="select"] input:focus-visible{outline:none!important}'
    "@media (max-width:640px){.js-plotly-plot .modebar-container{display:none!important}}</style>"
)


def frame(page_id: str) -> Frame:
    """Set up the page ``page_id`` (see :mod:`lowrank.pages`) and return its :class:`Frame`."""
    warm.ready()  # before the page draws anything: see lowrank/ui/warm.py
    page = pages.by_id(page_id)
    st.set_page_config(page_icon=page.icon, layout="wide", initial_sidebar_state="auto")
    raw = st.query_params.get(LANGUAGE_KEY)
    fallback = Frame(
        raw if raw in i18n.LANGUAGES else i18n.language_from_locale(st.context.locale), page_id
    )
    check_query_param(fallback, LANGUAGE_KEY, is_one_of(i18n.LANGUAGES))  # noted in the page
    check_query_param(fallback, present.PRESENT_KEY, is_one_of(present.VALUES))  # then off
    with st.sidebar:
        lang = url_choice(
            fallback,
            i18n.t("frame.language", fallback.lang),
            i18n.LANGUAGES,
            LANGUAGE_KEY,
            default=fallback.lang,
            format_func=i18n.LANGUAGE_NAMES.__getitem__,
            widget=st.segmented_control,
            always_in_url=True,
            required=True,
        )
    current = Frame(lang, page_id, present.is_on())
    st.set_page_config(page_title=f"{current.t(page.title_key)} · LowRank Lab")
    st.html(PAGE_CSS)  # style only: Streamlit adds it to the page without a visible element
    if current.presenting:  # before the page's own elements: the bar sits at the top
        present.presentation_bar(current, link_params(current))
    with st.sidebar:
        _navigation(current)
        if not current.presenting:
            present.sidebar_switch(current)
        st.divider()
        st.caption(current.t("frame.footer"))
        rerun_on_reconnect()
    set_page_language(lang)
    return current


def carried_params() -> dict[str, str]:
    """Query parameters that a link to another page keeps (language, example, presentation)."""
    return {name: st.query_params[name] for name in pages.CARRIED_PARAMS if name in st.query_params}


def link_params(current: Frame) -> dict[str, str]:
    """The query parameters of a link to another page: :func:`carried_params`, and the language
    even before its widget has written it to the URL."""
    return {**carried_params(), LANGUAGE_KEY: current.lang}


def _navigation(current: Frame) -> None:
    """The sidebar: app name, then the path through the note's sections, page by page."""
    st.markdown(f"### {current.t('app.name')}")
    st.caption(current.t("app.tagline"))
    params = link_params(current)
    st.page_link(
        pages.HOME.script,
        label=current.t(pages.HOME.title_key),
        icon=pages.HOME.icon,
        query_params=params,
    )
    available = pages.available()
    for section in pages.SECTIONS:
        in_section = [page for page in available if page.section == section]
        if not in_section:
            continue
        st.caption(current.t(f"section.{section}.title"))
        for page in in_section:
            st.page_link(
                page.script, label=current.t(page.title_key), icon=page.icon, query_params=params
            )
