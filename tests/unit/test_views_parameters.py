"""/parameters' blocks at every stop of its two rank sliders, against independent arithmetic:
counts from array shapes and plain integers, the picture's shapes read back, the memory by hand."""

from __future__ import annotations

import itertools
import json
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lowrank import i18n, models
from lowrank.memory import PRECISIONS, lora_memory
from lowrank.views.block import Picture
from lowrank.views.parameter_blocks import (
    CELL_GRID_MAX,
    MIN_SIDE_PX,
    blocks_picture,
    blocks_scale,
    blocks_title,
    svg_data_url,
    svg_document,
)
from lowrank.views.parameter_figures import (
    MEMORY_HEADROOM,
    MEMORY_LEFT,
    MEMORY_WIDTH,
    cost_chart,
    memory_picture,
)
from lowrank.views.parameters import (
    model_blocks,
    model_texts,
    modules_table,
    size_block,
    size_texts,
)
from lowrank.views.positions import Positions

SVG = "{http://www.w3.org/2000/svg}"
SIZES = st.sampled_from(models.SIZE_CHOICES)
#: Sizes that cover the cell grid, to scale, the coarse stops and very flat or tall ΔW.
CASES = [(5, 4), (2, 2), (24, 24), (16, 7), (64, 64), (96, 11), (4096, 4096), (4096, 14336),
         (14336, 2), (14336, 14336)]  # fmt: skip


def count(*shape: int) -> int:
    """Numbers in a matrix of this shape, read from an array's shape (no memory is used)."""
    return int(np.broadcast_to(np.float32(0), shape).size)


# --- the r slider's stops ----------------------------------------------------------------------


@given(SIZES, SIZES)
def test_rank_stops_are_every_small_rank_then_coarse(d: int, k: int) -> None:
    ranks = models.rank_options(d, k)
    top = min(d, k)
    assert list(ranks) == sorted(set(ranks)) and ranks[0] == 1 and ranks[-1] == top
    assert set(range(1, min(top, 64) + 1)) <= set(ranks)
    if top <= 64:
        assert len(ranks) == top
        return
    assert {2**i for i in range(20) if 2**i <= top} <= set(ranks)
    assert len(ranks) <= 64 + 14 + 3  # 74 at most for these sizes, never thousands
    # the last saving rank and the first losing one, by integer comparisons alone
    saving = [r for r in range(1, top + 1) if r * (d + k) < d * k]
    last = saving[-1] if saving else 0
    assert {r for r in (last, last + 1) if 1 <= r <= top} <= set(ranks)
    assert models.first_losing_rank(d, k) == last + 1


def test_nearest_rank_prefers_the_smaller_on_a_tie() -> None:
    ranks = models.rank_options(4096, 4096)  # ..., 1024, 2047, 2048, 4096
    assert models.nearest_rank(ranks, 1500) == 1024
    assert models.nearest_rank(ranks, 3072) == 2048  # 1024 away from 2048 and from 4096
    assert models.nearest_rank(ranks, 90) == 64 and models.nearest_rank(ranks, 100) == 128
    assert models.nearest_rank(ranks, 5000) == 4096


# --- the "any size" texts and picture at every stop --------------------------------------------


def _t(key: str, lang: str = "en", **fields: object) -> str:
    return i18n.t(key, lang, **fields)


