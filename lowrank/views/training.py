"""Plotly figures and rank texts for the LoRA training page, returned so tests can inspect them.

Labels come in already translated (the core knows no language); numbers come from lowrank.lora.
What the rank slider changes at the top of the page (the sizes of B and A, the scale, the trained
numbers) is text, given for every rank at once (:func:`rank_blocks`) so the browser's block
renderer (lowrank/ui/block.py) shows it while the slider moves; the note's diagram itself writes
r as a letter and does not change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from lowrank.finetune import MLP
from lowrank.lora import budget, scaling
from lowrank.lora_compare import ComparisonRow
from lowrank.views.block import Block, Sentence
from lowrank.views.figures import FONT, titled
from lowrank.views.positions import Positions

LOSS_COLOUR = "#d62728"
SERIES_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e")
ACC_COLOUR = "#1f77b4"
#: Singular values below this are drawn at this height on the log axis (they are rounding noise).
LOG_FLOOR = 1e-17


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        **titled(title, {"l": 10, "r": 10, "t": 50, "b": 10}),
        height=height,
        font=FONT,
    )
    return fig


def _colours(matrix: np.ndarray, grey: bool) -> np.ndarray:
    """uint8 RGB per entry, scaled to the largest |value|: blue < 0 < red, or grey for |value|."""
    values = np.asarray(matrix, dtype=float)
    top = float(np.max(np.abs(values), initial=0.0)) or 1.0
    v = np.clip(values / top, -1.0, 1.0)[..., None]
    white = np.array([247.0, 247.0, 247.0])
    if grey:
        end = np.array([95.0, 99.0, 104.0])
    else:
        end = np.where(v > 0, np.array([178.0, 24.0, 43.0]), np.array([33.0, 102.0, 172.0]))
    return np.round(white + np.abs(v) * (end - white)).astype(np.uint8)


def cell_size(d: int, k: int) -> int:
    """Pixels per entry so that a d×k matrix is about 512 pixels on its long side."""
    return max(2, min(24, 512 // max(d, k)))


def matrix_image(matrix: np.ndarray, *, grey: bool = False) -> np.ndarray:
    """A matrix as an RGB picture (uint8), one cell_size block per entry, rows top to bottom."""
    cell = cell_size(*matrix.shape)
    return np.repeat(np.repeat(_colours(matrix, grey), cell, axis=0), cell, axis=1)


def factor_grid_image(a: np.ndarray, b: np.ndarray, delta: np.ndarray) -> np.ndarray:
    """ΔW = A×B laid out like a matrix product, as one RGB picture (uint8).

    B (r×k) sits above ΔW and A (d×r) to its left, so each entry of ΔW lines up with the row of A
    and the column of B that make it. Each matrix has its own colour scale centred on 0 (blue < 0
    < red). The r columns of A and rows of B are at least 40 pixels thick in all, so even r = 1
    stays visible. A picture, not a chart: it is cheap to send many times while training runs.
    """
    d, r = a.shape
    k = b.shape[1]
    cell = cell_size(d, k)
    thick = max(cell, -(-40 // r))
    gap = 8
    a_px = np.repeat(np.repeat(_colours(a, False), cell, axis=0), thick, axis=1)
    b_px = np.repeat(np.repeat(_colours(b, False), thick, axis=0), cell, axis=1)
    top = left = r * thick + gap
    picture = np.full((top + d * cell, left + k * cell, 3), 255, dtype=np.uint8)
    picture[: r * thick, left:] = b_px
    picture[top:, : r * thick] = a_px
    picture[top:, left:] = matrix_image(delta)
    return picture


def curves(
    points: Sequence[tuple[int, float, float]],
    total_steps: int,
    labels: Mapping[str, str],
    step_losses: np.ndarray | None = None,
    marker_step: int | None = None,
) -> tuple[go.Figure, go.Figure]:
    """Training loss and test accuracy against the step: two charts, which the page sets side by
    side on a wide screen and one above the other on a phone (two subplots' titles collided).

    `points` are (step, loss, accuracy) of the snapshots, drawn as they arrive during a live run;
    `step_losses` (the loss of every single batch) is added faintly once the run is over, and
    `marker_step` marks a replayed step. The step axis spans the whole run, so a live curve grows
    from left to right. `labels` holds "loss", "batch_loss", "accuracy" and "step".
    """
    steps = [p[0] for p in points]
    loss = go.Figure()
    if step_losses is not None:
        loss.add_trace(
            go.Scatter(
                x=np.arange(1, len(step_losses) + 1),
                y=step_losses,
                mode="lines",
                name=labels["batch_loss"],
                opacity=0.3,
                line={"color": LOSS_COLOUR, "width": 1},
            )
        )
    loss.add_trace(
        go.Scatter(
            x=steps,
            y=[p[1] for p in points],
            mode="lines+markers",
            name=labels["loss"],
            line={"color": LOSS_COLOUR, "width": 2.5},
            marker={"size": 5},
        )
    )
    loss.update_yaxes(rangemode="tozero")
    accuracy = go.Figure(
        go.Scatter(
            x=steps,
            y=[p[2] * 100 for p in points],
            mode="lines+markers",
            name=labels["accuracy"],
            line={"color": ACC_COLOUR, "width": 2.5},
            marker={"size": 5},
        )
    )
    accuracy.update_yaxes(range=[0, 101], ticksuffix="%")
    for fig, title in ((loss, labels["loss"]), (accuracy, labels["accuracy"])):
        if marker_step is not None:
            fig.add_vline(x=marker_step, line_dash="dot", line_color="#555")
        fig.update_xaxes(range=[0, total_steps], title_text=labels["step"])
        fig.update_layout(legend={"orientation": "h", "y": -0.3, "x": 0}, showlegend=fig is loss)
        _layout(fig, title, 320)
    return loss, accuracy


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


def lora_diagram(d: int, k: int, scale_text: str, labels: Mapping[str, str]) -> go.Figure:
    """The note's picture: x runs through the frozen W and, beside it, through B then A; both add.

    `labels` holds "frozen", "trained", "zero", "random" and "title"; `scale_text` is the
    factor on the side path ("× α/r", :func:`scale_symbol`). Sizes are printed on the boxes, with
    the rank as the letter r (B r×k, A d×r): the same picture for every r, whose numbers the
    caption under it gives (:func:`rank_texts`).
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
            x=(x0 + x1) / 2,
            y=(y0 + y1) / 2,
            text=text,
            showarrow=False,
            font={"size": 13, "color": "#202124"},
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

    box(0.0, 0.8, 1.6, 2.4, "#ffffff", f"x<br>{k}")
    box(1.3, 5.5, 2.7, 3.9, "#dadce0", f"<b>W</b>  {d}×{k}<br>{labels['frozen']} 🔒")
    box(1.3, 3.2, 0.5, 1.5, "#fde2c6", f"<b>B</b><br>r×{k}")
    box(3.6, 5.5, 0.5, 1.5, "#cfe3f7", f"<b>A</b><br>{d}×r")
    box(5.85, 7.45, 0.65, 1.35, "#ffffff", scale_text)
    box(7.8, 8.35, 1.72, 2.28, "#ffffff", "+")
    box(8.8, 9.7, 1.6, 2.4, "#ffffff", f"h<br>{d}")
    arrow(0.8, 2.1, 1.3, 3.3)
    arrow(0.8, 1.9, 1.3, 1.0)
    arrow(3.2, 1.0, 3.6, 1.0)
    arrow(5.5, 1.0, 5.85, 1.0)
    arrow(5.5, 3.3, 7.8, 2.1)
    arrow(7.45, 1.0, 7.8, 1.9)
    arrow(8.35, 2.0, 8.8, 2.0)
    for x, text in ((2.25, labels["random"]), (4.55, labels["zero"])):
        fig.add_annotation(x=x, y=0.22, text=text, showarrow=False, font={"size": 12})
    fig.add_annotation(
        x=3.4,
        y=-0.3,
        text=labels["trained"],
        showarrow=False,
        font={"size": 12, "color": "#b35900"},
    )
    fig.update_xaxes(visible=False, range=[-0.1, 9.8])
    fig.update_yaxes(visible=False, range=[-0.55, 4.1])
    fig.update_layout(plot_bgcolor="white", showlegend=False)
    return _layout(fig, labels["title"], 300)


def scale_symbol(rslora: bool) -> str:
    """The factor in front of A×B in letters: α/r, or α/√r with rsLoRA."""
    return "α/√r" if rslora else "α/r"


def scale_worked(alpha: float, rank: int, rslora: bool) -> str:
    """The factor at one rank, worked out: "α/r = 8/4 = 2" (rsLoRA: "α/√r = 8/√4 = 4")."""
    root = "√" if rslora else ""
    return f"{scale_symbol(rslora)} = {alpha:g}/{root}{rank} = {scaling(alpha, rank, rslora):.3g}"


def rank_texts(
    base: MLP,
    layers: Sequence[int],
    shown: int,
    rank: int,
    alpha: float,
    rslora: bool,
    t: Callable[..., str],
) -> dict[str, str]:
    """What the rank changes at the top of the training page, at one rank (``t`` translates).

    "shapes": the caption under the note's diagram, the sizes of B (r×k) and A (d×r) of the shown
    layer (0-based ``shown``, W being d×k) and the scale at this r; "budget": the numbers LoRA
    trains on ``layers`` (0-based) against full fine-tuning of those layers.
    """
    d, k = base.weights[shown].shape
    trained = budget(base, layers, rank)
    return {
        "shapes": t(
            "training.diagram.shapes", r=rank, d=d, k=k, scale=scale_worked(alpha, rank, rslora)
        ),
        "budget": t(
            "training.budget",
            lora=f"{trained.lora:,}",
            full=f"{trained.full:,}",
            share=f"{trained.share:.1%}",
            total=f"{base.n_params:,}",
        ),
    }


def rank_blocks(
    base: MLP,
    layers: Sequence[int],
    shown: int,
    ranks: Sequence[int],
    alpha: float,
    rslora: bool,
    t: Callable[..., str],
) -> dict[str, Block]:
    """:func:`rank_texts` at every rank of the rank slider (an ``st.select_slider`` over
    ``ranks``, so its positions are the option indices 0…len(ranks) − 1), one block per text:
    the budget line, and the caption under the diagram ("shapes")."""
    rows = [rank_texts(base, layers, shown, r, alpha, rslora, t) for r in ranks]
    positions = Positions(0, 1, len(ranks))
    return {
        name: Block(positions, sentences=(Sentence(tuple(row[name] for row in rows), caption),))
        for name, caption in (("budget", False), ("shapes", True))
    }
