"""Plotly figures for the note's section 2 (why ΔW, parameter counts). They return figures.

Labels come in already translated; every number drawn is computed in :mod:`lowrank.spectra` or
:mod:`lowrank.models`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from lowrank import models
from lowrank.figures import FONT, titled
from lowrank.spectra import TARGET_SHARE, Spectrum

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


def _finish(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        **titled(title, {"l": 10, "r": 10, "t": 60, "b": 10}),
        height=height,
        font=FONT,
        legend={"orientation": "h", "y": -0.18},
    )
    return fig


@dataclass(frozen=True)
class Curve:
    """One spectrum on the comparison chart: its legend label and colour; dashed for theory."""

    label: str
    spectrum: Spectrum
    colour: str
    dashed: bool = False


def spectra_figures(
    curves: Sequence[Curve],
    *,
    sigma_title: str,
    energy_title: str,
    x_title: str,
    share_label: str,
) -> tuple[go.Figure, go.Figure]:
    """σᵢ/σ₁ and the cumulative energy against i/n, as two charts (the page sets them side by side
    on a wide screen, one above the other on a phone); the energy chart marks the 90% line, the
    σ chart carries the legend.

    The same figures for every rank k: the page's browser marks k on them (``lowrank.why_views``).
    """
    sigma, energy = go.Figure(), go.Figure()
    for curve in curves:
        sp = curve.spectrum
        line = {"color": curve.colour, "dash": "dash" if curve.dashed else "solid", "width": 2}
        drawn = ((sigma, sp.normalised(), ".3f"), (energy, sp.cumulative() * 100, ".1f"))
        for fig, y, fmt in drawn:
            fig.add_trace(
                go.Scatter(
                    x=sp.positions(),
                    y=y,
                    mode="lines",
                    line=line,
                    name=curve.label,
                    customdata=np.arange(1, sp.n + 1),
                    hovertemplate=f"i=%{{customdata}} (i/n=%{{x:.3f}}): %{{y:{fmt}}}"
                    f"<extra>{curve.label}</extra>",
                )
            )
    energy.add_hline(
        y=TARGET_SHARE * 100,
        line_dash="dot",
        line_color="#444",
        annotation_text=share_label,
        annotation_position="bottom right",
    )
    sigma.update_yaxes(range=[0, 1.02])
    energy.update_yaxes(range=[0, 101], ticksuffix="%")
    for fig, title in ((sigma, sigma_title), (energy, energy_title)):
        fig.update_xaxes(title_text=x_title, range=[0, 1.01])
        _finish(fig, title, 440 if fig is sigma else 340)
    energy.update_layout(showlegend=False)
    return sigma, energy


def rank_ticks(top: int) -> list[int]:
    """Ticks of a log rank axis from 1 to ``top``: the powers of two, then ``top`` itself (the
    last power of two dropped when it would crowd ``top``)."""
    ticks = [2**i for i in range(int(np.log2(top)) + 1)] if top >= 1 else []
    if ticks and ticks[-1] != top:
        if top < 1.5 * ticks[-1] and len(ticks) > 1:
            ticks.pop()
        ticks.append(top)
    return ticks


def accuracy_figure(
    ks: np.ndarray,
    curves: Mapping[str, np.ndarray],
    references: Mapping[str, float],
    *,
    title: str,
    x_title: str,
    y_title: str,
) -> go.Figure:
    """Accuracy (%) against the rank k ≥ 1 of the truncated ΔW, reference levels as lines.

    The rank axis is logarithmic: the first few ranks, where the curve rises, get room, and every
    rank up to the last is on screen, so the browser can mark any k on this one figure. Rank 0
    (ΔW dropped) has no place on it; it stays in the CSV.
    """
    ks = np.asarray(ks)
    shown = ks >= 1
    fig = go.Figure()
    palette = [COLOURS["delta"], COLOURS["minilm"], COLOURS["mlp"]]
    for (label, acc), colour in zip(curves.items(), palette, strict=False):
        values = np.asarray(acc, dtype=float)[shown] * 100
        fig.add_trace(
            go.Scatter(
                x=ks[shown],
                y=values,
                mode="lines+markers",
                name=label,
                line={"color": colour},
                marker={"size": 4},
                hovertemplate=f"k=%{{x}}: %{{y:.1f}}%<extra>{label}</extra>",
            )
        )
    for label, value in references.items():
        fig.add_hline(
            y=value * 100,
            line_dash="dot",
            line_color="#555",
            annotation_text=f"{label}: {value * 100:.1f}%",
            annotation_position="bottom right" if value > 0.5 else "top right",
        )
    top = int(ks[-1])
    ticks = rank_ticks(top)
    fig.update_xaxes(
        title_text=x_title,
        type="log",
        range=[np.log10(0.8), np.log10(max(top, 1) * 1.25)],
        tickvals=ticks,
        ticktext=[str(tick) for tick in ticks],
    )
    fig.update_yaxes(title_text=y_title, range=[-2, 104], ticksuffix="%")
    return _finish(fig, title, 380)


def shares_figure(
    rows: Sequence[models.ShareRow],
    *,
    model_names: Mapping[str, str],
    set_names: Mapping[str, str],
    band: tuple[float, float],
    band_label: str,
    title: str,
    x_title: str,
) -> go.Figure:
    """Every model × targets × rank share (%) on a log axis, one row per model with the target
    sets side by side, and the note's band shaded."""
    fig = go.Figure()
    fig.add_vrect(
        x0=band[0] * 100, x1=band[1] * 100, fillcolor="#ffdd57", opacity=0.3, line_width=0
    )
    fig.add_annotation(
        x=np.log10(np.sqrt(band[0] * band[1]) * 100),
        y=1.0,
        yref="paper",
        yanchor="bottom",
        text=band_label,
        showarrow=False,
    )
    order = {key: i for i, key in enumerate(model_names)}
    symbols = ["circle", "diamond", "square"]
    offsets = np.linspace(-0.25, 0.25, len(set_names))
    for (set_key, set_name), symbol, offset in zip(
        set_names.items(), symbols, offsets, strict=False
    ):
        chosen = [row for row in rows if row.target_set == set_key]
        fig.add_trace(
            go.Scatter(
                x=[row.share * 100 for row in chosen],
                y=[order[row.model] + offset for row in chosen],
                mode="markers+text",
                name=set_name,
                marker={"symbol": symbol, "size": 9},
                text=[str(row.r) for row in chosen],
                textposition="middle right",
                textfont={"size": 9},
                customdata=[[model_names[row.model], row.r, row.trainable] for row in chosen],
                hovertemplate="%{customdata[0]}, r=%{customdata[1]}: %{customdata[2]:,} = "
                "%{x:.4f}%<extra>" + set_name + "</extra>",
            )
        )
    fig.update_xaxes(type="log", title_text=x_title, ticksuffix="%", dtick=1, tickformat="~g")
    fig.update_yaxes(
        tickvals=list(order.values()),
        ticktext=list(model_names.values()),
        autorange="reversed",
        showgrid=False,
    )
    return _finish(fig, title, 460)
