"""Parameter counts against facts.md's table and the note's 5×4 example, with independent sums."""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lowrank import models
from lowrank.memory import checkpoint_bytes, full_finetune_memory, lora_memory, training_memory
from lowrank.models import MODELS

# facts.md, "Layer sizes for the parameter calculator": base parameters, LoRA r=8 on q+v, share.
FACTS = {
    "gpt2": (124_439_808, 294_912, "0.237%"),
    "bert": (109_482_240, 294_912, "0.269%"),
    "llama2_7b": (6_738_415_616, 4_194_304, "0.062%"),
    "llama3_8b": (8_030_261_248, 3_407_872, "0.042%"),
    "gpt3": (None, 37_748_736, "0.0215%"),  # base: 175,255.8M, checked to its precision below
}


def _share_text(share: float, facts_text: str) -> str:
    decimals = len(facts_text.rstrip("%").split(".")[1])
    return f"{100 * share:.{decimals}f}%"


@pytest.mark.parametrize("key", FACTS)
def test_counts_equal_facts_table(key: str) -> None:
    model = MODELS[key]
    base, lora, share = FACTS[key]
    if base is not None:
        assert models.base_params(model) == base
    assert models.lora_params(model, ("q", "v"), 8) == lora
    assert _share_text(models.share(model, ("q", "v"), 8), share) == share


def test_gpt3_base_to_the_stated_precision() -> None:
    gpt3 = MODELS["gpt3"]
    assert round(models.model_params(gpt3) / 1e5) / 10 == 175_255.8
    assert "Table 4" in gpt3.reported_source


def test_gpt3_config_count_is_the_gpt2_formula() -> None:
    """Brown et al.'s configuration with GPT-2's layout gives 12Ld² + 13Ld + (V + n_ctx)d + 2d.

    That is 174,604.3M, 0.37% below the LoRA paper's 175,255.8M; the page shows both.
    """
    d, layers, vocab, ctx = 12288, 96, 50257, 2048
    expected = 12 * layers * d * d + 13 * layers * d + (vocab + ctx) * d + 2 * d
    assert models.base_params(MODELS["gpt3"]) == expected == 174_604_259_328
    gap = models.model_params(MODELS["gpt3"]) / expected - 1
    assert 0.0037 < gap < 0.0038


def test_llama_counts_by_hand() -> None:
    """Independent sums: embeddings + head, attention, SwiGLU MLP, RMSNorms."""
    d, layers = 4096, 32
    llama2 = 2 * 32000 * d + layers * (4 * d * d + 3 * d * 11008 + 2 * d) + d
    assert models.base_params(MODELS["llama2_7b"]) == llama2
    kv = 8 * 128  # grouped-query attention: 8 key/value heads of width 128
    llama3 = 2 * 128256 * d + layers * (2 * d * d + 2 * kv * d + 3 * d * 14336 + 2 * d) + d
    assert models.base_params(MODELS["llama3_8b"]) == llama3
    assert models.module_shapes(MODELS["llama3_8b"])["v"] == (1024, 4096)


def test_module_shapes_and_targets() -> None:
    gpt2 = models.module_shapes(MODELS["gpt2"])
    assert gpt2 == {
        "q": (768, 768),
        "k": (768, 768),
        "v": (768, 768),
        "o": (768, 768),
        "up": (3072, 768),
        "down": (768, 3072),
    }
    assert "gate" not in MODELS["bert"].targets
    assert "gate" in MODELS["llama2_7b"].targets
    with pytest.raises(ValueError):
        models.lora_params(MODELS["gpt2"], ("gate",), 8)


def test_lora_paper_gpt3_r4_checkpoint() -> None:
    """LoRA §4.2: r = 4 on Wq and Wv; in fp16 that is 37.7 MB (the paper says about 35 MB)."""
    n = models.lora_params(MODELS["gpt3"], ("q", "v"), 4)
    assert n == 4 * 2 * 12288 * 2 * 96 == 18_874_368
    assert checkpoint_bytes(n, "fp16") == 2 * n


def test_the_notes_5_by_4_example() -> None:
    assert models.full_cost(5, 4) == 20
    assert models.factor_costs(5, 4, 2) == (10, 8)  # A 5×2 = 10, B 2×4 = 8
    assert sum(models.factor_costs(5, 4, 2)) == 18 == models.lora_matrix_params(5, 4, 2)
    assert sum(models.factor_costs(5, 4, 3)) == 27 > 20
    assert models.break_even_rank(5, 4) == pytest.approx(20 / 9)
    assert f"{models.break_even_rank(5, 4):.1f}" == "2.2"


