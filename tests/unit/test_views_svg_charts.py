"""SVG line charts: well-formed, readable ticks, and every point where the plot box says it is."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from lowrank.views.svg_axes import Axis, linear_ticks, log_ticks
from lowrank.views.svg_charts import Reference, Series, line_chart

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # raises on malformed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def polylines(root: ET.Element) -> list[np.ndarray]:
    """Each polyline's points as an (n, 2) array of canvas px."""
    return [
        np.array([pair.split(",") for pair in line.get("points").split()], dtype=float)
        for line in root.iterfind(".//svg:polyline", NS)
    ]


def texts(root: ET.Element) -> list[str]:
    return ["".join(node.itertext()) for node in root.iterfind(".//svg:text", NS)]


def expected_px(values, box_edges, axis_range, log: bool, size: int) -> np.ndarray:
    """Where values fall on the canvas, from the box alone (numpy, not the builder's code)."""
    start, end = box_edges
    v = np.log10(values) if log else np.asarray(values, dtype=float)
    return size * (start + (end - start) * (v - axis_range[0]) / (axis_range[1] - axis_range[0]))


def labels(ticks) -> list[str]:
    return [tick.label for tick in ticks]


def test_linear_ticks_are_nice_steps_within_the_range() -> None:
    assert labels(linear_ticks(70, 100.5, suffix="%")) == ["70%", "80%", "90%", "100%"]
    assert [t.value for t in linear_ticks(1, 512)] == [100, 200, 300, 400, 500]
    assert labels(linear_ticks(0, 1)) == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"]
    assert labels(linear_ticks(-0.3, 0.3)) == ["-0.3", "-0.2", "-0.1", "0", "0.1", "0.2", "0.3"]
    for low, high in ((0.0, 7.3), (-40.0, 12.0), (1e-3, 2.4e-3), (3.0, 1e6)):
        ticks = linear_ticks(low, high)
        values = np.array([t.value for t in ticks])
        assert 3 <= len(ticks) <= 13 and np.all((values >= low) & (values <= high))
        steps = np.diff(values)
        np.testing.assert_allclose(steps, steps[0])
        mantissa = steps[0] / 10 ** np.floor(np.log10(steps[0]))
        assert min(abs(mantissa - m) for m in (1, 2, 5)) < 1e-9


def test_log_ticks_decades_or_one_two_five() -> None:
    # Up to three decades: 1, 2, 5 × 10^k written out.
    assert labels(log_ticks(1, 512)) == ["1", "2", "5", "10", "20", "50", "100", "200", "500"]
    # More: the decades, written out near 1 …
    assert labels(log_ticks(0.01, 100)) == ["0.01", "0.1", "1", "10", "100"]
    # … and as 10^k beyond (1 and 10 stay as they are).
    spectrum = log_ticks(1.3, 8.4e4)
    assert labels(spectrum) == ["10", "10²", "10³", "10⁴"]
    assert [(t.text, t.power) for t in spectrum[1:]] == [("10", "2"), ("10", "3"), ("10", "4")]
    # Many decades: every other one, no more than eight labels.
    wide = log_ticks(1e-8, 1e5)
    assert labels(wide) == ["10⁻⁸", "10⁻⁶", "10⁻⁴", "10⁻²", "1", "10²", "10⁴"]
    # Within a decade: linear ticks between the ends.
    narrow = log_ticks(2, 3)
    assert len(narrow) >= 2 and all(2 <= t.value <= 3 for t in narrow)
    for low, high in ((1, 512), (1.3, 8.4e4), (1e-8, 1e5), (2, 3), (0.5, 4000)):
        values = [t.value for t in log_ticks(low, high)]
        assert values == sorted(values) and low * (1 - 1e-9) <= values[0]
        assert values[-1] <= high * (1 + 1e-9)


def chart_data():
    rng = np.random.default_rng(7)
    k = np.arange(1, 513)
    sigma = np.sort(rng.lognormal(3, 2, size=(4, 512)), axis=1)[:, ::-1]
    energy = np.cumsum(sigma**2, axis=1) / np.sum(sigma**2, axis=1, keepdims=True) * 100
    return k, sigma, energy


@pytest.mark.parametrize(
    ("x_log", "y_log"), [(False, True), (True, False), (False, False), (True, True)]
)
def test_every_point_is_where_the_plot_box_puts_it(x_log: bool, y_log: bool) -> None:
    k, sigma, energy = chart_data()
    values = sigma if y_log else energy
    colours = ["#d62728", "#2ca02c", "#1f77b4", "#444444"]
    series = [
        Series(f"s{c}", k, values[c], colours[c], dash="6 4" if c == 3 else "") for c in range(4)
    ]
    chart = line_chart(
        series,
        title="t",
        x_axis=Axis("k", log=x_log),
        y_axis=Axis("y", log=y_log, pad=0.05),
        width=420,
        height=330,
    )
    box = chart.box
    root = parse(chart.svg)
    assert (root.get("width"), root.get("height")) == ("420", "330")
    lines = polylines(root)
    assert len(lines) == 4
    for line, row in zip(lines, values, strict=True):
        assert line.shape == (512, 2)
        x = expected_px(k, (box.left, box.right), box.x_range, x_log, 420)
        y = expected_px(row, (box.bottom, box.top), box.y_range, y_log, 330)
        np.testing.assert_allclose(line[:, 0], x, atol=0.05 + 1e-9)  # rounded to 0.1 px
        np.testing.assert_allclose(line[:, 1], y, atol=0.05 + 1e-9)
        # Back from the picture to the data, through the box: within the rounding.
        fraction = (line[:, 1] / 330 - box.bottom) / (box.top - box.bottom)
        back = box.y_range[0] + fraction * (box.y_range[1] - box.y_range[0])
        back = 10**back if y_log else back
        scale = (box.y_range[1] - box.y_range[0]) / ((box.bottom - box.top) * 330)
        tolerance = 0.05 * scale * (np.log(10) * row if y_log else 1) * 1.01
        assert np.all(np.abs(back - row) <= tolerance)
        assert box.x_pixel(k[9]) == pytest.approx(x[9]) and box.y_pixel(row[9]) == pytest.approx(
            y[9]
        )
    # The plot box spans the data; automatic y range padded by 5 % of its span.
    span = np.log10 if y_log else (lambda v: v)
    low, high = span(values.min()), span(values.max())
    assert box.y_range == pytest.approx((low - 0.05 * (high - low), high + 0.05 * (high - low)))
    assert box.x_range == pytest.approx((0.0, np.log10(512)) if x_log else (1.0, 512.0))
    assert 0 < box.left < box.right < 1 and 0 < box.top < box.bottom < 1
    assert root.find(".//svg:polyline[@stroke-dasharray='6 4']", NS) is not None
    assert len(chart.svg) < 60_000  # 4 × 512 points stay compact


