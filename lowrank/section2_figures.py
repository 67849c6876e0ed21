"""Plotly figures for the note's section 2 (why ΔW, parameter counts). They return figures.

Labels come in already translated; every number drawn is computed in :mod:`lowrank.spectra` or
:mod:`lowrank.models`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lowrank import models
from lowrank.figures import FONT
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
#: Matrices whose sides are at most this many cells are drawn cell by cell.
CELL_GRID_MAX = 24
#: Larger matrices are drawn to scale, the longest side this many units long...
LARGE_SIDE = 8.0
#: ...and no side thinner than this (in the same units).
MIN_SIDE = 0.45


def _finish(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.0, "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
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


def spectra_figure(
    curves: Sequence[Curve],
    *,
    title: str,
    left_title: str,
    right_title: str,
    x_title: str,
    share_label: str,
) -> go.Figure:
    """σᵢ/σ₁ (left) and cumulative energy (right) against i/n; the right panel marks the 90% line.

    The same figure for every rank k: the page's browser marks k on it (``lowrank.why_views``).
    """
    fig = make_subplots(
        rows=1, cols=2, subplot_titles=(left_title, right_title), horizontal_spacing=0.08
    )
    for curve in curves:
        sp = curve.spectrum
        x = sp.positions()
        line = {"color": curve.colour, "dash": "dash" if curve.dashed else "solid", "width": 2}
        for col, y, fmt in ((1, sp.normalised(), ".3f"), (2, sp.cumulative() * 100, ".1f")):
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=y,
                    mode="lines",
                    line=line,
                    name=curve.label,
                    legendgroup=curve.label,
                    showlegend=col == 1,
                    customdata=np.arange(1, sp.n + 1),
                    hovertemplate=f"i=%{{customdata}} (i/n=%{{x:.3f}}): %{{y:{fmt}}}"
                    f"<extra>{curve.label}</extra>",
                ),
                row=1,
                col=col,
            )
    fig.add_hline(
        y=TARGET_SHARE * 100,
        line_dash="dot",
        line_color="#444",
        row=1,
        col=2,
        annotation_text=share_label,
        annotation_position="bottom right",
    )
    fig.update_xaxes(title_text=x_title, range=[0, 1.01])
    fig.update_yaxes(range=[0, 1.02], row=1, col=1)
    fig.update_yaxes(range=[0, 101], ticksuffix="%", row=1, col=2)
    return _finish(fig, title, 440)


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


def _block(
    x0: float,
    rows: int,
    cols: int,
    cell: float,
    colour: str,
    label: str,
    grid: bool,
    shapes: list[dict],
    annotations: list[dict],
) -> float:
    """Add a rows×cols matrix drawn as a block from x0 (top at y = 0, its label underneath) to
    ``shapes`` and ``annotations``; return its right edge. Thin sides get a minimum thickness so
    a rank-8 factor of a 4096-wide matrix stays visible."""
    width, height = max(cols * cell, MIN_SIDE), max(rows * cell, MIN_SIDE)
    shapes.append(
        {
            "type": "rect",
            "x0": x0,
            "x1": x0 + width,
            "y0": 0,
            "y1": -height,
            "fillcolor": colour,
            "opacity": 0.35,
            "line": {"color": colour, "width": 2},
        }
    )
    if grid:
        thin = {"color": colour, "width": 1}
        shapes += [
            {
                "type": "line",
                "x0": x0,
                "x1": x0 + width,
                "y0": -i * cell,
                "y1": -i * cell,
                "line": thin,
            }
            for i in range(1, rows)
        ]
        shapes += [
            {
                "type": "line",
                "x0": x0 + j * cell,
                "x1": x0 + j * cell,
                "y0": 0,
                "y1": -height,
                "line": thin,
            }
            for j in range(1, cols)
        ]
    annotations.append(
        {
            "x": x0 + width / 2,
            "y": -height,
            "yshift": -6,
            "text": label,
            "showarrow": False,
            "yanchor": "top",
            "font": {"size": 13},
        }
    )
    return x0 + width


def blocks_figure(
    d: int, k: int, r: int, *, title: str, delta_label: str, a_label: str, b_label: str
) -> go.Figure:
    """ΔW (d×k) = A (d×r) × B (r×k) drawn as blocks; cell by cell when every side is small,
    else to scale with the longest side LARGE_SIDE units long.

    Labels may use ``{rows}``, ``{cols}`` and ``{count}``; they are filled in here. The shapes
    are collected first and the figure built once: one add_shape per grid line cost 1.6 s at
    12×12 (Plotly re-validates the figure on every call).
    """
    grid = max(d, k, r) <= CELL_GRID_MAX
    cell = 1.0 if grid else LARGE_SIDE / max(d, k)
    gap = 2.2 if grid else 4.0
    a_count, b_count = models.factor_costs(d, k, r)
    tallest = max(d * cell, MIN_SIDE)
    shapes: list[dict] = []
    annotations: list[dict] = []
    x = _block(
        0.0,
        d,
        k,
        cell,
        COLOURS["full"],
        delta_label.format(rows=d, cols=k, count=models.full_cost(d, k)),
        grid,
        shapes,
        annotations,
    )
    for sign, (rows, cols, count, label, colour) in zip(
        ("=", "×"),
        ((d, r, a_count, a_label, COLOURS["a"]), (r, k, b_count, b_label, COLOURS["b"])),
        strict=True,
    ):
        annotations.append(
            {
                "x": x + gap / 2,
                "y": -tallest / 2,
                "text": sign,
                "showarrow": False,
                "font": {"size": 26},
            }
        )
        x = _block(
            x + gap,
            rows,
            cols,
            cell,
            colour,
            label.format(rows=rows, cols=cols, count=count),
            grid,
            shapes,
            annotations,
        )
    label_room = 0.45 * tallest + 1.5
    fig = go.Figure(
        layout={
            "shapes": shapes,
            "annotations": annotations,
            "xaxis": {"visible": False, "range": [-0.8, x + 0.8]},
            "yaxis": {"visible": False, "range": [-tallest - label_room, 0.5], "scaleanchor": "x"},
            "plot_bgcolor": "white",
            "showlegend": False,
        }
    )
    return _finish(fig, title, 380)


def cost_figure(
    d: int,
    k: int,
    r: int,
    *,
    title: str,
    x_title: str,
    y_title: str,
    full_label: str,
    lora_label: str,
    break_even_label: str,
) -> go.Figure:
    """Numbers stored against r: LoRA's r(d + k) and the full dk, crossing at r = dk/(d + k)."""
    ranks = np.arange(0, min(d, k) + 1)
    cost = models.cost_curve(d, k, ranks)
    full = models.full_cost(d, k)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=ranks,
            y=cost,
            mode="lines+markers" if ranks.size <= 40 else "lines",
            name=lora_label,
            line={"color": COLOURS["a"]},
            hovertemplate="r=%{x}: %{y:,}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[0, ranks[-1]],
            y=[full, full],
            mode="lines",
            name=full_label,
            line={"color": COLOURS["full"], "dash": "dash"},
            hovertemplate=f"d·k = {full:,}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[r],
            y=[int(cost[r])],
            mode="markers",
            showlegend=False,
            marker={"size": 12, "color": COLOURS["a"]},
            hovertemplate="r=%{x}: %{y:,}<extra></extra>",
        )
    )
    break_even = models.break_even_rank(d, k)
    fig.add_vline(
        x=break_even,
        line_dash="dot",
        line_color="#444",
        annotation_text=break_even_label,
        annotation_position="top left" if break_even > ranks[-1] / 2 else "top right",
    )
    fig.update_xaxes(title_text=x_title, range=[0, ranks[-1] * 1.02 + 0.1])
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    return _finish(fig, title, 360)


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


def memory_figure(
    full: models.Memory,
    lora: models.Memory,
    *,
    title: str,
    full_label: str,
    lora_label: str,
    part_labels: Sequence[str],
    unit: str,
) -> go.Figure:
    """Stacked bars: weights, gradients and optimizer state (GB) for full fine-tuning and LoRA."""
    fig = go.Figure()
    parts = ("weights", "gradients", "optimizer")
    palette = ("#9ecae1", "#fdae6b", "#d62728")
    for part, label, colour in zip(parts, part_labels, palette, strict=True):
        values = [getattr(full, part) / 1e9, getattr(lora, part) / 1e9]
        fig.add_trace(
            go.Bar(
                y=[full_label, lora_label],
                x=values,
                orientation="h",
                name=label,
                marker_color=colour,
                hovertemplate=f"%{{x:,.2f}} {unit}<extra>{label}</extra>",
            )
        )
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    fig.update_xaxes(title_text=unit, rangemode="tozero")
    return _finish(fig, title, 260)
