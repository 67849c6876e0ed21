"""/parameters' views at every stop of its two rank sliders, against independent arithmetic:
counts from array shapes and plain integers, the SVG picture parsed back, the memory by hand."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lowrank import i18n, models
from lowrank.memory import PRECISIONS, full_finetune_memory
from lowrank.views.follow import NODE_SEPARATOR
from lowrank.views.markdown_table import markdown_table
from lowrank.views.parameter_blocks import (
    CELL_GRID_MAX,
    MIN_SIDE_PX,
    blocks_pictures,
    blocks_scale,
    blocks_title,
)
from lowrank.views.parameter_figures import LORA_BAR, cost_figure, memory_figure
from lowrank.views.parameters import (
    model_follow,
    model_texts,
    modules_table,
    size_follow,
    size_texts,
    size_view,
)

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


@pytest.mark.parametrize(("d", "k"), CASES)
def test_size_texts_at_every_stop_match_the_shapes(d: int, k: int) -> None:
    view = size_view(d, k, "en")
    assert view.ranks == models.rank_options(d, k)
    for r, texts in zip(view.ranks, view.texts, strict=True):
        a, b, full = count(d, r), count(r, k), count(d, k)
        assert texts["a"] == f"{a:,}" and texts["b"] == f"{b:,}"
        assert texts["total"] == f"{a + b:,}" == f"{r * (d + k):,}"
        saves = a + b < full
        assert texts["verdict"].startswith("**✅" if saves else "**⚖️")
        sign = "<" if saves else "≥"
        assert f"r = {r} {sign} {d * k / (d + k):.1f}" in texts["verdict"]
        assert f"{a + b:,}" in texts["verdict"] and f"{full:,}" in texts["verdict"]
        assert "100.0%" not in texts["verdict"]  # 99.9% of ΔW is still a (small) saving


def test_the_notes_example_and_both_languages() -> None:
    assert size_texts(5, 4, 2, "en") == {
        "a": "10",
        "b": "8",
        "total": "18",
        "verdict": i18n.t("par.saves", "en", r=2, value="2.2", lora="18", full="20", share="90.0%"),
    }
    zh = size_texts(5, 4, 3, "zh")["verdict"]
    assert zh == i18n.t("par.loses", "zh", r=3, value="2.2", lora="27", full="20")
    # what changes with the rank is in bold, so the browser swaps whole bold pieces
    assert zh.startswith("**⚖️ 不省**：r = 3")


def _picture(url: str) -> ET.Element:
    prefix = "data:image/svg+xml;charset=utf-8,"
    assert url.startswith(prefix) and "#" not in url
    return ET.fromstring(unquote(url[len(prefix) :]))


@pytest.mark.parametrize(("d", "k"), CASES)
def test_pictures_are_well_formed_svg_with_boxes_to_scale(d: int, k: int) -> None:
    view = size_view(d, k, "en")
    scale = blocks_scale(d, k, view.ranks[-1])
    grid = max(d, k) <= CELL_GRID_MAX
    sizes = set()
    for r, url in zip(view.ranks, view.pictures, strict=True):
        svg = _picture(url)
        width, height = float(svg.get("width")), float(svg.get("height"))
        assert svg.get("viewBox") == f"0 0 {svg.get('width')} {svg.get('height')}"
        sizes.add((width, height))
        rects = svg.findall(f"{SVG}rect")
        assert len(rects) == 3  # ΔW, A, B
        boxes = [tuple(float(rect.get(name)) for name in ("x", "y", "width", "height"))
                 for rect in rects]  # fmt: skip
        for (rows, cols), (x, y, w, h) in zip(((d, k), (d, r), (r, k)), boxes, strict=True):
            assert w == pytest.approx(max(cols * scale, MIN_SIDE_PX), abs=0.06)
            assert h == pytest.approx(max(rows * scale, MIN_SIDE_PX), abs=0.06)
            assert x >= 0 and x + w <= width and y >= 0 and y + h <= height
        assert boxes[0][0] + boxes[0][2] < boxes[1][0] < boxes[1][0] + boxes[1][2] < boxes[2][0]
        lines = ["".join(text.itertext()) for text in svg.findall(f"{SVG}text")]
        for name, rows, cols in (("ΔW", d, k), ("A", d, r), ("B", r, k)):
            assert f"{name}{rows:,}×{cols:,}= {count(rows, cols):,}" in lines
        assert "=" in lines and "×" in lines
        paths = svg.findall(f"{SVG}path")
        if grid:  # one inner line per row and per column boundary
            inner = [p.get("d").count("M") for p in paths]
            assert sum(inner) == sum(rows - 1 + cols - 1 for rows, cols in
                                     ((d, k), (d, r), (r, k)))  # fmt: skip
        else:
            assert not paths
    assert len(sizes) == 1  # one size and scale for every r: only A and B change


def test_picture_titles_say_cells_or_to_scale() -> None:
    assert blocks_title(5, 4, "en") == i18n.t("par.blocks_cells", "en")
    assert "3" in blocks_title(4096, 4096, "zh") and "按比例" in blocks_title(4096, 4096, "zh")
    (single,) = blocks_pictures(5, 4, (2,))
    assert ET.fromstring(single).get("font-family").startswith("Noto Sans CJK SC")


@pytest.mark.parametrize(("d", "k"), [(5, 4), (4096, 14336)])
def test_size_follow_is_the_texts_marks_and_pictures_of_every_stop(d: int, k: int) -> None:
    view = size_view(d, k, "zh")
    spec = size_follow(view, "zh", slider="r", prefix="p_", picture="pic", cost_chart="cost")
    n = len(view.ranks)
    assert (spec.positions.start, spec.positions.step, spec.positions.count) == (0, 1, n)
    assert {t.key: t.part for t in spec.texts} == {
        "p_a": "value", "p_b": "value", "p_total": "value", "p_verdict": "all"}  # fmt: skip
    for i, texts in enumerate(view.texts):
        assert spec.at(i) == {f"p_{name}": text for name, text in texts.items()}
    (mark,) = spec.marks
    assert mark.chart == "cost" and mark.x == tuple(float(r) for r in view.ranks)
    assert mark.y == tuple(float(r * (d + k)) for r in view.ranks)
    assert mark.label[-1] == f"r = {min(d, k)}"
    assert spec.pictures[0].key == "pic" and spec.pictures[0].sources == view.pictures
    assert len(json.dumps(spec.data())) < 160_000  # sent on every run: kept small


@pytest.mark.parametrize(("d", "k"), [(5, 4), (24, 24), (4096, 14336), (14336, 14336)])
def test_cost_figure_does_not_depend_on_r_and_holds_every_stop(d: int, k: int) -> None:
    fig = cost_figure(d, k, title="t", x_title="x", y_title="y", full_label="f", lora_label="l",
                      break_even_label="b")  # fmt: skip
    curve, full = fig.data
    assert list(curve.x) == [0, *models.rank_options(d, k)]
    assert list(curve.y) == [r * (d + k) for r in curve.x]
    assert list(full.y) == [d * k, d * k]
    top = min(d, k)
    assert fig.layout.xaxis.range[0] == 0 and fig.layout.xaxis.range[1] > top  # every mark shows
    assert fig.layout.shapes[0].x0 == pytest.approx(d * k / (d + k))


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
def test_model_texts_at_every_rank_by_hand(key: str, targets: tuple, precision: str) -> None:
    model = models.MODELS[key]
    chosen = [t for t in targets if t in model.targets]
    shapes = _shapes(model)
    total = model.reported_params or models.base_params(model)
    p = PRECISIONS[precision]
    spec = model_follow(key, chosen, precision, "en", slider="rank", prefix="m_", memory_chart="c")
    assert spec.positions.count == len(models.LORA_RANKS) == 9
    for i, r in enumerate(models.LORA_RANKS):
        per_module = {t: r * (shapes[t][0] + shapes[t][1]) for t in models.TARGETS if t in chosen}
        per_layer = sum(per_module.values())
        n = model.layers * per_layer
        texts = model_texts(key, chosen, r, precision, "en")
        table = NODE_SEPARATOR.join(modules_table(key, chosen, r, "en").nodes)
        assert spec.at(i) == {
            **{f"m_{name}": text for name, text in texts.items()},
            "m_table": table,
        }
        terms = " + ".join(f"{t} {v:,}" for t, v in per_module.items())
        assert f"**{terms} = {per_layer:,}**" in texts["per_layer"]
        assert f"{model.layers} layers: **{n:,}**" in texts["per_layer"]
        assert texts["trainable"] == (f"{n / 1e6:,.1f}M" if n >= 1e6 else f"{n:,}")
        assert texts["share"] == f"{100 * n / total:.4f}%"
        assert texts["fewer"] == f"{total / n:,.0f}× fewer"
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
        assert texts["exact"] == exact
        memory = (total + n) * p.weight + n * (p.grad + p.adam)
        assert texts["memory_lora"] == models.human_bytes(memory)
        assert texts["ckpt_lora"] == models.human_bytes(n * p.weight)
        (mark,) = spec.marks
        assert mark.x[i] == pytest.approx(memory / 1e9, rel=1e-12) and mark.y[i] == LORA_BAR


@pytest.mark.parametrize("key", list(models.MODELS))
@pytest.mark.parametrize("precision", list(PRECISIONS))
def test_memory_figure_is_rank_free_and_holds_every_mark(key: str, precision: str) -> None:
    fig = memory_figure(key, precision, title="t", full_label="full", lora_label="LoRA",
                        part_labels=("w", "g", "o"), frozen_label="frozen", unit="GB")  # fmt: skip
    weights, gradients, adam = fig.data
    full = full_finetune_memory(models.MODELS[key], precision)
    assert list(weights.y) == ["full", "LoRA"]  # LoRA is the second category: y = LORA_BAR
    assert list(gradients.y) == list(adam.y) == ["full"]
    total = models.model_params(models.MODELS[key])
    assert weights.x[1] == pytest.approx(total * PRECISIONS[precision].weight / 1e9)
    assert sum(t.x[0] for t in fig.data) == pytest.approx(full.total / 1e9)
    every = model_follow(key, models.MODELS[key].targets, precision, "en", slider="rank",
                         prefix="m_", memory_chart="c").marks[0].x  # fmt: skip
    low, high = fig.layout.xaxis.range
    assert low == 0 and max(every) < high  # the largest LoRA total (all modules, r = 256) shows


# --- the module table at every LoRA rank -------------------------------------------------------


def parse_table(markdown: str) -> tuple[list[list[str]], list[str], list[list[int]]]:
    """A GFM table read back: its rows of cells (header first, escapes undone, bold marks
    removed), its column alignments and, for each body row, the columns of its bold cells."""
    lines = markdown.split("\n")
    rows, bold = [], []
    for line in lines[:1] + lines[2:]:
        assert line.startswith("| ") and line.endswith(" |")
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line[2:-2])]
        strong = [len(c) > 4 and c.startswith("**") and c.endswith("**") for c in cells]
        bold.append([j for j, b in enumerate(strong) if b])
        unbold = [c[2:-2] if b else c for c, b in zip(cells, strong, strict=True)]
        rows.append([re.sub(r"\\(.)", r"\1", c) for c in unbold])
    return rows, [cell.strip() for cell in lines[1][1:-1].split("|")], bold[1:]


@pytest.mark.parametrize("key", list(models.MODELS))
@pytest.mark.parametrize("targets", TARGET_CHOICES)
@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_module_table_at_every_rank_by_hand(key: str, targets: tuple, lang: str) -> None:
    model = models.MODELS[key]
    chosen = [t for t in targets if t in model.targets]
    shapes = _shapes(model)
    spec = model_follow(key, chosen, "fp16", lang, slider="rank", prefix="m_", memory_chart="c")
    (nodes,) = [t for t in spec.texts if t.key == "m_table"]
    assert nodes.part == "nodes"
    for i, r in enumerate(models.LORA_RANKS):
        table = modules_table(key, chosen, r, lang)
        rows, align, bold = parse_table(table.markdown)
        # the page's markdown and the browser's nodes are the same cells, in document order
        assert [cell for row in rows for cell in row] == list(table.nodes)
        assert nodes.sources[i] == NODE_SEPARATOR.join(table.nodes)
        header, body = rows[0], rows[1:]
        assert (
            header[3] == i18n.t("par.col_lora_at", lang, r=r) and f"r\u00a0=\u00a0{r}" in header[3]
        )
        assert align == [":---", "---:", "---:", "---:", "---:", ":---:"]  # numbers to the right
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


def test_markdown_tables_escape_their_cells() -> None:
    table = markdown_table(["a|b", "x"], [["1*2_3", "[4]"]], ["left", "right"], {(0, 0)})
    assert table.markdown.split("\n") == [
        "| a\\|b | x |",
        "| :--- | ---: |",
        "| **1\\*2\\_3** | \\[4\\] |",
    ]
    assert table.nodes == ("a|b", "x", "1*2_3", "[4]")
    rows, _, bold = parse_table(table.markdown)
    assert rows == [["a|b", "x"], ["1*2_3", "[4]"]] and bold == [[0]]
    for blank in ("", " ", " 1"):
        with pytest.raises(ValueError, match="non-blank"):
            markdown_table(["a"], [[blank]], ["left"])
    with pytest.raises(ValueError, match="one entry per column"):
        markdown_table(["a", "b"], [["1"]], ["left", "left"])
