"""Plotly figure builders shared by the pages. They return figures, so tests can inspect them.

Labels are passed in already translated: the core knows no language. Each figure is built in one
step from plain dictionaries (``trace`` and ``layout`` let a caller add or override settings in
that same step): Plotly validates every ``update_*`` call anew, which cost about 55 ms per small
heatmap against about 19 ms built at once, and the slider path draws many of them.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

#: Heatmaps up to this many cells per side print their numbers in each cell.
ANNOTATE_MAX_SIDE = 16
DIVERGING = "RdBu_r"
FONT = {"family": "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"}
KEPT_COLOUR = "#1f77b4"
DROPPED_COLOUR = "#c7c7c7"
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


def base_layout(title: str, height: int) -> dict:
    """Title top left, small margins, a font with CJK glyphs."""
    return {
        "title": {"text": title, "x": 0.0, "font": {"size": 15}},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
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
    kept: int | None = None,
    label: str = "σ",
    trace: Mapping | None = None,
) -> go.Figure:
    """Singular values as bars; the first ``kept`` (those rank k keeps) are highlighted."""
    values = np.asarray(s, dtype=float)
    index = np.arange(1, values.size + 1)
    colours = [KEPT_COLOUR if kept is None or i <= kept else DROPPED_COLOUR for i in index]
    bars = {
        "type": "bar",
        "x": index,
        "y": values,
        "marker": {"color": colours},
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
