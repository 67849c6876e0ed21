"""What the photograph page draws: its Plotly figures, and its numbers at every rank.

The figures (the spectrum and the energy kept, per colour channel) are the same for every k:
the browser marks k on them (:mod:`lowrank.follow`). The numbers that change with k are rendered
by one function, :func:`rank_texts`, used both for the page's current k and for every position
of its sliders (:func:`rank_follow`, :func:`energy_follow`), so what the browser shows at once is
what the page's rerun draws. Labels arrive translated (``t`` translates a key); everything is
returned, not drawn, so tests can inspect it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import plotly.graph_objects as go

from lowrank.figures import base_layout, cumulative_energy_chart, merged
from lowrank.follow import Follow, Mark, Positions, Texts
from lowrank.image import (
    CHANNELS,
    ImageSVD,
    RankNumbers,
    break_even_rank,
    energy_curves,
    every_rank,
    ranks_for_shares,
)

#: Line colours: red, green and blue channels, then the whole picture (or the grey channel).
CHANNEL_COLOURS: tuple[str, ...] = ("#d62728", "#2ca02c", "#1f77b4")
ALL_COLOUR = "#444444"
#: Singular values below σ₁ × this are shown at the bottom edge of the log axis (numerically 0).
LOG_FLOOR = 1e-8


def _channel_series(
    decomposition: ImageSVD, channel_names: Sequence[str], all_name: str
) -> list[tuple[str, str]]:
    """(name, colour) per channel: R, G, B in colour; the single grey channel is the whole."""
    if decomposition.colour:
        return list(zip(channel_names, CHANNEL_COLOURS, strict=True))
    return [(all_name, ALL_COLOUR)]


def spectrum_figure(
    decomposition: ImageSVD,
    *,
    title: str,
    channel_names: Sequence[str],
    all_name: str,
    y_title: str,
) -> go.Figure:
    """σᵢ of every channel on a log axis: the cliff or the plateau (k is marked by the browser)."""
    traces = []
    series = _channel_series(decomposition, channel_names, all_name)
    for (name, colour), svd in zip(series, decomposition.channels, strict=True):
        s = np.asarray(svd.s, dtype=float)
        traces.append(
            {
                "type": "scatter",
                "x": np.arange(1, s.size + 1),
                "y": np.maximum(s, s[0] * LOG_FLOOR) if s[0] > 0 else s,
                "mode": "lines",
                "name": name,
                "line": {"color": colour, "width": 2},
                "customdata": s,
                "hovertemplate": "σ%{x} = %{customdata:.4g}<extra>" + name + "</extra>",
            }
        )
    layout = merged(
        base_layout(title, 340),
        {
            "yaxis": {"type": "log", "title": {"text": y_title}, "exponentformat": "power"},
            "xaxis": {"title": {"text": "i"}},
            "legend": {"orientation": "h", "y": -0.25},
        },
    )
    return go.Figure(data=traces, layout=layout)


def energy_figure(
    decomposition: ImageSVD,
    *,
    title: str,
    channel_names: Sequence[str],
    all_name: str,
    y_title: str,
    x_note: str = "",
) -> go.Figure:
    """Cumulative energy kept at every rank, per channel and for the whole picture (k is marked
    by the browser).

    The k axis is logarithmic; ``x_note`` (e.g. "log scale") is added to its title.
    """
    series = _channel_series(decomposition, channel_names, all_name)
    if decomposition.colour:
        series.append((all_name, ALL_COLOUR))
    curves = energy_curves(decomposition)[: len(series)]  # grey: its channel is the whole
    named = {name: curve for (name, _), curve in zip(series, curves, strict=True)}
    styles = {
        name: {"line": {"color": colour, "width": 3 if name == all_name else 1.5}}
        for name, colour in series
    }
    # Rank 1 alone keeps most of a picture's energy and the rest comes within the first tens of
    # ranks: show the range the curves climb, on a log axis of k so every decade gets room.
    bottom = 5 * np.floor(20 * float(curves[:, 0].min()))
    return cumulative_energy_chart(
        named,
        title,
        x_title=f"k ({x_note})" if x_note else "k",
        y_title=y_title,
        log_x=True,
        styles=styles,
        layout={"yaxis": {"range": [min(bottom, 95.0), 100.5]}},
    )


# --- the numbers at every rank ---------------------------------------------------------------

#: The elements that change with k, each in a container ``prefix + name`` (lowrank/ui/follow.py):
#: the four metrics (only their value is swapped), the storage sentence, the saving line, the
#: per-channel energy (colour only) and the note's live sentence.
METRIC_TEXTS: tuple[str, ...] = ("k", "energy", "psnr", "stored")
#: Chart containers, after the prefix: the spectrum and the energy kept.
SPECTRUM_CHART = "spectrum_plot"
ENERGY_CHART = "energy_plot"


def percent(share: float, digits: int = 2) -> str:
    """A share as a percentage that never rounds a loss away (99.996 % is not "100.00 %")."""
    text = f"{share:.{digits}%}"
    if share < 1 and text == f"{1:.{digits}%}":
        return f"> {1 - 10 ** -(digits + 2):.{digits}%}"
    return text


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
        "energy": percent(numbers.energy_kept, 1),
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
            f"{name} {percent(share)}"
            for name, share in zip(CHANNELS, numbers.channel_energy_kept, strict=True)
        )
        texts["channels"] = t("image.channel_energy", detail=kept)
    texts["note"] = t("image.note_live", k=numbers.k, energy=percent(numbers.energy_kept))
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
    extra: dict[str, tuple[str, ...]] | None = None,
) -> Follow:
    """Texts and marks at each position, whose rank is ``ks[i]``."""
    names = list(by_rank[0])
    texts = [
        Texts(
            prefix + name,
            tuple(by_rank[k - 1][name] for k in ks),
            "value" if name in METRIC_TEXTS else "all",
        )
        for name in names
    ]
    texts += [Texts(prefix + name, sources) for name, sources in (extra or {}).items()]
    labels = tuple(f"k = {k}" for k in ks)
    return Follow(
        slider,
        positions,
        texts=tuple(texts),
        marks=(
            Mark(prefix + SPECTRUM_CHART, x=tuple(float(k) for k in ks), label=labels, band=True),
            Mark(
                prefix + ENERGY_CHART,
                x=tuple(float(k) for k in ks),
                y=tuple(100 * every[k - 1].energy_kept for k in ks),
                label=labels,
            ),
        ),
    )


def rank_follow(
    decomposition: ImageSVD, t: Callable[..., str], *, slider: str, prefix: str
) -> Follow:
    """What the rank slider (k = 1…min(m, n)) changes: :func:`rank_texts` in the containers
    ``prefix + name``, and k on the spectrum (the dropped σ faded) and on the energy curve."""
    every = every_rank(decomposition)
    by_rank = _texts_by_rank(decomposition, every, t)
    ks = [numbers.k for numbers in every]
    return _follow(slider, Positions(1, 1, len(ks)), ks, every, by_rank, prefix)


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
    return _follow(slider, positions, ks, every, by_rank, prefix, {"auto_k": sentences})
