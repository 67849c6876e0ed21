"""What /why_delta_w shows at every rank k of its slider, as blocks for the block renderer.

:func:`energy_texts` and :func:`accuracy_texts` render the page's k-dependent texts at one k;
:func:`spectra_blocks` and :func:`accuracy_blocks` give them, with the charts they sit beside
(the σᵢ/σ₁ and energy curves with each matrix's point at its own k/n, the accuracy against a
log k with its reference levels) and a text alternative of each chart, at every k: the
browser's renderer (``lowrank/ui/block.py``) shows the slider's k, and the page's rerun draws
none of it. Every number drawn is computed in :mod:`lowrank.spectra` or :mod:`lowrank.delta`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import numpy as np

from lowrank import formatting as fmt
from lowrank import i18n
from lowrank.delta import TruncationCurve
from lowrank.spectra import TARGET_SHARE, Spectrum
from lowrank.views.block import Block, Chart, Level, Metric, Sentence, Series
from lowrank.views.figures import COLOURS
from lowrank.views.positions import Positions

#: The measured matrices, in the order the finding sentence names them.
MATRICES: tuple[str, ...] = ("delta", "mlp", "minilm", "random")
#: The spectra charts' curves, in the order they are drawn (ΔW last: its dot on top), the
#: Marchenko–Pastur theory of the random matrix among them (dashed, without a mark).
CURVES: tuple[str, ...] = ("minilm", "random", "theory", "mlp", "delta")
#: The accuracy curves' colours: only the chosen layer's ΔW truncated, every layer's.
ACCURACY_COLOURS: tuple[str, str] = (COLOURS["delta"], COLOURS["minilm"])
#: Decimals of the curves' points sent to the browser, in axis units (σᵢ/σ₁ from 0 to 1, i/n,
#: %): a chart is a few hundred pixels across, so 1e-5 of an axis is far below a pixel.
DECIMALS = 5


def energy_texts(
    spectra: Mapping[str, Spectrum], k: int, lang: str, *, minilm_name: str
) -> dict[str, str]:
    """The spectra section's texts at rank k, by name.

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


def curve_labels(
    spectra: Mapping[str, Spectrum], lang: str, *, layer: str, minilm_name: str
) -> dict[str, str]:
    """Each measured matrix's full name with its shape (the charts' legend, the table's rows),
    and the theory curve's, by the names of :data:`CURVES`; ``layer`` is the MLP layer's number."""

    def shape(name: str) -> dict[str, int]:
        rows, cols = spectra[name].shape
        return {"rows": rows, "cols": cols}

    return {
        "minilm": i18n.t("s2.curve.minilm", lang, name=minilm_name, **shape("minilm")),
        "random": i18n.t("s2.curve.random", lang, **shape("random")),
        "theory": i18n.t("s2.curve.theory", lang),
        "mlp": i18n.t("s2.curve.mlp", lang, n=layer, **shape("mlp")),
        "delta": i18n.t("s2.curve.delta", lang, n=layer, **shape("delta")),
    }


def hover_names(lang: str) -> dict[str, str]:
    """Each curve's name in the charts' hover texts (one line per curve, beside its legend), by
    the names of :data:`CURVES`: a word or two, since every point carries it."""
    return {
        "minilm": "MiniLM",
        "random": i18n.t("s2.why.hover_random", lang),
        "theory": i18n.t("s2.why.hover_theory", lang),
        "mlp": "W",
        "delta": "ΔW",
    }


def _points(values: np.ndarray) -> tuple[float, ...]:
    return tuple(round(float(v), DECIMALS) for v in values)


