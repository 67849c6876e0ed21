"""The block renderer in Chromium: it draws the payload at the slider's position, follows a key
press at once, keeps what it drew when the rerun sends the same payload, shows hover values.

The component draws in a shadow root: Playwright's locators reach into it, ``document`` does not.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import pairwise

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


def served(app: str) -> Iterator[Server]:
    """A server of the test app ``tests/e2e/apps/<app>.py`` for one module's tests."""
    running = start_server(f"tests/e2e/apps/{app}.py")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def block_server(chromium_executable: str) -> Iterator[Server]:
    yield from served("block_app")


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


def test_a_metrics_help_opens_by_keyboard_and_by_touch(block_server: Server, browser) -> None:
    """The "?" after a metric's label is a button: Enter or a tap shows the help under the
    metric and says so (aria-expanded); again hides it. The label's text stays the label."""
    tab = browser.new_page(viewport={"width": 900, "height": 900}, has_touch=True)
    tab.goto(f"{block_server.url}/?k=5")
    root = tab.locator(BLOCK)
    expect(root).to_have_attribute("data-position", "4")
    help_button = root.get_by_role("button", name="k squared")
    expect(help_button).to_have_attribute("aria-expanded", "false")
    assert root.locator(".lb-metric-label").text_content() == "k squared"
    help_button.focus()
    tab.keyboard.press("Enter")
    expect(root.locator(".lb-help-text")).to_have_text("k times k")
    expect(help_button).to_have_attribute("aria-expanded", "true")
    help_button.tap()
    expect(root.locator(".lb-help-text")).to_be_hidden()
    expect(help_button).to_have_attribute("aria-expanded", "false")
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


@pytest.fixture(scope="module")
def log_server(chromium_executable: str) -> Iterator[Server]:
    yield from served("block_log_app")


#: The log chart as drawn: x ticks (value, pixel), each curve's own mark line and dot, the mark
#: labels (text, y), the levels' lines and labels (y), whether a chart mark is drawn.
LOG_DRAWN = """(root) => {
  const svg = root.querySelector('svg');
  const n = (node, name) => Number(node.getAttribute(name));
  return {
    first: root.firstElementChild.className,
    swatch: getComputedStyle(root.querySelector('.lb-metric-label .lb-swatch')).backgroundColor,
    ticks: [...svg.querySelectorAll('g.lb-axes text[text-anchor=middle]:not(.lb-label)')]
      .map((t) => [Number(t.textContent), n(t, 'x')]),
    own: [...svg.querySelectorAll('.lb-own-mark')].map((line) => n(line, 'x1')),
    dots: [...svg.querySelectorAll('.lb-dot')].map((dot) => n(dot, 'cx')),
    labels: [...svg.querySelectorAll('.lb-mark-label')].filter((t) => t.textContent)
      .map((t) => [t.textContent, n(t, 'y')]),
    levels: [...svg.querySelectorAll('.lb-level')].map((line) => n(line, 'y1')),
    levelLabels: [...svg.querySelectorAll('.lb-line-label')].map((t) => [t.textContent, n(t, 'y')]),
    chartMark: svg.querySelectorAll('.lb-mark').length,
  };
}"""


