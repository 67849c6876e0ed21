"""The geometry of a 2×2 matrix S = UΣVᵀ: the unit circle, rotated, stretched, rotated.

Sign convention (chosen so that the picture is honest and never flips between runs):
- V is always a rotation (det V = +1), with v₁ in the right half-plane (its angle in (−90°, 90°]);
  when σ₁ = σ₂ any V would do, and V = I (S is σ₁ times U: a scaled rotation or reflection);
- U is then a rotation when det S > 0 and a reflection (det U = −1) when det S < 0, since
  det S = det U · σ₁σ₂ · det V. When σ₂ is numerically 0 (rank ≤ 1) u₂ does not matter and U is
  chosen a rotation.
A rotation by θ is R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]]; a reflection is written R(α)·F with
F = diag(1, −1) (a flip of the y axis) and α the angle of its first column: it mirrors the plane
across the line at angle α/2.

The animation of S x = U(Σ(Vᵀx)) runs on t ∈ [0, 3]: Vᵀ on [0, 1] (rotation by −θ_V, angle
interpolated), Σ on [1, 2] (each axis scaled from 1 to σᵢ), U on [2, 3]: a rotation by α, or for a
reflection first the flip F (the y axis scaled from 1 through 0 to −1: the picture passes through
a segment, which no rotation does) and then the rotation by α.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from lowrank.errors import InputError

#: Largest |entry| accepted from the user or the URL: the picture stays readable.
MAX_ENTRY = 10.0

_COS40, _SIN40 = math.cos(math.radians(40)), math.sin(math.radians(40))
#: The presets, row-major (a, b, c, d) for S = [[a, b], [c, d]], in the order the page offers them.
PRESETS: dict[str, tuple[float, float, float, float]] = {
    "shear": (1.0, 1.0, 0.0, 1.0),
    "rotation": (_COS40, -_SIN40, _SIN40, _COS40),
    "symmetric": (2.0, 1.0, 1.0, 2.0),
    "projection": (0.5, 0.5, 0.5, 0.5),
    "note": (2.0, 1.0, 4.0, 2.1),
    "reflection": (1.0, 1.0, 1.5, -0.5),
}
DEFAULT_PRESET = "shear"


def rotation(theta: float) -> np.ndarray:
    """R(θ), θ in radians."""
    c, s = math.cos(theta), math.sin(theta)
    return np.array([[c, -s], [s, c]])


FLIP = np.diag([1.0, -1.0])


@dataclass(frozen=True)
class Orthogonal:
    """A 2×2 orthogonal factor: a rotation by ``angle`` or a reflection R(angle)·F (degrees)."""

    kind: str  #: "rotation" or "reflection"
    angle: float  #: degrees in (−180, 180]: the angle of the first column

    @property
    def mirror(self) -> float | None:
        """For a reflection, the angle (degrees) of the line it mirrors across."""
        return self.angle / 2 if self.kind == "reflection" else None


@dataclass(frozen=True)
class Eigen:
    """The eigenvalues of S and, when they are real, its eigenvector directions."""

    values: tuple[complex, complex]  #: by descending |λ|
    real: bool
    #: unit eigenvector directions as columns (0 to 2 of them); None when every direction is one
    #: (S = λI); empty when the eigenvalues are complex
    directions: np.ndarray | None
    perpendicular: bool  #: two distinct directions at right angles
    match_singular: bool  #: two directions, each ±v₁ or ±v₂, with σ₁ > σ₂


@dataclass(frozen=True)
class Geometry:
    """Everything the /geometry page shows about one 2×2 matrix (see the module docstring)."""

    matrix: np.ndarray
    u: np.ndarray
    s: np.ndarray  #: σ₁ ≥ σ₂ ≥ 0
    vt: np.ndarray
    u_factor: Orthogonal
    v_factor: Orthogonal  #: always a rotation
    det: float
    eigen: Eigen

    @property
    def area_factor(self) -> float:
        """|det S| = σ₁σ₂: how S scales areas (the ellipse's area is π|det S|)."""
        return float(self.s[0] * self.s[1])

    @property
    def ellipse_area(self) -> float:
        return math.pi * self.area_factor

    @property
    def energy(self) -> float:
        """σ₁² + σ₂² = ‖S‖²_F."""
        return float(self.s[0] ** 2 + self.s[1] ** 2)

    @property
    def rank1(self) -> np.ndarray:
        """S₁ = σ₁u₁v₁ᵀ, the best rank-1 approximation."""
        return float(self.s[0]) * np.outer(self.u[:, 0], self.vt[0])

    @property
    def rank1_error(self) -> float:
        """‖S − S₁‖_F, computed from the entries (it equals σ₂)."""
        return float(np.linalg.norm(self.matrix - self.rank1))

    @property
    def rank1_kept(self) -> float:
        """The share of the energy S₁ keeps, σ₁² / (σ₁² + σ₂²) (1 for S = 0)."""
        return float(self.s[0] ** 2 / self.energy) if self.energy > 0 else 1.0

    @property
    def rank(self) -> int:
        return int(np.count_nonzero(self.s > _tolerance(self.s)))


def _tolerance(s: np.ndarray) -> float:
    """numpy's matrix_rank tolerance for a 2×2: 2 · eps · σ₁."""
    return 2 * float(np.finfo(np.float64).eps) * float(s[0])


def _angle(column: np.ndarray) -> float:
    """The angle of a vector in degrees, in (−180, 180]."""
    degrees = math.degrees(math.atan2(float(column[1]), float(column[0])))
    return 180.0 if degrees == -180.0 else degrees


def _orthogonal(q: np.ndarray) -> Orthogonal:
    return Orthogonal("rotation" if np.linalg.det(q) > 0 else "reflection", _angle(q[:, 0]))


def as_matrix(entries: tuple[float, ...] | list[float] | np.ndarray) -> np.ndarray:
    """(a, b, c, d) or a 2×2 array as a float 2×2 array."""
    return np.asarray(entries, dtype=np.float64).reshape(2, 2)


def decompose(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """U, σ, Vᵀ of a 2×2 S with the module's sign convention."""
    a = as_matrix(matrix)
    u, s, vt = np.linalg.svd(a)
    if s[0] - s[1] <= 1e-12 * s[0]:  # σ₁ = σ₂: every V works; take V = I, so U does it all
        return u @ vt, s, np.eye(2)
    v = vt.T.copy()
    if np.linalg.det(v) < 0:  # flip v₂ and u₂ together: S is unchanged, V becomes a rotation
        v[:, 1] *= -1
        u[:, 1] *= -1
    if s[1] <= _tolerance(s) and np.linalg.det(u) < 0:  # σ₂ = 0: u₂ is free
        u[:, 1] *= -1
    if v[0, 0] < 0 or (v[0, 0] == 0 and v[1, 0] < 0):  # v₁ into the right half-plane
        u, v = -u, -v  # det of a negated 2×2 is unchanged
    return u, s, v.T


def _null_direction(a: np.ndarray) -> np.ndarray:
    """A unit vector x with a x ≈ 0 (the last right singular vector of a)."""
    return np.linalg.svd(a)[2][-1]


def eigen(matrix: np.ndarray, v: np.ndarray, s: np.ndarray) -> Eigen:
    """Eigenvalues of S, its real eigenvector directions, and how they sit against V's columns."""
    a = as_matrix(matrix)
    scale = max(float(s[0]), 1e-300)
    trace = float(np.trace(a))
    # tr² − 4 det, written without its cancellation: (a − d)² + 4bc
    disc = float((a[0, 0] - a[1, 1]) ** 2 + 4 * a[0, 1] * a[1, 0])
    if disc < -1e-12 * scale**2:  # complex pair (a tiny negative disc is a repeated root)
        root = complex(0, math.sqrt(-disc)) / 2
        values = (trace / 2 + root, trace / 2 - root)
        return Eigen(values, False, np.zeros((2, 0)), False, False)
    root = math.sqrt(max(disc, 0.0)) / 2
    pair = sorted((trace / 2 + root, trace / 2 - root), key=abs, reverse=True)
    values = (complex(pair[0]), complex(pair[1]))
    if np.linalg.norm(a - pair[0] * np.eye(2)) <= 1e-9 * scale:  # S = λI: every direction
        return Eigen(values, True, None, False, False)
    if abs(pair[0] - pair[1]) <= 1e-9 * scale:  # a repeated eigenvalue of a defective S
        directions = _null_direction(a - pair[0] * np.eye(2))[:, None]
    else:
        directions = np.column_stack([_null_direction(a - lam * np.eye(2)) for lam in pair])
    two = directions.shape[1] == 2
    perpendicular = two and abs(float(directions[:, 0] @ directions[:, 1])) <= 1e-9
    # each eigenvector along a different one of v₁, v₂ (|cos| = 1), the vᵢ being unique: two
    # nearly parallel eigenvectors both along v₂ do not match. Only in order: eigenvectors along
    # v₁ and v₂ are perpendicular, so S is symmetric, and then |λᵢ| = σᵢ, both sorted descending.
    along = two and bool(np.all(np.abs(np.diag(v.T @ directions)) >= 1 - 1e-9))
    match = bool(along and s[0] - s[1] > 1e-9 * scale)
    return Eigen(values, True, directions, perpendicular, match)


def geometry(matrix: np.ndarray | tuple[float, ...]) -> Geometry:
    """The SVD of a 2×2 S with its factors named, its areas, energies and eigenvectors."""
    a = as_matrix(matrix)
    if not np.isfinite(a).all():
        raise InputError("geo.error.number", value="NaN")
    u, s, vt = decompose(a)
    return Geometry(
        matrix=a,
        u=u,
        s=s,
        vt=vt,
        u_factor=_orthogonal(u),
        v_factor=_orthogonal(vt.T),
        det=float(np.linalg.det(a)),
        eigen=eigen(a, vt.T, s),
    )


def stage_matrix(g: Geometry, t: float, rank: int = 2) -> np.ndarray:
    """The linear map the animation has applied at t ∈ [0, 3] (see the module docstring).

    At t = 1, 2, 3 it is Vᵀ, ΣVᵀ and UΣVᵀ = S; with ``rank`` 1, Σ keeps only σ₁ and t = 3 gives S₁.
    """
    t = min(max(float(t), 0.0), 3.0)
    theta_v = math.radians(g.v_factor.angle)
    if t <= 1:
        return rotation(-t * theta_v)
    sigma = np.array([g.s[0], g.s[1] if rank == 2 else 0.0])
    vt = rotation(-theta_v)
    if t <= 2:
        return np.diag(1 + (t - 1) * (sigma - 1)) @ vt
    stretched = np.diag(sigma) @ vt
    alpha = math.radians(g.u_factor.angle)
    step = t - 2
    if g.u_factor.kind == "rotation":
        return rotation(step * alpha) @ stretched
    if step <= 0.5:  # the flip: y scaled from 1 through 0 to −1
        return np.diag([1.0, 1 - 4 * step]) @ stretched
    return rotation((2 * step - 1) * alpha) @ FLIP @ stretched


def unit_circle(count: int = 181) -> np.ndarray:
    """``count`` points of the unit circle as columns (the first repeated at the end)."""
    angles = np.linspace(0, 2 * math.pi, count)
    return np.vstack([np.cos(angles), np.sin(angles)])


def path_points(g: Geometry, t: float, points: np.ndarray, rank: int = 2) -> np.ndarray:
    """``points`` (columns) after the part of S x = U(Σ(Vᵀx)) done at time t."""
    return stage_matrix(g, t, rank) @ points


_SEPARATORS = re.compile(r"[,;\s]+")


def parse_entries(raw: str) -> tuple[float, float, float, float]:
    """``a,b,c,d`` (row-major; commas, semicolons or spaces) as four finite numbers, each within
    ±:data:`MAX_ENTRY`. Raises :class:`InputError` with a key the page translates."""
    cells = [cell for cell in _SEPARATORS.split(raw.strip()) if cell]
    if len(cells) != 4:
        raise InputError("geo.error.count", count=len(cells))
    values = []
    for cell in cells:
        try:
            value = float(cell)
        except ValueError:
            raise InputError("geo.error.number", value=cell) from None
        if not math.isfinite(value):
            raise InputError("geo.error.number", value=cell)
        if abs(value) > MAX_ENTRY:
            raise InputError("geo.error.range", value=cell, limit=f"{MAX_ENTRY:g}")
        values.append(value)
    return values[0], values[1], values[2], values[3]


def format_entries(entries: tuple[float, ...] | np.ndarray) -> str:
    """The URL form ``a,b,c,d`` of a matrix (six significant digits, ``-0`` written ``0``)."""
    return ",".join(f"{float(x) + 0.0:.6g}" for x in np.ravel(entries))
