"""/parameters' views, what bench/mutate.py found untested: the ΔW = A × B picture's geometry read
back from its shapes (centred, blocks apart, labels under their blocks, signs between them, the
grid lines on the cells), the scale as large as its three limits allow, and the charts' edges."""

from __future__ import annotations

import re

import pytest

from lowrank import models
from lowrank.memory import full_finetune_memory
from lowrank.views.parameter_blocks import (
    LABEL_SIZE,
    LINE_HEIGHT,
    MAX_BLOCK_HEIGHT,
    MAX_CELL,
    MIN_GAP,
    PAD,
    SIGN_SIZE,
    SVG_WIDTH,
    blocks_picture,
    blocks_scale,
    is_cell_grid,
)
from lowrank.views.parameter_figures import (
    MEMORY_HEADROOM,
    MEMORY_LEFT,
    cost_chart,
    memory_picture,
)

#: Cell grids, to scale, labels wider than their blocks (14336×2), a picture wider than
#: SVG_WIDTH (2×14336: every block widened to 3 px) and counts far beyond any model.
CASES = [(5, 4), (2, 2), (24, 24), (16, 7), (1, 3), (64, 64), (96, 11), (4096, 14336),
         (14336, 2), (2, 14336), (10**8, 10**8)]  # fmt: skip
#: The two cases that need more than SVG_WIDTH: blocks widened to MIN_SIDE_PX, labels of 23 chars.
WIDER = {(2, 14336), (10**8, 10**8)}
#: Rounding: coordinates are written with one decimal (± 0.05 each), the picture's size with none.
XY = 0.051
SIGNS = ("=", "×")


def _figure(width: float, height: float, shapes) -> dict:
    """One position's picture, read back: size, rects, labels, signs, grid paths by colour."""
    rects = []
    for shape in shapes:
        if shape.tag == "rect":
            a = dict(shape.attributes)
            rects.append({name: float(a[name]) for name in ("x", "y", "width", "height")}
                         | {"colour": a["fill"]})  # fmt: skip
    texts = [(s.text, dict(s.attributes)) for s in shapes if s.tag == "text"]
    signs = {text: (float(a["x"]), float(a["y"])) for text, a in texts if text in SIGNS}
    lines = [(text, a) for text, a in texts if text not in SIGNS]
    labels = []
    for i in range(0, len(lines), 3):  # name, shape and count under each block
        three = lines[i : i + 3]
        x, y = float(three[0][1]["x"]), float(three[0][1]["y"])
        labels.append({"x": x, "y": y, "lines": [text for text, _ in three],
                       "last": float(three[-1][1]["y"]),
                       "xs": [float(a["x"]) for _, a in three]})  # fmt: skip
    paths = {
        dict(s.attributes)["stroke"]: dict(s.attributes)["d"] for s in shapes if s.tag == "path"
    }
    return {"width": width, "height": height, "rects": rects, "labels": labels, "signs": signs,
            "paths": paths}  # fmt: skip


def _pictures(d: int, k: int) -> list[tuple[int, dict]]:
    ranks = models.rank_options(d, k) if max(d, k) < 10**6 else (1, 2, min(d, k))
    picture = blocks_picture(d, k, ranks, "en")
    figures = [_figure(picture.width, picture.height, shapes) for shapes in picture.shapes]
    return list(zip(ranks, figures, strict=True))


@pytest.mark.parametrize(("d", "k"), CASES)
def test_the_blocks_are_centred_apart_and_inside_the_padding(d: int, k: int) -> None:
    margins = []
    for _, fig in _pictures(d, k):
        first, middle, last = fig["rects"]
        left, right = first["x"], fig["width"] - (last["x"] + last["width"])
        assert left == pytest.approx(right, abs=0.5 + XY)  # the width is written as an integer
        assert left >= PAD - XY
        margins.append(left)
        if (d, k) in WIDER:
            assert fig["width"] > SVG_WIDTH
        else:  # ΔW, A and B fit the natural width at the largest rank, labels included
            assert fig["width"] == SVG_WIDTH
        for before, after in ((first, middle), (middle, last)):
            assert after["x"] - (before["x"] + before["width"]) >= MIN_GAP - 3 * XY
        assert all(r["y"] == first["y"] > 0 for r in fig["rects"])  # one top line
    if (d, k) in WIDER:  # as wide as the widest layout needs, with PAD on either side
        assert min(margins) == pytest.approx(PAD, abs=0.5 + XY)


