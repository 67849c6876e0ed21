"""The charts of /parameters: numbers stored against r for a d×k ΔW (:func:`cost_chart`) and
training memory against LoRA's rank (:func:`memory_chart`), both block charts that the browser's
renderer draws with the slider's rank marked, and every model's trainable share, a Plotly figure
that no slider changes (:func:`shares_figure`, its labels passed in translated).

Every number drawn is computed in :mod:`lowrank.models` and :mod:`lowrank.memory`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from lowrank import i18n, models
from lowrank.memory import full_finetune_memory, lora_memory
from lowrank.views.block import Chart, Level, Line, Series
from lowrank.views.figures import COLOURS, finished


def _count_unit(top: float) -> tuple[float, str]:
    """The unit the cost chart's y axis counts in (1, a thousand or a million numbers), so that
    its ticks have at most four digits, and the catalogue key of the axis title that says so."""
    if top < 10_000:
        return 1.0, "s2.par.cost_y"
    if top < 10_000_000:
        return 1e3, "par.cost_y_thousands"
    return 1e6, "par.cost_y_millions"


def cost_chart(d: int, k: int, lang: str) -> Chart:
    """Numbers stored against r for a d×k ΔW: A + B's r(d + k) through every stop of the r
    slider (from r = 0), the full d·k as a level, the break-even rank dk/(d + k) where the two
    meet as a dotted line, and the slider's r marked, with a text alternative at every stop."""
    ranks = models.rank_options(d, k)
    x = (0, *ranks)
    cost = models.cost_curve(d, k, x)
    full = models.full_cost(d, k)
    unit, y_title = _count_unit(float(cost[-1]))  # r = min(d, k) costs more than d·k
    value = f"{models.break_even_rank(d, k):.1f}"

    def t(key: str, **fields: object) -> str:
        return i18n.t(key, lang, **fields)

    first, last = f"{cost[1]:,}", f"{cost[-1]:,}"
    return Chart(
        t("s2.par.cost_title", value=value),
        t("s2.par.cost_x"),
        t(y_title),
        (
            Series(
                t("s2.par.cost_lora"),
                tuple(float(r) for r in x),
                tuple(float(c) / unit for c in cost),
                COLOURS["a"],
                hover=tuple(f"r = {r}: {c:,}" for r, c in zip(x, cost, strict=True)),
            ),
        ),
        mark=tuple(float(r) for r in ranks),
        alts=tuple(
            t(
                "par.cost_alt",
                first=first,
                top=ranks[-1],
                last=last,
                full=f"{full:,}",
                value=value,
                r=r,
                lora=f"{c:,}",
            )
            for r, c in zip(ranks, cost[1:], strict=True)
        ),
        lines=(Line(models.break_even_rank(d, k), "", BREAK_EVEN_COLOUR),),
        levels=(Level(full / unit, t("par.cost_level", full=f"{full:,}"), COLOURS["full"]),),
        mark_labels=tuple(t("par.cost_mark", r=r) for r in ranks),
    )


#: The break-even rank's dotted line, and the colours of the memory chart: LoRA's curve, the
#: frozen weights, and full fine-tuning's weights + gradients and its total (text in them is
#: dark enough to read on white).
BREAK_EVEN_COLOUR = "#444444"
MEMORY_COLOURS = {"lora": COLOURS["a"], "frozen": "#7f7f7f", "gradients": "#b35806",
                  "full": "#d62728"}  # fmt: skip


def memory_chart(
    model_key: str,
    targets: Sequence[str],
    precision: str,
    lang: str,
    ranks: Sequence[int] = models.LORA_RANKS,
) -> Chart:
    """Training memory in GB against LoRA's rank (a log axis through the slider's stops):
    LoRA's total (the frozen weights, plus A and B with their gradients and Adam state) and the
    frozen weights alone as curves; full fine-tuning's weights + gradients and its total (Adam
    state too) as levels, on an axis from 0 with room above; the slider's rank marked."""
    model = models.MODELS[model_key]
    full = full_finetune_memory(model, precision)
    lora = [lora_memory(model, targets, r, precision).total for r in ranks]
    xs = tuple(float(r) for r in ranks)

    def t(key: str, **fields: object) -> str:
        return i18n.t(key, lang, **fields)

    frozen = t("par.memory_frozen")
    weights = models.human_bytes(full.weights)
    curves = (
        Series(
            t("s2.par.lora"),
            xs,
            tuple(total / 1e9 for total in lora),
            MEMORY_COLOURS["lora"],
            hover=tuple(
                f"r = {r}: {models.human_bytes(b)}" for r, b in zip(ranks, lora, strict=True)
            ),
        ),
        Series(
            frozen,
            xs,
            (full.weights / 1e9,) * len(ranks),
            MEMORY_COLOURS["frozen"],
            dash=True,
            hover=(t("par.memory_frozen_hover", value=weights),) * len(ranks),
        ),
    )
    with_gradients = full.weights + full.gradients
    levels = (
        Level(with_gradients / 1e9, t("par.memory_level_gradients",
              value=models.human_bytes(with_gradients)), MEMORY_COLOURS["gradients"]),
        Level(full.total / 1e9, t("par.memory_level_full", value=models.human_bytes(full.total)),
              MEMORY_COLOURS["full"]),
    )  # fmt: skip
    shown = [models.human_bytes(b) for b in lora]
    return Chart(
        t("par.memory_chart_title"),
        t("s2.par.rank"),
        t("par.memory_y"),
        curves,
        mark=xs,
        alts=tuple(
            t(
                "par.memory_alt",
                low=shown[0],
                first=ranks[0],
                high=shown[-1],
                last=ranks[-1],
                weights=weights,
                full=models.human_bytes(full.total),
                r=r,
                value=value,
            )
            for r, value in zip(ranks, shown, strict=True)
        ),
        levels=levels,
        mark_labels=tuple(
            t("par.memory_mark_label", r=r, value=value)
            for r, value in zip(ranks, shown, strict=True)
        ),
        y_range=(0.0, MEMORY_HEADROOM * full.total / 1e9),
        log_x=True,
        x_ticks=xs,
    )


#: The memory axis runs to this multiple of full fine-tuning's total, so that the mark's label
#: at the top of the chart never meets the level's label.
MEMORY_HEADROOM = 1.25


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
