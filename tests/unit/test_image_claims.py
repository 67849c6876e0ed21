"""The /image sentences that describe the built-in pictures, checked against their numbers."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from lowrank import image_source


@cache
def channel_sigmas(name: str) -> list[np.ndarray]:
    """Each colour channel's singular values, straight from numpy."""
    pixels = image_source.builtin_image(name).pixels.astype(float)
    return [np.linalg.svd(pixels[..., c], compute_uv=False) for c in range(pixels.shape[2])]


def k_for(s: np.ndarray, share: float) -> int:
    return int(np.argmax(np.cumsum(s**2) / np.sum(s**2) >= share - 1e-12) + 1)


def test_q1_noise_is_its_brightness_plus_energy_spread_over_all_other_directions() -> None:
    """image.q1.why: apart from the first layer (the average brightness, most of the energy of
    0…255 noise), the rest is spread over all the other directions: most of them are needed for
    90% of what is left, and 99% of the whole takes many times the stripes' k."""
    for s, stripes in zip(channel_sigmas("noise"), channel_sigmas("stripes"), strict=True):
        assert s[0] ** 2 / np.sum(s**2) > 0.5
        assert k_for(s[1:], 0.9) > 0.5 * (s.size - 1)
        assert k_for(s, 0.99) > 20 * k_for(stripes, 0.99)


@pytest.mark.parametrize("name", ["photo", "noise"])
def test_energy_vs_eye_most_energy_is_in_the_first_layer(name: str) -> None:
    """image.energy_vs_eye and image.q2: energy counts squared pixel values, and most of it sits
    in layer 1, so a small k keeps 90%."""
    for s in channel_sigmas(name):
        assert s[0] ** 2 / np.sum(s**2) > 0.5
    if name == "photo":
        assert max(k_for(s, 0.9) for s in channel_sigmas(name)) <= 10


def test_q3_rank_20_needs_a_few_percent_of_the_numbers() -> None:
    """image.q3.q: rank 20 of the photograph stores a few percent (under 10%) of its numbers."""
    m, n, _ = image_source.builtin_image("photo").pixels.shape
    assert 20 * (m + n + 1) / (m * n) < 0.10