@given(st.integers(1, 5000), st.integers(1, 5000), st.integers(1, 512))
def test_break_even_separates_saving_from_losing(d: int, k: int, r: int) -> None:
    saves = models.lora_matrix_params(d, k, r) < models.full_cost(d, k)
    assert saves == (r < models.break_even_rank(d, k))
    assert int(models.cost_curve(d, k, [r])[0]) == sum(models.factor_costs(d, k, r))


def test_where_the_notes_range_comes_from() -> None:
    """0.01%–3%: from GPT-3 with r = 4 on q, v (the paper's checkpoint setting) to small models
    adapting every linear layer at r = 16–32; the full grid spans a wider range than the note."""
    rows = models.share_table()
    shares = {(r.model, r.target_set, r.r): r.share for r in rows}
    assert len(rows) == len(MODELS) * len(models.TARGET_SETS) * len(models.RANKS)
    assert shares["gpt3", "qv", 4] == pytest.approx(0.000108, rel=1e-2)  # ≈ 0.01%
    assert 0.02 < shares["bert", "all", 16] < 0.03  # ≈ 2.4%
    assert 0.03 < shares["gpt2", "all", 32] < 0.045  # just above 3%
    low, high = min(shares.values()), max(shares.values())
    assert low == shares["gpt3", "qv", 1] and low < 0.0001
    assert high == shares["bert", "all", 64] and high > 0.03
    inside = [s for s in shares.values() if 0.0001 <= s <= 0.03]
    assert len(inside) > len(rows) / 2


def test_memory_full_vs_lora_gpt3_fp16() -> None:
    """LoRA §4.2 reports 1.2 TB → 350 GB; weights alone are 175.3B × 2 bytes = 350.5 GB."""
    gpt3 = MODELS["gpt3"]
    p = models.model_params(gpt3)
    full = full_finetune_memory(gpt3, "fp16")
    assert (full.weights, full.gradients, full.optimizer) == (2 * p, 2 * p, 4 * p)
    lora = lora_memory(gpt3, ("q", "v"), 4, "fp16")
    n = models.lora_params(gpt3, ("q", "v"), 4)
    assert lora.total == 2 * (p + n) + 2 * n + 4 * n
    assert 350e9 < lora.total < 351e9
    mixed = full_finetune_memory(gpt3, "mixed")
    assert mixed.total == 16 * p  # ZeRO's 2 + 2 + 12 bytes per parameter


def test_module_table_band_summary_and_csv() -> None:
    table = models.module_table(MODELS["llama3_8b"], ("q", "v"), 8)
    assert [row.module for row in table] == ["q", "k", "v", "o", "gate", "up", "down"]
    chosen = [row for row in table if row.chosen]
    assert sum(row.lora for row in chosen) * 32 == 3_407_872
    assert table[1].full == 1024 * 4096 and table[1].lora == 8 * (1024 + 4096)
    rows = models.share_table()
    low, high, inside = models.band_summary(rows, 0.0001, 0.03)
    assert low.share == min(r.share for r in rows) and high.share == max(r.share for r in rows)
    assert inside == sum(0.0001 <= r.share <= 0.03 for r in rows)
    text = models.rows_csv(table).splitlines()
    assert text[0] == "module,d_out,d_in,full,lora,chosen"
    assert text[3] == "v,1024,4096,4194304,40960,True"


@pytest.mark.parametrize(
    ("n", "text"),
    [(350_511_600_000, "350.5 GB"), (37_748_736, "37.7 MB"), (1.2e12, "1.2 TB"), (999, "999 B")],
)
def test_human_bytes(n: float, text: str) -> None:
    assert models.human_bytes(n) == text


def test_human_count_matches_the_papers_style() -> None:
    assert models.human_count(models.model_params(MODELS["gpt3"])) == "175,255.8M"
    assert models.human_count(models.base_params(MODELS["gpt2"])) == "124.4M"
    assert models.human_count(294_912) == "294,912"


def test_reported_gap_is_published_over_counted_minus_one() -> None:
    gpt3 = MODELS["gpt3"]
    assert models.reported_gap(gpt3) == pytest.approx(
        175_255_800_000 / models.base_params(gpt3) - 1, rel=1e-12
    )
    assert 0 < models.reported_gap(gpt3) < 0.01  # the config reproduces it to within 1%
    assert models.reported_gap(MODELS["gpt2"]) is None


