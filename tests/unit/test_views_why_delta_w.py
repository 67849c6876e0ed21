"""/why_delta_w's texts at one k, and its four blocks (numbers, sentences, charts with their
marks, levels, hover texts and text alternatives) at every k, against numpy."""

from __future__ import annotations

import json

import numpy as np
import pytest

from lowrank import formatting as fmt
from lowrank import i18n, spectra
from lowrank.delta import TruncationCurve
from lowrank.views import why_delta_w as figs
from lowrank.views.figures import COLOURS
from lowrank.views.why_delta_w import (
    CURVES,
    MATRICES,
    accuracy_blocks,
    accuracy_texts,
    energy_texts,
    spectra_blocks,
)

RNG = np.random.default_rng(3)
#: Small stand-ins for the page's four matrices: ΔW and W of one shape, MiniLM and random larger.
MATRICES_USED = {
    "delta": RNG.standard_normal((6, 2)) @ RNG.standard_normal((2, 5)),
    "mlp": RNG.standard_normal((6, 5)),
    "minilm": RNG.standard_normal((9, 8)),
    "random": RNG.standard_normal((9, 8)),
}
SPECTRA = {name: spectra.spectrum(name, m) for name, m in MATRICES_USED.items()}
#: Two layers of ranks 5 and 3, the second chosen: "every layer at k" is (min(k, 5), min(k, 3)).
CURVE = TruncationCurve(
    np.arange(0, 6), np.linspace(0.1, 0.9, 6), np.linspace(0.0, 0.8, 6), 1, (5, 3)
)


def kept(name: str, k: int) -> float:
    """Energy kept at rank k (clipped to the matrix's n), from numpy."""
    s = np.linalg.svd(MATRICES_USED[name], compute_uv=False)
    return float(np.sum(s[:k] ** 2) / np.sum(s**2))


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_texts_at_one_k(lang: str) -> None:
    texts = energy_texts(SPECTRA, 3, lang, minilm_name="W_q") | accuracy_texts(CURVE, 3, lang)
    shown = {name: fmt.percent(kept(name, 3), 1) for name in MATRICES}
    assert texts["finding"] == i18n.t("s2.why.finding", lang, k=3, name="W_q", **shown)
    for name in MATRICES:
        assert texts[f"energy_{name}"] == shown[name]
    assert texts["energy_delta_rank"] == i18n.t("s2.why.energy.rank", lang, k=3, n=5)
    assert texts["acc_this"] == fmt.percent(CURVE.this_layer[3], 1)
    assert texts["acc_all"] == fmt.percent(CURVE.all_layers[3], 1)
    assert texts["acc_this_at"] == i18n.t("s2.why.acc_at_this", lang, rank=3, used=3)
    sep = i18n.t("list.sep", lang)
    assert texts["acc_all_at"] == i18n.t("s2.why.acc_at_all", lang, ranks=f"3{sep}3", layers=2)
    clipped = energy_texts(SPECTRA, 7, lang, minilm_name="W_q") | accuracy_texts(CURVE, 7, lang)
    assert clipped["energy_delta"] == "100.0%"  # ΔW has 5 singular values: k = 7 keeps them all
    assert clipped["energy_delta_rank"] == i18n.t("s2.why.energy.rank", lang, k=5, n=5)
    assert clipped["acc_all"] == fmt.percent(CURVE.all_layers[5], 1)
    assert clipped["acc_this_at"] == i18n.t("s2.why.acc_at_this", lang, rank=3, used=3)
    assert clipped["acc_all_at"] == i18n.t("s2.why.acc_at_all", lang, ranks=f"5{sep}3", layers=2)


THEORY = spectra.mp_spectrum((9, 8))
MAX_K = 10  # past every matrix's n (5 to 8) and the curve's last rank (5)


