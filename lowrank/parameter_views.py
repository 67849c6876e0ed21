"""What /parameters shows at one rank, and what its two rank sliders change in the browser.

The "any size" slider (r for a d×k ΔW) changes the counts of A and B, the verdict, the
ΔW = A × B picture and the point marked on the cost line; the "real models" slider (LoRA's rank)
changes the module table's LoRA columns, the per-layer sum, the trainable count and its share, the
memory and the checkpoint. For each, one function renders the texts at one rank
(:func:`size_texts`, :func:`model_texts`, :func:`modules_table`):
the page draws them for the slider's value, and :func:`size_follow` / :func:`model_follow` give
them for every stop of the slider to the browser, which swaps them at once while the slider
moves (``lowrank/follow.py``). The figures here do not depend on the rank; the browser marks it.

The ΔW = A × B picture is drawn by :mod:`lowrank.parameter_blocks`, the module table's markdown
by :mod:`lowrank.markdown_table`. Every count comes from :mod:`lowrank.models`; texts come from
the catalogue in ``lang``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from lowrank import formatting as fmt
from lowrank import i18n, models
from lowrank.figures import FONT, titled
from lowrank.follow import Follow, Mark, Pictures, Positions, Texts, svg_data_url, texts_by_name
from lowrank.markdown_table import MarkdownTable, markdown_table
from lowrank.memory import PRECISIONS, checkpoint_bytes, full_finetune_memory, lora_memory
from lowrank.parameter_blocks import blocks_alt, blocks_pictures
from lowrank.section2_figures import COLOURS

# --- the "any size" section ----------------------------------------------------------------------

#: Which of :func:`size_texts` are metric values (only the value is swapped).
SIZE_VALUES = frozenset({"a", "b", "total"})


def size_texts(d: int, k: int, r: int, lang: str) -> dict[str, str]:
    """What the "any size" section writes at rank r: the counts of A, B and A + B (metric
    values) and the verdict, one sentence that says whether A + B store fewer numbers than ΔW."""
    a_count, b_count = models.factor_costs(d, k, r)
    lora, full = models.lora_matrix_params(d, k, r), models.full_cost(d, k)
    fields = {
        "r": r,
        "value": f"{models.break_even_rank(d, k):.1f}",
        "lora": f"{lora:,}",
        "full": f"{full:,}",
    }
    if lora < full:
        share = fmt.percent(models.matrix_share(d, k, r), 1)  # 99.9%, never 100.0%, below 1
        verdict = i18n.t("par.saves", lang, share=share, **fields)
    else:
        verdict = i18n.t("par.loses", lang, **fields)
    return {"a": f"{a_count:,}", "b": f"{b_count:,}", "total": f"{lora:,}", "verdict": verdict}


@dataclass(frozen=True)
class SizeView:
    """The "any size" section for one d×k: the slider's stops, and per stop its texts and
    picture (an SVG ``data:`` URL), in the order of the stops."""

    d: int
    k: int
    ranks: tuple[int, ...]
    texts: tuple[dict[str, str], ...]
    pictures: tuple[str, ...]
    alts: tuple[str, ...]

    def index(self, r: int) -> int:
        """The slider position of rank r (which must be one of the stops)."""
        return self.ranks.index(r)


def size_view(d: int, k: int, lang: str) -> SizeView:
    """Every stop of the r slider for a d×k ΔW (:func:`models.rank_options`) with its texts and
    its picture."""
    ranks = models.rank_options(d, k)
    return SizeView(
        d,
        k,
        ranks,
        tuple(size_texts(d, k, r, lang) for r in ranks),
        tuple(svg_data_url(svg) for svg in blocks_pictures(d, k, ranks)),
        tuple(blocks_alt(d, k, r, lang) for r in ranks),
    )


def size_follow(
    view: SizeView, lang: str, *, slider: str, prefix: str, picture: str, cost_chart: str
) -> Follow:
    """What the r slider (a select slider: position = index of the stop) changes: the texts of
    :func:`size_texts` in the containers ``prefix + name``, the picture in ``picture``, and the
    point (r, r(d + k)) on the cost chart."""
    costs = models.cost_curve(view.d, view.k, view.ranks)
    return Follow(
        slider,
        Positions(0, 1, len(view.ranks)),
        texts=texts_by_name(view.texts, prefix, SIZE_VALUES),
        marks=(
            Mark(
                cost_chart,
                x=tuple(float(r) for r in view.ranks),
                y=tuple(float(c) for c in costs),
                label=tuple(i18n.t("par.cost_mark", lang, r=r) for r in view.ranks),
            ),
        ),
        pictures=(Pictures(picture, view.pictures, view.alts),),
    )


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


# --- the "real models" section -------------------------------------------------------------------

#: The module table's container is ``prefix + TABLE`` (:func:`model_follow`).
TABLE = "table"
#: Which of :func:`model_texts` are metric values.
MODEL_VALUES = frozenset({"trainable", "share", "fewer", "memory_lora", "ckpt_lora"})


def model_texts(
    model_key: str, targets: Sequence[str], r: int, precision: str, lang: str
) -> dict[str, str]:
    """What the "real models" section writes at LoRA rank r for the chosen modules: the sum
    over one layer and over the layers, the trainable count, its share of the model, how many
    times fewer, the exact counts, LoRA's training memory and its checkpoint size."""
    model = models.MODELS[model_key]
    rows = [row for row in models.module_table(model, targets, r) if row.chosen]
    per_layer = sum(row.lora for row in rows)
    trainable = models.lora_params(model, targets, r)
    return {
        "per_layer": i18n.t(
            "par.per_layer",
            lang,
            r=r,
            terms=" + ".join(f"{row.module} {row.lora:,}" for row in rows),
            per_layer=f"{per_layer:,}",
            layers=model.layers,
            total=f"{trainable:,}",
        ),
        "trainable": models.human_count(trainable),
        "share": f"{models.share(model, targets, r):.4%}",
        "fewer": i18n.t(
            "s2.par.fewer_value", lang, ratio=f"{models.reduction(model, targets, r):,.0f}"
        ),
        "exact": exact_counts(model, trainable, lang),
        "memory_lora": models.human_bytes(lora_memory(model, targets, r, precision).total),
        "ckpt_lora": models.human_bytes(checkpoint_bytes(trainable, precision)),
    }


