"""/reconstruct's views (S, S_k and S − S_k, the layers, the energy curve, the numbers at every k)
against numpy."""

from __future__ import annotations

import numpy as np

from lowrank import formatting as fmt
from lowrank.analysis import rank_k
from lowrank.examples import example
from lowrank.svd import decompose
from lowrank.views.positions import Positions
from lowrank.views.reconstruct import (
    charts_block,
    layer_panels,
    layers_shown,
    numbers_block,
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


def test_sigma_figure_matches_numpy() -> None:
    s = example("note")
    sigma = np.linalg.svd(s, compute_uv=False)
    bars = sigma_figure(decompose(s).s, "σ")
    np.testing.assert_allclose(bars.data[0].y, sigma, atol=1e-12)
    assert list(bars.data[0].text[:2]) == ["30.3", "10.7"] and bars.data[0].text[-1] == "0"


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


def test_numbers_block_is_rank_texts_at_every_k() -> None:
    s = example("low_rank_noise")
    svd = decompose(s)
    sigma = np.linalg.svd(s, compute_uv=False)
    results = [rank_k(s, svd, k) for k in (1, 2, 3)]
    numbers = numbers_block(results, float(sigma[0]), _t)
    assert numbers.positions == Positions(1, 1, 3) and not numbers.charts
    names = ("energy", "frobenius", "spectral", "storage")
    assert [m.label for m in numbers.metrics] == [f"rec.m.{name}" for name in names]
    helps = ["rec.m.energy.help", "rec.m.error.help", "rec.m.error.help", ""]
    assert [m.help for m in numbers.metrics] == helps
    for k, result in zip((1, 2, 3), results, strict=True):
        texts = rank_texts(result, sigma[0], _t)
        shown = numbers.at(k)
        assert shown["metrics"] == {f"rec.m.{name}": texts[name] for name in names}
        assert shown["notes"] == {
            "rec.m.frobenius": texts["frobenius_formula"],
            "rec.m.spectral": texts["spectral_formula"],
            "rec.m.storage": texts["storage_note"],
        }
        # the errors against numpy: ‖S − S_k‖_F from the entries, σ_{k+1} for the 2-norm
        u, sv, vt = np.linalg.svd(s)
        approx = (u[:, :k] * sv[:k]) @ vt[:k]
        assert texts["frobenius"] == fmt.number(np.linalg.norm(s - approx), 4, scale=sigma[0])
        value = fmt.number(sigma[k], 4, scale=sigma[0])
        assert texts["spectral_formula"] == f"rec.m.spectral.formula|value={value}"


def test_charts_block_marks_k_on_numpys_energy_and_singular_values() -> None:
    s = example("note")
    svd = decompose(s)
    sigma = np.linalg.svd(s, compute_uv=False)
    rank = 4
    results = [rank_k(s, svd, k) for k in range(1, rank + 1)]
    charts = charts_block(results, svd.s, _t)
    assert charts.positions == Positions(1, 1, rank) and not charts.metrics
    energy, bars = charts.charts
    kept = np.cumsum(sigma**2) / np.sum(sigma**2)
    (curve,) = energy.series
    np.testing.assert_allclose(curve.y, 100 * kept, rtol=1e-12)
    assert curve.x == tuple(float(k) for k in range(1, sigma.size + 1))
    assert energy.mark == (1.0, 2.0, 3.0, 4.0) and energy.mark_labels[2] == "k = 3"
    assert energy.y_range == (0.0, 101.0) and energy.y_suffix == "%"
    assert curve.hover[1] == f"k = 2: {fmt.percent(kept[1])}"
    (column,) = bars.series
    np.testing.assert_allclose(column.y, sigma, atol=1e-12)
    assert column.bars and column.labels[:2] == ("30.3", "10.7")
    assert column.hover[0] == f"σ₁ = {fmt.number(sigma[0], 4, scale=sigma[0])}"
    assert bars.mark == (1.5, 2.5, 3.5, 4.5)  # between the last kept and the first dropped
    assert bars.band == "chart.dropped"
    assert bars.alts[1] == f"rec.sigma.alt|dropped={sigma.size - 2}|k=2|n={sigma.size}"
    first, last = fmt.percent(kept[0]), fmt.percent(kept[rank - 1])
    assert energy.alts[0] == (
        f"rec.energy.alt|energy={first}|first={first}|k=1|last={last}|rank={rank}"
    )
    full = charts_block([rank_k(s, svd, k) for k in range(1, sigma.size + 1)], svd.s, _t)
    assert full.charts[1].alts[-1] == f"rec.sigma.alt.all|n={sigma.size}"
