"""Section 2 pages in a real browser: deep links, moving the sliders, the URL following them."""

from __future__ import annotations

import re

from e2e_support import assert_no_error, wait_idle


def slider(tab, label: str):
    """The slider (or select slider) whose label is exactly ``label`` (its aria group)."""
    return tab.get_by_role("group", name=label, exact=True)


def press(tab, label: str, *keys: str) -> None:
    """Focus a slider's thumb and press keys, as a keyboard user would."""
    slider(tab, label).get_by_role("slider").focus()
    for key in keys:
        tab.keyboard.press(key)


def shown_value(tab, label: str) -> str:
    """The value written on a slider's thumb."""
    return slider(tab, label).get_by_test_id("stSliderThumbValue").inner_text().strip()


def main_text(tab) -> str:
    return tab.locator("[data-testid='stMainBlockContainer']").inner_text()


def wait_text(tab, text: str, timeout: float = 30_000) -> None:
    """Wait until the rerun after an interaction shows ``text`` in the page's main area."""
    tab.get_by_test_id("stMainBlockContainer").get_by_text(text).first.wait_for(timeout=timeout)


def test_why_delta_w_deep_link_on_a_fresh_server(fresh_server, page):
    page.goto(f"{fresh_server.url}/why_delta_w?lang=en&k=12&layer=1")
    page.wait_for_selector("h1", timeout=120_000)
    page.wait_for_selector("[data-testid='stPlotlyChart']", timeout=120_000)
    wait_idle(page, timeout=120_000)
    assert_no_error(page)
    assert page.locator("h1").first.inner_text().strip() == "Why ΔW"
    assert "At k = 12:" in main_text(page)
    assert "k = 12, layer 1 only" in main_text(page)


def test_moving_the_rank_slider_updates_numbers_and_url(server, page):
    page.goto(f"{server.url}/why_delta_w?lang=en")
    page.wait_for_selector("[data-testid='stPlotlyChart']", timeout=120_000)
    wait_idle(page, timeout=120_000)
    assert shown_value(page, "rank k kept") == "8"
    press(page, "rank k kept", *["ArrowRight"] * 4)
    page.wait_for_url(re.compile(r"[?&]k=12"), timeout=30_000)
    wait_text(page, "At k = 12:")
    press(page, "rank k kept", "Home")
    page.wait_for_url(re.compile(r"[?&]k=1(&|$)"), timeout=30_000)
    wait_text(page, "At k = 1:")
    assert_no_error(page)
    page.locator("[data-testid='stSidebar'] button", has_text="中文").click()
    page.wait_for_url("**lang=zh**")
    wait_text(page, "在 k = 1 时")
    assert shown_value(page, "保留的秩 k") == "1"


def test_parameters_sliders_break_even_and_url(server, page):
    page.goto(f"{server.url}/parameters?lang=en")
    page.wait_for_selector("[data-testid='stPlotlyChart']", timeout=60_000)
    wait_idle(page)
    assert "r = 2 < 2.2" in main_text(page)
    press(page, "rank r", "ArrowRight")
    page.wait_for_url(re.compile(r"[?&]r=3"), timeout=30_000)
    wait_text(page, "r = 3 ≥ 2.2")
    text = main_text(page)
    assert "r = 3 ≥ 2.2" in text and "27" in text
    press(page, "d (rows of ΔW = outputs)", "End")
    page.wait_for_url(re.compile(r"[?&]d=14336"), timeout=30_000)
    wait_text(page, "r = 3 < 4.0")
    # 14336×4: break-even 57,344 / 14,340 ≈ 4.0, so r = 3 saves again (43,020 < 57,344)
    assert "r = 3 < 4.0" in main_text(page) and "43,020" in main_text(page)
    press(page, "d (rows of ΔW = outputs)", "Home")  # d = 2: r must drop to min(d, k) = 2
    page.wait_for_url(re.compile(r"[?&]d=2(&|$)"), timeout=30_000)
    wait_text(page, "r cannot exceed min(d, k) = 2")
    assert shown_value(page, "rank r") == "2"
    assert_no_error(page)


def test_parameters_real_model_link(server, page):
    page.goto(f"{server.url}/parameters?lang=en&model=gpt3&rank=4")
    page.wait_for_selector("[data-testid='stPlotlyChart']", timeout=60_000)
    wait_idle(page)
    text = main_text(page)
    assert "175,255.8M" in text and "37.7 MB" in text and "Table 4" in text
    assert_no_error(page)
