"""Plotly figure builders shared by the pages. They return figures, so tests can inspect them.

Labels are passed in already translated: the core knows no language.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

#: Heatmaps up to this many cells per side print their numbers in each cell.
ANNOTATE_MAX_SIDE = 16
DIVERGING = "RdBu_r"
FONT = {"family": "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"}


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.0, "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        font=FONT,
    )
    return fig


def matrix_heatmap(
    matrix: np.ndarray,
    title: str,
    *,
    decimals: int = 2,
    scale: float | None = None,
    height: int | None = None,
) -> go.Figure:
    """A diverging heatmap centred on 0, rows top to bottom, numbers shown for small matrices.

    ``scale`` fixes the colour range to ±scale so that several heatmaps share one colour meaning.
    """
    values = np.asarray(matrix, dtype=float)
    rows, cols = values.shape
    limit = scale if scale is not None else float(np.max(np.abs(values), initial=0.0)) or 1.0
    annotate = max(rows, cols) <= ANNOTATE_MAX_SIDE
    heatmap = go.Heatmap(
        z=values,
        x=list(range(1, cols + 1)),
        y=list(range(1, rows + 1)),
        zmin=-limit,
        zmax=limit,
        colorscale=DIVERGING,
        showscale=False,
        text=np.round(values, decimals) if annotate else None,
        texttemplate=f"%{{z:.{decimals}f}}" if annotate else None,
        hovertemplate="(%{y}, %{x}) = %{z:.4g}<extra></extra>",
        xgap=1,
        ygap=1,
    )
    fig = go.Figure(heatmap)
    fig.update_yaxes(autorange="reversed", showticklabels=annotate, dtick=1, scaleanchor="x")
    fig.update_xaxes(showticklabels=annotate, dtick=1, side="top")
    cell = 34 if annotate else 6
    return _layout(fig, title, height or min(520, 60 + cell * rows))


def singular_value_bars(
    s: np.ndarray, title: str, kept: int | None = None, label: str = "σ"
) -> go.Figure:
    """Singular values as bars; the first ``kept`` (those rank k keeps) are highlighted."""
    values = np.asarray(s, dtype=float)
    index = np.arange(1, values.size + 1)
    colours = ["#1f77b4" if kept is None or i <= kept else "#c7c7c7" for i in index]
    fig = go.Figure(
        go.Bar(
            x=index,
            y=values,
            marker_color=colours,
            name=label,
            hovertemplate=f"{label}%{{x}} = %{{y:.4g}}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text="i", dtick=1 if values.size <= 30 else None)
    return _layout(fig, title, 300)


def cumulative_energy_chart(
    curves: Mapping[str, np.ndarray],
    title: str,
    *,
    kept: int | None = None,
    x_title: str = "k",
    y_title: str = "",
    normalise_x: bool = False,
    marker_label: str = "k",
) -> go.Figure:
    """Cumulative energy Σ_{i≤k} σᵢ² / Σ σᵢ² of one or more spectra (given as cumulative curves).

    ``normalise_x`` plots against k/n so that matrices of different sizes compare on one axis.
    """
    fig = go.Figure()
    for name, curve in curves.items():
        values = np.asarray(curve, dtype=float)
        x = np.arange(1, values.size + 1)
        fig.add_trace(
            go.Scatter(
                x=x / values.size if normalise_x else x,
                y=values * 100,
                mode="lines+markers" if values.size <= 40 else "lines",
                name=name,
                hovertemplate="%{x:.3g}: %{y:.2f}%<extra>" + name + "</extra>",
            )
        )
    if kept is not None and not normalise_x:
        fig.add_vline(
            x=kept,
            line_dash="dash",
            line_color="#d62728",
            annotation_text=f"{marker_label} = {kept}",
            annotation_position="bottom right",
        )
    fig.update_yaxes(range=[0, 101], ticksuffix="%", title_text=y_title)
    fig.update_xaxes(title_text=x_title)
    fig.update_layout(legend={"orientation": "h", "y": -0.25})
    return _layout(fig, title, 340)