def test_ticks_and_grid_sit_on_the_axes() -> None:
    k, _, energy = chart_data()
    chart = line_chart(
        [Series("whole", k, energy[0], "#444444", width=3)],
        x_axis=Axis("k (log)", log=True),
        y_axis=Axis("energy", range=(70, 100.5), suffix="%"),
    )
    box = chart.box
    assert box.y_range == (70, 100.5) and box.x_log and not box.y_log
    x_ticks, y_ticks = chart.ticks
    assert labels(y_ticks) == ["70%", "80%", "90%", "100%"]
    assert labels(x_ticks)[:4] == ["1", "2", "5", "10"]
    root = parse(chart.svg)
    shown = texts(root)
    for label in ("70%", "100%", "1", "500", "k (log)", "energy", "whole"):
        assert label in shown
    grid = root.find(".//svg:path", NS).get("d")
    vertical = [float(x) for x in re.findall(r"M([-\d.]+) [-\d.]+V", grid)]
    horizontal = [float(y) for y in re.findall(r"M[-\d.]+ ([-\d.]+)H", grid)]
    x = expected_px([t.value for t in x_ticks], (box.left, box.right), box.x_range, True, 400)
    y = expected_px([t.value for t in y_ticks], (box.bottom, box.top), box.y_range, False, 340)
    np.testing.assert_allclose(vertical, x, atol=0.05 + 1e-9)
    np.testing.assert_allclose(horizontal, y, atol=0.05 + 1e-9)


def test_references_titles_legend_and_escaping() -> None:
    chart = line_chart(
        [
            Series("红 R <a&b>", [1, 2, 3], [1.0, 4.0, 2.0], "#d62728"),
            Series("整张图", [1, 2, 3], [2.0, 3.0, 3.5], "#444444", dash="6 4"),
        ],
        title="前 k 个奇异值保留的能量 & more",
        x_axis=Axis("k（对数坐标）"),
        y_axis=Axis("保留的能量"),
        references=[Reference(3.0, "90 %")],
    )
    root = parse(chart.svg)
    assert "Noto Sans CJK SC" in root.get("font-family")
    shown = texts(root)
    for text in ("前 k 个奇异值保留的能量 & more", "k（对数坐标）", "保留的能量", "红 R <a&b>"):
        assert text in shown
    assert "90 %" in shown
    reference = next(
        line for line in root.iterfind("svg:line", NS) if line.get("stroke-dasharray") == "4 3"
    )
    assert float(reference.get("y1")) == pytest.approx(chart.box.y_pixel(3.0), abs=0.05)
    assert float(reference.get("x1")) == pytest.approx(chart.box.width * chart.box.left, abs=0.05)
    assert float(reference.get("x2")) == pytest.approx(chart.box.width * chart.box.right, abs=0.05)
    legend = [line for line in root.iterfind("svg:line", NS) if line.get("stroke") == "#444444"]
    assert legend and legend[0].get("stroke-dasharray") == "6 4"


def test_flat_data_and_bad_input() -> None:
    flat = line_chart(
        [Series("zero", [1, 2, 3], [1e-8, 1e-8, 1e-8], "#444")], y_axis=Axis(log=True)
    )
    low, high = flat.box.y_range
    assert low < -8 < high and np.all(np.isfinite(polylines(parse(flat.svg))[0]))
    one = line_chart([Series("one", [5], [2.0], "#444")])
    assert one.box.x_range[0] < 5 < one.box.x_range[1]
    with pytest.raises(ValueError, match="positive"):
        line_chart([Series("s", [1, 2], [0.0, 1.0], "#444")], y_axis=Axis(log=True))
    with pytest.raises(ValueError, match="finite"):
        line_chart([Series("s", [1, 2], [np.nan, 1.0], "#444")])
    with pytest.raises(ValueError, match="equal"):
        line_chart([Series("s", [1, 2, 3], [1.0, 2.0], "#444")])
    with pytest.raises(ValueError, match="at least one"):
        line_chart([])


def test_box_data_is_what_the_browser_reads() -> None:
    chart = line_chart([Series("s", [1, 10, 100], [1.0, 2.0, 3.0], "#444")], x_axis=Axis(log=True))
    data = chart.box.data()
    assert set(data) == {"left", "top", "right", "bottom", "x", "y", "xlog", "ylog"}
    assert data["x"] == [0.0, 2.0] and data["xlog"] is True and data["ylog"] is False
