"""What /svd draws, built from :mod:`lowrank.analysis` results: the matrix and its factors as
heatmap panels, the singular values as bars and the eigen-versus-singular table. /reconstruct
draws its panels and σ bars with the same pieces (:mod:`lowrank.views.reconstruct`).

Plotly figures and tables are returned (not drawn) so that tests can inspect them; every label is
passed in already translated, so this module knows no language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from lowrank import formatting as fmt
from lowrank.analysis import EigenComparison, chop
from lowrank.svd import SVD
from lowrank.views.figures import ANNOTATE_MAX_SIDE, matrix_heatmap, singular_value_bars


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
    """Singular values as bars, each labelled with its value when there are at most 24."""
    labels = None
    if np.size(s) <= 24:
        labels = {
            "text": [fmt.number(v, 3, scale=float(s[0])) for v in s],
            "textposition": "outside",
            "cliponaxis": False,
        }
    return singular_value_bars(s, title, trace=labels)


def decimals_for(matrix: np.ndarray) -> int:
    """Decimals for a readable heatmap: 0 for integer matrices, else 2 (1 for large values)."""
    values = np.asarray(matrix, dtype=np.float64)
    if np.all(values == np.round(values)):
        return 0
    return 1 if np.max(np.abs(values), initial=0.0) >= 100 else 2