@pytest.mark.parametrize(("d", "k"), CASES)
def test_labels_sit_under_their_blocks_and_inside_the_picture(d: int, k: int) -> None:
    for _, fig in _pictures(d, k):
        for rect, label in zip(fig["rects"], fig["labels"], strict=True):
            centre = rect["x"] + rect["width"] / 2
            assert label["x"] == pytest.approx(centre, abs=3 * XY)
            assert all(x == label["x"] for x in label["xs"])  # all three lines centred
            # the first baseline is a line below the block, the last one fits above the edge
            assert label["y"] - LABEL_SIZE >= rect["y"] + rect["height"] - 2 * XY
            assert label["last"] + 0.3 * LABEL_SIZE <= fig["height"]
            assert label["last"] - label["y"] == pytest.approx(2 * LINE_HEIGHT)
        # neighbouring labels do not overlap, even at a modest 0.55 em per character
        for a, b in zip(fig["labels"], fig["labels"][1:], strict=False):
            wide = [0.55 * LABEL_SIZE * max(map(len, lab["lines"])) for lab in (a, b)]
            assert b["x"] - a["x"] >= sum(wide) / 2


@pytest.mark.parametrize(("d", "k"), CASES)
def test_the_signs_stand_midway_between_the_blocks(d: int, k: int) -> None:
    for _, fig in _pictures(d, k):
        full, a, b = fig["rects"]
        equals, times = fig["signs"]["="], fig["signs"]["×"]
        assert equals[0] == pytest.approx((full["x"] + full["width"] + a["x"]) / 2, abs=3 * XY)
        assert times[0] == pytest.approx((a["x"] + a["width"] + b["x"]) / 2, abs=3 * XY)
        # vertically in the middle of ΔW, the tallest block
        middle = full["y"] + full["height"] / 2 + SIGN_SIZE / 3  # the baseline, a third of the
        assert equals[1] == times[1] == pytest.approx(middle, abs=XY)  # sign below the middle


def _lines(path: str) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """A grid path's horizontal (x, y, x_end) and vertical (x, y, y_end) lines."""
    horizontal = [tuple(map(float, m)) for m in re.findall(r"M([\d.]+) ([\d.]+)H([\d.]+)", path)]
    vertical = [tuple(map(float, m)) for m in re.findall(r"M([\d.]+) ([\d.]+)V([\d.]+)", path)]
    return horizontal, vertical


@pytest.mark.parametrize(("d", "k"), [c for c in CASES if is_cell_grid(*c)])
def test_grid_lines_run_across_each_block_between_its_cells(d: int, k: int) -> None:
    for r, fig in _pictures(d, k):
        for rect, (rows, cols) in zip(fig["rects"], ((d, k), (d, r), (r, k)), strict=True):
            path = fig["paths"].get(rect["colour"])
            if rows == cols == 1:  # a single cell has no inner line, so no path
                assert path is None
                continue
            horizontal, vertical = _lines(path)
            right, bottom = rect["x"] + rect["width"], rect["y"] + rect["height"]
            assert [y for _, y, _ in horizontal] == pytest.approx(
                [rect["y"] + i * rect["height"] / rows for i in range(1, rows)], abs=3 * XY
            )
            near = pytest.approx
            assert all((x, end) == near((rect["x"], right), abs=3 * XY) for x, _, end in horizontal)
            assert [x for x, _, _ in vertical] == pytest.approx(
                [rect["x"] + j * rect["width"] / cols for j in range(1, cols)], abs=3 * XY
            )
            assert all((y, end) == near((rect["y"], bottom), abs=3 * XY) for _, y, end in vertical)


