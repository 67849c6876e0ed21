"""LoRA in numpy: a frozen weight W plus a trained low-rank update, on the MLP of finetune.py.

Why: the app lets a student watch LoRA train for real — W stays bit-identical, only two small
factors learn, and their product ΔW grows from zero — and compare it with full fine-tuning.

Letters follow the study note: ΔW = A×B with A of shape d×r and B of shape r×k, where W is d×k
(d outputs, k inputs). Layers compute ``h = x @ W.T + b`` (W stored (out, in), as in PyTorch), so
for one input column h = W x + (α/r)·A B x. The LoRA paper (Hu et al., 2021) and PEFT write the same
product with the letters swapped:

    note A (d×r, zero at start)   = paper B (d×r, zero init)   = PEFT lora_B.weight (out, r)
    note B (r×k, random at start) = paper A (r×k, random init) = PEFT lora_A.weight (r, in)

The output-side factor starts at zero, so ΔW = 0 and the adapted model equals the pretrained one
at step 0; the input-side factor starts random, so gradients flow into the zero factor at once.

This module is the adapter itself and its settings; training it is :mod:`lowrank.lora_training`,
what the page proves about it :mod:`lowrank.lora_checks`, the comparison with full fine-tuning
:mod:`lowrank.lora_compare` and the downloads :mod:`lowrank.lora_export`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from lowrank.finetune import BATCH_SIZE, MLP, Array, softmax_cross_entropy
from lowrank.lora_init import STARTS, start_factors
from lowrank.models import lora_matrix_params

DEFAULT_RANK = 4
DEFAULT_ALPHA = 8.0
DEFAULT_LR = 1e-2
DEFAULT_STEPS = 300
DEFAULT_LAYERS: tuple[int, ...] = (0, 1, 2)
INITS = ("zero", "random")


@dataclass(frozen=True)
class LoRAConfig:
    """Everything a LoRA adapter and its training run depend on, with the page's defaults.

    Why one type: adding the adapters, checking their start and training them take the same
    settings, and the page keys its caches by them. Plain values only, so it hashes and compares
    by content; ``layers`` is kept sorted and without repeats, so equal choices are equal keys.
    """

    layers: tuple[int, ...] = DEFAULT_LAYERS  #: adapted layers, 0-based
    rank: int = DEFAULT_RANK  #: r, the inner size of A×B
    alpha: float = DEFAULT_ALPHA  #: α in the scale α/r (or α/√r)
    rslora: bool = False  #: scale by α/√r instead of α/r
    init: str = "zero"  #: how A starts: one of INITS, or of lora_init.STARTS (/svd_meets_lora)
    seed: int = 0  #: of the factors' start; the batch order uses seed + 1
    lr: float = DEFAULT_LR  #: Adam's learning rate for A and B
    steps: int = DEFAULT_STEPS  #: training steps (mini-batches)
    batch_size: int = BATCH_SIZE  #: images per step

    def __post_init__(self) -> None:
        object.__setattr__(self, "layers", tuple(sorted(set(self.layers))))


def scaling(alpha: float, rank: int, rslora: bool = False) -> float:
    """The factor in front of A×B: α/r (LoRA), or α/√r (rsLoRA, Kalajdzievski 2023)."""
    return alpha / np.sqrt(rank) if rslora else alpha / rank


@dataclass
class LoRALinear:
    """A linear layer h = x @ W.T + b + s·(x @ B.T) @ A.T with W and b frozen (read-only).

    W: (d, k) = (out, in); A: (d, r); B: (r, k); s = α/r, or α/√r with rsLoRA.
    """

    weight: Array
    bias: Array
    A: Array
    B: Array
    alpha: float
    rslora: bool = False

    @classmethod
    def create(
        cls,
        weight: Array,
        bias: Array,
        rank: int,
        alpha: float,
        *,
        rslora: bool = False,
        init: str = "zero",
        rng: np.random.Generator | None = None,
    ) -> LoRALinear:
        """Wrap a frozen W. B (r×k) starts uniform in ±1/√k (PEFT's default for its lora_A);
        A (d×r) starts at zero, or, with init="random", uniform in ±1/√r like B (to show why
        that is worse: ΔW ≠ 0 at step 0, so the pretrained model is disturbed before any data).
        The starts of :mod:`lowrank.lora_init` (PiSSA and OLoRA freeze a residual instead of W)
        are taken from there."""
        if init not in INITS and init not in STARTS:
            raise ValueError(f"init must be one of {INITS + STARTS}, not {init!r}")
        if rank < 1:
            raise ValueError("rank must be at least 1")
        rng = np.random.default_rng(0) if rng is None else rng
        if init in STARTS:
            start = start_factors(weight, rank, scaling(alpha, rank, rslora), init, rng)
            frozen, bias = start.frozen.view(), bias.view()
            frozen.setflags(write=False)
            bias.setflags(write=False)
            return cls(frozen, bias, start.A, start.B, alpha, rslora)
        d, k = weight.shape
        weight, bias = weight.view(), bias.view()
        weight.setflags(write=False)
        bias.setflags(write=False)
        B = rng.uniform(-1.0, 1.0, size=(rank, k)) / np.sqrt(k)
        A = (
            np.zeros((d, rank))
            if init == "zero"
            else rng.uniform(-1.0, 1.0, size=(d, rank)) / np.sqrt(rank)
        )
        return cls(weight, bias, A, B, alpha, rslora)

    @property
    def rank(self) -> int:
        """r, the inner size of A×B."""
        return self.A.shape[1]

    @property
    def scaling(self) -> float:
        """s in h = W x + s·A B x."""
        return scaling(self.alpha, self.rank, self.rslora)

    @property
    def n_trainable(self) -> int:
        """r·(d + k): the numbers in A and B."""
        return self.A.size + self.B.size

    def delta(self) -> Array:
        """ΔW = s·A×B, shape (d, k) like W: what merging adds to W."""
        return self.scaling * (self.A @ self.B)

    def forward(self, x: Array) -> Array:
        """h for a batch x (n, k): the frozen path plus the low-rank path, added."""
        return x @ self.weight.T + self.bias + self.scaling * ((x @ self.B.T) @ self.A.T)

    def backward(self, x: Array, grad_h: Array) -> tuple[Array, Array, Array]:
        """Gradients (dL/dx, dL/dA, dL/dB) for a batch; W and b get none, being frozen.

        With u = x @ B.T: h = … + s·u @ A.T, so dL/dA = s·g.T @ u and dL/dB = s·(g @ A).T @ x.
        """
        ga = grad_h @ self.A
        grad_a = self.scaling * (grad_h.T @ (x @ self.B.T))
        grad_b = self.scaling * (ga.T @ x)
        grad_x = grad_h @ self.weight + self.scaling * (ga @ self.B)
        return grad_x, grad_a, grad_b

    def merge(self) -> Array:
        """W' = W + ΔW, a new array: after merging, inference is one plain matrix product."""
        return self.weight + self.delta()

    def unmerge(self, merged: Array) -> Array:
        """W = W' − ΔW: takes the adapter back out of a merged weight (W up to rounding)."""
        return merged - self.delta()


@dataclass
class LoRAModel:
    """A frozen MLP with LoRA adapters on some of its layers (index → adapter)."""

    base: MLP
    adapters: dict[int, LoRALinear] = field(default_factory=dict)

    def forward(self, x: Array) -> tuple[Array, list[Array]]:
        """Logits and the input of every layer."""
        inputs = []
        h = x
        last = len(self.base.weights) - 1
        for i, (w, b) in enumerate(zip(self.base.weights, self.base.biases, strict=True)):
            inputs.append(h)
            h = self.adapters[i].forward(h) if i in self.adapters else h @ w.T + b
            if i < last:
                h = np.maximum(h, 0.0)
        return h, inputs

    def loss_and_grads(
        self, x: Array, y: NDArray[np.int64]
    ) -> tuple[float, dict[int, tuple[Array, Array]]]:
        """Loss on a batch and (dL/dA, dL/dB) for every adapter; nothing else is trained."""
        logits, inputs = self.forward(x)
        loss, g = softmax_cross_entropy(logits, y)
        grads = {}
        for i in range(len(self.base.weights) - 1, min(self.adapters, default=0) - 1, -1):
            if i in self.adapters:
                grad_x, grad_a, grad_b = self.adapters[i].backward(inputs[i], g)
                grads[i] = (grad_a, grad_b)
            else:
                grad_x = g @ self.base.weights[i]
            g = grad_x * (inputs[i] > 0)
        return loss, grads

    def merged(self) -> MLP:
        """A plain MLP with W + ΔW in every adapted layer: same outputs, no adapter path."""
        weights = [
            self.adapters[i].merge() if i in self.adapters else w
            for i, w in enumerate(self.base.weights)
        ]
        return MLP(weights, list(self.base.biases))

    def accuracy(self, x: Array, y: NDArray[np.int64]) -> float:
        """Share of rows of x whose most likely digit (adapter path included) is the label."""
        return float((self.forward(x)[0].argmax(axis=1) == y).mean())

    @property
    def n_trainable(self) -> int:
        """Numbers in all A and B factors."""
        return sum(a.n_trainable for a in self.adapters.values())


def add_lora(base: MLP, config: LoRAConfig | None = None) -> LoRAModel:
    """Put a LoRA adapter on each of the config's layers of a frozen copy of `base`'s arrays
    (the default config when none is given); the factors start from ``config.seed``."""
    c = LoRAConfig() if config is None else config
    if not c.layers:
        raise ValueError("choose at least one layer")
    rng = np.random.default_rng(c.seed)
    adapters = {
        i: LoRALinear.create(
            base.weights[i], base.biases[i], c.rank, c.alpha, rslora=c.rslora, init=c.init, rng=rng
        )
        for i in c.layers
    }
    return LoRAModel(base, adapters)


@dataclass(frozen=True)
class Budget:
    """What LoRA trains on the chosen layers against what full fine-tuning of them would.

    Full fine-tuning trains every weight and bias (as :func:`lowrank.lora_compare.compare` does),
    so the share here is the one the comparison table shows.
    """

    lora: int  #: numbers in A and B: r(d + k) per adapted d×k layer
    full: int  #: numbers in those layers' W and b: d·k + d each

    @property
    def share(self) -> float:
        """lora / full."""
        return self.lora / self.full


def budget(base: MLP, layers: Sequence[int], rank: int) -> Budget:
    """The trained numbers of a LoRA of rank ``rank`` on ``layers`` of ``base``, and of W and b
    there."""
    chosen = sorted(set(layers))
    shapes = [base.weights[i].shape for i in chosen]
    return Budget(
        lora=sum(lora_matrix_params(d, k, rank) for d, k in shapes),
        full=sum(base.weights[i].size + base.biases[i].size for i in chosen),
    )
