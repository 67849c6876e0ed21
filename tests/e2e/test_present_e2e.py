"""Presentation mode in Chromium at a projector's 1280×720 (lowrank/ui/present.py): no sidebar,
type at least 1.25× larger, the keys ``]`` and ``[`` walking the course while keeping the URL's
mode and language, no key taken from a focused slider, and each page's main control and first
number in the first screen."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from e2e_support import (
    assert_axe_clean,
    assert_no_error,
    first_screen_bottoms,
    wait_drawn,
    wait_idle,
)
from playwright.sync_api import expect

from lowrank import pages

pytestmark = pytest.mark.e2e

#: A projector's screen (CSS pixels).
PROJECTOR = {"width": 1280, "height": 720}


@pytest.fixture
def tab(browser) -> Iterator:
    context = browser.new_context(viewport=PROJECTOR, locale="en-US")
    yield context.new_page()
    context.close()


def open_page(tab, url: str, title: str) -> None:
    """Go to ``url`` and wait until the page titled ``title`` has run and been drawn."""
    tab.goto(url)
    wait_title(tab, title)


def wait_title(tab, title: str) -> None:
    tab.locator("h1").filter(has_text=title).wait_for(timeout=120_000)
    wait_idle(tab, timeout=120_000)
    assert_no_error(tab)


def wait_keys(tab) -> None:
    """Wait until the keys can act: the listener is on and the bar's links are drawn (Streamlit
    loads an element's code on first use and shows a placeholder until then)."""
    tab.locator("html[data-lowrank-present-keys]").wait_for(state="attached", timeout=60_000)
    tab.locator(".st-key-lowrank_present_bar a[href]").first.wait_for(timeout=60_000)


def title_size(tab) -> float:
    """The font size of the page's title (its h1), in CSS px."""
    return tab.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")


def on_page(path: str) -> re.Pattern[str]:
    """A URL on ``path`` whose query keeps presentation mode and the English language."""
    return re.compile(rf"/{path}\?(?=.*\bpresent=1\b)(?=.*\blang=en\b)")


def test_present_hides_the_sidebar_and_enlarges_the_type(server, tab):
    open_page(tab, f"{server.url}/svd?lang=en", "S = UΣV")
    normal = title_size(tab)
    assert tab.get_by_test_id("stSidebar").is_visible()
    open_page(tab, f"{server.url}/svd?lang=en&present=1", "S = UΣV")
    # the mode's CSS is an element of the run too: wait for it to apply (it once came a frame late)
    tab.wait_for_function(
        "(size) => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize) >= size",
        arg=1.25 * normal,
        timeout=30_000,
    )
    for chrome in ("stSidebar", "stHeader", "stExpandSidebarButton", "stToolbar"):
        assert not tab.get_by_test_id(chrome).is_visible(), chrome
    main = tab.get_by_test_id("stMainBlockContainer").bounding_box()
    assert main is not None and main["x"] == 0 and main["width"] == PROJECTOR["width"]


def test_keys_walk_the_course_and_a_focused_slider_keeps_them(server, tab):
    open_page(tab, f"{server.url}/svd?lang=en&present=1", "S = UΣV")
    wait_keys(tab)
    tab.keyboard.press("]")
    tab.wait_for_url(on_page("reconstruct"), timeout=60_000)
    wait_title(tab, "Keep the largest singular values")
    wait_keys(tab)

    thumb = tab.locator(".st-key-k").get_by_role("slider")
    thumb.focus()
    tab.keyboard.press("]")  # the slider's own: no step change
    tab.keyboard.press("ArrowRight")  # a key the slider does take: k = 2, after the "]"
    # The numbers' block shows the move at once (k = 2 is its position 1).
    numbers = tab.locator("[data-testid='lowrankBlock'][data-block='rec_numbers']")
    expect(numbers).to_have_attribute("data-position", "1")
    tab.wait_for_url(re.compile(r"/reconstruct\?(?=.*\bk=2\b)"), timeout=60_000)
    wait_idle(tab, timeout=120_000)
    assert "/reconstruct?" in tab.url and "present=1" in tab.url

    tab.locator("h1").click()  # focus back on the page itself
    tab.keyboard.press("[")
    tab.wait_for_url(on_page("svd"), timeout=60_000)
    wait_title(tab, "S = UΣV")
    wait_keys(tab)
    tab.keyboard.press("[")
    tab.wait_for_url(on_page("geometry"), timeout=60_000)
    wait_title(tab, "on the unit circle")
    wait_keys(tab)
    tab.keyboard.press("[")
    tab.wait_for_url(re.compile(r"/\?(?=.*\bpresent=1\b)(?=.*\blang=en\b)"), timeout=60_000)
    wait_title(tab, "LowRank Lab")
    assert tab.locator(".st-key-lowrank_present_prev").count() == 0  # the first step


def test_exit_brings_the_sidebar_back_and_the_switch_turns_present_on(server, tab):
    open_page(tab, f"{server.url}/svd?lang=en&present=1", "S = UΣV")
    tab.get_by_role("button", name="Exit presentation mode").click()
    tab.wait_for_url(lambda url: "present" not in url and "lang=en" in url, timeout=60_000)
    wait_idle(tab, timeout=120_000)
    sidebar = tab.get_by_test_id("stSidebar")
    assert sidebar.is_visible()
    sidebar.get_by_role("button", name="Presentation mode").click()
    tab.wait_for_url(on_page("svd"), timeout=60_000)
    wait_idle(tab, timeout=120_000)
    assert not sidebar.is_visible()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_main_control_and_the_first_number_fit_the_first_screen(server, tab, axe_source, lang):
    """Every page on a projector: its main control and first number in the first screen, and
    (in English) no serious accessibility violation (test_every_screen_e2e.py's check)."""
    for page in pages.available():
        tab.goto(f"{server.url}/{page.url_path}?lang={lang}&present=1")
        tab.locator("h1").first.wait_for(timeout=120_000)
        wait_idle(tab, timeout=120_000)
        wait_drawn(tab)
        assert_no_error(tab)
        control, number = first_screen_bottoms(tab, page.page_id)
        assert control is not None, f"{page.page_id}: no main control"
        for what, bottom in (("main control", control), ("first number", number)):
            assert bottom is None or bottom <= PROJECTOR["height"], (page.page_id, what, bottom)
        if lang == "en":
            assert_axe_clean(tab, axe_source)


def test_the_bar_switches_the_language_keeping_the_mode_and_the_settings(server, tab):
    open_page(tab, f"{server.url}/reconstruct?lang=en&present=1&k=3", "Keep the largest")
    tab.get_by_role("button", name="中文").click()
    tab.wait_for_url(
        re.compile(r"/reconstruct\?(?=.*\blang=zh\b)(?=.*\bpresent=1\b)(?=.*\bk=3\b)"),
        timeout=60_000,
    )
    wait_title(tab, "保留最大的奇异值")
    tab.locator("html[lang='zh-CN']").wait_for(state="attached")
    assert tab.locator(".st-key-k").get_by_role("slider").input_value() == "3"
    tab.get_by_role("button", name="English").click()
    tab.wait_for_url(on_page("reconstruct"), timeout=60_000)
    wait_title(tab, "Keep the largest singular values")
