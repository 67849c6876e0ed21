"""The block renderer in Chromium: it draws the payload at the slider's position, follows a key
press at once, keeps what it drew when the rerun sends the same payload, shows hover values.

The component draws in a shadow root: Playwright's locators reach into it, ``document`` does not.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from e2e_support import Server, press_right, start_server, wait_idle
from playwright.sync_api import expect

BLOCK = "[data-testid='lowrankBlock']"
SHOWN = """(root) => ({
  metric: root.querySelector('.lb-metric-value').textContent,
  sentence: root.querySelector('.lb-sentence').innerHTML,
  label: root.querySelector('svg').getAttribute('aria-label'),
  note: root.querySelector('.lb-note').textContent,
  mark: Number(root.querySelector('.lb-mark').getAttribute('x1')),
  markLabel: root.querySelectorAll('.lb-mark-label')[1].textContent,
  dropped: root.querySelectorAll('.lb-dropped').length,
})"""


@pytest.fixture(scope="module")
def block_server(chromium_executable: str) -> Iterator[Server]:
    running = start_server("tests/e2e/apps/block_app.py")
    yield running
    running.stop()


def test_the_block_follows_the_slider_and_the_rerun_leaves_it_alone(
    block_server: Server, browser
) -> None:
    tab = browser.new_page(viewport={"width": 900, "height": 900})
    tab.goto(f"{block_server.url}/?k=5")
    root = tab.locator(BLOCK)
    expect(root).to_have_attribute("data-position", "4")
    wait_idle(tab)
    shown = root.evaluate(SHOWN)
    assert shown["metric"] == "25"
    assert shown["sentence"] == "At <strong>k = 5</strong> the curve is <em>2</em>."
    assert shown["label"] == "mark at k = 5"
    assert (shown["note"], shown["markLabel"], shown["dropped"]) == ("5·5", "k = 5", 12 - 5)
    root.locator("svg").first.evaluate("(svg) => (svg.dataset.first = 'yes')")

    press_right(tab, "k")
    expect(root).to_have_attribute("data-position", "5")
    moved = root.evaluate(SHOWN)
    assert moved["metric"] == "36" and moved["mark"] > shown["mark"]
    assert (moved["note"], moved["markLabel"], moved["dropped"]) == ("6·6", "k = 6", 12 - 6)
    tab.get_by_text("rerun saw k = 6").wait_for()
    wait_idle(tab)
    assert root.locator("svg").first.get_attribute("data-first") == "yes", (
        "the rerun redrew the block"
    )
    assert root.evaluate(SHOWN) == moved
    tab.close()


def test_hovering_the_chart_shows_the_nearest_points_value(block_server: Server, browser) -> None:
    tab = browser.new_page(viewport={"width": 900, "height": 900})
    tab.goto(f"{block_server.url}/?k=3")
    root = tab.locator(BLOCK)
    expect(root).to_have_attribute("data-position", "2")
    tick = root.locator("svg text", has_text="6").first.bounding_box()  # the x axis' tick "6"
    plot = root.locator("svg").first.bounding_box()
    tab.mouse.move(tick["x"] + tick["width"] / 2, plot["y"] + plot["height"] / 2)
    tip = root.locator(".lb-tip").first
    expect(tip).to_be_visible()
    assert tip.inner_text() == "k 6 · (k − 6)² + 1 1"
    tab.close()


def test_a_line_width_a_veil_over_the_dropped_part_a_two_part_alt_and_the_help_sign(
    block_server: Server, browser
) -> None:
    tab = browser.new_page(viewport={"width": 900, "height": 900})
    tab.goto(f"{block_server.url}/?k=4")
    root = tab.locator(BLOCK)
    expect(root).to_have_attribute("data-position", "3")
    shown = root.evaluate(
        """(root) => {
          const svg = root.querySelectorAll('svg[role="img"]')[2];
          const veil = svg.querySelector('.lb-veil');
          return {
            width: svg.querySelector('polyline').getAttribute('stroke-width'),
            firstWidth: root.querySelector('polyline').getAttribute('stroke-width'),
            veil: [Number(veil.getAttribute('x')), Number(veil.getAttribute('width'))],
            mark: Number(svg.querySelector('.lb-mark').getAttribute('x1')),
            right: Number(svg.getAttribute('width')) - 14,
            label: svg.getAttribute('aria-label'),
            barsVeiled: !!root.querySelectorAll('svg[role="img"]')[1].querySelector('.lb-veil'),
            help: root.querySelectorAll('.lb-metric-label .lb-help').length,
            columns: getComputedStyle(root.querySelector('.lb-metrics')).gridTemplateColumns
              .split(' ').length,
          };
        }"""
    )
    assert (shown["width"], shown["firstWidth"]) == ("3", "2")  # 2 px unless the series says
    assert shown["veil"] == [shown["mark"], shown["right"] - shown["mark"]]  # mark → right edge
    assert not shown["barsVeiled"]  # bars fade themselves
    assert shown["label"] == "Twelve values, falling. 4 kept."
    assert shown["help"] == 1 and shown["columns"] == 2
    press_right(tab, "k")
    expect(root.locator("svg[role='img']").nth(2)).to_have_attribute(
        "aria-label", "Twelve values, falling. 5 kept."
    )
    tab.close()
