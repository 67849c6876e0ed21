"""/why_delta_w's texts at one k and its follower's table at every k, against numpy; its charts
draw the numbers computed in the core (inspected, not looked at)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from lowrank import formatting as fmt
from lowrank import i18n, spectra
from lowrank.delta import TruncationCurve
from lowrank.views import why_delta_w as figs
from lowrank.views.why_delta_w import MATRICES, accuracy_texts, energy_texts, why_follow

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


def test_follow_table_and_marks_at_every_k() -> None:
    spec = why_follow(
        SPECTRA,
        CURVE,
        8,
        "en",
        minilm_name="W_q",
        slider="k",
        prefix="why_",
        sigma_chart="sigma",
        energy_chart="energy",
        accuracy_chart="accuracy",
    )
    assert spec.positions.count == 8
    parts = {texts.key: texts.part for texts in spec.texts}
    assert parts["why_energy_delta"] == parts["why_acc_all"] == "value"
    assert parts["why_finding"] == parts["why_energy_delta_rank"] == "all"
    for k in range(1, 9):
        at = spec.at(k)
        for name in MATRICES:
            assert at[f"why_energy_{name}"] == fmt.percent(kept(name, k), 1)
    spectra_marks = [m for m in spec.marks if m.chart in ("sigma", "energy")]
    assert [m.chart for m in spectra_marks] == ["sigma", "energy"] * 4
    assert all(m.axis == "" for m in spectra_marks)  # each chart has one plot
    by_name = dict(zip(("mlp", "minilm", "random", "delta"), spectra_marks[::2], strict=True))
    for name, left in by_name.items():
        right = spectra_marks[spectra_marks.index(left) + 1]
        s = np.linalg.svd(MATRICES_USED[name], compute_uv=False)
        for i, k in enumerate(range(1, 9)):
            kk = min(k, s.size)
            assert left.x[i] == right.x[i] == pytest.approx(kk / s.size, abs=1e-5)
            assert left.y[i] == pytest.approx(s[kk - 1] / s[0], abs=1e-5)
            assert right.y[i] == pytest.approx(100 * kept(name, kk), abs=1e-5)
        assert bool(left.label) == (name == "delta")
    assert by_name["delta"].label[7] == "k = 5"
    this_layer, all_layers = [m for m in spec.marks if m.chart == "accuracy"][::-1]
    assert list(this_layer.x) == [1, 2, 3, 4, 5, 5, 5, 5]
    assert this_layer.y[1] == pytest.approx(100 * CURVE.this_layer[2])
    assert all_layers.y[7] == pytest.approx(100 * CURVE.all_layers[5])
    assert this_layer.label[0] == "k = 1" and not all_layers.label


def test_spectra_figures_are_the_same_for_every_k() -> None:
    """Both charts' curves and the 90% line, and no rank-k marker: the browser draws k."""
    sigma, energy = _two_curves()
    assert [tr.mode for tr in (*sigma.data, *energy.data)] == ["lines"] * 4
    np.testing.assert_allclose(sigma.data[0].x, [0.25, 0.5, 0.75, 1.0])
    np.testing.assert_allclose(sigma.data[0].y, [1, 0.5, 0.25, 0.25])
    np.testing.assert_allclose(energy.data[0].x, [0.25, 0.5, 0.75, 1.0])
    np.testing.assert_allclose(energy.data[0].y, 100 * np.cumsum([16, 4, 1, 1]) / 22)
    assert not sigma.layout.shapes and energy.layout.shapes[0].y0 == pytest.approx(90)


def test_accuracy_figure_shows_every_rank_on_a_log_axis() -> None:
    ks = np.arange(0, 129)
    acc = np.minimum(ks / 8, 1.0)
    fig = figs.accuracy_figure(
        ks,
        {"all": acc},
        {"after": 0.99, "before": 0.0},
        title="",
        x_title="k",
        y_title="acc",
    )
    axis = fig.layout.xaxis
    assert axis.type == "log"
    low, high = 10 ** np.array(axis.range)
    assert low < 1 and high > 128  # every rank k ≥ 1 the slider can reach is on screen
    assert list(axis.tickvals) == [1, 2, 4, 8, 16, 32, 64, 128]
    assert list(fig.data[0].x) == list(range(1, 129))  # rank 0 has no place on a log axis
    assert fig.data[0].y[7] == pytest.approx(100)  # k = 8
    assert len(fig.layout.annotations) == 2  # the two reference levels, no k marker
    assert len(fig.layout.shapes) == 2


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


