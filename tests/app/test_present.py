"""Presentation mode (``?present=1``, lowrank/ui/present.py) through AppTest: its CSS, the bar's
previous/next links, every link keeping the mode, the switches in and out, a bad value."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from apptest_support import open_page, shown_text
from streamlit.testing.v1 import AppTest

from lowrank import i18n, pages
from lowrank.ui import present


def styles(app: AppTest) -> list[str]:
    """The bodies of the run's ``st.html`` elements (the pages' CSS)."""
    return [element.proto.body for element in app.get("html")]


def links(app: AppTest) -> dict[str, dict[str, list[str]]]:
    """Every page link of the run: its label and its query parameters."""
    return {link.proto.label: parse_qs(link.proto.query_string) for link in app.get("page_link")}


def open_svd(**params: str) -> AppTest:
    return open_page(pages.by_id("svd").script, **params)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_present_puts_the_css_and_the_bar_in(lang):
    app = open_svd(lang=lang, present="1")
    assert not app.exception
    assert present.PRESENT_CSS in styles(app)
    assert "html{font-size:125%}" in present.PRESENT_CSS  # the type at 1.25× (rem-based)
    course = [pages.HOME, *pages.available()]
    at = course.index(pages.by_id("svd"))
    before, after = course[at - 1], course[at + 1]  # /geometry and /reconstruct
    labels = set(links(app))
    assert i18n.t("present.previous", lang, title=i18n.t(before.title_key, lang)) in labels
    assert i18n.t("present.next", lang, title=i18n.t(after.title_key, lang)) in labels
    assert app.button(key="lowrank_present_exit").label == i18n.t("present.exit", lang)
    assert i18n.t("present.keys", lang) in [caption.value for caption in app.caption]
    assert not [button for button in app.button if button.key == "lowrank_present_enter"]
    assert not app.warning


def test_every_link_keeps_present_and_the_language():
    app = open_svd(lang="en", present="1")
    found = links(app)
    assert len(found) == len(pages.available()) + 1 + 2  # the sidebar's, then previous and next
    for label, params in found.items():
        assert params.get("present") == ["1"], label
        assert params.get("lang") == ["en"], label


def test_the_home_pages_path_keeps_present():
    app = open_page("app.py", lang="zh", present="1")
    assert not app.exception
    for page in pages.available():
        assert links(app)[i18n.t(page.title_key, "zh")]["present"] == ["1"]


def test_without_present_no_css_and_the_sidebar_offers_the_mode():
    app = open_svd(lang="en")
    assert present.PRESENT_CSS not in styles(app)
    switch = app.button(key="lowrank_present_enter")
    assert switch.label == i18n.t("present.enter", "en")
    assert all("present" not in params for params in links(app).values())
    switch.click().run()
    assert not app.exception
    assert app.query_params["present"] == "1"
    assert app.query_params["lang"] == "en"
    assert present.PRESENT_CSS in styles(app)


def test_exit_drops_present_and_keeps_the_rest_of_the_url():
    app = open_svd(lang="en", present="1", full="true")
    app.button(key="lowrank_present_exit").click().run()
    assert not app.exception
    assert "present" not in app.query_params
    assert app.query_params["lang"] == "en"
    assert app.query_params["full"] == "true"
    assert app.toggle(key="full").value is True
    assert present.PRESENT_CSS not in styles(app)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_a_bad_value_is_reported_and_ignored(lang):
    app = open_svd(lang=lang, present="yes")
    assert not app.exception
    expected = i18n.t("url.invalid", lang, name="present", value="yes")
    assert expected in [warning.value for warning in app.warning]
    assert "present" not in app.query_params
    assert present.PRESENT_CSS not in styles(app)
    app.toggle(key="full").set_value(True).run()  # the page keeps working
    assert not app.exception
    assert i18n.t("svd.shapes.full", lang, d=8, k=6, p=6) in shown_text(app)


def test_present_zero_is_off_without_a_note():
    app = open_svd(lang="en", present="0")
    assert not app.exception
    assert not app.warning
    assert present.PRESENT_CSS not in styles(app)


def test_neighbours_walk_the_course_from_home():
    course = [pages.HOME, *pages.available()]
    assert present.neighbours("home") == (None, course[1])
    assert present.neighbours(course[-1].page_id) == (course[-2], None)
    for before, page, after in zip(course, course[1:], course[2:], strict=False):
        assert present.neighbours(page.page_id) == (before, after)
