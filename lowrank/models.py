"""Parameter counts of real transformer models and what LoRA trains, stores and keeps in memory.

Every count is computed from the model's published configuration (hidden size, layers, heads,
key/value heads, vocabulary, intermediate size, positions...), never typed in. Matrix shapes are
(d_out, d_in), as in PyTorch and in :mod:`lowrank.finetune`: a layer computes y = W x with
W ∈ ℝ^{d_out × d_in}. LoRA adapts W with a rank-r product and trains r(d_in + d_out) numbers
instead of d_in · d_out (Hu et al., 2021, Eq. 3). What training and checkpoints take in bytes is
:mod:`lowrank.memory`.

The note's letters: ΔW (d×k) = A (d×r) × B (r×k), so d = d_out and k = d_in here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Literal

import numpy as np

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Norm = Literal["layernorm", "rmsnorm"]

#: Every module LoRA can adapt, in the order the page lists them.
TARGETS: tuple[str, ...] = ("q", "k", "v", "o", "gate", "up", "down")
#: Target presets: the LoRA paper's and PEFT's default (q, v), all attention, every linear layer.
TARGET_SETS: dict[str, tuple[str, ...]] = {
    "qv": ("q", "v"),
    "attention": ("q", "k", "v", "o"),
    "all": TARGETS,
}
#: Ranks used when the page explains the note's "0.01%–3%" range.
RANKS: tuple[int, ...] = (1, 2, 4, 8, 16, 32, 64)
#: Ranks offered by the real-models slider (the LoRA paper tries 1 to 64; 256 shows the trend).
LORA_RANKS: tuple[int, ...] = (1, 2, 4, 8, 16, 32, 64, 128, 256)


@dataclass(frozen=True)
class ModelConfig:
    """The published configuration values that fix a transformer's parameter count."""

    key: str
    name: str
    hidden: int  # d_model
    layers: int
    heads: int
    kv_heads: int  # < heads for grouped-query attention
    vocab: int
    intermediate: int  # width of the MLP
    positions: int  # learned absolute position embeddings (0 with rotary embeddings)
    type_vocab: int  # BERT's token-type (segment) embeddings, 0 otherwise
    bias: bool  # linear layers carry a bias vector
    norm: Norm  # LayerNorm has a scale and a shift (2d numbers); RMSNorm only a scale (d)
    gated_mlp: bool  # SwiGLU MLP: gate, up and down; otherwise up and down
    lm_head: bool  # a separate output matrix (not tied to the input embeddings)
    embedding_norm: bool  # a norm right after the embeddings (BERT)
    final_norm: bool  # a norm after the last layer (GPT-2, LLaMA)
    pooler: bool  # BERT's pooler: one d×d dense layer with bias
    source: str
    reported_params: int | None = None  # a published total that the config does not reproduce
    reported_source: str = ""

    @property
    def head_dim(self) -> int:
        """Width of one attention head."""
        return self.hidden // self.heads

    @property
    def targets(self) -> tuple[str, ...]:
        """The modules this model has (no gate without a gated MLP)."""
        return tuple(t for t in TARGETS if t != "gate" or self.gated_mlp)


# fmt: off
MODELS: dict[str, ModelConfig] = {
    m.key: m
    for m in (
        ModelConfig(
            "gpt2", "GPT-2 small", hidden=768, layers=12, heads=12, kv_heads=12, vocab=50257,
            intermediate=3072, positions=1024, type_vocab=0, bias=True, norm="layernorm",
            gated_mlp=False, lm_head=False, embedding_norm=False, final_norm=True, pooler=False,
            source="Hugging Face gpt2/config.json (n_embd, n_layer, n_head, n_positions)",
        ),
        ModelConfig(
            "bert", "BERT-base uncased", hidden=768, layers=12, heads=12, kv_heads=12, vocab=30522,
            intermediate=3072, positions=512, type_vocab=2, bias=True, norm="layernorm",
            gated_mlp=False, lm_head=False, embedding_norm=True, final_norm=False, pooler=True,
            source="Hugging Face bert-base-uncased/config.json (BertModel with pooler)",
        ),
        ModelConfig(
            "llama2_7b", "LLaMA-2-7B", hidden=4096, layers=32, heads=32, kv_heads=32, vocab=32000,
            intermediate=11008, positions=0, type_vocab=0, bias=False, norm="rmsnorm",
            gated_mlp=True, lm_head=True, embedding_norm=False, final_norm=True, pooler=False,
            source="meta-llama/Llama-2-7b-hf config.json",
        ),
        ModelConfig(
            "llama3_8b", "LLaMA-3-8B", hidden=4096, layers=32, heads=32, kv_heads=8, vocab=128256,
            intermediate=14336, positions=0, type_vocab=0, bias=False, norm="rmsnorm",
            gated_mlp=True, lm_head=True, embedding_norm=False, final_norm=True, pooler=False,
            source="meta-llama/Meta-Llama-3-8B config.json (num_key_value_heads = 8)",
        ),
        ModelConfig(
            "gpt3", "GPT-3 175B", hidden=12288, layers=96, heads=96, kv_heads=96, vocab=50257,
            intermediate=4 * 12288, positions=2048, type_vocab=0, bias=True, norm="layernorm",
            gated_mlp=False, lm_head=False, embedding_norm=False, final_norm=True, pooler=False,
            source="Brown et al. 2020, Table 2.1 (GPT-2 layout, d_ff = 4·d_model, n_ctx 2048)",
            reported_params=175_255_800_000,
            reported_source="Hu et al. 2021, LoRA, Table 4",
        ),
    )
}
# fmt: on


