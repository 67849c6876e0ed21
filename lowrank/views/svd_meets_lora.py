"""What /svd_meets_lora shows: the starts' table and charts, the intruders, the learning-rate map.

Texts come from the catalogue through ``t`` (the page's translate function); every number is
computed by the core (:mod:`lowrank.lora_starts`, :mod:`lowrank.intruders`, :mod:`lowrank.lr_grid`)
and only written here, with :mod:`lowrank.formatting`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import plotly.graph_objects as go

from lowrank.formatting import number
from lowrank.intruders import EPSILON, SweepRow
from lowrank.lora_init import PEFT_OPTION, RESIDUAL_STARTS
from lowrank.lora_starts import StartResult, window_means
from lowrank.lr_grid import Grid
from lowrank.views.figures import FONT, titled
from lowrank.views.training import SERIES_COLOURS, line_chart

Translate = Callable[..., str]
#: Steps per point of the smoothed loss curves.
WINDOW = 10
#: Singular values of W′ − W below this are drawn at this height on the log axis (rounding noise).
SV_FLOOR = 1e-16
LORA_COLOUR, FULL_COLOUR = "#1f77b4", "#ff7f0e"
#: Ratios of best learning rates the verdict calls "close to 10×": the grid's 10× cell, not
#: its neighbours half a decade away (3.2× and 32×).
NEAR_TEN = (5.0, 20.0)


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        **titled(title, {"l": 10, "r": 10, "t": 50, "b": 10}),
        height=height,
        font=FONT,
        legend={"orientation": "h", "y": -0.3, "x": 0},
    )
    return fig


def start_rows(results: Sequence[StartResult], t: Translate) -> list[dict[str, str]]:
    """One table row per start: PEFT's option, what is frozen, the measured gaps, accuracies."""
    return [
        {
            t("sml.col.start"): t(f"sml.start.{r.start}"),
            t("sml.col.peft"): f"init_lora_weights={PEFT_OPTION[r.start]}",
            t("sml.col.frozen"): t(
                "sml.frozen.residual" if r.start in RESIDUAL_STARTS else "sml.frozen.w"
            ),
            t("sml.col.shift"): number(r.frozen_shift, 3),
            t("sml.col.gap"): number(r.gap, 3),
            t("sml.col.acc"): f"{r.accuracy:.1%}",
            t("sml.col.old"): f"{r.old_accuracy:.1%}",
        }
        for r in results
    ]


def loss_chart(results: Sequence[StartResult], t: Translate) -> go.Figure:
    """Each start's training loss, averaged over windows of WINDOW steps, on one chart."""
    series = {t(f"sml.start.{r.start}"): window_means(r.losses, WINDOW) for r in results}
    return line_chart(series, t("sml.loss.title", window=WINDOW), t("sml.step"), t("sml.loss.y"))


def update_rank(sv: np.ndarray, tol: float = 1e-9) -> int:
    """Numerical rank of W′ − W from its singular values: those above tol·σ₁."""
    return int((sv > tol * sv[0]).sum()) if sv.size and sv[0] > 0 else 0


def spectrum_chart(
    results: Sequence[StartResult], layer: int, rank: int, t: Translate
) -> go.Figure:
    """The first 3r singular values (at least 12) of layer's W′ − W per start, log axis."""
    fig = go.Figure()
    shown = max(3 * rank, 12)
    for r, colour in zip(results, SERIES_COLOURS, strict=False):
        sv = r.update_sv[layer][:shown]
        fig.add_trace(
            go.Scatter(
                x=np.arange(1, sv.size + 1),
                y=np.maximum(sv, SV_FLOOR),
                mode="lines+markers",
                name=t(f"sml.start.{r.start}"),
                line={"color": colour, "width": 2},
                customdata=sv,
                hovertemplate="σ%{x} = %{customdata:.3g}<extra></extra>",
            )
        )
    for x in (rank, 2 * rank):
        fig.add_vline(x=x + 0.5, line_dash="dot", line_color="#555")
    fig.update_yaxes(type="log", exponentformat="power", title_text="σᵢ")
    fig.update_xaxes(title_text=t("sml.spectrum.x", r=rank, r2=2 * rank))
    return _layout(fig, t("sml.spectrum.title", layer=layer + 1), 360)


