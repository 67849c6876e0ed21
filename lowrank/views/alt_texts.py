"""Text alternatives for the pictures the pages show: what each one shows, with its key numbers.

A screen reader reads a picture's ``alt`` in place of the picture, so each text here says what a
sighted student reads off it (the rank, the energy kept, the sizes, the largest and smallest σ),
computed from the same data the picture is drawn from, in the page's language (``t`` translates
a catalogue key, as :class:`lowrank.ui.frame.Frame.t` does).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from lowrank import formatting as fmt
from lowrank.analysis import RankK
from lowrank.image import CHANNELS, ImageSVD, RankNumbers, rank_for_share

Translate = Callable[..., str]


def original(pixels: np.ndarray, t: Translate) -> str:
    """The picture as loaded (rows × columns, and RGB or grey): its size and colour."""
    m, n = pixels.shape[:2]
    colour = t("image.alt.colour" if pixels.ndim == 3 else "image.alt.grey")
    return t("image.alt.original", m=m, n=n, colour=colour)


def rank_k_picture(numbers: RankNumbers, t: Translate) -> str:
    """The rank-k picture: k, the share of the numbers it stores and the energy it keeps."""
    return t(
        "image.alt.rank_k",
        k=numbers.k,
        share=f"{numbers.ratio:.1%}",
        energy=f"{numbers.energy_kept:.1%}",
    )


def error_picture(numbers: RankNumbers, gain: int, t: Translate) -> str:
    """The amplified error picture of rank k, with the PSNR that measures the same error."""
    return t("image.alt.error", k=numbers.k, gain=gain, psnr=f"{numbers.psnr_db:.1f}")


def spectrum(decomposition: ImageSVD, t: Translate) -> str:
    """The σᵢ chart: how many σ per channel, the largest and the smallest of each."""
    n = decomposition.max_rank
    names = (
        [t(f"image.channel.{c}") for c in CHANNELS]
        if decomposition.colour
        else [t("image.channel.grey")]
    )
    ranges = t("image.alt.sep").join(
        t(
            "image.alt.spectrum_range",
            channel=name,
            first=fmt.reading(float(svd.s[0])),
            n=fmt.subscript(n),
            last=fmt.reading(float(svd.s[-1])),
        )
        for name, svd in zip(names, decomposition.channels, strict=True)
    )
    return t("image.alt.spectrum", count=n, ranges=ranges)


def energy(decomposition: ImageSVD, t: Translate) -> str:
    """The energy chart: the ranks at which the whole picture keeps 90 % and 99 %."""
    return t(
        "image.alt.energy",
        k90=rank_for_share(decomposition, 0.90),
        k99=rank_for_share(decomposition, 0.99),
        n=decomposition.max_rank,
    )


def rank_one_layer(decomposition: ImageSVD, i: int, t: Translate) -> str:
    """The i-th rank-1 layer σᵢuᵢvᵢᵀ with its σᵢ (one per channel in colour)."""
    sigmas = [fmt.reading(float(svd.s[i - 1])) for svd in decomposition.channels]
    if decomposition.colour:
        names = [t(f"image.channel.{c}") for c in CHANNELS]
        pairs = zip(names, sigmas, strict=True)
        sigma = t("list.sep").join(f"{name} {value}" for name, value in pairs)
    else:
        sigma = sigmas[0]
    return t("image.alt.layer", i=i, sub=fmt.subscript(i), sigma=sigma)


def factor_grid(a: np.ndarray, b: np.ndarray, step: int, largest: float, t: Translate) -> str:
    """LoRA's A (d×r), B (r×k) and ΔW = A×B at one training step, with the largest |ΔW|."""
    (d, r), k = a.shape, b.shape[1]
    return t("training.alt.grid", d=d, r=r, k=k, step=step, max=f"{largest:.3g}")


def frozen_weights(weights: np.ndarray, layer: int, t: Translate) -> str:
    """The frozen pretrained W of one layer: its size and the range of its entries."""
    d, k = weights.shape
    return t(
        "training.alt.frozen",
        layer=layer,
        d=d,
        k=k,
        low=f"{float(weights.min()):.2f}",
        high=f"{float(weights.max()):.2f}",
    )


def approximation_heatmap(result: RankK, t: Translate) -> str:
    """The heatmap of S_k: its rank and size, the energy it keeps and its largest entry."""
    m, n = result.approx.shape
    return t(
        "rec.alt.approx",
        k=result.k,
        sub=fmt.subscript(result.k),
        m=m,
        n=n,
        energy=f"{result.energy_kept:.1%}",
        largest=fmt.reading(float(np.abs(result.approx).max())),
    )


def residual_heatmap(result: RankK, t: Translate) -> str:
    """The heatmap of S − S_k: its Frobenius norm and its largest entry in absolute value."""
    return t(
        "rec.alt.residual",
        sub=fmt.subscript(result.k),
        error=fmt.reading(result.frobenius_direct),
        largest=fmt.reading(float(np.abs(result.residual).max())),
    )


def live_views(results: Sequence[RankK], t: Translate) -> dict[str, tuple[str, ...]]:
    """The texts of the reconstruction page's two live heatmaps, one per rank k = 1, 2, …"""
    return {
        "approx": tuple(approximation_heatmap(result, t) for result in results),
        "residual": tuple(residual_heatmap(result, t) for result in results),
    }
