"""/choose_rank in Chromium: keys and a drag move k, and the block's numbers, sentence and chart
mark and the live picture follow, as the core computes them; the URL keeps k."""

from __future__ import annotations

import functools

from e2e_support import assert_no_error, wait_idle, wait_until
from playwright.sync_api import expect

from lowrank import i18n
from lowrank import rank_choice as rc
from lowrank.views import choose_rank as views

BLOCK = "[data-testid='lowrankBlock'][data-block='choose_rank_numbers']"
LIVE = "[data-testid='liveRank']"
SHOWN = """(root) => ({
  metrics: [...root.querySelectorAll('.lb-metric-value')].map((node) => node.textContent),
  sentence: root.querySelector('.lb-sentence').textContent,
})"""


@functools.cache
def expected_block():
    result = rc.denoise(rc.clean_signal("photo"), 30.0)
    return views.page_content(result, 0.9, "en").numbers


def expect_at(tab, k: int) -> None:
    """The block shows position k (its metrics and first sentence as the core gives them) and
    the live picture has drawn Yₖ."""
    root = tab.locator(BLOCK)
    expect(root).to_have_attribute("data-position", str(k - 1))
    shown = root.evaluate(SHOWN)
    at = expected_block().at(k)
    assert shown["metrics"] == list(at["metrics"].values())
    assert shown["sentence"] == at["sentences"][0].replace("**", "")
    expect(tab.locator(LIVE)).to_have_attribute("data-k", str(k))


def test_keys_and_a_drag_move_k_and_the_numbers_follow(server, browser) -> None:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.goto(f"{server.url}/choose_rank?lang=en&k=10")
    wait_idle(tab, timeout=120_000)
    assert_no_error(tab)
    expect_at(tab, 10)

    slider = tab.locator(".st-key-k input[type='range']")
    slider.focus()
    for _ in range(3):
        tab.keyboard.press("ArrowRight")
    expect_at(tab, 13)
    tab.wait_for_url("**k=13**")
    wait_idle(tab)
    expect_at(tab, 13)  # the rerun left the block at the slider's value

    thumb = slider.locator("xpath=../..").bounding_box()  # the input itself is hidden
    bar = tab.locator(".st-key-k [data-testid='stSliderTickBar']").bounding_box()
    assert thumb is not None and bar is not None
    x, y = thumb["x"] + thumb["width"] / 2, thumb["y"] + thumb["height"] / 2
    root = tab.locator(BLOCK)
    tab.mouse.move(x, y)
    tab.mouse.down()
    tab.mouse.move(x + bar["width"] * 0.2, y, steps=10)
    # while the button is still down, the block has followed the thumb past 13
    wait_until(tab, lambda: int(root.get_attribute("data-position") or 0) > 20, "the drag")
    tab.mouse.up()
    k = int(slider.input_value())
    assert k > 21
    tab.wait_for_url(f"**k={k}**", timeout=60_000)  # the value reached Python on release
    wait_idle(tab)
    expect_at(tab, k)
    label = i18n.t("choose_rank.download_png", "en", k=k)
    expect(tab.get_by_text(label)).to_be_visible()
    assert_no_error(tab)
    tab.close()
