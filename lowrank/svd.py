"""The singular value decomposition and everything a page derives from it.

Conventions used throughout the app:
- singular values ``s`` are descending and non-negative;
- signs are deterministic: in each left singular vector uᵢ the entry of largest magnitude (the first
  such entry on a tie) is positive, and vᵢ is flipped with it, so pictures never flip between runs;
- "energy" is the squared Frobenius norm, ‖S‖²_F = Σᵢⱼ sᵢⱼ² = Σ σᵢ² (not the determinant).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg

from lowrank.errors import InputError

#: Largest matrix accepted from the user (typed or uploaded), rows × columns.
MAX_MATRIX_SHAPE: tuple[int, int] = (200, 200)


@dataclass(frozen=True)
class SVD:
    """S = U Σ Vᵀ. Thin: U is m×p, Vᵀ is p×n with p = min(m, n). Full: U is m×m, Vᵀ is n×n.

    Arrays are read-only so that one cached decomposition can be shared by many sessions.
    """

    u: np.ndarray
    s: np.ndarray
    vt: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        """Shape (m, n) of the decomposed matrix."""
        return self.u.shape[0], self.vt.shape[1]

    @property
    def full(self) -> bool:
        """True when U and Vᵀ are square (the full SVD), False for the thin one."""
        return self.u.shape[0] == self.u.shape[1] and self.vt.shape[0] == self.vt.shape[1]

    def sigma(self) -> np.ndarray:
        """Σ as a matrix with U's column count × Vᵀ's row count (d×k for full, p×p for thin)."""
        out = np.zeros((self.u.shape[1], self.vt.shape[0]))
        np.fill_diagonal(out, self.s)
        return out


def readonly(array: np.ndarray) -> np.ndarray:
    """Return ``array`` marked read-only (for values cached and shared across sessions)."""
    array.setflags(write=False)
    return array


def _positive_pivots(vectors: np.ndarray) -> np.ndarray:
    """+1/−1 per column so that each column's largest-magnitude entry becomes positive."""
    magnitude = np.abs(vectors)
    tol = 1e-9 * (magnitude.max(axis=0, initial=0.0) + 1e-300)
    pivot = np.argmax(magnitude >= magnitude.max(axis=0, initial=0.0) - tol, axis=0)
    values = vectors[pivot, np.arange(vectors.shape[1])]
    return np.where(values < 0, -1.0, 1.0)


def decompose(matrix: np.ndarray, full: bool = False) -> SVD:
    """SVD of a real matrix with descending σ and deterministic signs (see module docstring)."""
    a = np.asarray(matrix, dtype=np.float64)
    if a.ndim != 2 or a.size == 0:
        raise InputError("error.not_matrix")
    if not np.isfinite(a).all():
        raise ValueError("the matrix must not contain NaN or infinity")
    try:  # numpy's gesdd releases the GIL (scipy's wrapper does not): other sessions keep running
        u, s, vt = np.linalg.svd(a, full_matrices=full)
    except np.linalg.LinAlgError:  # gesdd can fail to converge on rare inputs; gesvd is robust
        u, s, vt = scipy.linalg.svd(a, full_matrices=full, lapack_driver="gesvd")
    p = s.size
    signs = _positive_pivots(u[:, :p])
    u[:, :p] *= signs
    vt[:p] *= signs[:, None]
    if full:  # the completing columns (null spaces) get the same rule, independently
        u[:, p:] *= _positive_pivots(u[:, p:])
        vt[p:] *= _positive_pivots(vt[p:].T)[:, None]
    return SVD(readonly(u), readonly(s), readonly(vt))


def _check_rank(s: np.ndarray, k: int) -> int:
    if not 0 <= k <= s.size:
        raise ValueError(f"rank k={k} outside 0..{s.size}")
    return int(k)


def reconstruct(svd: SVD, k: int) -> np.ndarray:
    """S_k = Σ_{i≤k} σᵢ uᵢ vᵢᵀ, the best rank-k approximation (Eckart–Young–Mirsky)."""
    k = _check_rank(svd.s, k)
    return (svd.u[:, :k] * svd.s[:k]) @ svd.vt[:k]


def rank_one_layers(svd: SVD, k: int) -> np.ndarray:
    """The first k layers σᵢ uᵢ vᵢᵀ as an array of shape (k, m, n); they sum to S_k."""
    k = _check_rank(svd.s, k)
    return np.einsum("i,mi,in->imn", svd.s[:k], svd.u[:, :k], svd.vt[:k])


def energy(s: np.ndarray) -> np.ndarray:
    """Share of ‖S‖²_F carried by each singular value: σᵢ² / Σ σⱼ² (all zeros for a zero matrix)."""
    squares = np.asarray(s, dtype=np.float64) ** 2
    total = squares.sum()
    return squares / total if total > 0 else np.zeros_like(squares)


