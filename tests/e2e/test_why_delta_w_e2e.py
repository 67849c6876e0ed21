"""/why_delta_w in a real browser: deep links, keys and a drag on the rank slider, the URL
following it, the blocks (lowrank/ui/block.py) showing numpy's numbers and marks before the
server answers, and a move rerunning only the slider."""

from __future__ import annotations

import functools
import math
import re

import numpy as np
from e2e_support import (
    HeldAnswers,
    assert_no_error,
    flat_text,
    metric,
    press,
    press_right,
    shown_value,
    wait_idle,
    wait_metric,
    wait_until,
)
from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from lowrank import finetune, i18n, spectra
from lowrank import formatting as fmt
from tests import reference

ENERGY = "[data-testid='lowrankBlock'][data-block='why_energy']"
SPECTRA = "[data-testid='lowrankBlock'][data-block='why_spectra']"
ACCURACY_CHART = "[data-testid='lowrankBlock'][data-block='why_accuracy_chart']"
ACCURACY = "[data-testid='lowrankBlock'][data-block='why_accuracy']"
BLOCKS = (ENERGY, SPECTRA, ACCURACY_CHART, ACCURACY)
#: Each chart of a block as drawn: its x ticks (value, pixel), the x of the chart's mark and of
#: each curve's own mark, its mark labels, its dots (cx, cy) and its text alternative.
DRAWN = """(root) => [...root.querySelectorAll('figure.lb-chart svg')].map((svg) => ({
  ticks: [...svg.querySelectorAll('g.lb-axes text[text-anchor=middle]:not(.lb-label)')]
    .map((t) => [Number(t.textContent), Number(t.getAttribute('x'))]),
  mark: Number(svg.querySelector('.lb-mark')?.getAttribute('x1') ?? NaN),
  own: [...svg.querySelectorAll('.lb-own-mark')].map((line) => Number(line.getAttribute('x1'))),
  labels: [...svg.querySelectorAll('.lb-mark-label')].map((t) => t.textContent).filter(Boolean),
  dots: [...svg.querySelectorAll('.lb-dot')].map((d) => [Number(d.getAttribute('cx')),
                                                         Number(d.getAttribute('cy'))]),
  alt: svg.getAttribute('aria-label'),
}))"""
#: The default view's matrices (layer 2 of the MLP, MiniLM's query matrix): their n.
N = {"minilm": 384, "random": 384, "mlp": 128, "delta": 128}
#: The MLP's layers' ranks (min of each ΔW's shape).
LAYER_RANKS = (64, 128, 10)


def pixel(chart: dict, value: float, log: bool = False) -> float:
    """Where the chart's own x ticks put ``value`` (the first and last tick, linear or log)."""
    (v0, x0), (v1, x1) = chart["ticks"][0], chart["ticks"][-1]
    along = (math.log10(value) - math.log10(v0)) / (math.log10(v1) - math.log10(v0)) if log else (
        (value - v0) / (v1 - v0))  # fmt: skip
    return x0 + along * (x1 - x0)


@functools.cache
def why_numbers(k: int, minilm: str = "query") -> tuple[str, dict[str, str], str]:
    """At rank k on /why_delta_w's default view (digits 0–4 → 5–9, layer 2, MiniLM's ``minilm``
    matrix), from numpy: the finding sentence as shown (no ** markers), each matrix's energy kept,
    and the accuracy with every layer's ΔW truncated to rank k."""
    run = finetune.run_finetune()
    with np.load(spectra.ASSET) as shipped:
        sigma_minilm = shipped[f"sigma_{minilm}"].copy()
        shape = tuple(shipped["shapes"][list(shipped["names"]).index(minilm)])
    random = np.random.default_rng(0).standard_normal(shape)
    sigma = {
        "delta": np.linalg.svd(run.deltas[1], compute_uv=False),
        "mlp": np.linalg.svd(run.before.weights[1], compute_uv=False),
        "minilm": sigma_minilm,
        "random": np.linalg.svd(random, compute_uv=False),
    }
    energy = {name: fmt.percent(np.sum(s[:k] ** 2) / np.sum(s**2), 1) for name, s in sigma.items()}
    name = i18n.t(f"s2.minilm.{minilm}", "en")
    finding = i18n.t("s2.why.finding", "en", k=k, name=name, **energy).replace("**", "")
    model = reference.with_truncated_deltas(run, k)
    accuracy = finetune.accuracy(model, run.task.x_ft_test, run.task.y_ft_test)
    return finding, energy, fmt.percent(accuracy, 1)


