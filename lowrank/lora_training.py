"""Training LoRA adapters on the fine-tuning digits, with snapshots a page can draw live.

Why: the page lets a student watch A and B learn while W stays bit-identical; a run reports
snapshots of the factors as it goes and returns its curves, its cost and W's checksums.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from lowrank.finetune import MLP, Adam, Array, DigitTask, Progress, batches, softmax_cross_entropy
from lowrank.lora import LoRAConfig, LoRAModel, add_lora
from lowrank.lora_checks import checksum


@dataclass(frozen=True)
class Snapshot:
    """What a page needs to redraw during training: step, loss, test accuracy, copies of A and B.

    `loss` is the mean training loss of the steps since the previous snapshot (at step 0: the loss
    on the whole training set), a smoother curve than single batches. ΔW is computed on demand
    (s·A×B), so a page can keep every snapshot of a run cheaply.
    """

    step: int
    loss: float
    accuracy: float
    A: dict[int, Array]
    B: dict[int, Array]
    scaling: float

    def delta(self, layer: int) -> Array:
        """ΔW = s·A×B of one adapted layer at this step."""
        return self.scaling * (self.A[layer] @ self.B[layer])

    def delta_max(self, layer: int) -> float:
        """max |ΔW| of one adapted layer at this step: 0 at step 0, as B or A starts at zero."""
        return float(np.max(np.abs(self.delta(layer))))


@dataclass(frozen=True)
class LoRARun:
    """A finished LoRA run: the trained model, its curves, cost and the W checksums.

    `seconds` is the wall time of the training itself, without the time spent in callbacks.
    """

    model: LoRAModel
    losses: Array
    eval_steps: NDArray[np.int64]
    eval_accuracy: Array
    seconds: float
    checksums_before: dict[int, str]
    checksums_after: dict[int, str]

    @property
    def final_accuracy(self) -> float:
        """Test accuracy on the fine-tuning digits after the last step."""
        return float(self.eval_accuracy[-1])


def snapshot(model: LoRAModel, step: int, loss: float, acc: float) -> Snapshot:
    """A Snapshot of the model's factors now: read-only copies, so training can go on and a kept
    snapshot can be shared across sessions."""
    ad = model.adapters
    a_copies = {i: _frozen_copy(a.A) for i, a in ad.items()}
    b_copies = {i: _frozen_copy(a.B) for i, a in ad.items()}
    return Snapshot(step, loss, acc, a_copies, b_copies, next(iter(ad.values())).scaling)


def _frozen_copy(a: Array) -> Array:
    copy = a.copy()
    copy.setflags(write=False)
    return copy


def train_lora(
    base: MLP,
    task: DigitTask,
    config: LoRAConfig | None = None,
    *,
    every: int = 10,
    callback: Callable[[Snapshot], None] | None = None,
    progress: Progress = None,
) -> LoRARun:
    """Adapt a frozen pretrained MLP to the fine-tuning digits by training only A and B (Adam).

    Every `every` steps (and at step 0, before any update) the test accuracy is measured and
    `callback` gets a Snapshot; `progress` gets the fraction done. Returned arrays are read-only.
    BLAS runs single-threaded (faster for matrices this small, see finetune.train).
    """
    with threadpool_limits(limits=1, user_api="blas"):
        return _train_lora(
            base, task, LoRAConfig() if config is None else config, every, callback, progress
        )


def _train_lora(
    base: MLP,
    task: DigitTask,
    config: LoRAConfig,
    every: int,
    callback: Callable[[Snapshot], None] | None,
    progress: Progress,
) -> LoRARun:
    model = add_lora(base, config)
    steps = config.steps
    sums_before = {i: checksum(base.weights[i]) for i in model.adapters}
    params = [p for a in model.adapters.values() for p in (a.A, a.B)]
    opt = Adam(params, config.lr)
    rng = np.random.default_rng(config.seed + 1)
    x, y, x_test, y_test = task.x_ft_train, task.y_ft_train, task.x_ft_test, task.y_ft_test
    losses = np.empty(steps)
    eval_steps, eval_acc = [0], [model.accuracy(x_test, y_test)]
    start = time.perf_counter()
    outside = 0.0  # time spent in the caller's callbacks, left out of the run's wall time

    def report(step: int, loss: float) -> None:
        nonlocal outside
        began = time.perf_counter()
        if callback is not None:
            callback(snapshot(model, step, loss, eval_acc[-1]))
        if progress is not None and step > 0:
            progress(step / steps)
        outside += time.perf_counter() - began

    if callback is not None:
        report(0, softmax_cross_entropy(model.forward(x)[0], y)[0])
    for step, idx in enumerate(batches(len(y), config.batch_size, steps, rng), start=1):
        losses[step - 1], grads = model.loss_and_grads(x[idx], y[idx])
        opt.step([g for i in model.adapters for g in grads[i]])
        if step % every == 0 or step == steps:
            eval_steps.append(step)
            eval_acc.append(model.accuracy(x_test, y_test))
            report(step, float(losses[eval_steps[-2] : step].mean()))
    seconds = time.perf_counter() - start - outside
    for adapter in model.adapters.values():
        adapter.A.setflags(write=False)
        adapter.B.setflags(write=False)
    arrays = (losses, np.array(eval_steps), np.array(eval_acc))
    for a in arrays:
        a.setflags(write=False)
    return LoRARun(
        model, *arrays, seconds, sums_before, {i: checksum(base.weights[i]) for i in model.adapters}
    )
