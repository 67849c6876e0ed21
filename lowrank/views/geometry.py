"""What /geometry shows: the numbers of S = UΣVᵀ for a 2×2 S, the sentences about its factors and
eigenvectors, and the settings of the browser's view (lowrank/ui/geometry.js).

Texts come from the catalogue through ``t`` (a page's translator); every number is the core's
(:mod:`lowrank.geometry`), written by :mod:`lowrank.formatting`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable

import numpy as np

from lowrank import formatting as fmt
from lowrank.geometry import Geometry

Translate = Callable[..., str]

#: The labels the browser's view writes, by its name for them (geometry.js reads `data.labels`).
JS_LABELS: tuple[str, ...] = (
    "play",
    "pause",
    "back",
    "next",
    "scrubber",
    "download",
    "hint",
    "legend",
    "matrix",
    "area",
    "energy",
    "stage0",
    "stage1",
    "stage2",
    "stage2_reflection",
    "stage3",
    "stage3_rank1",
    "alt",
)


def degrees(value: float) -> str:
    """An angle in degrees, four significant digits, as the browser's view writes it."""
    return fmt.number(value, 4, scale=360.0)


def line_angle(direction: np.ndarray) -> float:
    """The angle (degrees, in (−90, 90]) of the line through the origin along ``direction``."""
    angle = math.degrees(math.atan2(float(direction[1]), float(direction[0])))
    if angle > 90:
        angle -= 180
    elif angle <= -90:
        angle += 180
    return angle


def numbers(g: Geometry) -> dict[str, str]:
    """The page's numbers by name: σ's, det, area factor, ellipse area, energy, rank-1 ones."""
    scale = number_scale(g)
    square = scale**2
    return {
        "sigma1": fmt.number(g.s[0]),
        "sigma2": fmt.number(g.s[1], scale=scale),
        "det": fmt.number(g.det, scale=square),
        "area": fmt.number(g.area_factor, scale=square),
        "ellipse": fmt.number(g.ellipse_area, scale=square),
        "energy": fmt.number(g.energy),
        "kept1": fmt.percent(g.rank1_kept),
        "error1": fmt.number(g.rank1_error, scale=scale),
    }


def number_scale(g: Geometry) -> float:
    """The scale the page's numbers are written against: σ₁ (a tiny positive stand-in for S = 0),
    so that rounding noise far below σ₁ reads as 0."""
    return max(float(g.s[0]), 1e-300)


def matrix_text(m: np.ndarray, scale: float) -> str:
    """A 2×2 as ``[[a, b], [c, d]]`` with the page's numbers."""
    rows = [", ".join(fmt.number(x, scale=scale) for x in row) for row in np.asarray(m)]
    return "[" + ", ".join(f"[{row}]" for row in rows) + "]"


def factor_lines(g: Geometry, t: Translate) -> list[str]:
    """One sentence per factor: Vᵀ (a rotation), Σ (the stretch), U (a rotation or reflection)."""
    scale = number_scale(g)
    lines = [
        t("geo.factor.vt", angle=degrees(-g.v_factor.angle), v=degrees(g.v_factor.angle)),
        t("geo.factor.sigma", s1=fmt.number(g.s[0]), s2=fmt.number(g.s[1], scale=scale)),
    ]
    if g.u_factor.kind == "reflection":
        mirror = g.u_factor.mirror or 0.0
        lines.append(
            t("geo.factor.u.reflection", angle=degrees(g.u_factor.angle), mirror=degrees(mirror))
        )
    else:
        lines.append(t("geo.factor.u.rotation", angle=degrees(g.u_factor.angle)))
    return lines


def convention_line(g: Geometry, t: Translate) -> str:
    """Why U is a rotation or a reflection here: the sign of det S (or a zero σ₂)."""
    if g.rank < 2:
        return t("geo.sign.singular")
    return t("geo.sign.negative" if g.det < 0 else "geo.sign.positive")


def eigen_line(g: Geometry, t: Translate) -> str:
    """Eigen vs singular, in words with the numbers, for the case S is in."""
    e = g.eigen
    scale = number_scale(g)
    l1, l2 = (fmt.number(value, scale=scale) for value in e.values)
    v1 = degrees(line_angle(g.vt[0]))
    v2 = degrees(line_angle(g.vt[1]))
    if not e.real:
        return t("geo.eigen.complex", l1=l1, l2=l2, v1=v1, v2=v2)
    if e.directions is None:
        return t("geo.eigen.every", l1=l1)
    angles = [degrees(line_angle(e.directions[:, j])) for j in range(e.directions.shape[1])]
    if len(angles) == 1:
        return t("geo.eigen.one", a1=angles[0], l1=l1, v1=v1, v2=v2)
    if e.match_singular:
        return t("geo.eigen.symmetric", a1=angles[0], a2=angles[1], l1=l1, l2=l2)
    if e.perpendicular:
        return t("geo.eigen.equal_sigma", a1=angles[0], a2=angles[1], l1=l1, l2=l2)
    cosine = abs(float(e.directions[:, 0] @ e.directions[:, 1]))
    between = degrees(math.degrees(math.acos(min(1.0, cosine))))
    return t(
        "geo.eigen.oblique", a1=angles[0], a2=angles[1], l1=l1, l2=l2, between=between, v1=v1, v2=v2
    )


def note_numbers(g: Geometry, t: Translate) -> str:
    """The "in the note" box's live line: |det S| = σ₁σ₂ against σ₁² + σ₂² for this S."""
    n = numbers(g)
    return t("geo.note.live", det=n["det"], area=n["area"], energy=n["energy"])


def view_data(entries: tuple[float, ...], rank: int, t: Translate) -> str:
    """The browser view's settings as JSON: the matrix, the rank shown (1 or 2), the labels."""
    labels = {name: t(f"geo.js.{name}") for name in JS_LABELS}
    return json.dumps(
        {"matrix": [float(x) for x in entries], "rank": int(rank), "labels": labels},
        ensure_ascii=False,
    )
