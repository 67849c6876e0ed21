"""Plotly figures of the photograph page: the spectrum and the energy kept, per colour channel.

Labels arrive translated; the figures are returned so tests can inspect them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from lowrank.figures import FONT, cumulative_energy_chart
from lowrank.image import ImageSVD, energy_curves

#: Line colours: red, green and blue channels, then the whole picture (or the grey channel).
CHANNEL_COLOURS: tuple[str, ...] = ("#d62728", "#2ca02c", "#1f77b4")
ALL_COLOUR = "#444444"
#: Singular values below σ₁ × this are shown at the bottom edge of the log axis (numerically 0).
LOG_FLOOR = 1e-8


def _channel_series(
    decomposition: ImageSVD, channel_names: Sequence[str], all_name: str
) -> list[tuple[str, str]]:
    """(name, colour) per channel: R, G, B in colour; the single grey channel is the whole."""
    if decomposition.colour:
        return list(zip(channel_names, CHANNEL_COLOURS, strict=True))
    return [(all_name, ALL_COLOUR)]


def _mark_rank(fig: go.Figure, k: int, label: str, log_x: bool = False) -> None:
    """A dashed line at x = k with its label (annotations on a log axis take log₁₀ of x)."""
    fig.add_vline(x=k, line_dash="dash", line_color="#d62728")
    fig.add_annotation(
        x=float(np.log10(k)) if log_x else k,
        y=1,
        yref="paper",
        text=f"{label} = {k}",
        showarrow=False,
        xanchor="left",
        yanchor="top",
        font={"color": "#d62728"},
    )


def spectrum_figure(
    decomposition: ImageSVD,
    k: int,
    *,
    title: str,
    channel_names: Sequence[str],
    all_name: str,
    y_title: str,
    marker_label: str = "k",
) -> go.Figure:
    """σᵢ of every channel on a log axis, with the rank k marked: the cliff or the plateau."""
    fig = go.Figure()
    series = _channel_series(decomposition, channel_names, all_name)
    for (name, colour), svd in zip(series, decomposition.channels, strict=True):
        s = np.asarray(svd.s, dtype=float)
        x = np.arange(1, s.size + 1)
        fig.add_trace(
            go.Scatter(
                x=x,
                y=np.maximum(s, s[0] * LOG_FLOOR) if s[0] > 0 else s,
                mode="lines",
                name=name,
                line={"color": colour, "width": 2},
                customdata=s,
                hovertemplate="σ%{x} = %{customdata:.4g}<extra>" + name + "</extra>",
            )
        )
    _mark_rank(fig, k, marker_label)
    fig.update_yaxes(type="log", title_text=y_title, exponentformat="power")
    fig.update_xaxes(title_text="i")
    fig.update_layout(
        title={"text": title, "x": 0.0, "font": {"size": 15}},
        height=340,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        font=FONT,
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


def energy_figure(
    decomposition: ImageSVD,
    k: int,
    *,
    title: str,
    channel_names: Sequence[str],
    all_name: str,
    y_title: str,
    marker_label: str = "k",
    x_note: str = "",
) -> go.Figure:
    """Cumulative energy kept at every rank, per channel and for the whole picture, k marked.

    The k axis is logarithmic; ``x_note`` (e.g. "log scale") is added to its title.
    """
    series = _channel_series(decomposition, channel_names, all_name)
    if decomposition.colour:
        series.append((all_name, ALL_COLOUR))
    curves = energy_curves(decomposition)[: len(series)]  # grey: its channel is the whole
    named = {name: curve for (name, _), curve in zip(series, curves, strict=True)}
    fig = cumulative_energy_chart(named, title, y_title=y_title)
    for trace, (name, colour) in zip(fig.data, series, strict=True):
        trace.line.color = colour
        trace.line.width = 3 if name == all_name else 1.5
    # Rank 1 alone keeps most of a picture's energy and the rest comes within the first tens of
    # ranks: show the range the curves climb, on a log axis of k so every decade gets room.
    bottom = 5 * np.floor(20 * float(curves[:, 0].min()))
    fig.update_yaxes(range=[min(bottom, 95.0), 100.5])
    x_title = f"{marker_label} ({x_note})" if x_note else marker_label
    fig.update_xaxes(type="log", title_text=x_title)
    _mark_rank(fig, k, marker_label, log_x=True)
    return fig
