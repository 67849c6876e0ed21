"""Numbers the SVD and reconstruction pages show, each computed from the matrix and its SVD.

Where the note is loose, these are the precise versions it is compared with:
- σᵢ² are the eigenvalues of SᵀS; the eigenvalues of S itself differ unless S is symmetric PSD;
- summing squared singular values gives ‖S‖²_F (not the determinant); for square S, |det S| = Π σᵢ;
- the note's "before vs after" is the share of energy kept, Σ_{i≤k} σᵢ² / Σ σᵢ².
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg
import scipy.sparse.linalg

from lowrank.svd import (
    SVD,
    cumulative_energy,
    frobenius_error,
    numerical_rank,
    readonly,
    reconstruct,
    spectral_error,
    storage,
)

#: Rank-k guesses for the "try to beat it" box, in the order the page offers them.
GUESS_STRATEGIES: tuple[str, ...] = ("column_span", "kept_columns", "random")


def chop(values: np.ndarray, scale: float, rel: float = 1e-10) -> np.ndarray:
    """``values`` with rounding noise (|x| ≤ rel · scale) set to exactly 0, real and imaginary
    parts separately, so a display shows 0 rather than −1.3e-15."""
    a = np.array(values)
    tol = rel * abs(scale)
    if np.iscomplexobj(a):
        re, im = chop(a.real, scale, rel), chop(a.imag, scale, rel)
        return re + 1j * im if np.any(im) else re
    a = a.astype(np.float64)
    a[np.abs(a) <= tol] = 0.0
    return a


@dataclass(frozen=True)
class EigenComparison:
    """Singular values next to eigenvalues, for the "singular values vs eigenvalues" panel."""

    sigma: np.ndarray  #: σᵢ, descending (p = min(m, n) of them)
    gram_eigenvalues: np.ndarray  #: eigenvalues of SᵀS (n×n), descending; the first p equal σᵢ²
    own_eigenvalues: np.ndarray | None  #: eigenvalues of S (square only), by descending |λ|
    symmetric_psd: bool  #: S is symmetric positive semi-definite (then λᵢ = σᵢ)

    @property
    def sigma_squared(self) -> np.ndarray:
        """σᵢ²."""
        return self.sigma**2

    @property
    def extra_zeros(self) -> int:
        """Eigenvalues of SᵀS beyond the min(m, n) singular values: n − m zeros when m < n."""
        return self.gram_eigenvalues.size - self.sigma.size

    @property
    def own_match_sigma(self) -> bool:
        """True when S is square and its eigenvalues, in order, equal its singular values."""
        if self.own_eigenvalues is None:
            return False
        tol = 1e-9 * max(1.0, float(self.sigma[0]))
        return bool(np.allclose(self.own_eigenvalues, self.sigma, rtol=0.0, atol=tol))


def _by_magnitude(eigenvalues: np.ndarray) -> np.ndarray:
    """Eigenvalues by descending |λ|, then descending real part, then descending imaginary part."""
    order = np.lexsort((-eigenvalues.imag, -eigenvalues.real, -np.round(np.abs(eigenvalues), 12)))
    return eigenvalues[order]


def is_symmetric_psd(matrix: np.ndarray) -> bool:
    """Square, symmetric and with no negative eigenvalue (up to rounding)."""
    s = np.asarray(matrix, dtype=np.float64)
    if s.shape[0] != s.shape[1]:
        return False
    scale = max(1.0, float(np.abs(s).max()))
    if not np.allclose(s, s.T, rtol=0.0, atol=1e-12 * scale):
        return False
    return bool(np.linalg.eigvalsh(s).min() >= -1e-10 * scale * s.shape[0])


def eigen_comparison(matrix: np.ndarray, svd: SVD) -> EigenComparison:
    """σᵢ and the eigenvalues of SᵀS; for square S also the (maybe complex) eigenvalues of S."""
    s = np.asarray(matrix, dtype=np.float64)
    gram = np.linalg.eigvalsh(s.T @ s)[::-1]
    own = None
    if s.shape[0] == s.shape[1]:
        own = _by_magnitude(np.linalg.eigvals(s).astype(np.complex128))
        if not np.any(own.imag):
            own = own.real
    return EigenComparison(np.array(svd.s), gram, own, is_symmetric_psd(s))


@dataclass(frozen=True)
class Orthogonality:
    """UᵀU and VᵀV, which are identity matrices, and how far from I rounding leaves them.

    In a thin SVD of a non-square S one factor is not square (U of a tall S, V of a wide one): its
    columns are orthonormal but it is no orthogonal matrix, since XXᵀ is a projection, not I.
    """

    utu: np.ndarray
    vtv: np.ndarray
    u_deviation: float  #: max |UᵀU − I|
    v_deviation: float  #: max |VᵀV − I|
    non_square: str  #: "U" or "V", the factor that is not square; "" when both are
    non_square_rows: int  #: that factor's number of rows (0 when both are square)
    outer_deviation: float  #: max |XXᵀ − I| of that factor X (0.0 when both are square)


def orthogonality(svd: SVD) -> Orthogonality:
    """UᵀU and VᵀV (with V = (Vᵀ)ᵀ) for the thin or full factors of ``svd``."""
    utu = svd.u.T @ svd.u
    vtv = svd.vt @ svd.vt.T
    non_square = {"U": svd.u, "V": svd.vt.T}
    name = next((n for n, x in non_square.items() if x.shape[0] != x.shape[1]), "")
    outer, rows = 0.0, 0
    if name:
        x = non_square[name]
        rows = x.shape[0]
        outer = float(np.abs(x @ x.T - np.eye(rows)).max())
    return Orthogonality(
        utu,
        vtv,
        float(np.abs(utu - np.eye(utu.shape[0])).max()),
        float(np.abs(vtv - np.eye(vtv.shape[0])).max()),
        name,
        rows,
        outer,
    )


def product_error(matrix: np.ndarray, svd: SVD) -> float:
    """max |U Σ Vᵀ − S|: how far multiplying the factors back lands from S (rounding only)."""
    product = svd.u @ svd.sigma() @ svd.vt
    return float(np.max(np.abs(product - np.asarray(matrix, dtype=np.float64)), initial=0.0))


def spectral_norm(matrix: np.ndarray) -> float:
    """‖A‖₂, the largest singular value, computed from A itself: a full SVD for small matrices,
    Lanczos (ARPACK, fixed start vector, full precision) when min(m, n) > 64."""
    a = np.asarray(matrix, dtype=np.float64)
    if min(a.shape) <= 64 or not np.any(a):
        return float(np.linalg.norm(a, 2))
    start = np.ones(min(a.shape))
    top = scipy.sparse.linalg.svds(a, k=1, v0=start, tol=0, return_singular_vectors=False)
    return float(top[0])


@dataclass(frozen=True)
class RankK:
    """Everything the reconstruction page shows at rank k."""

    k: int
    approx: np.ndarray  #: S_k = Σ_{i≤k} σᵢ uᵢ vᵢᵀ
    residual: np.ndarray  #: S − S_k
    frobenius_direct: float  #: ‖S − S_k‖_F from the entries of S − S_k
    frobenius_formula: float  #: √(Σ_{i>k} σᵢ²)
    spectral_direct: float  #: ‖S − S_k‖₂, the largest singular value of S − S_k
    spectral_formula: float  #: σ_{k+1}
    energy_kept: float  #: Σ_{i≤k} σᵢ² / Σ σᵢ²
    storage: int  #: k(m + n + 1)
    full_storage: int  #: m·n


def rank_k(matrix: np.ndarray, svd: SVD, k: int) -> RankK:
    """The rank-k reconstruction of ``matrix``, its errors two ways (direct and Eckart–Young),
    the energy kept and the storage."""
    s = np.asarray(matrix, dtype=np.float64)
    approx = reconstruct(svd, k)
    residual = s - approx
    m, n = s.shape
    return RankK(  # read-only: one result is shared by every session at this k
        k=k,
        approx=readonly(approx),
        residual=readonly(residual),
        frobenius_direct=float(np.linalg.norm(residual, "fro")),
        frobenius_formula=frobenius_error(svd.s, k),
        spectral_direct=spectral_norm(residual),
        spectral_formula=spectral_error(svd.s, k),
        energy_kept=float(cumulative_energy(svd.s)[k - 1]) if k > 0 else 0.0,
        storage=storage(m, n, k),
        full_storage=m * n,
    )


@dataclass(frozen=True)
class Determinant:
    """det S and Π σᵢ of a square S as a sign and base-10 logarithms, so no size overflows."""

    sign: float  #: −1, 0 or +1
    log10_abs: float  #: log₁₀ |det S| (−inf when det S = 0)
    log10_sigma_product: float  #: log₁₀ Π σᵢ = Σ log₁₀ σᵢ (−inf when some σᵢ = 0); = log₁₀ |det S|
    singular: bool  #: numerical rank < n: det S and Π σᵢ are 0 up to rounding


@dataclass(frozen=True)
class NoteCheck:
    """The note's "before vs after" step, computed two ways, and what the determinant really is."""

    before_entries: float  #: Σᵢⱼ sᵢⱼ² of S = ‖S‖²_F
    before_sigma: float  #: Σ σᵢ²
    after_entries: float  #: Σᵢⱼ of the squared entries of S_k = ‖S_k‖²_F
    after_sigma: float  #: Σ_{i≤k} σᵢ²
    determinant: Determinant | None  #: square S only

    @property
    def kept(self) -> float:
        """Share of energy kept, after / before (1 for a zero matrix)."""
        return self.after_sigma / self.before_sigma if self.before_sigma > 0 else 1.0


