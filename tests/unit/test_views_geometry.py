"""lowrank.views.geometry: /geometry's numbers and sentences, against numpy's svd and eig."""

from __future__ import annotations

import functools
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from lowrank import formatting as fmt
from lowrank import geometry as geo
from lowrank import i18n
from lowrank.views import geometry as views

t_en = functools.partial(i18n.t, lang="en")


def numpy_numbers(m: tuple[float, ...]) -> dict[str, str]:
    s = np.reshape(m, (2, 2))
    u, sigma, vt = np.linalg.svd(s)
    s1 = sigma[0] * np.outer(u[:, 0], vt[0])
    det = np.linalg.det(s)
    square = sigma[0] ** 2
    return {
        "sigma1": fmt.number(sigma[0]),
        "sigma2": fmt.number(sigma[1], scale=sigma[0]),
        "det": fmt.number(det, scale=square),
        "area": fmt.number(abs(det), scale=square),
        "ellipse": fmt.number(math.pi * abs(det), scale=square),
        "energy": fmt.number(np.sum(s**2)),
        "kept1": fmt.percent(sigma[0] ** 2 / np.sum(sigma**2)),
        "error1": fmt.number(np.linalg.norm(s - s1), scale=sigma[0]),
    }


@pytest.mark.parametrize("name", list(geo.PRESETS))
def test_numbers_against_numpy(name):
    m = geo.PRESETS[name]
    assert views.numbers(geo.geometry(m)) == numpy_numbers(m)


@pytest.mark.parametrize("m", [(3.0, 0.0, 0.0, 0.5), (0.0, 2.0, -1.0, 0.0), (1.0, 2.0, 2.0, 4.0)])
def test_numbers_at_other_matrices(m):
    assert views.numbers(geo.geometry(m)) == numpy_numbers(m)


def test_the_zero_matrix_keeps_all_of_nothing():
    n = views.numbers(geo.geometry((0.0, 0.0, 0.0, 0.0)))
    assert n["sigma1"] == n["sigma2"] == n["det"] == n["area"] == n["energy"] == "0"
    assert n["kept1"] == "100.00%"


def test_line_angle():
    assert views.line_angle(np.array([1.0, 0.0])) == 0
    assert views.line_angle(np.array([-1.0, 0.0])) == 0
    assert views.line_angle(np.array([0.0, -1.0])) == 90
    assert views.line_angle(np.array([-1.0, -1.0])) == pytest.approx(45)
    assert views.line_angle(np.array([1.0, -1.0])) == pytest.approx(-45)


def test_factor_lines_name_the_factors_with_their_angles():
    g = geo.geometry(geo.PRESETS["shear"])
    vt, sigma, u = views.factor_lines(g, t_en)
    # numpy: v₁ of the shear is at 58.28°, u₁ at 31.72° (each up to sign)
    _, s, v = np.linalg.svd(np.reshape(geo.PRESETS["shear"], (2, 2)))
    angle_v = math.degrees(math.atan2(abs(v[0, 1]), abs(v[0, 0])))
    assert f"−{views.degrees(angle_v)}°" in vt and "rotation" in vt
    assert fmt.number(s[0]) in sigma and fmt.number(s[1]) in sigma
    assert "rotation by 31.72°" in u
    flip = views.factor_lines(geo.geometry(geo.PRESETS["reflection"]), t_en)[2]
    g = geo.geometry(geo.PRESETS["reflection"])
    line = np.array(
        [math.cos(math.radians(g.u_factor.angle / 2)), math.sin(math.radians(g.u_factor.angle / 2))]
    )
    np.testing.assert_allclose(g.u @ line, line, atol=1e-12)  # the mirror line is fixed
    assert "reflection" in flip and f"{views.degrees(g.u_factor.angle / 2)}°" in flip


@pytest.mark.parametrize(
    ("m", "key"),
    [
        (geo.PRESETS["shear"], "geo.sign.positive"),
        (geo.PRESETS["reflection"], "geo.sign.negative"),
        (geo.PRESETS["projection"], "geo.sign.singular"),
        ((0.0, 0.0, 0.0, 0.0), "geo.sign.singular"),
    ],
)
def test_convention_line_follows_the_sign_of_det(m, key):
    assert views.convention_line(geo.geometry(m), t_en) == t_en(key)


@pytest.mark.parametrize(
    ("m", "key"),
    [
        (geo.PRESETS["rotation"], "complex"),
        (geo.PRESETS["shear"], "one"),
        (geo.PRESETS["symmetric"], "symmetric"),
        (geo.PRESETS["projection"], "symmetric"),
        (geo.PRESETS["reflection"], "oblique"),
        ((0.0, 1.0, 1.0, 0.0), "equal_sigma"),
        ((2.0, 0.0, 0.0, 2.0), "every"),
    ],
)
def test_eigen_line_says_which_case(m, key):
    """Each case's sentence, checked against numpy's eig (real or not, the angles it names)."""
    s = np.reshape(m, (2, 2))
    line = views.eigen_line(geo.geometry(m), t_en)
    start = t_en(f"geo.eigen.{key}").split("{")[0]
    assert line.startswith(start), (line, start)
    values, vectors = np.linalg.eig(s)
    if key == "complex":
        assert np.all(np.abs(values.imag) > 0.1)
        for value in values:
            assert fmt.number(value, scale=1.0) in line
        return
    assert np.allclose(values.imag, 0)
    if key in ("symmetric", "oblique", "equal_sigma"):  # the two directions numpy finds
        for j in range(2):
            assert f"{views.degrees(views.line_angle(vectors[:, j].real))}°" in line
    if key == "oblique":
        cos = abs(vectors[:, 0] @ vectors[:, 1])
        assert f"{views.degrees(math.degrees(math.acos(cos)))}° apart" in line