@pytest.mark.parametrize(("d", "k"), CASES)
def test_size_block_at_every_stop_matches_the_shapes(d: int, k: int) -> None:
    block = size_block(d, k, "en")
    ranks = models.rank_options(d, k)
    assert block.positions == Positions(0, 1, len(ranks))
    for i, r in enumerate(ranks):
        a, b, full = count(d, r), count(r, k), count(d, k)
        shown = block.at(i)
        assert shown["metrics"] == {
            _t("s2.par.m_full"): f"{full:,}",
            _t("s2.par.m_a"): f"{a:,}",
            _t("s2.par.m_b"): f"{b:,}",
            _t("s2.par.m_total"): f"{a + b:,}",
        }
        assert f"{a + b:,}" == f"{r * (d + k):,}"
        (verdict,) = shown["sentences"]
        assert verdict == size_texts(d, k, r, "en")["verdict"]
        saves = a + b < full
        assert verdict.startswith("**✅" if saves else "**⚖️")
        sign = "<" if saves else "≥"
        assert f"r = {r} {sign} {d * k / (d + k):.1f}" in verdict
        assert f"{a + b:,}" in verdict and f"{full:,}" in verdict
        assert "100.0%" not in verdict  # 99.9% of ΔW is still a (small) saving
        assert shown["marks"] == [float(r)] and shown["mark_labels"] == [f"r = {r}"]
        (alt,) = shown["alts"]
        assert f"now r = {r}, A + B hold {a + b:,}." in alt and f"ΔW's {full:,}" in alt
        ((_, picture_alt),) = shown["pictures"]
        assert picture_alt == _t("par.blocks_alt", d=d, k=k, r=r, full=f"{full:,}", a=f"{a:,}",
                                 b=f"{b:,}", total=f"{a + b:,}")  # fmt: skip
    assert len(json.dumps(block.payload())) < 160_000  # sent on every run: kept small


def test_the_notes_example_and_both_languages() -> None:
    assert size_texts(5, 4, 2, "en") == {
        "a": "10",
        "b": "8",
        "total": "18",
        "verdict": i18n.t("par.saves", "en", r=2, value="2.2", lora="18", full="20", share="90.0%"),
    }
    zh = size_texts(5, 4, 3, "zh")["verdict"]
    assert zh == i18n.t("par.loses", "zh", r=3, value="2.2", lora="27", full="20")
    assert zh.startswith("**⚖️ 不省**：r = 3")


def _boxes(picture: Picture, i: int) -> list[tuple[float, ...]]:
    rects = [dict(s.attributes) for s in picture.shapes[i] if s.tag == "rect"]
    return [tuple(float(r[name]) for name in ("x", "y", "width", "height")) for r in rects]


@pytest.mark.parametrize(("d", "k"), CASES)
def test_pictures_are_boxes_to_scale_with_their_labels(d: int, k: int) -> None:
    ranks = models.rank_options(d, k)
    picture = blocks_picture(d, k, ranks, "en")
    scale = blocks_scale(d, k, ranks[-1])
    grid = max(d, k) <= CELL_GRID_MAX
    assert len(picture.shapes) == len(ranks) and picture.title == blocks_title(d, k, "en")
    for i, r in enumerate(ranks):
        boxes = _boxes(picture, i)
        assert len(boxes) == 3  # ΔW, A, B
        for (rows, cols), (x, y, w, h) in zip(((d, k), (d, r), (r, k)), boxes, strict=True):
            assert w == pytest.approx(max(cols * scale, MIN_SIDE_PX), abs=0.06)
            assert h == pytest.approx(max(rows * scale, MIN_SIDE_PX), abs=0.06)
            assert x >= 0 and x + w <= picture.width and y >= 0 and y + h <= picture.height
        assert boxes[0][0] + boxes[0][2] < boxes[1][0] < boxes[1][0] + boxes[1][2] < boxes[2][0]
        texts = [s.text for s in picture.shapes[i] if s.tag == "text"]
        for name, rows, cols in (("ΔW", d, k), ("A", d, r), ("B", r, k)):
            at = texts.index(name)
            assert texts[at + 1 : at + 3] == [f"{rows:,}×{cols:,}", f"= {count(rows, cols):,}"]
        assert "=" in texts and "×" in texts
        paths = [dict(s.attributes)["d"] for s in picture.shapes[i] if s.tag == "path"]
        if grid:  # one inner line per row and per column boundary
            inner = sum(path.count("M") for path in paths)
            assert inner == sum(rows - 1 + cols - 1 for rows, cols in ((d, k), (d, r), (r, k)))
        else:
            assert not paths


