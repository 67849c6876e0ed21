"""What a slider-dependent block shows, at every position of its slider: one payload, one renderer.

A page's block (its metrics, sentences and charts that change with a slider) is described here
once, for all positions, and drawn by exactly one renderer: the browser component of
``lowrank/ui/block.py``, which follows the page's slider as it is dragged or keyed. The page's
rerun draws none of it, so nothing is drawn twice and nothing has to agree with anything else.

- :class:`Metric`: a label and its value at each position (formatted by the core);
- :class:`Sentence`: a sentence at each position (inline ``**bold**`` and ``*italic*`` only);
- :class:`Chart`: static curves (:class:`Series`) with hover texts, static vertical lines
  (:class:`Line`, e.g. "best k"), a mark that moves with the slider, and a text alternative at
  each position;
- :class:`Table`: a table's rows at each position (plain text, inline ``**bold**``);
- :class:`Picture`: a drawing at each position, as SVG shapes (:class:`Shape`: no markup, no
  script), with a text alternative at each position.

Axis ranges and ticks are computed here (:mod:`lowrank.views.svg_axes`), so the browser only maps
numbers to pixels. Nothing here knows the browser: :meth:`Block.payload` is plain JSON data.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from lowrank import formatting as fmt
from lowrank.views.positions import Positions
from lowrank.views.svg_axes import Axis, Tick, axis_range, axis_ticks


@dataclass(frozen=True)
class Metric:
    """A label and its formatted value at each position; ``help`` explains it (a tooltip),
    ``notes`` (one per position, when given) is a caption under the value."""

    label: str
    values: tuple[str, ...]
    help: str = ""
    notes: tuple[str, ...] = ()
    colour: str = ""  #: a swatch before the label: the colour of the curve it reads (CSS)


@dataclass(frozen=True)
class Sentence:
    """One sentence at each position (inline ``**bold**`` and ``*italic*`` only); a ``caption``
    is set small and grey, as ``st.caption`` sets it."""

    texts: tuple[str, ...]
    caption: bool = False


@dataclass(frozen=True)
class Series:
    """A static curve through (x[i], y[i]), or ``bars`` at x[i] of height y[i] (x one apart),
    each labelled ``labels[i]`` when given; hovering a point shows ``hover[i]`` (by default the
    chart's x label, x, the curve's name and y)."""

    name: str
    x: tuple[float, ...]
    y: tuple[float, ...]
    colour: str
    dash: bool = False
    hover: tuple[str, ...] = ()
    bars: bool = False
    labels: tuple[str, ...] = ()
    #: This curve's own mark at each position (the dot at the point nearest x, and a thin line
    #: in its colour), labelled ``mark_labels[i]`` when given: for curves whose x at a given
    #: slider position differ (k/n for matrices of different n). Empty: the chart's mark.
    marks: tuple[float, ...] = ()
    mark_labels: tuple[str, ...] = ()
    width: float = 2.0  #: a line's stroke width in px (to set one curve apart from others)

    def __post_init__(self) -> None:
        if self.mark_labels and len(self.mark_labels) != len(self.marks):
            raise ValueError(f"series {self.name!r} needs one mark label per mark")
        if len(self.x) != len(self.y) or not self.x:
            raise ValueError(f"series {self.name!r} needs as many x as y, at least one")
        for name, texts in (("hover", self.hover), ("label", self.labels)):
            if texts and len(texts) != len(self.x):
                raise ValueError(f"series {self.name!r} needs one {name} text per point")
        if not all(math.isfinite(v) for v in (*self.x, *self.y)):
            raise ValueError(f"series {self.name!r} has a value that is not finite")


@dataclass(frozen=True)
class Line:
    """A static vertical line at ``x`` with a label (the best k, a rule's k, a threshold)."""

    x: float
    label: str
    colour: str


@dataclass(frozen=True)
class Level:
    """A static horizontal line at ``y`` with a label (a reference accuracy, a 90 % share), at
    the right end above the line, or ``below`` it where the curves leave room there."""

    y: float
    label: str
    colour: str = "#555555"
    below: bool = False


@dataclass(frozen=True)
class Chart:
    """A chart whose curves are the same at every position, with a mark at ``mark[i]``
    (labelled ``mark_labels[i]`` when given) and the text alternative ``alts[i]`` at position i.

    ``band``, when not "", fades and hatches what lies right of the mark (the singular values a
    rank drops) and names it, so colour is not its only sign. ``y_range`` fixes the y axis' ends
    (data units); by default they follow the data, from 0 when there are bars. ``y_suffix``
    follows each y tick ("%"). On a ``log_y`` chart every y must be > 0. A ``log_x`` chart
    may name its ticks (``x_ticks``); ``x_range`` fixes the x axis' ends. ``mark`` may be empty
    when every curve has its own marks.
    """

    title: str
    x_label: str
    y_label: str
    series: tuple[Series, ...]
    mark: tuple[float, ...]
    alts: tuple[str, ...]
    lines: tuple[Line, ...] = ()
    log_y: bool = False
    mark_labels: tuple[str, ...] = ()
    band: str = ""
    y_range: tuple[float, float] | None = None
    y_suffix: str = ""
    levels: tuple[Level, ...] = ()
    log_x: bool = False
    x_ticks: tuple[float, ...] = ()
    x_range: tuple[float, float] | None = None
    #: The start of every position's text alternative (what the chart shows, the same at every
    #: position; with its separator), sent once: ``alt_lead + alts[i]`` is read, ``alts[i]``
    #: alone announced as the slider rests.
    alt_lead: str = ""

    def __post_init__(self) -> None:
        if not self.series:
            raise ValueError(f"chart {self.title!r} needs a series")
        if self.log_x and any(v <= 0 for s in self.series for v in s.x):
            raise ValueError(f"chart {self.title!r} is log in x but has an x ≤ 0")
        if self.log_y and any(v <= 0 for s in self.series for v in s.y):
            raise ValueError(f"chart {self.title!r} is log in y but has a y ≤ 0")
        if self.mark_labels and len(self.mark_labels) != len(self.mark):
            raise ValueError(f"chart {self.title!r} needs one mark label per position")

    def payload(self) -> dict[str, object]:
        """The chart as JSON data: curves, hover texts, axis ranges and ticks in axis units."""
        xs = np.concatenate([np.asarray(s.x, float) for s in self.series])
        ys = np.concatenate([np.asarray(s.y, float) for s in self.series])
        xs = np.concatenate([xs, [line.x for line in self.lines], self.mark])
        ys = np.concatenate([ys, [level.y for level in self.levels]])
        bars = any(s.bars for s in self.series)
        if bars:  # room for the outer bars' width, and bars grow from 0
            xs = np.concatenate([xs, [xs.min() - 0.5, xs.max() + 0.5]])
            ys = np.append(ys, 0.0)
        x_axis = Axis(self.x_label, log=self.log_x, range=self.x_range, pad=0.0 if bars else 0.02)
        y_axis = Axis(
            self.y_label, log=self.log_y, range=self.y_range, pad=0.06, suffix=self.y_suffix
        )
        x_range, y_range = axis_range(xs, x_axis), axis_range(ys, y_axis)
        x_ticks = axis_ticks(x_axis, x_range)
        if self.x_ticks:
            x_ticks = [Tick(value, fmt.number(value)) for value in self.x_ticks]
        if bars:  # ticks at whole x, under the bars only
            bar_x = np.concatenate([np.asarray(s.x, float) for s in self.series if s.bars])
            x_ticks = [
                t
                for t in x_ticks
                if float(t.value).is_integer() and bar_x.min() <= t.value <= bar_x.max()
            ]
        return {
            "title": self.title,
            "xLabel": self.x_label,
            "yLabel": self.y_label,
            "logY": self.log_y,
            "logX": self.log_x,
            "xRange": list(x_range),
            "yRange": list(y_range),
            "xTicks": [[t.value, t.label] for t in x_ticks],
            "yTicks": [[t.value, t.label] for t in axis_ticks(y_axis, y_range)],
            "series": [
                {
                    "name": s.name,
                    "colour": s.colour,
                    "dash": s.dash,
                    "x": list(s.x),
                    "y": list(s.y),
                    "hover": list(s.hover or self._hover(s)),
                    "bars": s.bars,
                    "labels": list(s.labels),
                    "marks": list(s.marks),
                    "markLabels": list(s.mark_labels),
                    "width": s.width,
                }
                for s in self.series
            ],
            "lines": [
                {"x": line.x, "label": line.label, "colour": line.colour} for line in self.lines
            ],
            "levels": [
                {"y": level.y, "label": level.label, "colour": level.colour, "below": level.below}
                for level in self.levels
            ],
            "mark": list(self.mark),
            "markLabels": list(self.mark_labels),
            "band": self.band,
            "alts": list(self.alts),
            "altLead": self.alt_lead,
        }

    def _hover(self, series: Series) -> tuple[str, ...]:
        return tuple(
            f"{self.x_label} {fmt.number(x)} · {series.name} {fmt.number(y)}"
            for x, y in zip(series.x, series.y, strict=True)
        )


#: The SVG elements a :class:`Picture` is drawn with (nothing that runs, links or loads).
SHAPE_TAGS = frozenset({"rect", "path", "line", "circle", "text"})
#: A shape's attribute names: SVG presentation attributes, never an event handler or a link.
_ATTRIBUTE = re.compile(r"[a-z][a-z0-9-]*")
_REFUSED = frozenset({"href", "style"})


def _written(value: float | str) -> str:
    """An attribute's value: a number with at most one decimal, no trailing zeros."""
    if isinstance(value, str):
        return value
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Shape:
    """One element of a :class:`Picture`: an SVG ``tag`` (:data:`SHAPE_TAGS`) with its
    attributes in the picture's units and, for a text, its words (real text, not markup)."""

    tag: str
    attributes: tuple[tuple[str, str], ...]
    text: str = ""

    def __post_init__(self) -> None:
        if self.tag not in SHAPE_TAGS:
            raise ValueError(f"a picture cannot hold a {self.tag!r}")
        for name, _ in self.attributes:
            if not _ATTRIBUTE.fullmatch(name) or name.startswith("on") or name in _REFUSED:
                raise ValueError(f"a shape cannot have the attribute {name!r}")
        if self.text and self.tag != "text":
            raise ValueError(f"a {self.tag!r} holds no text")

    @classmethod
    def of(cls, tag: str, text: str = "", **attributes: float | str) -> Shape:
        """A shape from keyword attributes (``stroke_width=2`` is ``stroke-width="2"``)."""
        pairs = tuple((name.replace("_", "-"), _written(v)) for name, v in attributes.items())
        return cls(tag, pairs, text)


@dataclass(frozen=True)
class Picture:
    """A drawing at each position: ``shapes[i]`` in a ``width`` × ``height`` box (shown that
    wide, narrower to fit its column), under ``title``, with the text alternative ``alts[i]``."""

    title: str
    width: float
    height: float
    shapes: tuple[tuple[Shape, ...], ...]
    alts: tuple[str, ...]
    #: Presentation attributes of the whole drawing, inherited by its shapes (a ``text``
    #: :class:`Shape` of them, e.g. the font size said once instead of in every text).
    inherited: Shape = Shape("text", ())

    def payload(self) -> dict[str, object]:
        """The picture as JSON data: each position's shapes as [tag, attributes, text]."""
        return {
            "title": self.title,
            "width": self.width,
            "height": self.height,
            "inherited": dict(self.inherited.attributes),
            "shapes": [
                [[s.tag, dict(s.attributes), s.text] for s in shapes] for shapes in self.shapes
            ],
            "alts": list(self.alts),
        }


#: How a :class:`Table`'s column is aligned.
TABLE_ALIGN = frozenset({"left", "right", "centre"})


@dataclass(frozen=True)
class Table:
    """A table at each position: ``rows[i]`` are its rows at position i, the column headers
    first (a cell may hold inline ``**bold**``); ``align`` gives each column's alignment."""

    rows: tuple[tuple[tuple[str, ...], ...], ...]
    align: tuple[str, ...]
    caption: str = ""

    def __post_init__(self) -> None:
        if not set(self.align) <= TABLE_ALIGN:
            raise ValueError(f"a column is aligned {sorted(set(self.align) - TABLE_ALIGN)}")
        for rows in self.rows:
            if not rows or any(len(row) != len(self.align) for row in rows):
                raise ValueError("a table needs its header, and one cell per column in each row")


@dataclass(frozen=True)
class Block:
    """Everything a block shows at each of the slider's ``positions``: its metrics, then its
    sentences (before the metrics with ``sentences_first``: a sentence that sums them up), then
    its charts."""

    positions: Positions
    metrics: tuple[Metric, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    charts: tuple[Chart, ...] = ()
    #: The metrics' grid has this many columns (two by two in a narrow column); 0: as many as
    #: fit the width.
    metric_columns: int = 0
    sentences_first: bool = False
    tables: tuple[Table, ...] = ()
    pictures: tuple[Picture, ...] = ()

    def __post_init__(self) -> None:
        count = self.positions.count
        per_position: list[tuple[str, Sequence[object]]] = [
            *((f"metric {m.label!r}", m.values) for m in self.metrics),
            *((f"metric {m.label!r} notes", m.notes) for m in self.metrics if m.notes),
            *((f"sentence {i}", s.texts) for i, s in enumerate(self.sentences)),
            *((f"chart {c.title!r} mark", c.mark) for c in self.charts if c.mark),
            *(
                (f"series {s.name!r} marks", s.marks)
                for c in self.charts
                for s in c.series
                if s.marks
            ),
            *((f"chart {c.title!r} alts", c.alts) for c in self.charts),
            *((f"table {i}", t.rows) for i, t in enumerate(self.tables)),
            *((f"picture {p.title!r}", p.shapes) for p in self.pictures),
            *((f"picture {p.title!r} alts", p.alts) for p in self.pictures),
        ]
        for name, values in per_position:
            if len(values) != count:
                raise ValueError(f"{name} has {len(values)} entries for {count} positions")

    def at(self, value: float) -> dict[str, object]:
        """What is shown when the slider's value is ``value``: the metrics' values, the
        sentences and the charts' marks and alternatives (for tests and for reading)."""
        i = self.positions.index(value)
        shown: dict[str, object] = {
            "metrics": {m.label: m.values[i] for m in self.metrics},
            "notes": {m.label: m.notes[i] for m in self.metrics if m.notes},
            "sentences": [s.texts[i] for s in self.sentences],
            "marks": [c.mark[i] if c.mark else None for c in self.charts],
            "mark_labels": [c.mark_labels[i] if c.mark_labels else "" for c in self.charts],
            "alts": [c.alt_lead + c.alts[i] for c in self.charts],
        }
        if self.tables:  # the rows of each table, header first
            shown["tables"] = [t.rows[i] for t in self.tables]
        if self.pictures:  # each picture's shapes and text alternative
            shown["pictures"] = [(p.shapes[i], p.alts[i]) for p in self.pictures]
        return shown

    def payload(self) -> dict[str, object]:
        """The block as JSON data for the browser's renderer."""
        p = self.positions
        extra: dict[str, object] = {}
        if self.tables:
            extra["tables"] = [
                {"rows": [list(map(list, rows)) for rows in t.rows], "align": list(t.align),
                 "caption": t.caption}
                for t in self.tables
            ]  # fmt: skip
        if self.pictures:
            extra["pictures"] = [picture.payload() for picture in self.pictures]
        return {
            "positions": {"start": p.start, "step": p.step, "count": p.count},
            "metrics": [
                {
                    "label": m.label,
                    "help": m.help,
                    "values": list(m.values),
                    "notes": list(m.notes),
                    "colour": m.colour,
                }
                for m in self.metrics
            ],
            "sentences": [{"texts": list(s.texts), "caption": s.caption} for s in self.sentences],
            "sentencesFirst": self.sentences_first,
            "charts": [chart.payload() for chart in self.charts],
            "metricColumns": self.metric_columns,
            **extra,
        }