def expect_at(tab, k: int, minilm: str = "query") -> None:
    """Every block shows position k, with numpy's numbers (the finding, each matrix's energy
    kept, the accuracy with every layer's ΔW at rank k) and its marks where the charts' own
    axes put each matrix's k/n and k."""
    for selector in BLOCKS:
        expect(tab.locator(selector)).to_have_attribute("data-position", str(k - 1))
    finding, energy, accuracy = why_numbers(k, minilm)
    energy_block = tab.locator(ENERGY)
    assert energy_block.locator(".lb-sentence").first.text_content() == finding
    for name, value in energy.items():
        label = i18n.t(f"s2.why.energy.{name}", "en", n=2)
        assert metric(tab, label) == value, (name, k)
    assert metric(tab, i18n.t("s2.why.acc_metric_all", "en")) == accuracy
    ranks = ", ".join(str(min(k, rank)) for rank in LAYER_RANKS)
    every = i18n.t("s2.why.acc_at_all", "en", ranks=ranks, layers=len(LAYER_RANKS))
    assert every in flat_text(tab, ACCURACY)
    sigma_chart, energy_chart = tab.locator(SPECTRA).evaluate(DRAWN)
    for chart in (sigma_chart, energy_chart):
        expected = [pixel(chart, min(k, N[m]) / N[m]) for m in ("minilm", "random", "mlp", "delta")]
        assert np.allclose(chart["own"], expected, atol=0.5), (chart["own"], expected)
        # each matrix's dot sits on its own mark (the point i = k of its curve)
        assert np.allclose([dot[0] for dot in chart["dots"]], expected, atol=0.5)
    assert sigma_chart["labels"] == [f"k = {min(k, 128)}"]  # ΔW's own k
    assert f"k = {k}" in sigma_chart["alt"] and f"k = {k}" in energy_chart["alt"]
    (accuracy_chart,) = tab.locator(ACCURACY_CHART).evaluate(DRAWN)
    assert abs(accuracy_chart["mark"] - pixel(accuracy_chart, min(k, 128), log=True)) < 0.5
    assert accuracy_chart["labels"] == [f"k = {min(k, 128)}"]
    assert accuracy in accuracy_chart["alt"]


def test_why_delta_w_deep_link_on_a_fresh_server(fresh_server, page):
    page.goto(f"{fresh_server.url}/why_delta_w?lang=en&k=12&layer=1")
    page.wait_for_selector("h1", timeout=120_000)
    expect(page.locator(ENERGY)).to_have_attribute("data-position", "11", timeout=120_000)
    wait_idle(page, timeout=120_000)
    assert_no_error(page)
    assert page.locator("h1").first.inner_text().strip() == "Why ΔW"
    text = flat_text(page)
    assert "At k = 12:" in text
    assert i18n.t("s2.why.acc_at_this", "en", rank=64, used=12) in text
    # every layer at min(12, its rank): layer 3 (10×128) keeps all ten
    assert i18n.t("s2.why.acc_at_all", "en", ranks="12, 12, 10", layers=3) in text


