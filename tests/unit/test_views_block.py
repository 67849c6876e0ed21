"""The block payload: per-position lengths checked, ranges and ticks cover the data, hover texts."""

import json
import math

import numpy as np
import pytest

from lowrank.views.block import (
    Block,
    Chart,
    Level,
    Line,
    Metric,
    Picture,
    Sentence,
    Series,
    Shape,
    Table,
)
from lowrank.views.positions import Positions


def _chart(count: int = 3, log_y: bool = False) -> Chart:
    x = (1.0, 2.0, 3.0)
    return Chart(
        "Error",
        "k",
        "error",
        (
            Series("clean", x, (4.0, 1.0, 2.0), "#1f77b4"),
            Series("noisy", x, (3.0, 2.0, 0.5), "#ff7f0e", dash=True),
        ),
        mark=tuple(float(i + 1) for i in range(count)),
        alts=tuple(f"k = {i + 1}" for i in range(count)),
        lines=(Line(2.0, "best k", "#2ca02c"),),
        log_y=log_y,
    )


def test_every_per_position_tuple_must_have_one_entry_per_position() -> None:
    positions = Positions(1, 1, 3)
    Block(positions, (Metric("k", ("1", "2", "3")),), (Sentence(("a", "b", "c")),), (_chart(),))
    with pytest.raises(ValueError, match="metric 'k' has 2 entries for 3 positions"):
        Block(positions, (Metric("k", ("1", "2")),))
    with pytest.raises(ValueError, match="sentence 0 has 4 entries"):
        Block(positions, sentences=(Sentence(("a", "b", "c", "d")),))
    with pytest.raises(ValueError, match="mark has 2 entries"):
        Block(positions, charts=(_chart(count=2),))


def test_series_and_charts_refuse_what_cannot_be_drawn() -> None:
    with pytest.raises(ValueError, match="as many x as y"):
        Series("s", (1.0, 2.0), (1.0,), "#000")
    with pytest.raises(ValueError, match="not finite"):
        Series("s", (1.0,), (math.nan,), "#000")
    with pytest.raises(ValueError, match="one hover text per point"):
        Series("s", (1.0, 2.0), (1.0, 2.0), "#000", hover=("a",))
    with pytest.raises(ValueError, match="y ≤ 0"):
        Chart("c", "x", "y", (Series("s", (1.0,), (0.0,), "#000"),), (1.0,), ("a",), log_y=True)
    with pytest.raises(ValueError, match="needs a series"):
        Chart("c", "x", "y", (), (1.0,), ("a",))


def test_at_reads_the_position_of_a_slider_value() -> None:
    content = Block(
        Positions(1, 1, 3),
        (Metric("k", ("1", "2", "3")),),
        (Sentence(("a", "b", "c")),),
        (_chart(),),
    )
    assert content.at(2) == {
        "metrics": {"k": "2"},
        "sentences": ["b"],
        "marks": [2.0],
        "alts": ["k = 2"],
        "notes": {},
        "mark_labels": [""],
    }
    assert content.at(99)["metrics"] == {"k": "3"}  # clipped to the ends, as the browser does


@pytest.mark.parametrize("log_y", [False, True])
def test_the_chart_payload_covers_every_point_line_and_mark_with_ticks_inside(log_y: bool) -> None:
    payload = _chart(log_y=log_y).payload()
    x_low, x_high = payload["xRange"]
    y_low, y_high = payload["yRange"]
    assert x_low < 1.0 and x_high > 3.0  # points, the line at 2 and the marks 1…3
    ys = np.log10([4.0, 1.0, 2.0, 3.0, 0.5]) if log_y else np.array([4.0, 1.0, 2.0, 3.0, 0.5])
    assert y_low < ys.min() and y_high > ys.max()
    for value, _ in payload["yTicks"]:
        assert y_low <= (math.log10(value) if log_y else value) <= y_high
    assert all(x_low <= value <= x_high for value, _ in payload["xTicks"])
    assert len(payload["xTicks"]) >= 2 and len(payload["yTicks"]) >= 2


