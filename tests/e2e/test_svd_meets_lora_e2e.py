"""/svd_meets_lora in a real browser: the three comparisons drawn, the rank slider and the rsLoRA
switch rerun them, a progress bar shows while a new rank's starts are trained."""

from __future__ import annotations

from e2e_support import HeldAnswers, assert_no_error, main_text, press_right, wait_idle, wait_text
from playwright.sync_api import expect

from lowrank import i18n


def open_page(tab, server, query: str) -> None:
    tab.goto(f"{server.url}/svd_meets_lora?{query}")
    tab.wait_for_selector("h1", timeout=120_000)
    wait_idle(tab, timeout=120_000)
    assert_no_error(tab)


def test_the_three_comparisons_are_drawn(server, page):
    open_page(page, server, "lang=en")
    body = main_text(page)
    for key in ("sml.starts.header", "sml.intr.header", "sml.grid.header"):
        assert i18n.t(key, "en") in body
    assert "2r = 8" in body
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(4)
    grid = charts.filter(has_text=i18n.t("sml.grid.title", "en"))
    expect(grid).to_have_count(1)
    expect(grid.get_by_text("r = 32", exact=True)).to_have_count(1)
    expect(page.get_by_role("button", name=i18n.t("sml.download.grid", "en"))).to_be_visible()


def test_a_new_rank_and_rslora_rerun_with_a_progress_bar(server, page):
    answers = HeldAnswers(page)  # never held: it records what the server sends
    open_page(page, server, "lang=zh&r=16")
    wait_text(page, "2r = 32")
    page.get_by_text(i18n.t("sml.rslora", "zh")).click()
    wait_text(page, i18n.t("sml.grid.flat", "zh"), timeout=120_000)
    wait_idle(page, timeout=120_000)
    assert "rslora=true" in page.url  # its map is the stored one: no progress bar needed
    press_right(page, "r")
    wait_text(page, "2r = 64", timeout=120_000)
    assert "r=32" in page.url
    # r = 16 and r = 32 were new settings for the four starts: trained under a progress bar
    progress = i18n.t("sml.progress.starts", "zh").encode()
    assert any(progress in message for message in answers.received)
    assert_no_error(page)
