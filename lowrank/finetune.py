"""A small numpy MLP, pretrained on one part of the digits and fully fine-tuned on another.

Why: the app shows the spectrum of a real fine-tuning update ΔW = W_after − W_before, and it needs
the update to come from a real run it can repeat, not from stored numbers. Everything here is plain
numpy: forward and backward passes are written out, runs are seeded and take well under a second.

Weight layout: every layer computes ``h = x @ W.T + b`` with ``W`` of shape (out, in), as in the
LoRA paper (W₀ ∈ ℝ^{d×k}, d outputs, k inputs) and in PyTorch. So ΔW has the shape of W: (out, in).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray
from sklearn.datasets import load_digits
from threadpoolctl import threadpool_limits

Array = NDArray[np.float64]
Progress = Callable[[float], None] | None

LAYER_SIZES: tuple[int, ...] = (64, 128, 128, 10)
PRETRAIN_STEPS = 600
FINETUNE_STEPS = 300
BATCH_SIZE = 32
PRETRAIN_LR = 1e-3
FINETUNE_LR = 1e-3
TEST_FRACTION = 0.25

# Real shifts a user can pick: (digits seen in pretraining, digits to adapt to, rotate the images).
# "rotate" keeps all ten digits but fine-tunes on the images turned by 90°: a shift of the inputs,
# not of the labels.
SHIFTS: dict[str, tuple[tuple[int, ...], tuple[int, ...], bool]] = {
    "low_high": ((0, 1, 2, 3, 4), (5, 6, 7, 8, 9), False),
    "even_odd": ((0, 2, 4, 6, 8), (1, 3, 5, 7, 9), False),
    "rotate": (tuple(range(10)), tuple(range(10)), True),
}
DEFAULT_SHIFT = "low_high"


@dataclass
class MLP:
    """Weights (out, in) and biases (out,) of each layer; ReLU between layers, logits at the end."""

    weights: list[Array]
    biases: list[Array]

    def copy(self) -> MLP:
        """A deep, writable copy (training updates its own copy, never the caller's)."""
        return MLP([w.copy() for w in self.weights], [b.copy() for b in self.biases])

    def freeze(self) -> MLP:
        """Mark every array read-only, so a cached model can be shared across sessions safely."""
        for a in (*self.weights, *self.biases):
            a.setflags(write=False)
        return self

    @property
    def n_params(self) -> int:
        """Number of weights and biases."""
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases, strict=True))


@dataclass(frozen=True)
class DigitTask:
    """Train/test arrays for pretraining and for fine-tuning; pixels scaled to [0, 1]."""

    shift: str
    pre_digits: tuple[int, ...]
    ft_digits: tuple[int, ...]
    x_pre_train: Array
    y_pre_train: NDArray[np.int64]
    x_pre_test: Array
    y_pre_test: NDArray[np.int64]
    x_ft_train: Array
    y_ft_train: NDArray[np.int64]
    x_ft_test: Array
    y_ft_test: NDArray[np.int64]


@dataclass(frozen=True)
class FinetuneRun:
    """A pretrained model, its fully fine-tuned version and the updates ΔW, all read-only."""

    task: DigitTask
    before: MLP
    after: MLP
    deltas: list[Array]
    pretrain_losses: Array
    finetune_losses: Array
    acc_pre_task_before: float
    acc_ft_task_before: float
    acc_ft_task_after: float
    acc_pre_task_after: float


def _read_only(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


def load_task(shift: str = DEFAULT_SHIFT, seed: int = 0) -> DigitTask:
    """Split scikit-learn's bundled 8×8 digits for a shift in SHIFTS.

    One seeded train/test split of all 1,797 images is shared by both phases, so no test image is
    ever trained on. Labels stay the digits 0–9 (one 10-way head), so the pretrained model has never
    been asked to output a fine-tuning class.
    """
    if shift not in SHIFTS:
        raise ValueError(f"unknown shift {shift!r}; choose one of {sorted(SHIFTS)}")
    pre_digits, ft_digits, rotate = SHIFTS[shift]
    digits = load_digits()
    x = digits.data.astype(np.float64) / 16.0
    y = digits.target.astype(np.int64)
    order = np.random.default_rng(seed).permutation(len(y))
    n_test = round(TEST_FRACTION * len(y))
    test, train = order[:n_test], order[n_test:]
    x_ft = np.rot90(x.reshape(-1, 8, 8), k=1, axes=(1, 2)).reshape(-1, 64).copy() if rotate else x

    def pick(xs: Array, idx: NDArray[np.intp], keep: tuple[int, ...]) -> tuple[Array, NDArray]:
        idx = idx[np.isin(y[idx], keep)]
        return _read_only(xs[idx].copy()), _read_only(y[idx].copy())

    return DigitTask(
        shift,
        pre_digits,
        ft_digits,
        *pick(x, train, pre_digits),
        *pick(x, test, pre_digits),
        *pick(x_ft, train, ft_digits),
        *pick(x_ft, test, ft_digits),
    )


def init_mlp(sizes: Sequence[int] = LAYER_SIZES, seed: int = 0) -> MLP:
    """He-initialised weights (suits ReLU) and zero biases, from a seeded generator."""
    rng = np.random.default_rng(seed)
    weights = [
        rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in)) for n_in, n_out in pairwise(sizes)
    ]
    return MLP(weights, [np.zeros(n_out) for n_out in sizes[1:]])


