"""Figures of the training page: the A×B = ΔW picture, curves, spectra, comparison, diagram."""

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lowrank import finetune as ft
from lowrank import i18n, lora
from lowrank.lora import LoRAConfig
from lowrank.lora_compare import ComparisonRow
from lowrank.views import training as tf
from lowrank.views.positions import Positions

LABELS = {"loss": "L", "batch_loss": "b", "accuracy": "acc", "step": "s"}


@settings(max_examples=15, deadline=None)
@given(d=st.integers(1, 130), k=st.integers(1, 130), r=st.integers(1, 16))
def test_factor_grid_lines_up_a_b_and_delta(d, k, r):
    rng = np.random.default_rng(d * 1000 + k)
    a, b = rng.normal(size=(d, r)), rng.normal(size=(r, k))
    picture = tf.factor_grid_image(a, b, a @ b)
    cell = tf.cell_size(d, k)
    thick = max(cell, -(-40 // r))
    top = r * thick + 8
    assert picture.dtype == np.uint8
    assert picture.shape == (top + d * cell, top + k * cell, 3)
    assert (picture[:top, :top] == 255).all()  # the empty corner
    np.testing.assert_array_equal(picture[top:, top:], tf.matrix_image(a @ b))
    # the entry (i, j) of ΔW sits in row i of A's strip and column j of B's strip
    i, j = d - 1, k - 1
    a_cell, b_cell = tf.cell_size(d, r), tf.cell_size(r, k)
    assert tuple(picture[top + i * cell, 0]) == tuple(tf.matrix_image(a)[i * a_cell, 0])
    assert tuple(picture[0, top + j * cell]) == tuple(tf.matrix_image(b)[0, j * b_cell])


def test_colours_are_red_for_positive_blue_for_negative_white_for_zero():
    picture = tf.matrix_image(np.array([[1.0, -1.0, 0.0]]))
    cell = tf.cell_size(1, 3)
    red, blue, white = (tuple(picture[0, c * cell]) for c in range(3))
    assert red[0] > red[2] and blue[2] > blue[0] and white == (247, 247, 247)
    grey = tf.matrix_image(np.array([[1.0, -1.0]]), grey=True)
    assert tuple(grey[0, 0]) == tuple(grey[0, -1])  # grey shows |W| only
    assert (tf.matrix_image(np.zeros((3, 3))) == 247).all()  # all-zero A at step 0


def test_curves_span_the_whole_run_and_add_batch_losses_at_the_end():
    points = [(0, 2.0, 0.0), (10, 1.0, 0.5)]
    loss, accuracy = tf.curves(points, 300, LABELS)
    assert len(loss.data) == len(accuracy.data) == 1
    assert tuple(loss.layout.xaxis.range) == tuple(accuracy.layout.xaxis.range) == (0, 300)
    assert list(accuracy.data[0].y) == [0.0, 50.0]
    loss, accuracy = tf.curves(
        points, 300, LABELS, step_losses=np.array([2.0, 1.5]), marker_step=10
    )
    assert len(loss.data) == 2 and len(accuracy.data) == 1
    assert [shape.x0 for shape in (*loss.layout.shapes, *accuracy.layout.shapes)] == [10, 10]
    assert all(len(trace.x) == 0 for chart in tf.curves([], 50, LABELS) for trace in chart.data)


def test_singular_values_log_floors_rounding_noise():
    s = np.array([3.0, 1.0, 1e-20, 0.0])
    fig = tf.singular_values_log(s, 2, "t", "r = 2")
    assert fig.layout.yaxis.type == "log"
    assert list(fig.data[0].y) == [3.0, 1.0, tf.LOG_FLOOR, tf.LOG_FLOOR]
    assert list(fig.data[0].customdata) == list(s)


def test_comparison_chart_has_lora_line_and_full_star():
    rows = [ComparisonRow(1, 0.9, 0.0, 586, 0.1), ComparisonRow(None, 0.99, 0.02, 26122, 0.2)]
    labels = {"lora": "LoRA", "full": "full", "x": "x", "y": "y", "title": "t"}
    fig = tf.comparison_chart(rows, labels)
    assert [trace.name for trace in fig.data] == ["LoRA", "full"]
    assert fig.layout.xaxis.type == "log" and fig.data[1].marker.symbol == "star"


@pytest.mark.parametrize(("d", "k"), [(128, 64), (10, 128)])
def test_diagram_prints_the_shapes_with_r_as_a_letter(d, k):
    labels = {n: n for n in ("frozen", "trained", "zero", "random", "title")}
    fig = tf.lora_diagram(d, k, "× α/r", labels)
    texts = [a.text for a in fig.layout.annotations]
    joined = " ".join(texts)
    for part in (f"{d}×{k}", f"r×{k}", f"{d}×r", "× α/r", "frozen", "zero", "random"):
        assert part in joined
    # B and A carry the letter r, so the picture is the same for every rank (the caption under it
    # gives the numbers, rank_texts)
    assert [text for text in texts if text.startswith(("<b>B", "<b>A"))] == [
        f"<b>B</b><br>r×{k}",
        f"<b>A</b><br>{d}×r",
    ]


RANKS = (1, 2, 4, 8, 16, 32)


def english(key: str, **params: object) -> str:
    return i18n.t(key, "en", **params)


@pytest.fixture(scope="module")
def base() -> ft.MLP:
    return ft.init_mlp(ft.LAYER_SIZES, seed=0)


@pytest.mark.parametrize(
    ("layers", "shown", "alpha", "rslora"),
    [((0, 1, 2), 0, 8.0, False), ((2,), 2, 16.0, True), ((1, 2), 1, 1.0, False)],
)
def test_rank_texts_at_every_rank_match_the_arrays_add_lora_makes(
    base, layers, shown, alpha, rslora
):
    shown_blocks = tf.rank_blocks(base, layers, shown, RANKS, alpha, rslora, english)
    assert sorted(shown_blocks) == ["budget", "shapes"]
    for content in shown_blocks.values():  # a select_slider reports the index of its option
        assert content.positions == Positions(0, 1, len(RANKS))
        assert not content.metrics and not content.charts
    for i, r in enumerate(RANKS):
        model = lora.add_lora(base, LoRAConfig(layers, r, alpha, rslora=rslora))
        adapter = model.adapters[shown]
        (d, r_a), (r_b, k) = adapter.A.shape, adapter.B.shape
        assert r_a == r_b == r and (d, k) == base.weights[shown].shape
        scale = alpha / math.sqrt(r) if rslora else alpha / r
        assert adapter.scaling == pytest.approx(scale)
        worked = f"α/√r = {alpha:g}/√{r}" if rslora else f"α/r = {alpha:g}/{r}"
        shapes = f"**r = {r}**: B is {r_b}×{k}, A is {d}×{r_a}; {worked} = {scale:.3g}."
        trained = sum(a.A.size + a.B.size for a in model.adapters.values())
        # full fine-tuning of the adapted layers: their weights and biases
        full = sum(base.weights[i].size + base.biases[i].size for i in model.adapters)
        total = sum(w.size + b.size for w, b in zip(base.weights, base.biases, strict=True))
        budget = english(
            "training.budget",
            lora=f"{trained:,}",
            full=f"{full:,}",
            share=f"{trained / full:.1%}",
            total=f"{total:,}",
        )
        assert shown_blocks["shapes"].at(i)["sentences"] == [shapes]
        assert shown_blocks["budget"].at(i)["sentences"] == [budget]
        assert tf.rank_texts(base, layers, shown, r, alpha, rslora, english) == {
            "shapes": shapes,
            "budget": budget,
        }


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_rank_texts_use_only_the_marks_the_block_renderer_draws(base, lang):
    """The block renderer draws **bold** and *italic*, nothing else of markdown (here: bold)."""

    def t(key: str, **params: object) -> str:
        return i18n.t(key, lang, **params)

    for rslora in (False, True):
        for text in tf.rank_texts(base, (0, 1, 2), 0, 4, 8.0, rslora, t).values():
            assert not any(mark in text for mark in ("$", "[", "`", "<", "_", "\\"))
            assert not re.search(r":[a-z_]+:", text)  # no emoji shortcodes
            assert text.count("**") % 2 == 0 and "*" not in text.replace("**", "")


def test_scale_symbol_and_worked_scale():
    assert tf.scale_symbol(False) == "α/r" and tf.scale_symbol(True) == "α/√r"
    assert tf.scale_worked(8, 4, False) == "α/r = 8/4 = 2"
    assert tf.scale_worked(8, 4, True) == "α/√r = 8/√4 = 4"
    assert tf.scale_worked(16, 32, True) == f"α/√r = 16/√32 = {16 / math.sqrt(32):.3g}"


# --- exact values, boundaries and layout (the mutation run's survivors) ------------------------


def test_cell_size_fits_the_long_side_in_512_pixels_between_2_and_24():
    assert tf.cell_size(5, 5) == 24  # 512 // 5 = 102: capped
    assert tf.cell_size(21, 3) == 24 and tf.cell_size(3, 22) == 23  # 22 × 24 = 528 > 512
    assert tf.cell_size(27, 1) == 18  # 27 × 18 = 486 ≤ 512 < 27 × 19 = 513
    assert tf.cell_size(200, 10) == 2 and tf.cell_size(1, 600) == 2  # at least 2 pixels
    for n in range(1, 601):
        cell = tf.cell_size(n, 1)
        assert cell == tf.cell_size(1, n) == tf.cell_size(n, n)
        assert 2 <= cell <= 24
        if cell < 24:
            assert n * (cell + 1) > 512  # no larger cell fits
        if cell > 2:
            assert n * cell <= 512


def test_colours_scale_to_the_largest_magnitude():
    cell = tf.cell_size(1, 3)
    picture = tf.matrix_image(np.array([[5.0, -1.0, 0.0]]))
    # 5 is the full red; -1 is a fifth of the way from white (247) to the full blue (33, 102, 172)
    assert [tuple(picture[0, c * cell]) for c in range(3)] == [
        (178, 24, 43),
        (204, 218, 232),
        (247, 247, 247),
    ]
    grey = tf.matrix_image(np.array([[4.0, -1.0]]), grey=True)
    # a quarter of the way from white to the grey (95, 99, 104): 247 − 38, 247 − 37, 247 − 35.75
    assert [tuple(grey[0, c * tf.cell_size(1, 2)]) for c in range(2)] == [
        (95, 99, 104),
        (209, 210, 211),
    ]


def test_curves_are_the_loss_and_the_accuracy_over_the_steps_each_under_its_title():
    points = [(0, 2.0, 0.0), (10, 1.0, 0.5), (20, 0.5, 0.75)]
    loss, accuracy = tf.curves(points, 300, LABELS, step_losses=np.array([2.0, 1.5, 1.2, 0.9]))
    assert loss.layout.title.text == LABELS["loss"]
    assert accuracy.layout.title.text == LABELS["accuracy"]
    batch, trained = loss.data
    (shown,) = accuracy.data
    assert list(batch.x) == [1, 2, 3, 4]  # batch i is step i
    assert list(trained.x) == list(shown.x) == [0, 10, 20]
    assert list(trained.y) == [2.0, 1.0, 0.5] and list(shown.y) == [0.0, 50.0, 75.0]
    assert [trace.name for trace in loss.data] == [LABELS["batch_loss"], LABELS["loss"]]
    assert loss.layout.showlegend and not accuracy.layout.showlegend
    assert loss.layout.yaxis.rangemode == "tozero" and loss.layout.yaxis.ticksuffix is None
    low, high = accuracy.layout.yaxis.range
    assert low == 0 and high > 100 and accuracy.layout.yaxis.ticksuffix == "%"
    assert loss.layout.xaxis.title.text == accuracy.layout.xaxis.title.text == LABELS["step"]


def test_singular_values_log_marks_the_rank_and_shows_three_times_it():
    s = np.array([3.0, 1.0, 1e-20, 0.0])
    fig = tf.singular_values_log(s, 2, "t", "r = 2")
    bars = fig.data[0]
    assert list(bars.x) == [1, 2, 3, 4]
    colours = list(bars.marker.color)
    assert colours[0] == colours[1] != colours[2] == colours[3]  # σ₁, σ₂ carry ΔW
    (line,) = fig.layout.shapes
    assert line.x0 == line.x1 == 2.5  # between σ₂ and σ₃
    assert tuple(fig.layout.xaxis.range) == (0.5, 4.5)  # all four
    many = np.geomspace(10.0, 1e-3, 40)
    for rank, last in ((1, 12), (2, 12), (4, 12), (5, 15), (8, 24), (20, 40)):
        fig = tf.singular_values_log(many, rank, "t", f"r = {rank}")
        # 3r of the σ, at least 12, at most all
        assert tuple(fig.layout.xaxis.range) == (0.5, last + 0.5), rank
        colours = list(fig.data[0].marker.color)
        assert len(set(colours[:rank])) == 1 and colours[rank - 1] not in colours[rank:]


def test_comparison_chart_plots_each_row_in_percent_from_10_points_below_the_lowest():
    rows = [
        ComparisonRow(1, 0.9, 0.5, 586, 0.1),
        ComparisonRow(4, 0.95, 0.5, 2344, 0.1),
        ComparisonRow(None, 0.99, 0.02, 26122, 0.2),
    ]
    labels = {"lora": "LoRA", "full": "full", "x": "x", "y": "y", "title": "t"}
    fig = tf.comparison_chart(rows, labels)
    lora_line, star = fig.data
    assert list(lora_line.x) == [586, 2344] and list(lora_line.text) == ["r=1", "r=4"]
    np.testing.assert_allclose(lora_line.y, [90.0, 95.0])
    assert list(star.x) == [26122]
    np.testing.assert_allclose(star.y, [99.0])
    low, high = fig.layout.yaxis.range
    assert low == pytest.approx(80.0) and high > 100
    for accuracy in (0.1, 0.05):  # 10 points below 10 % or less: the axis starts at 0
        weak = [ComparisonRow(1, accuracy, 0.0, 586, 0.1), rows[-1]]
        low, _ = tf.comparison_chart(weak, labels).layout.yaxis.range
        assert low == 0
    just_above = [ComparisonRow(1, 0.105, 0.0, 586, 0.1)]
    low, _ = tf.comparison_chart(just_above, labels).layout.yaxis.range
    assert low == pytest.approx(0.5)


@pytest.mark.parametrize("percent", [False, True])
def test_line_chart_draws_each_series_as_given_or_in_percent(percent):
    series = {"a": (np.array([0, 1, 2]), np.array([0.5, 0.25, 0.125])), "b": ([0, 2], [1.0, 0.0])}
    fig = tf.line_chart(series, "t", "x", "y", percent=percent)
    scale = 100 if percent else 1
    assert [trace.name for trace in fig.data] == ["a", "b"]
    np.testing.assert_allclose(fig.data[0].y, scale * np.array([0.5, 0.25, 0.125]))
    np.testing.assert_allclose(fig.data[1].y, [scale, 0.0])
    if percent:
        low, high = fig.layout.yaxis.range
        assert low == 0 and high > 100 and fig.layout.yaxis.ticksuffix == "%"
    else:
        assert fig.layout.yaxis.range is None


def test_diagram_centres_each_label_on_its_box_and_draws_everything_in_view():
    labels = {n: n for n in ("frozen", "trained", "zero", "random", "title")}
    fig = tf.lora_diagram(128, 64, "× α/r", labels)
    shapes, notes = fig.layout.shapes, fig.layout.annotations
    assert len(shapes) == 7
    for shape, note in zip(shapes, notes[: len(shapes)], strict=True):  # box() adds both
        assert note.x == pytest.approx((shape.x0 + shape.x1) / 2)
        assert note.y == pytest.approx((shape.y0 + shape.y1) / 2)
    (x_low, x_high), (y_low, y_high) = fig.layout.xaxis.range, fig.layout.yaxis.range
    for shape in shapes:
        assert x_low < min(shape.x0, shape.x1) and max(shape.x0, shape.x1) < x_high
        assert y_low < min(shape.y0, shape.y1) and max(shape.y0, shape.y1) < y_high
    for note in notes:
        assert x_low < note.x < x_high and y_low < note.y < y_high
        if note.showarrow:
            assert x_low < note.ax < x_high and y_low < note.ay < y_high
    by_text = {note.text: note for note in notes}
    b_box, a_box = shapes[2], shapes[3]
    # "random" and "zero" under B and A, "trained" under both of them
    assert by_text["random"].y < b_box.y0 and by_text["zero"].y < a_box.y0
    assert by_text["trained"].y < min(by_text["random"].y, by_text["zero"].y)
