"""A phone (390×844, touch): every page starts with the sidebar closed over its content and
nothing makes the page scroll sideways (a wide markdown table scrolls in its own box), every
formula fits and no chart toolbar covers a chart's title; a finger dragging the rank slider
redraws the photograph as it moves; a desktop
window still starts with the sidebar open (the page frame asks for ``"auto"``).
"""

from __future__ import annotations

import pytest
from e2e_support import assert_no_error, wait_idle

from lowrank import pages

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PATHS = ["/", *(f"/{page.url_path}" for page in pages.PAGES)]


def wait_sidebar(tab, on_screen: bool) -> None:
    """Wait until the sidebar is drawn on screen (its right edge inside the window) or off it."""
    tab.wait_for_function(
        """(onScreen) => {
            const sidebar = document.querySelector("[data-testid='stSidebar']");
            if (!sidebar) return false;
            return (sidebar.getBoundingClientRect().right > 0) === onScreen;
        }""",
        arg=on_screen,
        timeout=60_000,
    )


def open_on_phone(browser, url: str, locale: str):
    """A phone's browser context and its tab, on ``url`` once the page has run and been drawn
    (the caller closes the context)."""
    context = browser.new_context(locale=locale, **PHONE)
    tab = context.new_page()
    tab.goto(url)
    tab.wait_for_selector("h1", timeout=120_000)
    wait_idle(tab, timeout=120_000)
    return context, tab


@pytest.mark.parametrize("path", PATHS)
def test_a_phone_starts_with_the_sidebar_closed(server, browser, path: str) -> None:
    context, tab = open_on_phone(browser, f"{server.url}{path}", "zh-CN")
    try:
        assert_no_error(tab)
        wait_sidebar(tab, on_screen=False)
        box = tab.locator("h1").first.bounding_box()  # the title is inside the screen
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1
        # /parameters' module table was 164 px wider than the screen
        tab.wait_for_function(
            """() => {
                const main = document.querySelector("[data-testid='stMain']");
                return main && main.scrollWidth <= main.clientWidth + 1;
            }""",
            timeout=30_000,
        )
        # Every formula fits the screen (the home page's ran 70 px off it; KaTeX's italics may
        # overhang their box by 2 px), and no chart's toolbar
        # covers its title (Plotly shows it all the time on a touch screen)
        overflowing = tab.evaluate(
            """() => [...document.querySelectorAll('.katex-display')]
                .filter((formula) => formula.scrollWidth > formula.clientWidth + 4)
                .map((formula) => formula.textContent.slice(0, 40))"""
        )
        assert overflowing == []
        toolbars = tab.locator(".js-plotly-plot .modebar-container")
        assert all(not toolbars.nth(i).is_visible() for i in range(toolbars.count()))
    finally:
        context.close()


def test_a_desktop_window_starts_with_the_sidebar_open(server, page) -> None:
    page.goto(f"{server.url}/svd?lang=en")
    page.wait_for_selector("h1", timeout=120_000)
    wait_idle(page, timeout=120_000)
    wait_sidebar(page, on_screen=True)


#: The rank the photograph's live view shows (its root sits in the component's shadow root).
_LIVE_K = """() => [...document.querySelectorAll('[data-testid="stBidiComponentIsolated"]')]
  .map((host) => host.shadowRoot?.querySelector('.lr-root')).find(Boolean)?.dataset.k ?? null"""


def test_a_finger_drag_on_the_rank_slider_redraws_the_photo_as_it_moves(server, browser) -> None:
    context, tab = open_on_phone(browser, f"{server.url}/image?lang=en", "en-US")
    try:
        tab.wait_for_function(f"() => ({_LIVE_K})() === '20'", timeout=60_000)
        slider = tab.locator(".st-key-k input[type='range']")
        slider.scroll_into_view_if_needed()
        thumb = slider.locator("xpath=../..").bounding_box()  # the input itself is hidden
        bar = tab.locator(".st-key-k [data-testid='stSliderTickBar']").bounding_box()
        assert thumb is not None and bar is not None
        start, y = thumb["x"] + thumb["width"] / 2, thumb["y"] + thumb["height"] / 2
        touch = context.new_cdp_session(tab)

        def finger(kind: str, x: float) -> None:
            points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
            touch.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

        finger("touchStart", start)
        for step in range(1, 21):
            finger("touchMove", start + step * bar["width"] * 0.3 / 20)
        # While the finger is still down, the live view has followed it far past 20
        tab.wait_for_function(f"() => Number(({_LIVE_K})()) > 100", timeout=30_000)
        assert "k=" not in tab.url  # Python has not been asked yet
        finger("touchEnd", 0)
        tab.wait_for_url("**k=*", timeout=60_000)
        wait_idle(tab, timeout=120_000)
        assert_no_error(tab)
        assert tab.evaluate(_LIVE_K) == slider.input_value()
    finally:
        context.close()
