"""What /choose_rank shows: the errors of every rank, the spectrum with its thresholds, the rules.

The numbers and sentences that follow the rank slider, and the two charts, are two blocks
(:class:`Block`) for every k = 1 … min(m, n), drawn by the one renderer (``lowrank/ui/block.py``);
the rules' table, the trained ΔW's table and the CSV do not depend on k. Labels arrive translated
(``t`` translates a key); everything is returned, not drawn, so tests can inspect it.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from lowrank import formatting as fmt
from lowrank import i18n
from lowrank.lora_compare import MATCH_MARGIN, ComparisonRow, matching_rank
from lowrank.rank_choice import RULES, Denoising, Rules, aspect, choose, lambda_star, omega, pixels
from lowrank.svd import numerical_rank, reconstruct
from lowrank.views.block import Block, Chart, Line, Metric, Sentence, Series
from lowrank.views.figures import BAR_COLOUR, MARKER_COLOUR
from lowrank.views.markdown_table import markdown_table
from lowrank.views.positions import Positions

Translate = Callable[..., str]

#: Colours: the clean-signal curve and σᵢ in the shared blue, the noisy-matrix curve grey; the
#: best k green; one colour per rule (the two thresholds red and brown); the noise bulk grey.
NOISY_COLOUR = "#7f7f7f"
BEST_COLOUR = "#2ca02c"
RULE_COLOURS: dict[str, str] = {
    "energy": "#ff7f0e",
    "storage": "#9467bd",
    "known": MARKER_COLOUR,
    "unknown": "#8c564b",
}
EDGE_COLOUR = "#7f7f7f"


def _n(value: float) -> str:
    return fmt.reading(value) if value > 0 else "0"


def rank_sentence(result: Denoising, k: int, t: Translate) -> str:
    """How far Yₖ of the noisy matrix is from the clean signal and from the noisy matrix, and
    whether adding directions still helps (before, at or past the best k)."""
    best = result.best_k
    base = t(
        "choose_rank.at_k",
        k=k,
        clean=_n(result.clean_error[k]),
        noisy=_n(result.noisy_error[k]),
    )
    if k < best:
        verdict = t("choose_rank.before_best", best=best, error=_n(result.clean_error[best]))
    elif k == best:
        verdict = t("choose_rank.at_best")
    else:
        verdict = t("choose_rank.past_best", best=best, error=_n(result.clean_error[best]))
    return f"{base} {verdict}"


def sigma_sentence(result: Denoising, rules: Rules, k: int, t: Translate) -> str:
    """σ_k against the known-noise threshold τ and the top of the noise bulk."""
    s_k = float(result.noisy.s[k - 1])
    tau = rules.tau_known if rules.tau_known is not None else rules.tau_unknown
    side = "above" if s_k > tau else "below"
    edge = result.bulk_edge()
    edge_side = "above" if s_k > edge else "below"
    return t(
        f"choose_rank.sigma_{side}",
        k=k,
        sub=fmt.subscript(k),
        sigma=_n(s_k),
        tau=_n(tau),
        edge=_n(edge),
        edge_side=t(f"choose_rank.edge_{edge_side}"),
    )


def rule_lines(result: Denoising, rules: Rules, t: Translate) -> tuple[Line, ...]:
    """A vertical line at the best k and at each rule's k (rules without a k are left out)."""
    lines = [Line(float(result.best_k), t("choose_rank.line.best", k=result.best_k), BEST_COLOUR)]
    for rule in RULES:
        k = rules.k(rule)
        if k is not None:
            lines.append(Line(float(k), t(f"choose_rank.line.{rule}", k=k), RULE_COLOURS[rule]))
    return tuple(lines)


def _level(name: str, value: float, count: int, colour: str) -> Series:
    """A horizontal level at every rank 1 … count (so that the mark at k finds it), dashed."""
    return Series(
        name, tuple(float(k) for k in range(1, count + 1)), (value,) * count, colour, dash=True
    )


