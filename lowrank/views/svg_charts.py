"""Line charts as SVG pictures: small, static and quick to show (no Plotly in the browser).

A page whose chart does not change with its slider can show it as a picture (``st.image`` of the
SVG). Measured on /image: its two Plotly charts cost about 1 s of the first load's CPU in the
browser (Plotly's 4.6 MB bundle parsed and run), as much as the rest of the page. The browser
marks the slider's position on such a picture with its :class:`lowrank.views.svg_axes.PlotBox`,
where the plot sits on the canvas and what its axes span (:class:`lowrank.views.follow.Mark`'s
``box``).

:func:`line_chart` draws several series (polylines) on a fixed canvas: a title, x and y axes each
linear or log₁₀ with readable ticks (:mod:`lowrank.views.svg_axes`), axis titles, a
legend and optional horizontal reference lines. Texts use a font with CJK glyphs; their widths are
estimated (an ``<img>`` cannot be measured), which only decides the margins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from lowrank.views.svg_axes import Axis, PlotBox, Tick, axis_range, axis_ticks, text_width

FONT = "'Noto Sans CJK SC', sans-serif"
TEXT_COLOUR = "#31333f"  # Streamlit's text colour
TICK_COLOUR = "#6c6f7a"
GRID_COLOUR = "#e6e7ea"
TITLE_SIZE = 15
AXIS_TITLE_SIZE = 13
TICK_SIZE = 12
LEGEND_SIZE = 12
PAD = 8  # canvas edge to anything drawn
#: An axis without a title, linear, fitted to the series (line_chart's default).
PLAIN_AXIS = Axis()


@dataclass(frozen=True)
class Series:
    """One curve: points (x[i], y[i]) joined by a line of ``colour``, named in the legend."""

    name: str
    x: Sequence[float] | np.ndarray
    y: Sequence[float] | np.ndarray
    colour: str
    width: float = 2.0
    dash: str = ""  #: an SVG ``stroke-dasharray`` ("6 4"); "" for a solid line


@dataclass(frozen=True)
class Reference:
    """A horizontal line across the plot at ``y`` (data units), labelled at its right end."""

    y: float
    label: str
    colour: str = "#7f7f7f"
    dash: str = "4 3"


@dataclass(frozen=True)
class Chart:
    """An SVG document and where its plot sits on it."""

    svg: str
    box: PlotBox
    ticks: tuple[tuple[Tick, ...], tuple[Tick, ...]] = field(default=((), ()))  #: x, y


# --- drawing --------------------------------------------------------------------------------------


def _attrs(**attributes: object) -> str:
    return "".join(
        f" {name.rstrip('_').replace('_', '-')}={quoteattr(str(value))}"
        for name, value in attributes.items()
        if value is not None and value != ""
    )


def _number(value: float) -> str:
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _tick_label(tick: Tick, **attributes: object) -> str:
    power = ""
    if tick.power:
        power = f'<tspan dy="-0.45em" font-size="0.75em">{escape(tick.power)}</tspan>'
    return f"<text{_attrs(**attributes)}>{escape(tick.text)}{power}</text>"


def _legend_rows(series: Sequence[Series], room: float) -> list[list[tuple[Series, float]]]:
    """Legend items (and their widths) in rows no wider than ``room``."""
    rows: list[list[tuple[Series, float]]] = [[]]
    used = 0.0
    for one in series:
        width = 30 + text_width(one.name, LEGEND_SIZE)
        if rows[-1] and used + 16 + width > room:
            rows.append([])
            used = 0.0
        used += (16 if rows[-1] else 0) + width
        rows[-1].append((one, width))
    return rows if rows[0] else []


def _checked(series: Series, x_axis: Axis, y_axis: Axis) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(series.x, dtype=np.float64)
    y = np.asarray(series.y, dtype=np.float64)
    if x.shape != y.shape or x.ndim != 1 or x.size == 0:
        raise ValueError(f"{series.name}: x and y must be two equal, non-empty 1-D sequences")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise ValueError(f"{series.name}: points must be finite")
    for values, axis in ((x, x_axis), (y, y_axis)):
        if axis.log and np.any(values <= 0):
            raise ValueError(f"{series.name}: values on a log axis must be positive")
    return x, y


def _text(content: str, **attributes: object) -> str:
    return f"<text{_attrs(**attributes)}>{escape(content)}</text>"


def _grid(box: PlotBox, x_ticks: Sequence[Tick], y_ticks: Sequence[Tick]) -> list[str]:
    """Grid lines (one path) and tick labels."""
    lines, labels = [], []
    edge_left, _, _, edge_bottom = box.edges
    left, top, right, bottom = (_number(e) for e in box.edges)
    below = _number(edge_bottom + TICK_SIZE + 4)
    for tick in x_ticks:
        x = _number(float(box.x_pixel(tick.value)))
        lines.append(f"M{x} {top}V{bottom}")
        labels.append(_tick_label(tick, x=x, y=below, text_anchor="middle"))
    for tick in y_ticks:
        y = _number(float(box.y_pixel(tick.value)))
        lines.append(f"M{left} {y}H{right}")
        labels.append(
            _tick_label(tick, x=_number(edge_left - 6), y=y, dy="0.35em", text_anchor="end")
        )
    path = f"<path{_attrs(d=''.join(lines), stroke=GRID_COLOUR, fill='none')}/>"
    return [path, f"<g{_attrs(font_size=TICK_SIZE, fill=TICK_COLOUR)}>", *labels, "</g>"]


def _axis_titles(box: PlotBox, x_title: str, y_title: str) -> list[str]:
    style = {"text_anchor": "middle", "font_size": AXIS_TITLE_SIZE, "fill": TICK_COLOUR}
    left, top, right, bottom = box.edges
    parts = []
    if x_title:
        x, y = _number((left + right) / 2), _number(bottom + TICK_SIZE + 26)
        parts.append(_text(x_title, x=x, y=y, **style))
    if y_title:
        turn = f"translate({PAD + 11} {_number((top + bottom) / 2)}) rotate(-90)"
        parts.append(_text(y_title, transform=turn, **style))
    return parts


def _legend(rows: Sequence[Sequence[tuple[Series, float]]], width: int, height: int) -> list[str]:
    """Each row of legend items centred on the canvas, the last row at its bottom."""
    parts = []
    for r, row in enumerate(rows):
        y = height - PAD - 18 * (len(rows) - r) + 9
        x = (width - (sum(w for _, w in row) + 16 * (len(row) - 1))) / 2
        for one, item in row:
            line = {"x1": _number(x), "x2": _number(x + 24), "y1": y, "y2": y}
            parts.append(
                f"<line{_attrs(**line, stroke=one.colour, stroke_width=min(one.width, 3))}"
                f"{_attrs(stroke_dasharray=one.dash)}/>"
                + _text(one.name, x=_number(x + 30), y=y, dy="0.35em", font_size=LEGEND_SIZE)
            )
            x += item + 16
    return parts


def line_chart(
    series: Sequence[Series],
    *,
    title: str = "",
    x_axis: Axis = PLAIN_AXIS,
    y_axis: Axis = PLAIN_AXIS,
    references: Sequence[Reference] = (),
    width: int = 400,
    height: int = 340,
    legend: bool = True,
) -> Chart:
    """``series`` drawn as lines on a ``width`` × ``height`` canvas (px), with the axes' ticks,
    grid and titles, the chart's title, a legend under the plot and the reference lines.

    Coordinates are rounded to 0.1 px. Returns the SVG and its :class:`PlotBox`.
    """
    if not series:
        raise ValueError("a chart needs at least one series")
    points = [_checked(one, x_axis, y_axis) for one in series]
    x_range = axis_range(np.concatenate([x for x, _ in points]), x_axis)
    y_values = [y for _, y in points] + [np.array([r.y], dtype=np.float64) for r in references]
    y_range = axis_range(np.concatenate(y_values), y_axis)
    x_ticks, y_ticks = axis_ticks(x_axis, x_range), axis_ticks(y_axis, y_range)

    # The plot's edges: room for the texts around it.
    rows = _legend_rows(series, width - 2 * PAD) if legend else []
    top = float(PAD + 32 if title else PAD + 6)
    bottom = float(height - PAD) - 18 * len(rows) - (20 if x_axis.title else 0) - TICK_SIZE - 8
    widest = max((text_width(t.label, TICK_SIZE) for t in y_ticks), default=0.0)
    left = PAD + (AXIS_TITLE_SIZE + 6 if y_axis.title else 0) + widest + 6
    last = text_width(x_ticks[-1].label, TICK_SIZE) / 2 if x_ticks else 0.0
    right = width - max(PAD + 4, last + 2)
    left, top, right, bottom = (round(edge, 1) for edge in (left, top, right, bottom))
    box = PlotBox(
        width,
        height,
        left / width,
        top / height,
        right / width,
        bottom / height,
        x_range,
        y_range,
        x_axis.log,
        y_axis.log,
    )

    canvas = {"viewBox": f"0 0 {width} {height}", "font_family": FONT, "fill": TEXT_COLOUR}
    clip = {"x": left, "y": top, "width": _number(right - left), "height": _number(bottom - top)}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg"{_attrs(width=width, height=height, **canvas)}>',
        f'<defs><clipPath id="plot"><rect{_attrs(**clip)}/></clipPath></defs>',
        *_grid(box, x_ticks, y_ticks),
        *_axis_titles(box, x_axis.title, y_axis.title),
    ]
    if title:  # smaller when it would not fit
        size = min(TITLE_SIZE, round((width - 2 * PAD) / text_width(title, 1), 1))
        parts.append(_text(title, x=PAD, y=PAD + 16, font_size=size, font_weight=600))
    for reference in references:
        y = float(box.y_pixel(reference.y))
        parts.append(
            f"<line{_attrs(x1=left, x2=right, y1=_number(y), y2=_number(y))}"
            f"{_attrs(stroke=reference.colour, stroke_dasharray=reference.dash)}/>"
            + _text(
                reference.label, x=_number(right - 4), y=_number(y - 4), text_anchor="end",
                font_size=11, fill=reference.colour,
            )
        )  # fmt: skip
    parts.append('<g clip-path="url(#plot)" fill="none" stroke-linejoin="round">')
    for one, (xs, ys) in zip(series, points, strict=True):
        pairs = zip(
            np.asarray(box.x_pixel(xs)).tolist(), np.asarray(box.y_pixel(ys)).tolist(), strict=True
        )
        coordinates = " ".join(f"{_number(a)},{_number(b)}" for a, b in pairs)
        parts.append(
            f"<polyline{_attrs(points=coordinates, stroke=one.colour, stroke_width=one.width)}"
            f"{_attrs(stroke_dasharray=one.dash)}/>"
        )
    parts += ["</g>", *_legend(rows, width, height), "</svg>"]
    return Chart("".join(parts), box, (tuple(x_ticks), tuple(y_ticks)))
