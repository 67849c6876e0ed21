"""Figures, tables and number formats of the section-1 pages: what is drawn is what numpy says."""

from __future__ import annotations

import numpy as np
import pytest

from lowrank.analysis import eigen_comparison, rank_k
from lowrank.examples import EXAMPLE_IDS, example
from lowrank.svd import decompose
from lowrank.svd_views import (
    Panel,
    decimals_for,
    eigen_table,
    energy_figure,
    format_number,
    format_percent,
    format_power,
    layer_panels,
    layers_shown,
    matrix_scale,
    panel_figures,
    reconstruction_panels,
    sigma_figure,
    subscript,
    svd_panels,
)

HEADERS = {"index": "i", "sigma": "s", "sigma_squared": "s2", "gram": "g", "own": "l"}


def test_format_number() -> None:
    assert format_number(30.29694) == "30.3"
    assert format_number(-2.4961) == "−2.496"
    assert format_number(1.5309 + 1.3764j) == "1.531 + 1.376i"
    assert format_number(-0.083 - 0.4257j) == "−0.083 − 0.4257i"
    assert format_number(7.1e-15, 2) == "7.1e−15"
    assert format_number(7.1e-15, 4, scale=30.0) == "0"
    assert format_number(0.5, 4, scale=30.0) == "0.5"


def test_format_power() -> None:
    assert format_power(-1.0, np.log10(2.5)) == "−2.5"
    assert format_power(0.0, -np.inf) == "0"
    assert format_power(1.0, 450.30103) == "2 × 10⁴⁵⁰"
    assert format_power(-1.0, -20.0) == "−1 × 10⁻²⁰"


def test_format_percent_never_rounds_up_to_a_full_hundred() -> None:
    assert format_percent(0.998369) == "99.84%"
    assert format_percent(0.999999) == "99.99%"
    assert format_percent(1.0) == "100.00%"
    assert format_percent(0.5) == "50.00%"


def test_subscript_and_decimals() -> None:
    assert subscript(12) == "₁₂"
    assert decimals_for(example("note")) == 0
    assert decimals_for(np.array([[0.5, 1.0]])) == 2
    assert decimals_for(np.array([[150.5, 1.0]])) == 1
    assert matrix_scale(np.array([[1.0, -3.0]])) == 3.0


@pytest.mark.parametrize("example_id", EXAMPLE_IDS)
def test_eigen_table_shows_numpy_values(example_id: str) -> None:
    s = example(example_id)
    table = eigen_table(eigen_comparison(s, decompose(s)), HEADERS)
    n = s.shape[1]
    sigma = np.linalg.svd(s, compute_uv=False)
    assert table["i"] == [str(i) for i in range(1, n + 1)]
    assert table["s"][: sigma.size] == [format_number(v, scale=sigma[0]) for v in sigma]
    gram = np.sort(np.linalg.eigvalsh(s.T @ s))[::-1]
    shown = [0.0 if v == "0" else float(v.replace("−", "-")) for v in table["g"]]
    np.testing.assert_allclose(shown, gram, rtol=1e-3, atol=1e-9 * sigma[0] ** 2)
    assert ("l" in table) == (s.shape[0] == s.shape[1])


def test_eigen_table_pads_missing_singular_values() -> None:
    wide = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    table = eigen_table(eigen_comparison(wide, decompose(wide)), HEADERS)
    assert table["s"][2] == "—" and table["s2"][2] == "—"
    assert table["g"][2] == "0"  # the third eigenvalue of SᵀS is zero
    assert "l" not in table


def test_eigen_table_complex_eigenvalues() -> None:
    s = example("random")
    table = eigen_table(eigen_comparison(s, decompose(s)), HEADERS)
    own = np.linalg.eigvals(s)
    assert sum("i" in cell for cell in table["l"]) == np.sum(np.abs(own.imag) > 1e-12)


@pytest.mark.parametrize("full", [False, True])
def test_svd_panels_titles_and_shapes(full: bool) -> None:
    s = example("note")
    svd = decompose(s, full=full)
    panels = svd_panels(s, svd)
    assert [p.stem for p in panels] == ["S", "U", "Sigma", "Vt"]
    expected = (
        ["S (8×6)", "U (8×8)", "Σ (8×6)", "Vᵀ (6×6)"]
        if full
        else ["S (8×6)", "U (8×6)", "Σ (6×6)", "Vᵀ (6×6)"]
    )
    assert [p.title for p in panels] == expected
    product = panels[1].matrix @ panels[2].matrix @ panels[3].matrix
    np.testing.assert_allclose(product, s, atol=1e-12)


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


def test_panel_figures_show_the_matrix_with_numbers() -> None:
    s = example("note")
    residual = rank_k(s, decompose(s), 4).residual  # rounding noise only
    figures = panel_figures([Panel("S", "S", s, 0), Panel("R", "R", residual, 2)], scale=9.0)
    np.testing.assert_array_equal(np.array(figures[0].data[0].z), s)
    assert figures[0].data[0].texttemplate == "%{z:.0f}"
    assert np.all(np.array(figures[1].data[0].z) == 0.0)  # noise shown as 0, not −0.00
    assert figures[0].data[0].zmax == 9.0 and figures[1].data[0].zmin == -9.0
    assert figures[0].layout.title.text == "S"


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