def module_shapes(model: ModelConfig) -> dict[str, tuple[int, int]]:
    """(d_out, d_in) of each linear module in one layer; k and v shrink with grouped-query heads."""
    d, kv = model.hidden, model.kv_heads * model.head_dim
    shapes = {"q": (d, d), "k": (kv, d), "v": (kv, d), "o": (d, d)}
    if model.gated_mlp:
        shapes["gate"] = (model.intermediate, d)
    shapes["up"] = (model.intermediate, d)
    shapes["down"] = (d, model.intermediate)
    return shapes


def _norm_params(model: ModelConfig) -> int:
    return (2 if model.norm == "layernorm" else 1) * model.hidden


def layer_params(model: ModelConfig) -> int:
    """Parameters of one transformer block: linear weights (and biases) plus its two norms."""
    shapes = module_shapes(model).values()
    weights = sum(out * inp for out, inp in shapes)
    biases = sum(out for out, _ in shapes) if model.bias else 0
    return weights + biases + 2 * _norm_params(model)


def base_params(model: ModelConfig) -> int:
    """Total parameters computed from the configuration: embeddings, blocks, norms, head, pooler."""
    d = model.hidden
    total = (model.vocab + model.positions + model.type_vocab) * d
    total += model.layers * layer_params(model)
    total += _norm_params(model) * (int(model.embedding_norm) + int(model.final_norm))
    total += model.vocab * d if model.lm_head else 0
    total += d * d + d if model.pooler else 0
    return total


def model_params(model: ModelConfig) -> int:
    """The total that shares are taken of: the published figure where one exists, else the count."""
    return model.reported_params if model.reported_params is not None else base_params(model)


def lora_matrix_params(d_out: int, d_in: int, r: int) -> int:
    """Numbers LoRA trains for one d_out × d_in matrix at rank r: r(d_in + d_out)."""
    return int(r) * (int(d_in) + int(d_out))


def lora_params(model: ModelConfig, targets: Iterable[str], r: int) -> int:
    """Trainable LoRA parameters when every layer's chosen modules get rank-r factors."""
    shapes = module_shapes(model)
    chosen = set(targets)
    unknown = chosen - set(shapes)
    if unknown:
        raise ValueError(f"{model.name} has no module {sorted(unknown)}")
    per_layer = sum(lora_matrix_params(*shapes[t], r) for t in shapes if t in chosen)
    return model.layers * per_layer


@dataclass(frozen=True)
class ModuleRow:
    """One linear module of a layer: its shape, its size, and what LoRA trains for it."""

    module: str
    d_out: int
    d_in: int
    full: int  # d_out · d_in
    lora: int  # r(d_in + d_out)
    chosen: bool


def module_table(model: ModelConfig, targets: Iterable[str], r: int) -> list[ModuleRow]:
    """Every module of one layer, with full and LoRA sizes at rank r and whether it is adapted."""
    chosen = set(targets)
    return [
        ModuleRow(name, out, inp, out * inp, lora_matrix_params(out, inp, r), name in chosen)
        for name, (out, inp) in module_shapes(model).items()
    ]


def share(model: ModelConfig, targets: Iterable[str], r: int) -> float:
    """LoRA's trainable parameters as a fraction of the model's parameters."""
    return lora_params(model, targets, r) / model_params(model)


def reduction(model: ModelConfig, targets: Iterable[str], r: int) -> float:
    """How many times fewer parameters LoRA trains than full fine-tuning."""
    return model_params(model) / lora_params(model, targets, r)


def reported_gap(model: ModelConfig) -> float | None:
    """Published total over the configuration's count, minus 1 (None without a published total)."""
    if model.reported_params is None:
        return None
    return model.reported_params / base_params(model) - 1


#: The note's range for the trainable share, "0.01%～3%", as fractions.
NOTE_BAND: tuple[float, float] = (0.0001, 0.03)


@dataclass(frozen=True)
class ShareRow:
    """One line of the table behind the note's "0.01%–3%"."""

    model: str
    target_set: str
    r: int
    trainable: int
    share: float


