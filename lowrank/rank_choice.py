"""Choosing the rank: a clean signal plus noise, the error of every rank, and three rules.

Why: the note keeps "the largest singular values" without saying how many. With noise the answer
is not "as many as possible": the rank-k reconstruction of the noisy matrix Y = X + N gets closer
to the clean signal X as k grows, until the directions it adds are mostly noise, and then moves
away again (the U-curve), while its error against Y itself only falls. Three rules pick k from
Y's spectrum alone: an energy share, the storage break-even, and the optimal hard threshold of
Gavish & Donoho (2014, "The Optimal Hard Threshold for Singular Values is 4/√3").

Shapes follow the paper: for an m×n matrix with m ≤ n (transpose otherwise), β = m/n ≤ 1, and
the noise entries have standard deviation σ. Errors are root-mean-square per entry,
‖·‖_F / √(mn), in the units of the signal (grey levels for the photograph).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from scipy import integrate, optimize

from lowrank.image import break_even_rank, to_grey
from lowrank.image_source import builtin_image
from lowrank.spectra import mp_edges
from lowrank.svd import SVD, decompose, default_tolerance, rank_for_energy, readonly

#: The signals the page offers: the photograph in grey, and a planted rank-r matrix.
SIGNALS: tuple[str, ...] = ("photo", "planted")
#: The grey photograph is averaged over blocks of this side: 600×512 → 300×256, so that a move
#: of the noise slider (a new SVD) stays fast.
PHOTO_BLOCK = 2
#: The planted matrix: its shape (β = 0.75), its rank and its singular values. The first
#: direction is a constant grey of 128 (σ₁ = 128·√(mn)); the other nine fall geometrically from
#: 5000 to 250, so that a growing noise hides them one by one.
PLANTED_SHAPE: tuple[int, int] = (150, 200)
PLANTED_RANK = 10
PLANTED_GREY = 128.0
PLANTED_TOP, PLANTED_BOTTOM = 5000.0, 250.0
#: Seed of the noise (one standard Gaussian matrix, scaled by σ: the same noise at every level)
#: and of the planted matrix's patterns.
SEED = 0


# --- the signals and the noise -----------------------------------------------------------------


def photo_signal(grey: np.ndarray, block: int = PHOTO_BLOCK) -> np.ndarray:
    """The grey picture (h, w) as floats, averaged over ``block``×``block`` blocks (edges that do
    not fill a block are dropped)."""
    h, w = (grey.shape[0] // block) * block, (grey.shape[1] // block) * block
    cut = np.asarray(grey[:h, :w], dtype=np.float64)
    return readonly(cut.reshape(h // block, block, w // block, block).mean(axis=(1, 3)))


def _cosines(length: int, frequencies: np.ndarray) -> np.ndarray:
    """Orthonormal DCT-II vectors of the given distinct frequencies, as columns (length × count);
    frequency 0 is the constant vector."""
    t = (np.arange(length) + 0.5) / length
    columns = np.cos(np.pi * np.outer(t, frequencies))
    return columns / np.linalg.norm(columns, axis=0)


def planted_sigmas(rank: int = PLANTED_RANK, shape: tuple[int, int] = PLANTED_SHAPE) -> np.ndarray:
    """The planted singular values: σ₁ = 128·√(mn) (the constant grey), then ``rank`` − 1 values
    falling geometrically from 5000 to 250."""
    rest = np.geomspace(PLANTED_TOP, PLANTED_BOTTOM, rank - 1)
    return np.concatenate([[PLANTED_GREY * math.sqrt(shape[0] * shape[1])], rest])


def planted_signal(
    shape: tuple[int, int] = PLANTED_SHAPE, rank: int = PLANTED_RANK, seed: int = SEED
) -> np.ndarray:
    """A seeded m×n matrix of rank exactly ``rank`` with the singular values of
    :func:`planted_sigmas`: smooth stripes (cosines of seeded distinct frequencies along the rows
    and the columns) on a constant grey, so that it reads as a picture."""
    rng = np.random.default_rng(seed)
    picks = [np.concatenate([[0], 1 + rng.permutation(3 * rank)[: rank - 1]]) for _ in shape]
    u, v = (_cosines(length, f) for length, f in zip(shape, picks, strict=True))
    return readonly((u * planted_sigmas(rank, shape)) @ v.T)


def clean_signal(name: str) -> np.ndarray:
    """A signal of :data:`SIGNALS` by name: the built-in photograph in grey, block-averaged, or
    the planted matrix."""
    if name == "photo":
        return photo_signal(to_grey(builtin_image("photo").pixels))
    if name == "planted":
        return planted_signal()
    raise ValueError(f"unknown signal {name!r}")


def pixels(matrix: np.ndarray) -> np.ndarray:
    """A matrix shown as a grey picture: rounded and clipped to 0…255, uint8 (read-only)."""
    return readonly(np.clip(np.rint(matrix), 0, 255).astype(np.uint8))


def noise(shape: tuple[int, int], level: float, seed: int = SEED) -> np.ndarray:
    """Gaussian noise of standard deviation ``level``: one seeded standard matrix, scaled."""
    return level * np.random.default_rng(seed).standard_normal(shape)


# --- the Gavish–Donoho threshold -----------------------------------------------------------------


def aspect(shape: tuple[int, int]) -> float:
    """β = min(m, n) / max(m, n)."""
    return min(shape) / max(shape)


def lambda_star(beta: float) -> float:
    """λ*(β) = √(2(β+1) + 8β / ((β+1) + √(β² + 14β + 1))), the optimal threshold over √n·σ for
    known noise (Gavish & Donoho, eq. 11); 4/√3 for a square matrix."""
    if not 0 < beta <= 1:
        raise ValueError(f"β = {beta} outside (0, 1]")
    return math.sqrt(2 * (beta + 1) + 8 * beta / (beta + 1 + math.sqrt(beta**2 + 14 * beta + 1)))


def _mp_support(beta: float) -> tuple[float, float]:
    """The Marchenko–Pastur law's support [(1 − √β)², (1 + √β)²] (entries of variance 1)."""
    if not 0 < beta <= 1:
        raise ValueError(f"β = {beta} outside (0, 1]")
    return (1 - math.sqrt(beta)) ** 2, (1 + math.sqrt(beta)) ** 2