def test_a_model_with_both_norms_counts_each() -> None:
    gpt2 = MODELS["gpt2"]
    both = dataclasses.replace(gpt2, embedding_norm=True)
    assert models.base_params(both) == models.base_params(gpt2) + 2 * gpt2.hidden
    neither = dataclasses.replace(gpt2, final_norm=False)
    assert models.base_params(neither) == models.base_params(gpt2) - 2 * gpt2.hidden


def test_reduction_and_matrix_share_exactly() -> None:
    bert = MODELS["bert"]
    lora = models.lora_params(bert, ("q", "v"), 8)
    assert models.reduction(bert, ("q", "v"), 8) == models.model_params(bert) / lora
    assert models.matrix_share(5, 4, 2) == 18 / 20
    assert models.matrix_share(768, 3072, 4) == 4 * (768 + 3072) / (768 * 3072)


@pytest.mark.parametrize(("d", "k"), [(5, 4), (4, 4), (1, 1), (3, 7), (768, 3072), (14336, 14336)])
def test_first_losing_rank_is_the_ceiling_of_dk_over_d_plus_k(d: int, k: int) -> None:
    r = models.first_losing_rank(d, k)
    assert r == math.ceil(Fraction(d * k, d + k))
    assert r * (d + k) >= d * k > (r - 1) * (d + k)


@pytest.mark.parametrize(("d", "k", "top"), [(3, 5, 3), (64, 100, 64), (1, 1, 1)])
def test_small_deltas_offer_every_rank(d: int, k: int, top: int) -> None:
    assert models.rank_options(d, k) == tuple(range(1, top + 1))


def test_large_deltas_offer_fine_then_coarse_ranks() -> None:
    fine = tuple(range(1, 65))
    assert models.rank_options(65, 65) == (*fine, 65)  # break-even 32.5 sits among the fine ranks
    big = models.rank_options(14336, 14336)  # the docstring's 74 stops
    assert big == (*fine, 128, 256, 512, 1024, 2048, 4096, 7167, 7168, 8192, 14336)
    assert len(big) == 74


def test_fp32_training_memory() -> None:
    memory = training_memory(total=1000, trainable=10, extra=10, precision="fp32")
    assert (memory.weights, memory.gradients, memory.optimizer) == (1010 * 4, 10 * 4, 10 * 8)


def test_the_notes_example_is_5_by_4_at_rank_2() -> None:
    assert models.NOTE_EXAMPLE == (5, 4, 2)


def test_band_summary_counts_the_band_inclusively() -> None:
    rows = [models.ShareRow("m", "qv", r, 0, share) for r, share in enumerate([0.1, 0.2, 0.3])]
    low, high, inside = models.band_summary(rows, 0.1, 0.3)
    assert (low.share, high.share, inside) == (0.1, 0.3, 3)


@pytest.mark.parametrize(
    ("n", "text"), [(999_999, "999,999"), (1_000_000, "1.0M"), (1_000_001, "1.0M")]
)
def test_human_count_switches_to_millions_at_exactly_one_million(n: int, text: str) -> None:
    assert models.human_count(n) == text


@pytest.mark.parametrize(("n", "text"), [(999, "999 B"), (1000, "1.0 kB"), (1e12, "1.0 TB")])
def test_human_bytes_at_unit_boundaries(n: float, text: str) -> None:
    assert models.human_bytes(n) == text


def test_gpt3_reported_total_is_the_lora_papers() -> None:
    assert MODELS["gpt3"].reported_params == 175_255_800_000  # Hu et al. 2021, Table 4


def test_rows_csv_of_one_row() -> None:
    row = models.ShareRow("gpt2", "qv", 4, 10, 0.5)
    assert models.rows_csv([row]) == "model,target_set,r,trainable,share\ngpt2,qv,4,10,0.5\n"


@pytest.mark.parametrize(("r", "nearest"), [(5, 4), (6, 4), (3, 2), (100, 8), (0, 1)])
def test_nearest_rank_takes_the_smaller_on_a_tie(r: int, nearest: int) -> None:
    assert models.nearest_rank((1, 2, 4, 8), r) == nearest


def test_rank_options_never_repeat_the_last_fine_rank() -> None:
    # 129×129: break-even 64.5, so the last saving rank is 64, already a fine rank
    assert models.rank_options(129, 129) == (*range(1, 65), 65, 128, 129)


def test_size_choices_are_every_small_size_from_2_then_ascending_widths() -> None:
    sizes = models.SIZE_CHOICES
    assert sizes[:15] == tuple(range(2, 17))
    assert all(size % 4 == 0 for size in sizes[15:])  # real layer widths: 20, 24, …, 14336
    assert list(sizes) == sorted(set(sizes))
