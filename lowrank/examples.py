"""Named example matrices for the SVD and reconstruction pages.

Each example has a stable id (it appears in the URL, ``?example=note``); its title and description
come from the translation catalogue under ``example.<id>.title`` and ``example.<id>.desc``.
Every matrix is built deterministically (fixed integers or a fixed seed) and returned read-only, so
that one cached decomposition can be shared by every session.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from lowrank.svd import readonly

#: Shown when the URL names no example (or an unknown one).
DEFAULT_EXAMPLE = "note"


def _note() -> np.ndarray:
    """8×6, entries 0–9, built like the note's example: columns 5 and 6 are sums of earlier columns
    (c₅ = c₁ + c₂, c₆ = c₂ + c₄), so "the first four columns already carry the information": rank 4,
    and two singular values dominate (≈ 30.3, 10.7, then 1.1 and 0.68)."""
    first_four = np.array(
        [
            [6, 3, 5, 5],
            [6, 3, 1, 1],
            [0, 0, 6, 6],
            [5, 3, 3, 3],
            [2, 1, 5, 5],
            [4, 3, 4, 4],
            [4, 2, 2, 2],
            [2, 1, 4, 3],
        ],
        dtype=np.float64,
    )
    c = first_four
    return np.column_stack([c, c[:, 0] + c[:, 1], c[:, 1] + c[:, 3]])


def delta_w_factors() -> tuple[np.ndarray, np.ndarray]:
    """The note's factors, in its letters: A is 5×2 (10 numbers), B is 2×4 (8 numbers)."""
    a = np.array([[1, 2], [0, 1], [2, 0], [1, 1], [3, 1]], dtype=np.float64)
    b = np.array([[1, 0, 2, 1], [0, 1, 1, -1]], dtype=np.float64)
    return readonly(a), readonly(b)


def _delta_w() -> np.ndarray:
    """The note's ΔW = A × B: 5×4 (20 numbers) of rank 2."""
    a, b = delta_w_factors()
    return a @ b


def _random() -> np.ndarray:
    """A seeded 5×5 Gaussian matrix rounded to one decimal: no structure put in, its energy spread
    (σ₁ holds under half, three of five σ are needed for 90%), complex eigenvalues."""
    return np.round(np.random.default_rng(0).normal(size=(5, 5)), 1)


def low_rank_noise_parts() -> tuple[np.ndarray, np.ndarray]:
    """The "low_rank_noise" example's clean rank-2 signal and its small noise (seeded)."""
    rng = np.random.default_rng(7)
    signal = 1.5 * rng.normal(size=(8, 2)) @ rng.normal(size=(2, 6))
    return readonly(signal), readonly(0.2 * rng.normal(size=(8, 6)))


def _low_rank_noise() -> np.ndarray:
    """8×6: the rank-2 signal plus the noise, rounded to one decimal. Two large σ, then a floor of
    small ones (the noise); its rank-2 truncation is closer to the signal than it is."""
    signal, noise = low_rank_noise_parts()
    return np.round(signal + noise, 1)


def _symmetric() -> np.ndarray:
    """4×4 symmetric positive definite with integer entries: its eigenvalues equal its σ."""
    return np.array([[4, 2, 0, 1], [2, 5, 1, 0], [0, 1, 3, 1], [1, 0, 1, 2]], dtype=np.float64)


def _identity() -> np.ndarray:
    """4×4 identity: every σ is 1, so no direction matters more than another."""
    return np.eye(4)


_BUILDERS: dict[str, Callable[[], np.ndarray]] = {
    "note": _note,
    "delta_w": _delta_w,
    "random": _random,
    "low_rank_noise": _low_rank_noise,
    "symmetric": _symmetric,
    "identity": _identity,
}

#: Stable ids in the order the chooser lists them.
EXAMPLE_IDS: tuple[str, ...] = tuple(_BUILDERS)


def example(example_id: str) -> np.ndarray:
    """A fresh read-only copy of the example matrix ``example_id`` (KeyError if unknown)."""
    return readonly(np.array(_BUILDERS[example_id](), dtype=np.float64))