def test_view_data_holds_the_matrix_the_rank_and_every_label_in_the_language():
    data = json.loads(
        views.view_data((1.0, 2.0, 3.0, 4.0), 1, functools.partial(i18n.t, lang="zh"))
    )
    assert data["matrix"] == [1.0, 2.0, 3.0, 4.0] and data["rank"] == 1
    assert set(data["labels"]) == set(views.JS_LABELS)
    assert data["labels"]["play"] == i18n.t("geo.js.play", "zh")


def test_every_label_the_browser_reads_is_sent():
    text = (Path(views.__file__).parents[1] / "ui" / "geometry.js").read_text(encoding="utf-8")
    read = set(re.findall(r"(?:\bL|this\.labels)\.(\w+)", text))
    read |= {f"stage{k}" for k in range(4)} | {"stage2_reflection"}  # read as L[key]
    assert set(re.findall(r'"(stage\w+)"', text)) <= set(views.JS_LABELS)
    assert read <= set(views.JS_LABELS), read - set(views.JS_LABELS)


def test_note_numbers_and_matrix_text():
    g = geo.geometry(geo.PRESETS["reflection"])
    line = views.note_numbers(g, t_en)
    assert "det S = −2" in line and "|det S| = 2" in line and "σ₁² + σ₂² = 4.5" in line
    assert views.matrix_text(np.array([[1.0, -0.5], [1e-17, 2.0]]), 2.0) == "[[1, −0.5], [0, 2]]"


def numpy_eigen_params(m: tuple[float, ...]) -> list[dict[str, str]]:
    """The eigen sentence's fields from numpy alone, in each order of eigenvalues of equal |λ|."""
    s = np.reshape(m, (2, 2))
    sigma_vt = np.linalg.svd(s)
    scale = sigma_vt[1][0]
    values, vectors = np.linalg.eig(s)
    rows = sigma_vt[2]
    common = {
        "v1": views.degrees(views.line_angle(rows[0])),
        "v2": views.degrees(views.line_angle(rows[1])),
    }
    orders = [(0, 1), (1, 0)]
    if abs(abs(values[0]) - abs(values[1])) > 1e-9:
        orders = [tuple(np.argsort(-np.abs(values)))]
    out = []
    for i, j in orders:
        params = dict(common, l1=fmt.number(values[i], scale=scale))
        params["l2"] = fmt.number(values[j], scale=scale)
        if np.isrealobj(values) or np.allclose(values.imag, 0):
            params["a1"] = views.degrees(views.line_angle(vectors[:, i].real))
            params["a2"] = views.degrees(views.line_angle(vectors[:, j].real))
            cos = min(1.0, abs(float(vectors[:, 0].real @ vectors[:, 1].real)))
            params["between"] = views.degrees(math.degrees(math.acos(cos)))
        out.append(params)
    return out


@pytest.mark.parametrize(
    ("m", "key"),
    [
        ((1.0, -2.0, 1.0, 1.0), "complex"),  # complex pair, distinct σ's
        (geo.PRESETS["symmetric"], "symmetric"),
        ((3.0, 1.0, 1.0, -1.0), "symmetric"),  # a negative eigenvalue
        (geo.PRESETS["reflection"], "oblique"),
        ((0.1, 0.2, 0.3, 0.6), "oblique"),  # rank 1: λ₂ is rounding noise, shown as 0
        ((0.0, 1.0, 1.0, 0.0), "equal_sigma"),
    ],
)
def test_eigen_line_is_exactly_the_sentence_with_numpys_numbers(m, key):
    line = views.eigen_line(geo.geometry(m), t_en)
    candidates = [t_en(f"geo.eigen.{key}", **params) for params in numpy_eigen_params(m)]
    assert line in candidates, (line, candidates)


def test_eigen_line_of_the_shear_names_numpys_singular_vectors():
    _, _, vt = np.linalg.svd(np.reshape(geo.PRESETS["shear"], (2, 2)))
    v1, v2 = (views.degrees(views.line_angle(row)) for row in vt)
    line = views.eigen_line(geo.geometry(geo.PRESETS["shear"]), t_en)
    assert line == t_en("geo.eigen.one", a1="0", l1="1", v1=v1, v2=v2)


def test_rounding_noise_is_shown_as_zero():
    projection = geo.geometry(geo.PRESETS["projection"])
    assert 0 < projection.s[1] < 1e-15  # numpy leaves σ₂ as noise
    assert "σ₂ = 0 " in views.factor_lines(projection, t_en)[1]
    assert "λ = 0.7, 0)" in views.eigen_line(geo.geometry((0.1, 0.2, 0.3, 0.6)), t_en)


@pytest.mark.parametrize(
    "m",
    [
        (10.0, 10.0, 10.0, 10.0 + 1e-9),  # det ≈ 1e-8: rounding noise against σ₁² ≈ 400
        (10.0, 10.0, 10.0, 10.0 + 1e-8),  # det ≈ 1e-7: shown, against σ₁² (not σ₁³)
    ],
)
def test_det_and_area_are_chopped_against_sigma1_squared(m):
    assert views.numbers(geo.geometry(m)) == numpy_numbers(m)


def test_convention_line_for_a_small_positive_det():
    note = geo.geometry(geo.PRESETS["note"])
    assert 0 < note.det < 1
    assert views.convention_line(note, t_en) == t_en("geo.sign.positive")


def test_line_angle_at_and_past_the_vertical():
    assert views.line_angle(np.array([0.0, 1.0])) == 90
    past = math.radians(90.5)
    assert views.line_angle(np.array([math.cos(past), math.sin(past)])) == pytest.approx(-89.5)
