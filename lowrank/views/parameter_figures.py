"""The charts of /parameters, the same at every rank (the browser marks the slider's): numbers
stored against r for a d×k ΔW (:func:`cost_figure`), training memory of full fine-tuning and LoRA
(:func:`memory_figure`) and every model's trainable share (:func:`shares_figure`).

Labels come in already translated; every number drawn is computed in :mod:`lowrank.models` and
:mod:`lowrank.memory`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from lowrank import models
from lowrank.memory import PRECISIONS, full_finetune_memory
from lowrank.views.figures import COLOURS, FONT, finished, titled


def cost_figure(
    d: int,
    k: int,
    *,
    title: str,
    x_title: str,
    y_title: str,
    full_label: str,
    lora_label: str,
    break_even_label: str,
) -> go.Figure:
    """Numbers stored against r: LoRA's r(d + k) and the full dk, crossing at r = dk/(d + k).

    The same for every r (the browser marks r). The line runs through the slider's stops, so
    hovering shows their counts; small sizes show a marker at each.
    """
    ranks = (0, *models.rank_options(d, k))
    cost = models.cost_curve(d, k, ranks)
    full = models.full_cost(d, k)
    top = ranks[-1]
    break_even = models.break_even_rank(d, k)
    fig = go.Figure(
        data=[
            go.Scatter(
                x=ranks,
                y=cost,
                mode="lines+markers" if len(ranks) <= 41 else "lines",
                name=lora_label,
                line={"color": COLOURS["a"]},
                hovertemplate="r=%{x}: %{y:,}<extra></extra>",
            ),
            go.Scatter(
                x=[0, top],
                y=[full, full],
                mode="lines",
                name=full_label,
                line={"color": COLOURS["full"], "dash": "dash"},
                hovertemplate=f"d·k = {full:,}<extra></extra>",
            ),
        ],
        layout={
            **titled(title, {"l": 10, "r": 10, "t": 60, "b": 10}),
            "height": 360,
            "font": FONT,
            "legend": {"orientation": "h", "y": -0.18},
            "xaxis": {"title": {"text": x_title}, "range": [0, top * 1.02 + 0.1]},
            "yaxis": {"title": {"text": y_title}, "rangemode": "tozero"},
            "shapes": [
                {
                    "type": "line",
                    "x0": break_even,
                    "x1": break_even,
                    "xref": "x",
                    "y0": 0,
                    "y1": 1,
                    "yref": "paper",
                    "line": {"dash": "dot", "color": "#444"},
                }
            ],
            "annotations": [
                {
                    "x": break_even,
                    "xref": "x",
                    "y": 1,
                    "yref": "paper",
                    "text": break_even_label,
                    "showarrow": False,
                    "xanchor": "right" if break_even > top / 2 else "left",
                    "yanchor": "top",
                }
            ],
        },
    )
    return fig


#: Which bar of the memory chart is LoRA's (categories count from the bottom).
LORA_BAR = 1


def memory_figure(
    model_key: str,
    precision: str,
    *,
    title: str,
    full_label: str,
    lora_label: str,
    part_labels: Sequence[str],
    frozen_label: str,
    unit: str,
) -> go.Figure:
    """Stacked bars in GB: full fine-tuning's weights, gradients and Adam state, and LoRA's
    frozen weights. The same at every rank: LoRA's total at rank r (the frozen weights plus
    A and B, their gradients and Adam state) is marked by the browser (:func:`model_follow`),
    on an axis fixed to full fine-tuning's total, which LoRA's never exceeds."""
    model = models.MODELS[model_key]
    full = full_finetune_memory(model, precision)
    frozen = models.model_params(model) * PRECISIONS[precision].weight
    palette = ("#9ecae1", "#fdae6b", "#d62728")
    parts = (full.weights, full.gradients, full.optimizer)
    bars = [
        go.Bar(
            # categories are placed in order from the bottom: full fine-tuning, then LoRA
            y=[full_label, lora_label] if i == 0 else [full_label],
            x=[value / 1e9, frozen / 1e9] if i == 0 else [value / 1e9],
            orientation="h",
            name=label,
            marker_color=colour,
            customdata=[label, frozen_label] if i == 0 else [label],
            hovertemplate=f"%{{x:,.2f}} {unit}<extra>%{{customdata}}</extra>",
        )
        for i, (value, label, colour) in enumerate(zip(parts, part_labels, palette, strict=True))
    ]
    return go.Figure(
        data=bars,
        layout={
            **titled(title, {"l": 10, "r": 10, "t": 60, "b": 10}),
            "height": 260,
            "font": FONT,
            "legend": {"orientation": "h", "y": -0.18, "traceorder": "normal"},
            "barmode": "stack",
            # the unit on the ticks: as an axis title it ran into the legend on a phone
            "xaxis": {"ticksuffix": f" {unit}", "range": [0, full.total / 1e9 * 1.04]},
        },
    )


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
    return finished(fig, title, 460)
