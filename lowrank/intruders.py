"""Intruder dimensions: singular vectors of a fine-tuned W′ that resemble none of W's.

Why: Shuttleworth et al. (2024, "LoRA vs Full Fine-tuning: An Illusion of Equivalence") found
that LoRA's W′ = W + ΔW gains new high-ranking singular vectors, nearly orthogonal to every
singular vector of the pretrained W, while full fine-tuning mostly keeps W's; they call them
intruder dimensions and link them to forgetting. The page measures the same on its own runs.

For each of the top ``top`` left singular vectors u′ⱼ of W′ (columns of U′, in the output space),
its largest |cosine| with any left singular vector uᵢ of W: maxᵢ |u′ⱼᵀ uᵢ|. The vectors are unit
length, so the cosine is the dot product. u′ⱼ is an intruder when that maximum is below ε
(the paper's ε = 0.5 and top 10).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from lowrank.finetune import FINETUNE_LR, MLP, Array, DigitTask, Progress, accuracy
from lowrank.lora import LoRAConfig
from lowrank.lora_compare import full_finetune
from lowrank.lora_training import train_lora

TOP = 10
EPSILON = 0.5


def similarity(before: Array, after: Array, top: int = TOP) -> Array:
    """|cos| between the top ``top`` left singular vectors of ``after`` (rows) and every left
    singular vector of ``before`` (columns); shape (top, min(d, k))."""
    u_before = np.linalg.svd(before, full_matrices=False)[0]
    u_after = np.linalg.svd(after, full_matrices=False)[0][:, :top]
    return np.abs(u_after.T @ u_before)


@dataclass(frozen=True)
class Intruders:
    """Per top singular vector of W′: its best match in W (|cos|) and which of W's vectors it is."""

    best: Array  #: maxᵢ |cos(u′ⱼ, uᵢ)| for j = 1…top
    match: Array  #: the 0-based i of that maximum
    epsilon: float

    @property
    def count(self) -> int:
        """How many of the top vectors have no match of at least ε: the intruders."""
        return int((self.best < self.epsilon).sum())


def intruders(before: Array, after: Array, top: int = TOP, epsilon: float = EPSILON) -> Intruders:
    """The per-vector best matches of W′ = ``after`` against W = ``before``, and ε."""
    sim = similarity(before, after, top)
    return Intruders(sim.max(axis=1), sim.argmax(axis=1), epsilon)


@dataclass(frozen=True)
class SweepRow:
    """One method of the sweep: LoRA at rank r (None: full fine-tuning) and its learning rate,
    the similarity of layer ``layer``'s W′ to W, and the test accuracy on the new and old digits."""

    rank: int | None
    lr: float
    similarity: Array  #: (top, min(d, k)) as :func:`similarity` returns it
    found: Intruders
    accuracy: float
    old_accuracy: float


def sweep(
    base: MLP,
    task: DigitTask,
    config: LoRAConfig,
    ranks: Sequence[int],
    layer: int,
    *,
    full_lrs: Sequence[float] = (FINETUNE_LR,),
    progress: Progress = None,
) -> list[SweepRow]:
    """LoRA at each of ``ranks`` (the config's other settings), then full fine-tuning of every
    weight and bias at each of ``full_lrs`` with the same steps and batches; W′ of ``layer``
    against W."""
    rows = []
    w = base.weights[layer]
    n = len(ranks) + len(full_lrs)

    def row(rank: int | None, lr: float, model: MLP) -> SweepRow:
        after = model.weights[layer]
        return SweepRow(
            rank,
            lr,
            similarity(w, after),
            intruders(w, after),
            accuracy(model, task.x_ft_test, task.y_ft_test),
            accuracy(model, task.x_pre_test, task.y_pre_test),
        )

    for r in ranks:
        run = train_lora(base, task, replace(config, rank=r), every=config.steps)
        rows.append(row(r, config.lr, run.model.merged()))
        if progress is not None:
            progress(len(rows) / n)
    for lr in full_lrs:
        rows.append(row(None, lr, full_finetune(base, task, config, lr)))
        if progress is not None:
            progress(len(rows) / n)
    return rows
