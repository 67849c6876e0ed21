"""/parameters' views, what bench/mutate.py found untested: the ΔW = A × B picture's geometry read
back from the SVG (centred, blocks apart, labels under their blocks, signs between them, the grid
lines on the cells), the scale as large as its three limits allow, and the charts' edges."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from lowrank import models
from lowrank.memory import full_finetune_memory
from lowrank.views.markdown_table import markdown_table
from lowrank.views.parameter_blocks import (
    LABEL_SIZE,
    LINE_HEIGHT,
    MAX_BLOCK_HEIGHT,
    MAX_CELL,
    MIN_GAP,
    PAD,
    SVG_WIDTH,
    blocks_pictures,
    blocks_scale,
    is_cell_grid,
)
from lowrank.views.parameter_figures import cost_figure, memory_figure
from lowrank.views.parameters import model_follow

SVG = "{http://www.w3.org/2000/svg}"
#: Cell grids, to scale, labels wider than their blocks (14336×2), a picture wider than
#: SVG_WIDTH (2×14336: every block widened to 3 px) and counts far beyond any model.
CASES = [(5, 4), (2, 2), (24, 24), (16, 7), (1, 3), (64, 64), (96, 11), (4096, 14336),
         (14336, 2), (2, 14336), (10**8, 10**8)]  # fmt: skip
#: The two cases that need more than SVG_WIDTH: blocks widened to MIN_SIDE_PX, labels of 23 chars.
WIDER = {(2, 14336), (10**8, 10**8)}
#: Rounding: coordinates are written with one decimal (± 0.05 each), the picture's size with none.
XY = 0.051


def _figure(svg_text: str) -> dict:
    """The picture's parts, parsed back: size, rects, labels, signs, grid paths by colour."""
    svg = ET.fromstring(svg_text)
    rects = [{name: float(r.get(name)) for name in ("x", "y", "width", "height")}
             | {"colour": r.get("fill")} for r in svg.findall(f"{SVG}rect")]  # fmt: skip
    texts = svg.findall(f"{SVG}text")
    signs = {t.text: (float(t.get("x")), float(t.get("y"))) for t in texts if t.get("class")}
    labels = []
    for t in texts:
        if t.get("class"):
            continue
        spans = t.findall(f"{SVG}tspan")
        steps = [float(s.get("dy", 0)) for s in spans]
        x, y = float(t.get("x")), float(t.get("y"))
        labels.append({"x": x, "y": y, "lines": [s.text for s in spans], "last": y + sum(steps),
                       "xs": [float(s.get("x", x)) for s in spans]})  # fmt: skip
    paths = {p.get("stroke"): p.get("d") for p in svg.findall(f"{SVG}path")}
    return {"width": float(svg.get("width")), "height": float(svg.get("height")),
            "rects": rects, "labels": labels, "signs": signs, "paths": paths}  # fmt: skip


def _pictures(d: int, k: int) -> list[tuple[int, dict]]:
    ranks = models.rank_options(d, k) if max(d, k) < 10**6 else (1, 2, min(d, k))
    return list(zip(ranks, map(_figure, blocks_pictures(d, k, ranks)), strict=True))


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
        assert equals[1] == times[1] == pytest.approx(full["y"] + full["height"] / 2, abs=XY)


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
    fig = _figure(blocks_pictures(1, 3, (1,))[0])
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


def test_the_header_row_is_never_a_body_row() -> None:
    table = markdown_table(["a", "b"], [["1", "2"], ["3", "4"]], ["left", "left"], {(1, 0)})
    assert table.markdown.split("\n") == ["| a | b |", "| :--- | :--- |", "| 1 | 2 |",
                                          "| **3** | 4 |"]  # fmt: skip


@pytest.mark.parametrize("key", list(models.MODELS))
def test_the_memory_mark_is_on_loras_bar_and_the_axis_ends_at_full_fine_tuning(key: str) -> None:
    fig = memory_figure(key, "fp16", title="t", full_label="full", lora_label="LoRA",
                        part_labels=("w", "g", "o"), frozen_label="frozen", unit="GB")  # fmt: skip
    spec = model_follow(key, ("q", "v"), "fp16", "en", slider="r", prefix="m_", memory_chart="c")
    (mark,) = spec.marks
    assert set(mark.y) == {float(list(fig.data[0].y).index("LoRA"))}  # categories from 0
    # the hover names the part; the first trace's second bar is LoRA's frozen weights
    assert [list(bar.customdata) for bar in fig.data] == [["w", "frozen"], ["g"], ["o"]]
    total = full_finetune_memory(models.MODELS[key], "fp16").total / 1e9
    assert total < fig.layout.xaxis.range[1] <= 1.05 * total
    assert fig.layout.xaxis.ticksuffix == " GB" and fig.layout.xaxis.title.text is None


def _cost(d: int, k: int):
    return cost_figure(d, k, title="t", x_title="x", y_title="y", full_label="f", lora_label="l",
                       break_even_label="b")  # fmt: skip


def test_the_cost_line_has_markers_up_to_41_points() -> None:
    assert len(_cost(40, 40).data[0].x) == 41 and _cost(40, 40).data[0].mode == "lines+markers"
    assert len(_cost(41, 41).data[0].x) == 42 and _cost(41, 41).data[0].mode == "lines"


@pytest.mark.parametrize(("d", "k", "side"), [(5, 5, "left"), (4096, 4096, "left"),
                                              (5, 4, "right"), (4096, 14336, "right")])  # fmt: skip
def test_the_break_even_line_spans_the_plot_and_its_label_faces_the_room(d, k, side) -> None:
    fig = _cost(d, k)
    # d·k/(d + k) ≥ min(d, k)/2, equal only for a square ΔW: then the label goes to the right
    assert fig.layout.annotations[0].xanchor == side
    assert 0 < fig.layout.annotations[0].y <= 1
    line = fig.layout.shapes[0]
    assert (line.y0, line.y1, line.yref) == (0, 1, "paper")
    assert list(fig.data[1].x) == [0, min(d, k)]  # the full cost from r = 0 to the last stop
