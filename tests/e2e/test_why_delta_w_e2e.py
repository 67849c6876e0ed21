"""/why_delta_w in a real browser: deep links, moving the rank slider, the URL following it, the
follower answering before the server, and a move rerunning only the page's fragment."""

from __future__ import annotations

import re

import numpy as np
from e2e_support import (
    HeldAnswers,
    assert_no_error,
    follower,
    main_text,
    marked_at,
    press,
    press_right,
    shown_value,
    wait_idle,
    wait_text,
    wait_until,
)
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from lowrank import finetune, i18n, spectra
from lowrank import formatting as fmt
from tests import reference


def test_why_delta_w_deep_link_on_a_fresh_server(fresh_server, page):
    page.goto(f"{fresh_server.url}/why_delta_w?lang=en&k=12&layer=1")
    page.wait_for_selector("h1", timeout=120_000)
    page.wait_for_selector("[data-testid='stPlotlyChart']", timeout=120_000)
    wait_idle(page, timeout=120_000)
    assert_no_error(page)
    assert page.locator("h1").first.inner_text().strip() == "Why ΔW"
    assert "At k = 12:" in main_text(page)
    assert i18n.t("s2.why.acc_at_this", "en", rank=64, used=12) in main_text(page)
    # every layer at min(12, its rank): layer 3 (10×128) keeps all ten
    every = i18n.t("s2.why.acc_at_all", "en", ranks="12, 12, 10", layers=3)
    assert every in main_text(page)


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


def why_shown(tab) -> tuple[str, dict[str, str], str]:
    """The same three as the page shows them."""

    def text(key: str, inner: str = "") -> str:
        return tab.locator(f".st-key-{key} {inner}").first.inner_text().strip()

    value = "[data-testid='stMetricValue']"
    energy = {m: text(f"why_energy_{m}", value) for m in ("delta", "mlp", "minilm", "random")}
    return text("why_finding"), energy, text("why_acc_all", value)


def test_why_delta_w_follows_k_before_the_server_answers(server, browser):
    """With the server's answers held, a key press on the rank slider already shows numpy's
    numbers at the new k and moves the marks to where the charts' own axes put k."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    answers = HeldAnswers(tab)
    tab.goto(f"{server.url}/why_delta_w?lang=en")
    tab.wait_for_selector("[data-testid='stPlotlyChart']", timeout=120_000)
    wait_idle(tab, timeout=120_000)
    assert_no_error(tab)
    assert follower(tab, "k") == {"k": "8", "mismatch": ""}
    assert why_shown(tab) == why_numbers(8)

    answers.hold()
    sent = answers.sent
    press_right(tab, "k")
    tab.locator(".lr-follow[data-k='9']").wait_for(state="attached", timeout=10_000)
    assert follower(tab, "k")["mismatch"] == ""
    assert why_shown(tab) == why_numbers(9)
    every = i18n.t("s2.why.acc_at_all", "en", ranks="9, 9, 9", layers=3)
    assert tab.locator(".st-key-why_acc_all_at").inner_text().strip() == every
    for chart, axis, x in (
        ("why_sigma_plot", "", 9 / 128),  # ΔW and the MLP's W
        ("why_sigma_plot", "", 9 / 384),  # MiniLM and the random matrix
        ("why_energy_plot", "", 9 / 128),
        ("why_energy_plot", "", 9 / 384),
        ("why_accuracy_plot", "", 9),  # a log axis
    ):
        assert marked_at(tab, chart, x, axis), (chart, axis, x)
    answers.wait_sent(tab, sent)  # the move did go to the server, whose answers are held

    answers.release()
    tab.wait_for_url(re.compile(r"[?&]k=9(&|$)"), timeout=30_000)
    wait_idle(tab)
    assert_no_error(tab)
    assert why_shown(tab) == why_numbers(9)
    assert follower(tab, "k") == {"k": "9", "mismatch": ""}
    context.close()


class RecordedAnswers(HeldAnswers):
    """Held answers that also keep every message the server sent (Streamlit ``ForwardMsg``s)."""

    def __init__(self, tab) -> None:
        super().__init__(tab)
        self.received: list[bytes] = []

    def _from_server(self, message) -> None:
        self.received.append(message)
        super()._from_server(message)

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


def test_why_delta_w_rank_moves_rerun_only_the_fragment(server, browser):
    """A rank-slider move reruns only the fragment that draws the slider and the texts at k: the
    server answers with a fragment run of a few kB (no chart, no table, no follower data) and the
    URL keeps ?k=. A selector above reruns the whole page: the follower is rebuilt for the new
    MiniLM matrix and, with the server's answers held, a key press shows numpy's numbers for it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    answers = RecordedAnswers(tab)
    tab.goto(f"{server.url}/why_delta_w?lang=en")
    tab.wait_for_selector("[data-testid='stPlotlyChart']", timeout=120_000)
    wait_idle(tab, timeout=120_000)
    finished, kinds = run_summary(answers.since(0)[0])
    assert ForwardMsg.FINISHED_SUCCESSFULLY in finished
    assert {"plotly_chart", "dataframe", "bidi_component", "slider"} <= kinds
    assert follower(tab, "k") == {"k": "8", "mismatch": ""}

    start = len(answers.received)
    press_right(tab, "k")
    tab.wait_for_url(re.compile(r"[?&]k=9(&|$)"), timeout=30_000)
    answers.wait_run(tab, start)
    messages, size = answers.since(start)
    finished, kinds = run_summary(messages)
    assert finished == {ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
    assert kinds == {"slider", "markdown", "metric"}  # the slider, the texts and the metrics
    assert size < 20_000, size
    assert follower(tab, "k") == {"k": "9", "mismatch": ""}
    assert why_shown(tab) == why_numbers(9)
    assert_no_error(tab)

    start = len(answers.received)
    tab.get_by_test_id("stSelectbox").filter(has_text="MiniLM matrix").click()
    tab.get_by_role("option", name=i18n.t("s2.minilm.ffn_down", "en"), exact=True).click()
    tab.wait_for_url(re.compile(r"[?&]minilm=ffn_down(&|$)"), timeout=30_000)
    answers.wait_run(tab, start)
    finished, kinds = run_summary(answers.since(start)[0])
    assert ForwardMsg.FINISHED_SUCCESSFULLY in finished and "bidi_component" in kinds
    assert follower(tab, "k") == {"k": "9", "mismatch": ""}
    assert why_shown(tab) == why_numbers(9, "ffn_down")

    answers.hold()
    press_right(tab, "k")
    tab.locator(".lr-follow[data-k='10']").wait_for(state="attached", timeout=10_000)
    assert follower(tab, "k")["mismatch"] == ""
    assert why_shown(tab) == why_numbers(10, "ffn_down")
    answers.release()
    tab.wait_for_url(re.compile(r"[?&]k=10(&|$)"), timeout=30_000)
    wait_idle(tab)
    assert why_shown(tab) == why_numbers(10, "ffn_down")
    assert follower(tab, "k") == {"k": "10", "mismatch": ""}
    assert_no_error(tab)
    context.close()