def _mp_density(x: float, beta: float) -> float:
    """The Marchenko–Pastur density of the eigenvalues of Y Yᵀ / n at x inside its support
    (quadrature never evaluates the ends, where it is 0 or, for β = 1, infinite)."""
    lo, hi = _mp_support(beta)
    return math.sqrt(max((hi - x) * (x - lo), 0.0)) / (2 * math.pi * beta * x)


@functools.cache
def mp_median(beta: float) -> float:
    """The median μ_β of the Marchenko–Pastur law of ratio β (by integration of its density)."""
    lo, hi = _mp_support(beta)

    def below_half(mu: float) -> float:
        return integrate.quad(_mp_density, lo, mu, args=(beta,))[0] - 0.5

    return float(optimize.brentq(below_half, lo, hi, xtol=1e-12))


def omega(beta: float) -> float:
    """ω(β) = λ*(β) / √μ_β: the threshold over the median singular value for unknown noise
    (about 2.858 for a square matrix)."""
    return lambda_star(beta) / math.sqrt(mp_median(beta))


def known_threshold(shape: tuple[int, int], level: float) -> float:
    """τ = λ*(β)·√n·σ, n the larger side."""
    return lambda_star(aspect(shape)) * math.sqrt(max(shape)) * level


def unknown_threshold(s: np.ndarray, shape: tuple[int, int]) -> float:
    """τ = ω(β)·median(σᵢ), from the spectrum alone."""
    return omega(aspect(shape)) * float(np.median(s))


def count_above(s: np.ndarray, shape: tuple[int, int], tau: float) -> int:
    """How many σᵢ exceed τ (and numpy's rank tolerance: exact zeros are never kept)."""
    return int(np.count_nonzero(np.asarray(s) > max(tau, default_tolerance(s, shape))))


# --- the rules ---------------------------------------------------------------------------------

#: The rules, in the order the page shows them.
RULES: tuple[str, ...] = ("energy", "storage", "known", "unknown")


