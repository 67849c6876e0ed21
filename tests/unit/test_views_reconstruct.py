"""/reconstruct's views (S, S_k and S − S_k, the layers, the energy curve, the numbers at every k)
against numpy."""

from __future__ import annotations

import numpy as np

from lowrank.analysis import rank_k
from lowrank.examples import example
from lowrank.svd import decompose
from lowrank.views.reconstruct import (
    energy_figure,
    layer_panels,
    layers_shown,
    rank_follow,
    rank_texts,
    reconstruction_panels,
)
from lowrank.views.svd import (
    Panel,
    decimals_for,
    panel_figures,
    sigma_figure,
    svd_panels,
)


def test_reconstruction_and_layer_panels_add_up() -> None:
    s = example("low_rank_noise")
    svd = decompose(s)
    result = rank_k(s, svd, 3)
    panels = reconstruction_panels(s, result, ("a", "b", "c"))
    assert [p.title for p in panels] == ["a", "b", "c"]
    assert [p.stem for p in panels] == ["S", "S_3", "S_minus_S_3"]
    np.testing.assert_allclose(panels[1].matrix + panels[2].matrix, s, atol=1e-12)
    layers = layer_panels(svd, 3, lambda i, sigma: f"{i}:{sigma:.2f}")
    np.testing.assert_allclose(sum(p.matrix for p in layers), panels[1].matrix, atol=1e-12)
    sigma = np.linalg.svd(s, compute_uv=False)
    assert [p.title for p in layers] == [f"{i + 1}:{sigma[i]:.2f}" for i in range(3)]
    for layer in layers:
        assert np.linalg.matrix_rank(layer.matrix) == 1


def test_sigma_and_energy_figures_match_numpy() -> None:
    s = example("note")
    sigma = np.linalg.svd(s, compute_uv=False)
    bars = sigma_figure(decompose(s).s, "σ")
    np.testing.assert_allclose(bars.data[0].y, sigma, atol=1e-12)
    assert list(bars.data[0].text[:2]) == ["30.3", "10.7"] and bars.data[0].text[-1] == "0"
    energy = energy_figure(decompose(s).s, title="t", curve_name="c", y_title="y")
    kept = np.cumsum(sigma**2) / np.sum(sigma**2)
    np.testing.assert_allclose(energy.data[0].y, 100 * kept, rtol=1e-12)
    assert not energy.layout.shapes  # the same figure at every k: the browser marks k


def test_large_matrices_draw_fewer_layers_and_lighter_heatmaps() -> None:
    assert layers_shown((8, 6), 4) == 4 and layers_shown((12, 12), 12) == 12
    assert layers_shown((200, 200), 150) == 3 and layers_shown((200, 200), 2) == 2
    big = np.random.default_rng(0).normal(size=(40, 30))
    figure = panel_figures([Panel("S", "S", big)])[0]
    assert figure.data[0].z.dtype == np.float32 and figure.data[0].xgap == 0
    np.testing.assert_allclose(figure.data[0].z, big, rtol=1e-6)
    assert figure.data[0].texttemplate is None  # too large to print numbers


def test_panels_decimals_stems_and_the_approximation_decimals() -> None:
    s = example("note")  # integers
    panels = svd_panels(s, decompose(s))
    assert [p.decimals for p in panels] == [0, 2, decimals_for(panels[2].matrix), 2]
    rec = reconstruction_panels(s, rank_k(s, decompose(s), 2), ("a", "b", "c"))
    assert [p.decimals for p in rec] == [0, 2, 2]  # S_k of an integer S is not integer
    diagonal = np.diag([3.0, 1.0])  # its rank-1 approximation is exactly diag(3, 0)
    exact = rank_k(diagonal, decompose(diagonal), 1)
    assert decimals_for(exact.approx) == 0
    assert [p.decimals for p in reconstruction_panels(diagonal, exact, "abc")] == [0, 0, 0]
    wide = np.array([[150.5, 1.0], [2.0, 3.0]])  # 1 decimal for S: S_k still shows 2
    approx = rank_k(wide, decompose(wide), 1)
    assert [p.decimals for p in reconstruction_panels(wide, approx, "abc")] == [1, 2, 2]
    layers = layer_panels(decompose(s), 3, lambda i, sigma: str(i))
    assert [p.stem for p in layers] == ["layer_1", "layer_2", "layer_3"]
    assert [p.title for p in layers] == ["1", "2", "3"]