def cumulative_energy(s: np.ndarray) -> np.ndarray:
    """Energy kept at rank k = 1..p: Σ_{i≤k} σᵢ² / Σ σᵢ². Non-decreasing, ends at exactly 1.

    A zero matrix has nothing to lose, so every rank keeps all of it (ones).
    """
    squares = np.asarray(s, dtype=np.float64) ** 2
    total = squares.sum()
    if total == 0:
        return np.ones_like(squares)
    kept = np.cumsum(squares) / total
    kept[-1] = 1.0
    return np.minimum(np.maximum.accumulate(kept), 1.0)


def rank_for_energy(s: np.ndarray, share: float) -> int:
    """Smallest k whose rank-k approximation keeps at least ``share`` (0 < share ≤ 1) of energy."""
    if not 0 < share <= 1:
        raise ValueError(f"share {share} outside (0, 1]")
    kept = cumulative_energy(s)
    if kept.size == 0 or not np.any(np.asarray(s) > 0):
        return 0
    return int(np.searchsorted(kept, share - 1e-12) + 1)


def frobenius_error(s: np.ndarray, k: int) -> float:
    """‖S − S_k‖_F = √(Σ_{i>k} σᵢ²)."""
    k = _check_rank(s, k)
    return float(np.sqrt(np.sum(np.asarray(s[k:], dtype=np.float64) ** 2)))


def spectral_error(s: np.ndarray, k: int) -> float:
    """‖S − S_k‖₂ = σ_{k+1} (zero when k keeps every singular value)."""
    k = _check_rank(s, k)
    return float(s[k]) if k < s.size else 0.0


def storage(m: int, n: int, k: int) -> int:
    """Numbers stored for a rank-k approximation of an m×n matrix: k columns of U, k of V, k σ's."""
    return int(k) * (int(m) + int(n) + 1)


def default_tolerance(s: np.ndarray, shape: tuple[int, int]) -> float:
    """numpy's ``matrix_rank`` tolerance: σ₁ · max(m, n) · machine epsilon."""
    largest = float(s[0]) if np.size(s) else 0.0
    return largest * max(shape) * float(np.finfo(np.float64).eps)


def numerical_rank(s: np.ndarray, shape: tuple[int, int], tol: float | None = None) -> int:
    """Number of singular values above ``tol`` (default: :func:`default_tolerance`)."""
    threshold = default_tolerance(s, shape) if tol is None else tol
    return int(np.count_nonzero(np.asarray(s) > threshold))


def as_matrix(data: object, max_shape: tuple[int, int] = MAX_MATRIX_SHAPE) -> np.ndarray:
    """Validate user data as a finite real 2-D matrix no larger than ``max_shape``.

    Raises :class:`InputError` with key ``error.ragged``, ``error.non_numeric``,
    ``error.one_dimensional``, ``error.not_matrix``, ``error.empty``, ``error.non_finite`` or
    ``error.too_large``; the key's parameters say where the problem is.
    """
    if isinstance(data, (str, bytes)):
        raise InputError("error.non_numeric", value=str(data)[:20])
    try:
        raw = np.asarray(data, dtype=object)
    except ValueError:  # numpy refuses nested sequences of unequal length
        raise InputError("error.ragged") from None
    if raw.size == 0:
        raise InputError("error.empty")
    if raw.ndim < 2:
        if raw.ndim == 1 and any(isinstance(row, (list, tuple, np.ndarray)) for row in raw):
            raise InputError("error.ragged")
        raise InputError("error.one_dimensional")
    if raw.ndim > 2:
        raise InputError("error.not_matrix")
    rows, cols = raw.shape
    if rows > max_shape[0] or cols > max_shape[1]:
        raise InputError(
            "error.too_large", rows=rows, cols=cols, max_rows=max_shape[0], max_cols=max_shape[1]
        )
    matrix = np.empty(raw.shape, dtype=np.float64)
    for (i, j), value in np.ndenumerate(raw):
        if isinstance(value, (complex, np.complexfloating)) or value is None:
            raise InputError("error.non_numeric", row=i + 1, col=j + 1, value=str(value)[:20])
        try:
            matrix[i, j] = float(str(value).strip()) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            raise InputError(
                "error.non_numeric", row=i + 1, col=j + 1, value=str(value)[:20]
            ) from None
    bad = np.argwhere(~np.isfinite(matrix))
    if bad.size:
        i, j = bad[0]
        raise InputError("error.non_finite", row=int(i) + 1, col=int(j) + 1, count=len(bad))
    return matrix
