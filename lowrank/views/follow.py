"""What a page's slider changes in the browser at once, before Python answers.

A slider move goes to the server, the page reruns, and its numbers and charts come back: on this
machine 220–330 ms for a rank slider against ~50 ms for a bare one-slider app (bench/README.md),
most of it the browser redrawing Plotly charts. So each page also describes, for *every* position
of its slider, what the slider changes on screen:

- :class:`Texts`: the markdown source of one element at each position (a metric's value, a
  caption, a sentence), exactly as the page passes it to Streamlit at that position;
- :class:`Mark`: a position marked on one of the page's charts (a line at x, a dot at (x, y), a
  label, optionally the dropped range faded), the chart itself being the same for every position:
  a Plotly chart, or a chart shown as a picture (:mod:`lowrank.views.svg_charts`) with its plot box;
- :class:`Pictures`: a small picture per position (an SVG ``data:`` URL) for one ``st.image``.

The browser (``lowrank/ui/follow.py`` and ``follow.js``) swaps the texts and moves the marks as
soon as the slider's value changes, while it is dragged or moved with the keyboard; the rerun
that follows draws the same texts (pages are tested for it) and confirms the URL. Everything here
is computed from the page's own numbers; this module only shapes and checks it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import quote

if TYPE_CHECKING:
    from lowrank.views.svg_axes import PlotBox

T = TypeVar("T")


#: Between the text nodes of a ``Texts(part="nodes")`` source (ASCII's unit separator).
NODE_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class Positions:
    """A slider's positions: position i has the value ``start + i·step`` (``count`` of them).

    A ``st.slider`` over the integers 1…K is ``Positions(1, 1, K)``; a ``st.select_slider``
    reports the index of its option, so it is ``Positions(0, 1, len(options))``.
    """

    start: float
    step: float
    count: int

    def __post_init__(self) -> None:
        if self.count < 1 or not self.step > 0 or not math.isfinite(self.start):
            raise ValueError(f"positions need count ≥ 1 and a step > 0: {self}")

    def index(self, value: float) -> int:
        """The position of a slider value (clipped to the ends), as the browser computes it."""
        return min(self.count - 1, max(0, round((value - self.start) / self.step)))


@dataclass(frozen=True)
class Texts:
    """One element's markdown at every position; ``key`` is the ``st.container`` around it.

    ``part="value"`` swaps only a metric's value (its label and help stay as they are);
    ``part="nodes"`` gives the element's text nodes themselves (:meth:`of_nodes`), for markup
    whose nodes are not its ``**`` pieces (a table).
    """

    key: str
    sources: tuple[str, ...]
    part: str = "all"

    def __post_init__(self) -> None:
        if self.part not in ("all", "value", "nodes"):
            raise ValueError(f"part must be 'all', 'value' or 'nodes', not {self.part!r}")

    @classmethod
    def of_nodes(cls, key: str, nodes: Sequence[Sequence[str]]) -> Texts:
        """The element's non-blank text nodes, in document order, at every position."""
        for row in nodes:
            if any(NODE_SEPARATOR in text or not text.strip() for text in row):
                raise ValueError(f"{key}: text nodes must be non-blank, without U+001F")
        return cls(
            key, tuple(NODE_SEPARATOR.join(text.strip() for text in row) for row in nodes), "nodes"
        )


def texts_by_name(
    rows: Sequence[Mapping[str, str]], prefix: str, values: Collection[str] = ()
) -> tuple[Texts, ...]:
    """One :class:`Texts` per name of ``rows`` (a page's texts at each position, by name), in
    the container ``prefix + name``; the names in ``values`` are metric values."""
    return tuple(
        Texts(prefix + name, tuple(row[name] for row in rows), "value" if name in values else "all")
        for name in rows[0]
    )


@dataclass(frozen=True)
class Pictures:
    """One ``st.image`` at every position: ``key`` is the ``st.container`` around it, ``sources``
    the picture at each position as a URL the browser can show at once (a ``data:`` URL, e.g. a
    small SVG made by :func:`svg_data_url`), ``alts`` its text alternative at each position. The
    page shows the same picture, with the same ``alt``, at its position."""

    key: str
    sources: tuple[str, ...]
    alts: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.alts) != len(self.sources):
            raise ValueError(f"{self.key}: {len(self.alts)} alts for {len(self.sources)} pictures")