def sigma(name: str) -> np.ndarray:
    return np.linalg.svd(MATRICES_USED[name], compute_uv=False)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_spectra_numbers_at_every_k(lang: str) -> None:
    numbers, _ = spectra_blocks(SPECTRA, THEORY, MAX_K, lang, layer="2", minilm_name="W_q")
    assert numbers.positions.count == MAX_K and numbers.sentences_first
    labels = [i18n.t(f"s2.why.energy.{name}", lang, n="2") for name in MATRICES]
    assert [m.label for m in numbers.metrics] == labels
    assert [m.colour for m in numbers.metrics] == [COLOURS[name] for name in MATRICES]
    assert {m.help for m in numbers.metrics} == {i18n.t("s2.why.energy.help", lang)}
    for k in range(1, MAX_K + 1):
        at = numbers.at(k)
        shown = {name: fmt.percent(kept(name, k), 1) for name in MATRICES}
        assert at["sentences"] == [i18n.t("s2.why.finding", lang, k=k, name="W_q", **shown)]
        assert list(at["metrics"].values()) == [shown[name] for name in MATRICES]
        ranks = [
            i18n.t("s2.why.energy.rank", lang, k=min(k, sigma(n).size), n=sigma(n).size)
            for n in MATRICES
        ]
        assert list(at["notes"].values()) == ranks


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_spectra_charts_at_every_k(lang: str) -> None:
    _, charts = spectra_blocks(SPECTRA, THEORY, MAX_K, lang, layer="2", minilm_name="W_q")
    sigma_chart, energy_chart = charts.charts
    assert sigma_chart.title == i18n.t("s2.why.sigma_title", lang)
    assert energy_chart.title == i18n.t("s2.why.energy_title", lang)
    for chart in (sigma_chart, energy_chart):
        assert not chart.mark and chart.x_range == (0.0, 1.01)
        assert [s.colour for s in chart.series] == [COLOURS[name] for name in CURVES]
        assert [s.dash for s in chart.series] == [name == "theory" for name in CURVES]
        legend = [s.name for s in chart.series]
        assert legend[2] == i18n.t("s2.curve.theory", lang)
        assert legend[4] == i18n.t("s2.curve.delta", lang, n="2", rows=6, cols=5)
    assert sigma_chart.y_range == (0.0, 1.02) and energy_chart.y_range == (0.0, 101.0)
    assert energy_chart.y_suffix == "%" and not sigma_chart.levels
    (share,) = energy_chart.levels
    assert (share.y, share.label, share.below) == (90.0, i18n.t("s2.why.share_line", lang), True)
    by_name = dict(
        zip(CURVES, zip(sigma_chart.series, energy_chart.series, strict=True), strict=True)
    )
    for name in MATRICES:
        s = sigma(name)
        n = s.size
        left, right = by_name[name]
        np.testing.assert_allclose(left.x, np.arange(1, n + 1) / n, atol=1e-5)
        np.testing.assert_allclose(right.x, left.x)
        np.testing.assert_allclose(left.y, s / s[0], atol=1e-5)
        np.testing.assert_allclose(right.y, 100 * np.cumsum(s**2) / np.sum(s**2), atol=1e-5)
        clipped = np.minimum(np.arange(1, MAX_K + 1), n)
        np.testing.assert_allclose(left.marks, clipped / n, atol=1e-5)
        assert right.marks == left.marks
        # ΔW's mark is labelled with its own k on the σ chart; the energy chart has no room
        assert left.mark_labels == (tuple(f"k = {k}" for k in clipped) if name == "delta" else ())
        assert not right.mark_labels
        hover = i18n.t("s2.why.hover", lang, name=figs.hover_names(lang)[name], i=2, n=n,
                       value=fmt.number(s[1] / s[0], 3))  # fmt: skip
        assert left.hover[1] == hover
        assert right.hover[0].endswith(fmt.percent(s[0] ** 2 / np.sum(s**2), 1))
    theory = by_name["theory"]
    assert not theory[0].marks and len(theory[0].x) == THEORY.n  # the theory has no mark
    for k in (1, 5, MAX_K):
        at = {name: sigma(name)[min(k, sigma(name).size) - 1] / sigma(name)[0] for name in MATRICES}
        assert charts.at(k)["alts"][0] == i18n.t(
            "s2.why.sigma_alt", lang, k=k, **{m: fmt.number(v, 3) for m, v in at.items()}
        )
        energy = {name: fmt.percent(kept(name, k), 1) for name in MATRICES}
        assert charts.at(k)["alts"][1] == i18n.t("s2.why.energy_alt", lang, k=k, **energy)
    json.dumps(charts.payload())  # plain JSON data


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_accuracy_blocks_at_every_k(lang: str) -> None:
    chart_block, numbers = accuracy_blocks(CURVE, MAX_K, lang, layer="2", after=0.95, before=0.25)
    (chart,) = chart_block.charts
    assert chart.log_x and chart.x_ticks == (1.0, 2.0, 5.0)  # rank_ticks(5)
    assert chart.x_range == (0.8, 6.25) and chart.y_suffix == "%"
    this_layer, all_layers = chart.series
    assert (this_layer.colour, all_layers.colour) == (COLOURS["delta"], COLOURS["minilm"])
    assert this_layer.name == i18n.t("s2.why.acc_this", lang, n="2")
    assert this_layer.x == all_layers.x == (1.0, 2.0, 3.0, 4.0, 5.0)  # rank 0 is not on a log axis
    np.testing.assert_allclose(this_layer.y, 100 * np.linspace(0.1, 0.9, 6)[1:])
    np.testing.assert_allclose(all_layers.y, 100 * np.linspace(0.0, 0.8, 6)[1:])
    assert all_layers.hover[2] == i18n.t(
        "s2.why.acc_hover", lang, name=all_layers.name, k=3, value=fmt.percent(0.48, 1)
    )
    after, before = chart.levels
    assert (after.y, before.y) == pytest.approx((95.0, 25.0))
    assert (after.below, before.below) == (True, False)  # the curves near the top leave room below
    name = i18n.t("s2.why.acc_after", lang)
    assert after.label == i18n.t("s2.why.acc_level", lang, name=name, value="95.0%")
    name = i18n.t("s2.why.acc_before", lang)
    assert before.label == i18n.t("s2.why.acc_level", lang, name=name, value="25.0%")
    labels = [m.label for m in numbers.metrics]
    assert labels == [
        i18n.t("s2.why.acc_metric_this", lang, n="2"),
        i18n.t("s2.why.acc_metric_all", lang),
        i18n.t("s2.why.acc_metric_after", lang),
        i18n.t("s2.why.acc_metric_before", lang),
    ]
    assert [m.colour for m in numbers.metrics] == [COLOURS["delta"], COLOURS["minilm"], "", ""]
    sep = i18n.t("list.sep", lang)
    for k in range(1, MAX_K + 1):
        kk = min(k, 5)
        assert chart_block.at(k)["marks"] == [float(kk)]
        assert chart_block.at(k)["mark_labels"] == [f"k = {kk}"]
        this, every = CURVE.this_layer[kk], CURVE.all_layers[kk]
        values = list(numbers.at(k)["metrics"].values())
        assert values == [fmt.percent(this, 1), fmt.percent(every, 1), "95.0%", "25.0%"]
        assert list(numbers.at(k)["notes"].values()) == [
            i18n.t("s2.why.acc_at_this", lang, rank=3, used=min(k, 3)),
            i18n.t("s2.why.acc_at_all", lang, ranks=f"{kk}{sep}{min(k, 3)}", layers=2),
        ]
        assert chart_block.at(k)["alts"] == [
            i18n.t(
                "s2.why.acc_alt",
                lang,
                k=k,
                this=fmt.percent(this, 1),
                all=fmt.percent(every, 1),
                this_name=this_layer.name,
                all_name=all_layers.name,
                after="95.0%",
                before="25.0%",
            )
        ]
    json.dumps(chart_block.payload())


