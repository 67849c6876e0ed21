"""/parameters in a real browser: the sliders, the break-even and the URL, a real model's link;
and the browser answering the two rank sliders itself: with the server's answers held, a key
press already shows the new counts, verdict, picture, module table and chart marks; the server's
run then draws the same."""

from __future__ import annotations

import re

import pytest
from e2e_support import (
    HeldAnswers,
    assert_no_error,
    follower,
    main_text,
    marked_at,
    metric,
    press,
    press_right,
    shown_value,
    wait_idle,
    wait_text,
)

from lowrank import i18n, models
from lowrank.views.parameters import size_view

pytestmark = pytest.mark.e2e


def size_shown(tab) -> tuple[str, str, str, str, str]:
    """A, B, A + B of the any-size section, its verdict, and its picture's source."""
    return (
        metric(tab, "A (d×r)", 1),
        metric(tab, "B (r×k)", 1),
        metric(tab, "A + B", 1),
        tab.locator(".st-key-par_size_verdict").inner_text().strip(),
        tab.locator(".st-key-par_blocks img").get_attribute("src"),
    )


def size_expected(d: int, k: int, r: int) -> tuple[str, str, str, str, str]:
    """The same from plain integers (and the page's own picture of that stop)."""
    saves = r * (d + k) < d * k
    value = f"{d * k / (d + k):.1f}"
    words = "✅ Saves: r = {r} < {v}" if saves else "⚖️ No saving: r = {r} ≥ {v}"
    view = size_view(d, k, "en")
    return (
        f"{d * r:,}",
        f"{r * k:,}",
        f"{r * (d + k):,}",
        words.format(r=r, v=value),
        view.pictures[view.ranks.index(r)],
    )


def agrees(shown: tuple[str, ...], expected: tuple[str, ...]) -> bool:
    """Counts and picture equal, the verdict starting with the expected words."""
    counts_and_picture = [0, 1, 2, 4]
    return [shown[i] for i in counts_and_picture] == [
        expected[i] for i in counts_and_picture
    ] and shown[3].startswith(expected[3])


@pytest.mark.parametrize(("d", "k", "r", "after"), [(5, 4, 2, 3), (4096, 14336, 64, 128)])
def test_any_size_r_follows_before_the_server_answers(server, browser, d, k, r, after):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    answers = HeldAnswers(tab)
    tab.goto(f"{server.url}/parameters?lang=en&d={d}&k={k}&r={r}")
    wait_idle(tab)
    assert_no_error(tab)
    ranks = models.rank_options(d, k)
    assert follower(tab, "r") == {"k": str(ranks.index(r)), "mismatch": ""}
    assert agrees(size_shown(tab), size_expected(d, k, r))

    answers.hold()
    sent = answers.sent
    press_right(tab, "r")
    index = ranks.index(after)
    tab.locator(f".lr-follow[data-slider='r'][data-k='{index}']").wait_for(
        state="attached", timeout=10_000
    )
    assert follower(tab, "r")["mismatch"] == ""
    held = size_shown(tab)
    assert agrees(held, size_expected(d, k, after))
    assert marked_at(tab, "par_cost_plot", after)
    answers.wait_sent(tab, sent)  # the move did go to the server, whose answers are held

    answers.release()
    wait_idle(tab)
    assert_no_error(tab)
    assert size_shown(tab) == held  # the server's run draws what the browser already showed
    assert follower(tab, "r") == {"k": str(index), "mismatch": ""}
    assert f"r={after}" in tab.url
    context.close()


#: The module table's cells as shown: header cells, then each row's (text nodes, spaces trimmed).
TABLE_CELLS = """() => [...document.querySelectorAll('.st-key-par_model_table tr')].map(
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


def test_real_models_rank_follows_before_the_server_answers(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    answers = HeldAnswers(tab)
    tab.goto(f"{server.url}/parameters?lang=zh&model=llama3_8b&targets=q&targets=v&rank=8")
    wait_idle(tab)
    assert_no_error(tab)
    assert follower(tab, "rank") == {"k": "3", "mismatch": ""}
    model = models.MODELS["llama3_8b"]
    label = i18n.t("s2.par.m_trainable", "zh")
    assert metric(tab, label) == models.human_count(models.lora_params(model, ("q", "v"), 8))
    shapes = {"q": (4096, 4096), "k": (1024, 4096), "v": (1024, 4096), "o": (4096, 4096),
              "gate": (14336, 4096), "up": (14336, 4096), "down": (4096, 14336)}  # fmt: skip
    assert tab.evaluate(TABLE_CELLS) == table_expected(shapes, ("q", "v"), 8)

    answers.hold()
    press_right(tab, "rank")  # 8 → 16
    tab.locator(".lr-follow[data-slider='rank'][data-k='4']").wait_for(
        state="attached", timeout=10_000
    )
    assert follower(tab, "rank")["mismatch"] == ""
    trainable = 32 * 16 * ((4096 + 4096) + (1024 + 4096))  # q and v of 32 layers, by hand
    assert metric(tab, label) == models.human_count(trainable)
    per_layer = tab.locator(".st-key-par_model_per_layer").inner_text()
    assert "r = 16 时" in per_layer and f"{trainable:,}" in per_layer
    table = tab.evaluate(TABLE_CELLS)
    assert table == table_expected(shapes, ("q", "v"), 16)
    assert table[1][3] == "131,072"  # q: 4,096·16 + 16·4,096
    memory = (models.model_params(model) + trainable) * 2 + trainable * (2 + 4)  # fp16 + Adam
    assert metric(tab, i18n.t("s2.par.m_memory_lora", "zh")) == models.human_bytes(memory)
    assert marked_at(tab, "par_memory_plot", memory / 1e9)

    answers.release()
    wait_idle(tab)
    assert_no_error(tab)
    assert metric(tab, label) == models.human_count(trainable)
    assert tab.locator(".st-key-par_model_per_layer").inner_text() == per_layer
    assert tab.evaluate(TABLE_CELLS) == table
    assert follower(tab, "rank") == {"k": "4", "mismatch": ""}
    context.close()


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
