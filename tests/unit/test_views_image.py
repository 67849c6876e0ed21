"""The photograph page's figures and followed texts: what they show is the core's numbers."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from lowrank import i18n, image_source
from lowrank import image as im
from lowrank.views.follow import Positions
from lowrank.views.image import (
    ALL_COLOUR,
    CHANNEL_COLOURS,
    CHART_SIZE,
    ENERGY_CHART,
    LOG_FLOOR,
    SPECTRUM_CHART,
    energy_chart,
    energy_follow,
    energy_ranks,
    energy_values,
    image_charts,
    rank_follow,
    rank_texts,
    spectrum_chart,
)

LABELS = {"channel_names": ["R", "G", "B"], "all_name": "all", "y_title": "y", "title": "t"}
EN = functools.partial(i18n.t, lang="en")


@pytest.fixture(scope="module")
def circles():
    pixels = image_source.builtin_image("circles").pixels
    return pixels, im.decompose_image(pixels), im.decompose_image(im.to_grey(pixels))


def drawn(chart) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """Each curve of an SVG chart: its colour and its points in data units, read back from the
    picture through the chart's plot box (numpy, independently of the builder)."""
    box = chart.box
    root = ET.fromstring(chart.svg)
    curves = []
    for line in root.iterfind(".//{http://www.w3.org/2000/svg}polyline"):
        px = np.array([p.split(",") for p in line.get("points").split()], dtype=float)
        fx = (px[:, 0] / box.width - box.left) / (box.right - box.left)
        fy = (box.bottom - px[:, 1] / box.height) / (box.bottom - box.top)
        x = box.x_range[0] + fx * (box.x_range[1] - box.x_range[0])
        y = box.y_range[0] + fy * (box.y_range[1] - box.y_range[0])
        curves.append((line.get("stroke"), 10**x if box.x_log else x, 10**y if box.y_log else y))
    return curves


def legend(chart) -> list[str]:
    root = ET.fromstring(chart.svg)
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_spectrum_chart_draws_every_singular_value_per_channel(circles):
    pixels, colour, _ = circles
    chart = spectrum_chart(colour, **LABELS)
    assert chart.box.y_log and not chart.box.x_log
    curves = drawn(chart)
    assert [stroke for stroke, _, _ in curves] == list(CHANNEL_COLOURS)
    assert {"R", "G", "B", "t", "y", "i"} <= set(legend(chart))
    for c, (_, x, y) in enumerate(curves):
        s = np.linalg.svd(pixels[:, :, c].astype(float), compute_uv=False)
        floored = np.maximum(s, s[0] * LOG_FLOOR)  # numerically 0: at the floor of the log axis
        np.testing.assert_allclose(x, np.arange(1, s.size + 1), atol=0.1)
        # Points are rounded to 0.1 px: within 0.05 px of the plot's height, in decades
        box = chart.box
        decades_per_px = (box.y_range[1] - box.y_range[0]) / ((box.bottom - box.top) * box.height)
        np.testing.assert_allclose(np.log10(y), np.log10(floored), atol=0.051 * decades_per_px)
    # An exact low-rank picture reaches the floor: the axis goes down to it, no further.
    stripes = im.decompose_image(image_source.builtin_image("stripes").pixels)
    box = spectrum_chart(stripes, **LABELS).box
    top = float(stripes.channels[0].s[0])
    assert box.y_range[0] <= np.log10(top * LOG_FLOOR) and box.y_range[0] > np.log10(top) - 9


def test_spectrum_of_a_black_picture_is_drawable():
    black = im.decompose_image(np.zeros((16, 24, 3), dtype=np.uint8))
    chart = spectrum_chart(black, **LABELS)
    assert all(np.all(np.isfinite(y)) for _, _, y in drawn(chart))
    assert energy_chart(black, **LABELS).box.y_range == (95.0, 100.5)


def test_energy_curves_per_channel_and_for_the_whole(circles):
    pixels, colour, grey = circles
    chart = energy_chart(colour, x_note="log", **LABELS)
    curves = drawn(chart)
    assert [stroke for stroke, _, _ in curves] == [*CHANNEL_COLOURS, ALL_COLOUR]
    assert {"R", "G", "B", "all", "k (log)"} <= set(legend(chart))
    squares = [np.linalg.svd(pixels[:, :, c] * 1.0, compute_uv=False) ** 2 for c in range(3)]
    total = np.cumsum(sum(squares)) / sum(sq.sum() for sq in squares)
    k = np.arange(1, total.size + 1)
    box = chart.box  # points are rounded to 0.1 px: within 0.05 px, in axis units
    per_px_x = (box.x_range[1] - box.x_range[0]) / ((box.right - box.left) * box.width)
    per_px_y = (box.y_range[1] - box.y_range[0]) / ((box.bottom - box.top) * box.height)
    np.testing.assert_allclose(np.log10(curves[-1][1]), np.log10(k), atol=0.051 * per_px_x)
    np.testing.assert_allclose(curves[-1][2], 100 * total, atol=0.051 * per_px_y)
    first = 100 * np.cumsum(squares[0]) / squares[0].sum()
    np.testing.assert_allclose(curves[0][2], first, atol=0.051 * per_px_y)
    assert box.x_log and not box.y_log and box.x_range == (0.0, np.log10(total.size))
    assert box.y_range[0] <= 100 * total[0] and box.y_range[1] == 100.5

    one = energy_chart(grey, **LABELS)
    assert [stroke for stroke, _, _ in drawn(one)] == [ALL_COLOUR]


