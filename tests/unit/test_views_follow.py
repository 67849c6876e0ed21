"""What follows a slider in the browser: positions, checks, shared texts, pictures and marks."""

from __future__ import annotations

import pytest

from lowrank.views.follow import (
    Follow,
    Mark,
    Pictures,
    Positions,
    Texts,
    over,
    svg_data_url,
    texts_by_name,
)


def test_positions_map_slider_values_and_clip() -> None:
    energy = Positions(50.0, 0.1, 500)  # an energy target from 50.0 % in steps of 0.1
    assert energy.index(50.0) == 0 and energy.index(93.5) == 435 and energy.index(99.9) == 499
    assert energy.index(20.0) == 0 and energy.index(120.0) == 499
    assert Positions(0, 1, 5).index(3) == 3  # a select_slider reports its option's index
    for bad in ((1, 0, 4), (1, 1, 0), (float("nan"), 1, 3)):
        with pytest.raises(ValueError):
            Positions(*bad)


def test_follow_checks_lengths_and_finite_marks() -> None:
    three = Positions(1, 1, 3)
    with pytest.raises(ValueError, match="2 sources for 3"):
        Follow("k", three, texts=(Texts("a", ("1", "2")),))
    with pytest.raises(ValueError, match="values of y"):
        Follow("k", three, marks=(Mark("c", (1.0, 2.0, 3.0), y=(1.0,)),))
    with pytest.raises(ValueError, match="finite"):
        Follow("k", three, marks=(Mark("c", (1.0, float("inf"), 3.0)),))
    with pytest.raises(ValueError, match="part"):
        Texts("a", ("1",), part="label")
    spec = Follow("k", three, texts=(Texts("a", over([1, 2, 3], lambda k: f"k = {k}")),))
    assert spec.at(2) == {"a": "k = 2"} and spec.at(7) == {"a": "k = 3"}
    data = spec.data()
    assert data["texts"] == [{"key": "a", "part": "all", "sources": ["k = 1", "k = 2", "k = 3"]}]
    assert (data["start"], data["step"], data["count"]) == (1, 1, 3)


def test_pictures_are_checked_and_svg_urls_decode_back() -> None:
    from urllib.parse import unquote

    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="#cfe3f7"/><text>r = 2 秩</text></svg>'
    )
    url = svg_data_url(svg)
    assert url.startswith("data:image/svg+xml;charset=utf-8,") and "#" not in url
    assert unquote(url.split(",", 1)[1]) == svg
    with pytest.raises(ValueError, match="1 sources for 2"):
        Follow("r", Positions(1, 1, 2), pictures=(Pictures("p", (url,), ("r = 1",)),))
    with pytest.raises(ValueError, match="1 alts for 2 pictures"):
        Pictures("p", (url, url), ("r = 1",))
    spec = Follow("r", Positions(1, 1, 2), pictures=(Pictures("p", (url, url), ("one", "two")),))
    assert spec.data()["pictures"] == [{"key": "p", "sources": [url, url], "alts": ["one", "two"]}]


def test_positions_sharing_a_text_send_it_once() -> None:
    targets = Positions(50.0, 0.1, 6)  # six energy targets that pick only two ranks
    ks = (3, 3, 3, 3, 4, 4)
    spec = Follow("energy", targets, texts=(Texts("k", over(ks, lambda k: f"k = {k}")),))
    sent = spec.data()["texts"][0]
    assert sent["sources"] == ["k = 3", "k = 4"] and sent["at"] == [0, 0, 0, 0, 1, 1]
    assert [sent["sources"][j] for j in sent["at"]] == [f"k = {k}" for k in ks]
    distinct = Follow("k", Positions(1, 1, 3), texts=(Texts("k", ("1", "2", "3")),))
    assert "at" not in distinct.data()["texts"][0]  # nothing shared: sent as it is


def test_a_mark_on_a_picture_chart_carries_its_plot_box() -> None:
    from lowrank.views.svg_axes import Axis
    from lowrank.views.svg_charts import Series, line_chart

    chart = line_chart(
        [Series("s", [1, 10, 100], [90.0, 99.0, 100.0], "#444")], x_axis=Axis(log=True)
    )
    three = Positions(1, 1, 3)
    on_picture = Mark("c", (1.0, 10.0, 100.0), box=chart.box)
    on_plotly = Mark("p", (1.0, 2.0, 3.0))
    marks = Follow("k", three, marks=(on_picture, on_plotly)).data()["marks"]
    assert marks[0]["box"] == chart.box.data() and marks[0]["box"]["xlog"] is True
    assert "box" not in marks[1]  # Plotly charts: the browser reads their own axes


def test_a_slider_of_one_position_is_allowed() -> None:
    one = Positions(5, 1, 1)
    assert one.index(5) == 0 and one.index(-3) == 0 and one.index(9) == 0
    (texts,) = texts_by_name([{"k": "k = 5"}], "p_")  # names from the only position
    assert Follow("k", one, texts=(texts,)).at(5) == {"p_k": "k = 5"}


def test_texts_by_name_keys_parts_and_sources() -> None:
    rows = [{"a": "1", "b": "x"}, {"a": "2", "b": "y"}]
    assert texts_by_name(rows, "p_", values={"a"}) == (
        Texts("p_a", ("1", "2"), "value"),
        Texts("p_b", ("x", "y"), "all"),
    )


def test_half_the_positions_sharing_texts_is_enough_to_send_them_once() -> None:
    half = Follow("k", Positions(1, 1, 4), texts=(Texts("k", ("a", "a", "b", "b")),))
    assert half.data()["texts"][0] == {
        "key": "k",
        "part": "all",
        "sources": ["a", "b"],
        "at": [0, 0, 1, 1],
    }  # 2 distinct of 4: 2·2 is not more than 4
    more = Follow("k", Positions(1, 1, 5), texts=(Texts("k", ("a", "a", "b", "b", "c")),))
    assert more.data()["texts"][0]["sources"] == ["a", "a", "b", "b", "c"]  # 3 of 5: as they are
    assert "at" not in more.data()["texts"][0]


def test_text_nodes_are_stripped_joined_and_checked() -> None:
    nodes = Texts.of_nodes("t", [[" k ", "= 2"], ["k", "= 3 "]])
    assert nodes == Texts("t", ("k\x1f= 2", "k\x1f= 3"), "nodes")
    for bad in ("a\x1fb", "  ", ""):  # a separator inside, a blank node (either alone)
        with pytest.raises(ValueError, match="non-blank"):
            Texts.of_nodes("t", [["k", bad]])
