"""The section 2 figures draw the numbers computed in the core (inspected, not looked at)."""

from __future__ import annotations

import numpy as np
import pytest

from lowrank import models, spectra
from lowrank import section2_figures as figs


def test_spectra_figure_is_the_same_for_every_k() -> None:
    """Both panels' curves and the 90% line, and no rank-k marker: the browser draws k."""
    a = spectra.spectrum("a", np.diag([4.0, 2.0, 1.0, 1.0]))
    theory = spectra.mp_spectrum((4, 4))
    fig = figs.spectra_figure(
        [figs.Curve("A", a, "red"), figs.Curve("MP", theory, "grey", dashed=True)],
        title="t",
        left_title="l",
        right_title="r",
        x_title="i/n",
        share_label="90%",
    )
    assert [tr.mode for tr in fig.data] == ["lines"] * 4
    left, right = fig.data[0], fig.data[1]
    assert (left.xaxis, right.xaxis, right.yaxis) == ("x", "x2", "y2")  # the marks' axes
    np.testing.assert_allclose(left.x, [0.25, 0.5, 0.75, 1.0])
    np.testing.assert_allclose(left.y, [1, 0.5, 0.25, 0.25])
    np.testing.assert_allclose(right.y, 100 * np.cumsum([16, 4, 1, 1]) / 22)
    assert fig.layout.shapes[0].y0 == pytest.approx(90)


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