def error_chart(result: Denoising, rules: Rules, t: Translate) -> Chart:
    """The RMS error of S_k against the clean signal (the U-curve) and against the noisy
    matrix, k = 1 … min(m, n), the mark at k and the lines of the best k and the rules."""
    ks = tuple(float(k) for k in range(1, result.max_rank + 1))
    clean = tuple(float(v) for v in result.clean_error[1:])
    noisy = tuple(float(v) for v in result.noisy_error[1:])
    best = result.best_k
    return Chart(
        title=t("choose_rank.chart.errors"),
        x_label="k",
        y_label=t("choose_rank.chart.rms"),
        series=(
            Series(t("choose_rank.series.clean"), ks, clean, BAR_COLOUR),
            Series(t("choose_rank.series.noisy"), ks, noisy, NOISY_COLOUR, dash=True),
        ),
        mark=ks,
        alts=tuple(
            t(
                "choose_rank.alt.errors",
                k=k,
                clean=_n(result.clean_error[k]),
                noisy=_n(result.noisy_error[k]),
                best=best,
                best_error=_n(result.clean_error[best]),
            )
            for k in range(1, result.max_rank + 1)
        ),
        lines=rule_lines(result, rules, t),
    )


def spectrum_chart(result: Denoising, rules: Rules, t: Translate) -> Chart:
    """σᵢ of the noisy matrix on a log axis with the thresholds τ and the top of the noise's
    Marchenko–Pastur bulk as dashed levels, and the mark at k."""
    p = result.max_rank
    s = np.asarray(result.noisy.s, dtype=np.float64)
    floor = s[0] * 1e-12  # exact zeros (none with noise) would have no place on a log axis
    ks = tuple(float(k) for k in range(1, p + 1))
    levels = [_level(t("choose_rank.series.edge"), result.bulk_edge(), p, EDGE_COLOUR)]
    if rules.tau_known is not None:
        known = t("choose_rank.series.known")
        levels.append(_level(known, rules.tau_known, p, RULE_COLOURS["known"]))
    levels.append(
        _level(t("choose_rank.series.unknown"), rules.tau_unknown, p, RULE_COLOURS["unknown"])
    )
    return Chart(
        title=t("choose_rank.chart.spectrum"),
        x_label="i",
        y_label="σᵢ",
        series=(
            Series("σᵢ", ks, tuple(float(v) for v in np.maximum(s, floor)), BAR_COLOUR),
            *levels,
        ),
        mark=ks,
        alts=tuple(
            t(
                "choose_rank.alt.spectrum",
                sub=fmt.subscript(k),
                sigma=_n(float(s[k - 1])),
                kept=rules.known if rules.known is not None else rules.unknown,
                tau=_n(rules.tau_known if rules.tau_known is not None else rules.tau_unknown),
                edge=_n(result.bulk_edge()),
            )
            for k in range(1, p + 1)
        ),
        log_y=True,
    )


def rank_block(result: Denoising, rules: Rules, t: Translate) -> Block:
    """The numbers and sentences that follow the rank slider, at each k = 1 … min(m, n) (shown
    above the pictures, so that the first number is in the first screen)."""
    ks = range(1, result.max_rank + 1)
    best = result.best_k
    best_error = float(result.clean_error[best])
    gaps = tuple(
        t("choose_rank.gap_best")
        if k == best
        else "+" + _n(float(result.clean_error[k]) - best_error)
        for k in ks
    )
    return Block(
        positions=Positions(1, 1, result.max_rank),
        metrics=(
            Metric(
                t("choose_rank.metric.clean"),
                tuple(_n(result.clean_error[k]) for k in ks),
                t("choose_rank.metric.clean_help"),
            ),
            Metric(
                t("choose_rank.metric.noisy"),
                tuple(_n(result.noisy_error[k]) for k in ks),
                t("choose_rank.metric.noisy_help"),
            ),
            Metric(t("choose_rank.metric.gap", best=best), gaps, t("choose_rank.metric.gap_help")),
        ),
        sentences=(
            Sentence(tuple(rank_sentence(result, k, t) for k in ks)),
            Sentence(tuple(sigma_sentence(result, rules, k, t) for k in ks)),
        ),
    )