def note_check(matrix: np.ndarray, svd: SVD, k: int) -> NoteCheck:
    """Sums of squares before and after keeping k singular values, and det S against Π σᵢ."""
    s = np.asarray(matrix, dtype=np.float64)
    squares = np.asarray(svd.s) ** 2
    determinant = None
    if s.shape[0] == s.shape[1]:
        sign, log_abs = np.linalg.slogdet(s)
        with np.errstate(divide="ignore"):
            log_sigma = float(np.sum(np.log10(svd.s)))
        determinant = Determinant(
            float(sign),
            float(log_abs / np.log(10.0)),
            log_sigma,
            numerical_rank(svd.s, s.shape) < s.shape[0],
        )
    return NoteCheck(
        before_entries=float(np.sum(s**2)),
        before_sigma=float(squares.sum()),
        after_entries=float(np.sum(reconstruct(svd, k) ** 2)),
        after_sigma=float(squares[:k].sum()),
        determinant=determinant,
    )


@dataclass(frozen=True)
class Guess:
    """A rank-≤k approximation that is not the SVD's, and its Frobenius error."""

    strategy: str
    approx: np.ndarray
    frobenius_error: float  #: ‖S − guess‖_F, from the entries
    rank: int  #: numerical rank of the guess (at most k)


def _project(matrix: np.ndarray, basis: np.ndarray) -> tuple[np.ndarray, int]:
    """Q Qᵀ S, Q an orthonormal basis of span(basis): the best fit of S's columns in that span;
    and its rank, read from the small factor QᵀS (no SVD of an m×n matrix)."""
    q = scipy.linalg.orth(basis)
    coefficients = q.T @ matrix
    rank = int(np.linalg.matrix_rank(coefficients)) if coefficients.size else 0
    return q @ coefficients, rank


