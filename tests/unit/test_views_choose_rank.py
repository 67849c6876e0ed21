"""lowrank.views.choose_rank: the block at every k, the tables and the CSV, against numpy."""

from __future__ import annotations

import csv
import functools
import io

import numpy as np
import pytest

from lowrank import formatting as fmt
from lowrank import i18n
from lowrank import rank_choice as rc
from lowrank.lora_compare import ComparisonRow
from lowrank.views import choose_rank as views

SHAPE = (40, 60)
LEVEL = 4.0


def _t(lang: str) -> functools.partial[str]:
    return functools.partial(i18n.t, lang=lang)


@functools.cache
def _case(level: float = LEVEL) -> tuple[np.ndarray, rc.Denoising, rc.Rules]:
    x = rc.planted_signal(SHAPE)
    result = rc.denoise(x, level)
    return x, result, rc.choose(result.noisy.s, SHAPE, 0.9, level)


def _numpy_errors(x: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Errors against X and against Y at k = 0 … p, by forming every Yₖ; and σ of Y."""
    y = x + level * np.random.default_rng(rc.SEED).standard_normal(x.shape)
    u, s, vt = np.linalg.svd(y, full_matrices=False)
    clean, noisy = [], []
    for k in range(s.size + 1):
        yk = (u[:, :k] * s[:k]) @ vt[:k]
        clean.append(np.sqrt(np.mean((yk - x) ** 2)))
        noisy.append(np.sqrt(np.mean((yk - y) ** 2)))
    noisy[-1] = noisy[-1] if noisy[-1] > 1e-9 else 0.0  # Y − Y_p is exactly 0, numpy's ~1e-13
    return np.array(clean), np.array(noisy), s


def _reading(value: float) -> str:
    return fmt.reading(value) if value > 0 else "0"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_block_at_every_k_matches_numpy(lang: str) -> None:
    x, result, rules = _case()
    clean, noisy, s = _numpy_errors(x, LEVEL)
    best = int(np.argmin(clean[1:])) + 1
    t = _t(lang)
    block = views.rank_block(result, rules, t)
    charts = views.charts_block(result, rules, t)
    assert block.charts == () and charts.metrics == () and charts.sentences == ()
    assert charts.positions == block.positions
    assert (block.positions.start, block.positions.step, block.positions.count) == (1, 1, 40)
    labels = [m.label for m in block.metrics]
    assert labels == [
        t("choose_rank.metric.clean"),
        t("choose_rank.metric.noisy"),
        t("choose_rank.metric.gap", best=best),
    ]
    for k in range(1, 41):
        shown = block.at(k)
        values = shown["metrics"]
        assert values[labels[0]] == _reading(clean[k])
        assert values[labels[1]] == _reading(noisy[k])
        gap = t("choose_rank.gap_best") if k == best else "+" + _reading(clean[k] - clean[best])
        assert values[labels[2]] == gap
        first, second = shown["sentences"]
        assert f"**{_reading(clean[k])}**" in first and f"**{_reading(noisy[k])}**" in first
        verdict = "before_best" if k < best else "at_best" if k == best else "past_best"
        expected = t(f"choose_rank.{verdict}", best=best, error=_reading(clean[best]))
        assert first.endswith(expected)
        tau = rc.lambda_star(40 / 60) * np.sqrt(60) * LEVEL
        side = "above" if s[k - 1] > tau else "below"
        edge = LEVEL * (np.sqrt(40) + np.sqrt(60))
        edge_side = t("choose_rank.edge_" + ("above" if s[k - 1] > edge else "below"))
        assert second == t(
            f"choose_rank.sigma_{side}",
            sub=fmt.subscript(k),
            sigma=_reading(s[k - 1]),
            tau=_reading(tau),
            edge=_reading(edge),
            edge_side=edge_side,
        )
        marked = charts.at(k)
        assert marked["marks"] == [k, k]
        assert _reading(clean[k]) in marked["alts"][0] and _reading(s[k - 1]) in marked["alts"][1]


def test_before_at_and_past_the_best_all_occur() -> None:
    _, result, rules = _case()
    texts = views.rank_block(result, rules, _t("en")).sentences[0].texts
    best = result.best_k
    assert 1 < best < result.max_rank
    assert "still help" in texts[best - 2]
    assert "This is the best k" in texts[best - 1]
    assert "Past the best" in texts[best]


def test_error_chart_curves_and_lines() -> None:
    x, result, rules = _case()
    clean, noisy, _ = _numpy_errors(x, LEVEL)
    chart = views.error_chart(result, rules, _t("en"))
    first, second = chart.series
    assert first.x == tuple(range(1, 41))
    assert np.allclose(first.y, clean[1:], rtol=1e-9, atol=1e-9)
    assert np.allclose(second.y, noisy[1:], rtol=1e-9, atol=1e-9)
    assert (first.colour, second.colour, second.dash) == (views.BAR_COLOUR, "#7f7f7f", True)
    assert [line.x for line in chart.lines] == [
        result.best_k,
        rules.energy,
        rules.storage,
        rules.known,
        rules.unknown,
    ]
    assert chart.lines[0].label == f"best {result.best_k}"
    assert [line.colour for line in chart.lines[1:]] == list(views.RULE_COLOURS.values())
    assert not chart.log_y


def test_spectrum_chart_has_sigma_thresholds_and_bulk_edge() -> None:
    x, result, rules = _case()
    _, _, s = _numpy_errors(x, LEVEL)
    chart = views.spectrum_chart(result, rules, _t("en"))
    sigma, edge, known, unknown = chart.series
    assert chart.log_y and np.allclose(sigma.y, s)
    assert edge.y == pytest.approx((LEVEL * (np.sqrt(40) + np.sqrt(60)),) * 40)
    assert known.y == pytest.approx((rc.lambda_star(2 / 3) * np.sqrt(60) * LEVEL,) * 40)
    assert unknown.y == pytest.approx((rc.omega(2 / 3) * np.median(s),) * 40)
    assert edge.x == known.x == tuple(range(1, 41)) and all(v.dash for v in (edge, known, unknown))
    assert len(set(known.y)) == 1
    kept = int(np.sum(s > known.y[0]))
    assert f"{kept} lie above" in chart.alts[0]


def test_spectrum_chart_without_a_known_noise_level() -> None:
    _, result, rules = _case()
    unknown_only = rc.Rules(
        rules.energy, rules.storage, None, rules.unknown, None, rules.tau_unknown
    )
    chart = views.spectrum_chart(result, unknown_only, _t("en"))
    assert [series.name for series in chart.series] == [
        "σᵢ",
        "noise edge σ(√m+√n)",
        "τ (σ unknown)",
    ]
    assert f"{rules.unknown} lie above" in chart.alts[0]
    lines = views.rule_lines(result, unknown_only, _t("en"))
    assert [line.label for line in lines][3:] == [f"τ̂ {rules.unknown}"]


def test_rules_table_rows_against_numpy() -> None:
    x, result, rules = _case()
    clean, _, _ = _numpy_errors(x, LEVEL)
    best = int(np.argmin(clean[1:])) + 1
    rows = views.rule_rows(result, rules)
    assert [row.rule for row in rows] == ["best", *rc.RULES]
    assert [row.k for row in rows] == [
        best,
        rules.energy,
        rules.storage,
        rules.known,
        rules.unknown,
    ]
    for row in rows:
        assert row.k is not None and row.error == pytest.approx(clean[row.k])
    table = views.rules_table(result, rules, 0.9, _t("en")).splitlines()
    assert table[2] == f"| **Best k (needs X itself)** | {best} | {_reading(clean[best])} | – |"
    extra = "+" + _reading(clean[rules.energy] - clean[best])
    assert (
        table[3]
        == f"| Energy ≥ 90.0% | {rules.energy} | {_reading(clean[rules.energy])} | {extra} |"
    )
    assert len(table) == 7


def test_rules_table_without_a_known_noise_level() -> None:
    _, result, rules = _case()
    unknown_only = rc.Rules(
        rules.energy, rules.storage, None, rules.unknown, None, rules.tau_unknown
    )
    line = views.rules_table(result, unknown_only, 0.9, _t("en")).splitlines()[5]
    assert line.endswith("| – | – | – |")


def test_delta_table() -> None:
    rules = rc.choose(np.array([5.0, 2.0, 1.0, 0.5]), (4, 10), 0.9, None)
    layers = [views.LayerRules(0, (4, 10), rules)]
    lines = views.delta_table(layers, _t("en")).splitlines()
    assert lines[0] == "| Layer (shape) | Energy rule | Storage ceiling | Threshold (σ unknown) |"
    assert lines[2] == f"| 1 (4×10) | {rules.energy} | {rules.storage} | {rules.unknown} |"


def test_delta_verdict_names_each_layers_k() -> None:
    rules = [rc.choose(np.array(s), (4, 10), 0.9, None) for s in ([5.0, 2, 1, 0.5], [9.0, 1, 1, 1])]
    layers = [views.LayerRules(i, (4, 10), r) for i, r in enumerate(rules)]
    rows = [ComparisonRow(1, 0.80, 0, 10, 0), ComparisonRow(2, 0.90, 0, 20, 0)]
    full = ComparisonRow(None, 0.92, 0, 99, 0)
    text = views.delta_verdict(layers, 4, [*rows, full], _t("en"))
    assert text.startswith("LoRA on the training page uses rank 4 by default, and in its")
    assert "comparison rank 2 was enough (within 3 points" in text
    assert f"The threshold rule picks {rules[0].unknown} / {rules[1].unknown} on" in text
    far = ComparisonRow(None, 0.931, 0, 99, 0)  # 3.1 points above the best LoRA row
    text = views.delta_verdict(layers, 4, [*rows, far], _t("en"))
    assert "no rank came within 3 points of full fine-tuning, the best being rank 2" in text


def test_curves_csv_against_numpy() -> None:
    x, result, _ = _case()
    clean, noisy, s = _numpy_errors(x, LEVEL)
    rows = list(csv.reader(io.StringIO(views.curves_csv(result))))
    assert rows[0] == ["k", "sigma_k", "rms_error_vs_clean", "rms_error_vs_noisy", "noise_sigma"]
    assert len(rows) == 42 and rows[1][:2] == ["0", ""]
    for k, row in enumerate(rows[1:]):
        assert int(row[0]) == k
        assert float(row[2]) == pytest.approx(clean[k], rel=1e-7, abs=1e-7)
        assert float(row[3]) == pytest.approx(noisy[k], rel=1e-7, abs=1e-7)
        assert float(row[4]) == LEVEL
        if k:
            assert float(row[1]) == pytest.approx(s[k - 1], rel=1e-7)


def test_page_content_is_the_pieces_together() -> None:
    _, result, rules = _case()
    content = views.page_content(result, 0.9, "zh")
    assert content.rules == rules
    assert content.numbers.at(7) == views.rank_block(result, rules, _t("zh")).at(7)
    assert content.charts.at(7) == views.charts_block(result, rules, _t("zh")).at(7)
    assert content.table == views.rules_table(result, rules, 0.9, _t("zh"))
    assert content.csv == views.curves_csv(result)
    assert len(content.alts) == 40
    assert _reading(result.clean_error[7]) in content.alts[6]


def test_delta_layers_apply_the_rules_without_a_noise_level() -> None:
    deltas = [np.random.default_rng(i).standard_normal((8, 5 + i)) for i in range(2)]
    layers = views.delta_layers(deltas, 0.8)
    assert [(layer.layer, layer.shape) for layer in layers] == [(0, (8, 5)), (1, (8, 6))]
    for layer, delta in zip(layers, deltas, strict=True):
        s = np.linalg.svd(delta, compute_uv=False)
        assert layer.rules == rc.choose(s, delta.shape, 0.8, None)
        assert layer.rules.known is None


def test_pictures_of_the_clean_and_the_noisy_matrix() -> None:
    x, result, _ = _case()
    clean = views.clean_picture(x, "en")
    assert np.array_equal(clean.pixels, np.clip(np.rint(x), 0, 255).astype(np.uint8))
    assert clean.alt == "The clean signal, a 40×60 grey picture of rank 10."
    noisy = views.noisy_picture(result, "en")
    y = x + LEVEL * np.random.default_rng(rc.SEED).standard_normal(x.shape)
    assert np.abs(noisy.pixels.astype(int) - np.clip(np.rint(y), 0, 255)).max() <= 1
    rms = np.sqrt(np.mean((y - x) ** 2))
    assert noisy.alt == (
        f"The picture with Gaussian noise of σ = 4 added: RMS error {_reading(rms)} per entry "
        "against the clean signal."
    )
    k7 = views.rank_k_picture(result, 7)
    u, s, vt = np.linalg.svd(y, full_matrices=False)
    expected = np.clip(np.rint((u[:, :7] * s[:7]) @ vt[:7]), 0, 255)
    assert np.abs(k7.astype(int) - expected).max() <= 1


def test_rules_caption_names_this_shapes_constants() -> None:
    x, result, _ = _case()
    clean, _, _ = _numpy_errors(x, LEVEL)
    beta = 40 / 60
    lam = np.sqrt(2 * (beta + 1) + 8 * beta / (beta + 1 + np.sqrt(beta**2 + 14 * beta + 1)))
    assert views.rules_caption(result, _t("en")).startswith(
        f"Here β = 0.667, λ*(β) = {lam:.4g}, ω(β) = {rc.omega(beta):.4g} (Gavish"
    )
    assert "Keeping everything (k = 40) gives the noise back too: an error of " + _reading(
        clean[40]
    ) in views.rules_caption(result, _t("en"))


def test_delta_verdict_at_exactly_the_margin_is_a_match() -> None:
    from lowrank.lora_compare import MATCH_MARGIN

    rules = rc.choose(np.array([5.0, 2, 1, 0.5]), (4, 10), 0.9, None)
    layers = [views.LayerRules(0, (4, 10), rules)]
    full = ComparisonRow(None, 0.95, 0, 99, 0)
    rows = [ComparisonRow(1, full.accuracy - MATCH_MARGIN, 0, 10, 0), full]
    assert "rank 1 was enough" in views.delta_verdict(layers, 4, rows, _t("en"))
