"""Line charts as SVG pictures: small, static and quick to show (no Plotly in the browser).

A page whose chart does not change with its slider can show it as a picture (``st.image`` of the
SVG). Measured on /image: its two Plotly charts cost about 1 s of the first load's CPU in the
browser (Plotly's 4.6 MB bundle parsed and run), as much as the rest of the page. The browser
marks the slider's position on such a picture with :class:`PlotBox`, where the plot sits on the
canvas and what its axes span (:class:`lowrank.follow.Mark`'s ``box``).

:func:`line_chart` draws several series (polylines) on a fixed canvas: a title, x and y axes each
linear or log₁₀ with readable ticks (:func:`linear_ticks`, :func:`log_ticks`), axis titles, a
legend and optional horizontal reference lines. Texts use a font with CJK glyphs; their widths are
estimated (an ``<img>`` cannot be measured), which only decides the margins.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import numpy as np

FONT = "'Noto Sans CJK SC', sans-serif"
TEXT_COLOUR = "#31333f"  # Streamlit's text colour
TICK_COLOUR = "#6c6f7a"
GRID_COLOUR = "#e6e7ea"
TITLE_SIZE = 15
AXIS_TITLE_SIZE = 13
TICK_SIZE = 12
LEGEND_SIZE = 12
PAD = 8  # canvas edge to anything drawn
#: Superscript digits and minus, for 10^k tick labels.
SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@dataclass(frozen=True)
class Axis:
    """One axis: its title, linear or log₁₀, its extent and the text after each tick label."""

    title: str = ""
    log: bool = False
    #: The axis' ends in data units (on a log axis, the values themselves, not their log);
    #: None: the series' extent, widened by ``pad``.
    range: tuple[float, float] | None = None
    pad: float = 0.0  #: share of the span added at each end of an automatic range
    suffix: str = ""  #: after each tick label ("%")


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
class Tick:
    """A tick at ``value`` (data units), labelled ``text`` with ``power`` as its exponent."""

    value: float
    text: str
    power: str = ""  #: a superscript after the text: 10^k is Tick(10**k, "10", "k")

    @property
    def label(self) -> str:
        """The label as plain text (the exponent in superscript digits)."""
        return self.text + self.power.translate(SUPERSCRIPT)


@dataclass(frozen=True)
class PlotBox:
    """Where the plot sits on a chart's canvas, and what its axes span: what the browser needs
    to mark a data position on the picture at whatever size it is shown.

    Edges are fractions of the canvas (``top`` < ``bottom``, from the top edge). Ranges are in
    axis units, like Plotly's ``axis.range``: log₁₀ of the values on a log axis.
    """

    width: int  #: canvas size in px
    height: int
    left: float
    top: float
    right: float
    bottom: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    x_log: bool = False
    y_log: bool = False

    def x_pixel(self, value: float | np.ndarray) -> float | np.ndarray:
        """The canvas x (px) of a data x (or of each of an array's)."""
        return self.width * (
            self.left + (self.right - self.left) * _along(value, self.x_range, self.x_log)
        )

    def y_pixel(self, value: float | np.ndarray) -> float | np.ndarray:
        """The canvas y (px, from the top) of a data y (or of each of an array's)."""
        return self.height * (
            self.bottom - (self.bottom - self.top) * _along(value, self.y_range, self.y_log)
        )

    @property
    def edges(self) -> tuple[float, float, float, float]:
        """The plot's left, top, right and bottom edges on the canvas, in px."""
        w, h = self.width, self.height
        return self.left * w, self.top * h, self.right * w, self.bottom * h

    def data(self) -> dict[str, object]:
        """The JSON the browser reads (``lowrank/ui/follow.js``)."""
        return {
            "left": self.left,
            "top": self.top,
            "right": self.right,
            "bottom": self.bottom,
            "x": list(self.x_range),
            "y": list(self.y_range),
            "xlog": self.x_log,
            "ylog": self.y_log,
        }


@dataclass(frozen=True)
class Chart:
    """An SVG document and where its plot sits on it."""

    svg: str
    box: PlotBox
    ticks: tuple[tuple[Tick, ...], tuple[Tick, ...]] = field(default=((), ()))  #: x, y


def _along(
    value: float | np.ndarray, axis_range: tuple[float, float], log: bool
) -> float | np.ndarray:
    v = np.log10(value) if log else value
    low, high = axis_range
    return (v - low) / (high - low)


# --- ticks ------------------------------------------------------------------------------------


def _nice_step(span: float, target: int) -> float:
    """The smallest 1, 2 or 5 × 10^e at least ``span / target``."""
    raw = span / max(target, 1)
    exponent = math.floor(math.log10(raw))
    for mantissa in (1, 2, 5, 10):
        step = mantissa * 10.0**exponent
        if step >= raw * (1 - 1e-9):
            return step
    return 10.0 ** (exponent + 1)  # pragma: no cover - 10 always qualifies


def _decimal(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return "0" if float(text) == 0 else text


def linear_ticks(low: float, high: float, target: int = 6, suffix: str = "") -> list[Tick]:
    """Ticks at multiples of a nice step (1, 2 or 5 × 10^e, about ``target`` of them) within
    [low, high]."""
    if not high > low:
        return [Tick(low, _decimal(low, 6).rstrip("0").rstrip(".") + suffix)]
    step = _nice_step(high - low, target)
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [Tick(i * step, _decimal(i * step, decimals) + suffix) for i in range(first, last + 1)]


def _plain(exponent: int) -> str:
    """10^exponent written out: 0.01, 0.1, 1, 10, 100, 1000."""
    return f"{10.0**exponent:.{max(0, -exponent)}f}"


def log_ticks(low: float, high: float, suffix: str = "") -> list[Tick]:
    """Ticks for a log₁₀ axis over [low, high] (data values > 0).

    Up to three decades: 1, 2 and 5 × 10^k, written out (1, 2, 5, 10, 20 …). More: the decades,
    written out from 0.01 to 1000 (1, 10, 100 …) and as 10^k beyond, every m-th decade when there
    are more than eight. Within less than a decade: linear ticks between the ends.
    """
    lo, hi = math.log10(low), math.log10(high)
    first, last = math.ceil(lo - 1e-9), math.floor(hi + 1e-9)
    plain = first >= -2 and last <= 3
    if hi - lo <= 3 and plain:
        ticks = [
            Tick(m * 10.0**e, _decimal(m * 10.0**e, max(0, -e)) + suffix)
            for e in range(first - 1, last + 1)
            for m in (1, 2, 5)
            if lo - 1e-9 <= e + math.log10(m) <= hi + 1e-9
        ]
    else:
        every = max(1, math.ceil((last - first + 1) / 8))
        exponents = [e for e in range(first, last + 1) if e % every == 0]
        ticks = [
            Tick(10.0**e, _plain(e) + suffix)
            if plain or e in (0, 1)
            else Tick(10.0**e, "10", str(e) + suffix)
            for e in exponents
        ]
    if len(ticks) >= 2:
        return ticks
    return [tick for tick in linear_ticks(low, high, 4, suffix) if tick.value > 0]


# --- layout -----------------------------------------------------------------------------------


def text_width(text: str, size: float) -> float:
    """An estimate of ``text``'s width in px at font ``size`` (CJK a full em, others ~0.56 em)."""
    width = 0.0
    for char in text:
        if ord(char) >= 0x2E80:
            width += 1.0
        elif char in "il.,:;|!'ʹ ":
            width += 0.3
        elif char.isupper() or char in "mwMW%":
            width += 0.68
        else:
            width += 0.56
    return width * size


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


def _axis_range(values: np.ndarray, axis: Axis) -> tuple[float, float]:
    """The axis' ends in axis units (log₁₀ on a log axis)."""
    if axis.range is not None:
        low, high = (math.log10(v) for v in axis.range) if axis.log else axis.range
        pad = 0.0
    else:
        units = np.log10(values) if axis.log else values
        low, high = float(units.min()), float(units.max())
        pad = axis.pad * (high - low)
    if high - low <= 1e-12 * max(1.0, abs(low)):
        half = 0.5 if axis.log else max(0.5, abs(low) * 0.05)
        return low - half, high + half
    return low - pad, high + pad


def _ticks(axis: Axis, axis_range: tuple[float, float]) -> list[Tick]:
    if axis.log:
        return log_ticks(10 ** axis_range[0], 10 ** axis_range[1], axis.suffix)
    return linear_ticks(*axis_range, suffix=axis.suffix)


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
    x_axis: Axis = Axis(),
    y_axis: Axis = Axis(),
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
    x_range = _axis_range(np.concatenate([x for x, _ in points]), x_axis)
    y_values = [y for _, y in points] + [np.array([r.y], dtype=np.float64) for r in references]
    y_range = _axis_range(np.concatenate(y_values), y_axis)
    x_ticks, y_ticks = _ticks(x_axis, x_range), _ticks(y_axis, y_range)

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
