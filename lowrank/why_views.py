"""What /why_delta_w shows at one rank k, and what its rank slider changes in the browser.

:func:`energy_texts` and :func:`accuracy_texts` render the page's k-dependent texts at one k;
the page draws them for the slider's value and :func:`why_follow` gives them, for every k, to the
browser, which swaps them at once while the slider moves (``lowrank/follow.py``). The charts do
not depend on k: the browser marks k on them from :func:`why_follow`'s marks.
"""

from __future__ import annotations

from collections.abc import Mapping

from lowrank import formatting as fmt
from lowrank import i18n
from lowrank.delta import TruncationCurve
from lowrank.follow import Follow, Mark, Positions, texts_by_name
from lowrank.section2_figures import COLOURS
from lowrank.spectra import Spectrum

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
