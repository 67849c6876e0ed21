"""What the training page proves about LoRA adapters, each as a number it can show.

Why: the note claims W stays frozen, the zero start leaves the pretrained model unchanged, ΔW has
rank at most r and merging changes nothing but rounding; the page measures each claim on the real
run instead of asserting it. Letters as in :mod:`lowrank.lora`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from lowrank.finetune import MLP, Array, DigitTask
from lowrank.lora import LoRAConfig, LoRALinear, LoRAModel, add_lora


def checksum(a: np.ndarray) -> str:
    """Short SHA-256 of an array's bytes, shape and dtype: equal only if bit-identical."""
    h = hashlib.sha256(np.ascontiguousarray(a).tobytes())
    h.update(f"{a.shape}{a.dtype}".encode())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class StartCheck:
    """The adapted model at step 0 against the pretrained one: largest logit gap, accuracies."""

    max_gap: float
    acc_pre_digits: float
    acc_ft_digits: float


def start_check(base: MLP, task: DigitTask, config: LoRAConfig | None = None) -> StartCheck:
    """How far the freshly initialised adapters move the pretrained model before any training.

    With the zero init the gap is exactly 0; with both factors random it is not, and the model
    has lost some of what it knew before it has seen a single example.
    """
    model = add_lora(base, config)
    x = all_test_images(task)
    gap = float(np.abs(model.forward(x)[0] - base_logits(base, x)).max())
    return StartCheck(
        gap,
        model.accuracy(task.x_pre_test, task.y_pre_test),
        model.accuracy(task.x_ft_test, task.y_ft_test),
    )


def base_logits(base: MLP, x: Array) -> Array:
    """Logits of the pretrained model alone (no adapter)."""
    return LoRAModel(base).forward(x)[0]


def merge_gap(model: LoRAModel, x: Array) -> float:
    """‖merged(x) − adapter(x)‖_F / ‖adapter(x)‖_F: merging changes nothing but rounding."""
    adapted = model.forward(x)[0]
    merged = LoRAModel(model.merged()).forward(x)[0]
    return float(np.linalg.norm(merged - adapted) / np.linalg.norm(adapted))


@dataclass(frozen=True)
class DeltaCheck:
    """What the page proves about one adapter's ΔW: its rank is at most r, and how large it is."""

    singular_values: Array  #: of ΔW = s·A×B, descending
    rank: int  #: the adapter's r
    delta_norm: float  #: ‖ΔW‖_F
    weight_norm: float  #: ‖W‖_F of the frozen weight

    @property
    def tail(self) -> float:
        """The largest singular value past the r-th (0 if there is none): rounding noise, as
        rank ΔW ≤ r."""
        return float(self.singular_values[self.rank :].max(initial=0.0))


def delta_check(adapter: LoRALinear) -> DeltaCheck:
    """Singular values and Frobenius norms of an adapter's ΔW beside its frozen W."""
    delta = adapter.delta()
    return DeltaCheck(
        np.asarray(np.linalg.svd(delta, compute_uv=False), dtype=np.float64),
        adapter.rank,
        float(np.linalg.norm(delta)),
        float(np.linalg.norm(adapter.weight)),
    )


def unmerge_error(model: LoRAModel) -> float:
    """Largest |unmerge(merge(W)) − W| over the adapters: merging is undone up to rounding."""
    return max(
        float(np.abs(a.unmerge(a.merge()) - a.weight).max()) for a in model.adapters.values()
    )


def all_test_images(task: DigitTask) -> Array:
    """Every test image of both digit groups (what the merge and start checks run on)."""
    return np.vstack([task.x_pre_test, task.x_ft_test])
