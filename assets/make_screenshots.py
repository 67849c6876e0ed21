"""Regenerate the README's screenshots, or take those of presentation mode.

``python assets/make_screenshots.py [lang]``: every existing page, in headless Chromium (needs
Chromium, see README), in ``lang`` (English by default), into assets/screenshots/.

``python assets/make_screenshots.py present``: every page in both languages with ``?present=1``
at 1280×720 and 1920×1080 (the first screen only: what a projector shows before scrolling) into
test-output/present/ (not committed), and for each a line saying where the page's main control
and its first number end, and whether both are in that first screen.

``python assets/make_screenshots.py screens``: every page in both languages, whole, on a phone
(390×844, touch) and a tablet (768×1024) into test-output/screens/ (not committed), and for each
a line saying whether the sidebar is open and whether the page is wider than the screen.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]

from e2e_support import (  # noqa: E402
    CHROMIUM_ARGS,
    chromium_path,
    first_screen_bottoms,
    start_server,
    wait_drawn,
    wait_idle,
)
from playwright.sync_api import Page, sync_playwright  # noqa: E402

from lowrank import i18n, pages  # noqa: E402

OUT = ROOT / "assets" / "screenshots"
PRESENT_OUT = ROOT / "test-output" / "present"
SCREENS_OUT = ROOT / "test-output" / "screens"
#: The projector sizes presentation mode is made for.
PRESENT_SIZES: tuple[tuple[int, int], ...] = ((1280, 720), (1920, 1080))
#: A phone and a tablet, in CSS pixels.
SCREEN_SIZES: tuple[tuple[int, int], ...] = ((390, 844), (768, 1024))
#: Whether the sidebar is open, and by how many px the page (or Streamlit's main area, which
#: scrolls by itself) is wider than the window.
_LAYOUT = """() => [
  document.querySelector("[data-testid='stSidebar']")?.getAttribute('aria-expanded') === 'true',
  Math.max(...[document.scrollingElement, document.querySelector("[data-testid='stMain']")]
    .filter(Boolean).map((e) => e.scrollWidth - e.clientWidth))]"""
#: The height of the whole page: Streamlit's main area scrolls inside the window.
_HEIGHT = """() => Math.max(document.scrollingElement.scrollHeight,
  document.querySelector("[data-testid='stMain']")?.scrollHeight ?? 0)"""
Report = Callable[[Page, str, int, int], str]


def fit_report(tab: Page, page_id: str, width: int, height: int) -> str:
    """Where the page's main control and first number end, and whether both are on screen."""
    control, number = first_screen_bottoms(tab, page_id)
    fits = all(y is None or y <= height for y in (control, number))
    verdict = "(first screen)" if fits else "(BELOW the first screen)"
    return f"control ends at {control}, first number at {number} {verdict}"


def layout_report(tab: Page, page_id: str, width: int, height: int) -> str:
    """Whether the sidebar covers the page, and any sideways overflow."""
    sidebar_open, overflow = tab.evaluate(_LAYOUT)
    return f"sidebar {'OPEN' if sidebar_open else 'closed'}, " + (
        f"{overflow} px WIDER than the screen" if overflow > 0 else "no sideways overflow"
    )


def shoot(
    out: Path, sizes, langs, query: str, report: Report | None = None, whole: bool = False
) -> None:
    """Every page × language × window size into ``out`` (the first screen, or the ``whole``
    page, on a touch screen for a phone's width); with ``report``, a line per shot."""
    out.mkdir(parents=True, exist_ok=True)
    server = start_server()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            for width, height in sizes:
                touch = width < 500
                tab = browser.new_page(
                    viewport={"width": width, "height": height}, is_mobile=touch, has_touch=touch
                )
                for lang in langs:
                    for page in (pages.HOME, *pages.available()):
                        path = "" if page is pages.HOME else page.url_path
                        tab.goto(f"{server.url}/{path}?lang={lang}{query}")
                        tab.wait_for_selector("h1", timeout=120_000)
                        wait_idle(tab, timeout=120_000)
                        wait_drawn(tab)
                        tab.wait_for_timeout(800)  # let charts finish their first paint
                        name = f"{page.page_id}-{lang}" + (f"-{width}x{height}" if report else "")
                        if report is not None:
                            print(f"{name}: {report(tab, page.page_id, width, height)}")
                        if whole:  # a window as tall as the page: one picture of all of it
                            tall = max(height, tab.evaluate(_HEIGHT))
                            tab.set_viewport_size({"width": width, "height": tall})
                            wait_idle(tab)
                        tab.screenshot(path=str(out / f"{name}.png"))
                        tab.set_viewport_size({"width": width, "height": height})
                        if report is None:
                            print("wrote", out / f"{name}.png")
                tab.close()
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    if sys.argv[1:] == ["present"]:
        shoot(PRESENT_OUT, PRESENT_SIZES, i18n.LANGUAGES, "&present=1", fit_report)
    elif sys.argv[1:] == ["screens"]:
        shoot(SCREENS_OUT, SCREEN_SIZES, i18n.LANGUAGES, "", layout_report, whole=True)
    else:
        shoot(OUT, ((1280, 860),), sys.argv[1:] or ["en"], "")
