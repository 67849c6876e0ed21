"""The photograph page's figures: what they plot is the core's numbers, per channel."""

from __future__ import annotations

import numpy as np
import pytest

from lowrank import image as im
from lowrank.image_figures import ALL_COLOUR, CHANNEL_COLOURS, energy_figure, spectrum_figure

LABELS = {"channel_names": ["R", "G", "B"], "all_name": "all", "y_title": "y", "title": "t"}


@pytest.fixture(scope="module")
def circles():
    pixels = im.builtin_image("circles").pixels
    return pixels, im.decompose_image(pixels), im.decompose_image(im.to_grey(pixels))


def test_spectrum_plots_every_singular_value_per_channel(circles):
    pixels, colour, _ = circles
    fig = spectrum_figure(colour, 7, **LABELS)
    assert [t.name for t in fig.data] == ["R", "G", "B"]
    assert [t.line.color for t in fig.data] == list(CHANNEL_COLOURS)
    for c, trace in enumerate(fig.data):
        s = np.linalg.svd(pixels[:, :, c].astype(float), compute_uv=False)
        np.testing.assert_allclose(trace.customdata, s, rtol=1e-9, atol=1e-9)
        assert min(trace.y) > 0  # drawable on a log axis
    assert fig.layout.yaxis.type == "log"
    assert fig.layout.shapes[0].x0 == 7 and fig.layout.annotations[0].text == "k = 7"


def test_energy_curves_per_channel_and_for_the_whole(circles):
    pixels, colour, grey = circles
    fig = energy_figure(colour, 12, x_note="log", **LABELS)
    assert [t.name for t in fig.data] == ["R", "G", "B", "all"]
    assert fig.data[-1].line.color == ALL_COLOUR
    squares = [np.linalg.svd(pixels[:, :, c] * 1.0, compute_uv=False) ** 2 for c in range(3)]
    total = np.cumsum(sum(squares)) / sum(sq.sum() for sq in squares)
    np.testing.assert_allclose(fig.data[-1].y, 100 * total, atol=1e-9)
    np.testing.assert_allclose(fig.data[0].y, 100 * np.cumsum(squares[0]) / squares[0].sum())
    assert fig.layout.xaxis.type == "log" and fig.layout.xaxis.title.text == "k (log)"
    assert fig.layout.shapes[0].x0 == 12
    assert fig.layout.annotations[-1].x == pytest.approx(np.log10(12))
    assert fig.layout.yaxis.range[0] <= 100 * total[0]

    one = energy_figure(grey, 1, **LABELS)
    assert [t.name for t in one.data] == ["all"]
