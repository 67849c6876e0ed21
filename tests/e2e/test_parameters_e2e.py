"""/parameters in a real browser: the sliders, the break-even and the URL, a real model's link;
and the block renderer answering the two rank sliders itself: with the server's answers held, a
key press already shows the new counts, verdict, picture, cost mark, module table, memory mark
and sizes; the server's run then leaves them as they are. A drag is followed while the thumb
is still held."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from e2e_support import (
    HeldAnswers,
    assert_no_error,
    flat_text,
    metric,
    press,
    press_right,
    shown_value,
    wait_idle,
    wait_text,
)
from playwright.sync_api import expect

from lowrank import i18n, models

pytestmark = pytest.mark.e2e

SIZE = "[data-testid='lowrankBlock'][data-block='par_size']"
TABLE = "[data-testid='lowrankBlock'][data-block='par_model_table']"
MEMORY = "[data-testid='lowrankBlock'][data-block='par_memory']"

#: What the "any size" block draws: its verdict, the picture's A block (width) and text
#: alternative, the cost chart's mark (its label and x in px) and the chart's text alternative.
SIZE_SHOWN = """(root) => ({
  position: root.dataset.position,
  verdict: root.querySelector('.lb-sentence').textContent,
  a: root.querySelectorAll('.lb-picture rect')[1].getAttribute('width'),
  picture: root.querySelector('.lb-picture svg').getAttribute('aria-label'),
  mark: root.querySelector('.lb-mark-label').textContent,
  x: Number(root.querySelector('.lb-mark').getAttribute('x1')),
  chart: root.querySelector('.lb-stage svg').getAttribute('aria-label'),
})"""


def size_shown(tab) -> tuple[dict, tuple[str, str, str]]:
    """The size block as drawn, and its A, B and A + B (the second metric of each label: the
    first is the note's example)."""
    counts = (metric(tab, "A (d×r)", 1), metric(tab, "B (r×k)", 1), metric(tab, "A + B", 1))
    return tab.locator(SIZE).evaluate(SIZE_SHOWN), counts


def assert_size_at(shown: tuple[dict, tuple[str, str, str]], d: int, k: int, r: int) -> None:
    """The size block shows rank r of a d×k ΔW, from plain integers."""
    drawn, counts = shown
    assert counts == (f"{d * r:,}", f"{r * k:,}", f"{r * (d + k):,}")
    saves = r * (d + k) < d * k
    words = "✅ Saves: r = {r} < {v}" if saves else "⚖️ No saving: r = {r} ≥ {v}"
    assert drawn["verdict"].startswith(words.format(r=r, v=f"{d * k / (d + k):.1f}"))
    assert drawn["mark"] == f"r = {r}"
    assert f"({d}×{r}) times B ({r}×{k})" in drawn["picture"]
    assert drawn["chart"].endswith(f"now r = {r}, A + B hold {r * (d + k):,}.")


@pytest.mark.parametrize(("d", "k", "r", "after"), [(5, 4, 2, 3), (4096, 14336, 64, 128)])
def test_any_size_r_is_shown_before_the_server_answers(server, browser, d, k, r, after):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    answers = HeldAnswers(tab)
    tab.goto(f"{server.url}/parameters?lang=en&d={d}&k={k}&r={r}")
    ranks = models.rank_options(d, k)
    expect(tab.locator(SIZE)).to_have_attribute("data-position", str(ranks.index(r)))
    wait_idle(tab)
    assert_no_error(tab)
    before = size_shown(tab)
    assert_size_at(before, d, k, r)

    answers.hold()
    sent = answers.sent
    press_right(tab, "r")
    expect(tab.locator(SIZE)).to_have_attribute("data-position", str(ranks.index(after)))
    held = size_shown(tab)
    assert_size_at(held, d, k, after)
    assert held[0]["x"] > before[0]["x"]  # the mark moved right
    if d * k < 1000:  # drawn cell by cell: A is one cell wider
        assert float(held[0]["a"]) > float(before[0]["a"])
    answers.wait_sent(tab, sent)  # the move did go to the server, whose answers are held

    answers.release()
    wait_idle(tab)
    assert_no_error(tab)
    assert size_shown(tab) == held  # the server's run leaves what the browser showed
    assert f"r={after}" in tab.url
    context.close()


#: The module table's cells as drawn: header cells, then each row's.
TABLE_CELLS = """(root) => [...root.querySelectorAll('tr')].map(
  (row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent.trim()))"""


def table_expected(shapes: dict[str, tuple[int, int]], targets, r: int) -> list[list[str]]:
    """The module table at rank r from plain integers: shape, d·k, d·r + r·k, its share, ✓/—."""
    header = [i18n.t(f"s2.par.col_{name}", "zh") for name in ("module", "shape", "full")]
    header += [i18n.t("par.col_lora_at", "zh", r=r), i18n.t("par.col_lora_share", "zh")]
    header.append(i18n.t("s2.par.col_chosen", "zh"))
    rows = []
    for name, (d, k) in shapes.items():
        lora = d * r + r * k
        mark = "✓" if name in targets else "—"
        rows.append(
            [name, f"{d:,}×{k:,}", f"{d * k:,}", f"{lora:,}", f"{100 * lora / (d * k):.2f}%", mark]
        )
    return [header, *rows]


def memory_mark(tab) -> str:
    """The label over LoRA's memory bar (the picture's first text: "LoRA, r = …: … GB")."""
    return tab.locator(MEMORY).locator(".lb-picture text").first.text_content()


def test_real_models_rank_is_shown_before_the_server_answers(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    answers = HeldAnswers(tab)
    tab.goto(f"{server.url}/parameters?lang=zh&model=llama3_8b&targets=q&targets=v&rank=8")
    expect(tab.locator(TABLE)).to_have_attribute("data-position", "3")
    wait_idle(tab)
    assert_no_error(tab)
    model = models.MODELS["llama3_8b"]
    label = i18n.t("s2.par.m_trainable", "zh")
    assert metric(tab, label) == models.human_count(models.lora_params(model, ("q", "v"), 8))
    shapes = {"q": (4096, 4096), "k": (1024, 4096), "v": (1024, 4096), "o": (4096, 4096),
              "gate": (14336, 4096), "up": (14336, 4096), "down": (4096, 14336)}  # fmt: skip
    table = tab.locator(TABLE)
    assert table.evaluate(TABLE_CELLS) == table_expected(shapes, ("q", "v"), 8)

    answers.hold()
    press_right(tab, "rank")  # 8 → 16
    for key in ("par_model_table", "par_model_counts", "par_memory", "par_memory_numbers"):
        block = tab.locator(f"[data-testid='lowrankBlock'][data-block='{key}']")
        expect(block).to_have_attribute("data-position", "4")
    trainable = 32 * 16 * ((4096 + 4096) + (1024 + 4096))  # q and v of 32 layers, by hand
    assert metric(tab, label) == models.human_count(trainable)
    per_layer = table.locator(".lb-sentence").text_content()
    assert "r = 16 时" in per_layer and f"{trainable:,}" in per_layer
    cells = table.evaluate(TABLE_CELLS)
    assert cells == table_expected(shapes, ("q", "v"), 16)
    assert cells[1][3] == "131,072"  # q: 4,096·16 + 16·4,096
    bold = table.locator("td strong").all_text_contents()
    assert bold == ["q", "131,072", "✓", "v", "81,920", "✓"]  # the adapted rows
    memory = (models.model_params(model) + trainable) * 2 + trainable * (2 + 4)  # fp16 + Adam
    shown = models.human_bytes(memory)
    assert metric(tab, i18n.t("s2.par.m_memory_lora", "zh")) == shown
    assert memory_mark(tab) == f"LoRA，r = 16：{shown}"

    answers.release()
    wait_idle(tab)
    assert_no_error(tab)
    assert "rank=16" in tab.url
    assert metric(tab, label) == models.human_count(trainable)
    assert table.locator(".lb-sentence").text_content() == per_layer
    assert table.evaluate(TABLE_CELLS) == cells
    assert memory_mark(tab) == f"LoRA，r = 16：{shown}"
    assert_module_csv(tab, trainable)
    context.close()


def assert_module_csv(tab, trainable: int) -> None:
    """The module table's CSV, built on click, is the table at r = 16: q and v adapted, their
    LoRA parameters (4,096·16 + 16·4,096 for q, by hand) summing over 32 layers to ``trainable``."""
    with tab.expect_download() as caught:
        tab.get_by_role("button", name=i18n.t("s2.par.dl_modules", "zh")).click()
    assert caught.value.suggested_filename == "lora_llama3_8b_r16.csv"
    rows = list(csv.DictReader(io.StringIO(Path(caught.value.path()).read_text(encoding="utf-8"))))
    adapted = [row for row in rows if row["chosen"] == "True"]
    assert [row["module"] for row in adapted] == ["q", "v"]
    assert int(adapted[0]["lora"]) == 131_072
    assert 32 * sum(int(row["lora"]) for row in adapted) == trainable


def test_a_drag_of_r_is_followed_while_the_thumb_is_held(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    tab.goto(f"{server.url}/parameters?lang=en&d=24&k=16&r=2")
    size = tab.locator(SIZE)
    expect(size).to_have_attribute("data-position", "1")
    wait_idle(tab)
    tab.locator(".st-key-r").scroll_into_view_if_needed()  # the mouse reaches what is in view
    thumb = tab.locator(".st-key-r input[type='range']").locator("xpath=../..").bounding_box()
    track = tab.locator(".st-key-r [data-testid='stSlider']").bounding_box()
    tab.mouse.move(thumb["x"] + thumb["width"] / 2, thumb["y"] + thumb["height"] / 2)
    tab.mouse.down()
    tab.mouse.move(track["x"] + track["width"] + 40, thumb["y"] + thumb["height"] / 2, steps=8)
    expect(size).to_have_attribute("data-position", "15")  # r = 16 = min(d, k), still held
    assert_size_at(size_shown(tab), 24, 16, 16)
    tab.mouse.up()
    tab.wait_for_url(re.compile(r"[?&]r=16\b"), timeout=30_000)
    wait_idle(tab)
    assert_size_at(size_shown(tab), 24, 16, 16)
    assert_no_error(tab)
    context.close()


def test_parameters_sliders_break_even_and_url(server, page):
    page.goto(f"{server.url}/parameters?lang=en")
    expect(page.locator(SIZE)).to_have_attribute("data-position", "1")
    wait_idle(page)
    assert "r = 2 < 2.2" in flat_text(page)
    press(page, "rank r", "ArrowRight")
    page.wait_for_url(re.compile(r"[?&]r=3"), timeout=30_000)
    wait_text(page, "r = 3 ≥ 2.2")
    text = flat_text(page)
    assert "r = 3 ≥ 2.2" in text and "27" in text
    press(page, "d (rows of ΔW = outputs)", "End")
    page.wait_for_url(re.compile(r"[?&]d=14336"), timeout=30_000)
    wait_text(page, "r = 3 < 4.0")
    # 14336×4: break-even 57,344 / 14,340 ≈ 4.0, so r = 3 saves again (43,020 < 57,344)
    assert "r = 3 < 4.0" in flat_text(page) and "43,020" in flat_text(page)
    press(page, "d (rows of ΔW = outputs)", "Home")  # d = 2: r must drop to min(d, k) = 2
    page.wait_for_url(re.compile(r"[?&]d=2(&|$)"), timeout=30_000)
    wait_text(page, "r cannot exceed min(d, k) = 2")
    assert shown_value(page, "rank r") == "2"
    assert_no_error(page)


def test_parameters_real_model_link(server, page):
    page.goto(f"{server.url}/parameters?lang=en&model=gpt3&rank=4")
    expect(page.locator(TABLE)).to_have_attribute("data-position", "2")
    wait_idle(page)
    text = flat_text(page)
    assert "175,255.8M" in text and "37.7 MB" in text and "Table 4" in text
    assert_no_error(page)