def test_hover_texts_default_to_the_point_and_can_be_given() -> None:
    payload = _chart().payload()
    assert payload["series"][0]["hover"] == ["k 1 · clean 4", "k 2 · clean 1", "k 3 · clean 2"]
    given = Series("s", (1.0, 2.0), (1.0, 2.0), "#000", hover=("one", "two"))
    chart = Chart("c", "x", "y", (given,), (1.0,), ("a",))
    assert chart.payload()["series"][0]["hover"] == ["one", "two"]


def test_the_block_payload_is_json_with_every_position() -> None:
    content = Block(
        Positions(1, 1, 3),
        (Metric("k", ("1", "2", "3"), "help"),),
        (Sentence(("a", "b", "c")),),
        (_chart(),),
    )
    data = json.loads(json.dumps(content.payload()))
    assert data["positions"] == {"start": 1, "step": 1, "count": 3}
    assert data["metrics"] == [
        {"label": "k", "help": "help", "values": ["1", "2", "3"], "notes": [], "colour": ""}
    ]
    assert data["sentences"] == [{"texts": ["a", "b", "c"], "caption": False}]
    assert data["charts"][0]["mark"] == [1.0, 2.0, 3.0]
    assert data["charts"][0]["lines"] == [{"x": 2.0, "label": "best k", "colour": "#2ca02c"}]


def test_bars_start_at_zero_with_room_for_the_outer_bars_and_whole_ticks() -> None:
    bars = Series("σ", (1.0, 2.0, 3.0), (5.0, 3.0, 1.0), "#000", bars=True, labels=("5", "3", "1"))
    chart = Chart("σ", "i", "σ", (bars,), (1.5, 2.5, 2.5), ("a", "b", "c"), band="dropped")
    payload = chart.payload()
    assert payload["yRange"][0] < 0 < 5 < payload["yRange"][1]  # from 0, padded
    assert payload["xRange"][0] <= 0.5 and payload["xRange"][1] >= 3.5  # half a bar beyond each
    assert [value for value, _ in payload["xTicks"]] == [1.0, 2.0, 3.0]
    assert payload["series"][0]["labels"] == ["5", "3", "1"] and payload["band"] == "dropped"


def test_a_fixed_y_range_and_suffix_set_the_ticks() -> None:
    curve = Series("kept", (1.0, 2.0), (60.0, 100.0), "#000")
    chart = Chart("e", "k", "%", (curve,), (1.0, 2.0), ("a", "b"), y_range=(0, 101), y_suffix="%")
    payload = chart.payload()
    assert payload["yRange"] == [0, 101]
    assert [label for _, label in payload["yTicks"]] == ["0%", "20%", "40%", "60%", "80%", "100%"]


def test_notes_and_mark_labels_are_per_position() -> None:
    positions = Positions(1, 1, 2)
    with pytest.raises(ValueError, match="notes has 1 entries for 2 positions"):
        Block(positions, (Metric("k", ("1", "2"), notes=("one",)),))
    with pytest.raises(ValueError, match="one mark label per position"):
        Chart(
            "c",
            "x",
            "y",
            (Series("s", (1.0,), (1.0,), "#000"),),
            (1.0, 2.0),
            ("a", "b"),
            mark_labels=("k",),
        )
    content = Block(positions, (Metric("k", ("1", "2"), notes=("one", "two")),))
    assert content.at(2)["notes"] == {"k": "two"}