def test_keys_move_the_rank_and_the_url_and_the_language_keeps_it(server, page):
    page.goto(f"{server.url}/why_delta_w?lang=en")
    wait_idle(page, timeout=120_000)
    expect(page.locator(ENERGY)).to_have_attribute("data-position", "7")
    assert shown_value(page, "rank k kept") == "8"
    press(page, "rank k kept", *["ArrowRight"] * 4)
    page.wait_for_url(re.compile(r"[?&]k=12"), timeout=30_000)
    expect_at(page, 12)
    press(page, "rank k kept", "Home")
    page.wait_for_url(re.compile(r"[?&]k=1(&|$)"), timeout=30_000)
    expect_at(page, 1)
    press(page, "rank k kept", "End")  # past every matrix's n: ΔW at 128 of 128
    page.wait_for_url(re.compile(r"[?&]k=384(&|$)"), timeout=30_000)
    expect_at(page, 384)
    press(page, "rank k kept", "Home")
    page.wait_for_url(re.compile(r"[?&]k=1(&|$)"), timeout=30_000)
    assert_no_error(page)
    page.locator("[data-testid='stSidebar'] button", has_text="中文").click()
    page.wait_for_url("**lang=zh**")
    wait_metric(page, i18n.t("s2.why.energy.random", "zh"), why_numbers(1)[1]["random"])
    expect(page.locator(ENERGY).locator(".lb-sentence").first).to_contain_text("在 k = 1 时")
    assert shown_value(page, "保留的秩 k") == "1"