def forward(model: MLP, x: Array) -> tuple[Array, list[Array]]:
    """Logits for a batch x (n, in), and the input of every layer (kept for the backward pass)."""
    inputs = []
    h = x
    last = len(model.weights) - 1
    for i, (w, b) in enumerate(zip(model.weights, model.biases, strict=True)):
        inputs.append(h)
        h = h @ w.T + b
        if i < last:
            h = np.maximum(h, 0.0)
    return h, inputs


def softmax_cross_entropy(logits: Array, y: NDArray[np.int64]) -> tuple[float, Array]:
    """Mean cross-entropy of integer labels, and its gradient with respect to the logits."""
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    n = len(y)
    loss = -float(log_p[np.arange(n), y].mean())
    grad = np.exp(log_p)
    grad[np.arange(n), y] -= 1.0
    return loss, grad / n


def backward(
    model: MLP, inputs: list[Array], grad_logits: Array
) -> tuple[list[Array], list[Array]]:
    """Gradients of the loss for every weight and bias, given the layer inputs from forward().

    Layer i computes h = x_i @ W_i.T + b_i, so dL/dW_i = g.T @ x_i and dL/db_i = Σ g; the gradient
    passes back through ReLU where the next layer's input (the ReLU output) was positive.
    """
    grads_w: list[Array] = [np.empty(0)] * len(model.weights)
    grads_b: list[Array] = [np.empty(0)] * len(model.weights)
    g = grad_logits
    for i in range(len(model.weights) - 1, -1, -1):
        grads_w[i] = g.T @ inputs[i]
        grads_b[i] = g.sum(axis=0)
        if i > 0:
            g = (g @ model.weights[i]) * (inputs[i] > 0)
    return grads_w, grads_b


def loss_and_grads(
    model: MLP, x: Array, y: NDArray[np.int64]
) -> tuple[float, list[Array], list[Array]]:
    """Loss on a batch and the gradients of all weights and biases."""
    logits, inputs = forward(model, x)
    loss, g = softmax_cross_entropy(logits, y)
    grads_w, grads_b = backward(model, inputs, g)
    return loss, grads_w, grads_b


def predict(model: MLP, x: Array) -> NDArray[np.int64]:
    """Most likely digit for each row of x."""
    return forward(model, x)[0].argmax(axis=1)


def accuracy(model: MLP, x: Array, y: NDArray[np.int64]) -> float:
    """Share of rows whose predicted digit is the label."""
    return float((predict(model, x) == y).mean())


class Adam:
    """Adam on a list of arrays, updated in place (Kingma & Ba, 2014; the usual defaults)."""

    def __init__(
        self,
        params: Sequence[Array],
        lr: float,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
    ) -> None:
        self.params = list(params)
        self.lr, self.betas, self.eps = lr, betas, eps
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]
        self.t = 0

    def step(self, grads: Sequence[Array]) -> None:
        """Apply one update with bias-corrected first and second moments."""
        self.t += 1
        b1, b2 = self.betas
        c1, c2 = 1.0 - b1**self.t, 1.0 - b2**self.t
        for p, g, m, v in zip(self.params, grads, self.m, self.v, strict=True):
            m *= b1
            m += (1.0 - b1) * g
            v *= b2
            v += (1.0 - b2) * g * g
            p -= self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)


def batches(
    n: int, batch_size: int, steps: int, rng: np.random.Generator
) -> Iterator[NDArray[np.intp]]:
    """Index arrays for `steps` mini-batches, walking through fresh permutations of range(n)."""
    order = rng.permutation(n)
    pos = 0
    for _ in range(steps):
        if pos + batch_size > n:
            order, pos = rng.permutation(n), 0
        yield order[pos : pos + batch_size]
        pos += batch_size