def test_picture_titles_say_cells_or_to_scale_and_the_notes_picture_is_an_svg() -> None:
    assert blocks_title(5, 4, "en") == i18n.t("par.blocks_cells", "en")
    assert "3" in blocks_title(4096, 4096, "zh") and "按比例" in blocks_title(4096, 4096, "zh")
    picture = blocks_picture(5, 4, (2,), "en")
    url = svg_data_url(svg_document(picture, 0))
    prefix = "data:image/svg+xml;charset=utf-8,"
    assert url.startswith(prefix) and "#" not in url
    svg = ET.fromstring(unquote(url[len(prefix) :]))
    assert svg.get("font-family").startswith("Noto Sans CJK SC")
    assert svg.get("viewBox") == f"0 0 {picture.width} {picture.height}"
    assert len(svg.findall(f"{SVG}rect")) == 3
    labels = [t.text for t in svg.findall(f"{SVG}text")]
    assert labels == [s.text for s in picture.shapes[0] if s.tag == "text"]
    assert "ΔW" in labels and "5×2" in labels and "= 10" in labels


@pytest.mark.parametrize(("d", "k"), [(5, 4), (24, 24), (64, 64), (4096, 14336), (14336, 14336)])
def test_the_cost_chart_holds_every_stop_and_the_full_count(d: int, k: int) -> None:
    chart = cost_chart(d, k, "en")
    ranks = models.rank_options(d, k)
    (curve,) = chart.series
    top = min(d, k) * (d + k)
    unit = 1.0 if top < 1e4 else 1e3 if top < 1e7 else 1e6
    axis = {1.0: "s2.par.cost_y", 1e3: "par.cost_y_thousands", 1e6: "par.cost_y_millions"}[unit]
    assert chart.y_label == _t(axis)
    assert curve.x == (0.0, *map(float, ranks))
    assert curve.y == pytest.approx([r * (d + k) / unit for r in (0, *ranks)], rel=1e-12)
    assert curve.hover[-1] == f"r = {min(d, k)}: {top:,}"
    (level,) = chart.levels
    assert level.y == pytest.approx(d * k / unit) and level.label == f"full ΔW: d·k = {d * k:,}"
    (line,) = chart.lines
    assert line.x == pytest.approx(d * k / (d + k))
    assert f"= {d * k / (d + k):.1f}" in chart.title
    assert chart.mark == tuple(map(float, ranks))
    payload = chart.payload()
    low, high = payload["yRange"]
    assert low <= 0 and high >= top / unit  # every point and the level show


# --- the real models at every LoRA rank --------------------------------------------------------


