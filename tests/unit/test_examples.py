"""The named example matrices: stable ids and the properties each one is chosen for (numpy)."""

from __future__ import annotations

import numpy as np
import pytest

from lowrank.examples import (
    DEFAULT_EXAMPLE,
    EXAMPLE_IDS,
    delta_w_factors,
    example,
    low_rank_noise_parts,
)


def test_ids_are_stable() -> None:
    assert EXAMPLE_IDS == ("note", "delta_w", "random", "low_rank_noise", "symmetric", "identity")
    assert DEFAULT_EXAMPLE in EXAMPLE_IDS


@pytest.mark.parametrize("example_id", EXAMPLE_IDS)
def test_every_example_is_a_small_finite_read_only_matrix(example_id: str) -> None:
    matrix = example(example_id)
    assert matrix.dtype == np.float64 and matrix.ndim == 2
    assert min(matrix.shape) >= 2 and max(matrix.shape) <= 12  # fits the editable grid
    assert np.all(np.isfinite(matrix))
    assert not matrix.flags.writeable
    np.testing.assert_array_equal(matrix, example(example_id))  # deterministic


def test_unknown_example_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        example("nope")


def test_note_example_first_four_columns_carry_everything() -> None:
    s = example("note")
    assert s.shape == (8, 6)
    np.testing.assert_array_equal(s, np.round(s))
    assert s.min() >= 0 and s.max() <= 9
    np.testing.assert_array_equal(s[:, 4], s[:, 0] + s[:, 1])
    np.testing.assert_array_equal(s[:, 5], s[:, 1] + s[:, 3])
    assert np.linalg.matrix_rank(s) == 4 == np.linalg.matrix_rank(s[:, :4])
    sigma = np.linalg.svd(s, compute_uv=False)
    share = np.cumsum(sigma**2) / np.sum(sigma**2)
    assert 0.85 < share[0] < 0.9 and share[1] > 0.998  # two dominant values, not one
    np.testing.assert_allclose(sigma[:4], [30.297, 10.696, 1.107, 0.678], atol=1e-3)


def test_delta_w_is_the_notes_rank_two_product() -> None:
    a, b = delta_w_factors()
    dw = example("delta_w")
    assert a.shape == (5, 2) and b.shape == (2, 4) and dw.shape == (5, 4)
    np.testing.assert_array_equal(dw, a @ b)
    assert np.linalg.matrix_rank(dw) == 2
    assert (a.size, b.size, a.size + b.size, dw.size) == (10, 8, 18, 20)


def test_random_is_square_with_complex_eigenvalues() -> None:
    s = example("random")
    assert s.shape == (5, 5) and np.linalg.matrix_rank(s) == 5
    assert np.any(np.abs(np.linalg.eigvals(s).imag) > 0.1)


def test_low_rank_noise_has_two_large_values_and_a_noise_floor() -> None:
    sigma = np.linalg.svd(example("low_rank_noise"), compute_uv=False)
    assert sigma[1] > 3 * sigma[2]
    assert np.linalg.matrix_rank(example("low_rank_noise")) == 6


def test_symmetric_is_positive_definite_and_identity_is_identity() -> None:
    s = example("symmetric")
    np.testing.assert_array_equal(s, s.T)
    assert np.linalg.eigvalsh(s).min() > 0
    np.testing.assert_array_equal(example("identity"), np.eye(4))


# --- each description's claims, checked against the matrix it describes (example.<id>.desc) ---


def _sigma(example_id: str) -> np.ndarray:
    return np.linalg.svd(example(example_id), compute_uv=False)


def _k_for(s: np.ndarray, share: float) -> int:
    return int(np.argmax(np.cumsum(s**2) / np.sum(s**2) >= share - 1e-12) + 1)


def test_note_description_rank_4_from_summed_columns_and_two_large_values() -> None:
    s = example("note")
    np.testing.assert_array_equal(s[:, 4], s[:, 0] + s[:, 1])
    np.testing.assert_array_equal(s[:, 5], s[:, 1] + s[:, 3])
    assert np.linalg.matrix_rank(s) == 4 and np.linalg.matrix_rank(s[:, :4]) == 4
    assert set(np.unique(s[:, :4])) <= set(range(10))
    sigma = _sigma("note")
    assert sigma[1] > 5 * sigma[2]  # "only two singular values are large"


def test_random_description_spread_energy_and_complex_eigenvalues() -> None:
    """The old text said "singular values of similar size, no direction dominates" for
    2.80, 2.53, 1.86, 0.46, 0.33; what it says now is what these values show."""
    sigma = _sigma("random")
    assert sigma[0] ** 2 / np.sum(sigma**2) < 0.5  # the largest holds less than half
    assert _k_for(sigma, 0.9) == 3  # three of the five for 90%
    assert np.iscomplex(np.linalg.eigvals(example("random"))).any()


def test_low_rank_noise_description_truncation_removes_part_of_the_noise() -> None:
    signal, noise = low_rank_noise_parts()
    s = example("low_rank_noise")
    np.testing.assert_array_equal(s, np.round(signal + noise, 1))
    assert np.linalg.matrix_rank(signal) == 2
    sigma = _sigma("low_rank_noise")
    assert sigma[1] > 3 * sigma[2] and sigma[2] < 3 * sigma[-1]  # two large, then a floor
    u, sv, vt = np.linalg.svd(s)
    kept = (u[:, :2] * sv[:2]) @ vt[:2]
    assert np.linalg.norm(kept - signal) < 0.8 * np.linalg.norm(s - signal)


def test_symmetric_and_identity_descriptions() -> None:
    s = example("symmetric")
    np.testing.assert_array_equal(s, s.T)
    eig = np.sort(np.linalg.eigvalsh(s))[::-1]
    assert eig[-1] > 0
    np.testing.assert_allclose(eig, _sigma("symmetric"), rtol=1e-12)
    np.testing.assert_array_equal(_sigma("identity"), np.ones(4))
