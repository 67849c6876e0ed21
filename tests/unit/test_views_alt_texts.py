"""The pictures' text alternatives state the numbers of the data they describe (numpy checks)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from lowrank import formatting as fmt
from lowrank import i18n
from lowrank import image as im
from lowrank.views import alt_texts
from lowrank.views.parameter_blocks import blocks_alt


def translator(lang: str):
    return lambda key, **params: i18n.t(key, lang, **params)


@pytest.fixture(scope="module")
def colour() -> tuple[np.ndarray, im.ImageSVD]:
    rng = np.random.default_rng(7)
    ramp = np.linspace(0, 200, 48)
    pixels = (ramp[:, None, None] + rng.integers(0, 50, size=(48, 40, 3))).astype(np.uint8)
    return pixels, im.decompose_image(pixels)


@pytest.fixture(scope="module")
def grey(colour) -> tuple[np.ndarray, im.ImageSVD]:
    pixels = colour[0][..., 0]
    return pixels, im.decompose_image(pixels)


def numpy_sigmas(pixels: np.ndarray) -> list[np.ndarray]:
    channels = [pixels] if pixels.ndim == 2 else [pixels[..., c] for c in range(3)]
    return [np.linalg.svd(c.astype(np.float64), compute_uv=False) for c in channels]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_original_picture_says_its_size_and_colour(colour, grey, lang: str) -> None:
    t = translator(lang)
    assert "48×40" in alt_texts.original(colour[0], t)
    assert t("image.alt.colour") in alt_texts.original(colour[0], t)
    assert t("image.alt.grey") in alt_texts.original(grey[0], t)


@pytest.mark.parametrize("k", [1, 5, 40])
def test_the_rank_k_picture_says_the_share_stored_and_the_energy_kept(colour, k: int) -> None:
    pixels, decomposition = colour
    m, n = pixels.shape[:2]
    s2 = sum(s**2 for s in numpy_sigmas(pixels))
    energy = s2[:k].sum() / s2.sum()
    text = alt_texts.rank_k_picture(im.numbers_at(decomposition, k), translator("en"))
    assert f"rebuilt at rank {k}, from its largest singular values" in text
    assert f"{k * (m + n + 1) / (m * n):.1%} of the numbers" in text
    assert f"{energy:.1%} of the energy" in text


def test_the_error_picture_says_its_rank_gain_and_psnr(grey) -> None:
    pixels, decomposition = grey
    k = 3
    u, s, vt = np.linalg.svd(pixels.astype(np.float64), full_matrices=False)
    approximation = (u[:, :k] * s[:k]) @ vt[:k]
    mse = np.mean((pixels - approximation) ** 2)
    psnr = 10 * np.log10(255**2 / mse)
    text = alt_texts.error_picture(im.numbers_at(decomposition, k), 8, translator("en"))
    assert "rank-3 picture, amplified 8 times" in text and f"PSNR {psnr:.1f} dB" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_spectrum_chart_gives_each_channels_largest_and_smallest_sigma(colour, lang) -> None:
    pixels, decomposition = colour
    t = translator(lang)
    text = alt_texts.spectrum(decomposition, t)
    for name, s in zip(("R", "G", "B"), numpy_sigmas(pixels), strict=True):
        value = r"([\d,]+(?:\.\d+)?)"
        channel = re.escape(t(f"image.channel.{name}"))
        found = re.search(rf"{channel}\D*σ₁ = {value}\D*σ₄₀ = {value}", text)
        assert found, text
        assert float(found[1].replace(",", "")) == pytest.approx(s[0], rel=5e-3)
        assert float(found[2]) == pytest.approx(s[-1], rel=5e-3)


def test_the_energy_chart_gives_the_ranks_for_90_and_99_percent(grey) -> None:
    pixels, decomposition = grey
    (s,) = numpy_sigmas(pixels)
    shares = np.cumsum(s**2) / np.sum(s**2)
    k90, k99 = (int(np.argmax(shares >= p)) + 1 for p in (0.90, 0.99))
    text = alt_texts.energy(decomposition, translator("en"))
    assert f"90% at k = {k90}, 99% at k = {k99} and 100% at k = 40" in text
    assert k90 < k99  # the data separates the two ranks


def test_a_rank_one_layer_gives_its_sigma_per_channel(colour, grey) -> None:
    t = translator("en")
    sigmas = numpy_sigmas(colour[0])
    text = alt_texts.rank_one_layer(colour[1], 2, t)
    assert "Layer 2, σ₂u₂v₂ᵀ" in text
    for name, s in zip(("red R", "green G", "blue B"), sigmas, strict=True):
        assert f"{name} {fmt.reading(s[1])}" in text
    (s,) = numpy_sigmas(grey[0])
    assert f"σ₃ = {fmt.reading(s[2])}:" in alt_texts.rank_one_layer(grey[1], 3, t)


def test_the_training_pictures_give_shapes_and_ranges() -> None:
    rng = np.random.default_rng(1)
    a, b, w = rng.normal(size=(6, 2)), rng.normal(size=(2, 5)), rng.normal(size=(6, 5))
    largest = float(np.abs(a @ b).max())
    grid = alt_texts.factor_grid(a, b, 40, largest, translator("en"))
    assert "step 40" in grid and "B (2×5)" in grid and "A (6×2)" in grid
    assert f"ΔW (6×5) at the bottom right, largest |ΔW| = {largest:.3g}" in grid
    frozen = alt_texts.frozen_weights(w, 2, translator("zh"))
    assert "第 2 层" in frozen and f"6×5 个数，从 {w.min():.2f} 到 {w.max():.2f}" in frozen


@pytest.mark.parametrize(("d", "k", "r"), [(5, 4, 2), (4096, 4096, 8)])
def test_the_blocks_picture_counts_the_numbers_of_a_and_b(d: int, k: int, r: int) -> None:
    text = blocks_alt(d, k, r, "en")
    assert f"ΔW, {d}×{k} ({d * k:,} numbers), as A ({d}×{r}) times B ({r}×{k})" in text
    assert f"{d * r:,} + {r * k:,} = {d * r + r * k:,} numbers" in text
