"""What /parameters shows at every stop of its two rank sliders, as blocks of the one renderer.

The "any size" slider (r for a d×k ΔW) changes the counts of A and B, the verdict, the
ΔW = A × B picture and the point marked on the cost chart (:func:`size_block`); the "real models"
slider (LoRA's rank) changes the module table's LoRA columns, the per-layer sum, the trainable
count and its share, the exact counts, the point marked on the memory chart, the memory and the
checkpoint (:func:`model_blocks`). Each block holds its texts, table, picture and chart at every
stop, and the browser's renderer (``lowrank/ui/block.py``) shows the slider's; the page's rerun
draws none of it. One function renders the texts at one rank (:func:`size_texts`,
:func:`model_texts`, :func:`modules_table`).

The ΔW = A × B picture is drawn by :mod:`lowrank.views.parameter_blocks`, the charts by
:mod:`lowrank.views.parameter_figures`. Every count comes from :mod:`lowrank.models`; texts come
from the catalogue in ``lang``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lowrank import formatting as fmt
from lowrank import i18n, models
from lowrank.memory import checkpoint_bytes, full_finetune_memory, lora_memory
from lowrank.views.block import Block, Metric, Sentence, Table
from lowrank.views.parameter_blocks import blocks_picture
from lowrank.views.parameter_figures import cost_chart, memory_picture
from lowrank.views.positions import Positions

# --- the "any size" section ----------------------------------------------------------------------


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


def size_block(d: int, k: int, lang: str) -> Block:
    """The "any size" section at every stop of the r slider (:func:`models.rank_options`, a
    select slider: position = index of the stop): ΔW's count and A's, B's and A + B's
    (:func:`size_texts`), the verdict, the ΔW = A × B picture and the cost chart, r marked."""
    ranks = models.rank_options(d, k)
    rows = [size_texts(d, k, r, lang) for r in ranks]
    full = f"{models.full_cost(d, k):,}"
    metrics = (
        Metric(i18n.t("s2.par.m_full", lang), (full,) * len(ranks)),
        *(
            Metric(i18n.t(f"s2.par.m_{name}", lang), tuple(row[name] for row in rows))
            for name in ("a", "b", "total")
        ),
    )
    return Block(
        Positions(0, 1, len(ranks)),
        metrics,
        (Sentence(tuple(row["verdict"] for row in rows)),),
        (cost_chart(d, k, lang),),
        pictures=(blocks_picture(d, k, ranks, lang),),
    )


# --- the "real models" section -------------------------------------------------------------------


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


def modules_table(
    model_key: str, targets: Sequence[str], r: int, lang: str
) -> tuple[tuple[str, ...], ...]:
    """The module table at LoRA rank r, header first: for every matrix of one layer its shape
    d_out×d_in, its size d_out·d_in, LoRA's r(d_in + d_out) and that as a share of the full
    size, and whether it is adapted (then its name, count and mark in **bold**: the terms of the
    per-layer sum under the table)."""
    model = models.MODELS[model_key]
    rows = models.module_table(model, targets, r)
    header = (
        i18n.t("s2.par.col_module", lang),
        i18n.t("s2.par.col_shape", lang),
        i18n.t("s2.par.col_full", lang),
        i18n.t("par.col_lora_at", lang, r=r),
        i18n.t("par.col_lora_share", lang),
        i18n.t("s2.par.col_chosen", lang),
    )
    body = []
    for row in rows:
        cells = [
            row.module,
            f"{row.d_out:,}×{row.d_in:,}",
            f"{row.full:,}",
            f"{row.lora:,}",
            fmt.percent(row.lora / row.full, 2),
            ADAPTED if row.chosen else NOT_ADAPTED,
        ]
        bold = MODULE_BOLD if row.chosen else ()
        body.append(tuple(f"**{c}**" if j in bold else c for j, c in enumerate(cells)))
    return (header, *body)


@dataclass(frozen=True)
class ModelBlocks:
    """The "real models" section's blocks, in the page's order (the rerun draws its fixed
    texts between them): the module table with the per-layer sum; the model's count, LoRA's
    trainable count, its share and how many times fewer, with the exact counts; the memory
    chart; and the memory and checkpoint sizes of full fine-tuning and LoRA."""

    table: Block
    counts: Block
    memory: Block
    memory_numbers: Block


def model_blocks(
    model_key: str,
    targets: Sequence[str],
    precision: str,
    lang: str,
    ranks: Sequence[int] = models.LORA_RANKS,
) -> ModelBlocks:
    """The "real models" section at every stop of the LoRA rank slider (a select slider over
    ``ranks``: position = index of the stop), for the chosen model, modules and precision."""
    model = models.MODELS[model_key]
    rows = [model_texts(model_key, targets, r, precision, lang) for r in ranks]
    positions = Positions(0, 1, len(ranks))
    n = len(ranks)

    def metric(key: str, name: str) -> Metric:
        return Metric(i18n.t(key, lang), tuple(row[name] for row in rows))

    def fixed(key: str, value: str) -> Metric:  # the same at every rank, beside those that move
        return Metric(i18n.t(key, lang), (value,) * n)

    total = models.model_params(model)
    full_memory = full_finetune_memory(model, precision).total
    table = Table(tuple(modules_table(model_key, targets, r, lang) for r in ranks), MODULE_ALIGN)
    return ModelBlocks(
        table=Block(
            positions,
            sentences=(Sentence(tuple(row["per_layer"] for row in rows)),),
            tables=(table,),
        ),
        counts=Block(
            positions,
            (
                fixed("s2.par.m_base", models.human_count(total)),
                metric("s2.par.m_trainable", "trainable"),
                metric("s2.par.m_share", "share"),
                metric("s2.par.m_fewer", "fewer"),
            ),
            (Sentence(tuple(row["exact"] for row in rows), caption=True),),
        ),
        memory=Block(
            positions, pictures=(memory_picture(model_key, targets, precision, lang, ranks),)
        ),
        memory_numbers=Block(
            positions,
            (
                fixed("s2.par.m_memory_full", models.human_bytes(full_memory)),
                metric("s2.par.m_memory_lora", "memory_lora"),
                fixed("s2.par.m_ckpt_full", models.human_bytes(checkpoint_bytes(total, precision))),
                metric("s2.par.m_ckpt_lora", "ckpt_lora"),
            ),
        ),
    )
