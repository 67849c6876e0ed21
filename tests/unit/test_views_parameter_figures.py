"""/parameters' shares chart draws the numbers computed in the core (inspected, not looked at).
The cost and memory charts (block charts) are tested in test_views_parameters.py."""

from __future__ import annotations

import numpy as np
import pytest

from lowrank import models
from lowrank.views import parameter_figures as figs


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
