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
"""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from lowrank.finetune import (
    BATCH_SIZE,
    FINETUNE_LR,
    MLP,
    Adam,
    Array,
    DigitTask,
    Progress,
    accuracy,
    batches,
    softmax_cross_entropy,
    train,
)
from lowrank.models import lora_matrix_params

DEFAULT_RANK = 4
DEFAULT_ALPHA = 8.0
DEFAULT_LR = 1e-2
DEFAULT_STEPS = 300
DEFAULT_LAYERS: tuple[int, ...] = (0, 1, 2)
COMPARE_RANKS: tuple[int, ...] = (1, 2, 4, 8, 16)
INITS = ("zero", "random")


def scaling(alpha: float, rank: int, rslora: bool = False) -> float:
    """The factor in front of A×B: α/r (LoRA), or α/√r (rsLoRA, Kalajdzievski 2023)."""
    return alpha / np.sqrt(rank) if rslora else alpha / rank


def checksum(a: np.ndarray) -> str:
    """Short SHA-256 of an array's bytes, shape and dtype: equal only if bit-identical."""
    h = hashlib.sha256(np.ascontiguousarray(a).tobytes())
    h.update(f"{a.shape}{a.dtype}".encode())
    return h.hexdigest()[:16]


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
        that is worse: ΔW ≠ 0 at step 0, so the pretrained model is disturbed before any data)."""
        if init not in INITS:
            raise ValueError(f"init must be one of {INITS}, not {init!r}")
        if rank < 1:
            raise ValueError("rank must be at least 1")
        rng = np.random.default_rng(0) if rng is None else rng
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

    @property
    def n_trainable(self) -> int:
        """Numbers in all A and B factors."""
        return sum(a.n_trainable for a in self.adapters.values())


def add_lora(
    base: MLP,
    layers: Sequence[int] = DEFAULT_LAYERS,
    rank: int = DEFAULT_RANK,
    alpha: float = DEFAULT_ALPHA,
    *,
    rslora: bool = False,
    init: str = "zero",
    seed: int = 0,
) -> LoRAModel:
    """Put a LoRA adapter on each chosen layer of a frozen copy of `base`'s arrays."""
    if not layers:
        raise ValueError("choose at least one layer")
    rng = np.random.default_rng(seed)
    adapters = {
        i: LoRALinear.create(
            base.weights[i], base.biases[i], rank, alpha, rslora=rslora, init=init, rng=rng
        )
        for i in sorted(set(layers))
    }
    return LoRAModel(base, adapters)


