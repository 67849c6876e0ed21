"""The home page with Streamlit's AppTest: both languages, the switch, bad ?lang=."""

from __future__ import annotations

import pytest
from apptest_support import open_page
from streamlit.testing.v1 import AppTest

from lowrank import i18n, pages


def open_home(**params: str) -> AppTest:
    return open_page("app.py", **params)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_home_renders_in_each_language(lang):
    app = open_home(lang=lang)
    assert not app.exception
    assert app.title[0].value == i18n.t("app.name", lang)
    shown = " ".join(m.value for m in app.markdown)
    assert i18n.t("home.hero", lang) in shown
    assert app.query_params["lang"] == lang
    assert not app.warning


def test_home_links_every_existing_page_and_no_other():
    app = open_home(lang="en")
    links = app.get("page_link")
    labels = {link.proto.label for link in links}
    for page in pages.PAGES:
        assert (i18n.t(page.title_key, "en") in labels) == page.exists()


def test_language_switch_changes_text_and_url():
    app = open_home(lang="zh")
    app.button_group(key="lang__choice").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == i18n.t("app.name", "en")
    assert app.query_params["lang"] == "en"


def test_unknown_language_falls_back_with_a_note():
    app = open_home(lang="klingon")
    assert not app.exception
    assert app.title[0].value == i18n.t("app.name", "zh")
    assert any("klingon" in w.value for w in app.warning)
    assert app.query_params["lang"] == "zh"


def test_without_lang_the_default_is_chinese_and_written_to_the_url():
    app = open_home()
    assert app.title[0].value == i18n.t("app.name", "zh")
    assert app.query_params["lang"] == "zh"