def test_layers_shown_switches_above_sixteen_on_a_side() -> None:
    assert layers_shown((16, 5), 20) == 16 and layers_shown((5, 16), 10) == 10
    assert layers_shown((17, 5), 20) == 3 and layers_shown((5, 17), 10) == 3


def _t(key: str, **fields: object) -> str:
    """A stand-in for the catalogue: the key and its fields, so a test sees what was asked."""
    return key + "".join(f"|{name}={value}" for name, value in sorted(fields.items()))


def test_rank_texts_against_numpy() -> None:
    s = np.array([[3.0, 1.0, 2.0], [1.0, 4.0, 1.5], [0.5, 2.0, 5.0], [2.0, 0.3, 1.0]])
    sigma = np.linalg.svd(s, compute_uv=False)
    texts = rank_texts(rank_k(s, decompose(s), 1), float(sigma[0]), _t)
    frobenius, spectral = np.sqrt(np.sum(sigma[1:] ** 2)), sigma[1]
    assert texts["energy"] == f"{100 * sigma[0] ** 2 / np.sum(sigma**2):.2f}%"
    assert texts["frobenius"] == f"{frobenius:.4g}" and len(f"{frobenius:.5g}") > 5
    assert texts["frobenius_formula"] == f"rec.m.frobenius.formula|value={frobenius:.4g}"
    assert texts["spectral"] == f"{spectral:.4g}" != f"{spectral:.5g}"
    assert texts["storage"] == "8 / 12"  # k(m + n + 1) = 8 of m·n = 12
    assert texts["storage_note"] == (
        "rec.storage.note|full=12|k=1|stored=8|verdict=rec.storage.saves"
    )


def test_rank_texts_storage_equal_to_the_matrix_is_no_saving() -> None:
    s = np.array([[3.0, 1.0, 2.0], [1.0, 4.0, 1.5]])  # 2×3 at k = 1: 1·(2 + 3 + 1) = 6 = 2·3
    result = rank_k(s, decompose(s), 1)
    assert result.storage == result.full_storage == 6
    texts = rank_texts(result, float(np.linalg.norm(s, 2)), _t)
    assert texts["storage_note"].endswith("verdict=rec.storage.costs")


def test_rank_follow_is_rank_texts_and_marks_at_every_k() -> None:
    s = example("low_rank_noise")
    svd = decompose(s)
    sigma = np.linalg.svd(s, compute_uv=False)
    results = [rank_k(s, svd, k) for k in (1, 2, 3)]
    spec = rank_follow(results, float(sigma[0]), _t, slider="k", prefix="r_", energy_chart="e",
                       sigma_chart="sg")  # fmt: skip
    assert spec.slider == "k"
    assert (spec.positions.start, spec.positions.step, spec.positions.count) == (1, 1, 3)
    for k, result in zip((1, 2, 3), results, strict=True):
        assert spec.at(k) == {f"r_{n}": v for n, v in rank_texts(result, sigma[0], _t).items()}
    parts = {t.key: t.part for t in spec.texts}
    assert {key for key, part in parts.items() if part == "value"} == {
        "r_energy", "r_frobenius", "r_spectral", "r_storage"}  # fmt: skip
    energy, bars = spec.marks
    kept = np.cumsum(sigma**2) / np.sum(sigma**2)
    assert energy.chart == "e" and energy.x == (1.0, 2.0, 3.0)
    np.testing.assert_allclose(energy.y, 100 * kept[:3], rtol=1e-12)
    assert energy.label == ("k = 1", "k = 2", "k = 3")
    assert bars.chart == "sg" and bars.x == (1.5, 2.5, 3.5) and bars.band
