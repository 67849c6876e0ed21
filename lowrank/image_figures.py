"""Plotly figures of the photograph page: the spectrum and the energy kept, per colour channel.

Labels arrive translated; the figures are returned so tests can inspect them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from lowrank.figures import base_layout, cumulative_energy_chart, merged, rank_marker
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
    traces = []
    series = _channel_series(decomposition, channel_names, all_name)
    for (name, colour), svd in zip(series, decomposition.channels, strict=True):
        s = np.asarray(svd.s, dtype=float)
        traces.append(
            {
                "type": "scatter",
                "x": np.arange(1, s.size + 1),
                "y": np.maximum(s, s[0] * LOG_FLOOR) if s[0] > 0 else s,
                "mode": "lines",
                "name": name,
                "line": {"color": colour, "width": 2},
                "customdata": s,
                "hovertemplate": "σ%{x} = %{customdata:.4g}<extra>" + name + "</extra>",
            }
        )
    layout = merged(
        base_layout(title, 340),
        {
            "yaxis": {"type": "log", "title": {"text": y_title}, "exponentformat": "power"},
            "xaxis": {"title": {"text": "i"}},
            "legend": {"orientation": "h", "y": -0.25},
            **rank_marker(k, marker_label),
        },
    )
    return go.Figure(data=traces, layout=layout)


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
    styles = {
        name: {"line": {"color": colour, "width": 3 if name == all_name else 1.5}}
        for name, colour in series
    }
    # Rank 1 alone keeps most of a picture's energy and the rest comes within the first tens of
    # ranks: show the range the curves climb, on a log axis of k so every decade gets room.
    bottom = 5 * np.floor(20 * float(curves[:, 0].min()))
    return cumulative_energy_chart(
        named,
        title,
        kept=k,
        x_title=f"{marker_label} ({x_note})" if x_note else marker_label,
        y_title=y_title,
        log_x=True,
        marker_label=marker_label,
        styles=styles,
        layout={"yaxis": {"range": [min(bottom, 95.0), 100.5]}},
    )
