"""What a slider-dependent block shows, at every position of its slider: one payload, one renderer.

A page's block (its metrics, sentences and charts that change with a slider) is described here
once, for all positions, and drawn by exactly one renderer: the browser component of
``lowrank/ui/block.py``, which follows the page's slider as it is dragged or keyed. The page's
rerun draws none of it, so nothing is drawn twice and nothing has to agree with anything else.

- :class:`Metric`: a label and its value at each position (formatted by the core);
- :class:`Sentence`: a sentence at each position (inline ``**bold**`` and ``*italic*`` only);
- :class:`Chart`: static curves (:class:`Series`) with hover texts, static vertical lines
  (:class:`Line`, e.g. "best k"), a mark that moves with the slider, and a text alternative at
  each position.

Axis ranges and ticks are computed here (:mod:`lowrank.views.svg_axes`), so the browser only maps
numbers to pixels. Nothing here knows the browser: :meth:`Block.payload` is plain JSON data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from lowrank import formatting as fmt
from lowrank.views.follow import Positions
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
    """A static horizontal line at ``y`` with a label (a reference accuracy, a 90 % share)."""

    y: float
    label: str
    colour: str = "#555555"


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
                {"y": level.y, "label": level.label, "colour": level.colour}
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


@dataclass(frozen=True)
class Block:
    """Everything a block shows at each of the slider's ``positions``."""

    positions: Positions
    metrics: tuple[Metric, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    charts: tuple[Chart, ...] = ()
    #: The metrics' grid has this many columns (two by two in a narrow column); 0: as many as
    #: fit the width.
    metric_columns: int = 0

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
        ]
        for name, values in per_position:
            if len(values) != count:
                raise ValueError(f"{name} has {len(values)} entries for {count} positions")

    def at(self, value: float) -> dict[str, object]:
        """What is shown when the slider's value is ``value``: the metrics' values, the
        sentences and the charts' marks and alternatives (for tests and for reading)."""
        i = self.positions.index(value)
        return {
            "metrics": {m.label: m.values[i] for m in self.metrics},
            "notes": {m.label: m.notes[i] for m in self.metrics if m.notes},
            "sentences": [s.texts[i] for s in self.sentences],
            "marks": [c.mark[i] if c.mark else None for c in self.charts],
            "mark_labels": [c.mark_labels[i] if c.mark_labels else "" for c in self.charts],
            "alts": [c.alt_lead + c.alts[i] for c in self.charts],
        }

    def payload(self) -> dict[str, object]:
        """The block as JSON data for the browser's renderer."""
        p = self.positions
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
            "charts": [chart.payload() for chart in self.charts],
            "metricColumns": self.metric_columns,
        }