def exact_counts(model: models.ModelConfig, trainable: int, lang: str) -> str:
    """The counts in full. LoRA's is always computed, and so is the model's from its
    configuration, except GPT-3's: its configuration does not reproduce the published total, so
    that total is shown as the paper's rounded figure, with the configuration's count beside it."""
    if model.reported_params is None:
        total = models.model_params(model)
        return i18n.t("s2.par.exact", lang, total=f"{total:,}", trainable=f"{trainable:,}")
    return i18n.t(
        "s2.par.exact_reported",
        lang,
        total=f"{model.reported_params:,}",
        computed=f"{models.base_params(model):,}",
        trainable=f"{trainable:,}",
    )


#: The module table's column alignments: names left, numbers right, the adapted mark centred.
MODULE_ALIGN = ("left", "right", "right", "right", "right", "centre")
#: The columns in bold in the adapted rows: the matrix, LoRA's count (the terms of the per-layer
#: sum under the table) and the mark.
MODULE_BOLD = (0, 3, 5)
#: The adapted column's marks.
ADAPTED, NOT_ADAPTED = "✓", "—"


def modules_table(model_key: str, targets: Sequence[str], r: int, lang: str) -> MarkdownTable:
    """The module table at LoRA rank r: for every matrix of one layer its shape d_out×d_in, its
    size d_out·d_in, LoRA's r(d_in + d_out) and that as a share of the full size, and whether it
    is adapted (then its name, count and mark in bold). The page draws its markdown at the
    slider's rank and the browser swaps its text nodes for every other rank
    (:func:`model_follow`)."""
    model = models.MODELS[model_key]
    rows = models.module_table(model, targets, r)
    header = [
        i18n.t("s2.par.col_module", lang),
        i18n.t("s2.par.col_shape", lang),
        i18n.t("s2.par.col_full", lang),
        i18n.t("par.col_lora_at", lang, r=r),
        i18n.t("par.col_lora_share", lang),
        i18n.t("s2.par.col_chosen", lang),
    ]
    cells = [
        [
            row.module,
            f"{row.d_out:,}×{row.d_in:,}",
            f"{row.full:,}",
            f"{row.lora:,}",
            fmt.percent(row.lora / row.full, 2),
            ADAPTED if row.chosen else NOT_ADAPTED,
        ]
        for row in rows
    ]
    bold = {(i, j) for i, row in enumerate(rows) if row.chosen for j in MODULE_BOLD}
    return markdown_table(header, cells, MODULE_ALIGN, bold)


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


def model_follow(
    model_key: str,
    targets: Sequence[str],
    precision: str,
    lang: str,
    *,
    slider: str,
    prefix: str,
    memory_chart: str,
    ranks: Sequence[int] = models.LORA_RANKS,
) -> Follow:
    """What the LoRA rank slider (a select slider over ``ranks``) changes: the texts of
    :func:`model_texts` in the containers ``prefix + name``, the cells of :func:`modules_table`
    in ``prefix + TABLE`` and LoRA's total on the memory chart."""
    rows = [model_texts(model_key, targets, r, precision, lang) for r in ranks]
    tables = [modules_table(model_key, targets, r, lang) for r in ranks]
    model = models.MODELS[model_key]
    totals = [lora_memory(model, targets, r, precision).total / 1e9 for r in ranks]
    return Follow(
        slider,
        Positions(0, 1, len(ranks)),
        texts=(
            *texts_by_name(rows, prefix, MODEL_VALUES),
            Texts.of_nodes(prefix + TABLE, [table.nodes for table in tables]),
        ),
        marks=(Mark(memory_chart, x=tuple(totals), y=(float(LORA_BAR),) * len(ranks)),),
    )
