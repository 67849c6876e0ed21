"""The text alternatives of /reconstruct's live heatmaps (lowrank/views/alt_texts.py): at every k,
the energy kept, ‖S − S_k‖_F and the largest entries, against numpy, in both languages."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from lowrank import formatting as fmt
from lowrank import i18n
from lowrank.analysis import rank_k
from lowrank.svd import decompose
from lowrank.views import alt_texts

MATRIX = np.array([[3.0, 1.0, 2.0], [1.0, -4.0, 0.5], [2.0, 0.5, 1.0], [0.0, 2.0, -1.0]])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_k_says_its_energy_error_and_largest_entries(lang):
    t = functools.partial(i18n.t, lang=lang)
    svd = decompose(MATRIX)
    results = [rank_k(MATRIX, svd, k) for k in range(1, 4)]
    texts = alt_texts.live_views(results, t)
    assert set(texts) == {"approx", "residual"}
    s = np.linalg.svd(MATRIX, compute_uv=False)
    u, sigma, vt = np.linalg.svd(MATRIX, full_matrices=False)
    for k in range(1, 4):
        approx = (u[:, :k] * sigma[:k]) @ vt[:k]
        energy = np.sum(s[:k] ** 2) / np.sum(s**2)
        error = np.linalg.norm(MATRIX - approx)
        shown = texts["approx"][k - 1]
        assert f"{energy:.1%}" in shown and "4×3" in shown and str(k) in shown
        assert fmt.reading(np.abs(approx).max()) in shown
        residual = texts["residual"][k - 1]
        assert fmt.reading(error) in residual
        assert fmt.reading(np.abs(MATRIX - approx).max()) in residual
    assert texts["approx"][0] != texts["approx"][1]


def test_the_texts_are_in_the_page_language():
    svd = decompose(MATRIX)
    result = rank_k(MATRIX, svd, 1)
    zh = alt_texts.approximation_heatmap(result, functools.partial(i18n.t, lang="zh"))
    en = alt_texts.approximation_heatmap(result, functools.partial(i18n.t, lang="en"))
    assert "热图" in zh and "能量" in zh and zh.endswith("。")
    assert en.startswith("Heatmap of S₁") and "rank-1" in en