def test_a_log_axis_with_levels_and_a_mark_per_curve(log_server: Server, browser) -> None:
    tab = browser.new_page(viewport={"width": 900, "height": 900})
    tab.goto(f"{log_server.url}/?k=2")
    root = tab.locator(BLOCK)
    expect(root).to_have_attribute("data-position", "1")
    wait_idle(tab)
    drawn = root.evaluate(LOG_DRAWN)
    assert drawn["first"] == "lb-sentence"  # the sentence before the metrics
    assert drawn["swatch"] == "rgb(214, 39, 40)"  # the metric's swatch: #d62728
    assert [value for value, _ in drawn["ticks"]] == [1, 2, 4, 8, 16]
    pixels = [px for _, px in drawn["ticks"]]
    steps = [b - a for a, b in pairwise(pixels)]
    assert max(steps) - min(steps) < 0.5  # powers of two equally spaced: a log axis

    def at(value: float) -> float:  # where the ticks put a value: 1 at pixels[0], ×2 a step
        return pixels[0] + math.log2(value) * steps[0]

    assert drawn["own"] == pytest.approx([at(2), at(4)], abs=0.5)  # each curve at its own x
    assert drawn["dots"] == pytest.approx([at(2), at(4)], abs=0.5)
    assert drawn["chartMark"] == 0  # no chart mark: only the curves' own
    # the one labelled curve's label in the top row (no chart mark above it)
    assert drawn["labels"] == [["k = 4", 24]]
    high, low = drawn["levels"]
    assert drawn["levelLabels"] == [["high", high + 13], ["low", low - 4]]
    assert high < low  # 52 is drawn above 5

    press_right(tab, "k")
    expect(root).to_have_attribute("data-position", "2")
    moved = root.evaluate(LOG_DRAWN)
    assert moved["own"] == pytest.approx([at(4), at(8)], abs=0.5)
    assert moved["labels"] == [["k = 6", 24]]
    assert root.locator(".lb-sentence").text_content() == "First: k = 3."
    # hovering at x = 8 shows each curve's point there, found by pixel on the log axis
    plot = root.locator("svg").bounding_box()
    assert plot is not None
    tab.mouse.move(plot["x"] + at(8), plot["y"] + plot["height"] / 2)
    tip = root.locator(".lb-tip")
    expect(tip).to_be_visible()
    assert tip.inner_text() == "k 8 · wide 40\nk 8 · own 45"
    tab.close()


#: A block's table (its cells, header first, and which are bold) and picture (the bar's width,
#: its label and the text alternative).
DRAWN = """(root) => ({
  caption: root.querySelector('caption').textContent,
  cells: [...root.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
  header: [...root.querySelectorAll('th')].map((th) => th.scope),
  bold: [...root.querySelectorAll('td strong')].map((b) => b.textContent),
  right: getComputedStyle(root.querySelectorAll('td')[1]).textAlign,
  width: root.querySelector('.lb-picture rect').getAttribute('width'),
  label: root.querySelector('.lb-picture text').textContent,
  alt: root.querySelector('.lb-picture svg').getAttribute('aria-label'),
  title: root.querySelector('.lb-picture figcaption').textContent,
})"""


@pytest.fixture(scope="module")
def table_server(chromium_executable: str) -> Iterator[Server]:
    yield from served("block_table_app")


def test_a_blocks_table_and_picture_are_drawn_and_follow_the_slider(
    table_server: Server, browser
) -> None:
    tab = browser.new_page(viewport={"width": 600, "height": 700})
    tab.goto(f"{table_server.url}/?k=2")
    root = tab.locator(BLOCK)
    expect(root).to_have_attribute("data-position", "1")
    wait_idle(tab)
    assert root.evaluate(DRAWN) == {
        "caption": "squares",
        "cells": [["k", "k²"], ["2", "4"]],
        "header": ["col", "col"],
        "bold": ["2"],
        "right": "right",
        "width": "40",
        "label": "k = 2",
        "alt": "a bar 40 wide",
        "title": "A bar k wide",
    }
    press_right(tab, "k")
    expect(root).to_have_attribute("data-position", "2")
    moved = root.evaluate(DRAWN)
    assert (moved["cells"], moved["width"], moved["label"]) == (
        [["k", "k²"], ["3", "9"]],
        "60",
        "k = 3",
    )
    expect(root.locator(".lb-picture .lb-alt")).to_have_text("a bar 60 wide")  # once it rests
    tab.get_by_text("rerun saw k = 3").wait_for()
    wait_idle(tab)
    assert root.evaluate(DRAWN) == moved
    tab.close()