def train(
    model: MLP,
    x: Array,
    y: NDArray[np.int64],
    *,
    steps: int,
    lr: float,
    batch_size: int = BATCH_SIZE,
    seed: int = 0,
    progress: Progress = None,
) -> tuple[MLP, Array]:
    """Train a copy of `model` with Adam on mini-batches; return it and the loss of every step.

    BLAS runs single-threaded here: on matrices this small, extra threads only wait on each other
    (measured 5-10x slower on a busy 2-core machine).
    """
    with threadpool_limits(limits=1, user_api="blas"):
        return _train(
            model, x, y, steps=steps, lr=lr, batch_size=batch_size, seed=seed, progress=progress
        )


def _train(
    model: MLP,
    x: Array,
    y: NDArray[np.int64],
    *,
    steps: int,
    lr: float,
    batch_size: int,
    seed: int,
    progress: Progress,
) -> tuple[MLP, Array]:
    model = model.copy()
    opt = Adam([*model.weights, *model.biases], lr)
    rng = np.random.default_rng(seed)
    losses = np.empty(steps)
    every = max(1, steps // 50)
    for step, idx in enumerate(batches(len(y), batch_size, steps, rng)):
        losses[step], grads_w, grads_b = loss_and_grads(model, x[idx], y[idx])
        opt.step([*grads_w, *grads_b])
        if progress is not None and (step + 1) % every == 0:
            progress((step + 1) / steps)
    return model, losses


def _scaled(progress: Progress, start: float, end: float) -> Progress:
    """Map a callback's [0, 1] onto [start, end] of an outer progress bar."""
    if progress is None:
        return None
    return lambda f: progress(start + (end - start) * f)


def pretrain(
    task: DigitTask, seed: int = 0, steps: int = PRETRAIN_STEPS, progress: Progress = None
) -> tuple[MLP, Array]:
    """Train a fresh MLP on the pretraining digits; return it (read-only) and its losses."""
    model, losses = train(
        init_mlp(LAYER_SIZES, seed),
        task.x_pre_train,
        task.y_pre_train,
        steps=steps,
        lr=PRETRAIN_LR,
        seed=seed,
        progress=progress,
    )
    return model.freeze(), _read_only(losses)


def run_finetune(
    shift: str = DEFAULT_SHIFT,
    seed: int = 0,
    *,
    pretrain_steps: int = PRETRAIN_STEPS,
    finetune_steps: int = FINETUNE_STEPS,
    progress: Progress = None,
) -> FinetuneRun:
    """Pretrain, then fully fine-tune every weight and bias on the shifted digits.

    Progress goes 0 → 0.5 during pretraining and 0.5 → 1 during fine-tuning. All arrays in the
    result are read-only, so one cached run can serve every session.
    """
    task = load_task(shift, seed)
    before, pre_losses = pretrain(task, seed, pretrain_steps, _scaled(progress, 0.0, 0.5))
    after, ft_losses = train(
        before,
        task.x_ft_train,
        task.y_ft_train,
        steps=finetune_steps,
        lr=FINETUNE_LR,
        seed=seed + 1,
        progress=_scaled(progress, 0.5, 1.0),
    )
    after.freeze()
    deltas = [_read_only(wa - wb) for wa, wb in zip(after.weights, before.weights, strict=True)]
    return FinetuneRun(
        task,
        before,
        after,
        deltas,
        pre_losses,
        _read_only(ft_losses),
        acc_pre_task_before=accuracy(before, task.x_pre_test, task.y_pre_test),
        acc_ft_task_before=accuracy(before, task.x_ft_test, task.y_ft_test),
        acc_ft_task_after=accuracy(after, task.x_ft_test, task.y_ft_test),
        acc_pre_task_after=accuracy(after, task.x_pre_test, task.y_pre_test),
    )


def accuracy_vs_rank(
    run: FinetuneRun,
    ks: Sequence[int] | NDArray[np.integer],
    layers: Sequence[int] | None = None,
    progress: Progress = None,
) -> Array:
    """Test accuracy on the fine-tuning digits for each rank k of the truncated ΔW (read-only); a
    layer whose ΔW has fewer than k singular values keeps all of them."""
    chosen = list(range(len(run.deltas))) if layers is None else list(layers)
    svds = {i: np.linalg.svd(run.deltas[i], full_matrices=False) for i in chosen}
    out = np.empty(len(ks))
    for j, k in enumerate(ks):
        weights = list(run.after.weights)
        for i, (u, s, vt) in svds.items():
            weights[i] = run.before.weights[i] + (u[:, :k] * s[:k]) @ vt[:k]
        model = MLP(weights, list(run.after.biases))
        out[j] = accuracy(model, run.task.x_ft_test, run.task.y_ft_test)
        if progress is not None:
            progress((j + 1) / len(ks))
    return _read_only(out)
