"""Regenerate the README's screenshots: every existing page, in headless Chromium, in English.

Run: ``python assets/make_screenshots.py`` (needs Chromium, see README). Writes assets/screenshots/.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]

from e2e_support import CHROMIUM_ARGS, chromium_path, start_server, wait_idle  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from lowrank import pages  # noqa: E402

OUT = ROOT / "assets" / "screenshots"


def main(lang: str = "en") -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    server = start_server()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            tab = browser.new_page(viewport={"width": 1280, "height": 860})
            for page in (pages.HOME, *pages.available()):
                path = "" if page is pages.HOME else page.url_path
                tab.goto(f"{server.url}/{path}?lang={lang}")
                wait_idle(tab)
                tab.wait_for_timeout(800)  # let charts finish their first paint
                tab.screenshot(path=str(OUT / f"{page.page_id}-{lang}.png"))
                print("wrote", OUT / f"{page.page_id}-{lang}.png")
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main(*sys.argv[1:])