def test_a_log_x_chart_with_named_ticks_levels_and_a_mark_per_curve() -> None:
    ks = (1.0, 2.0, 4.0, 8.0)
    own = Series(
        "a", ks, (10.0, 20.0, 30.0, 40.0), "#000", marks=(1.0, 8.0), mark_labels=("x", "y")
    )
    chart = Chart(
        "acc",
        "k",
        "%",
        (own,),
        mark=(),
        alts=("one", "two"),
        levels=(Level(35.0, "before"),),
        log_x=True,
        x_ticks=(1.0, 2.0, 4.0, 8.0),
        x_range=(0.8, 10.0),
    )
    payload = chart.payload()
    assert payload["logX"] and payload["xRange"] == pytest.approx([math.log10(0.8), 1.0])
    assert payload["xTicks"] == [[1.0, "1"], [2.0, "2"], [4.0, "4"], [8.0, "8"]]
    assert payload["levels"] == [
        {"y": 35.0, "label": "before", "colour": "#555555", "below": False}
    ]
    assert payload["series"][0]["marks"] == [1.0, 8.0]
    assert payload["mark"] == []
    content = Block(Positions(1, 1, 2), charts=(chart,))
    assert content.at(2)["marks"] == [None]
    with pytest.raises(ValueError, match="series 'a' marks has 2 entries for 3 positions"):
        Block(Positions(1, 1, 3), charts=(chart,))
    with pytest.raises(ValueError, match="one mark label per mark"):
        Series("b", (1.0,), (1.0,), "#000", marks=(1.0,), mark_labels=("a", "b"))
    with pytest.raises(ValueError, match="log in x"):
        Chart("c", "x", "y", (Series("s", (0.0,), (1.0,), "#000"),), (1.0,), ("a",), log_x=True)


def test_a_series_line_width_and_a_charts_alt_lead_reach_the_payload() -> None:
    x = (1.0, 2.0)
    thick = Series("whole", x, (1.0, 2.0), "#444", width=3.0)
    chart = Chart(
        "c",
        "k",
        "y",
        (Series("R", x, (1.0, 2.0), "#d00"), thick),
        mark=(1.0, 2.0),
        alts=("now 1.", "now 2."),
        alt_lead="Two curves. ",
    )
    payload = chart.payload()
    assert [s["width"] for s in payload["series"]] == [2.0, 3.0]  # 2 px unless set
    assert payload["altLead"] == "Two curves. " and payload["alts"] == ["now 1.", "now 2."]
    assert Block(Positions(1, 1, 2), charts=(chart,)).at(2)["alts"] == ["Two curves. now 2."]
    assert _chart().payload()["altLead"] == ""


def test_a_blocks_payload_json_is_made_once_per_block_object() -> None:
    pytest.importorskip("streamlit")
    from lowrank.ui import block as ui_block

    content = Block(Positions(1, 1, 3), charts=(_chart(),))
    text = ui_block.payload_json(content)
    assert json.loads(text) == json.loads(json.dumps(content.payload()))
    assert ui_block.payload_json(content) is text  # the same bytes, not serialised again
    twin = Block(Positions(1, 1, 3), charts=(_chart(),))
    assert ui_block.payload_json(twin) == text and ui_block.payload_json(twin) is not text


def test_a_blocks_metric_columns_reach_the_payload() -> None:
    metrics = (Metric("a", ("1",)), Metric("b", ("2",)))
    assert Block(Positions(1, 1, 1), metrics).payload()["metricColumns"] == 0  # as many as fit
    two = Block(Positions(1, 1, 1), metrics, metric_columns=2)
    assert two.payload()["metricColumns"] == 2


def test_sentences_come_first_only_when_asked() -> None:
    metric = (Metric("k", ("1", "2")),)
    sentence = (Sentence(("one", "two")),)
    later = Block(Positions(1, 1, 2), metric, sentence).payload()
    first = Block(Positions(1, 1, 2), metric, sentence, sentences_first=True).payload()
    assert (later["sentencesFirst"], first["sentencesFirst"]) == (False, True)
    assert first["sentences"] == later["sentences"] == [{"texts": ["one", "two"], "caption": False}]


def test_a_level_label_may_sit_below_its_line() -> None:
    series = (Series("s", (1.0, 2.0), (1.0, 2.0), "#000"),)
    levels = (Level(1.5, "under", "#111", below=True), Level(0.5, "over"))
    chart = Chart("c", "x", "y", series, (1.0,), ("a",), levels=levels)
    assert [(level["label"], level["below"]) for level in chart.payload()["levels"]] == [
        ("under", True),
        ("over", False),
    ]