def test_image_charts_are_labelled_in_the_language():
    svd = im.decompose_image(image_source.builtin_image("circles").pixels)
    for lang in ("en", "zh"):
        t = functools.partial(i18n.t, lang=lang)
        charts = image_charts(svd, t)
        assert t("image.spectrum_title") in legend(charts.spectrum)
        shown = legend(charts.energy)
        assert t("image.energy_title") in shown and t("image.channel.all") in shown
        assert f"k ({t('image.log_scale')})" in shown
    grey = image_charts(
        im.decompose_image(im.to_grey(image_source.builtin_image("circles").pixels)), EN
    )
    assert EN("image.channel.grey") in legend(grey.energy)


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
    charts = image_charts(colour, EN)
    spec = rank_follow(colour, EN, slider="k", prefix="p_", charts=charts)
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
    assert spectrum.box == charts.spectrum.box and energy.box == charts.energy.box


def test_energy_follow_shows_the_rank_each_target_picks(circles):
    _, colour, _ = circles
    positions = Positions(50.0, 0.1, 500)
    values = energy_values(positions)
    assert values[0] == 50.0 and values[400] == 90.0 and values[-1] == 99.9
    ks = energy_ranks(colour, positions)
    assert ks == tuple(im.rank_for_share(colour, v / 100) for v in values)
    charts = image_charts(colour, EN)
    spec = energy_follow(
        colour, EN, slider="energy", positions=positions, prefix="e_", charts=charts
    )
    every = im.every_rank(colour)
    for i in (0, 400, 499):
        shown = spec.at(values[i])
        k = ks[i]
        assert shown["e_k"] == str(k)
        assert shown["e_auto_k"] == i18n.t("image.auto_k", "en", k=k, target=f"{values[i]:.1f}")
        assert shown["e_storage"] == rank_texts(every[k - 1], colour.shape, True, EN)["storage"]
    assert spec.marks[1].x == tuple(float(k) for k in ks)
    assert [mark.box for mark in spec.marks] == [charts.spectrum.box, charts.energy.box]


def test_each_channel_is_floored_at_its_own_sigma_one_or_at_the_pictures():
    """R: one pixel of 1 (σ = 1, 0, 0 …: its own floor, σ₁ × LOG_FLOOR, though σ₁ is not > 1);
    G: all zeros (the picture's floor, the largest σ₁); B: exactly rank 2 (σ₁ = 800, σ₂ ≈ 110)."""
    pixels = np.zeros((12, 10, 3), dtype=np.uint8)
    pixels[0, 0, 0] = 1
    pixels[:4, :4, 2] = 200
    pixels[6:, 5:, 2] = 20
    chart = spectrum_chart(im.decompose_image(pixels), **LABELS)
    sigmas = [np.linalg.svd(pixels[..., c].astype(float), compute_uv=False) for c in range(3)]
    top = max(s[0] for s in sigmas)
    assert top == pytest.approx(800.0) and sigmas[2][1] == pytest.approx(20 * np.sqrt(30))
    floors = [1.0 * LOG_FLOOR, top * LOG_FLOOR, top * LOG_FLOOR]
    box = chart.box
    decades_per_px = (box.y_range[1] - box.y_range[0]) / ((box.bottom - box.top) * box.height)
    for (_, _, y), s, floor in zip(drawn(chart), sigmas, floors, strict=True):
        expected = np.maximum(s, floor)
        np.testing.assert_allclose(np.log10(y), np.log10(expected), atol=0.051 * decades_per_px)
    assert box.y_range[0] < np.log10(LOG_FLOOR)  # the axis reaches R's floor, 1e-8


def test_both_charts_are_drawn_on_the_canvas_chart_size_width_then_height(circles):
    _, colour, grey = circles
    for decomposition in (colour, grey):
        charts = image_charts(decomposition, EN)
        for chart in (charts.spectrum, charts.energy):
            assert (chart.box.width, chart.box.height) == CHART_SIZE
            root = ET.fromstring(chart.svg)
            assert (root.get("width"), root.get("height")) == tuple(map(str, CHART_SIZE))


def test_the_whole_pictures_energy_curve_is_drawn_thicker_than_the_channels(circles):
    _, colour, grey = circles
    root = ET.fromstring(energy_chart(colour, **LABELS).svg)
    lines = root.iterfind(".//{http://www.w3.org/2000/svg}polyline")
    widths = {line.get("stroke"): float(line.get("stroke-width")) for line in lines}
    whole = widths.pop(ALL_COLOUR)
    assert list(widths) == list(CHANNEL_COLOURS) and len(set(widths.values())) == 1
    assert whole > widths[CHANNEL_COLOURS[0]]
    (line,) = ET.fromstring(energy_chart(grey, **LABELS).svg).iterfind(
        ".//{http://www.w3.org/2000/svg}polyline"
    )
    assert float(line.get("stroke-width")) == whole  # grey: its one curve is the whole


def test_the_energy_axis_starts_at_the_multiple_of_5_below_the_lowest_rank_one_share(circles):
    pixels, colour, grey = circles
    squares = [np.linalg.svd(pixels[:, :, c] * 1.0, compute_uv=False) ** 2 for c in range(3)]
    firsts = [sq[0] / sq.sum() for sq in squares]
    firsts.append(sum(sq[0] for sq in squares) / sum(sq.sum() for sq in squares))
    lowest = 100 * min(firsts)
    assert lowest == pytest.approx(72.6, abs=0.05)  # R keeps the least at k = 1
    assert energy_chart(colour, **LABELS).box.y_range == (70.0, 100.5)
    (s,) = [np.linalg.svd(im.to_grey(pixels) * 1.0, compute_uv=False) ** 2]
    assert energy_chart(grey, **LABELS).box.y_range == (5 * np.floor(20 * s[0] / s.sum()), 100.5)