def svg_data_url(svg: str) -> str:
    """An SVG document as a ``data:`` URL (percent-encoded UTF-8: smaller than base64)."""
    return "data:image/svg+xml;charset=utf-8," + quote(svg, safe=" =:/;,'()-.<>_")


@dataclass(frozen=True)
class Mark:
    """A slider position drawn on the chart whose ``st.container`` key is ``chart``.

    Per position: ``x`` (a vertical line), optionally ``y`` (a dot on the curve) and ``label``.
    ``band``, when not "", fades and hatches the x-range from x to the axis end (the dropped
    singular values) and names it with this label, so colour is not its only mark. On a Plotly
    chart, ``axis`` is the subplot's axis suffix: "" for ``xaxis``/``yaxis``, "2" for
    ``xaxis2``/``yaxis2``. A chart shown as a picture (``st.image`` of an SVG made by
    :func:`lowrank.views.svg_charts.line_chart`) needs ``box``, where its plot sits on the picture.
    """

    chart: str
    x: tuple[float, ...]
    y: tuple[float, ...] = ()
    label: tuple[str, ...] = ()
    band: str = ""
    axis: str = ""
    colour: str = ""  #: the mark's colour (a CSS colour); "" for the charts' marker red
    line: bool = True  #: False: the dot and label only (several curves marked at one k)
    box: PlotBox | None = None  #: the plot box of a chart shown as a picture


@dataclass(frozen=True)
class Follow:
    """Everything that follows the slider with key ``slider``, over its ``positions``."""

    slider: str
    positions: Positions
    texts: tuple[Texts, ...] = field(default=())
    marks: tuple[Mark, ...] = field(default=())
    pictures: tuple[Pictures, ...] = field(default=())

    def __post_init__(self) -> None:
        count = self.positions.count
        per_position: tuple[Texts | Pictures, ...] = (*self.texts, *self.pictures)
        for texts in per_position:
            if len(texts.sources) != count:
                raise ValueError(f"{texts.key}: {len(texts.sources)} sources for {count} positions")
        for mark in self.marks:
            for name in ("x", "y", "label"):
                size = len(getattr(mark, name))
                if size not in ((0, count) if name != "x" else (count,)):
                    raise ValueError(f"{mark.chart}: {size} values of {name} for {count} positions")
            if not all(math.isfinite(v) for v in (*mark.x, *mark.y)):
                raise ValueError(f"{mark.chart}: marks must be finite")

    def at(self, value: float) -> dict[str, str]:
        """The texts shown at a slider value, by element key (what the page must render)."""
        i = self.positions.index(value)
        return {texts.key: texts.sources[i] for texts in self.texts}

    def data(self) -> dict[str, object]:
        """The JSON the browser reads (``lowrank/ui/follow.js``)."""
        return {
            "slider": self.slider,
            "start": self.positions.start,
            "step": self.positions.step,
            "count": self.positions.count,
            "texts": [
                {"key": t.key, "part": t.part, **_shared_rows(t.sources)} for t in self.texts
            ],
            "marks": [
                {
                    "chart": m.chart,
                    "x": list(m.x),
                    "y": list(m.y),
                    "label": list(m.label),
                    "band": m.band,
                    "axis": m.axis,
                    "colour": m.colour,
                    "line": m.line,
                    **({"box": m.box.data()} if m.box else {}),
                }
                for m in self.marks
            ],
            "pictures": [
                {"key": p.key, "sources": list(p.sources), "alts": list(p.alts)}
                for p in self.pictures
            ],
        }


def over(values: Sequence[T], render: Callable[[T], str]) -> tuple[str, ...]:
    """``render(value)`` for every slider value, as the tuple a :class:`Texts` wants."""
    return tuple(render(value) for value in values)


def _shared_rows(sources: Sequence[str]) -> dict[str, list]:
    """``sources`` for the browser: as they are, or (when many positions share a text, as the
    energy targets that pick one k do) each distinct text once and ``at``, its index per
    position."""
    distinct = list(dict.fromkeys(sources))
    if 2 * len(distinct) > len(sources):
        return {"sources": list(sources)}
    index = {text: i for i, text in enumerate(distinct)}
    return {"sources": distinct, "at": [index[text] for text in sources]}