@dataclass(frozen=True)
class Budget:
    """What LoRA trains on the chosen layers against what full fine-tuning of them would.

    Full fine-tuning trains every weight and bias (as :func:`compare` does), so the share here
    is the one the comparison table shows.
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
    return Budget(
        lora=sum(lora_matrix_params(*base.weights[i].shape, rank) for i in chosen),
        full=sum(base.weights[i].size + base.biases[i].size for i in chosen),
    )


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
    *,
    layers: Sequence[int] = DEFAULT_LAYERS,
    rank: int = DEFAULT_RANK,
    alpha: float = DEFAULT_ALPHA,
    lr: float = DEFAULT_LR,
    steps: int = DEFAULT_STEPS,
    batch_size: int = BATCH_SIZE,
    seed: int = 0,
    rslora: bool = False,
    init: str = "zero",
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
            base,
            task,
            layers=layers,
            rank=rank,
            alpha=alpha,
            lr=lr,
            steps=steps,
            batch_size=batch_size,
            seed=seed,
            rslora=rslora,
            init=init,
            every=every,
            callback=callback,
            progress=progress,
        )


def _train_lora(
    base: MLP,
    task: DigitTask,
    *,
    layers: Sequence[int],
    rank: int,
    alpha: float,
    lr: float,
    steps: int,
    batch_size: int,
    seed: int,
    rslora: bool,
    init: str,
    every: int,
    callback: Callable[[Snapshot], None] | None,
    progress: Progress,
) -> LoRARun:
    model = add_lora(base, layers, rank, alpha, rslora=rslora, init=init, seed=seed)
    sums_before = {i: checksum(base.weights[i]) for i in model.adapters}
    params = [p for a in model.adapters.values() for p in (a.A, a.B)]
    opt = Adam(params, lr)
    rng = np.random.default_rng(seed + 1)
    x, y, x_test, y_test = task.x_ft_train, task.y_ft_train, task.x_ft_test, task.y_ft_test
    losses = np.empty(steps)
    eval_steps, eval_acc = [0], [_accuracy(model, x_test, y_test)]
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
    for step, idx in enumerate(batches(len(y), batch_size, steps, rng), start=1):
        losses[step - 1], grads = model.loss_and_grads(x[idx], y[idx])
        opt.step([g for i in model.adapters for g in grads[i]])
        if step % every == 0 or step == steps:
            eval_steps.append(step)
            eval_acc.append(_accuracy(model, x_test, y_test))
            report(step, float(losses[eval_steps[-2] : step].mean()))
    seconds = time.perf_counter() - start - outside
    for a in model.adapters.values():
        a.A.setflags(write=False)
        a.B.setflags(write=False)
    arrays = (losses, np.array(eval_steps), np.array(eval_acc))
    for a in arrays:
        a.setflags(write=False)
    return LoRARun(
        model, *arrays, seconds, sums_before, {i: checksum(base.weights[i]) for i in model.adapters}
    )


def _accuracy(model: LoRAModel, x: Array, y: NDArray[np.int64]) -> float:
    return float((model.forward(x)[0].argmax(axis=1) == y).mean())


@dataclass(frozen=True)
class ComparisonRow:
    """One line of the comparison: rank r (None for full fine-tuning), test accuracy on the new
    digits and on the pretraining digits (what was kept), trainable numbers and wall time."""

    rank: int | None
    accuracy: float
    old_accuracy: float
    trainable: int
    seconds: float


def compare(
    base: MLP,
    task: DigitTask,
    ranks: Sequence[int] = COMPARE_RANKS,
    *,
    layers: Sequence[int] = DEFAULT_LAYERS,
    alpha: float = DEFAULT_ALPHA,
    lr: float = DEFAULT_LR,
    steps: int = DEFAULT_STEPS,
    seed: int = 0,
    rslora: bool = False,
    progress: Progress = None,
) -> list[ComparisonRow]:
    """LoRA at each rank, then full fine-tuning of every weight and bias, same steps and batches.

    Full fine-tuning uses pretraining's learning rate (FINETUNE_LR, Adam); with seed 0, LoRA's
    would end within 1.5 points of it on every task (tests/unit/test_training_claims.py).
    """
    rows = []
    n = len(ranks) + 1
    for j, r in enumerate(ranks):
        run = train_lora(
            base,
            task,
            layers=layers,
            rank=r,
            alpha=alpha,
            lr=lr,
            steps=steps,
            seed=seed,
            rslora=rslora,
            every=steps,
        )
        old = _accuracy(run.model, task.x_pre_test, task.y_pre_test)
        rows.append(ComparisonRow(r, run.final_accuracy, old, run.model.n_trainable, run.seconds))
        if progress is not None:
            progress((j + 1) / n)
    start = time.perf_counter()
    full, _ = train(
        base,
        task.x_ft_train,
        task.y_ft_train,
        steps=steps,
        lr=FINETUNE_LR,
        batch_size=BATCH_SIZE,
        seed=seed + 1,
    )
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


@dataclass(frozen=True)
class StartCheck:
    """The adapted model at step 0 against the pretrained one: largest logit gap, accuracies."""

    max_gap: float
    acc_pre_digits: float
    acc_ft_digits: float


def start_check(
    base: MLP,
    task: DigitTask,
    *,
    layers: Sequence[int] = DEFAULT_LAYERS,
    rank: int = DEFAULT_RANK,
    alpha: float = DEFAULT_ALPHA,
    rslora: bool = False,
    init: str = "zero",
    seed: int = 0,
) -> StartCheck:
    """How far the freshly initialised adapters move the pretrained model before any training.

    With the zero init the gap is exactly 0; with both factors random it is not, and the model
    has lost some of what it knew before it has seen a single example.
    """
    model = add_lora(base, layers, rank, alpha, rslora=rslora, init=init, seed=seed)
    x = np.vstack([task.x_pre_test, task.x_ft_test])
    gap = float(np.abs(model.forward(x)[0] - base_logits(base, x)).max())
    return StartCheck(
        gap,
        _accuracy(model, task.x_pre_test, task.y_pre_test),
        _accuracy(model, task.x_ft_test, task.y_ft_test),
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


def delta_check(adapter: LoRALinear) -> DeltaCheck:
    """Singular values and Frobenius norms of an adapter's ΔW beside its frozen W."""
    delta = adapter.delta()
    return DeltaCheck(
        np.linalg.svd(delta, compute_uv=False),
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
    """Every test image of both digit groups (what the merge check runs on)."""
    return np.vstack([task.x_pre_test, task.x_ft_test])


def curves_csv(run: LoRARun) -> str:
    """step,loss,test_accuracy for every step (accuracy only where it was measured)."""
    acc = dict(zip(run.eval_steps.tolist(), run.eval_accuracy.tolist(), strict=True))
    lines = ["step,loss,test_accuracy", f"0,,{acc[0]:.6f}"]
    for step, loss in enumerate(run.losses.tolist(), start=1):
        lines.append(f"{step},{loss:.6f},{acc[step]:.6f}" if step in acc else f"{step},{loss:.6f},")
    return "\n".join(lines) + "\n"


def factors_npz(run: LoRARun) -> bytes:
    """The trained factors (note's letters: A_layer{i} d×r, B_layer{i} r×k), ΔW and the scale."""
    buffer = io.BytesIO()
    arrays: dict[str, np.ndarray] = {}
    for i, a in run.model.adapters.items():
        arrays[f"A_layer{i + 1}"] = a.A
        arrays[f"B_layer{i + 1}"] = a.B
        arrays[f"deltaW_layer{i + 1}"] = a.delta()
    first = next(iter(run.model.adapters.values()))
    np.savez_compressed(
        buffer,
        **arrays,
        alpha=first.alpha,
        rank=first.rank,
        scaling=first.scaling,
        rslora=first.rslora,
    )
    return buffer.getvalue()
