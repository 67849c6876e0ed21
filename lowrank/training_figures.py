"""Plotly figures for the LoRA training page. They return figures, so tests can inspect them.

Labels come in already translated (the core knows no language); numbers come from lowrank.lora.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lowrank.figures import DIVERGING, FONT
from lowrank.lora import ComparisonRow

FROZEN_GREY = [[0.0, "#5f6368"], [0.5, "#f1f3f4"], [1.0, "#5f6368"]]
LOSS_COLOUR = "#d62728"
SERIES_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e")
ACC_COLOUR = "#1f77b4"
#: Singular values below this are drawn at this height on the log axis (they are rounding noise).
LOG_FLOOR = 1e-17


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.0, "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        font=FONT,
    )
    return fig


def _heat(matrix: np.ndarray, *, grey: bool = False) -> go.Heatmap:
    # float32 is plenty for colours and halves what a live update sends to the browser
    values = np.asarray(matrix, dtype=np.float32)
    top = float(np.max(np.abs(values), initial=0.0)) or 1.0
    return go.Heatmap(
        z=values,
        zmin=-top,
        zmax=top,
        colorscale=FROZEN_GREY if grey else DIVERGING,
        showscale=False,
        hovertemplate="(%{y}, %{x}) = %{z:.3g}<extra></extra>",
    )


def factor_grid(
    a: np.ndarray, b: np.ndarray, delta: np.ndarray, titles: Mapping[str, str], title: str
) -> go.Figure:
    """ΔW = A×B laid out like a matrix product: B (r×k) above ΔW, A (d×r) to its left.

    Each entry of ΔW lines up with the row of A and the column of B that make it. `titles` holds
    the keys "A", "B" and "delta". Each matrix has its own colour range centred on 0.
    """
    fig = make_subplots(
        rows=2,
        cols=2,
        column_widths=[0.16, 0.84],
        row_heights=[0.18, 0.82],
        horizontal_spacing=0.03,
        vertical_spacing=0.08,
        specs=[[None, {}], [{}, {}]],
        subplot_titles=(titles["B"], titles["A"], titles["delta"]),
    )
    fig.add_trace(_heat(b), row=1, col=2)
    fig.add_trace(_heat(a), row=2, col=1)
    fig.add_trace(_heat(delta), row=2, col=2)
    fig.update_yaxes(autorange="reversed", showticklabels=False)
    fig.update_xaxes(showticklabels=False)
    for ann in fig.layout.annotations:
        ann.font = {"size": 12}
    return _layout(fig, title, 430 if delta.shape[0] > 16 else 300)


def frozen_heatmap(weight: np.ndarray, title: str) -> go.Figure:
    """The frozen W in grey: it never changes, so it is drawn once."""
    fig = go.Figure(_heat(weight, grey=True))
    fig.update_yaxes(autorange="reversed", showticklabels=False)
    fig.update_xaxes(showticklabels=False)
    return _layout(fig, title, 430 if weight.shape[0] > 16 else 300)


def curves(
    points: Sequence[tuple[int, float, float]],
    total_steps: int,
    labels: Mapping[str, str],
    step_losses: np.ndarray | None = None,
    marker_step: int | None = None,
) -> go.Figure:
    """Training loss and test accuracy against the step, side by side.

    `points` are (step, loss, accuracy) of the snapshots, drawn as they arrive during a live run;
    `step_losses` (the loss of every single batch) is added faintly once the run is over, and
    `marker_step` marks a replayed step. The step axis spans the whole run, so a live curve grows
    from left to right. `labels` holds "loss", "batch_loss", "accuracy", "step" and "title".
    """
    fig = make_subplots(
        rows=1, cols=2, subplot_titles=(labels["loss"], labels["accuracy"]), horizontal_spacing=0.1
    )
    if step_losses is not None:
        fig.add_trace(
            go.Scatter(
                x=np.arange(1, len(step_losses) + 1),
                y=step_losses,
                mode="lines",
                name=labels["batch_loss"],
                opacity=0.3,
                line={"color": LOSS_COLOUR, "width": 1},
            ),
            row=1,
            col=1,
        )
    steps = [p[0] for p in points]
    fig.add_trace(
        go.Scatter(
            x=steps,
            y=[p[1] for p in points],
            mode="lines+markers",
            name=labels["loss"],
            line={"color": LOSS_COLOUR, "width": 2.5},
            marker={"size": 5},
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=steps,
            y=[p[2] * 100 for p in points],
            mode="lines+markers",
            name=labels["accuracy"],
            line={"color": ACC_COLOUR, "width": 2.5},
            marker={"size": 5},
        ),
        row=1,
        col=2,
    )
    if marker_step is not None:
        fig.add_vline(x=marker_step, line_dash="dot", line_color="#555", row="all", col="all")
    fig.update_xaxes(range=[0, total_steps], title_text=labels["step"])
    fig.update_yaxes(rangemode="tozero", row=1, col=1)
    fig.update_yaxes(range=[0, 101], ticksuffix="%", row=1, col=2)
    fig.update_layout(legend={"orientation": "h", "y": -0.3, "x": 0})
    return _layout(fig, labels["title"], 340)


def singular_values_log(s: np.ndarray, rank: int, title: str, rank_label: str) -> go.Figure:
    """Singular values of ΔW on a log axis: r of them carry it, the rest are rounding noise."""
    values = np.asarray(s, dtype=float)
    index = np.arange(1, values.size + 1)
    shown = np.maximum(values, LOG_FLOOR)
    colours = ["#1f77b4" if i <= rank else "#c7c7c7" for i in index]
    fig = go.Figure(
        go.Bar(
            x=index,
            y=shown,
            marker_color=colours,
            customdata=values,
            hovertemplate="σ%{x} = %{customdata:.3g}<extra></extra>",
        )
    )
    fig.add_vline(
        x=rank + 0.5,
        line_dash="dash",
        line_color="#d62728",
        annotation_text=rank_label,
        annotation_position="top right",
    )
    fig.update_yaxes(type="log", exponentformat="power")
    fig.update_xaxes(title_text="i", range=[0.5, min(values.size, max(3 * rank, 12)) + 0.5])
    return _layout(fig, title, 300)


def comparison_chart(rows: Sequence[ComparisonRow], labels: Mapping[str, str]) -> go.Figure:
    """Accuracy against trainable numbers (log axis): LoRA ranks as a line, full fine-tuning a star.

    `labels` holds "lora", "full", "x", "y" and "title".
    """
    lora_rows = [row for row in rows if row.rank is not None]
    full = [row for row in rows if row.rank is None]
    fig = go.Figure(
        go.Scatter(
            x=[row.trainable for row in lora_rows],
            y=[row.accuracy * 100 for row in lora_rows],
            text=[f"r={row.rank}" for row in lora_rows],
            mode="lines+markers+text",
            textposition="bottom right",
            name=labels["lora"],
            marker={"size": 9, "color": ACC_COLOUR},
            hovertemplate="%{text}: %{y:.1f}% · %{x:,}<extra></extra>",
        )
    )
    for row in full:
        fig.add_trace(
            go.Scatter(
                x=[row.trainable],
                y=[row.accuracy * 100],
                mode="markers+text",
                text=[labels["full"]],
                textposition="bottom left",
                name=labels["full"],
                marker={"size": 16, "symbol": "star", "color": LOSS_COLOUR},
                hovertemplate="%{text}: %{y:.1f}% · %{x:,}<extra></extra>",
            )
        )
    low = min(row.accuracy for row in rows) * 100
    fig.update_xaxes(type="log", title_text=labels["x"])
    fig.update_yaxes(title_text=labels["y"], ticksuffix="%", range=[max(0, low - 10), 101])
    fig.update_layout(legend={"orientation": "h", "y": -0.3, "x": 0})
    return _layout(fig, labels["title"], 360)


def line_chart(
    series: Mapping[str, tuple[np.ndarray, np.ndarray]],
    title: str,
    x_title: str,
    y_title: str,
    *,
    percent: bool = False,
) -> go.Figure:
    """Several named curves (x, y) on one chart: the α and the initialisation comparisons."""
    fig = go.Figure()
    for (name, (x, y)), colour in zip(series.items(), SERIES_COLOURS, strict=False):
        values = np.asarray(y, dtype=float) * (100 if percent else 1)
        fig.add_trace(
            go.Scatter(x=x, y=values, mode="lines", name=name, line={"width": 2.5, "color": colour})
        )
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)
    if percent:
        fig.update_yaxes(range=[0, 101], ticksuffix="%")
    fig.update_layout(legend={"orientation": "h", "y": -0.3, "x": 0})
    return _layout(fig, title, 330)


def lora_diagram(d: int, k: int, r: int, scale_text: str, labels: Mapping[str, str]) -> go.Figure:
    """The note's picture: x runs through the frozen W and, beside it, through B then A; both add.

    `labels` holds "frozen", "trained", "zero", "random" and "title"; `scale_text` is the
    factor on the side path ("×α/r = 2"); sizes are printed on the boxes.
    """
    fig = go.Figure()

    def box(x0: float, x1: float, y0: float, y1: float, fill: str, text: str) -> None:
        fig.add_shape(
            type="rect",
            x0=x0,
            x1=x1,
            y0=y0,
            y1=y1,
            fillcolor=fill,
            line={"color": "#444", "width": 1.5},
            layer="below",
        )
        fig.add_annotation(
            x=(x0 + x1) / 2, y=(y0 + y1) / 2, text=text, showarrow=False, font={"size": 13}
        )

    def arrow(x0: float, y0: float, x1: float, y1: float) -> None:
        fig.add_annotation(
            x=x1,
            y=y1,
            ax=x0,
            ay=y0,
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            showarrow=True,
            arrowhead=2,
            arrowwidth=1.5,
            arrowcolor="#444",
            text="",
        )

    box(0.0, 0.9, 1.6, 2.4, "#ffffff", f"x<br>{k}")
    box(1.6, 5.2, 2.6, 4.0, "#dadce0", f"<b>W</b>  {d}×{k}<br>{labels['frozen']} 🔒")
    box(1.6, 3.2, 0.0, 1.4, "#fde2c6", f"<b>B</b>  {r}×{k}<br>{labels['random']}")
    box(3.6, 5.2, 0.0, 1.4, "#cfe3f7", f"<b>A</b>  {d}×{r}<br>{labels['zero']}")
    box(5.6, 6.9, 0.35, 1.05, "#ffffff", scale_text)
    box(7.3, 7.9, 1.7, 2.3, "#ffffff", "+")
    box(8.4, 9.3, 1.6, 2.4, "#ffffff", f"h<br>{d}")
    arrow(0.9, 2.1, 1.6, 3.3)
    arrow(0.9, 1.9, 1.6, 0.7)
    arrow(3.2, 0.7, 3.6, 0.7)
    arrow(5.2, 0.7, 5.6, 0.7)
    arrow(5.2, 3.3, 7.3, 2.1)
    arrow(6.9, 0.7, 7.3, 1.9)
    arrow(7.9, 2.0, 8.4, 2.0)
    fig.add_annotation(
        x=3.4,
        y=-0.35,
        text=labels["trained"],
        showarrow=False,
        font={"size": 12, "color": "#b35900"},
    )
    fig.update_xaxes(visible=False, range=[-0.1, 9.4])
    fig.update_yaxes(visible=False, range=[-0.7, 4.2])
    fig.update_layout(plot_bgcolor="white", showlegend=False)
    return _layout(fig, labels["title"], 300)
