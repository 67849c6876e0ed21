"""Independent computations the tests compare the core with (never used by the app itself).

``accuracy_vs_rank`` in :mod:`lowrank.finetune` decomposes each ΔW once and reuses the factors for
every k; these take the plain path, one truncated SVD per call, so a shared mistake is unlikely.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from lowrank.finetune import MLP, FinetuneRun


def truncate(matrix: np.ndarray, k: int) -> np.ndarray:
    """Best rank-k approximation (Eckart–Young): keep the k largest singular values."""
    u, s, vt = np.linalg.svd(matrix, full_matrices=False)
    k = max(0, min(k, len(s)))
    return (u[:, :k] * s[:k]) @ vt[:k]


def with_truncated_deltas(run: FinetuneRun, k: int, layers: Sequence[int] | None = None) -> MLP:
    """The fine-tuned model with ΔW of the chosen layers (default: all) replaced by rank k.

    W = W_before + (ΔW)_k for those layers; other layers keep W_after. Biases keep their fine-tuned
    values: they are vectors, not part of the low-rank question.
    """
    chosen = range(len(run.deltas)) if layers is None else layers
    weights = list(run.after.weights)
    for i in chosen:
        weights[i] = run.before.weights[i] + truncate(run.deltas[i], k)
    return MLP(weights, list(run.after.biases))
