"""The section 2 figures draw the numbers computed in the core (inspected, not looked at)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from lowrank import models, spectra
from lowrank import section2_figures as figs


def test_spectra_figures_are_the_same_for_every_k() -> None:
    """Both charts' curves and the 90% line, and no rank-k marker: the browser draws k."""
    sigma, energy = _two_curves()
    assert [tr.mode for tr in (*sigma.data, *energy.data)] == ["lines"] * 4
    np.testing.assert_allclose(sigma.data[0].x, [0.25, 0.5, 0.75, 1.0])
    np.testing.assert_allclose(sigma.data[0].y, [1, 0.5, 0.25, 0.25])
    np.testing.assert_allclose(energy.data[0].x, [0.25, 0.5, 0.75, 1.0])
    np.testing.assert_allclose(energy.data[0].y, 100 * np.cumsum([16, 4, 1, 1]) / 22)
    assert not sigma.layout.shapes and energy.layout.shapes[0].y0 == pytest.approx(90)


def test_shares_figure() -> None:
    rows = models.share_table()
    names = {m.key: m.name for m in models.MODELS.values()}
    fig = figs.shares_figure(
        rows,
        model_names=names,
        set_names={"qv": "q,v", "attention": "a", "all": "all"},
        band=(1e-4, 0.03),
        band_label="note",
        title="",
        x_title="%",
    )
    assert sum(len(tr.x) for tr in fig.data) == len(rows)


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


def test_shares_figure_places_every_row() -> None:
    rows = [
        models.ShareRow("m1", "qv", 4, 10, 0.002),
        models.ShareRow("m1", "all", 8, 20, 0.004),
        models.ShareRow("m2", "qv", 4, 30, 0.02),
        models.ShareRow("m2", "attention", 16, 40, 0.05),
    ]
    fig = figs.shares_figure(
        rows,
        model_names={"m1": "One", "m2": "Two"},
        set_names={"qv": "q,v", "attention": "a", "all": "all"},
        band=(1e-4, 0.03),
        band_label="note",
        title="",
        x_title="%",
    )
    qv, attention, every = fig.data
    assert list(qv.x) == pytest.approx([0.2, 2.0]) and list(qv.y) == [-0.25, 0.75]
    assert list(attention.x) == pytest.approx([5.0]) and list(attention.y) == [1.0]
    assert list(every.x) == pytest.approx([0.4]) and list(every.y) == [0.25]
    assert list(qv.text) == ["4", "4"] and list(attention.text) == ["16"]
    band = fig.layout.shapes[0]
    assert (band.x0, band.x1) == pytest.approx((0.01, 3.0), rel=1e-12)
    note = fig.layout.annotations[0]
    assert note.x == pytest.approx(np.log10(np.sqrt(0.01 * 3.0)), rel=1e-12)  # mid-band, log x
    assert list(fig.layout.yaxis.tickvals) == [0, 1]
    assert list(fig.layout.yaxis.ticktext) == ["One", "Two"]
