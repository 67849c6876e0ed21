"""The starts of :mod:`lowrank.lora_init` side by side, on the same task, seed and batches.

Why: /svd_meets_lora shows, for each start, that the output at step 0 is the pretrained one (a
measured gap), what stays frozen (W, or PiSSA's and OLoRA's residual), the loss curves, and the
spectrum of the update W′ − W after training. For the zero starts that update is s·A×B (rank ≤ r);
for the residual starts it is s·(A×B − A₀×B₀), a difference of two rank-r products (rank ≤ 2r).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from lowrank.finetune import MLP, Array, DigitTask, Progress
from lowrank.lora import LoRAConfig, LoRAModel
from lowrank.lora_checks import start_check
from lowrank.lora_init import STARTS
from lowrank.lora_training import train_lora


@dataclass(frozen=True)
class StartResult:
    """One start's run: its step-0 gap, how far the frozen weight is from W, curves, spectra."""

    start: str
    gap: float  #: max |logits at step 0 − pretrained logits| over every test image
    frozen_shift: float  #: max |frozen weight − W| over the adapted layers (0: W itself)
    losses: Array  #: training loss of every step
    accuracy: float  #: on the new digits' test images after training
    old_accuracy: float  #: on the pretraining digits' test images after training
    update_sv: dict[int, Array]  #: singular values of W′ − W per adapted layer, descending


def update(model: LoRAModel, base: MLP, layer: int) -> Array:
    """W′ − W of one adapted layer: the merged weight minus the pretrained one."""
    return model.adapters[layer].merge() - base.weights[layer]


def run_start(base: MLP, task: DigitTask, config: LoRAConfig) -> StartResult:
    """Train from ``config.init`` and measure what the page shows of it."""
    check = start_check(base, task, config)
    run = train_lora(base, task, config, every=config.steps)
    model = run.model
    shift = max(float(np.abs(a.weight - base.weights[i]).max()) for i, a in model.adapters.items())
    spectra = {}
    for i in model.adapters:
        sv = np.asarray(np.linalg.svd(update(model, base, i), compute_uv=False), dtype=np.float64)
        sv.setflags(write=False)
        spectra[i] = sv
    return StartResult(
        config.init,
        check.max_gap,
        shift,
        run.losses,
        run.final_accuracy,
        model.accuracy(task.x_pre_test, task.y_pre_test),
        spectra,
    )


def compare_starts(
    base: MLP,
    task: DigitTask,
    config: LoRAConfig,
    starts: Sequence[str] = STARTS,
    *,
    progress: Progress = None,
) -> list[StartResult]:
    """:func:`run_start` for each start, every other setting (seed, batches, rank, α) equal."""
    results = []
    for j, start in enumerate(starts):
        results.append(run_start(base, task, replace(config, init=start)))
        if progress is not None:
            progress((j + 1) / len(starts))
    return results


def window_means(losses: Array, window: int) -> tuple[Array, Array]:
    """The mean loss of each run of ``window`` steps, at the window's last step (1-based): a
    smoother curve than single batches; a last, shorter window is kept."""
    starts = np.arange(0, len(losses), window)
    ends = np.minimum(starts + window, len(losses))
    means = np.array([losses[a:b].mean() for a, b in zip(starts, ends, strict=True)])
    return ends, means


def curves_csv(results: Sequence[StartResult]) -> str:
    """step, then the training loss of every step for each start."""
    header = ",".join(["step", *(f"loss_{r.start}" for r in results)])
    rows = [
        ",".join([str(step), *(f"{r.losses[step - 1]:.6f}" for r in results)])
        for step in range(1, len(results[0].losses) + 1)
    ]
    return "\n".join([header, *rows]) + "\n"
