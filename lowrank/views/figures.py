"""Plotly figure builders shared by the pages. They return figures, so tests can inspect them.

Labels are passed in already translated: the core knows no language. Each figure is built in one
step from plain dictionaries (``trace`` and ``layout`` let a caller add or override settings in
that same step): Plotly validates every ``update_*`` call anew, which cost about 55 ms per small
heatmap against about 19 ms built at once, and the slider path draws many of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

#: Heatmaps up to this many cells per side print their numbers in each cell.
ANNOTATE_MAX_SIDE = 16
DIVERGING = "RdBu_r"
FONT = {"family": "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"}
BAR_COLOUR = "#1f77b4"
MARKER_COLOUR = "#d62728"


def merged(base: Mapping, extra: Mapping | None) -> dict:
    """``base`` updated by ``extra``, nested dictionaries merged key by key (neither is changed)."""
    out = dict(base)
    for key, value in (extra or {}).items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


#: A chart title wider than this many columns (a CJK character takes two) is broken into lines:
#: Plotly does not wrap titles, and a phone's chart (about 360 px at 15 px type) cut them off.
TITLE_COLUMNS = 44
#: The height of one more title line, added to the top margin, in px.
TITLE_LINE = 20
#: Closing punctuation, which stays on the line of the text before it.
_NO_BREAK_BEFORE = frozenset("，。：；、！？）」』,.:;!?)")
#: A CJK character (a line may break around it) or a run of other text with its trailing spaces.
_UNITS = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+")


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def title_lines(text: str, columns: int = TITLE_COLUMNS) -> list[str]:
    """``text`` broken into lines of at most ``columns`` columns where it can be: at a space or
    punctuation or before an opening bracket if the line has one, else between CJK characters
    (never before closing punctuation); a longer word keeps a line of its own."""
    units: list[str] = []
    for unit in _UNITS.findall(text):
        if units and unit[0] in _NO_BREAK_BEFORE:
            units[-1] += unit
        else:
            units.append(unit)
    lines: list[list[str]] = [[]]
    for unit in units:
        line = lines[-1]
        if line and _columns("".join([*line, unit]).rstrip()) > columns:
            pieces = [*line, unit]
            soft = [i for i in range(1, len(pieces)) if _soft_break(pieces[i - 1], pieces[i])]
            cut = soft[-1] if soft else len(line)
            lines[-1], rest = line[:cut], line[cut:]
            lines.append(rest)
        lines[-1].append(unit)
    return ["".join(line).strip() for line in lines]


def _soft_break(before: str, after: str) -> bool:
    """Whether a line reads well broken between these two pieces."""
    return before[-1].isspace() or before[-1] in _NO_BREAK_BEFORE or after[0] in "（("


def titled(title: str, margin: Mapping[str, int]) -> dict:
    """Layout entries for a title top left, broken into lines that fit a phone, and ``margin``
    with room at the top for every line past the first."""
    lines = title_lines(title)
    return {
        "title": {"text": "<br>".join(lines), "x": 0.0, "font": {"size": 15}},
        "margin": {**margin, "t": margin["t"] + TITLE_LINE * (len(lines) - 1)},
    }


def base_layout(title: str, height: int) -> dict:
    """Title top left (in lines that fit a phone), small margins, a font with CJK glyphs."""
    return {
        **titled(title, {"l": 10, "r": 10, "t": 40, "b": 10}),
        "height": height,
        "font": FONT,
    }


def matrix_heatmap(
    matrix: np.ndarray,
    title: str,
    *,
    decimals: int = 2,
    scale: float | None = None,
    height: int | None = None,
    trace: Mapping | None = None,
    layout: Mapping | None = None,
) -> go.Figure:
    """A diverging heatmap centred on 0, rows top to bottom, numbers shown for small matrices.

    ``scale`` fixes the colour range to ±scale so that several heatmaps share one colour meaning.
    """
    values = np.asarray(matrix, dtype=float)
    rows, cols = values.shape
    limit = scale if scale is not None else float(np.max(np.abs(values), initial=0.0)) or 1.0
    annotate = max(rows, cols) <= ANNOTATE_MAX_SIDE
    heatmap = {
        "type": "heatmap",
        "z": values,
        "x": list(range(1, cols + 1)),
        "y": list(range(1, rows + 1)),
        "zmin": -limit,
        "zmax": limit,
        "colorscale": DIVERGING,
        "showscale": False,
        "hovertemplate": "(%{y}, %{x}) = %{z:.4g}<extra></extra>",
        "xgap": 1,
        "ygap": 1,
    }
    if annotate:
        heatmap["texttemplate"] = f"%{{z:.{decimals}f}}"
    cell = 34 if annotate else 6
    axes = {
        "yaxis": {
            "autorange": "reversed",
            "showticklabels": annotate,
            "dtick": 1,
            "scaleanchor": "x",
        },
        "xaxis": {"showticklabels": annotate, "dtick": 1, "side": "top"},
    }
    frame = merged(base_layout(title, height or min(520, 60 + cell * rows)), axes)
    return go.Figure(data=[merged(heatmap, trace)], layout=merged(frame, layout))


def singular_value_bars(
    s: np.ndarray,
    title: str,
    label: str = "σ",
    trace: Mapping | None = None,
) -> go.Figure:
    """Singular values as bars (the browser fades and hatches those a rank k drops)."""
    values = np.asarray(s, dtype=float)
    bars = {
        "type": "bar",
        "x": np.arange(1, values.size + 1),
        "y": values,
        "marker": {"color": BAR_COLOUR},
        "name": label,
        "hovertemplate": f"{label}%{{x}} = %{{y:.4g}}<extra></extra>",
    }
    axis = {"xaxis": {"title": {"text": "i"}, "dtick": 1 if values.size <= 30 else None}}
    return go.Figure(data=[merged(bars, trace)], layout=merged(base_layout(title, 300), axis))


def rank_marker(k: int, label: str, log_x: bool = False) -> dict:
    """Layout entries for a dashed line at x = k with its label (on a log axis at log₁₀ k)."""
    return {
        "shapes": [
            {
                "type": "line",
                "x0": k,
                "x1": k,
                "xref": "x",
                "y0": 0,
                "y1": 1,
                "yref": "paper",
                "line": {"dash": "dash", "color": MARKER_COLOUR},
            }
        ],
        "annotations": [
            {
                "x": float(np.log10(k)) if log_x else k,
                "xref": "x",
                "y": 1,
                "yref": "paper",
                "text": f"{label} = {k}",
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "top",
                "font": {"color": MARKER_COLOUR},
            }
        ],
    }


def cumulative_energy_chart(
    curves: Mapping[str, np.ndarray],
    title: str,
    *,
    kept: int | None = None,
    x_title: str = "k",
    y_title: str = "",
    normalise_x: bool = False,
    log_x: bool = False,
    marker_label: str = "k",
    styles: Mapping[str, Mapping] | None = None,
    layout: Mapping | None = None,
) -> go.Figure:
    """Cumulative energy Σ_{i≤k} σᵢ² / Σ σᵢ² of one or more spectra (given as cumulative curves).

    ``normalise_x`` plots against k/n so that matrices of different sizes compare on one axis;
    ``log_x`` puts k on a log axis; ``styles`` overrides a curve's trace settings by its name.
    """
    traces = []
    for name, curve in curves.items():
        values = np.asarray(curve, dtype=float)
        x = np.arange(1, values.size + 1)
        trace = {
            "type": "scatter",
            "x": x / values.size if normalise_x else x,
            "y": values * 100,
            "mode": "lines+markers" if values.size <= 40 else "lines",
            "name": name,
            "hovertemplate": "%{x:.3g}: %{y:.2f}%<extra>" + name + "</extra>",
        }
        traces.append(merged(trace, (styles or {}).get(name)))
    frame = merged(
        base_layout(title, 340),
        {
            "yaxis": {"range": [0, 101], "ticksuffix": "%", "title": {"text": y_title}},
            "xaxis": {"title": {"text": x_title}, "type": "log" if log_x else "linear"},
            "legend": {"orientation": "h", "y": -0.25},
        },
    )
    if kept is not None and not normalise_x:
        frame.update(rank_marker(kept, marker_label, log_x))
    return go.Figure(data=traces, layout=merged(frame, layout))


#: Colours that keep their meaning on both pages.
COLOURS: dict[str, str] = {
    "minilm": "#1f77b4",
    "mlp": "#2ca02c",
    "random": "#7f7f7f",
    "delta": "#d62728",
    "theory": "#bcbd22",
    "a": "#1f6feb",
    "b": "#2ca02c",
    "full": "#ff7f0e",
}


def finished(fig: go.Figure, title: str, height: int) -> go.Figure:
    """``fig`` with its title wrapped, ``height``, the page font and the legend under the plot."""
    fig.update_layout(
        **titled(title, {"l": 10, "r": 10, "t": 60, "b": 10}),
        height=height,
        font=FONT,
        legend={"orientation": "h", "y": -0.18},
    )
    return fig
