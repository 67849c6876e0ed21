"""The frame every page calls first: page config, language, translated sidebar navigation.

The app runs in Streamlit's file-based ``pages/`` mode with the built-in navigation hidden
(``client.showSidebarNavigation = false``) and draws its own with ``st.page_link``, so the labels
follow the chosen language and deep links work on a freshly started server (see design.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lowrank import i18n, pages
from lowrank.ui import warm

#: Page-wide CSS. A markdown table wider than the screen (a phone) scrolls inside its own box
#: instead of making the whole page scroll sideways.
PAGE_CSS = "<style>.stMarkdown table{display:block;max-width:100%;overflow-x:auto}</style>"

#: The query parameter holding the language; always present in the URL so shared links agree.
LANGUAGE_KEY = "lang"


@dataclass(frozen=True)
class Frame:
    """What a page needs from the frame: its id, the language and a translator bound to it."""

    lang: str
    page_id: str = ""

    def t(self, key: str, **params: object) -> str:
        """The catalogue message ``key`` in this page's language."""
        return i18n.t(key, self.lang, **params)


def frame(page_id: str) -> Frame:
    """Set up the page ``page_id`` (see :mod:`lowrank.pages`) and return its :class:`Frame`."""
    from lowrank.ui.page_lang import set_page_language
    from lowrank.ui.reconnect import rerun_on_reconnect
    from lowrank.ui.widgets import check_query_param, is_one_of, url_choice

    warm.ready()  # before the page draws anything: see lowrank/ui/warm.py
    page = pages.by_id(page_id)
    st.set_page_config(page_icon=page.icon, layout="wide", initial_sidebar_state="auto")
    raw = st.query_params.get(LANGUAGE_KEY)
    fallback = Frame(
        raw if raw in i18n.LANGUAGES else i18n.language_from_locale(st.context.locale), page_id
    )
    check_query_param(fallback, LANGUAGE_KEY, is_one_of(i18n.LANGUAGES))  # noted in the page
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
    current = Frame(lang, page_id)
    st.set_page_config(page_title=f"{current.t(page.title_key)} · LowRank Lab")
    st.html(PAGE_CSS)  # style only: Streamlit adds it to the page without a visible element
    with st.sidebar:
        _navigation(current)
        rerun_on_reconnect()
    set_page_language(lang)
    return current


def carried_params() -> dict[str, str]:
    """Query parameters that a link to another page keeps (language, chosen example)."""
    return {name: st.query_params[name] for name in pages.CARRIED_PARAMS if name in st.query_params}


def _navigation(current: Frame) -> None:
    """The sidebar: app name, then the path through the note's sections, page by page."""
    st.markdown(f"### {current.t('app.name')}")
    st.caption(current.t("app.tagline"))
    params = carried_params()
    params.setdefault(LANGUAGE_KEY, current.lang)
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
    st.divider()
    st.caption(current.t("frame.footer"))
