"""lowrank.geometry against numpy's svd and eig, at many 2×2 matrices (degenerate ones included)."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lowrank import geometry as geo
from lowrank.errors import InputError

#: Integer entries hit the degenerate cases often (S = 0, rank 1, symmetric, σ₁ = σ₂, det < 0).
integers = st.tuples(*[st.integers(-3, 3).map(float)] * 4)
#: Entries as a page can hold them: six decimals at most (typed, dragged or from the URL).
floats = st.tuples(*[st.floats(-10, 10, allow_nan=False, width=64).map(lambda x: round(x, 6))] * 4)
entries = st.one_of(integers, floats)

DEGENERATE = [
    (0.0, 0.0, 0.0, 0.0),  # S = 0
    (2.0, 0.0, 0.0, 2.0),  # σ₁ = σ₂, S = 2I
    (0.0, -3.0, 3.0, 0.0),  # σ₁ = σ₂, a scaled rotation
    (0.0, 1.0, 1.0, 0.0),  # a reflection, σ₁ = σ₂
    (1.0, 2.0, 2.0, 4.0),  # rank 1
    (0.0, 1.0, 0.0, 0.0),  # rank 1, nilpotent
    (1.0, 0.0, 0.0, -1.0),  # the flip F
    (-1.0, 0.0, 0.0, -1.0),  # a half turn
    (0.3, 0.0, 0.0, -0.2),  # energy below 1
]


def numpy_sigma(m: tuple[float, ...]) -> np.ndarray:
    return np.linalg.svd(np.reshape(m, (2, 2)), compute_uv=False)


def check_factors(m: tuple[float, ...]) -> None:
    s = np.reshape(m, (2, 2))
    g = geo.geometry(m)
    scale = max(1.0, float(numpy_sigma(m)[0]))
    np.testing.assert_allclose(g.s, numpy_sigma(m), atol=1e-12 * scale)
    np.testing.assert_allclose(g.u @ np.diag(g.s) @ g.vt, s, atol=1e-11 * scale)
    np.testing.assert_allclose(g.u.T @ g.u, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(g.vt @ g.vt.T, np.eye(2), atol=1e-12)
    assert g.s[0] >= g.s[1] >= 0
    # V is a rotation, with v₁ in the right half-plane; U a reflection exactly when det S < 0
    assert np.linalg.det(g.vt) == pytest.approx(1.0)
    assert g.v_factor.kind == "rotation" and -90 < g.v_factor.angle <= 90
    det = float(np.linalg.det(s))
    if g.s[1] > 1e-9 * scale:
        assert g.u_factor.kind == ("reflection" if det < 0 else "rotation")
        assert np.linalg.det(g.u) * np.linalg.det(g.vt) == pytest.approx(math.copysign(1, det))
    else:
        assert g.u_factor.kind == "rotation"
    # each factor is what its name and angle say
    alpha = math.radians(g.u_factor.angle)
    named_u = geo.rotation(alpha) @ (geo.FLIP if g.u_factor.kind == "reflection" else np.eye(2))
    np.testing.assert_allclose(named_u, g.u, atol=1e-12)
    np.testing.assert_allclose(geo.rotation(math.radians(g.v_factor.angle)), g.vt.T, atol=1e-12)
    if g.u_factor.kind == "reflection":  # it fixes its mirror line, at angle α/2
        mirror = math.radians(g.u_factor.mirror or 0.0)
        assert g.u_factor.mirror == pytest.approx(g.u_factor.angle / 2)
        line = np.array([math.cos(mirror), math.sin(mirror)])
        np.testing.assert_allclose(g.u @ line, line, atol=1e-12)
    # determinant, area, energy, rank 1
    assert g.det == pytest.approx(det, abs=1e-12 * scale**2)
    assert g.area_factor == pytest.approx(abs(det), abs=1e-11 * scale**2)
    assert g.ellipse_area == pytest.approx(math.pi * abs(det), abs=1e-10 * scale**2)
    assert g.energy == pytest.approx(float(np.sum(s**2)), rel=1e-12, abs=1e-300)
    u, sigma, vt = np.linalg.svd(s)
    best = sigma[0] * np.outer(u[:, 0], vt[0])
    np.testing.assert_allclose(g.rank1, best, atol=1e-11 * scale)
    assert g.rank1_error == pytest.approx(sigma[1], abs=1e-11 * scale)
    if sigma[0] > 0:
        assert g.rank1_kept == pytest.approx(sigma[0] ** 2 / np.sum(sigma**2))
    assert g.rank == np.linalg.matrix_rank(s)


@settings(max_examples=400)
@given(entries)
def test_factors_against_numpy(m):
    check_factors(m)


@pytest.mark.parametrize("m", DEGENERATE + list(geo.PRESETS.values()))
def test_factors_at_degenerate_matrices_and_presets(m):
    check_factors(m)


def check_eigen(m: tuple[float, ...]) -> None:
    s = np.reshape(m, (2, 2))
    g = geo.geometry(m)
    e = g.eigen
    scale = max(1.0, float(numpy_sigma(m)[0]))
    expected = sorted(np.linalg.eigvals(s), key=abs, reverse=True)
    shown = np.array(e.values)
    # a repeated eigenvalue of a defective matrix is only found to √eps by eig
    for value in expected:
        assert np.min(np.abs(shown - value)) <= 1e-6 * scale
    real = all(abs(complex(v).imag) <= 1e-7 * scale for v in expected)
    if abs(np.trace(s) ** 2 - 4 * np.linalg.det(s)) > 1e-6 * scale**2:
        assert e.real == real
    if not e.real:
        assert e.directions is not None and e.directions.shape == (2, 0)
        return
    if e.directions is None:  # every direction: S = λI
        np.testing.assert_allclose(s, e.values[0].real * np.eye(2), atol=1e-9 * scale)
        return
    for j in range(e.directions.shape[1]):
        d = e.directions[:, j]
        assert np.linalg.norm(d) == pytest.approx(1.0)
        lam = (d @ s @ d).real
        np.testing.assert_allclose(s @ d, lam * d, atol=1e-6 * scale)
    if e.directions.shape[1] == 2:
        cos = abs(float(e.directions[:, 0] @ e.directions[:, 1]))
        assert e.perpendicular == (cos <= 1e-9)
    symmetric = np.allclose(s, s.T, atol=1e-12 * scale)
    distinct = abs(abs(expected[0]) - abs(expected[1])) > 1e-6 * scale
    if distinct:  # eigenvectors are the singular vectors exactly when S is symmetric
        assert e.match_singular == symmetric
        if symmetric:
            assert e.perpendicular


@settings(max_examples=400)
@given(entries)
def test_eigen_against_numpy(m):
    check_eigen(m)


@pytest.mark.parametrize("m", DEGENERATE + list(geo.PRESETS.values()))
def test_eigen_at_degenerate_matrices_and_presets(m):
    check_eigen(m)


def test_the_presets_are_what_their_names_say():
    shear, rotation, symmetric, projection, note, reflection = (
        geo.geometry(geo.PRESETS[name])
        for name in ("shear", "rotation", "symmetric", "projection", "note", "reflection")
    )
    assert shear.eigen.real and shear.eigen.directions is not None
    assert shear.eigen.directions.shape == (2, 1)  # one eigenvector direction only (defective)
    assert not rotation.eigen.real and rotation.s[0] == pytest.approx(rotation.s[1])
    assert rotation.u_factor.angle == pytest.approx(40) and rotation.v_factor.angle == 0
    assert symmetric.eigen.match_singular and symmetric.eigen.perpendicular
    assert projection.rank == 1 and projection.area_factor == pytest.approx(0, abs=1e-15)
    assert note.s[1] < 0.01 * note.s[0]
    assert reflection.det < 0 and reflection.u_factor.kind == "reflection"
    assert reflection.eigen.real and not reflection.eigen.perpendicular


def test_two_nearly_parallel_eigenvectors_along_one_singular_vector_do_not_match():
    g = geo.geometry((0.0, 0.0, 3.0, 1e-4))  # found by hypothesis: both eigenvectors ≈ v₂
    assert g.eigen.real and g.eigen.directions.shape == (2, 2)
    assert not g.eigen.perpendicular and not g.eigen.match_singular


def test_shear_eigenvectors_are_not_perpendicular():
    g = geo.geometry((1.0, 1.0, 0.5, 2.0))  # distinct real eigenvalues, not symmetric
    assert g.eigen.real and g.eigen.directions is not None and g.eigen.directions.shape == (2, 2)
    assert not g.eigen.perpendicular and not g.eigen.match_singular


@settings(max_examples=200)
@given(entries, st.sampled_from([1, 2]))
def test_the_path_goes_through_each_factor(m, rank):
    g = geo.geometry(m)
    sigma = np.diag([g.s[0], g.s[1] if rank == 2 else 0.0])
    x = geo.unit_circle(13)
    target = g.u @ sigma @ g.vt
    scale = max(1.0, float(g.s[0]))
    for t, expected in ((0, x), (1, g.vt @ x), (2, sigma @ g.vt @ x), (3, target @ x)):
        np.testing.assert_allclose(geo.path_points(g, t, x, rank), expected, atol=1e-11 * scale)
    # within Vᵀ and within U's rotation the circle only turns: lengths stay
    for t in (0.3, 0.7):
        np.testing.assert_allclose(np.linalg.norm(geo.path_points(g, t, x), axis=0), 1.0)
    if g.u_factor.kind == "reflection":  # the flip passes through a segment at t = 2.25
        flat = geo.stage_matrix(g, 2.25, rank)
        assert abs(np.linalg.det(flat)) <= 1e-12 * scale**2
        assert np.allclose((flat @ x)[1], 0)
    else:
        lengths = np.linalg.norm(geo.path_points(g, 2.5, x, rank), axis=0)
        expected = np.linalg.norm(sigma @ g.vt @ x, axis=0)
        np.testing.assert_allclose(lengths, expected, atol=1e-12 * scale)


def test_rank_one_path_ends_on_a_segment():
    g = geo.geometry(geo.PRESETS["symmetric"])
    end = geo.path_points(g, 3, geo.unit_circle(361), rank=1)
    across = g.u[0, 0] * end[1] - g.u[1, 0] * end[0]  # the part off the line of u₁
    np.testing.assert_allclose(across, 0, atol=1e-12)
    assert np.max(np.linalg.norm(end, axis=0)) == pytest.approx(g.s[0], rel=1e-4)


def test_the_path_draws_both_singular_values_by_default():
    g = geo.geometry(geo.PRESETS["symmetric"])
    np.testing.assert_allclose(geo.stage_matrix(g, 3), g.matrix, atol=1e-12)
    np.testing.assert_allclose(geo.path_points(g, 3, np.eye(2)), g.matrix, atol=1e-12)


def test_unit_circle():
    points = geo.unit_circle(5)
    np.testing.assert_allclose(points, [[1, 0, -1, 0, 1], [0, 1, 0, -1, 0]], atol=1e-15)
    default = geo.unit_circle()
    assert default.shape == (2, 181)  # a point every 2°, the first repeated to close it
    np.testing.assert_allclose(default[:, 90], [-1, 0], atol=1e-15)


def test_nearly_equal_singular_values_take_v_as_the_identity():
    """σ₁ = σ₂ to 1e-12 relative, at σ₁ = 10: any V would do, and V = I is taken."""
    m = 10 * geo.rotation(0.7) @ np.diag([1.0, 1 - 4e-13]) @ geo.rotation(-1.1)
    g = geo.geometry(tuple(m.ravel()))
    assert g.v_factor.angle == 0
    np.testing.assert_allclose(g.u @ np.diag(g.s) @ g.vt, m, atol=1e-10)
    apart = 10 * geo.rotation(0.7) @ np.diag([1.0, 1 - 1e-9]) @ geo.rotation(-1.1)
    assert geo.geometry(tuple(apart.ravel())).v_factor.angle == pytest.approx(math.degrees(1.1))


@pytest.mark.parametrize(
    ("m", "count"),
    [
        ((2.0, 0.0, 0.0, 2.0), None),  # S = λI: every direction
        ((-3.0, 0.0, 0.0, -3.0), None),
        ((10.0, 5e-9, 0.0, 10.0), None),  # λI to 1e-9 relative, at σ₁ = 10
        ((10.0, 5e-7, 0.0, 10.0), 1),  # a tiny shear: one direction
        ((10.0, 1.0, 0.0, 10.0 + 5e-9), 1),  # λ repeated to 1e-9 relative
        ((10.0, 1.0, 0.0, 10.0 + 5e-7), 2),
    ],
)
def test_how_many_eigenvector_directions(m, count):
    directions = geo.geometry(m).eigen.directions
    assert (None if directions is None else directions.shape[1]) == count


def test_a_tiny_complex_pair_at_sigma_ten_is_complex():
    e = geo.geometry((10.0, 1e-5, -1e-5, 10.0)).eigen  # λ = 10 ± 1e-5 i
    assert not e.real
    assert e.values[0].imag == pytest.approx(1e-5) and e.values[1].imag == pytest.approx(-1e-5)


def test_equal_singular_values_never_match_by_chance():
    """The flip F: its eigenvectors e₁, e₂ are V = I's columns, but σ₁ = σ₂ makes any
    perpendicular pair singular vectors, so the page does not call them the singular ones."""
    e = geo.geometry((1.0, 0.0, 0.0, -1.0)).eigen
    assert e.perpendicular and not e.match_singular


def test_rank_one_keeps_its_share_of_a_small_energy():
    g = geo.geometry((0.3, 0.0, 0.0, -0.2))
    assert g.energy == pytest.approx(0.13) and g.rank1_kept == pytest.approx(0.09 / 0.13)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,2,3,4", (1.0, 2.0, 3.0, 4.0)),
        (" 1; -2.5 3e0  0 ", (1.0, -2.5, 3.0, 0.0)),
        ("10,-10,0,0", (10.0, -10.0, 0.0, 0.0)),
    ],
)
def test_parse_entries(raw, expected):
    assert geo.parse_entries(raw) == expected


@pytest.mark.parametrize(
    ("raw", "key", "params"),
    [
        ("1,2,3", "geo.error.count", {"count": 3}),
        ("", "geo.error.count", {"count": 0}),
        ("1,2,3,4,5", "geo.error.count", {"count": 5}),
        ("1,x,3,4", "geo.error.number", {"value": "x"}),
        ("1,nan,3,4", "geo.error.number", {"value": "nan"}),
        ("1,inf,3,4", "geo.error.number", {"value": "inf"}),
        ("1,10.5,3,4", "geo.error.range", {"value": "10.5", "limit": "10"}),
    ],
)
def test_parse_entries_refuses(raw, key, params):
    with pytest.raises(InputError) as caught:
        geo.parse_entries(raw)
    assert caught.value.key == key and caught.value.params == params


@given(entries)
def test_format_entries_round_trips(m):
    back = geo.parse_entries(geo.format_entries(m))
    np.testing.assert_allclose(back, m, rtol=1e-5, atol=1e-300)
    assert "-0," not in geo.format_entries((-0.0, 1, 2, 3)) + ","


# --- the browser's closed-form SVD (lowrank/ui/geometry_maths.js), run under node -------------

JS = Path(__file__).resolve().parents[2] / "lowrank" / "ui" / "geometry_maths.js"
NODE = shutil.which("node")
_RUNNER = """
import { svd2, factors, stageMatrix, eigen2 } from "./geometry.mjs";
import { readFileSync } from "node:fs";
const cases = JSON.parse(readFileSync(0, "utf8"));
const out = cases.map(({ m, t, rank }) => {
  const g = svd2(...m);
  const e = eigen2(...m, g.s[0]);
  return { ...g, ...factors(g), stage: stageMatrix(g, t, rank), eigen: e.directions };
});
process.stdout.write(JSON.stringify(out));
"""


def run_js(cases: list[dict], tmp_path: Path) -> list[dict]:
    shutil.copy(JS, tmp_path / "geometry.mjs")
    (tmp_path / "run.mjs").write_text(_RUNNER, encoding="utf-8")
    done = subprocess.run(
        [NODE or "node", "run.mjs"],
        cwd=tmp_path,
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_browsers_svd_matches_numpy_and_the_core(tmp_path):
    rng = np.random.default_rng(17)
    matrices = [tuple(map(float, m)) for m in rng.uniform(-10, 10, (300, 4))]
    matrices += [tuple(map(float, m)) for m in rng.integers(-3, 4, (200, 4))]
    matrices += DEGENERATE + list(geo.PRESETS.values())
    times = rng.uniform(0, 3, len(matrices))
    ranks = rng.integers(1, 3, len(matrices))
    cases = [
        {"m": m, "t": float(t), "rank": int(k)}
        for m, t, k in zip(matrices, times, ranks, strict=True)
    ]
    for m, case, got in zip(matrices, cases, run_js(cases, tmp_path), strict=True):
        s = np.reshape(m, (2, 2))
        scale = max(1.0, float(numpy_sigma(m)[0]))
        np.testing.assert_allclose(got["s"], numpy_sigma(m), atol=1e-10 * scale)
        u, sigma, vt = (np.reshape(got[name], (2, 2)) for name in ("u", "sigma", "vt"))
        np.testing.assert_allclose(u @ sigma @ vt, s, atol=1e-10 * scale)
        np.testing.assert_allclose(u.T @ u, np.eye(2), atol=1e-12)
        g = geo.geometry(m)
        assert got["reflection"] == (g.u_factor.kind == "reflection"), m
        if g.s[0] - g.s[1] > 1e-6 * scale:  # then the convention fixes every factor
            np.testing.assert_allclose(u, g.u, atol=1e-8)
            np.testing.assert_allclose(vt, g.vt, atol=1e-8)
            expected = geo.stage_matrix(g, case["t"], case["rank"])
            stage = np.reshape(got["stage"], (2, 2))
            np.testing.assert_allclose(stage, expected, atol=1e-8 * scale)
        if g.eigen.real and g.eigen.directions is not None and got["eigen"] is not None:
            for direction in got["eigen"]:
                d = np.array(direction)
                lam = float(d @ s @ d)
                np.testing.assert_allclose(s @ d, lam * d, atol=1e-6 * scale)
        assert (got["eigen"] == []) == (not g.eigen.real), m


@given(entries)
def test_eigenvalues_and_singular_values_share_the_determinant(m):
    """What the page says in every case: |λ₁λ₂| = |det S| = σ₁σ₂."""
    g = geo.geometry(m)
    scale = max(1.0, float(g.s[0]))
    product = abs(g.eigen.values[0] * g.eigen.values[1])
    assert product == pytest.approx(abs(np.linalg.det(np.reshape(m, (2, 2)))), abs=1e-9 * scale**2)
    assert product == pytest.approx(g.area_factor, abs=1e-9 * scale**2)


def test_the_zero_matrix():
    g = geo.geometry((0.0, 0.0, 0.0, 0.0))
    assert g.rank == 0 and g.energy == 0 and g.rank1_kept == 1  # all of nothing, not 0/0
    assert g.eigen.directions is None  # S = 0·I: every direction


@pytest.mark.parametrize("second", [4e-16, 5.5e-16])
def test_the_rank_uses_numpys_tolerance(second):
    """2·eps·σ₁, numpy's matrix_rank tolerance for a 2×2: σ₂ = 5.5e-16 counts, 4e-16 does not."""
    m = np.diag([1.0, second])
    assert geo.geometry(m).rank == np.linalg.matrix_rank(m)