def test_spectra_figures_titles_axes_and_ranges() -> None:
    sigma, energy = _two_curves()
    assert (sigma.layout.title.text, energy.layout.title.text) == ("σ", "e")
    for fig in (sigma, energy):
        layout = fig.layout.to_plotly_json()
        assert sorted(key for key in layout if key.startswith(("xaxis", "yaxis"))) == [
            "xaxis",
            "yaxis",
        ]  # one plot each: the follower's marks use the plain axes
        assert tuple(fig.layout.xaxis.range) == (0, 1.01) and fig.layout.xaxis.title.text == "i/n"
    assert tuple(sigma.layout.yaxis.range) == (0, 1.02)  # σᵢ/σ₁ from 0 to 1
    assert sigma.layout.yaxis.ticksuffix is None
    assert energy.layout.yaxis.range[0] == 0 and energy.layout.yaxis.range[1] > 100
    assert energy.layout.yaxis.ticksuffix == "%"
    line = energy.layout.shapes[0]
    assert (line.y0, line.y1, line.xref, line.yref) == (90, 90, "x domain", "y")
    assert energy.layout.annotations[0].text == "90%"


def test_spectra_figures_traces_legend_and_hover_ranks() -> None:
    sigma, energy = _two_curves()
    for fig in (sigma, energy):
        assert [tr.name for tr in fig.data] == ["A", "MP"]
        assert [tr.line.dash for tr in fig.data] == ["solid", "dash"]
        assert [tr.line.color for tr in fig.data] == ["red", "grey"]
        for tr in fig.data:
            assert list(tr.customdata) == [1, 2, 3, 4]  # i, 1-based, for the hover
    assert sigma.layout.showlegend is not False and energy.layout.showlegend is False
    assert sigma.layout.height > energy.layout.height  # room for the legend under σ


def test_accuracy_figure_reference_lines_and_axes() -> None:
    fig = figs.accuracy_figure(
        np.arange(0, 129),
        {"all": np.full(129, 0.5)},
        {"after": 0.99, "half": 0.5, "before": 0.25},
        title="",
        x_title="k",
        y_title="acc",
    )
    assert [shape.y0 for shape in fig.layout.shapes] == pytest.approx([99, 50, 25], rel=1e-12)
    texts = [note.text for note in fig.layout.annotations]
    assert texts == ["after: 99.0%", "half: 50.0%", "before: 25.0%"]
    places = [(note.yanchor, note.xanchor) for note in fig.layout.annotations]
    assert places[0] != places[1] == places[2]  # above 50 % below the line, 50 % and under above
    low, high = fig.layout.yaxis.range
    assert low < 0 and high > 100 and fig.layout.yaxis.ticksuffix == "%"
    assert fig.layout.xaxis.range == pytest.approx((np.log10(0.8), np.log10(160)), rel=1e-12)


def test_accuracy_figure_at_rank_one_only() -> None:
    fig = figs.accuracy_figure(
        np.array([0, 1]), {"all": [0.5, 0.75]}, {}, title="", x_title="k", y_title="acc"
    )
    assert list(fig.data[0].x) == [1] and list(fig.data[0].y) == pytest.approx([75])
    assert fig.layout.xaxis.range == pytest.approx((np.log10(0.8), np.log10(1.25)), rel=1e-12)
    assert list(fig.layout.xaxis.tickvals) == [1]


def _two_curves() -> tuple[go.Figure, go.Figure]:
    a = spectra.spectrum("a", np.diag([4.0, 2.0, 1.0, 1.0]))
    theory = spectra.mp_spectrum((4, 4))
    return figs.spectra_figures(
        [figs.Curve("A", a, "red"), figs.Curve("MP", theory, "grey", dashed=True)],
        sigma_title="σ",
        energy_title="e",
        x_title="i/n",
        share_label="90%",
    )
