"""What /reconstruct shows at rank k, built from :mod:`lowrank.analysis` results: S, S_k and
S − S_k as panels, the rank-1 layers, the energy curve, and the numbers at one rank
(:func:`rank_texts`) with what the rank slider changes in the browser (:func:`rank_follow`). The
panels are drawn and the σ bars made by :mod:`lowrank.views.svd`.

Plotly figures are returned (not drawn) so that tests can inspect them; every label is passed in
already translated (``t`` translates a key), so this module knows no language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import plotly.graph_objects as go

from lowrank import formatting as fmt
from lowrank.analysis import RankK
from lowrank.svd import SVD, cumulative_energy, rank_one_layers
from lowrank.views.figures import ANNOTATE_MAX_SIDE, cumulative_energy_chart
from lowrank.views.follow import Follow, Mark, Positions, texts_by_name
from lowrank.views.svd import Panel, decimals_for

#: Rank-1 layers drawn one by one: every layer of a matrix small enough to print its numbers (at
#: most 16), the first 3 of a larger one; the page says how many more there are.
MAX_LAYERS_SHOWN = 16
MAX_LARGE_LAYERS_SHOWN = 3


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


def energy_figure(s: np.ndarray, *, title: str, curve_name: str, y_title: str) -> go.Figure:
    """Cumulative energy kept against rank (k is marked by the browser, :func:`rank_follow`)."""
    return cumulative_energy_chart({curve_name: cumulative_energy(s)}, title, y_title=y_title)


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
