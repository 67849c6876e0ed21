"""A phone (390×844, touch): every page starts with the sidebar closed over its content and
nothing makes the page scroll sideways (a wide markdown table scrolls in its own box); a desktop
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


@pytest.mark.parametrize("path", PATHS)
def test_a_phone_starts_with_the_sidebar_closed(server, browser, path: str) -> None:
    context = browser.new_context(locale="zh-CN", **PHONE)
    tab = context.new_page()
    try:
        tab.goto(f"{server.url}{path}")
        tab.wait_for_selector("h1", timeout=120_000)
        wait_idle(tab, timeout=120_000)
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
    finally:
        context.close()


def test_a_desktop_window_starts_with_the_sidebar_open(server, page) -> None:
    page.goto(f"{server.url}/svd?lang=en")
    page.wait_for_selector("h1", timeout=120_000)
    wait_idle(page, timeout=120_000)
    wait_sidebar(page, on_screen=True)