# --- tables and pictures (what /parameters' module table and ΔW = A × B need) ------------------


def _table(count: int = 2) -> Table:
    rows = tuple(
        (("name", f"r = {i}"), ("**q**", f"{i * 10:,}"), ("k", f"{i:,}")) for i in range(count)
    )
    return Table(rows, ("left", "right"), caption="modules")


def _picture(count: int = 2) -> Picture:
    shapes = tuple(
        (Shape.of("rect", x=1, y=2.25, width=10 + i, height=5, fill_opacity=".35"),
         Shape.of("text", f"A {i}", x=6, y=20, font_weight="bold"))
        for i in range(count)
    )  # fmt: skip
    alts = tuple(f"A is {i} wide" for i in range(count))
    return Picture("ΔW = A × B", 100, 40, shapes, alts, Shape.of("text", font_size=13))


def test_tables_and_pictures_are_per_position_and_json() -> None:
    content = Block(Positions(0, 1, 2), tables=(_table(),), pictures=(_picture(),))
    shown = content.at(1)
    assert shown["tables"] == [(("name", "r = 1"), ("**q**", "10"), ("k", "1"))]
    (picture,) = shown["pictures"]
    assert picture[1] == "A is 1 wide" and picture[0][0].attributes[2] == ("width", "11")
    data = json.loads(json.dumps(content.payload()))
    assert data["tables"] == [
        {
            "rows": [[["name", "r = 0"], ["**q**", "0"], ["k", "0"]],
                     [["name", "r = 1"], ["**q**", "10"], ["k", "1"]]],
            "align": ["left", "right"],
            "caption": "modules",
        }
    ]  # fmt: skip
    (drawn,) = data["pictures"]
    assert (drawn["title"], drawn["width"], drawn["height"]) == ("ΔW = A × B", 100, 40)
    assert drawn["shapes"][0] == [
        ["rect", {"x": "1", "y": "2.2", "width": "10", "height": "5", "fill-opacity": ".35"}, ""],
        ["text", {"x": "6", "y": "20", "font-weight": "bold"}, "A 0"],
    ]
    assert drawn["alts"] == ["A is 0 wide", "A is 1 wide"]
    assert drawn["inherited"] == {"font-size": "13"}  # set on the whole drawing
    # a block without them sends neither (the payload of every other block is unchanged)
    assert "tables" not in Block(Positions(0, 1, 2)).payload()
    assert "pictures" not in Block(Positions(0, 1, 2)).at(0)


def test_tables_and_pictures_refuse_what_cannot_be_drawn() -> None:
    with pytest.raises(ValueError, match="table 0 has 2 entries for 3 positions"):
        Block(Positions(0, 1, 3), tables=(_table(),))
    with pytest.raises(ValueError, match="picture 'ΔW = A × B' has 2 entries for 3"):
        Block(Positions(0, 1, 3), pictures=(_picture(),))
    with pytest.raises(ValueError, match="alts has 1 entries for 2"):
        Block(Positions(0, 1, 2), pictures=(Picture("p", 1, 1, ((), ()), ("a",)),))
    with pytest.raises(ValueError, match="one cell per column"):
        Table(((("a", "b"), ("c",)),), ("left", "left"))
    with pytest.raises(ValueError, match="needs its header"):
        Table(((),), ("left",))
    with pytest.raises(ValueError, match="aligned"):
        Table(((("a",),),), ("middle",))
    for tag in ("script", "image", "foreignObject", "a"):
        with pytest.raises(ValueError, match="cannot hold"):
            Shape.of(tag)
    for name in ("onload", "onclick", "href", "style", "xlink:href", "Fill"):
        with pytest.raises(ValueError, match="attribute"):
            Shape("rect", ((name, "x"),))
    with pytest.raises(ValueError, match="holds no text"):
        Shape.of("rect", "words")
    assert Shape.of("line", x1=0.04, stroke_width=2.0).attributes == (
        ("x1", "0"),
        ("stroke-width", "2"),
    )
