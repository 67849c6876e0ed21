"""The shared figure builders: the numbers they draw are the numbers they were given."""

from __future__ import annotations

import numpy as np

from lowrank.svd import cumulative_energy
from lowrank.views import figures


def test_heatmap_draws_the_matrix_centred_on_zero_with_numbers_when_small():
    matrix = np.array([[1.0, -3.0], [2.5, 0.0], [0.0, 1.0]])
    fig = figures.matrix_heatmap(matrix, "S")
    heatmap = fig.data[0]
    np.testing.assert_array_equal(heatmap.z, matrix)
    assert (heatmap.zmin, heatmap.zmax) == (-3.0, 3.0)
    assert heatmap.texttemplate == "%{z:.2f}"
    assert fig.layout.yaxis.autorange == "reversed"  # row 1 on top, as the matrix is written
    assert fig.layout.title.text == "S"


def test_heatmap_shared_scale_and_no_numbers_when_large():
    fig = figures.matrix_heatmap(np.ones((20, 3)), "big", scale=5.0)
    assert (fig.data[0].zmin, fig.data[0].zmax) == (-5.0, 5.0)
    assert fig.data[0].texttemplate is None
    assert fig.layout.yaxis.showticklabels is False


def test_heatmap_overrides_merge_into_the_defaults():
    fig = figures.matrix_heatmap(
        np.eye(2), "I", trace={"xgap": 0}, layout={"margin": {"t": 72}, "xaxis": {"side": "bottom"}}
    )
    assert fig.data[0].xgap == 0 and fig.data[0].ygap == 1
    assert fig.layout.margin.t == 72 and fig.layout.margin.l == 10
    assert fig.layout.xaxis.side == "bottom" and fig.layout.xaxis.dtick == 1


def test_zero_matrix_gets_a_usable_colour_range():
    fig = figures.matrix_heatmap(np.zeros((2, 2)), "0")
    assert (fig.data[0].zmin, fig.data[0].zmax) == (-1.0, 1.0)


def test_bars_show_every_singular_value_at_its_index():
    s = np.array([4.0, 3.0, 1.0, 0.5])
    fig = figures.singular_value_bars(s, "σ")
    np.testing.assert_array_equal(fig.data[0].y, s)
    np.testing.assert_array_equal(fig.data[0].x, [1, 2, 3, 4])
    assert fig.data[0].marker.color == figures.BAR_COLOUR


def test_energy_chart_plots_percentages_and_marks_k():
    s = np.array([3.0, 2.0, 1.0])
    fig = figures.cumulative_energy_chart({"S": cumulative_energy(s)}, "energy", kept=2)
    np.testing.assert_allclose(fig.data[0].y, 100 * np.cumsum(s**2) / np.sum(s**2))
    np.testing.assert_array_equal(fig.data[0].x, [1, 2, 3])
    assert fig.layout.shapes[0].x0 == 2 and fig.layout.annotations[0].text == "k = 2"


def test_energy_chart_normalised_x_has_no_marker():
    fig = figures.cumulative_energy_chart(
        {"a": np.array([0.5, 1.0])}, "t", kept=1, normalise_x=True
    )
    np.testing.assert_array_equal(fig.data[0].x, [0.5, 1.0])
    assert not fig.layout.shapes


def test_merged_keeps_both_sides_and_changes_neither():
    base = {"a": {"b": 1, "c": 2}, "d": 3}
    extra = {"a": {"c": 5}, "e": 6}
    assert figures.merged(base, extra) == {"a": {"b": 1, "c": 5}, "d": 3, "e": 6}
    assert base == {"a": {"b": 1, "c": 2}, "d": 3}


def test_a_short_title_stays_one_line_and_keeps_the_margin():
    assert figures.title_lines("S₁ (rank-1 approximation)") == ["S₁ (rank-1 approximation)"]
    layout = figures.titled("σ", {"l": 1, "r": 2, "t": 40, "b": 3})
    assert layout["title"]["text"] == "σ" and layout["margin"] == {"l": 1, "r": 2, "t": 40, "b": 3}


def test_a_long_title_breaks_where_it_reads_well_and_fits_a_phone():
    english = "Numbers stored vs rank r: r(d + k) meets d·k at r = dk/(d + k)"
    assert figures.title_lines(english) == [
        "Numbers stored vs rank r: r(d + k) meets d·k",
        "at r = dk/(d + k)",
    ]
    chinese = "新任务上的准确率 vs ΔW 的截断秩 k（本应用自己的测量）"
    assert figures.title_lines(chinese) == [
        "新任务上的准确率 vs ΔW 的截断秩 k",
        "（本应用自己的测量）",
    ]
    solid = "一二三四五六七八九十" * 3  # no space or punctuation: between characters, 22 of them
    assert figures.title_lines(solid) == [solid[:22], solid[22:]]
    punctuated = figures.title_lines("甲乙丙，" * 10, 9)  # never a line that starts with "，"
    assert len(punctuated) > 1 and not any(line.startswith("，") for line in punctuated)
    assert "".join(punctuated) == "甲乙丙，" * 10
    for text in (english, chinese, solid):
        for line in figures.title_lines(text):
            width = sum(2 if "\u2e80" <= c <= "\uffef" else 1 for c in line)
            assert width <= figures.TITLE_COLUMNS, line
    layout = figures.titled(english, {"l": 10, "r": 10, "t": 40, "b": 10})
    assert layout["title"]["text"] == "<br>".join(figures.title_lines(english))
    assert layout["margin"]["t"] == 40 + figures.TITLE_LINE


def test_a_word_longer_than_a_line_keeps_a_line_of_its_own():
    assert figures.title_lines("a" * 60 + " b") == ["a" * 60, "b"]
