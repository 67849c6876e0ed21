"""A phone's browser (390×844, touch) and what every page must do on it (issue 16's screens)."""

from __future__ import annotations

from e2e_support import wait_idle

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


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


def assert_fits_the_phone(tab) -> None:
    """The sidebar starts closed over the content and nothing makes the page scroll sideways (a
    wide markdown table scrolls in its own box); every formula fits and no chart toolbar covers a
    chart's title."""
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
    # overhang their box by 2 px), and no chart's toolbar covers its title (Plotly shows it all
    # the time on a touch screen)
    overflowing = tab.evaluate(
        """() => [...document.querySelectorAll('.katex-display')]
            .filter((formula) => formula.scrollWidth > formula.clientWidth + 4)
            .map((formula) => formula.textContent.slice(0, 40))"""
    )
    assert overflowing == []
    toolbars = tab.locator(".js-plotly-plot .modebar-container")
    assert all(not toolbars.nth(i).is_visible() for i in range(toolbars.count()))