def intruder_rows(rows: Sequence[SweepRow], t: Translate) -> list[dict[str, str]]:
    """One line per method: its learning rate, the intruders among the top vectors, accuracies."""
    return [
        {
            t("sml.col.method"): method_name(row.rank, t),
            t("sml.col.lr"): number(row.lr, 2),
            t("sml.col.intruders"): f"{row.found.count} / {row.found.best.size}",
            t("sml.col.lowest"): number(float(row.found.best.min()), 2),
            t("sml.col.acc"): f"{row.accuracy:.1%}",
            t("sml.col.old"): f"{row.old_accuracy:.1%}",
        }
        for row in rows
    ]


def method_name(rank: int | None, t: Translate, lr: float | None = None) -> str:
    """ "LoRA r = 4", or full fine-tuning's name (with its learning rate when given)."""
    if rank is not None:
        return f"LoRA r = {rank}"
    return t("sml.full") if lr is None else t("sml.full_at", lr=number(lr, 2))


def best_match_chart(lora: SweepRow, full: Sequence[SweepRow], t: Translate) -> go.Figure:
    """Per top singular vector of W′: its best |cos| with W's, for one LoRA rank and full
    fine-tuning at each rate, with the threshold ε (below it: an intruder, marked ✗)."""
    fig = go.Figure()
    colours = (LORA_COLOUR, FULL_COLOUR, "#2ca02c", "#9467bd")
    for row, colour in zip((lora, *full), colours, strict=False):
        best = row.found.best
        fig.add_trace(
            go.Bar(
                x=np.arange(1, best.size + 1),
                y=best,
                name=method_name(row.rank, t, row.lr),
                marker_color=colour,
                text=["✗" if b < row.found.epsilon else "" for b in best],
                textposition="outside",
                hovertemplate="j = %{x}: %{y:.2f}<extra></extra>",
            )
        )
    fig.add_hline(y=EPSILON, line_dash="dash", line_color="#d62728")
    fig.update_yaxes(range=[0, 1.1], title_text=t("sml.best.y", eps=f"{EPSILON:g}"))
    fig.update_xaxes(title_text=t("sml.best.x"), dtick=1)
    fig.update_layout(barmode="group")
    return _layout(fig, t("sml.best.title"), 400)


