"""What fine-tuning a real model takes in bytes: weights, gradients, Adam's state, checkpoints.

Why: the parameters page compares full fine-tuning with LoRA by memory as well as by count; the
counts come from :mod:`lowrank.models`, the bytes per number from the precision. Activations and
framework overhead are not included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lowrank.models import ModelConfig, lora_params, model_params


@dataclass(frozen=True)
class Precision:
    """Bytes per parameter for weights and gradients, and for Adam's state per trainable parameter.

    Adam keeps two moments (m, v). With mixed precision the optimizer also keeps an fp32 master
    copy of each trainable weight: 4 + 4 + 4 = 12 bytes (Rajbhandari et al. 2020, ZeRO, §3.1).
    """

    weight: int
    grad: int
    adam: int


PRECISIONS: dict[str, Precision] = {
    "fp32": Precision(weight=4, grad=4, adam=8),
    "fp16": Precision(weight=2, grad=2, adam=4),
    "mixed": Precision(weight=2, grad=2, adam=12),
}


@dataclass(frozen=True)
class Memory:
    """Bytes needed during training (activations and framework overhead not included)."""

    weights: int
    gradients: int
    optimizer: int

    @property
    def total(self) -> int:
        """Weights + gradients + optimizer state."""
        return self.weights + self.gradients + self.optimizer


def training_memory(total: int, trainable: int, extra: int, precision: str) -> Memory:
    """Memory when ``trainable`` of the model's ``total`` parameters learn with Adam.

    ``extra`` counts parameters added to the model (LoRA's factors, which are also the trainable
    ones); full fine-tuning adds none and trains all ``total``.
    """
    p = PRECISIONS[precision]
    return Memory(
        weights=(total + extra) * p.weight,
        gradients=trainable * p.grad,
        optimizer=trainable * p.adam,
    )


def full_finetune_memory(model: ModelConfig, precision: str) -> Memory:
    """Full fine-tuning: every parameter has a gradient and Adam state."""
    n = model_params(model)
    return training_memory(n, n, 0, precision)


def lora_memory(model: ModelConfig, targets: Iterable[str], r: int, precision: str) -> Memory:
    """LoRA: the frozen model plus the factors; only the factors have gradients and Adam state."""
    n = lora_params(model, targets, r)
    return training_memory(model_params(model), n, n, precision)


def checkpoint_bytes(params: int, precision: str) -> int:
    """Size of a checkpoint holding ``params`` weights in the precision's weight format."""
    return int(params) * PRECISIONS[precision].weight