def charts_block(result: Denoising, rules: Rules, t: Translate) -> Block:
    """The error chart and the spectrum, with their mark at each k = 1 … min(m, n)."""
    return Block(
        positions=Positions(1, 1, result.max_rank),
        charts=(error_chart(result, rules, t), spectrum_chart(result, rules, t)),
    )


@dataclass(frozen=True)
class RuleRow:
    """One rule's k and the clean-signal error it gives (None for a rule without a k)."""

    rule: str
    k: int | None
    error: float | None


def rule_rows(result: Denoising, rules: Rules) -> tuple[RuleRow, ...]:
    """The best k, then each rule, with the clean-signal error at its k."""
    rows = [RuleRow("best", result.best_k, float(result.clean_error[result.best_k]))]
    for rule in RULES:
        k = rules.k(rule)
        rows.append(RuleRow(rule, k, None if k is None else float(result.clean_error[k])))
    return tuple(rows)


def rules_table(result: Denoising, rules: Rules, share: float, t: Translate) -> str:
    """A markdown table: each rule, the k it picks, the clean-signal error there and how much
    more that is than at the best k."""
    best = float(result.clean_error[result.best_k])
    body = []
    for row in rule_rows(result, rules):
        name = t(f"choose_rank.rule.{row.rule}", share=fmt.percent(share, 1))
        if row.k is None or row.error is None:  # a rule that needs the noise level, not given
            body.append([name, "–", "–", "–"])
            continue
        extra = "–" if row.rule == "best" else "+" + _n(row.error - best)
        body.append([name, str(row.k), _n(row.error), extra])
    header = [t(f"choose_rank.table.{c}") for c in ("rule", "k", "error", "extra")]
    return markdown_table(header, body, ("left", "right", "right", "right"), bold={(0, 0)})


def rules_caption(result: Denoising, t: Translate) -> str:
    """β, λ*(β) and ω(β) of this shape, and the error of keeping everything (the noise)."""
    beta = aspect(result.shape)
    return t(
        "choose_rank.rules_caption",
        beta=fmt.number(beta, 3),
        lam=fmt.number(lambda_star(beta), 4),
        omega=fmt.number(omega(beta), 4),
        p=result.max_rank,
        full=_n(result.clean_error[-1]),
    )


@dataclass(frozen=True)
class LayerRules:
    """The rules on one layer's trained ΔW (noise level unknown: no known-noise threshold)."""

    layer: int
    shape: tuple[int, int]
    rules: Rules


def delta_table(layers: Sequence[LayerRules], t: Translate) -> str:
    """A markdown table: per layer of the fine-tuned model, the k of each rule that needs no
    noise level."""
    header = [
        t("choose_rank.delta.layer"),
        t("choose_rank.delta.energy"),
        t("choose_rank.delta.storage"),
        t("choose_rank.delta.unknown"),
    ]
    body = [
        [
            f"{layer.layer + 1} ({layer.shape[0]}×{layer.shape[1]})",
            str(layer.rules.energy),
            str(layer.rules.storage),
            str(layer.rules.unknown),
        ]
        for layer in layers
    ]
    return markdown_table(header, body, ("left", "right", "right", "right"))


def delta_verdict(
    layers: Sequence[LayerRules], lora_rank: int, rows: Sequence[ComparisonRow], t: Translate
) -> str:
    """What the unknown-noise threshold picks on each layer, against the rank LoRA trains on the
    training page and the smallest rank that came within its margin of full fine-tuning there
    (``rows`` as :func:`lowrank.lora_compare.compare` returns them)."""
    ks = " / ".join(str(layer.rules.unknown) for layer in layers)
    match, full = matching_rank(rows), rows[-1]
    close = match.accuracy >= full.accuracy - MATCH_MARGIN
    key = "choose_rank.delta_verdict" if close else "choose_rank.delta_verdict_none"
    return t(key, ks=ks, rank=lora_rank, matching=match.rank, points=round(MATCH_MARGIN * 100))


