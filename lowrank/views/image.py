"""What the photograph page draws: its charts, and its numbers at every rank.

The charts (the spectrum and the energy kept, per colour channel) are SVG pictures
(:mod:`lowrank.views.svg_charts`), the same for every k: the browser marks k on them
(:mod:`lowrank.views.follow`, placed with each chart's plot box). The numbers that change with k are
rendered by one function, :func:`rank_texts`, used both for the page's current k and for every
position of its sliders (:func:`rank_follow`, :func:`energy_follow`), so what the browser shows
at once is what the page's rerun draws. Labels arrive translated (``t`` translates a key);
everything is returned, not drawn, so tests can inspect it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

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
from lowrank.views.follow import Follow, Mark, Positions, Texts, texts_by_name
from lowrank.views.svg_axes import Axis
from lowrank.views.svg_charts import Chart, Series, line_chart

#: Line colours: red, green and blue channels, then the whole picture (or the grey channel).
CHANNEL_COLOURS: tuple[str, ...] = ("#d62728", "#2ca02c", "#1f77b4")
ALL_COLOUR = "#444444"
#: Singular values below σ₁ × this are shown at the bottom edge of the log axis (numerically 0).
LOG_FLOOR = 1e-8
#: Each chart's canvas (px): about a column's width on the page, two side by side.
CHART_SIZE = (400, 340)


def _channel_series(
    decomposition: ImageSVD, channel_names: Sequence[str], all_name: str
) -> list[tuple[str, str]]:
    """(name, colour) per channel: R, G, B in colour; the single grey channel is the whole."""
    if decomposition.colour:
        return list(zip(channel_names, CHANNEL_COLOURS, strict=True))
    return [(all_name, ALL_COLOUR)]


def spectrum_chart(
    decomposition: ImageSVD,
    *,
    title: str,
    channel_names: Sequence[str],
    all_name: str,
    y_title: str,
) -> Chart:
    """σᵢ of every channel on a log axis: the cliff or the plateau (k is marked by the browser).

    A channel's σ below its σ₁ × :data:`LOG_FLOOR` sit at that floor (a channel of zeros at the
    picture's), so that a picture of exact low rank shows its cliff, not rounding noise.
    """
    series = _channel_series(decomposition, channel_names, all_name)
    top = max(float(svd.s[0]) for svd in decomposition.channels) or 1.0
    lines = []
    for (name, colour), svd in zip(series, decomposition.channels, strict=True):
        s = np.asarray(svd.s, dtype=np.float64)
        floor = (s[0] if s[0] > 0 else top) * LOG_FLOOR
        lines.append(Series(name, np.arange(1, s.size + 1), np.maximum(s, floor), colour))
    return line_chart(
        lines,
        title=title,
        x_axis=Axis("i"),
        y_axis=Axis(y_title, log=True, pad=0.04),
        width=CHART_SIZE[0],
        height=CHART_SIZE[1],
    )


def energy_chart(
    decomposition: ImageSVD,
    *,
    title: str,
    channel_names: Sequence[str],
    all_name: str,
    y_title: str,
    x_note: str = "",
) -> Chart:
    """Cumulative energy kept at every rank (%), per channel and for the whole picture (k is
    marked by the browser).

    The k axis is logarithmic; ``x_note`` (e.g. "log scale") is added to its title.
    """
    series = _channel_series(decomposition, channel_names, all_name)
    if decomposition.colour:
        series.append((all_name, ALL_COLOUR))
    curves = energy_curves(decomposition)[: len(series)]  # grey: its channel is the whole
    k = np.arange(1, curves.shape[1] + 1)
    lines = [
        Series(name, k, 100 * curve, colour, width=3 if name == all_name else 1.5)
        for (name, colour), curve in zip(series, curves, strict=True)
    ]
    # Rank 1 alone keeps most of a picture's energy and the rest comes within the first tens of
    # ranks: show the range the curves climb, on a log axis of k so every decade gets room.
    bottom = 5 * np.floor(20 * float(curves[:, 0].min()))
    return line_chart(
        lines,
        title=title,
        x_axis=Axis(f"k ({x_note})" if x_note else "k", log=True),
        y_axis=Axis(y_title, range=(min(float(bottom), 95.0), 100.5), suffix="%"),
        width=CHART_SIZE[0],
        height=CHART_SIZE[1],
    )


@dataclass(frozen=True)
class ImageCharts:
    """The page's two charts, the same at every k: σᵢ per channel and the energy kept."""

    spectrum: Chart
    energy: Chart


def image_charts(decomposition: ImageSVD, t: Callable[..., str]) -> ImageCharts:
    """Both charts of a decomposition, labelled by ``t`` (which translates a key)."""
    channel_names = [t(f"image.channel.{c}") for c in CHANNELS]
    all_name = t("image.channel.all" if decomposition.colour else "image.channel.grey")
    return ImageCharts(
        spectrum=spectrum_chart(
            decomposition,
            title=t("image.spectrum_title"),
            y_title="σᵢ",
            channel_names=channel_names,
            all_name=all_name,
        ),
        energy=energy_chart(
            decomposition,
            title=t("image.energy_title"),
            y_title=t("image.energy_axis"),
            x_note=t("image.log_scale"),
            channel_names=channel_names,
            all_name=all_name,
        ),
    )