def test_the_table_names_each_matrix_with_its_shape() -> None:
    labels = figs.curve_labels(SPECTRA, "en", layer="2", minilm_name="W_q")
    assert labels["minilm"] == "pretrained W: MiniLM W_q (9×8)"
    assert labels["mlp"] == "pretrained W: MLP layer 2 (6×5)"
    assert list(labels) == ["minilm", "random", "theory", "mlp", "delta"]


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (1, [1]),
        (3, [1, 2, 3]),
        (10, [1, 2, 4, 10]),
        (64, [1, 2, 4, 8, 16, 32, 64]),
        (100, [1, 2, 4, 8, 16, 32, 64, 100]),
        (90, [1, 2, 4, 8, 16, 32, 90]),
    ],
)
def test_rank_ticks(top: int, ticks: list[int]) -> None:
    assert figs.rank_ticks(top) == ticks


def test_the_accuracy_chart_of_a_rank_one_curve_with_a_level_at_half() -> None:
    """One rank only: its axis still spans 1 (0.8 … 1.25); a level at exactly 50 % is labelled
    above its line (below is only for the levels the curves run under, above 50 %); 0 % is in
    view with room below it, 100 % with room above it for k's label."""
    curve = TruncationCurve(np.arange(0, 2), np.array([0.1, 0.5]), np.array([0.0, 0.75]), 0, (1,))
    chart_block, _ = accuracy_blocks(curve, 3, "en", layer="1", after=0.5, before=0.0)
    (chart,) = chart_block.charts
    assert chart.x_range == (0.8, 1.25) and chart.x_ticks == (1.0,)
    assert [s.x for s in chart.series] == [(1.0,), (1.0,)]
    assert [level.below for level in chart.levels] == [False, False]
    assert chart.y_range is not None
    low, high = chart.y_range
    assert low < 0 and high > 100
    assert [chart_block.at(k)["marks"] for k in (1, 2, 3)] == [[1.0]] * 3