def curves_csv(result: Denoising) -> str:
    """k, σ_k, and the RMS errors against the clean signal and the noisy matrix, k = 0 … p."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["k", "sigma_k", "rms_error_vs_clean", "rms_error_vs_noisy", "noise_sigma"])
    s = np.concatenate([[np.nan], result.noisy.s])
    for k in range(result.max_rank + 1):
        sigma = "" if k == 0 else f"{s[k]:.8g}"
        writer.writerow(
            [
                k,
                sigma,
                f"{result.clean_error[k]:.8g}",
                f"{result.noisy_error[k]:.8g}",
                f"{result.level:.8g}",
            ]
        )
    return out.getvalue()


def live_alts(result: Denoising, t: Translate) -> tuple[str, ...]:
    """The live picture's text alternative at each k = 1 … min(m, n)."""
    return tuple(
        t("choose_rank.alt.rank_k", k=k, clean=_n(result.clean_error[k]))
        for k in range(1, result.max_rank + 1)
    )


def delta_layers(deltas: Sequence[np.ndarray], share: float) -> tuple[LayerRules, ...]:
    """The rules that need no noise level on each layer's ΔW."""
    out = []
    for layer, delta in enumerate(deltas):
        shape = (int(delta.shape[0]), int(delta.shape[1]))
        s = np.linalg.svd(np.asarray(delta, dtype=np.float64), compute_uv=False)
        out.append(LayerRules(layer, shape, choose(s, shape, share, None)))
    return tuple(out)


@dataclass(frozen=True)
class PageContent:
    """What the page shows for one signal, noise level, share and language (shared by every
    session: built once per input)."""

    rules: Rules
    numbers: Block  #: the numbers and sentences at every k
    charts: Block  #: the two charts and their marks at every k
    table: str  #: the rules' table (markdown)
    alts: tuple[str, ...]  #: the live picture's text alternative at every k
    csv: str  #: the curves


def page_content(result: Denoising, share: float, lang: str) -> PageContent:
    """Everything that depends on the noisy matrix, the energy share and the language."""
    t = functools.partial(i18n.t, lang=lang)
    rules = choose(result.noisy.s, result.shape, share, result.level)
    return PageContent(
        rules=rules,
        numbers=rank_block(result, rules, t),
        charts=charts_block(result, rules, t),
        table=rules_table(result, rules, share, t),
        alts=live_alts(result, t),
        csv=curves_csv(result),
    )


@dataclass(frozen=True)
class Picture:
    """A matrix as a grey picture, with its text alternative."""

    pixels: np.ndarray
    alt: str


def clean_picture(clean: np.ndarray, lang: str) -> Picture:
    """The clean signal X as a picture, its size and rank in the alternative."""
    x = np.asarray(clean, dtype=np.float64)
    shape = (int(x.shape[0]), int(x.shape[1]))
    rank = numerical_rank(np.linalg.svd(x, compute_uv=False), shape)
    alt = i18n.t("choose_rank.alt.clean", lang, m=shape[0], n=shape[1], rank=rank)
    return Picture(pixels(x), alt)


def noisy_picture(result: Denoising, lang: str) -> Picture:
    """Y = X + N as a picture (from its SVD at full rank), its error against X in the alt."""
    alt = i18n.t(
        "choose_rank.alt.noisy",
        lang,
        level=fmt.number(result.level),
        error=_n(result.clean_error[-1]),
    )
    return Picture(pixels(reconstruct(result.noisy, result.max_rank)), alt)


def rank_k_picture(result: Denoising, k: int) -> np.ndarray:
    """Yₖ as a grey picture."""
    return pixels(reconstruct(result.noisy, k))