def test_a_one_by_n_picture_has_no_grid_on_its_single_cell() -> None:
    picture = blocks_picture(1, 3, (1,), "en")
    fig = _figure(picture.width, picture.height, picture.shapes[0])
    colours = [r["colour"] for r in fig["rects"]]
    assert set(fig["paths"]) == {colours[0], colours[2]}  # ΔW 1×3 and B 1×3, not A 1×1


@pytest.mark.parametrize("d", models.SIZE_CHOICES)
def test_the_scale_is_the_largest_its_three_limits_allow(d: int) -> None:
    across = SVG_WIDTH - 2 * PAD - 2 * MIN_GAP  # ΔW, A and B side by side, with two gaps
    for k in models.SIZE_CHOICES:
        room = max(models.rank_options(d, k))
        scale = blocks_scale(d, k, room)
        limits = (scale * (2 * k + room) / across, scale * d / MAX_BLOCK_HEIGHT, scale / MAX_CELL)
        assert max(limits) == pytest.approx(1.0, rel=1e-12), (d, k)


@pytest.mark.parametrize("key", list(models.MODELS))
def test_the_memory_axis_ticks_are_where_their_gigabytes_are(key: str) -> None:
    """Each tick sits at its value on the bars' scale: full fine-tuning's bar ends at its total,
    and the axis runs a little past it (MEMORY_HEADROOM) so the last tick can be drawn."""
    picture = memory_picture(key, ("q", "v"), "fp16", "en")
    total = full_finetune_memory(models.MODELS[key], "fp16").total
    shapes = picture.shapes[0]
    (full_label,) = [s for s in shapes if s.text.startswith("full fine-tuning: ")]
    assert full_label.text == f"full fine-tuning: {models.human_bytes(total)}"
    bars = [
        dict(s.attributes) for s in shapes if s.tag == "rect" and dict(s.attributes)["y"] == "70"
    ]
    end = float(bars[-1]["x"]) + float(bars[-1]["width"])
    left = MEMORY_LEFT
    assert MEMORY_HEADROOM == 1.03
    assert end == pytest.approx(left + (picture.width - left - 4) / 1.03, abs=0.1)
    ticks = [s for s in shapes if s.tag == "text" and s.text.endswith(" GB") and ":" not in s.text]
    for tick in ticks:
        value = float(tick.text.removesuffix(" GB"))
        x = float(dict(tick.attributes)["x"])
        assert x == pytest.approx(left + value * 1e9 / total * (end - left), abs=0.1)


def test_the_cost_axis_counts_in_units_of_at_most_four_digits() -> None:
    # r = min(d, k) costs min(d, k)·(d + k): 9,999 is one unit, 10,000 a thousand
    for d, k, unit in ((5, 4, "numbers to train and store"),
                       (64, 64, "numbers to train and store"),
                       (96, 96, "numbers to train and store (thousands)"),
                       (2048, 2048, "numbers to train and store (thousands)"),
                       (3072, 3072, "numbers to train and store (millions)")):  # fmt: skip
        chart = cost_chart(d, k, "en")
        assert chart.y_label == unit, (d, k)
        top = max(chart.series[0].y)
        assert top < 10_000 and (top >= 10 or unit == "numbers to train and store"), (d, k)


@pytest.mark.parametrize(("d", "k"), [(5, 5), (5, 4), (4096, 14336)])
def test_the_cost_chart_marks_every_stop_from_r_0(d: int, k: int) -> None:
    chart = cost_chart(d, k, "en")
    ranks = models.rank_options(d, k)
    assert chart.series[0].x[0] == 0.0 and chart.series[0].y[0] == 0.0
    assert chart.mark_labels == tuple(f"r = {r}" for r in ranks)
    assert len(chart.alts) == len(ranks) and chart.alts[0] != chart.alts[-1]
    low, high = chart.payload()["xRange"]
    assert low <= 0 and high >= min(d, k)  # every mark shows
