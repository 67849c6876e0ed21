"""What /why_delta_w shows at one rank k, and what its rank slider changes in the browser.

:func:`energy_texts` and :func:`accuracy_texts` render the page's k-dependent texts at one k;
the page draws them for the slider's value and :func:`why_follow` gives them, for every k, to the
browser, which swaps them at once while the slider moves (``lowrank/views/follow.py``). The
charts (:func:`spectra_figures`, :func:`accuracy_figure`) do not depend on k: the browser marks k
on them from :func:`why_follow`'s marks. Labels come in already translated; every number drawn is
computed in :mod:`lowrank.spectra` or :mod:`lowrank.delta`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from lowrank import formatting as fmt
from lowrank import i18n
from lowrank.delta import TruncationCurve
from lowrank.spectra import TARGET_SHARE, Spectrum
from lowrank.views.figures import COLOURS, finished
from lowrank.views.follow import Follow, Mark, Positions, texts_by_name

#: The measured matrices, in the order the finding sentence names them.
MATRICES: tuple[str, ...] = ("delta", "mlp", "minilm", "random")
#: Decimals of the marks' coordinates sent to the browser (a chart is a few hundred pixels wide:
#: 1e-5 of an axis is far below a pixel, and the data is a third of its full-precision size).
MARK_DECIMALS = 5
#: Which texts are metric values (only the value is swapped, not the label).
VALUE_TEXTS = frozenset({*(f"energy_{name}" for name in MATRICES), "acc_this", "acc_all"})


def energy_texts(
    spectra: Mapping[str, Spectrum], k: int, lang: str, *, minilm_name: str
) -> dict[str, str]:
    """The spectra section's texts at rank k, by slot name.

    ``spectra`` holds the measured matrices by the names of :data:`MATRICES`; ``minilm_name`` is
    the MiniLM matrix's name in ``lang``. The finding sentence, and per matrix the energy kept at
    k (a metric value) and how many singular values that is (k clipped to the matrix's n).
    """
    energy = {name: spectra[name].energy_at(k) for name in MATRICES}
    texts = {
        "finding": i18n.t(
            "s2.why.finding",
            lang,
            k=k,
            **{name: fmt.percent(energy[name], 1) for name in MATRICES},
            name=minilm_name,
        )
    }
    for name in MATRICES:
        sp = spectra[name]
        texts[f"energy_{name}"] = fmt.percent(energy[name], 1)
        texts[f"energy_{name}_rank"] = i18n.t("s2.why.energy.rank", lang, k=sp.clip(k), n=sp.n)
    return texts


def accuracy_texts(curve: TruncationCurve, k: int, lang: str) -> dict[str, str]:
    """The accuracy section's texts at rank k: the accuracy with ΔW truncated at k, for the
    chosen layer and for every layer, each with the ranks used (a layer whose ΔW has fewer than k
    singular values keeps all of them)."""
    this_layer, all_layers = curve.at(k)
    ranks = curve.ranks_at(k)
    rank = curve.layer_ranks[curve.layer]
    return {
        "acc_this": fmt.percent(this_layer, 1),
        "acc_this_at": i18n.t("s2.why.acc_at_this", lang, rank=rank, used=ranks[curve.layer]),
        "acc_all": fmt.percent(all_layers, 1),
        "acc_all_at": i18n.t(
            "s2.why.acc_at_all",
            lang,
            ranks=i18n.t("list.sep", lang).join(str(r) for r in ranks),
            layers=len(ranks),
        ),
    }


def why_follow(
    spectra: Mapping[str, Spectrum],
    curve: TruncationCurve,
    max_k: int,
    lang: str,
    *,
    minilm_name: str,
    slider: str,
    prefix: str,
    sigma_chart: str,
    energy_chart: str,
    accuracy_chart: str,
) -> Follow:
    """What the rank slider (values 1…max_k) changes: :func:`energy_texts` and
    :func:`accuracy_texts` in the containers
    ``prefix + name``; on the two spectra charts, each matrix's point at rank k (σₖ/σ₁ and the
    energy kept, at i/n = k/n, ΔW's labelled); on the accuracy chart, both curves at k.
    """
    ks = range(1, max_k + 1)
    rows = [
        energy_texts(spectra, k, lang, minilm_name=minilm_name) | accuracy_texts(curve, k, lang)
        for k in ks
    ]
    texts = texts_by_name(rows, prefix, VALUE_TEXTS)
    marks: list[Mark] = []
    for name in (*MATRICES[1:], MATRICES[0]):  # ΔW last: its dots are drawn on top
        points = [spectra[name].point(k) for k in ks]
        x = tuple(round(point[0], MARK_DECIMALS) for point in points)
        label = tuple(f"k = {spectra[name].clip(k)}" for k in ks) if name == "delta" else ()
        sigma = tuple(round(point[1], MARK_DECIMALS) for point in points)
        energy = tuple(round(100 * point[2], MARK_DECIMALS) for point in points)
        colour = COLOURS[name]  # each matrix's dots and line in its curve's colour
        marks.append(Mark(sigma_chart, x, sigma, label, colour=colour))
        marks.append(Mark(energy_chart, x, energy, label, colour=colour))
    kept = [curve.clip(k) for k in ks]
    for values, label in (
        (curve.all_layers, ()),
        (curve.this_layer, tuple(f"k = {k}" for k in kept)),
    ):
        y = tuple(round(100 * float(values[k - int(curve.ks[0])]), MARK_DECIMALS) for k in kept)
        x = tuple(float(k) for k in kept)
        marks.append(Mark(accuracy_chart, x, y, label, line=bool(label)))  # one line at k
    return Follow(slider, Positions(1, 1, max_k), texts=texts, marks=tuple(marks))


# --- the charts, the same at every k --------------------------------------------------------------


@dataclass(frozen=True)
class Curve:
    """One spectrum on the comparison chart: its legend label and colour; dashed for theory."""

    label: str
    spectrum: Spectrum
    colour: str
    dashed: bool = False


def spectra_figures(
    curves: Sequence[Curve],
    *,
    sigma_title: str,
    energy_title: str,
    x_title: str,
    share_label: str,
) -> tuple[go.Figure, go.Figure]:
    """σᵢ/σ₁ and the cumulative energy against i/n, as two charts (the page sets them side by side
    on a wide screen, one above the other on a phone); the energy chart marks the 90% line, the
    σ chart carries the legend.

    The same figures for every rank k: the page's browser marks k on them (:func:`why_follow`).
    """
    sigma, energy = go.Figure(), go.Figure()
    for curve in curves:
        sp = curve.spectrum
        line = {"color": curve.colour, "dash": "dash" if curve.dashed else "solid", "width": 2}
        drawn = ((sigma, sp.normalised(), ".3f"), (energy, sp.cumulative() * 100, ".1f"))
        for fig, y, y_format in drawn:
            fig.add_trace(
                go.Scatter(
                    x=sp.positions(),
                    y=y,
                    mode="lines",
                    line=line,
                    name=curve.label,
                    customdata=np.arange(1, sp.n + 1),
                    hovertemplate=f"i=%{{customdata}} (i/n=%{{x:.3f}}): %{{y:{y_format}}}"
                    f"<extra>{curve.label}</extra>",
                )
            )
    energy.add_hline(
        y=TARGET_SHARE * 100,
        line_dash="dot",
        line_color="#444",
        annotation_text=share_label,
        annotation_position="bottom right",
    )
    sigma.update_yaxes(range=[0, 1.02])
    energy.update_yaxes(range=[0, 101], ticksuffix="%")
    for fig, title in ((sigma, sigma_title), (energy, energy_title)):
        fig.update_xaxes(title_text=x_title, range=[0, 1.01])
        finished(fig, title, 440 if fig is sigma else 340)
    energy.update_layout(showlegend=False)
    return sigma, energy


def rank_ticks(top: int) -> list[int]:
    """Ticks of a log rank axis from 1 to ``top``: the powers of two, then ``top`` itself (the
    last power of two dropped when it would crowd ``top``)."""
    ticks = [2**i for i in range(int(np.log2(top)) + 1)] if top >= 1 else []
    if ticks and ticks[-1] != top:
        if top < 1.5 * ticks[-1] and len(ticks) > 1:
            ticks.pop()
        ticks.append(top)
    return ticks


def accuracy_figure(
    ks: np.ndarray,
    curves: Mapping[str, np.ndarray],
    references: Mapping[str, float],
    *,
    title: str,
    x_title: str,
    y_title: str,
) -> go.Figure:
    """Accuracy (%) against the rank k ≥ 1 of the truncated ΔW, reference levels as lines.

    The rank axis is logarithmic: the first few ranks, where the curve rises, get room, and every
    rank up to the last is on screen, so the browser can mark any k on this one figure. Rank 0
    (ΔW dropped) has no place on it; it stays in the CSV.
    """
    ks = np.asarray(ks)
    shown = ks >= 1
    fig = go.Figure()
    palette = [COLOURS["delta"], COLOURS["minilm"], COLOURS["mlp"]]
    for (label, acc), colour in zip(curves.items(), palette, strict=False):
        values = np.asarray(acc, dtype=float)[shown] * 100
        fig.add_trace(
            go.Scatter(
                x=ks[shown],
                y=values,
                mode="lines+markers",
                name=label,
                line={"color": colour},
                marker={"size": 4},
                hovertemplate=f"k=%{{x}}: %{{y:.1f}}%<extra>{label}</extra>",
            )
        )
    for label, value in references.items():
        fig.add_hline(
            y=value * 100,
            line_dash="dot",
            line_color="#555",
            annotation_text=f"{label}: {value * 100:.1f}%",
            annotation_position="bottom right" if value > 0.5 else "top right",
        )
    top = int(ks[-1])
    ticks = rank_ticks(top)
    fig.update_xaxes(
        title_text=x_title,
        type="log",
        range=[np.log10(0.8), np.log10(max(top, 1) * 1.25)],
        tickvals=ticks,
        ticktext=[str(tick) for tick in ticks],
    )
    fig.update_yaxes(title_text=y_title, range=[-2, 104], ticksuffix="%")
    return finished(fig, title, 380)
