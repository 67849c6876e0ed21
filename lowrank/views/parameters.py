"""What /parameters shows at one rank, and what its two rank sliders change in the browser.

The "any size" slider (r for a d×k ΔW) changes the counts of A and B, the verdict, the
ΔW = A × B picture and the point marked on the cost line; the "real models" slider (LoRA's rank)
changes the module table's LoRA columns, the per-layer sum, the trainable count and its share, the
memory and the checkpoint. For each, one function renders the texts at one rank
(:func:`size_texts`, :func:`model_texts`, :func:`modules_table`):
the page draws them for the slider's value, and :func:`size_follow` / :func:`model_follow` give
them for every stop of the slider to the browser, which swaps them at once while the slider
moves (``lowrank/views/follow.py``). The figures do not depend on the rank; the browser marks it.

The ΔW = A × B picture is drawn by :mod:`lowrank.views.parameter_blocks`, the module table's
markdown by :mod:`lowrank.views.markdown_table`, the charts by
:mod:`lowrank.views.parameter_figures`. Every count comes from :mod:`lowrank.models`; texts come
from the catalogue in ``lang``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lowrank import formatting as fmt
from lowrank import i18n, models
from lowrank.memory import checkpoint_bytes, lora_memory
from lowrank.views.follow import (
    Follow,
    Mark,
    Pictures,
    Positions,
    Texts,
    svg_data_url,
    texts_by_name,
)
from lowrank.views.markdown_table import MarkdownTable, markdown_table
from lowrank.views.parameter_blocks import blocks_alt, blocks_pictures
from lowrank.views.parameter_figures import LORA_BAR

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
        share = fmt.percent(models.matrix_share(d, k, r), 1)  # "> 99.9%" below 1, never 100.0%
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