def share_table(
    models: Iterable[ModelConfig] = MODELS.values(),
    target_sets: dict[str, tuple[str, ...]] = TARGET_SETS,
    ranks: Sequence[int] = RANKS,
) -> list[ShareRow]:
    """Trainable share for each model × target preset × rank (skipping targets a model lacks)."""
    rows = []
    for model in models:
        for set_key, targets in target_sets.items():
            present = [t for t in targets if t in model.targets]
            for r in ranks:
                n = lora_params(model, present, r)
                rows.append(ShareRow(model.key, set_key, int(r), n, n / model_params(model)))
    return rows


def band_summary(
    rows: Sequence[ShareRow], low: float, high: float
) -> tuple[ShareRow, ShareRow, int]:
    """The smallest and largest share in ``rows`` and how many rows fall in [low, high]."""
    ordered = sorted(rows, key=lambda row: row.share)
    inside = sum(low <= row.share <= high for row in rows)
    return ordered[0], ordered[-1], inside


def rows_csv(rows: Sequence[DataclassInstance]) -> str:
    """CSV of dataclass rows (ShareRow, ModuleRow...), one line each, field names as header."""
    out = io.StringIO()
    names = [f.name for f in fields(rows[0])] if rows else []
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([getattr(row, name) for name in names] for row in rows)
    return out.getvalue()


#: Sizes offered by the d and k sliders: every small size from 2, then widths of real layers.
# fmt: off
SIZE_CHOICES: tuple[int, ...] = (
    *range(2, 17), 20, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072,
    4096, 8192, 11008, 12288, 14336,
)
# fmt: on


# --- the note's d×k example and the break-even rank -------------------------------------------

#: The note's worked example: ΔW of 5×4 written as A (5×2) × B (2×4).
NOTE_EXAMPLE: tuple[int, int, int] = (5, 4, 2)


def full_cost(d: int, k: int) -> int:
    """Numbers in a full d×k update ΔW."""
    return int(d) * int(k)


def factor_costs(d: int, k: int, r: int) -> tuple[int, int]:
    """Numbers in the note's A (d×r) and B (r×k)."""
    return int(d) * int(r), int(r) * int(k)


def matrix_share(d: int, k: int, r: int) -> float:
    """A + B as a fraction of the full ΔW: r(d + k) / dk."""
    return lora_matrix_params(d, k, r) / full_cost(d, k)


def break_even_rank(d: int, k: int) -> float:
    """The rank where r(d + k) = dk; LoRA stores fewer numbers exactly when r < dk/(d + k)."""
    return d * k / (d + k)


def first_losing_rank(d: int, k: int) -> int:
    """The smallest r with r(d + k) ≥ dk, i.e. ⌈dk/(d + k)⌉ (exact integer arithmetic): from
    this rank on, A and B hold no fewer numbers than ΔW."""
    return -(-int(d) * int(k) // (int(d) + int(k)))


def nearest_rank(options: Sequence[int], r: int) -> int:
    """The option closest to r (the smaller one on a tie)."""
    return min(options, key=lambda option: (abs(option - r), option))


#: Up to this rank the "any size" slider offers every r; above it, a coarser set (rank_options).
FINE_RANKS = 64


def rank_options(d: int, k: int) -> tuple[int, ...]:
    """The ranks the "any size" slider offers for a d×k ΔW, ascending.

    Every r from 1 to min(d, k) when min(d, k) ≤ :data:`FINE_RANKS`; otherwise every r up to
    FINE_RANKS, then the powers of two below min(d, k), the last rank that still saves and the
    first that does not (the integers either side of the break-even rank dk/(d + k)), and
    min(d, k) itself. A 14336×14336 ΔW gets 74 stops instead of 14336.
    """
    top = min(int(d), int(k))
    if top <= FINE_RANKS:
        return tuple(range(1, top + 1))
    first_loss = first_losing_rank(d, k)
    coarse = {2**i for i in range(FINE_RANKS.bit_length(), top.bit_length())}
    coarse |= {first_loss - 1, first_loss, top}
    return tuple(range(1, FINE_RANKS + 1)) + tuple(
        sorted(r for r in coarse if FINE_RANKS < r <= top)
    )


def cost_curve(d: int, k: int, ranks: Sequence[int] | np.ndarray) -> np.ndarray:
    """r(d + k) for each rank r (integers)."""
    return np.asarray(ranks, dtype=np.int64) * (int(d) + int(k))


def human_count(n: int) -> str:
    """A parameter count as papers write it: 124.4M, 175,255.8M (exact below a million)."""
    return f"{n / 1e6:,.1f}M" if n >= 1_000_000 else f"{n:,}"


def human_bytes(n: float) -> str:
    """Bytes in decimal units (kB, MB, GB, TB), as papers and disks count them."""
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if abs(n) >= size:
            return f"{n / size:,.1f} {unit}"
    return f"{int(n)} B"