def _shapes(model: models.ModelConfig) -> dict[str, tuple[int, int]]:
    """(d_out, d_in) per module, written out from the configuration (not module_shapes)."""
    d, kv, ff = model.hidden, model.kv_heads * (model.hidden // model.heads), model.intermediate
    shapes = {"q": (d, d), "k": (kv, d), "v": (kv, d), "o": (d, d), "up": (ff, d), "down": (d, ff)}
    if model.gated_mlp:
        shapes["gate"] = (ff, d)
    return shapes


TARGET_CHOICES = [("q", "v"), ("q", "k", "v", "o"), models.TARGETS, ("down",)]


@pytest.mark.parametrize("key", list(models.MODELS))
@pytest.mark.parametrize("targets", TARGET_CHOICES)
@pytest.mark.parametrize("precision", list(PRECISIONS))
def test_model_blocks_at_every_rank_by_hand(key: str, targets: tuple, precision: str) -> None:
    model = models.MODELS[key]
    chosen = [t for t in targets if t in model.targets]
    shapes = _shapes(model)
    total = model.reported_params or models.base_params(model)
    configured = models.model_params(model)  # what the memory counts: the configuration's
    p = PRECISIONS[precision]
    blocks = model_blocks(key, chosen, precision, "en")
    for block in (blocks.table, blocks.counts, blocks.memory, blocks.memory_numbers):
        assert block.positions == Positions(0, 1, len(models.LORA_RANKS))
    full_memory = configured * (p.weight + p.grad + p.adam)
    for i, r in enumerate(models.LORA_RANKS):
        per_module = {t: r * (shapes[t][0] + shapes[t][1]) for t in models.TARGETS if t in chosen}
        per_layer = sum(per_module.values())
        n = model.layers * per_layer
        texts = model_texts(key, chosen, r, precision, "en")
        (sentence,) = blocks.table.at(i)["sentences"]
        assert sentence == texts["per_layer"]
        terms = " + ".join(f"{t} {v:,}" for t, v in per_module.items())
        assert f"**{terms} = {per_layer:,}**" in sentence
        assert f"{model.layers} layers: **{n:,}**" in sentence
        counts = blocks.counts.at(i)
        trainable = f"{n / 1e6:,.1f}M" if n >= 1e6 else f"{n:,}"
        assert counts["metrics"] == {
            _t("s2.par.m_base"): f"{configured / 1e6:,.1f}M",
            _t("s2.par.m_trainable"): trainable,
            _t("s2.par.m_share"): f"{100 * n / total:.4f}%",
            _t("s2.par.m_fewer"): f"{total / n:,.0f}× fewer",
        }
        if model.reported_params is None:
            exact = i18n.t("s2.par.exact", "en", total=f"{total:,}", trainable=f"{n:,}")
        else:  # GPT-3: the paper's rounded figure is not called exact; the config's count beside
            computed = f"{models.base_params(model):,}"
            exact = i18n.t(
                "s2.par.exact_reported",
                "en",
                total=f"{total:,}",
                computed=computed,
                trainable=f"{n:,}",
            )
            assert "Exact" not in exact and computed in exact
        assert counts["sentences"] == [exact] and texts["exact"] == exact
        assert blocks.counts.sentences[0].caption
        memory = (configured + n) * p.weight + n * (p.grad + p.adam)
        assert blocks.memory_numbers.at(i)["metrics"] == {
            _t("s2.par.m_memory_full"): models.human_bytes(full_memory),
            _t("s2.par.m_memory_lora"): models.human_bytes(memory),
            _t("s2.par.m_ckpt_full"): models.human_bytes(configured * p.weight),
            _t("s2.par.m_ckpt_lora"): models.human_bytes(n * p.weight),
        }
        ((drawn, alt),) = blocks.memory.at(i)["pictures"]
        lora_label = next(shape.text for shape in drawn if shape.text.startswith("LoRA"))
        assert lora_label == f"LoRA, r = {r}: {models.human_bytes(memory)}"
        assert alt.startswith(f"Training memory as two stacked bars: LoRA at r = {r} needs "
                              f"{models.human_bytes(memory)}, of which the frozen weights are "
                              f"{models.human_bytes(configured * p.weight)}")  # fmt: skip
        assert f"full fine-tuning needs {models.human_bytes(full_memory)}" in alt


def _bars(shapes) -> list[list[float]]:
    """The widths of each stacked bar's rects (by their top), top bar first."""
    tops: dict[str, list[float]] = {}
    for shape in shapes:
        attributes = dict(shape.attributes)
        if shape.tag == "rect" and attributes["height"] != "12":  # not a legend swatch
            tops.setdefault(attributes["y"], []).append(float(attributes["width"]))
    return [tops[y] for y in sorted(tops, key=float)]


@pytest.mark.parametrize("key", list(models.MODELS))
@pytest.mark.parametrize("precision", list(PRECISIONS))
def test_memory_bars_by_hand(key: str, precision: str) -> None:
    """Each bar's parts are weights, gradients and Adam state in bytes × one scale: LoRA's
    weights are the whole model's plus A and B, its gradients and Adam state A and B's only."""
    model = models.MODELS[key]
    picture = memory_picture(key, model.targets, precision, "en")
    p = PRECISIONS[precision]
    configured = models.model_params(model)
    full_bytes = configured * (p.weight + p.grad + p.adam)
    scale = (MEMORY_WIDTH - MEMORY_LEFT - 4) / (MEMORY_HEADROOM * full_bytes)
    for shapes, r in zip(picture.shapes, models.LORA_RANKS, strict=True):
        n = models.lora_params(model, model.targets, r)
        lora, full = _bars(shapes)
        expected_lora = [(configured + n) * p.weight, n * p.grad, n * p.adam]
        expected_full = [configured * p.weight, configured * p.grad, configured * p.adam]
        assert lora == pytest.approx([b * scale for b in expected_lora], abs=0.05)
        assert full == pytest.approx([b * scale for b in expected_full], abs=0.05)
        assert MEMORY_LEFT + sum(full) <= MEMORY_WIDTH - 4  # the longer bar inside the box
    axis = [s.text for s in picture.shapes[0] if dict(s.attributes).get("text-anchor") == "middle"]
    assert axis[0] == "0 GB" and len(axis) >= 2


@pytest.mark.parametrize("key", list(models.MODELS))
def test_loras_gradient_and_adam_parts_grow_with_r_and_with_the_matrices(key: str) -> None:
    """What the caption says of the upper bar: its gradient and Adam parts grow with r, and
    with more matrices adapted at the same r."""

    model = models.MODELS[key]

    def trained_parts(targets) -> list[tuple[int, int]]:  # gradients and Adam state, in bytes
        memories = [lora_memory(model, targets, r, "fp16") for r in models.LORA_RANKS]
        return [(m.gradients, m.optimizer) for m in memories]  # the bars draw these (above)

    few, every = trained_parts(("q", "v")), trained_parts(model.targets)
    for lower, higher in itertools.pairwise(few):  # one rank, then the next
        assert all(a < b for a, b in zip(lower, higher, strict=True))
    for some, more in zip(few, every, strict=True):  # at each rank
        assert all(a < b for a, b in zip(some, more, strict=True))


# --- the module table at every LoRA rank -------------------------------------------------------


def _cells(rows: tuple[tuple[str, ...], ...]) -> tuple[list[list[str]], list[list[int]]]:
    """A table's rows with bold marks removed, and each body row's bold columns."""
    plain = [[c[2:-2] if c.startswith("**") and c.endswith("**") else c for c in row]
             for row in rows]  # fmt: skip
    bold = [[j for j, c in enumerate(row) if c.startswith("**")] for row in rows[1:]]
    return plain, bold


@pytest.mark.parametrize("key", list(models.MODELS))
@pytest.mark.parametrize("targets", TARGET_CHOICES)
@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_module_table_at_every_rank_by_hand(key: str, targets: tuple, lang: str) -> None:
    model = models.MODELS[key]
    chosen = [t for t in targets if t in model.targets]
    shapes = _shapes(model)
    (table,) = model_blocks(key, chosen, "fp16", lang).table.tables
    assert table.align == ("left", "right", "right", "right", "right", "centre")
    for i, r in enumerate(models.LORA_RANKS):
        assert table.rows[i] == modules_table(key, chosen, r, lang)
        rows, bold = _cells(table.rows[i])
        header, body = rows[0], rows[1:]
        assert (
            header[3] == i18n.t("par.col_lora_at", lang, r=r) and f"r\u00a0=\u00a0{r}" in header[3]
        )
        assert [row[0] for row in body] == [t for t in models.TARGETS if t in shapes]
        for row, is_bold in zip(body, bold, strict=True):
            d, k = shapes[row[0]]  # ΔW is d×k = d_out×d_in; A is d×r, B is r×k
            lora = d * r + r * k
            assert row[1] == f"{d:,}×{k:,}" and row[2] == f"{d * k:,}"
            assert row[3] == f"{lora:,}" == f"{count(d, r) + count(r, k):,}"
            assert row[4] == f"{100 * lora / (d * k):.2f}%"
            assert row[5] == ("✓" if row[0] in chosen else "—")
            # the adapted rows' name, count and mark in bold: the per-layer sum's terms
            assert is_bold == ([0, 3, 5] if row[0] in chosen else [])
            if row[0] in chosen:
                assert (
                    f"{row[0]} {row[3]}" in model_texts(key, chosen, r, "fp16", lang)["per_layer"]
                )
