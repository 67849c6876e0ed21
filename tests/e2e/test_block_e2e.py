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
    running = start_server("tests/e2e/apps/block_table_app.py")
    yield running
    running.stop()


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
