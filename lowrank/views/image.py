"""What the photograph page shows at every rank: the blocks its sliders drive.

The numbers, sentences and charts that change with k are :class:`lowrank.views.block.Block`
payloads, built once per picture and language for every position of a slider and drawn by the
browser's block renderer (``lowrank/ui/block.py``), their only renderer: the four metrics
(:func:`image_blocks` ``numbers``), the storage sentences with the spectrum and the energy
kept (``details``, the charts from :func:`spectrum_chart` and
:func:`lowrank.views.reconstruct.energy_chart`, shared with /reconstruct), the note's live
sentence (``note``) and, in auto mode, the sentence naming the k an energy target picks
(``auto_k``). Both sliders get the same blocks: the rank slider's position i is k = i + 1,
the energy slider's is the k :func:`energy_ranks` picks there. Labels arrive translated (``t``
translates a key), so this module knows no language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from lowrank import formatting as fmt
from lowrank.image import (
    CHANNELS,
    ImageSVD,
    RankNumbers,
    break_even_rank,
    energy_curves,
    every_rank,
    ranks_for_shares,
)
from lowrank.views import alt_texts
from lowrank.views.block import Block, Chart, Metric, Sentence, Series
from lowrank.views.positions import Positions
from lowrank.views.reconstruct import energy_chart

#: Line colours: red, green and blue channels, then the whole picture (or the grey channel).
CHANNEL_COLOURS: tuple[str, ...] = ("#d62728", "#2ca02c", "#1f77b4")
ALL_COLOUR = "#444444"
#: Singular values below σ₁ × this are shown at the bottom edge of the log axis (numerically 0).
LOG_FLOOR = 1e-8
#: Line widths (px) of the energy chart: the whole picture's curve stands out from the channels'.
WHOLE_WIDTH = 3.0
CHANNEL_WIDTH = 1.5


def _channel_series(
    decomposition: ImageSVD, channel_names: Sequence[str], all_name: str
) -> list[tuple[str, str]]:
    """(name, colour) per channel: R, G, B in colour; the single grey channel is the whole."""
    if decomposition.colour:
        return list(zip(channel_names, CHANNEL_COLOURS, strict=True))
    return [(all_name, ALL_COLOUR)]


def _names(decomposition: ImageSVD, t: Callable[..., str]) -> tuple[list[str], str]:
    channel_names = [t(f"image.channel.{c}") for c in CHANNELS]
    return channel_names, t("image.channel.all" if decomposition.colour else "image.channel.grey")


def floored(decomposition: ImageSVD) -> list[np.ndarray]:
    """Each channel's σ as the log axis draws them: below its σ₁ × :data:`LOG_FLOOR` (a channel
    of zeros: the picture's), at that floor, so that a picture of exact low rank shows its cliff,
    not rounding noise."""
    top = max(float(svd.s[0]) for svd in decomposition.channels) or 1.0
    out = []
    for svd in decomposition.channels:
        s = np.asarray(svd.s, dtype=np.float64)
        out.append(np.maximum(s, (s[0] if s[0] > 0 else top) * LOG_FLOOR))
    return out


def spectrum_chart(decomposition: ImageSVD, ks: Sequence[int], t: Callable[..., str]) -> Chart:
    """σᵢ of every channel on a log axis (the cliff or the plateau), k marked at each position
    (``ks[i]``) with the σ it drops faded and hatched; hovering shows each channel's σᵢ. The
    points are given to 6 significant digits (far below a pixel)."""
    channel_names, all_name = _names(decomposition, t)
    named = _channel_series(decomposition, channel_names, all_name)
    n = decomposition.max_rank
    top = max(float(svd.s[0]) for svd in decomposition.channels) or 1.0
    series = tuple(
        Series(
            name,
            tuple(float(i) for i in range(1, shown.size + 1)),
            tuple(float(f"{v:.6g}") for v in shown),
            colour,
            hover=tuple(
                t(
                    "image.hover.sigma",
                    name=name,
                    sub=fmt.subscript(i),
                    value=fmt.number(float(v), 4, scale=top),
                )
                for i, v in enumerate(svd.s, start=1)
            ),
        )
        for (name, colour), svd, shown in zip(
            named, decomposition.channels, floored(decomposition), strict=True
        )
    )
    return Chart(
        t("image.spectrum_title"),
        "i",
        "σᵢ",
        series,
        mark=tuple(float(k) for k in ks),
        alts=tuple(
            t("image.alt.spectrum_at", k=k, dropped=n - k)
            if k < n
            else t("image.alt.spectrum_all", k=k)
            for k in ks
        ),
        log_y=True,
        mark_labels=tuple(f"k = {k}" for k in ks),
        band=t("chart.dropped"),
        alt_lead=t("image.alt.lead", chart=alt_texts.spectrum(decomposition, t)),
    )


def energy_bottom(decomposition: ImageSVD) -> float:
    """The energy axis' lower end (%): the multiple of 5 below the least any curve keeps at
    k = 1 (rank 1 alone keeps most of a picture's energy), at most 95."""
    curves = energy_curves(decomposition)
    return min(float(5 * np.floor(20 * float(curves[:, 0].min()))), 95.0)


def image_energy_chart(decomposition: ImageSVD, ks: Sequence[int], t: Callable[..., str]) -> Chart:
    """Cumulative energy kept at every rank (%), per channel and for the whole picture (drawn
    thicker), on a log axis of k so every decade gets room; k marked at each position."""
    channel_names, all_name = _names(decomposition, t)
    named = _channel_series(decomposition, channel_names, all_name)
    if decomposition.colour:
        named.append((all_name, ALL_COLOUR))
    every = energy_curves(decomposition)
    curves = every[: len(named)]  # grey: its channel is the whole
    whole = every[-1]
    chart = energy_chart(
        [
            (name, colour, curve, WHOLE_WIDTH if name == all_name else CHANNEL_WIDTH)
            for (name, colour), curve in zip(named, curves, strict=True)
        ],
        ks,
        title=t("image.energy_title"),
        y_label=t("image.energy_axis"),
        alts=[t("image.alt.energy_at", k=k, energy=fmt.percent(whole[k - 1])) for k in ks],
        x_label=f"k ({t('image.log_scale')})",
        log_x=True,
        y_range=(energy_bottom(decomposition), 100.5),
        hover_names=[t("image.hover.curve", name=name) for name, _ in named],
    )
    return replace(chart, alt_lead=t("image.alt.lead", chart=alt_texts.energy(decomposition, t)))


# --- the numbers at every rank ---------------------------------------------------------------

#: The four metrics at each k, and the tooltip key of those that have one.
METRICS: tuple[str, ...] = ("k", "energy", "psnr", "stored")
HELPS = {"psnr": "image.psnr_help", "stored": "image.stored_help"}


def psnr_text(psnr_db: float, t: Callable[..., str]) -> str:
    """A PSNR as shown: one decimal in dB, or ∞ for an exact picture."""
    return t("image.psnr_inf") if np.isinf(psnr_db) else f"{psnr_db:.1f} dB"


def rank_texts(
    numbers: RankNumbers, shape: tuple[int, int], colour: bool, t: Callable[..., str]
) -> dict[str, str]:
    """Everything the page says about rank k that changes with k, by name.

    Metric values (``k``, ``energy``, ``psnr``, ``stored``), the storage sentence, the saving
    line (the break-even rank, or that this k saves nothing), the energy kept per channel
    (colour only) and the note's live sentence; inline ``**bold**`` only (the block renderer's
    markup).
    """
    m, n = shape
    even = break_even_rank(m, n)
    texts = {
        "k": str(numbers.k),
        "energy": fmt.percent(numbers.energy_kept, 1),
        "psnr": psnr_text(numbers.psnr_db, t),
        "stored": f"{numbers.ratio:.1%}",
        "storage": t(
            "image.storage" if colour else "image.storage_grey",
            k=numbers.k,
            m=m,
            n=n,
            stored=f"{numbers.stored:,}",
            original=f"{numbers.original:,}",
            ratio=f"{numbers.ratio:.1%}",
        ),
        "saving": t("image.break_even", k=even)
        if numbers.saves
        else "📦 " + t("image.no_saving", k=even),
    }
    if colour:
        kept = " · ".join(
            f"{name} {fmt.percent(share)}"
            for name, share in zip(CHANNELS, numbers.channel_energy_kept, strict=True)
        )
        texts["channels"] = t("image.channel_energy", detail=kept)
    texts["note"] = t("image.note_live", k=numbers.k, energy=fmt.percent(numbers.energy_kept))
    return texts


def energy_values(positions: Positions) -> tuple[float, ...]:
    """The values (%) of an energy slider's positions, as the slider shows them (one decimal)."""
    return tuple(round(positions.start + i * positions.step, 10) for i in range(positions.count))


def energy_ranks(decomposition: ImageSVD, positions: Positions) -> tuple[int, ...]:
    """The k picked at each position of an energy slider (values in %): the smallest rank that
    keeps that share of the whole picture's energy (at least 1)."""
    return ranks_for_shares(decomposition, [v / 100 for v in energy_values(positions)])


@dataclass(frozen=True)
class ImageBlocks:
    """What one slider drives on /image, at each of its positions."""

    numbers: Block  #: rank, energy kept, PSNR and the share stored
    details: Block  #: the storage sentence, the saving line, the energy per channel, the charts
    note: Block  #: the note's live sentence
    auto_k: Block | None  #: the k an energy target picks (the energy slider's only)


def image_blocks(
    decomposition: ImageSVD,
    t: Callable[..., str],
    positions: Positions | None = None,
) -> ImageBlocks:
    """The blocks of the rank slider (k = 1…min(m, n)), or, given an energy slider's
    ``positions`` (values in %), of that slider: each position shows the k it picks."""
    every = every_rank(decomposition)
    by_rank = [rank_texts(r, decomposition.shape, decomposition.colour, t) for r in every]
    if positions is None:
        positions = Positions(1, 1, len(every))
        ks: Sequence[int] = [r.k for r in every]
        auto_k = None
    else:
        ks = energy_ranks(decomposition, positions)
        auto_k = Block(
            positions,
            sentences=(
                Sentence(
                    tuple(
                        t("image.auto_k", k=k, target=f"{value:.1f}")
                        for k, value in zip(ks, energy_values(positions), strict=True)
                    )
                ),
            ),
        )

    def per_k(name: str) -> tuple[str, ...]:
        return tuple(by_rank[k - 1][name] for k in ks)

    numbers = Block(
        positions,
        metrics=tuple(
            Metric(t(f"image.metric.{name}"), per_k(name), t(HELPS[name]) if name in HELPS else "")
            for name in METRICS
        ),
        metric_columns=2,  # two by two, beside the pictures
    )
    sentences = [Sentence(per_k("storage")), Sentence(per_k("saving"), caption=True)]
    if decomposition.colour:
        sentences.append(Sentence(per_k("channels"), caption=True))
    charts = (
        spectrum_chart(decomposition, ks, t),
        image_energy_chart(decomposition, ks, t),
    )
    return ImageBlocks(
        numbers=numbers,
        details=Block(positions, sentences=tuple(sentences), charts=charts),
        note=Block(positions, sentences=(Sentence(per_k("note")),)),
        auto_k=auto_k,
    )
