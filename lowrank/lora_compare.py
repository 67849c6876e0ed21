"""LoRA at several ranks against full fine-tuning of every weight, and the verdict on them.

Why: the note says LoRA trains a small share of the numbers and still matches full fine-tuning;
the page measures both on the same task, steps and batches, and states which rank is enough.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from lowrank.finetune import FINETUNE_LR, MLP, DigitTask, Progress, accuracy, train
from lowrank.lora import LoRAConfig
from lowrank.lora_training import train_lora

COMPARE_RANKS: tuple[int, ...] = (1, 2, 4, 8, 16)
#: LoRA "matches" full fine-tuning when its test accuracy is at most this far below it (3 points).
MATCH_MARGIN = 0.03


@dataclass(frozen=True)
class ComparisonRow:
    """One line of the comparison: rank r (None for full fine-tuning), test accuracy on the new
    digits and on the pretraining digits (what was kept), trainable numbers and wall time."""

    rank: int | None
    accuracy: float
    old_accuracy: float
    trainable: int
    seconds: float


def full_finetune(base: MLP, task: DigitTask, config: LoRAConfig, lr: float) -> MLP:
    """Full fine-tuning at ``lr`` on the batches LoRA with ``config`` sees (same steps, batch
    size and batch order: LoRA's batches use seed + 1), so the two compare on equal terms."""
    full, _ = train(
        base,
        task.x_ft_train,
        task.y_ft_train,
        steps=config.steps,
        lr=lr,
        batch_size=config.batch_size,
        seed=config.seed + 1,
    )
    return full


def compare(
    base: MLP,
    task: DigitTask,
    config: LoRAConfig | None = None,
    ranks: Sequence[int] = COMPARE_RANKS,
    *,
    progress: Progress = None,
) -> list[ComparisonRow]:
    """LoRA at each rank, then full fine-tuning of every weight and bias, same steps and batches.

    LoRA keeps the config's settings but its rank and start: each of ``ranks``, from the zero
    start (the comparison is of ranks, not of starts). Full fine-tuning uses pretraining's
    learning rate (FINETUNE_LR, Adam); with seed 0, LoRA's would end within 1.5 points of it on
    every task (tests/unit/test_training_claims.py).
    """
    config = LoRAConfig() if config is None else config
    rows = []
    n = len(ranks) + 1
    for j, r in enumerate(ranks):
        run = train_lora(base, task, replace(config, rank=r, init="zero"), every=config.steps)
        old = run.model.accuracy(task.x_pre_test, task.y_pre_test)
        rows.append(ComparisonRow(r, run.final_accuracy, old, run.model.n_trainable, run.seconds))
        if progress is not None:
            progress((j + 1) / n)
    start = time.perf_counter()
    full = full_finetune(base, task, config, FINETUNE_LR)
    seconds = time.perf_counter() - start
    rows.append(
        ComparisonRow(
            None,
            accuracy(full, task.x_ft_test, task.y_ft_test),
            accuracy(full, task.x_pre_test, task.y_pre_test),
            base.n_params,
            seconds,
        )
    )
    if progress is not None:
        progress(1.0)
    return rows


def matching_rank(rows: Sequence[ComparisonRow]) -> ComparisonRow:
    """The LoRA row the page's verdict names: the first (smallest rank) whose accuracy is within
    :data:`MATCH_MARGIN` of full fine-tuning's, else the most accurate LoRA row.

    ``rows`` as :func:`compare` returns them: LoRA by ascending rank, full fine-tuning last.
    """
    *lora_rows, full = rows
    close = [row for row in lora_rows if row.accuracy >= full.accuracy - MATCH_MARGIN]
    return close[0] if close else max(lora_rows, key=lambda row: row.accuracy)