@dataclass(frozen=True)
class Rules:
    """The k each rule picks on one spectrum (None: the rule needs the noise level, not given),
    with the thresholds of the two Gavish–Donoho rules."""

    energy: int  #: the smallest k keeping at least the share p of Σσ²
    storage: int  #: the largest k whose factors take fewer numbers than the matrix
    known: int | None  #: σᵢ above τ = λ*(β)·√n·σ
    unknown: int  #: σᵢ above τ = ω(β)·median(σ)
    tau_known: float | None
    tau_unknown: float

    def k(self, rule: str) -> int | None:
        """The k of a rule by name (one of :data:`RULES`)."""
        if rule not in RULES:
            raise ValueError(f"unknown rule {rule!r}")
        return getattr(self, rule)


def storage_rank(shape: tuple[int, int]) -> int:
    """The largest k with k(m + n + 1) < mn (at most min(m, n))."""
    return min(break_even_rank(*shape) - 1, min(shape))


def choose(s: np.ndarray, shape: tuple[int, int], share: float, level: float | None) -> Rules:
    """Every rule on the spectrum ``s`` of an m×n matrix; ``level`` is σ of the noise, if known."""
    tau_known = None if level is None else known_threshold(shape, level)
    tau_unknown = unknown_threshold(s, shape)
    return Rules(
        energy=rank_for_energy(s, share),
        storage=storage_rank(shape),
        known=None if tau_known is None else count_above(s, shape, tau_known),
        unknown=count_above(s, shape, tau_unknown),
        tau_known=tau_known,
        tau_unknown=tau_unknown,
    )


# --- the errors of every rank --------------------------------------------------------------------


@dataclass(frozen=True)
class Denoising:
    """The noisy matrix Y = X + N, its SVD, and the RMS errors of Y_k at k = 0 … min(m, n)
    (index k; k = 0 is the zero matrix)."""

    level: float  #: σ of the noise
    noisy: SVD  #: of Y
    clean_error: np.ndarray  #: ‖Y_k − X‖_F / √(mn): falls, then rises (the U-curve)
    noisy_error: np.ndarray  #: ‖Y_k − Y‖_F / √(mn) = √(Σ_{i>k} σᵢ²) / √(mn): only falls

    @property
    def shape(self) -> tuple[int, int]:
        return self.noisy.shape

    @property
    def max_rank(self) -> int:
        return int(self.noisy.s.size)

    @property
    def best_k(self) -> int:
        """The k ≥ 1 nearest to the clean signal (the smallest, when several are as near)."""
        errors = self.clean_error[1:]
        return int(np.flatnonzero(errors <= errors.min() * (1 + 1e-9))[0]) + 1

    def bulk_edge(self) -> float:
        """The top of the noise's Marchenko–Pastur bulk: σ(√m + √n)."""
        return mp_edges(*self.shape, self.level)[1]


def denoise(clean: np.ndarray, level: float, seed: int = SEED) -> Denoising:
    """The errors of every rank of Y = X + N against X and against Y.

    Y_k − X = N − (Y − Y_k) and Y − Y_k = Σ_{i>k} σᵢuᵢvᵢᵀ, whose layers are orthonormal in the
    Frobenius product, so ‖Y_k − X‖² = ‖N‖² + Σ_{i>k} (σᵢ² − 2σᵢ uᵢᵀN vᵢ): one product UᵀNV gives
    every k without forming Y_k, and every term is of the noise's size (no cancellation against
    ‖X‖², which would cost half the digits when the noise is small).
    """
    x = np.asarray(clean, dtype=np.float64)
    n = noise(x.shape, level, seed)
    svd = decompose(x + n)
    s = np.asarray(svd.s)
    overlap = np.sum((svd.u.T @ n) * svd.vt, axis=1)  # uᵢᵀ N vᵢ

    def after(terms: np.ndarray) -> np.ndarray:  # Σ_{i>k} terms, k = 0 … p, summed from the end
        return np.concatenate([np.cumsum(terms[::-1])[::-1], [0.0]])

    entries = x.size
    clean_sq = float(np.sum(n**2)) + after(s**2 - 2 * s * overlap)
    return Denoising(
        level=float(level),
        noisy=svd,
        clean_error=readonly(np.sqrt(np.maximum(clean_sq, 0.0) / entries)),
        noisy_error=readonly(np.sqrt(after(s**2) / entries)),
    )
