"""Properties of lowrank.svd against independent numpy computations, on random shapes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from lowrank import svd
from lowrank.errors import InputError

shapes = st.tuples(st.integers(1, 60), st.integers(1, 40)).flatmap(
    lambda mn: st.sampled_from([mn, mn[::-1]])  # tall and wide
)
finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False, width=64)
matrices = shapes.flatmap(lambda shape: arrays(np.float64, shape, elements=finite))
SETTINGS = settings(max_examples=60, deadline=None)


@SETTINGS
@given(matrices, st.booleans())
def test_factors_are_orthonormal_and_sigma_descending(matrix, full):
    d = svd.decompose(matrix, full=full)
    m, n = matrix.shape
    p = min(m, n)
    assert d.u.shape == ((m, m) if full else (m, p))
    assert d.vt.shape == ((n, n) if full else (p, n))
    np.testing.assert_allclose(d.u.T @ d.u, np.eye(d.u.shape[1]), atol=1e-9)
    np.testing.assert_allclose(d.vt @ d.vt.T, np.eye(d.vt.shape[0]), atol=1e-9)
    assert np.all(np.diff(d.s) <= 1e-12) and np.all(d.s >= 0)
    np.testing.assert_allclose(d.s, np.linalg.svd(matrix, compute_uv=False), atol=1e-9)


@SETTINGS
@given(matrices, st.booleans())
def test_full_rank_reconstruction_equals_input(matrix, full):
    d = svd.decompose(matrix, full=full)
    scale = max(np.linalg.norm(matrix), 1e-300)
    assert np.linalg.norm(svd.reconstruct(d, d.s.size) - matrix) <= 1e-10 * scale
    assert np.linalg.norm(d.u @ d.sigma() @ d.vt - matrix) <= 1e-10 * scale


@SETTINGS
@given(matrices, st.data())
def test_error_formulas_equal_direct_norms(matrix, data):
    d = svd.decompose(matrix)
    k = data.draw(st.integers(0, d.s.size))
    residual = matrix - svd.reconstruct(d, k)
    scale = max(np.linalg.norm(matrix), 1.0)
    assert abs(svd.frobenius_error(d.s, k) - np.linalg.norm(residual, "fro")) <= 1e-9 * scale
    assert abs(svd.spectral_error(d.s, k) - np.linalg.norm(residual, 2)) <= 1e-9 * scale


@SETTINGS
@given(matrices, st.data())
def test_rank_one_layers_sum_to_reconstruction(matrix, data):
    d = svd.decompose(matrix)
    k = data.draw(st.integers(0, d.s.size))
    layers = svd.rank_one_layers(d, k)
    assert layers.shape == (k, *matrix.shape)
    tol = 1e-9 * max(1.0, d.s[0])
    np.testing.assert_allclose(layers.sum(axis=0), svd.reconstruct(d, k), atol=tol)
    for i, layer in enumerate(layers):  # each layer is σᵢ uᵢ vᵢᵀ, of rank one
        np.testing.assert_allclose(layer, d.s[i] * np.outer(d.u[:, i], d.vt[i]), atol=tol)


@SETTINGS
@given(matrices)
def test_cumulative_energy_is_monotone_and_ends_at_one(matrix):
    s = svd.decompose(matrix).s
    kept = svd.cumulative_energy(s)
    assert np.all(np.diff(kept) >= 0)
    assert kept[-1] == 1.0
    total = np.sum(matrix**2)
    if total > 0:  # ‖S‖²_F = Σσᵢ², so each share is a ratio of Frobenius norms
        k = max(1, s.size // 2)
        direct = 1 - np.linalg.norm(matrix - svd.reconstruct(svd.decompose(matrix), k)) ** 2 / total
        assert abs(kept[k - 1] - direct) <= 1e-8
        np.testing.assert_allclose(svd.energy(s).sum(), 1.0)


@SETTINGS
@given(matrices, st.floats(0.01, 1.0))
def test_rank_for_energy_is_the_smallest_such_rank(matrix, share):
    s = svd.decompose(matrix).s
    k = svd.rank_for_energy(s, share)
    kept = svd.cumulative_energy(s)
    if np.any(s > 0):
        assert kept[k - 1] >= share - 1e-12
        assert k == 1 or kept[k - 2] < share - 1e-12
    else:
        assert k == 0


@SETTINGS
@given(matrices)
def test_signs_are_deterministic(matrix):
    first, second = svd.decompose(matrix), svd.decompose(matrix.copy())
    np.testing.assert_array_equal(first.u, second.u)
    np.testing.assert_array_equal(first.vt, second.vt)
    negated = svd.decompose(-matrix)  # same uᵢ up to sign, so the pivot rule picks one
    big = first.s > 1e-6 * max(first.s[0], 1e-300)
    distinct = np.r_[True, np.abs(np.diff(first.s)) > 1e-6 * max(first.s[0], 1e-300)]
    simple = big & distinct & np.r_[distinct[1:], True]
    np.testing.assert_allclose(first.u[:, simple], negated.u[:, simple], atol=1e-8)


def test_pivot_rule_makes_largest_entry_positive():
    matrix = np.array([[-3.0, 0.0], [0.0, -1.0], [0.0, 0.0]])
    d = svd.decompose(matrix, full=True)
    for column in d.u.T:
        assert column[np.argmax(np.abs(column))] > 0


@SETTINGS
@given(matrices)
def test_numerical_rank_matches_numpy(matrix):
    d = svd.decompose(matrix)
    assert svd.numerical_rank(d.s, matrix.shape) == np.linalg.matrix_rank(matrix)


@pytest.mark.parametrize(
    ("m", "n", "k", "expected"), [(5, 4, 2, 20), (600, 512, 10, 11130), (1, 1, 1, 3)]
)
def test_storage(m, n, k, expected):
    assert svd.storage(m, n, k) == expected == k * (m + n + 1)


def test_factors_are_read_only():
    d = svd.decompose(np.eye(3))
    for array in (d.u, d.s, d.vt):
        with pytest.raises(ValueError):
            array[0] = 1


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_entries_are_refused(bad):
    matrix = np.eye(3)
    matrix[1, 2] = bad
    with pytest.raises(ValueError):
        svd.decompose(matrix)


def test_zero_matrix_keeps_everything():
    s = svd.decompose(np.zeros((3, 2))).s
    np.testing.assert_array_equal(svd.cumulative_energy(s), [1.0, 1.0])
    assert svd.rank_for_energy(s, 0.9) == 0
    assert svd.numerical_rank(s, (3, 2)) == 0


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ([], "error.empty"),
        ([[]], "error.empty"),
        ([1.0, 2.0], "error.one_dimensional"),
        (3.0, "error.one_dimensional"),
        ([[1, 2], [3]], "error.ragged"),
        ([["1", "x"]], "error.non_numeric"),
        ([[1, None]], "error.non_numeric"),
        ([[1, 1j]], "error.non_numeric"),
        ("1,2", "error.non_numeric"),
        ([[1, float("nan")]], "error.non_finite"),
        ([[float("inf"), 1]], "error.non_finite"),
        (np.zeros((201, 2)), "error.too_large"),
        (np.zeros((2, 201)), "error.too_large"),
        (np.zeros((2, 2, 2)), "error.not_matrix"),
    ],
)
def test_invalid_input_raises_typed_error(data, key):
    with pytest.raises(InputError) as caught:
        svd.as_matrix(data)
    assert caught.value.key == key


def test_error_positions_are_one_based():
    with pytest.raises(InputError) as caught:
        svd.as_matrix([[1, 2], [3, float("nan")]])
    assert caught.value.params == {"row": 2, "col": 2, "count": 1}


def test_numeric_strings_are_accepted():
    np.testing.assert_array_equal(svd.as_matrix([[" 1.5", "2"], ["-3e1", 4]]), [[1.5, 2], [-30, 4]])


def test_decompose_rejects_empty():
    with pytest.raises(InputError):
        svd.decompose(np.zeros((0, 3)))


def test_energy_is_each_squared_sigma_over_their_sum():
    np.testing.assert_allclose(svd.energy(np.array([3.0, 4.0])), [9 / 25, 16 / 25])
    np.testing.assert_array_equal(svd.energy(np.zeros(3)), [0.0, 0.0, 0.0])


@pytest.mark.parametrize(("m", "n"), [(4, 2), (2, 4), (3, 3)])
@pytest.mark.parametrize("full", [False, True])
def test_shape_and_full_name_the_decomposition(m, n, full):
    d = svd.decompose(np.arange(m * n, dtype=float).reshape(m, n) + 1, full=full)
    assert d.shape == (m, n)
    assert d.full == (full or m == n)  # a square matrix's thin factors are square too


def test_pivot_near_tie_beyond_the_tolerance_is_still_the_largest_entry():
    # |u₂| exceeds |u₁| by ~1e-9, above the tie tolerance 1e-9·max|u| ≈ 0.7e-9: u₂ is the pivot
    u = svd.decompose(np.array([[1.0], [-(1 + 1.5e-9)]])).u[:, 0]
    assert u[1] > 0 > u[0]


@pytest.mark.parametrize(
    ("s", "share", "k"),
    [([1.0, 1.0], 0.5, 1), ([1.0, 1.0], 1.0, 2), ([2.0, 1.0, 0.0], 1.0, 2), ([2.0], 0.5, 1)],
)
def test_rank_for_energy_at_exact_shares(s, share, k):
    assert svd.rank_for_energy(np.array(s), share) == k


@pytest.mark.parametrize("share", [0.0, -0.1, 1.0 + 1e-9, 1.5, 2.0])
def test_rank_for_energy_refuses_shares_outside_zero_one(share):
    with pytest.raises(ValueError):
        svd.rank_for_energy(np.array([1.0]), share)


def test_size_caps_hold_at_their_exact_limit():
    assert svd.as_matrix(np.zeros((200, 200))).shape == (200, 200)
    assert svd.as_matrix(np.zeros((3, 5)), max_shape=(3, 5)).shape == (3, 5)
    for rows, cols in [(4, 5), (3, 6)]:
        with pytest.raises(InputError) as caught:
            svd.as_matrix(np.zeros((rows, cols)), max_shape=(3, 5))
        assert caught.value.params == dict(rows=rows, cols=cols, max_rows=3, max_cols=5)


@pytest.mark.parametrize(
    "bad", [None, 1j, np.complex128(1 + 0j), 1.23456789 + 9.87654321j, "x" * 25, object()]
)
def test_a_bad_entry_is_named_by_its_row_and_column(bad):
    data = [[1.0, 2.0, 3.0], [4.0, 5.0, bad]]
    with pytest.raises(InputError) as caught:
        svd.as_matrix(data)
    assert caught.value.key == "error.non_numeric"
    assert caught.value.params == {"row": 2, "col": 3, "value": str(bad)[:20]}


def test_a_string_matrix_is_quoted_up_to_twenty_characters():
    with pytest.raises(InputError) as caught:
        svd.as_matrix("1, 2, 3, 4, 5, 6, 7, 8, 9")
    assert caught.value.params == {"value": "1, 2, 3, 4, 5, 6, 7,"}