@pytest.mark.parametrize("scale", [1e-3, 1.0, 1e3])
def test_what_counts_as_a_repeated_root_does_not_depend_on_the_scale(scale):
    """tr² − 4 det has the units of S²: a disc of −5e−13·σ₁² is a repeated root at any scale."""
    m = scale * np.array([[1.0, 1e-6], [-1.25e-7, 1.0]])
    assert geo.geometry(m).eigen.real


def test_a_rotated_nilpotent_matrix_has_real_eigenvalues():
    """Q N Qᵀ with N = [[0, 1], [0, 0]]: λ = 0 twice, though rounding makes its disc −7e−18."""
    t = math.radians(6)
    q = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
    m = q @ np.array([[0.0, 1.0], [0.0, 0.0]]) @ q.T
    assert (m[0, 0] - m[1, 1]) ** 2 + 4 * m[0, 1] * m[1, 0] < 0
    eigen = geo.geometry(m).eigen
    assert eigen.real and eigen.directions is not None and eigen.directions.shape[1] == 1


@pytest.mark.parametrize("scale", [1.0, 1e3])
def test_nearly_equal_singular_values_never_match_at_any_scale(scale):
    """σ₁ − σ₂ = 1e−10·σ₁: V is not unique, so the eigenvectors cannot be said to be V's, even
    when the eigenvalues (1 and −(1 − 1e−10), times the scale) are far apart."""
    for second in (1.0 - 1e-10, -(1.0 - 1e-10)):
        geometry = geo.geometry(scale * np.diag([1.0, second]))
        assert geometry.eigen.real and not geometry.eigen.match_singular
