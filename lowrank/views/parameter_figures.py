"""The charts of /parameters: numbers stored against r for a d×k ΔW (:func:`cost_chart`) and
training memory at LoRA's rank (:func:`memory_picture`, stacked bars), both drawn by the browser's
block renderer at the slider's rank, and every model's trainable share, a Plotly figure
that no slider changes (:func:`shares_figure`, its labels passed in translated).

Every number drawn is computed in :mod:`lowrank.models` and :mod:`lowrank.memory`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from lowrank import i18n, models
from lowrank.memory import Memory, full_finetune_memory, lora_memory
from lowrank.views.block import Chart, Level, Line, Picture, Series, Shape
from lowrank.views.figures import COLOURS, finished
from lowrank.views.svg_axes import linear_ticks


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
#: Weights, gradients and Adam state, the parts of a training memory bar.
MEMORY_PARTS = ("weights", "gradients", "optimizer")
MEMORY_COLOURS = dict(zip(MEMORY_PARTS, ("#9ecae1", "#fdae6b", "#d62728"), strict=True))
#: The memory picture's box (px at its natural size: narrow, so that its text stays legible when
#: a phone scales it down), its bars' height, the label size, where the bars and the axis start
#: (room for the "0 GB" centred under its tick), and the axis' end as a multiple of full
#: fine-tuning's total (room for the last tick's label).
MEMORY_WIDTH, MEMORY_HEIGHT, MEMORY_BAR, MEMORY_TEXT, MEMORY_LEFT = 440, 156, 26, 13, 16
MEMORY_HEADROOM = 1.03
_ROWS = (20.0, 70.0)  # the LoRA bar's top, then full fine-tuning's, under their labels
_AXIS_Y = _ROWS[1] + MEMORY_BAR + 6


def memory_picture(
    model_key: str,
    targets: Sequence[str],
    precision: str,
    lang: str,
    ranks: Sequence[int] = models.LORA_RANKS,
) -> Picture:
    """Training memory as two stacked bars on one GB axis, at every stop of the rank slider:
    LoRA's (the frozen model's weights, then A and B with their gradients and Adam state) and
    full fine-tuning's (every weight with its gradient and Adam state), each part in its colour
    and each bar labelled with its total. What it shows: full fine-tuning pays for a gradient
    and Adam's state on every weight, LoRA only on A and B."""
    model = models.MODELS[model_key]
    full = full_finetune_memory(model, precision)
    scale = (MEMORY_WIDTH - MEMORY_LEFT - 4) / (MEMORY_HEADROOM * full.total)

    def t(key: str, **fields: object) -> str:
        return i18n.t(key, lang, **fields)

    part_names = [t(f"s2.par.part_{part}") for part in MEMORY_PARTS]
    fixed = [*_memory_bar(full, _ROWS[1], scale), *_memory_axis(full.total, scale)]
    fixed.append(Shape.of("text", t("par.memory_full_bar", value=models.human_bytes(full.total)),
                          x=MEMORY_LEFT, y=_ROWS[1] - 6))  # fmt: skip
    for i, (name, part) in enumerate(zip(part_names, MEMORY_PARTS, strict=True)):
        x = MEMORY_LEFT + i * 140
        fixed.append(Shape.of("rect", x=x, y=MEMORY_HEIGHT - 14, width=12, height=12,
                              fill=MEMORY_COLOURS[part]))  # fmt: skip
        fixed.append(Shape.of("text", name, x=x + 18, y=MEMORY_HEIGHT - 3))
    shapes, alts = [], []
    for r in ranks:
        lora = lora_memory(model, targets, r, precision)
        value = models.human_bytes(lora.total)
        label = Shape.of(
            "text", t("par.memory_lora_bar", r=r, value=value), x=MEMORY_LEFT, y=_ROWS[0] - 6
        )
        shapes.append((*_memory_bar(lora, _ROWS[0], scale), label, *fixed))
        alts.append(
            t(
                "par.memory_alt",
                r=r,
                value=value,
                frozen=models.human_bytes(full.weights),
                full=models.human_bytes(full.total),
                **{part: models.human_bytes(getattr(full, part)) for part in MEMORY_PARTS},
            )
        )
    return Picture(
        t("s2.par.memory_title"),
        MEMORY_WIDTH,
        MEMORY_HEIGHT,
        tuple(shapes),
        tuple(alts),
        Shape.of("text", font_size=MEMORY_TEXT),
    )


def _memory_bar(memory: Memory, top: float, scale: float) -> list[Shape]:
    """One stacked bar: weights, gradients and Adam state from MEMORY_LEFT, ``scale`` px a byte."""
    shapes, x = [], float(MEMORY_LEFT)
    for part in MEMORY_PARTS:
        width = getattr(memory, part) * scale
        shapes.append(Shape.of("rect", x=x, y=top, width=width, height=MEMORY_BAR,
                               fill=MEMORY_COLOURS[part]))  # fmt: skip
        x += width
    return shapes


def _memory_axis(top_bytes: int, scale: float) -> list[Shape]:
    """The GB axis under the bars: its line and nice ticks (svg_axes), with their labels."""
    shapes = [Shape.of("line", x1=MEMORY_LEFT, x2=MEMORY_WIDTH - 4, y1=_AXIS_Y, y2=_AXIS_Y,
                       stroke="#888")]  # fmt: skip
    for tick in linear_ticks(0.0, MEMORY_HEADROOM * top_bytes / 1e9, target=4, suffix=" GB"):
        x = MEMORY_LEFT + tick.value * 1e9 * scale
        shapes.append(Shape.of("line", x1=x, x2=x, y1=_AXIS_Y, y2=_AXIS_Y + 4, stroke="#888"))
        shapes.append(Shape.of("text", tick.label, x=x, y=_AXIS_Y + 18, text_anchor="middle",
                               font_size=11))  # fmt: skip
    return shapes


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