# --- the numbers at every rank ---------------------------------------------------------------

#: The elements that change with k, each in a container ``prefix + name`` (lowrank/ui/follow.py):
#: the four metrics (only their value is swapped), the storage sentence, the saving line, the
#: per-channel energy (colour only) and the note's live sentence.
METRIC_TEXTS: tuple[str, ...] = ("k", "energy", "psnr", "stored")
#: Chart containers, after the prefix: the spectrum and the energy kept.
SPECTRUM_CHART = "spectrum_plot"
ENERGY_CHART = "energy_plot"


def psnr_text(psnr_db: float, t: Callable[..., str]) -> str:
    """A PSNR as shown: one decimal in dB, or ∞ for an exact picture."""
    return t("image.psnr_inf") if np.isinf(psnr_db) else f"{psnr_db:.1f} dB"


def rank_texts(
    numbers: RankNumbers, shape: tuple[int, int], colour: bool, t: Callable[..., str]
) -> dict[str, str]:
    """Everything the page says about rank k that changes with k, as markdown by element name.

    Metric values (``k``, ``energy``, ``psnr``, ``stored``), the storage sentence, the saving
    line (the break-even rank, or that this k saves nothing: one caption either way, so the
    browser can swap one for the other), the energy kept per channel (colour only) and the
    note's live sentence. Only ``**bold**`` markup: the browser swaps these text by text.
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


def _texts_by_rank(
    decomposition: ImageSVD, every: Sequence[RankNumbers], t: Callable[..., str]
) -> list[dict[str, str]]:
    return [rank_texts(numbers, decomposition.shape, decomposition.colour, t) for numbers in every]


def _follow(
    slider: str,
    positions: Positions,
    ks: Sequence[int],
    every: Sequence[RankNumbers],
    by_rank: Sequence[dict[str, str]],
    prefix: str,
    charts: ImageCharts,
    dropped: str,
    extra: dict[str, tuple[str, ...]] | None = None,
) -> Follow:
    """Texts and marks at each position, whose rank is ``ks[i]`` (marks placed on ``charts``;
    ``dropped`` names the spectrum's faded part)."""
    texts = [*texts_by_name([by_rank[k - 1] for k in ks], prefix, METRIC_TEXTS)]
    texts += [Texts(prefix + name, sources) for name, sources in (extra or {}).items()]
    labels = tuple(f"k = {k}" for k in ks)
    return Follow(
        slider,
        positions,
        texts=tuple(texts),
        marks=(
            Mark(
                prefix + SPECTRUM_CHART,
                x=tuple(float(k) for k in ks),
                label=labels,
                band=dropped,
                box=charts.spectrum.box,
            ),
            Mark(
                prefix + ENERGY_CHART,
                x=tuple(float(k) for k in ks),
                y=tuple(100 * every[k - 1].energy_kept for k in ks),
                label=labels,
                box=charts.energy.box,
            ),
        ),
    )


def rank_follow(
    decomposition: ImageSVD,
    t: Callable[..., str],
    *,
    slider: str,
    prefix: str,
    charts: ImageCharts,
) -> Follow:
    """What the rank slider (k = 1…min(m, n)) changes: :func:`rank_texts` in the containers
    ``prefix + name``, and k on the spectrum (the dropped σ faded) and on the energy curve
    (``charts``, as the page shows them)."""
    every = every_rank(decomposition)
    by_rank = _texts_by_rank(decomposition, every, t)
    ks = [numbers.k for numbers in every]
    positions = Positions(1, 1, len(ks))
    dropped = t("chart.dropped")
    return _follow(slider, positions, ks, every, by_rank, prefix, charts, dropped)


def energy_values(positions: Positions) -> tuple[float, ...]:
    """The values (%) of an energy slider's positions, as the slider shows them (one decimal)."""
    return tuple(round(positions.start + i * positions.step, 10) for i in range(positions.count))


def energy_ranks(decomposition: ImageSVD, positions: Positions) -> tuple[int, ...]:
    """The k picked at each position of an energy slider (values in %): the smallest rank that
    keeps that share of the whole picture's energy (at least 1)."""
    return ranks_for_shares(decomposition, [v / 100 for v in energy_values(positions)])


def energy_follow(
    decomposition: ImageSVD,
    t: Callable[..., str],
    *,
    slider: str,
    positions: Positions,
    prefix: str,
    charts: ImageCharts,
) -> Follow:
    """What the energy-target slider changes (its values in % at ``positions``): the sentence
    naming the k it picks (``prefix + "auto_k"``) and everything :func:`rank_follow` shows at
    that k."""
    every = every_rank(decomposition)
    by_rank = _texts_by_rank(decomposition, every, t)
    ks = energy_ranks(decomposition, positions)
    sentences = tuple(
        t("image.auto_k", k=k, target=f"{value:.1f}")
        for k, value in zip(ks, energy_values(positions), strict=True)
    )
    dropped = t("chart.dropped")
    return _follow(
        slider, positions, ks, every, by_rank, prefix, charts, dropped, {"auto_k": sentences}
    )