def spectra_blocks(
    spectra: Mapping[str, Spectrum],
    theory: Spectrum,
    max_k: int,
    lang: str,
    *,
    layer: str,
    minilm_name: str,
) -> tuple[Block, Block]:
    """The spectra section at every k of the rank slider (values 1…max_k), as two blocks.

    The numbers: the finding sentence (first), then each matrix's energy kept at k with how many
    of its singular values that is. The charts: σᵢ/σ₁ and the energy kept by the first i
    singular values against i/n, for the four matrices and ``theory``, each matrix's point at
    its own k/n (k clipped to its n; ΔW's labelled), the 90% line, and a text alternative per k.
    """
    ks = range(1, max_k + 1)
    positions = Positions(1, 1, max_k)
    rows = [energy_texts(spectra, k, lang, minilm_name=minilm_name) for k in ks]
    numbers = Block(
        positions,
        metrics=tuple(
            Metric(
                i18n.t(f"s2.why.energy.{name}", lang, n=layer),
                tuple(row[f"energy_{name}"] for row in rows),
                i18n.t("s2.why.energy.help", lang),
                tuple(row[f"energy_{name}_rank"] for row in rows),
                colour=COLOURS[name],
            )
            for name in MATRICES
        ),
        sentences=(Sentence(tuple(row["finding"] for row in rows)),),
        sentences_first=True,
    )
    every = {**spectra, "theory": theory}
    legend = curve_labels(spectra, lang, layer=layer, minilm_name=minilm_name)
    short = hover_names(lang)

    def curves(
        values: Callable[[Spectrum], np.ndarray], shown: Callable[[float], str], labelled: bool
    ) -> Iterator[Series]:
        for name in CURVES:
            sp, marked = every[name], name in MATRICES
            yield Series(
                legend[name],
                _points(sp.positions()),
                _points(values(sp)),
                COLOURS[name],
                dash=not marked,
                hover=tuple(
                    i18n.t("s2.why.hover", lang, name=short[name], i=i, n=sp.n, value=shown(v))
                    for i, v in enumerate(values(sp), start=1)
                ),
                marks=tuple(round(sp.clip(k) / sp.n, DECIMALS) for k in ks) if marked else (),
                mark_labels=(
                    tuple(f"k = {sp.clip(k)}" for k in ks) if labelled and name == "delta" else ()
                ),
            )

    def alt(key: str, k: int, value: Callable[[Spectrum, int], str], **more: object) -> str:
        at_k = {name: value(spectra[name], k) for name in MATRICES}
        return i18n.t(key, lang, k=k, name=minilm_name, **at_k, **more)

    x_label = i18n.t("s2.why.x", lang)
    sigma = Chart(
        i18n.t("s2.why.sigma_title", lang),
        x_label,
        "σᵢ / σ₁",
        tuple(curves(lambda sp: sp.normalised(), lambda v: fmt.number(v, 3), labelled=True)),
        mark=(),
        alts=tuple(
            alt("s2.why.sigma_alt", k, lambda sp, k: fmt.number(sp.point(k)[1], 3)) for k in ks
        ),
        x_range=(0.0, 1.01),
        y_range=(0.0, 1.02),
    )
    energy = Chart(
        i18n.t("s2.why.energy_title", lang),
        x_label,
        i18n.t("s2.why.energy_axis", lang),
        tuple(
            # unlabelled: the curves leave no room there (the σ chart beside it has the label)
            curves(lambda sp: 100 * sp.cumulative(), lambda v: fmt.percent(v / 100, 1), False)
        ),
        mark=(),
        alts=tuple(
            alt("s2.why.energy_alt", k, lambda sp, k: fmt.percent(sp.energy_at(k), 1)) for k in ks
        ),
        x_range=(0.0, 1.01),
        y_range=(0.0, 101.0),
        y_suffix="%",
        levels=(Level(100 * TARGET_SHARE, i18n.t("s2.why.share_line", lang), below=True),),
    )
    return numbers, Block(positions, charts=(sigma, energy))


def rank_ticks(top: int) -> list[int]:
    """Ticks of a log rank axis from 1 to ``top``: the powers of two, then ``top`` itself (the
    last power of two dropped when it would crowd ``top``)."""
    ticks = [2**i for i in range(int(np.log2(top)) + 1)] if top >= 1 else []
    if ticks and ticks[-1] != top:
        if top < 1.5 * ticks[-1] and len(ticks) > 1:
            ticks.pop()
        ticks.append(top)
    return ticks


