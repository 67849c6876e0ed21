"""Every derived number of the SVD and reconstruction pages, against an independent numpy check."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse.linalg
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from lowrank.analysis import (
    GUESS_STRATEGIES,
    EigenComparison,
    chop,
    eigen_comparison,
    guess,
    guess_verdict,
    is_symmetric_psd,
    note_check,
    orthogonality,
    product_error,
    rank_k,
    spectral_norm,
)
from lowrank.examples import EXAMPLE_IDS, example
from lowrank.svd import decompose

entries = st.floats(-100, 100, allow_nan=False, allow_infinity=False)
matrices = arrays(np.float64, st.tuples(st.integers(2, 7), st.integers(2, 7)), elements=entries)


def _sigma(s: np.ndarray) -> np.ndarray:
    return np.linalg.svd(s, compute_uv=False)


def _truncated(s: np.ndarray, k: int) -> np.ndarray:
    u, sigma, vt = np.linalg.svd(s, full_matrices=False)
    return u[:, :k] @ np.diag(sigma[:k]) @ vt[:k]


def test_chop() -> None:
    np.testing.assert_array_equal(chop(np.array([1.0, -1e-15, 2e-9]), 1.0), [1.0, 0.0, 2e-9])
    z = chop(np.array([1 + 1e-16j, 2 - 3j]), 1.0)
    np.testing.assert_array_equal(z, [1 + 0j, 2 - 3j])
    assert not np.iscomplexobj(chop(np.array([1 + 1e-16j]), 1.0))


@pytest.mark.parametrize("example_id", EXAMPLE_IDS)
def test_eigen_comparison_on_every_example(example_id: str) -> None:
    s = example(example_id)
    c = eigen_comparison(s, decompose(s))
    sigma = _sigma(s)
    gram = np.sort(np.linalg.eigvals(s.T @ s).real)[::-1]
    scale = sigma[0] ** 2
    np.testing.assert_allclose(c.gram_eigenvalues, gram, atol=1e-10 * scale)
    np.testing.assert_allclose(c.sigma_squared, gram[: sigma.size], atol=1e-10 * scale)
    np.testing.assert_allclose(c.gram_eigenvalues[sigma.size :], 0.0, atol=1e-10 * scale)
    assert c.extra_zeros == max(0, s.shape[1] - s.shape[0])
    if s.shape[0] == s.shape[1]:
        own = np.linalg.eigvals(s)
        np.testing.assert_allclose(np.sort_complex(c.own_eigenvalues), np.sort_complex(own))
        np.testing.assert_allclose(np.abs(c.own_eigenvalues), np.sort(np.abs(own))[::-1])
    else:
        assert c.own_eigenvalues is None and not c.own_match_sigma


def test_own_eigenvalues_equal_sigma_only_for_symmetric_psd() -> None:
    for example_id, expected in [("symmetric", True), ("identity", True), ("random", False)]:
        s = example(example_id)
        c = eigen_comparison(s, decompose(s))
        assert c.symmetric_psd is expected and c.own_match_sigma is expected
    flip = np.array([[0.0, 1.0], [1.0, 0.0]])  # symmetric, eigenvalues ±1, σ = 1, 1
    c = eigen_comparison(flip, decompose(flip))
    assert not c.symmetric_psd and not c.own_match_sigma
    np.testing.assert_allclose(c.own_eigenvalues, [1.0, -1.0])
    rotation = np.array([[0.0, -2.0], [2.0, 0.0]])  # eigenvalues ±2i, σ = 2, 2
    c = eigen_comparison(rotation, decompose(rotation))
    np.testing.assert_allclose(c.own_eigenvalues, [2j, -2j])
    assert not c.own_match_sigma


def test_is_symmetric_psd() -> None:
    assert is_symmetric_psd(np.array([[2.0, 1.0], [1.0, 2.0]]))
    assert is_symmetric_psd(np.array([[1.0, 1.0], [1.0, 1.0]]))  # semi-definite
    assert not is_symmetric_psd(np.array([[1.0, 2.0], [2.0, 1.0]]))  # eigenvalue −1
    assert not is_symmetric_psd(np.array([[1.0, 2.0], [0.0, 1.0]]))
    assert not is_symmetric_psd(np.ones((2, 3)))


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("example_id", EXAMPLE_IDS)
def test_orthogonality(example_id: str, full: bool) -> None:
    svd = decompose(example(example_id), full=full)
    o = orthogonality(svd)
    np.testing.assert_allclose(o.utu, np.eye(svd.u.shape[1]), atol=1e-12)
    np.testing.assert_allclose(o.vtv, np.eye(svd.vt.shape[0]), atol=1e-12)
    assert o.u_deviation == pytest.approx(np.abs(svd.u.T @ svd.u - np.eye(svd.u.shape[1])).max())
    assert o.u_deviation < 1e-12 and o.v_deviation < 1e-12
    m, n = svd.u.shape[0], svd.vt.shape[1]
    expected = "" if full or m == n else ("U" if m > n else "V")
    assert o.non_square == expected
    if expected:  # XXᵀ of the non-square factor is a projection of rank p, not I
        x = svd.u if expected == "U" else svd.vt.T
        outer = x @ x.T
        np.testing.assert_allclose(outer @ outer, outer, atol=1e-12)
        assert np.linalg.matrix_rank(outer) == min(m, n)
        assert o.outer_deviation == pytest.approx(np.abs(outer - np.eye(max(m, n))).max())
        assert o.outer_deviation > 0.1 and o.non_square_rows == max(m, n)
    else:
        assert o.outer_deviation == 0.0


def test_orthogonality_of_a_wide_thin_svd_names_v() -> None:
    svd = decompose(example("note").T)  # 6×8: Vᵀ is 6×8, so V is 8×6
    o = orthogonality(svd)
    assert o.non_square == "V"
    v = svd.vt.T
    assert o.outer_deviation == pytest.approx(np.abs(v @ v.T - np.eye(8)).max())


@pytest.mark.parametrize("example_id", EXAMPLE_IDS)
def test_rank_k_at_both_ends_and_between(example_id: str) -> None:
    s = example(example_id)
    svd = decompose(s)
    sigma = _sigma(s)
    rank = np.linalg.matrix_rank(s)
    for k in sorted({1, max(1, rank // 2), rank}):
        r = rank_k(s, svd, k)
        np.testing.assert_allclose(r.approx, _truncated(s, k), atol=1e-10 * sigma[0])
        np.testing.assert_allclose(r.residual, s - r.approx)
        assert r.frobenius_direct == pytest.approx(np.linalg.norm(s - _truncated(s, k)), abs=1e-9)
        assert r.frobenius_formula == pytest.approx(np.sqrt(np.sum(sigma[k:] ** 2)), abs=1e-9)
        assert r.spectral_direct == pytest.approx(np.linalg.norm(s - _truncated(s, k), 2), abs=1e-9)
        expected_spectral = sigma[k] if k < sigma.size else 0.0
        assert r.spectral_formula == pytest.approx(expected_spectral, abs=1e-12)
        kept = np.sum(sigma[:k] ** 2) / np.sum(sigma**2)
        assert r.energy_kept == pytest.approx(kept, rel=1e-12)
        m, n = s.shape
        assert (r.storage, r.full_storage) == (k * (m + n + 1), m * n)
    assert rank_k(s, svd, rank).frobenius_direct == pytest.approx(0.0, abs=1e-9 * sigma[0])


def test_rank_k_note_example_numbers() -> None:
    s = example("note")
    r = rank_k(s, decompose(s), 2)
    assert r.energy_kept == pytest.approx(0.99837, abs=1e-5)
    assert r.frobenius_direct == pytest.approx(np.hypot(1.1072226, 0.6784251), abs=1e-6)
    assert (r.storage, r.full_storage) == (30, 48)


@settings(max_examples=40, deadline=None)
@given(matrices, st.data())
def test_eckart_young_direct_equals_formula(s: np.ndarray, data: st.DataObject) -> None:
    k = data.draw(st.integers(1, min(s.shape)))
    r = rank_k(s, decompose(s), k)
    scale = max(1.0, float(np.abs(s).max()))
    assert r.frobenius_direct == pytest.approx(r.frobenius_formula, abs=1e-8 * scale)
    assert r.spectral_direct == pytest.approx(r.spectral_formula, abs=1e-8 * scale)


@pytest.mark.parametrize("example_id", EXAMPLE_IDS)
def test_note_check(example_id: str) -> None:
    s = example(example_id)
    svd = decompose(s)
    sigma = _sigma(s)
    for k in (1, sigma.size):
        c = note_check(s, svd, k)
        frob2 = np.linalg.norm(s, "fro") ** 2
        assert c.before_entries == pytest.approx(frob2) and c.before_sigma == pytest.approx(frob2)
        assert c.after_sigma == pytest.approx(np.sum(sigma[:k] ** 2))
        assert c.after_entries == pytest.approx(np.linalg.norm(_truncated(s, k), "fro") ** 2)
        assert c.kept == pytest.approx(np.sum(sigma[:k] ** 2) / np.sum(sigma**2))
        if s.shape[0] == s.shape[1]:
            det = np.linalg.det(s)
            d = c.determinant
            assert d.sign * 10**d.log10_abs == pytest.approx(det, abs=1e-9)
            assert 10**c.determinant.log10_sigma_product == pytest.approx(abs(det), rel=1e-9)
            assert not c.determinant.singular
        else:
            assert c.determinant is None


def test_note_check_zero_matrix_keeps_everything() -> None:
    zero = np.zeros((3, 3))
    c = note_check(zero, decompose(zero), 1)
    assert c.kept == 1.0 and c.determinant.sign == 0.0 and c.determinant.singular
    assert c.determinant.log10_sigma_product == -np.inf


def test_determinant_of_large_and_singular_matrices() -> None:
    big = 50.0 * np.random.default_rng(3).normal(size=(200, 200))  # |det| far beyond a float
    c = note_check(big, decompose(big), 1).determinant
    sign, logabs = np.linalg.slogdet(big)
    assert c.sign == sign and c.log10_abs == pytest.approx(logabs / np.log(10))
    assert c.log10_abs > 400 and c.log10_sigma_product == pytest.approx(c.log10_abs, rel=1e-9)
    singular = np.array([[1.0, 2.0], [2.0, 4.0]])
    assert note_check(singular, decompose(singular), 1).determinant.singular


def test_column_span_guess_is_least_squares_on_the_first_columns() -> None:
    s = example("low_rank_noise")
    for k in (1, 3):
        g = guess(s, "column_span", k)
        cols = s[:, :k]
        expected = cols @ np.linalg.lstsq(cols, s, rcond=None)[0]
        np.testing.assert_allclose(g.approx, expected, atol=1e-10)
        np.testing.assert_allclose(g.approx[:, :k], cols, atol=1e-10)
        assert g.frobenius_error == pytest.approx(np.linalg.norm(s - expected))


def test_kept_columns_and_random_guesses() -> None:
    s = example("note")
    g = guess(s, "kept_columns", 2)
    np.testing.assert_array_equal(g.approx[:, :2], s[:, :2])
    np.testing.assert_array_equal(g.approx[:, 2:], 0.0)
    assert g.frobenius_error == pytest.approx(np.linalg.norm(s[:, 2:]))
    a, b, c = guess(s, "random", 2, seed=1), guess(s, "random", 2, seed=1), guess(s, "random", 2, 2)
    np.testing.assert_array_equal(a.approx, b.approx)
    assert a.frobenius_error != c.frobenius_error
    with pytest.raises(ValueError):
        guess(s, "magic", 2)
    with pytest.raises(ValueError):
        guess(s, "random", 7)


def test_note_example_first_four_columns_tie_the_svd() -> None:
    s = example("note")
    assert guess(s, "column_span", 4).frobenius_error == pytest.approx(0.0, abs=1e-9)
    svd_error = rank_k(s, decompose(s), 2).frobenius_direct
    assert guess(s, "column_span", 2).frobenius_error > 10 * svd_error


@settings(max_examples=40, deadline=None)
@given(matrices, st.data())
def test_no_guess_beats_the_svd(s: np.ndarray, data: st.DataObject) -> None:
    k = data.draw(st.integers(1, min(s.shape)))
    strategy = data.draw(st.sampled_from(GUESS_STRATEGIES))
    g = guess(s, strategy, k, seed=data.draw(st.integers(0, 1000)))
    assert g.rank == np.linalg.matrix_rank(g.approx) <= k
    best = np.linalg.norm(s - _truncated(s, k))
    assert g.frobenius_error >= best - 1e-9 * max(1.0, float(np.abs(s).max()))


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("example_id", EXAMPLE_IDS)
def test_product_error_is_rounding_only(example_id: str, full: bool) -> None:
    s = example(example_id)
    svd = decompose(s, full=full)
    expected = np.abs(svd.u @ svd.sigma() @ svd.vt - s).max()
    assert product_error(s, svd) == pytest.approx(expected)
    assert product_error(s, svd) < 1e-12 * max(1.0, np.linalg.norm(s, 2))


def test_guess_verdict() -> None:
    assert guess_verdict(1.0, 1.0, 10.0) == ("tie", 1.0)
    assert guess_verdict(1.0 + 1e-12, 1.0, 10.0) == ("tie", 1.0)  # rounding is a tie
    assert guess_verdict(3.0, 1.5, 10.0) == ("lost", 2.0)
    outcome, ratio = guess_verdict(2.0, 1e-15, 10.0)
    assert outcome == "lost_exact" and ratio == float("inf")
    assert guess_verdict(0.0, 0.0, 0.0) == ("tie", 1.0)  # zero matrix


@pytest.mark.parametrize("shape", [(3, 5), (200, 200), (200, 70), (70, 200)])
def test_spectral_norm_matches_numpy(shape: tuple[int, int]) -> None:
    a = np.random.default_rng(5).normal(size=shape)
    assert spectral_norm(a) == pytest.approx(np.linalg.norm(a, 2), rel=1e-12)
    assert spectral_norm(np.zeros(shape)) == 0.0
    low = a[:, :2] @ a[:2, :]  # rank 2 with a large null space
    assert spectral_norm(low) == pytest.approx(np.linalg.norm(low, 2), rel=1e-12)


def test_chop_tolerance_is_relative_to_the_scale_and_inclusive() -> None:
    np.testing.assert_array_equal(chop(np.array([1e-5, 1e-3]), 1e6), [0.0, 1e-3])
    np.testing.assert_array_equal(chop(np.array([1e-10, -1e-10, 2e-10]), 1.0), [0.0, 0.0, 2e-10])


def test_energy_kept_at_rank_zero_is_nothing() -> None:
    s = example("note")
    assert rank_k(s, decompose(s), 0).energy_kept == 0.0


def test_note_check_kept_below_unit_energy() -> None:
    s = 0.5 * np.eye(2)  # Σ σᵢ² = 0.5 < 1
    assert note_check(s, decompose(s), 1).kept == pytest.approx(0.5, rel=1e-12)


def test_random_guess_default_seed_is_zero_and_matches_numpy() -> None:
    s = np.random.default_rng(3).normal(size=(6, 5))
    omega = np.random.default_rng(0).normal(size=(5, 2))
    q, _ = np.linalg.qr(s @ omega)
    g = guess(s, "random", 2)
    np.testing.assert_allclose(g.approx, q @ q.T @ s, atol=1e-12)
    np.testing.assert_array_equal(g.approx, guess(s, "random", 2, seed=0).approx)


def test_guess_verdict_tolerance_at_its_exact_limit() -> None:
    tol = 1e-9 * 4.0
    assert guess_verdict(1.0 + tol, 1.0, 4.0) == ("tie", 1.0)
    assert guess_verdict(1.0 + 1e-4, 1.0, 1e6) == ("tie", 1.0)  # tolerance scales with S
    assert guess_verdict(1.0, tol, 4.0) == ("lost_exact", float("inf"))


def test_own_match_sigma_tolerance_grows_with_sigma_one() -> None:
    sigma = np.array([1e6, 1.0])
    close = EigenComparison(sigma, sigma**2, np.array([1e6 + 1e-4, 1.0]), True)
    far = EigenComparison(sigma, sigma**2, np.array([1e6 + 1e-2, 1.0]), True)
    assert close.own_match_sigma and not far.own_match_sigma


def test_symmetric_psd_tolerances_with_near_misses() -> None:
    assert is_symmetric_psd(np.array([[1e4, 1.0], [1.0 + 1e-9, 1e4]]))  # 1e-9 ≤ 1e-12 · 1e4
    assert not is_symmetric_psd(np.array([[1e4, 1.0], [1.0 + 1e-7, 1e4]]))
    assert is_symmetric_psd(np.diag([1e4, -1e-6]))  # −1e-6 ≥ −1e-10 · 1e4 · 2
    assert not is_symmetric_psd(np.diag([1e4, -3e-6]))
    assert is_symmetric_psd(np.diag([1.0, -2e-10]))  # exactly at the limit
    assert not is_symmetric_psd(np.diag([1.0, -3e-10]))


def test_equal_magnitudes_up_to_rounding_order_by_real_part() -> None:
    s = np.diag([-(1 + 3e-13), 1.0])  # |λ| differ by 3e-13 only: a tie, so +1 comes first
    own = eigen_comparison(s, decompose(s)).own_eigenvalues
    np.testing.assert_array_equal(own, [1.0, -(1 + 3e-13)])


@pytest.mark.parametrize(("side", "lanczos"), [(64, False), (65, True)])
def test_spectral_norm_uses_lanczos_above_64(
    side: int, lanczos: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    svds = scipy.sparse.linalg.svds

    def spy(*args: object, **kwargs: object) -> np.ndarray:
        calls.append(args)
        return svds(*args, **kwargs)

    monkeypatch.setattr(scipy.sparse.linalg, "svds", spy)
    a = np.random.default_rng(1).normal(size=(side, 80))
    assert spectral_norm(a) == pytest.approx(np.linalg.norm(a, 2), rel=1e-12)
    assert bool(calls) == lanczos
