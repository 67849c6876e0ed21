"""Figures of the training page: the A×B = ΔW picture, curves, spectra, comparison, diagram."""

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lowrank import finetune as ft
from lowrank import i18n, lora
from lowrank import training_figures as tf
from lowrank.follow import Positions
from lowrank.lora import ComparisonRow

LABELS = {"loss": "L", "batch_loss": "b", "accuracy": "acc", "step": "s", "title": "T"}


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
    live = tf.curves(points, 300, LABELS)
    assert len(live.data) == 2 and tuple(live.layout.xaxis.range) == (0, 300)
    assert list(live.data[1].y) == [0.0, 50.0]
    done = tf.curves(points, 300, LABELS, step_losses=np.array([2.0, 1.5]), marker_step=10)
    assert len(done.data) == 3 and len(done.layout.shapes) == 2
    empty = tf.curves([], 50, LABELS)
    assert all(len(trace.x) == 0 for trace in empty.data)


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
    spec = tf.rank_follow(
        base, layers, shown, RANKS, alpha, rslora, english, slider="r", prefix="tr_"
    )
    # a select_slider reports the index of its option
    assert (spec.slider, spec.positions) == ("r", Positions(0, 1, len(RANKS)))
    assert [texts.key for texts in spec.texts] == ["tr_shapes", "tr_budget"]
    assert all(texts.part == "all" for texts in spec.texts)
    for i, r in enumerate(RANKS):
        model = lora.add_lora(base, layers, r, alpha, rslora=rslora)
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
        assert spec.at(i) == {"tr_shapes": shapes, "tr_budget": budget}
        assert tf.rank_texts(base, layers, shown, r, alpha, rslora, english) == {
            "shapes": shapes,
            "budget": budget,
        }


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_rank_texts_are_followable_markdown(base, lang):
    """Only **bold** in followed texts: the browser swaps their text nodes one by one."""

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