def grid_chart(grid: Grid, t: Translate) -> go.Figure:
    """Final loss per method (rows) and learning rate (columns); ★ marks each row's best."""
    names = [f"r = {r}" for r in grid.ranks] + [t("sml.full_short")]  # short: a phone is narrow
    losses = np.vstack([grid.lora, grid.full[None, :]])
    best = np.argmin(losses, axis=1)
    text = [
        [("★ " if j == best[i] else "") + number(v, 2) for j, v in enumerate(row)]
        for i, row in enumerate(losses)
    ]
    shown = np.log10(np.minimum(losses, 1e3))
    fig = go.Figure(
        go.Heatmap(
            z=shown,
            x=[number(lr, 2) for lr in grid.lrs],
            y=names,
            text=text,
            texttemplate="%{text}",
            colorscale="Viridis_r",
            showscale=False,
            hovertemplate="%{y} · lr %{x}: %{text}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=t("sml.grid.x"), type="category")
    fig.update_yaxes(autorange="reversed", type="category", title_text="LoRA")
    return _layout(fig, t("sml.grid.title"), 420)


def grid_verdict(grid: Grid, t: Translate) -> str:
    """What the map found, against "LoRA Without Regret": the ratio of the best rates and how
    much the best LoRA rate moves across ranks."""
    ratios = grid.ratios()
    low, high = float(ratios.min()), float(ratios.max())
    ratio = number(low, 2) if low == high else f"{number(low, 2)}–{number(high, 2)}"
    return t(
        "sml.grid.verdict",
        full=number(grid.best_full_lr(), 2),
        ratio=ratio,
        spread=number(grid.spread(), 2),
        near=t(
            "sml.grid.near" if NEAR_TEN[0] <= low and high <= NEAR_TEN[1] else "sml.grid.not_near"
        ),
        flat=t("sml.grid.flat" if grid.spread() == 1 else "sml.grid.moves"),
    )


def best_rows(grid: Grid, t: Translate) -> list[dict[str, str]]:
    """Each method's best learning rate, and LoRA's over full fine-tuning's."""
    rows = [
        {
            t("sml.col.method"): method_name(r, t),
            t("sml.col.best_lr"): number(float(lr), 2),
            t("sml.col.ratio"): number(float(ratio), 2),
        }
        for r, lr, ratio in zip(grid.ranks, grid.best_lora_lr(), grid.ratios(), strict=True)
    ]
    rows.append(
        {
            t("sml.col.method"): method_name(None, t),
            t("sml.col.best_lr"): number(grid.best_full_lr(), 2),
            t("sml.col.ratio"): "1",
        }
    )
    return rows


def _residual(results: Sequence[StartResult], residual: bool) -> list[StartResult]:
    return [r for r in results if (r.start in RESIDUAL_STARTS) == residual]


def _joined(values: Sequence[str]) -> str:
    """Distinct values in their first order, joined by commas."""
    return ", ".join(dict.fromkeys(values))


def gap_text(results: Sequence[StartResult], n_images: int, t: Translate) -> str:
    """The largest step-0 output gap of the zero starts and of the residual starts."""
    zero, residual = (max(r.gap for r in _residual(results, flag)) for flag in (False, True))
    return t("sml.starts.gap_text", n=n_images, zero=number(zero, 2), residual=number(residual, 2))


def spectrum_text(results: Sequence[StartResult], layer: int, rank: int, t: Translate) -> str:
    """The numerical rank of layer's W′ − W for the zero starts and for the residual starts."""
    zero, residual = (
        _joined([str(update_rank(r.update_sv[layer])) for r in _residual(results, flag)])
        for flag in (False, True)
    )
    return t(
        "sml.spectrum.text", layer=layer + 1, zero=zero, residual=residual, r=rank, r2=2 * rank
    )


def final_text(results: Sequence[StartResult], t: Translate) -> str:
    """Each start's mean training loss over its last WINDOW steps."""
    losses = t("sml.join").join(
        f"{t(f'sml.start.{r.start}')} {number(float(r.losses[-WINDOW:].mean()), 3)}"
        for r in results
    )
    return t("sml.starts.final", steps=len(results[0].losses), window=WINDOW, losses=losses)


def intruder_verdict(rows: Sequence[SweepRow], pre_accuracy: float, t: Translate) -> str:
    """LoRA's range of intruders and old-task accuracy over its ranks, then full fine-tuning's at
    each rate; and whether full fine-tuning at LoRA's own rate has more intruders than any rank."""
    lora = [row for row in rows if row.rank is not None]
    full = [row for row in rows if row.rank is None]
    counts = [row.found.count for row in lora]
    olds = [row.old_accuracy for row in lora]
    parts = t("sml.join").join(
        t(
            "sml.intr.full_part",
            count=row.found.count,
            lr=number(row.lr, 2),
            old=f"{row.old_accuracy:.1%}",
        )
        for row in full
    )
    text = t(
        "sml.intr.verdict",
        lora_lr=number(lora[0].lr, 2),
        lora_low=min(counts),
        lora_high=max(counts),
        old_low=f"{min(olds):.1%}",
        old_high=f"{max(olds):.1%}",
        full=parts,
        pre=f"{pre_accuracy:.1%}",
    )
    same = [row for row in full if row.lr == lora[0].lr]
    if same:
        key = (
            "sml.intr.same_more" if same[0].found.count > max(counts) else "sml.intr.same_not_more"
        )
        text += " " + t(key, lr=number(lora[0].lr, 2))
    return text