def test_why_delta_w_follows_k_before_the_server_answers(server, browser):
    """With the server's answers held, a key press on the rank slider already shows numpy's
    numbers at the new k and moves the marks to where the charts' own axes put k; the server's
    run then leaves what is drawn as it is. A drag is followed while the button is down."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    answers = HeldAnswers(tab)
    tab.goto(f"{server.url}/why_delta_w?lang=en")
    wait_idle(tab, timeout=120_000)
    assert_no_error(tab)
    expect_at(tab, 8)
    tab.locator(SPECTRA).locator("svg").first.evaluate("(svg) => (svg.dataset.first = 'yes')")

    answers.hold()
    sent = answers.sent
    press_right(tab, "k")
    expect_at(tab, 9)
    answers.wait_sent(tab, sent)  # the move did go to the server, whose answers are held

    answers.release()
    tab.wait_for_url(re.compile(r"[?&]k=9(&|$)"), timeout=30_000)
    wait_idle(tab)
    assert_no_error(tab)
    expect_at(tab, 9)
    svg = tab.locator(SPECTRA).locator("svg").first
    assert svg.get_attribute("data-first") == "yes", "the rerun redrew the charts"

    slider = tab.locator(".st-key-k input[type='range']")
    thumb = slider.locator("xpath=../..").bounding_box()  # the input itself is hidden
    bar = tab.locator(".st-key-k [data-testid='stSliderTickBar']").bounding_box()
    assert thumb is not None and bar is not None
    x, y = thumb["x"] + thumb["width"] / 2, thumb["y"] + thumb["height"] / 2
    root = tab.locator(ENERGY)
    tab.mouse.move(x, y)
    tab.mouse.down()
    tab.mouse.move(x + bar["width"] * 0.1, y, steps=10)
    # while the button is still down, the blocks have followed the thumb past 9
    wait_until(tab, lambda: int(root.get_attribute("data-position") or 0) > 20, "the drag")
    tab.mouse.up()
    k = int(slider.input_value())
    assert 21 < k < 128
    tab.wait_for_url(re.compile(rf"[?&]k={k}(&|$)"), timeout=60_000)
    wait_idle(tab)
    expect_at(tab, k)
    assert_no_error(tab)
    context.close()


class RecordedAnswers(HeldAnswers):
    """Held answers, read back as Streamlit ``ForwardMsg``s (the base keeps every message)."""

    def since(self, start: int) -> tuple[list[ForwardMsg], int]:
        """The messages received from index ``start`` on, parsed, and their size in bytes."""
        raw = self.received[start:]
        return [ForwardMsg.FromString(m) for m in raw], sum(len(m) for m in raw)

    def wait_run(self, tab, start: int) -> None:
        """Wait until a run has finished since message ``start`` and the page has drawn it (a
        URL change comes before the rerun, so the page alone may still look idle)."""
        wait_until(tab, lambda: bool(run_summary(self.since(start)[0])[0]), "a finished run")
        wait_idle(tab)


def run_summary(messages: list[ForwardMsg]) -> tuple[set[int], set[str]]:
    """How the runs in ``messages`` finished, and the kinds of what they drew (an element's
    type, or ``ref_hash`` for one the browser had cached and the server sent by reference)."""
    finished = {m.script_finished for m in messages if m.WhichOneof("type") == "script_finished"}
    kinds = {
        m.delta.new_element.WhichOneof("type")
        for m in messages
        if m.WhichOneof("type") == "delta" and m.delta.WhichOneof("type") == "new_element"
    }
    kinds |= {"ref_hash" for m in messages if m.WhichOneof("type") == "ref_hash"}
    return finished, kinds


def test_why_delta_w_rank_moves_rerun_only_the_slider(server, browser):
    """A rank-slider move reruns only the fragment, which holds the slider alone: the server
    answers with a fragment run of a slider (no chart, no block, no table) and the URL keeps
    ?k=. A selector above reruns the whole page: the blocks are rebuilt for the new MiniLM
    matrix and, with the server's answers held, a key press shows numpy's numbers for it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    # Run first on a cold server, this test saw the k = 10 answer after the release but the URL
    # kept k=9 (Streamlit's URL binding after held answers; not seen with a warm server, as in
    # the suite's order): the server is warmed on both matrices first, so the test does not
    # depend on the order it runs in.
    warm = context.new_page()
    for matrix in ("query", "ffn_down"):
        warm.goto(f"{server.url}/why_delta_w?lang=en&minilm={matrix}")
        wait_idle(warm, timeout=120_000)
    warm.close()
    tab = context.new_page()
    answers = RecordedAnswers(tab)
    tab.goto(f"{server.url}/why_delta_w?lang=en")
    wait_idle(tab, timeout=120_000)
    finished, kinds = run_summary(answers.since(0)[0])
    assert ForwardMsg.FINISHED_SUCCESSFULLY in finished
    assert {"bidi_component", "dataframe", "slider"} <= kinds and "plotly_chart" not in kinds
    expect_at(tab, 8)

    start = len(answers.received)
    press_right(tab, "k")
    tab.wait_for_url(re.compile(r"[?&]k=9(&|$)"), timeout=30_000)
    answers.wait_run(tab, start)
    messages, size = answers.since(start)
    finished, kinds = run_summary(messages)
    assert finished == {ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
    assert kinds == {"slider"}  # the blocks drew k = 9 themselves
    assert size < 5_000, size
    expect_at(tab, 9)
    assert_no_error(tab)

    start = len(answers.received)
    tab.get_by_test_id("stSelectbox").filter(has_text="MiniLM matrix").click()
    tab.get_by_role("option", name=i18n.t("s2.minilm.ffn_down", "en"), exact=True).click()
    tab.wait_for_url(re.compile(r"[?&]minilm=ffn_down(&|$)"), timeout=30_000)
    answers.wait_run(tab, start)
    finished, kinds = run_summary(answers.since(start)[0])
    assert ForwardMsg.FINISHED_SUCCESSFULLY in finished and "bidi_component" in kinds
    expect_at(tab, 9, "ffn_down")

    answers.hold()
    press_right(tab, "k")
    expect_at(tab, 10, "ffn_down")
    answers.release()
    tab.wait_for_url(re.compile(r"[?&]k=10(&|$)"), timeout=30_000)
    wait_idle(tab)
    expect_at(tab, 10, "ffn_down")
    assert_no_error(tab)
    context.close()
