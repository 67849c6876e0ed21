"""lowrank.rank_choice against numpy: the thresholds, the rules, the errors of every rank."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lowrank import rank_choice as rc

# --- the Gavish–Donoho constants ---------------------------------------------------------------


@pytest.mark.parametrize("beta", [0.05, 0.1, 0.25, 0.5, 0.75, 0.853, 1.0])
def test_lambda_star_is_the_closed_form(beta: float) -> None:
    w = 8 * beta / (beta + 1 + np.sqrt(beta**2 + 14 * beta + 1))
    assert rc.lambda_star(beta) == pytest.approx(np.sqrt(2 * (beta + 1) + w), rel=1e-14)


def test_lambda_star_of_a_square_matrix_is_four_over_root_three() -> None:
    # The paper's title: "The Optimal Hard Threshold for Singular Values is 4/√3".
    assert rc.lambda_star(1.0) == pytest.approx(4 / np.sqrt(3), rel=1e-14)


@pytest.mark.parametrize("beta", [0.0, -0.5, 1.0001])
def test_beta_outside_zero_one_is_refused(beta: float) -> None:
    with pytest.raises(ValueError, match="outside"):
        rc.lambda_star(beta)
    with pytest.raises(ValueError, match="outside"):
        rc.mp_median(beta)


@pytest.mark.parametrize("beta", [0.25, 0.75, 1.0])
def test_mp_median_matches_a_simulation(beta: float) -> None:
    """The median eigenvalue of Z Zᵀ / n for a 600 × 600/β standard Gaussian Z (seeded): within
    1.5 % of the integrated law (measured: 0.2 %, 0.6 %, 0.8 %: one finite matrix,
    not the limit)."""
    m = 600
    z = np.random.default_rng(1).standard_normal((m, round(m / beta)))
    simulated = float(np.median(np.linalg.eigvalsh(z @ z.T / z.shape[1])))
    assert rc.mp_median(beta) == pytest.approx(simulated, rel=1.5e-2)


@pytest.mark.parametrize("beta", [0.1, 0.5, 0.9, 1.0])
def test_mp_median_halves_the_density_on_a_fine_grid(beta: float) -> None:
    lo, hi = (1 - np.sqrt(beta)) ** 2, (1 + np.sqrt(beta)) ** 2
    # x = lo + (hi − lo)(1 − cos θ)/2 removes the square-root edges; trapezoids on 200,001 points.
    theta = np.linspace(0, np.pi, 200_001)
    x = lo + (hi - lo) * (1 - np.cos(theta)) / 2
    dx = (hi - lo) * np.sin(theta) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        f = np.sqrt(np.maximum((hi - x) * (x - lo), 0)) / (2 * np.pi * beta * x) * dx
    f[~np.isfinite(f)] = 0.0
    cdf = np.concatenate([[0], np.cumsum((f[1:] + f[:-1]) / 2 * np.diff(theta))])
    assert cdf[-1] == pytest.approx(1.0, abs=1e-4)
    assert np.interp(0.5, cdf, x) == pytest.approx(rc.mp_median(beta), rel=1e-4)


def test_omega_of_a_square_matrix_is_the_papers_2_858() -> None:
    assert rc.omega(1.0) == pytest.approx(2.858, abs=5e-4)


def test_omega_is_near_the_papers_cubic_approximation() -> None:
    """ω(β) ≈ 0.56β³ − 0.95β² + 1.82β + 1.43 (the paper's fit): within 0.01 on [0.05, 1]
    (measured: 0.0061 at most)."""
    for beta in np.linspace(0.05, 1, 20):
        cubic = 0.56 * beta**3 - 0.95 * beta**2 + 1.82 * beta + 1.43
        assert abs(rc.omega(float(beta)) - cubic) < 0.01


def test_thresholds_use_the_longer_side_and_the_median() -> None:
    assert rc.aspect((150, 200)) == rc.aspect((200, 150)) == 0.75
    tau = rc.known_threshold((200, 150), 3.0)
    assert tau == pytest.approx(rc.lambda_star(0.75) * np.sqrt(200) * 3.0)
    s = np.array([9.0, 5.0, 4.0, 1.0])
    assert rc.unknown_threshold(s, (4, 8)) == pytest.approx(rc.omega(0.5) * 4.5)


# --- the rules, by brute force ----------------------------------------------------------------


def _brute_rules(s: np.ndarray, shape: tuple[int, int], share: float, level: float) -> dict:
    m, n = shape
    squares = s**2
    energy = next(k for k in range(1, s.size + 1) if squares[:k].sum() >= share * squares.sum())
    storage = max(k for k in range(0, min(shape) + 1) if k * (m + n + 1) < m * n)
    beta = min(shape) / max(shape)
    lam = math.sqrt(2 * (beta + 1) + 8 * beta / (beta + 1 + math.sqrt(beta**2 + 14 * beta + 1)))
    tau = lam * math.sqrt(max(shape)) * level
    return {"energy": energy, "storage": storage, "known": sum(1 for v in s if v > tau)}


@settings(deadline=None)  # a cold first example (scipy's quadrature) on a loaded machine
@given(
    m=st.integers(2, 30),
    n=st.integers(2, 30),
    share=st.floats(0.05, 0.999),
    level=st.floats(0.01, 2.0),
    seed=st.integers(0, 1000),
)
def test_rules_match_brute_force(m: int, n: int, share: float, level: float, seed: int) -> None:
    a = np.random.default_rng(seed).standard_normal((m, n)) * np.geomspace(10, 0.1, n)
    s = np.linalg.svd(a, compute_uv=False)
    rules = rc.choose(s, (m, n), share, level)
    brute = _brute_rules(s, (m, n), share, level)
    assert (rules.energy, rules.storage, rules.known) == (
        brute["energy"],
        brute["storage"],
        brute["known"],
    )
    assert rules.unknown == sum(1 for v in s if v > rc.omega(min(m, n) / max(m, n)) * np.median(s))
    assert [rules.k(rule) for rule in rc.RULES] == [
        rules.energy,
        rules.storage,
        rules.known,
        rules.unknown,
    ]


def test_storage_rank_at_its_exact_break_even() -> None:
    # 3×6: k(m+n+1) = 10k < 18 for k = 1 only; 4×4: 9k < 16 for k = 1; 10×10: 21k < 100 for k ≤ 4.
    assert [rc.storage_rank(s) for s in ((3, 6), (4, 4), (10, 10), (1, 5))] == [1, 1, 4, 0]
    # 21k = 84 < 84 fails at k = 4 exactly: k(m+n+1) = mn is no saving.
    assert rc.storage_rank((4, 16)) == 3


def test_unknown_noise_and_unknown_rule() -> None:
    s = np.array([5.0, 3.0, 1.0])
    rules = rc.choose(s, (3, 3), 0.5, None)
    assert rules.known is None and rules.tau_known is None
    with pytest.raises(ValueError):
        rules.k("guess")


def test_exact_zeros_are_never_kept() -> None:
    s = np.array([4.0, 1e-15, 0.0])
    assert rc.count_above(s, (3, 3), 0.0) == 1
    assert rc.count_above(s, (3, 3), 3.999) == 1
    assert rc.count_above(s, (3, 3), 4.0) == 0


# --- signals and noise -----------------------------------------------------------------------


def test_photo_signal_is_the_block_mean() -> None:
    grey = np.random.default_rng(2).integers(0, 256, (7, 9)).astype(np.uint8)
    out = rc.photo_signal(grey, 2)
    assert out.shape == (3, 4)
    for i in range(3):
        for j in range(4):
            assert out[i, j] == pytest.approx(grey[2 * i : 2 * i + 2, 2 * j : 2 * j + 2].mean())
    assert not out.flags.writeable


def test_planted_signal_has_its_rank_and_singular_values() -> None:
    x = rc.planted_signal()
    assert x.shape == rc.PLANTED_SHAPE
    assert np.linalg.matrix_rank(x) == rc.PLANTED_RANK
    s = np.linalg.svd(x, compute_uv=False)
    expected = rc.planted_sigmas()
    assert s[: rc.PLANTED_RANK] == pytest.approx(np.sort(expected)[::-1], rel=1e-10)
    assert expected[0] == pytest.approx(128 * np.sqrt(150 * 200))
    assert expected[1:] == pytest.approx(np.geomspace(5000, 250, 9))
    assert x.mean() == pytest.approx(128.0, abs=1e-9)  # the other layers are cosines of mean 0
    assert np.array_equal(x, rc.planted_signal())  # seeded
    assert not np.array_equal(x, rc.planted_signal(seed=1))


def test_planted_patterns_are_cosines_of_distinct_frequencies_up_to_3r() -> None:
    """Along each side, the planted matrix is the constant plus cosines of r − 1 distinct
    frequencies in 1 … 3r: its orthonormal 2-D DCT has r non-zero entries, at (0, 0) and off
    both axes, none beyond 3r."""
    from scipy.fft import dctn

    coefficients = dctn(rc.planted_signal(), norm="ortho")
    rows, cols = np.nonzero(np.abs(coefficients) > 1e-6 * np.abs(coefficients).max())
    assert len(rows) == rc.PLANTED_RANK
    assert sorted(zip(rows, cols, strict=True))[0] == (0, 0)
    others = [(f, g) for f, g in zip(rows, cols, strict=True) if (f, g) != (0, 0)]
    assert all(1 <= f <= 3 * rc.PLANTED_RANK and 1 <= g <= 3 * rc.PLANTED_RANK for f, g in others)
    assert len({f for f, _ in others}) == len({g for _, g in others}) == rc.PLANTED_RANK - 1


def test_noise_is_one_seeded_matrix_scaled() -> None:
    a, b = rc.noise((5, 4), 1.0), rc.noise((5, 4), 3.0)
    assert np.allclose(b, 3 * a)
    assert np.array_equal(a, np.random.default_rng(rc.SEED).standard_normal((5, 4)))


# --- the errors of every rank ---------------------------------------------------------------------


@settings(deadline=None)
@given(
    m=st.integers(2, 12), n=st.integers(2, 12), level=st.floats(0.0, 3.0), seed=st.integers(0, 99)
)
def test_errors_of_every_rank_match_numpy(m: int, n: int, level: float, seed: int) -> None:
    x = np.random.default_rng(seed + 7).standard_normal((m, n)) * 4
    result = rc.denoise(x, level, seed)
    y = x + level * np.random.default_rng(seed).standard_normal((m, n))
    u, s, vt = np.linalg.svd(y, full_matrices=False)
    assert result.max_rank == min(m, n) and result.shape == (m, n)
    for k in range(min(m, n) + 1):
        yk = (u[:, :k] * s[:k]) @ vt[:k]
        assert result.clean_error[k] == pytest.approx(
            np.linalg.norm(yk - x) / np.sqrt(m * n), rel=1e-7, abs=1e-7
        )
        assert result.noisy_error[k] == pytest.approx(
            np.linalg.norm(yk - y) / np.sqrt(m * n), rel=1e-7, abs=1e-7
        )
    errors = [np.linalg.norm((u[:, :k] * s[:k]) @ vt[:k] - x) for k in range(1, min(m, n) + 1)]
    assert result.clean_error[result.best_k] == pytest.approx(min(errors) / np.sqrt(m * n))


def test_keeping_everything_gives_the_noise_back() -> None:
    x = rc.planted_signal()
    result = rc.denoise(x, 20.0)
    rms_noise = np.sqrt(np.mean(rc.noise(x.shape, 20.0) ** 2))
    assert result.clean_error[-1] == pytest.approx(rms_noise, rel=1e-9)
    assert result.noisy_error[-1] == 0
    assert result.clean_error[0] == pytest.approx(np.sqrt(np.mean(x**2)))


def test_noisy_error_only_falls_and_clean_error_is_a_u() -> None:
    result = rc.denoise(rc.planted_signal(), 20.0)
    assert np.all(np.diff(result.noisy_error) <= 1e-12)
    best = result.best_k
    assert np.all(np.diff(result.clean_error[: best + 1]) < 0)  # falls to the best k
    assert result.clean_error[-1] > result.clean_error[best] * 2  # and rises well past it


def test_best_k_is_the_smallest_of_a_tie() -> None:
    x = np.diag([3.0, 2.0, 0.0])
    result = rc.denoise(x, 0.0)
    assert result.best_k == 2  # k = 2 and k = 3 both give X exactly


@pytest.mark.parametrize("level", [1.0, 5.0])
def test_u_curve_minimum_on_the_planted_matrix_is_its_rank(level: float) -> None:
    """With every planted σᵢ far above the noise (the smallest, 250, against a threshold of 152
    at σ = 5), the rank-r reconstruction is the nearest: best k = r exactly."""
    result = rc.denoise(rc.planted_signal(), level)
    assert result.best_k == rc.PLANTED_RANK


@pytest.mark.parametrize("level", [20.0, 30.0, 60.0, 100.0])
def test_under_strong_noise_the_best_k_drops_below_the_rank(level: float) -> None:
    """Planted directions below the noise are not worth keeping: best k < r, and the known-noise
    threshold picks within one of it (measured: equal at 20, 30, 60; 3 against 4 at 100)."""
    result = rc.denoise(rc.planted_signal(), level)
    rules = rc.choose(result.noisy.s, result.shape, 0.9, level)
    assert result.best_k < rc.PLANTED_RANK
    assert rules.known is not None and abs(rules.known - result.best_k) <= 1


def test_bulk_edge_is_the_marchenko_pastur_top() -> None:
    result = rc.denoise(np.zeros((30, 50)), 2.0)
    assert result.bulk_edge() == pytest.approx(2.0 * (np.sqrt(30) + np.sqrt(50)))
    # a pure-noise matrix's σ₁ is near it (finite size: within 10 %)
    assert result.noisy.s[0] == pytest.approx(result.bulk_edge(), rel=0.1)


def test_clean_signals_by_name() -> None:
    from lowrank import image, image_source

    grey = image.to_grey(image_source.builtin_image("photo").pixels)
    assert grey.shape == (600, 512)
    photo = rc.clean_signal("photo")
    assert photo.shape == (300, 256)
    assert photo[0, 0] == pytest.approx(grey[:2, :2].mean())
    assert np.array_equal(rc.clean_signal("planted"), rc.planted_signal())
    with pytest.raises(ValueError):
        rc.clean_signal("noise")


def test_pixels_round_and_clip() -> None:
    out = rc.pixels(np.array([[-3.0, 0.4, 0.6], [254.5, 255.2, 400.0]]))
    assert out.dtype == np.uint8 and not out.flags.writeable
    assert out.tolist() == [[0, 0, 1], [254, 255, 255]]
