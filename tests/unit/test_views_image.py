"""The photograph page's blocks (its numbers, sentences and charts at every position of both
sliders): what they show is numpy's."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from lowrank import formatting as fmt
from lowrank import i18n, image_source
from lowrank import image as im
from lowrank.views import alt_texts
from lowrank.views.image import (
    ALL_COLOUR,
    CHANNEL_COLOURS,
    CHANNEL_WIDTH,
    LOG_FLOOR,
    WHOLE_WIDTH,
    energy_ranks,
    energy_values,
    image_blocks,
    image_energy_chart,
    rank_texts,
    spectrum_chart,
)
from lowrank.views.positions import Positions

EN = functools.partial(i18n.t, lang="en")
ZH = functools.partial(i18n.t, lang="zh")


@pytest.fixture(scope="module")
def circles():
    pixels = image_source.builtin_image("circles").pixels
    return pixels, im.decompose_image(pixels), im.decompose_image(im.to_grey(pixels))


def numpy_sigmas(pixels: np.ndarray) -> list[np.ndarray]:
    channels = pixels[..., None] if pixels.ndim == 2 else pixels
    return [
        np.linalg.svd(channels[:, :, c].astype(float), compute_uv=False)
        for c in range(channels.shape[2])
    ]


def test_spectrum_chart_draws_every_singular_value_per_channel(circles):
    pixels, colour, _ = circles
    chart = spectrum_chart(colour, [1, 2, 3], EN)
    assert chart.log_y and not chart.log_x
    assert [s.colour for s in chart.series] == list(CHANNEL_COLOURS)
    assert [s.name for s in chart.series] == [EN(f"image.channel.{c}") for c in "RGB"]
    sigma_1 = max(s[0] for s in numpy_sigmas(pixels))  # the picture's: the hover's scale
    for series, s in zip(chart.series, numpy_sigmas(pixels), strict=True):
        floored = np.maximum(s, s[0] * LOG_FLOOR)  # numerically 0: at the floor of the log axis
        np.testing.assert_array_equal(series.x, np.arange(1, s.size + 1))
        np.testing.assert_allclose(series.y, floored, rtol=5e-6)  # 6 significant digits
        value = fmt.number(s[16], 4, scale=sigma_1)
        assert series.hover[16] == f"{series.name}: σ₁₇ = {value}"
    assert chart.mark == (1.0, 2.0, 3.0) and chart.mark_labels[1] == "k = 2"
    assert chart.band == EN("chart.dropped")
    # An exact low-rank picture reaches the floor: the axis goes down to it, no further.
    stripes = im.decompose_image(image_source.builtin_image("stripes").pixels)
    low, _ = spectrum_chart(stripes, [1], EN).payload()["yRange"]
    top = float(stripes.channels[0].s[0])
    assert low <= np.log10(top * LOG_FLOOR) and low > np.log10(top) - 9


def test_a_black_picture_is_drawable():
    black = im.decompose_image(np.zeros((16, 24, 3), dtype=np.uint8))
    spectrum = spectrum_chart(black, [1], EN)
    assert all(np.all(np.isfinite(s.y)) and min(s.y) > 0 for s in spectrum.series)
    assert image_energy_chart(black, [1], EN).y_range == (95.0, 100.5)
    image_blocks(black, EN).details.payload()  # every part can be sent


def test_energy_curves_per_channel_and_for_the_whole(circles):
    pixels, colour, grey = circles
    chart = image_energy_chart(colour, [5], EN)
    assert [s.colour for s in chart.series] == [*CHANNEL_COLOURS, ALL_COLOUR]
    assert chart.series[-1].name == EN("image.channel.all")
    assert chart.log_x and chart.x_label == f"k ({EN('image.log_scale')})"
    squares = [s**2 for s in numpy_sigmas(pixels)]
    total = np.cumsum(sum(squares)) / sum(sq.sum() for sq in squares)
    np.testing.assert_array_equal(chart.series[-1].x, np.arange(1, total.size + 1))
    np.testing.assert_allclose(chart.series[-1].y, 100 * total, rtol=1e-12)
    first = 100 * np.cumsum(squares[0]) / squares[0].sum()
    np.testing.assert_allclose(chart.series[0].y, first, rtol=1e-12)
    assert chart.series[-1].hover[4] == f"{chart.series[-1].name}, k = 5: {fmt.percent(total[4])}"
    # the whole picture's curve is drawn thicker than the channels'
    assert [s.width for s in chart.series] == [CHANNEL_WIDTH] * 3 + [WHOLE_WIDTH]
    assert WHOLE_WIDTH > CHANNEL_WIDTH
    assert chart.mark == (5.0,) and chart.mark_labels == ("k = 5",) and chart.y_suffix == "%"
    payload = chart.payload()
    assert (
        payload["logX"] and payload["xRange"][0] < 0 < np.log10(total.size) < payload["xRange"][1]
    )
    assert [tick for tick, _ in payload["xTicks"]] == [1, 2, 5, 10, 20, 50, 100, 200]

    whole_zh = image_energy_chart(colour, [5], ZH).series[-1]
    assert whole_zh.hover[4] == f"{ZH('image.channel.all')}，k = 5: {fmt.percent(total[4])}"
    (one,) = image_energy_chart(grey, [5], EN).series
    assert one.colour == ALL_COLOUR and one.width == WHOLE_WIDTH  # grey: its one curve is whole
    assert one.name == EN("image.channel.grey")


def test_the_energy_axis_starts_at_the_multiple_of_5_below_the_lowest_rank_one_share(circles):
    pixels, colour, grey = circles
    squares = [s**2 for s in numpy_sigmas(pixels)]
    firsts = [sq[0] / sq.sum() for sq in squares]
    firsts.append(sum(sq[0] for sq in squares) / sum(sq.sum() for sq in squares))
    assert 100 * min(firsts) == pytest.approx(72.6, abs=0.05)  # R keeps the least at k = 1
    assert image_energy_chart(colour, [1], EN).y_range == (70.0, 100.5)
    (s,) = [sq for sq in (numpy_sigmas(im.to_grey(pixels))[0] ** 2,)]
    bottom = 5 * np.floor(20 * s[0] / s.sum())
    assert image_energy_chart(grey, [1], EN).y_range == (bottom, 100.5)


def test_each_channel_is_floored_at_its_own_sigma_one_or_at_the_pictures():
    """R: one pixel of 1 (σ = 1, 0, 0 …: its own floor, σ₁ × LOG_FLOOR, though σ₁ is not > 1);
    G: all zeros (the picture's floor, the largest σ₁); B: exactly rank 2 (σ₁ = 800, σ₂ ≈ 110)."""
    pixels = np.zeros((12, 10, 3), dtype=np.uint8)
    pixels[0, 0, 0] = 1
    pixels[:4, :4, 2] = 200
    pixels[6:, 5:, 2] = 20
    chart = spectrum_chart(im.decompose_image(pixels), [1], EN)
    sigmas = numpy_sigmas(pixels)
    top = max(s[0] for s in sigmas)
    assert top == pytest.approx(800.0) and sigmas[2][1] == pytest.approx(20 * np.sqrt(30))
    floors = [1.0 * LOG_FLOOR, top * LOG_FLOOR, top * LOG_FLOOR]
    for series, s, floor in zip(chart.series, sigmas, floors, strict=True):
        np.testing.assert_allclose(series.y, np.maximum(s, floor), rtol=5e-6)
    assert chart.payload()["yRange"][0] < np.log10(LOG_FLOOR)  # the axis reaches R's floor


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
    for text in (*texts.values(), *full.values()):  # the block renderer's markup only
        assert "$" not in text and "](" not in text and text.count("**") % 2 == 0


@pytest.mark.parametrize(("mode", "t"), [("colour", EN), ("grey", ZH)])
def test_the_rank_sliders_blocks_show_numpys_numbers_at_every_k(circles, mode, t):
    pixels, colour, grey = circles
    decomposition = colour if mode == "colour" else grey
    pixels = pixels if mode == "colour" else im.to_grey(pixels)
    squares = [s**2 for s in numpy_sigmas(pixels)]
    total = sum(squares)
    m, n = pixels.shape[:2]
    channels = len(squares)
    blocks = image_blocks(decomposition, t)
    assert blocks.auto_k is None
    for content in (blocks.numbers, blocks.details, blocks.note):
        assert content.positions == Positions(1, 1, 384)
    assert blocks.numbers.metric_columns == 2  # two by two beside the pictures
    labels = [t(f"image.metric.{name}") for name in ("k", "energy", "psnr", "stored")]
    assert [metric.label for metric in blocks.numbers.metrics] == labels
    assert [metric.help for metric in blocks.numbers.metrics] == [
        "",
        "",
        t("image.psnr_help"),
        t("image.stored_help"),
    ]
    spectrum_lead = t("image.alt.lead", chart=alt_texts.spectrum(decomposition, t))
    energy_lead = t("image.alt.lead", chart=alt_texts.energy(decomposition, t))
    for k in range(1, 385):
        stored = channels * k * (m + n + 1)
        kept = total[:k].sum() / total.sum()
        rest = total[k:].sum()
        psnr = (
            "∞"
            if rest <= total.sum() * 1e-24
            else f"{10 * np.log10(255**2 * pixels.size / rest):.1f} dB"
        )
        assert list(blocks.numbers.at(k)["metrics"].values()) == [
            str(k),
            fmt.percent(kept, 1),
            psnr,
            f"{stored / pixels.size:.1%}",
        ]
        details = blocks.details.at(k)
        storage, saving, *per_channel = details["sentences"]
        assert f"**{k}**" in storage and f"**{stored:,}**" in storage
        assert ("📦" in saving) == (stored >= m * n * channels)
        if channels == 3:
            shares = [fmt.percent(sq[:k].sum() / sq.sum()) for sq in squares]
            assert per_channel == [
                t(
                    "image.channel_energy",
                    detail=" · ".join(f"{c} {s}" for c, s in zip("RGB", shares, strict=True)),
                )
            ]
        else:
            assert per_channel == []
        assert details["marks"] == [k, k] and details["mark_labels"] == [f"k = {k}"] * 2
        spectrum_alt, energy_alt = details["alts"]
        dropped = (
            t("image.alt.spectrum_at", k=k, dropped=384 - k)
            if k < 384
            else t("image.alt.spectrum_all", k=k)
        )
        assert spectrum_alt == spectrum_lead + dropped
        assert energy_alt == energy_lead + t("image.alt.energy_at", k=k, energy=fmt.percent(kept))
        assert blocks.note.at(k)["sentences"] == [
            t("image.note_live", k=k, energy=fmt.percent(kept))
        ]
    sentences = blocks.details.sentences
    assert [s.caption for s in sentences] == [False, True, True][: 2 + (channels == 3)]


def test_the_energy_sliders_blocks_show_the_rank_each_target_picks(circles):
    pixels, colour, _ = circles
    positions = Positions(50.0, 0.1, 500)
    values = energy_values(positions)
    assert values[0] == 50.0 and values[400] == 90.0 and values[-1] == 99.9
    squares = [s**2 for s in numpy_sigmas(pixels)]
    kept = np.cumsum(sum(squares)) / sum(sq.sum() for sq in squares)
    ks = [int(np.argmax(kept >= v / 100 - 1e-12)) + 1 for v in values]
    assert energy_ranks(colour, positions) == tuple(ks)
    blocks = image_blocks(colour, EN, positions)
    rank = image_blocks(colour, EN)
    assert blocks.auto_k is not None
    for content in (blocks.auto_k, blocks.numbers, blocks.details, blocks.note):
        assert content.positions == positions
    for i in (0, 123, 400, 499):
        k, value = ks[i], values[i]
        assert blocks.auto_k.at(value)["sentences"] == [
            EN("image.auto_k", k=k, target=f"{value:.1f}")
        ]
        # at each target, everything the rank slider shows at the k it picks
        for mine, theirs in zip(
            (blocks.numbers, blocks.details, blocks.note),
            (rank.numbers, rank.details, rank.note),
            strict=True,
        ):
            assert mine.at(value) == theirs.at(k)
    assert blocks.details.charts[0].mark == tuple(float(k) for k in ks)


def test_the_spectrums_hover_shows_rounding_noise_as_0_on_the_pictures_scale():
    """A flat 512×512 grey picture has rank 1: its σ₂ … are float noise (about 1e-9, above
    1e-10 but far below 1e-10 · σ₁), read as 0 on the scale of σ₁ = 255 · 512."""
    flat = im.decompose_image(np.full((512, 512), 255, dtype=np.uint8))
    s = flat.channels[0].s
    assert s[0] == pytest.approx(255 * 512) and 1e-10 < s[1] < 1e-10 * s[0]
    (series,) = spectrum_chart(flat, [1], EN).series
    name = EN("image.channel.grey")
    assert series.hover[0] == f"{name}: σ₁ = {fmt.number(s[0], 4)}"
    assert series.hover[1] == f"{name}: σ₂ = 0"
