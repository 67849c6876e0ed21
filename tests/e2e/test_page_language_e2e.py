"""``<html lang>`` follows the chosen language (screen readers, browser translation offers)."""

from __future__ import annotations

import pytest
from e2e_support import wait_idle

pytestmark = pytest.mark.e2e


def wait_lang(tab, expected: str) -> None:
    tab.wait_for_function(
        "(lang) => document.documentElement.lang === lang", arg=expected, timeout=60_000
    )


def test_html_lang_follows_the_language_choice(server, page) -> None:
    page.goto(f"{server.url}/reconstruct?lang=zh")
    page.wait_for_selector("h1", timeout=120_000)
    wait_idle(page, timeout=120_000)
    wait_lang(page, "zh-CN")
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    wait_lang(page, "en")
    page.get_by_test_id("stSidebar").get_by_text("中文", exact=True).click()
    wait_lang(page, "zh-CN")
