"""What the SVD and reconstruction pages draw, built from :mod:`lowrank.analysis` results.

Plotly figures and tables are returned (not drawn) so that tests can inspect them; every label is
passed in already translated, so this module knows no language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from lowrank import formatting as fmt
from lowrank.analysis import EigenComparison, RankK, chop
from lowrank.figures import (
    ANNOTATE_MAX_SIDE,
    cumulative_energy_chart,
    matrix_heatmap,
    singular_value_bars,
)
from lowrank.follow import Follow, Mark, Positions, texts_by_name
from lowrank.svd import SVD, cumulative_energy, rank_one_layers

#: Rank-1 layers drawn one by one: every layer of a matrix small enough to print its numbers (at
#: most 16), the first 3 of a larger one; the page says how many more there are.
MAX_LAYERS_SHOWN = 16
MAX_LARGE_LAYERS_SHOWN = 3


def eigen_table(comparison: EigenComparison, headers: Mapping[str, str]) -> dict[str, list[str]]:
    """Columns i, σᵢ, σᵢ², λᵢ(SᵀS) and, for square S, λᵢ(S); rounding noise shown as 0.

    ``headers`` maps ``index``, ``sigma``, ``sigma_squared``, ``gram`` and ``own`` to column titles.
    SᵀS has n eigenvalues and S only min(m, n) singular values: the missing σ cells are "—".
    """
    sigma = comparison.sigma
    scale = float(sigma[0]) if sigma.size else 1.0
    rows = comparison.gram_eigenvalues.size
    gram = chop(comparison.gram_eigenvalues, scale**2)

    def padded(values: np.ndarray) -> list[str]:
        shown = [fmt.number(v) for v in values]
        return shown + ["—"] * (rows - len(shown))

    table = {
        headers["index"]: [str(i) for i in range(1, rows + 1)],
        headers["sigma"]: padded(chop(sigma, scale)),
        headers["sigma_squared"]: padded(chop(comparison.sigma_squared, scale**2)),
        headers["gram"]: [fmt.number(v) for v in gram],
    }
    if comparison.own_eigenvalues is not None:
        table[headers["own"]] = padded(chop(comparison.own_eigenvalues, scale))
    return table


@dataclass(frozen=True)
class Panel:
    """One matrix to draw: its title (notation or translated), an ASCII file stem, decimals."""

    title: str
    stem: str
    matrix: np.ndarray
    decimals: int = 2


def _shape(matrix: np.ndarray) -> str:
    return f"{matrix.shape[0]}×{matrix.shape[1]}"


def svd_panels(matrix: np.ndarray, svd: SVD) -> list[Panel]:
    """S, U, Σ and Vᵀ, titled with their shapes (the thin or full factors of ``svd``)."""
    sigma = svd.sigma()
    return [
        Panel(f"S ({_shape(matrix)})", "S", matrix, decimals_for(matrix)),
        Panel(f"U ({_shape(svd.u)})", "U", svd.u),
        Panel(f"Σ ({_shape(sigma)})", "Sigma", sigma, decimals_for(sigma)),
        Panel(f"Vᵀ ({_shape(svd.vt)})", "Vt", svd.vt),
    ]


def reconstruction_panels(matrix: np.ndarray, result: RankK, titles: Sequence[str]) -> list[Panel]:
    """S, S_k and S − S_k with the three (translated) ``titles``."""
    decimals = decimals_for(matrix)
    k = result.k
    approx_decimals = decimals if decimals_for(result.approx) == 0 else max(decimals, 2)
    return [
        Panel(titles[0], "S", matrix, decimals),
        Panel(titles[1], f"S_{k}", result.approx, approx_decimals),
        Panel(titles[2], f"S_minus_S_{k}", result.residual, approx_decimals),
    ]


def layers_shown(shape: tuple[int, int], k: int) -> int:
    """How many of the k layers to draw for a matrix of this shape."""
    small = max(shape) <= ANNOTATE_MAX_SIDE
    return min(k, MAX_LAYERS_SHOWN if small else MAX_LARGE_LAYERS_SHOWN)


def layer_panels(svd: SVD, count: int, title: Callable[[int, float], str]) -> list[Panel]:
    """The first ``count`` rank-1 layers σᵢuᵢvᵢᵀ, titled by ``title(i, σᵢ)``."""
    layers = rank_one_layers(svd, count)
    return [
        Panel(title(i + 1, float(svd.s[i])), f"layer_{i + 1}", layer, decimals_for(layer))
        for i, layer in enumerate(layers)
    ]


def panel_figures(panels: Sequence[Panel], scale: float | None = None) -> list[go.Figure]:
    """One annotated heatmap per panel: each on its own colour scale, or all on ±``scale``."""
    figures = []
    for panel in panels:
        limit = (scale if scale is not None else matrix_scale(panel.matrix)) or 1.0
        rows = panel.matrix.shape[0]
        small = max(panel.matrix.shape) <= ANNOTATE_MAX_SIDE
        values = chop(panel.matrix, limit)
        figure = matrix_heatmap(
            values,
            panel.title,
            decimals=panel.decimals,
            scale=limit if scale is not None else None,
            height=min(560, 90 + 44 * rows) if small else None,
            # no numbers on a large matrix: no cell gaps, and half the bytes
            trace={"textfont": {"size": 13}}
            if small
            else {"z": values.astype(np.float32), "xgap": 0, "ygap": 0},
            # Keep cells square by shrinking the plot area rather than padding the axis ranges,
            # and leave room between the title and the column numbers along the top.
            layout={
                "xaxis": {"constrain": "domain"},
                "yaxis": {"constrain": "domain"},
                "margin": {"t": 72},
                "title": {"y": 0.98, "yanchor": "top"},
            },
        )
        figures.append(figure)
    return figures


def matrix_scale(matrix: np.ndarray) -> float:
    """Largest |entry|: the colour range that makes several heatmaps compare."""
    return float(np.max(np.abs(matrix), initial=0.0))


def sigma_figure(s: np.ndarray, title: str) -> go.Figure:
    """Singular values as bars, each labelled with its value (the kept ones are marked by the
    browser, :func:`rank_follow`, so the figure is the same for every k)."""
    labels = None
    if np.size(s) <= 24:
        labels = {
            "text": [fmt.number(v, 3, scale=float(s[0])) for v in s],
            "textposition": "outside",
            "cliponaxis": False,
        }
    return singular_value_bars(s, title, trace=labels)


def energy_figure(s: np.ndarray, *, title: str, curve_name: str, y_title: str) -> go.Figure:
    """Cumulative energy kept against rank (k is marked by the browser, :func:`rank_follow`)."""
    return cumulative_energy_chart({curve_name: cumulative_energy(s)}, title, y_title=y_title)


def decimals_for(matrix: np.ndarray) -> int:
    """Decimals for a readable heatmap: 0 for integer matrices, else 2 (1 for large values)."""
    values = np.asarray(matrix, dtype=np.float64)
    if np.all(values == np.round(values)):
        return 0
    return 1 if np.max(np.abs(values), initial=0.0) >= 100 else 2


def rank_texts(result: RankK, sigma1: float, t: Callable[..., str]) -> dict[str, str]:
    """The reconstruction page's numbers at one rank, as shown (``t`` translates a key).

    Metric values (energy, frobenius, spectral, storage) and the captions under them; the page
    draws these and the browser swaps them while the slider moves (:func:`rank_follow`).
    """

    def shown(value: float) -> str:
        return fmt.number(value, 4, scale=sigma1)

    verdict = "rec.storage.saves" if result.storage < result.full_storage else "rec.storage.costs"
    return {
        "energy": fmt.percent(result.energy_kept),
        "frobenius": shown(result.frobenius_direct),
        "frobenius_formula": t("rec.m.frobenius.formula", value=shown(result.frobenius_formula)),
        "spectral": shown(result.spectral_direct),
        "spectral_formula": t("rec.m.spectral.formula", value=shown(result.spectral_formula)),
        "storage": f"{result.storage} / {result.full_storage}",
        "storage_note": t(
            "rec.storage.note",
            k=result.k,
            stored=result.storage,
            full=result.full_storage,
            verdict=t(verdict),
        ),
    }


#: Which of :func:`rank_texts` are metric values (only the value is swapped, not the label).
METRIC_TEXTS = frozenset({"energy", "frobenius", "spectral", "storage"})


def rank_follow(
    results: Sequence[RankK],
    sigma1: float,
    t: Callable[..., str],
    *,
    slider: str,
    prefix: str,
    energy_chart: str,
    sigma_chart: str,
) -> Follow:
    """What the rank slider (values 1…len(results)) changes: :func:`rank_texts` in the
    containers ``prefix + name``, k on the energy curve and the kept bars of the σ chart."""
    texts = [rank_texts(result, sigma1, t) for result in results]
    ks = [float(result.k) for result in results]
    return Follow(
        slider,
        Positions(1, 1, len(results)),
        texts=texts_by_name(texts, prefix, METRIC_TEXTS),
        marks=(
            Mark(
                energy_chart,
                x=tuple(ks),
                y=tuple(100 * result.energy_kept for result in results),
                label=tuple(f"k = {result.k}" for result in results),
            ),
            Mark(sigma_chart, x=tuple(k + 0.5 for k in ks), band=t("chart.dropped")),
        ),
    )
