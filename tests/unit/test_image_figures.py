"""The photograph page's figures and followed texts: what they show is the core's numbers."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from lowrank import i18n
from lowrank import image as im
from lowrank.follow import Positions
from lowrank.image_figures import (
    ALL_COLOUR,
    CHANNEL_COLOURS,
    ENERGY_CHART,
    SPECTRUM_CHART,
    energy_figure,
    energy_follow,
    energy_ranks,
    energy_values,
    percent,
    rank_follow,
    rank_texts,
    spectrum_figure,
)

LABELS = {"channel_names": ["R", "G", "B"], "all_name": "all", "y_title": "y", "title": "t"}
EN = functools.partial(i18n.t, lang="en")


@pytest.fixture(scope="module")
def circles():
    pixels = im.builtin_image("circles").pixels
    return pixels, im.decompose_image(pixels), im.decompose_image(im.to_grey(pixels))


def test_spectrum_plots_every_singular_value_per_channel(circles):
    pixels, colour, _ = circles
    fig = spectrum_figure(colour, **LABELS)
    assert [t.name for t in fig.data] == ["R", "G", "B"]
    assert [t.line.color for t in fig.data] == list(CHANNEL_COLOURS)
    for c, trace in enumerate(fig.data):
        s = np.linalg.svd(pixels[:, :, c].astype(float), compute_uv=False)
        np.testing.assert_allclose(trace.customdata, s, rtol=1e-9, atol=1e-9)
        assert min(trace.y) > 0  # drawable on a log axis
    assert fig.layout.yaxis.type == "log"
    assert not fig.layout.shapes and not fig.layout.annotations  # k is marked by the browser


def test_energy_curves_per_channel_and_for_the_whole(circles):
    pixels, colour, grey = circles
    fig = energy_figure(colour, x_note="log", **LABELS)
    assert [t.name for t in fig.data] == ["R", "G", "B", "all"]
    assert fig.data[-1].line.color == ALL_COLOUR
    squares = [np.linalg.svd(pixels[:, :, c] * 1.0, compute_uv=False) ** 2 for c in range(3)]
    total = np.cumsum(sum(squares)) / sum(sq.sum() for sq in squares)
    np.testing.assert_allclose(fig.data[-1].y, 100 * total, atol=1e-9)
    np.testing.assert_allclose(fig.data[0].y, 100 * np.cumsum(squares[0]) / squares[0].sum())
    assert fig.layout.xaxis.type == "log" and fig.layout.xaxis.title.text == "k (log)"
    assert not fig.layout.shapes and not fig.layout.annotations  # k is marked by the browser
    assert fig.layout.yaxis.range[0] <= 100 * total[0]

    one = energy_figure(grey, **LABELS)
    assert [t.name for t in one.data] == ["all"]


def test_percent_never_rounds_a_loss_away():
    assert percent(0.5) == "50.00%" and percent(1.0) == "100.00%"
    assert percent(0.99996) == "> 99.99%" and percent(0.99996, 1) == "> 99.9%"
    assert percent(0.9994, 1) == "99.9%"


def test_rank_texts_say_the_numbers_and_use_only_bold(circles):
    _, colour, grey = circles
    numbers = im.numbers_at(colour, 3)
    texts = rank_texts(numbers, colour.shape, True, EN)
    assert texts["k"] == "3" and texts["stored"] == f"{numbers.ratio:.1%}"
    assert texts["psnr"] == f"{numbers.psnr_db:.1f} dB"
    assert f"**{numbers.stored:,}**" in texts["storage"] and "**3**" in texts["storage"]
    assert texts["saving"] == i18n.t("image.break_even", "en", k=220)
    assert "R " in texts["channels"]
    full = rank_texts(im.numbers_at(grey, 384), grey.shape, False, EN)
    assert full["psnr"] == "∞" and full["energy"] == "100.0%" and "channels" not in full
    assert i18n.t("image.no_saving", "en", k=220) in full["saving"]
    for text in (*texts.values(), *full.values()):  # what follow.js can swap
        assert "$" not in text and "](" not in text and text.count("**") % 2 == 0


def test_rank_follow_describes_every_rank(circles):
    _, colour, _ = circles
    spec = rank_follow(colour, EN, slider="k", prefix="p_")
    assert spec.slider == "k" and spec.positions == Positions(1, 1, 384)
    every = im.every_rank(colour)
    for k in (1, 17, 384):
        expected = rank_texts(every[k - 1], colour.shape, True, EN)
        assert spec.at(k) == {f"p_{name}": text for name, text in expected.items()}
    parts = {texts.key: texts.part for texts in spec.texts}
    assert [key for key, part in parts.items() if part == "value"] == [
        "p_k",
        "p_energy",
        "p_psnr",
        "p_stored",
    ]
    spectrum, energy = spec.marks
    assert spectrum.chart == "p_" + SPECTRUM_CHART and spectrum.band
    assert energy.chart == "p_" + ENERGY_CHART and energy.x == tuple(range(1, 385))
    assert energy.y[16] == pytest.approx(100 * every[16].energy_kept)
    assert energy.label[16] == "k = 17"


def test_energy_follow_shows_the_rank_each_target_picks(circles):
    _, colour, _ = circles
    positions = Positions(50.0, 0.1, 500)
    values = energy_values(positions)
    assert values[0] == 50.0 and values[400] == 90.0 and values[-1] == 99.9
    ks = energy_ranks(colour, positions)
    assert ks == tuple(im.rank_for_share(colour, v / 100) for v in values)
    spec = energy_follow(colour, EN, slider="energy", positions=positions, prefix="e_")
    every = im.every_rank(colour)
    for i in (0, 400, 499):
        shown = spec.at(values[i])
        k = ks[i]
        assert shown["e_k"] == str(k)
        assert shown["e_auto_k"] == i18n.t("image.auto_k", "en", k=k, target=f"{values[i]:.1f}")
        assert shown["e_storage"] == rank_texts(every[k - 1], colour.shape, True, EN)["storage"]
    assert spec.marks[1].x == tuple(float(k) for k in ks)