def guess(matrix: np.ndarray, strategy: str, k: int, seed: int = 0) -> Guess:
    """A competitor to the SVD at rank k, for the "try to beat it" box.

    - ``column_span``: keep the first k columns and fit every column by least squares in their span
      (the note's "the first columns carry the information", made as good as it can be);
    - ``kept_columns``: keep the first k columns as they are and set the others to zero;
    - ``random``: fit every column in the span of k random combinations of the columns, S·Ω with Ω
      an n×k Gaussian matrix drawn with ``seed``.
    """
    s = np.asarray(matrix, dtype=np.float64)
    if not 1 <= k <= min(s.shape):
        raise ValueError(f"rank k={k} outside 1..{min(s.shape)}")
    if strategy == "column_span":
        approx, rank = _project(s, s[:, :k])
    elif strategy == "kept_columns":
        approx = np.zeros_like(s)
        approx[:, :k] = s[:, :k]
        rank = int(np.linalg.matrix_rank(s[:, :k]))
    elif strategy == "random":
        omega = np.random.default_rng(seed).normal(size=(s.shape[1], k))
        approx, rank = _project(s, s @ omega)
    else:
        raise ValueError(f"unknown strategy {strategy!r}")
    error = float(np.linalg.norm(s - approx, "fro"))
    return Guess(strategy, readonly(approx), error, rank)  # read-only: shared across sessions


def guess_verdict(guess_error: float, svd_error: float, scale: float) -> tuple[str, float]:
    """How a guess fared against the SVD at the same rank: ``("tie", 1.0)``, ``("lost", ratio)``
    with ratio = guess error / SVD error, or ``("lost_exact", inf)`` when the SVD is exact.

    Errors within 1e-9 · scale (scale: the size of S, e.g. σ₁) count as equal, since rounding
    alone separates them. A guess never wins (Eckart–Young).
    """
    tol = 1e-9 * max(abs(scale), 1e-300)
    if guess_error <= svd_error + tol:
        return "tie", 1.0
    if svd_error <= tol:
        return "lost_exact", float("inf")
    return "lost", guess_error / svd_error
