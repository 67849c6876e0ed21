"""/svd's views (the factors as panels, the σ bars, the eigen table, number formats): what is drawn
is what numpy says."""

from __future__ import annotations

import numpy as np
import pytest

from lowrank import formatting as fmt
from lowrank.analysis import EigenComparison, eigen_comparison, rank_k
from lowrank.examples import EXAMPLE_IDS, example
from lowrank.svd import decompose
from lowrank.views.svd import (
    Panel,
    decimals_for,
    eigen_table,
    matrix_scale,
    panel_figures,
    sigma_figure,
    svd_panels,
)

HEADERS = {"index": "i", "sigma": "s", "sigma_squared": "s2", "gram": "g", "own": "l"}


def test_decimals_and_scale() -> None:
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
    assert table["s"][: sigma.size] == [fmt.number(v, scale=sigma[0]) for v in sigma]
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


def test_panel_figures_show_the_matrix_with_numbers() -> None:
    s = example("note")
    residual = rank_k(s, decompose(s), 4).residual  # rounding noise only
    figures = panel_figures([Panel("S", "S", s, 0), Panel("R", "R", residual, 2)], scale=9.0)
    np.testing.assert_array_equal(np.array(figures[0].data[0].z), s)
    assert figures[0].data[0].texttemplate == "%{z:.0f}"
    assert np.all(np.array(figures[1].data[0].z) == 0.0)  # noise shown as 0, not −0.00
    assert figures[0].data[0].zmax == 9.0 and figures[1].data[0].zmin == -9.0
    assert figures[0].layout.title.text == "S"


# --- mutation testing (bench/mutate.py): boundaries and defaults the tests above left open ---


def test_eigen_table_chops_on_the_scale_of_sigma_one_squared() -> None:
    # σ₁ = 1000: noise is |x| ≤ 1e-10·σ₁² = 1e-4 for σ² and λ(SᵀS), 1e-7 for σ
    comparison = EigenComparison(
        sigma=np.array([1000.0, np.sqrt(1e-3), np.sqrt(5e-5)]),
        gram_eigenvalues=np.array([1e6, 1e-3, 5e-5]),
        own_eigenvalues=None,
        symmetric_psd=False,
    )
    table = eigen_table(comparison, HEADERS)
    assert table["g"] == ["1e+06", "0.001", "0"]
    assert table["s"] == ["1000", "0.03162", "0.007071"]  # σ₃ > 1e-7 shows
    assert table["s2"] == ["1e+06", "0.001", "0"]  # but σ₃² = 5e-5 ≤ 1e-4 is noise
    assert "l" not in table


def test_eigen_table_pads_exactly_to_the_gram_size() -> None:
    wide = np.array([[1.0, 2.0, 3.0, 4.0], [4.0, 5.0, 6.0, 2.0]])
    table = eigen_table(eigen_comparison(wide, decompose(wide)), HEADERS)
    assert table["i"] == ["1", "2", "3", "4"]
    assert table["s"][2:] == ["—", "—"] and len(table["s"]) == len(table["s2"]) == 4


def test_decimals_for_switches_to_one_at_a_hundred() -> None:
    assert decimals_for(np.array([[100.0, 0.5]])) == 1
    assert decimals_for(np.array([[-100.0, 0.5]])) == 1
    assert decimals_for(np.array([[99.5, 0.5]])) == 2


def test_panel_figures_annotate_up_to_sixteen_and_size_by_rows() -> None:
    rng = np.random.default_rng(1)
    at_limit, above = rng.normal(size=(16, 3)), rng.normal(size=(17, 3))
    small, large = panel_figures([Panel("a", "a", at_limit), Panel("b", "b", above)])
    assert small.data[0].texttemplate == "%{z:.2f}" and small.data[0].z.dtype != np.float32
    assert large.data[0].texttemplate is None and large.data[0].ygap == 0
    flat, tall = panel_figures([Panel("f", "f", np.ones((2, 9))), Panel("t", "t", np.ones((9, 2)))])
    assert flat.layout.height < tall.layout.height  # the height follows the rows, not columns
    three = panel_figures([Panel("3", "3", np.ones((3, 3)))])[0]
    assert flat.layout.height < three.layout.height < tall.layout.height


def test_sigma_figure_labels_up_to_24_bars_with_three_digits() -> None:
    bars = sigma_figure(np.array([np.pi, 1e-11]), "σ")
    assert list(bars.data[0].text) == ["3.14", "0"]  # 1e-11 is noise next to σ₁ = π
    assert len(sigma_figure(np.linspace(24, 1, 24), "σ").data[0].text) == 24
    assert sigma_figure(np.linspace(25, 1, 25), "σ").data[0].text is None
