"""What /reconstruct shows at rank k, built from :mod:`lowrank.analysis` results: S, S_k and
S − S_k as panels, the rank-1 layers, the energy curve, and the numbers at one rank
(:func:`rank_texts`), and the blocks the browser's renderer draws at every k
(:func:`numbers_block`, :func:`charts_block`: the numbers, the energy curve and the σ bars, k
marked). The panels are drawn by :mod:`lowrank.views.svd`.

Every label is passed in already translated (``t`` translates a key), so this module knows no
language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from lowrank import formatting as fmt
from lowrank.analysis import RankK
from lowrank.svd import SVD, cumulative_energy, rank_one_layers
from lowrank.views.block import Block, Chart, Metric, Series
from lowrank.views.figures import ANNOTATE_MAX_SIDE, BAR_COLOUR
from lowrank.views.positions import Positions
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


def rank_texts(result: RankK, sigma1: float, t: Callable[..., str]) -> dict[str, str]:
    """The reconstruction page's numbers at one rank, as shown (``t`` translates a key).

    Metric values (energy, frobenius, spectral, storage) and the captions under them, drawn at
    every k by the block renderer (:func:`numbers_block`).
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


#: The metrics of :func:`numbers_block`, each with the caption under its value (if any).
METRICS: tuple[tuple[str, str], ...] = (
    ("energy", ""),
    ("frobenius", "frobenius_formula"),
    ("spectral", "spectral_formula"),
    ("storage", "storage_note"),
)
HELPS = {
    "energy": "rec.m.energy.help",
    "frobenius": "rec.m.error.help",
    "spectral": "rec.m.error.help",
}


def numbers_block(results: Sequence[RankK], sigma1: float, t: Callable[..., str]) -> Block:
    """The four numbers of :func:`rank_texts` (with their captions) at every k of the rank
    slider (values 1…len(results)), for the block renderer."""
    rows = [rank_texts(result, sigma1, t) for result in results]
    return Block(
        Positions(1, 1, len(results)),
        metrics=tuple(
            Metric(
                t(f"rec.m.{name}"),
                tuple(row[name] for row in rows),
                t(HELPS[name]) if name in HELPS else "",
                tuple(row[note] for row in rows) if note else (),
            )
            for name, note in METRICS
        ),
    )


def energy_chart(
    curves: Sequence[tuple[str, str, np.ndarray, float]],
    ks: Sequence[int],
    *,
    title: str,
    y_label: str,
    alts: Sequence[str],
    x_label: str = "k",
    log_x: bool = False,
    y_range: tuple[float, float] = (0.0, 101.0),
    hover_names: Sequence[str] = (),
) -> Chart:
    """The energy kept at k = 1, 2, … (each curve's cumulative share, given as (name, colour,
    shares, line width)), k marked at each position (``ks[i]``, its text alternative
    ``alts[i]``) with a dot on every curve; hovering shows the share at the nearest k, after
    ``hover_names[c]`` when given (a curve's name with its separator, translated: for several
    curves). /reconstruct's curve and /image's channels."""
    names = list(hover_names) or [""] * len(curves)
    return Chart(
        title,
        x_label,
        y_label,
        tuple(
            Series(
                name,
                tuple(float(k) for k in range(1, len(kept) + 1)),
                tuple(100 * float(e) for e in kept),
                colour,
                hover=tuple(
                    f"{named}k = {k}: {fmt.percent(e)}" for k, e in enumerate(kept, start=1)
                ),
                width=width,
            )
            for (name, colour, kept, width), named in zip(curves, names, strict=True)
        ),
        mark=tuple(float(k) for k in ks),
        alts=tuple(alts),
        mark_labels=tuple(f"k = {k}" for k in ks),
        y_range=y_range,
        y_suffix="%",
        log_x=log_x,
    )


def charts_block(results: Sequence[RankK], s: np.ndarray, t: Callable[..., str]) -> Block:
    """The energy kept against k and the singular values as bars, k marked on both (the bars it
    drops faded and hatched), at every k of the rank slider."""
    ks = tuple(float(result.k) for result in results)
    kept = cumulative_energy(s)
    sigma = np.asarray(s, dtype=float)
    n, rank = sigma.size, len(results)
    energy_alts = tuple(
        t(
            "rec.energy.alt",
            first=fmt.percent(kept[0]),
            rank=rank,
            last=fmt.percent(kept[rank - 1]),
            k=result.k,
            energy=fmt.percent(result.energy_kept),
        )
        for result in results
    )
    sigma_alts = tuple(
        t("rec.sigma.alt", n=n, k=result.k, dropped=n - result.k)
        if result.k < n
        else t("rec.sigma.alt.all", n=n)
        for result in results
    )
    energy = energy_chart(
        [(t("rec.energy.curve"), BAR_COLOUR, kept, 2.0)],
        [result.k for result in results],
        title=t("rec.energy.title"),
        y_label=t("rec.energy.axis"),
        alts=energy_alts,
    )
    first = float(sigma[0]) if n else 1.0
    bars = Chart(
        t("rec.sigma.title"),
        "i",
        "σ",
        (
            Series(
                "σ",
                tuple(float(i) for i in range(1, n + 1)),
                tuple(float(v) for v in sigma),
                BAR_COLOUR,
                bars=True,
                hover=tuple(
                    f"σ{fmt.subscript(i)} = {fmt.number(v, 4, scale=first)}"
                    for i, v in enumerate(sigma, start=1)
                ),
                labels=tuple(fmt.number(v, 3, scale=first) for v in sigma) if n <= 24 else (),
            ),
        ),
        mark=tuple(k + 0.5 for k in ks),
        alts=sigma_alts,
        band=t("chart.dropped"),
    )
    return Block(Positions(1, 1, rank), charts=(energy, bars))