def accuracy_blocks(
    curve: TruncationCurve,
    max_k: int,
    lang: str,
    *,
    layer: str,
    after: float,
    before: float,
) -> tuple[Block, Block]:
    """The accuracy section at every k of the rank slider (values 1…max_k), as two blocks.

    The chart: the accuracy with only the chosen layer's ΔW, and with every layer's, truncated
    to rank k, on a log k axis from 1 to the largest layer's rank (rank 0, ΔW dropped, stays in
    the CSV), the accuracies ``after`` and ``before`` fine-tuning as reference levels, k marked
    (clipped to the curve's last rank) and a text alternative per k. The numbers: both
    accuracies at k with the ranks they use, and the two rank-free references.
    """
    ks = range(1, max_k + 1)
    positions = Positions(1, 1, max_k)
    rows = [accuracy_texts(curve, k, lang) for k in ks]
    after_name = i18n.t("s2.why.acc_metric_after", lang)
    before_name = i18n.t("s2.why.acc_metric_before", lang)
    at_k = (
        Metric(
            label,
            tuple(row[name] for row in rows),
            notes=tuple(row[f"{name}_at"] for row in rows),
            colour=colour,
        )
        for name, label, colour in zip(
            ("acc_this", "acc_all"),
            (
                i18n.t("s2.why.acc_metric_this", lang, n=layer),
                i18n.t("s2.why.acc_metric_all", lang),
            ),
            ACCURACY_COLOURS,
            strict=True,
        )
    )
    numbers = Block(
        positions,
        metrics=(
            *at_k,
            Metric(after_name, (fmt.percent(after, 1),) * max_k),
            Metric(before_name, (fmt.percent(before, 1),) * max_k),
        ),
    )
    shown = np.asarray(curve.ks) >= 1
    ranks = [int(k) for k in np.asarray(curve.ks)[shown]]
    names = (i18n.t("s2.why.acc_this", lang, n=layer), i18n.t("s2.why.acc_all", lang))
    series = tuple(
        Series(
            name,
            tuple(float(k) for k in ranks),
            _points(100 * np.asarray(values, dtype=float)[shown]),
            colour,
            hover=tuple(
                i18n.t("s2.why.acc_hover", lang, name=name, k=k, value=fmt.percent(a, 1))
                for k, a in zip(ranks, np.asarray(values)[shown], strict=True)
            ),
        )
        for name, values, colour in zip(
            names, (curve.this_layer, curve.all_layers), ACCURACY_COLOURS, strict=True
        )
    )
    top = int(curve.ks[-1])
    kept = [max(curve.clip(k), 1) for k in ks]
    references = (
        (i18n.t("s2.why.acc_after", lang), after),
        (i18n.t("s2.why.acc_before", lang), before),
    )
    chart = Chart(
        i18n.t("s2.why.acc_title", lang),
        i18n.t("s2.why.acc_x", lang),
        i18n.t("s2.why.acc_y", lang),
        series,
        mark=tuple(float(k) for k in kept),
        mark_labels=tuple(f"k = {k}" for k in kept),
        alts=tuple(
            i18n.t(
                "s2.why.acc_alt",
                lang,
                this_name=names[0],
                all_name=names[1],
                after=fmt.percent(after, 1),
                before=fmt.percent(before, 1),
                k=k,
                this=row["acc_this"],
                all=row["acc_all"],
            )
            for k, row in zip(ks, rows, strict=True)
        ),
        levels=tuple(
            Level(
                100 * value,
                i18n.t("s2.why.acc_level", lang, name=name, value=fmt.percent(value, 1)),
                below=value > 0.5,  # the curves run near the top: below it and above 0 is free
            )
            for name, value in references
        ),
        log_x=True,
        x_ticks=tuple(float(tick) for tick in rank_ticks(top)),
        x_range=(0.8, max(top, 1) * 1.25),
        y_range=(-2.0, 110.0),  # room above 100% for k's label
        y_suffix="%",
    )
    return Block(positions, charts=(chart,)), numbers
