"""Tell the browser the page's language: ``<html lang>`` follows the language chosen.

Streamlit writes ``<html lang="en">`` whatever the page says; screen readers then read Chinese
with English rules, and browsers offer to translate a page that is already Chinese. This small
``st.components.v2`` component (no markup) sets the document's ``lang`` to ``zh-CN`` or ``en``.
"""

from __future__ import annotations

import streamlit as st

#: The BCP 47 tag of each app language.
HTML_LANG = {"zh": "zh-CN", "en": "en"}

_SET_LANG = st.components.v2.component(
    "lowrank_page_lang",
    js="export default function ({ data }) { document.documentElement.lang = data; }",
)


def set_page_language(lang: str) -> None:
    """Mount the component (in the sidebar, where it takes no room) for ``lang``."""
    with st.sidebar:
        _SET_LANG(data=HTML_LANG[lang])  # unkeyed: no state to keep
