"""What /parameters shows at one rank, and what its two rank sliders change in the browser.

The "any size" slider (r for a d×k ΔW) changes the counts of A and B, the verdict, the
ΔW = A × B picture and the point marked on the cost line; the "real models" slider (LoRA's rank)
changes the module table's LoRA columns, the per-layer sum, the trainable count and its share, the
memory and the checkpoint. For each, one function renders the texts at one rank
(:func:`size_texts`, :func:`model_texts`, :func:`modules_table`):
the page draws them for the slider's value, and :func:`size_follow` / :func:`model_follow` give
them for every stop of the slider to the browser, which swaps them at once while the slider
moves (``lowrank/follow.py``). The figures here do not depend on the rank; the browser marks it.

Every count comes from :mod:`lowrank.models`; texts come from the catalogue in ``lang``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import plotly.graph_objects as go

from lowrank import formatting as fmt
from lowrank import i18n, models
from lowrank.figures import FONT, titled
from lowrank.follow import Follow, Mark, Pictures, Positions, Texts, svg_data_url, texts_by_name
from lowrank.memory import PRECISIONS, checkpoint_bytes, full_finetune_memory, lora_memory
from lowrank.section2_figures import COLOURS

# --- the ΔW = A × B picture, as SVG --------------------------------------------------------------

#: Matrices whose sides are all at most this many cells are drawn cell by cell, else to scale.
CELL_GRID_MAX = 24
#: The picture's natural width in pixels (the page stretches it to its column).
SVG_WIDTH = 420
#: Tallest block, largest cell, thinnest side drawn, room between blocks (pixels).
MAX_BLOCK_HEIGHT = 220.0
MAX_CELL = 30.0
MIN_SIDE_PX = 3.0
MIN_GAP = 40.0
PAD = 8.0
#: Label lines under each block: the name (bold), the shape, the count.
LABEL_SIZE = 13
LINE_HEIGHT = 17
SIGN_SIZE = 24
SVG_FONT = FONT["family"]


@dataclass(frozen=True)
class Block:
    """One matrix of the picture: its name, shape, count, colour and pixel box."""

    name: str
    rows: int
    cols: int
    colour: str
    x: float = 0.0
    width: float = 0.0
    height: float = 0.0

    @property
    def count(self) -> int:
        """Numbers in the matrix."""
        return self.rows * self.cols

    def labels(self) -> tuple[str, str, str]:
        """The three lines under the block."""
        return self.name, f"{self.rows:,}×{self.cols:,}", f"= {self.count:,}"


def _text_width(text: str, size: float = LABEL_SIZE) -> float:
    """A generous estimate of a label's width in pixels (digits and Latin ≈ 0.62 em)."""
    return 0.62 * size * len(text)


def is_cell_grid(d: int, k: int) -> bool:
    """True when the picture of a d×k ΔW is drawn cell by cell (every side small)."""
    return max(d, k) <= CELL_GRID_MAX


def blocks_scale(d: int, k: int, room: int) -> float:
    """Pixels per matrix cell for a d×k ΔW, so that ΔW, A and B side by side fit the picture
    at rank ``room`` (the largest rank drawn) and ΔW is at most MAX_BLOCK_HEIGHT tall."""
    across = (SVG_WIDTH - 2 * PAD - 2 * MIN_GAP) / (2 * k + room)
    return min(across, MAX_BLOCK_HEIGHT / d, MAX_CELL)


def _layout(d: int, k: int, r: int, scale: float) -> tuple[list[Block], float]:
    """ΔW, A and B placed from x = 0 with room for their labels; returns them and the width."""
    blocks = [
        Block("ΔW", d, k, COLOURS["full"]),
        Block("A", d, r, COLOURS["a"]),
        Block("B", r, k, COLOURS["b"]),
    ]
    placed: list[Block] = []
    x = 0.0
    for block in blocks:
        width = max(block.cols * scale, MIN_SIDE_PX)
        height = max(block.rows * scale, MIN_SIDE_PX)
        if placed:
            before = placed[-1]
            half_labels = (_label_width(before) + _label_width(block)) / 2 + 12
            x += max(MIN_GAP, half_labels - (before.width + width) / 2)
        placed.append(Block(block.name, block.rows, block.cols, block.colour, x, width, height))
        x += width
    return placed, x


def _label_width(block: Block) -> float:
    return max(_text_width(line) for line in block.labels())


def _grid_path(block: Block, top: float, scale: float) -> str:
    """The inner lines of a block drawn cell by cell, as one SVG path."""
    right, bottom = block.x + block.width, top + block.height
    moves = [f"M{_n(block.x)} {_n(top + i * scale)}H{_n(right)}" for i in range(1, block.rows)]
    moves += [f"M{_n(block.x + j * scale)} {_n(top)}V{_n(bottom)}" for j in range(1, block.cols)]
    return "".join(moves)


def blocks_pictures(d: int, k: int, ranks: Sequence[int]) -> tuple[str, ...]:
    """ΔW (d×k) = A (d×r) × B (r×k) as an SVG document for each r in ``ranks``.

    Every picture has the same size and scale (fitted to the largest r), so A and B are seen to
    grow while ΔW stays the same; cell by cell when d and k are small (:func:`is_cell_grid`),
    else to scale with sides thinner than MIN_SIDE_PX widened. Under each block: its name, shape
    and count. The pictures hold no translated text.
    """
    grid = is_cell_grid(d, k)
    scale = blocks_scale(d, k, max(ranks))
    layouts = [_layout(d, k, r, scale) for r in ranks]
    width = max(SVG_WIDTH, max(content for _, content in layouts) + 2 * PAD)
    tallest = max(d * scale, MIN_SIDE_PX)
    top = PAD + 4
    height = top + tallest + 8 + 3 * LINE_HEIGHT + PAD
    return tuple(
        _svg(blocks, (width - content) / 2, top, tallest, scale, grid, width, height)
        for blocks, content in layouts
    )


def _n(value: float) -> str:
    """A coordinate with at most one decimal, no trailing zeros (smaller SVG)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


#: Shared attributes of the picture's parts, said once.
_STYLE = (
    "<style>rect{fill-opacity:.35;stroke-width:2}path{stroke-width:1;fill:none}"
    f"text{{fill:#555}}.s{{font-size:{SIGN_SIZE}px;fill:#444;dominant-baseline:central}}</style>"
)


def _svg(
    blocks: list[Block],
    left: float,
    top: float,
    tallest: float,
    scale: float,
    grid: bool,
    width: float,
    height: float,
) -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family={quoteattr(SVG_FONT)} '
        f'font-size="{LABEL_SIZE}" text-anchor="middle">{_STYLE}'
    ]
    placed = [
        Block(b.name, b.rows, b.cols, b.colour, left + b.x, b.width, b.height) for b in blocks
    ]
    for before, after, sign in zip(placed, placed[1:], ("=", "×"), strict=False):
        middle = (before.x + before.width + after.x) / 2
        parts.append(f'<text class="s" x="{_n(middle)}" y="{_n(top + tallest / 2)}">{sign}</text>')
    for block in placed:
        parts.append(
            f'<rect x="{_n(block.x)}" y="{_n(top)}" width="{_n(block.width)}" '
            f'height="{_n(block.height)}" fill="{block.colour}" stroke="{block.colour}"/>'
        )
        if grid and (block.rows > 1 or block.cols > 1):
            parts.append(f'<path d="{_grid_path(block, top, scale)}" stroke="{block.colour}"/>')
        centre = _n(block.x + block.width / 2)
        name, shape, count = (escape(line) for line in block.labels())
        y = _n(top + block.height + 8 + LABEL_SIZE)
        parts.append(
            f'<text x="{centre}" y="{y}"><tspan font-weight="bold">{name}</tspan>'
            f'<tspan x="{centre}" dy="{LINE_HEIGHT}">{shape}</tspan>'
            f'<tspan x="{centre}" dy="{LINE_HEIGHT}">{count}</tspan></text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def blocks_title(d: int, k: int, lang: str) -> str:
    """The picture's title: "each cell is one number" or "to scale" (translated)."""
    if is_cell_grid(d, k):
        return i18n.t("par.blocks_cells", lang)
    return i18n.t("par.blocks_scale", lang, px=f"{MIN_SIDE_PX:g}")


def blocks_alt(d: int, k: int, r: int, lang: str) -> str:
    """The picture's text alternative: the three blocks' shapes and how many numbers each holds."""
    a_count, b_count = models.factor_costs(d, k, r)
    return i18n.t(
        "par.blocks_alt",
        lang,
        d=d,
        k=k,
        r=r,
        full=f"{models.full_cost(d, k):,}",
        a=f"{a_count:,}",
        b=f"{b_count:,}",
        total=f"{models.lora_matrix_params(d, k, r):,}",
    )


# --- the "any size" section ----------------------------------------------------------------------

#: Which of :func:`size_texts` are metric values (only the value is swapped).
SIZE_VALUES = frozenset({"a", "b", "total"})


def size_texts(d: int, k: int, r: int, lang: str) -> dict[str, str]:
    """What the "any size" section writes at rank r: the counts of A, B and A + B (metric
    values) and the verdict, one sentence that says whether A + B store fewer numbers than ΔW."""
    a_count, b_count = models.factor_costs(d, k, r)
    lora, full = models.lora_matrix_params(d, k, r), models.full_cost(d, k)
    fields = {
        "r": r,
        "value": f"{models.break_even_rank(d, k):.1f}",
        "lora": f"{lora:,}",
        "full": f"{full:,}",
    }
    if lora < full:
        share = fmt.percent(models.matrix_share(d, k, r), 1)  # 99.9%, never 100.0%, below 1
        verdict = i18n.t("par.saves", lang, share=share, **fields)
    else:
        verdict = i18n.t("par.loses", lang, **fields)
    return {"a": f"{a_count:,}", "b": f"{b_count:,}", "total": f"{lora:,}", "verdict": verdict}


@dataclass(frozen=True)
class SizeView:
    """The "any size" section for one d×k: the slider's stops, and per stop its texts and
    picture (an SVG ``data:`` URL), in the order of the stops."""

    d: int
    k: int
    ranks: tuple[int, ...]
    texts: tuple[dict[str, str], ...]
    pictures: tuple[str, ...]
    alts: tuple[str, ...]

    def index(self, r: int) -> int:
        """The slider position of rank r (which must be one of the stops)."""
        return self.ranks.index(r)


def size_view(d: int, k: int, lang: str) -> SizeView:
    """Every stop of the r slider for a d×k ΔW (:func:`models.rank_options`) with its texts and
    its picture."""
    ranks = models.rank_options(d, k)
    return SizeView(
        d,
        k,
        ranks,
        tuple(size_texts(d, k, r, lang) for r in ranks),
        tuple(svg_data_url(svg) for svg in blocks_pictures(d, k, ranks)),
        tuple(blocks_alt(d, k, r, lang) for r in ranks),
    )


def size_follow(
    view: SizeView, lang: str, *, slider: str, prefix: str, picture: str, cost_chart: str
) -> Follow:
    """What the r slider (a select slider: position = index of the stop) changes: the texts of
    :func:`size_texts` in the containers ``prefix + name``, the picture in ``picture``, and the
    point (r, r(d + k)) on the cost chart."""
    costs = models.cost_curve(view.d, view.k, view.ranks)
    return Follow(
        slider,
        Positions(0, 1, len(view.ranks)),
        texts=texts_by_name(view.texts, prefix, SIZE_VALUES),
        marks=(
            Mark(
                cost_chart,
                x=tuple(float(r) for r in view.ranks),
                y=tuple(float(c) for c in costs),
                label=tuple(i18n.t("par.cost_mark", lang, r=r) for r in view.ranks),
            ),
        ),
        pictures=(Pictures(picture, view.pictures, view.alts),),
    )


def cost_figure(
    d: int,
    k: int,
    *,
    title: str,
    x_title: str,
    y_title: str,
    full_label: str,
    lora_label: str,
    break_even_label: str,
) -> go.Figure:
    """Numbers stored against r: LoRA's r(d + k) and the full dk, crossing at r = dk/(d + k).

    The same for every r (the browser marks r). The line runs through the slider's stops, so
    hovering shows their counts; small sizes show a marker at each.
    """
    ranks = (0, *models.rank_options(d, k))
    cost = models.cost_curve(d, k, ranks)
    full = models.full_cost(d, k)
    top = ranks[-1]
    break_even = models.break_even_rank(d, k)
    fig = go.Figure(
        data=[
            go.Scatter(
                x=ranks,
                y=cost,
                mode="lines+markers" if len(ranks) <= 41 else "lines",
                name=lora_label,
                line={"color": COLOURS["a"]},
                hovertemplate="r=%{x}: %{y:,}<extra></extra>",
            ),
            go.Scatter(
                x=[0, top],
                y=[full, full],
                mode="lines",
                name=full_label,
                line={"color": COLOURS["full"], "dash": "dash"},
                hovertemplate=f"d·k = {full:,}<extra></extra>",
            ),
        ],
        layout={
            **titled(title, {"l": 10, "r": 10, "t": 60, "b": 10}),
            "height": 360,
            "font": FONT,
            "legend": {"orientation": "h", "y": -0.18},
            "xaxis": {"title": {"text": x_title}, "range": [0, top * 1.02 + 0.1]},
            "yaxis": {"title": {"text": y_title}, "rangemode": "tozero"},
            "shapes": [
                {
                    "type": "line",
                    "x0": break_even,
                    "x1": break_even,
                    "xref": "x",
                    "y0": 0,
                    "y1": 1,
                    "yref": "paper",
                    "line": {"dash": "dot", "color": "#444"},
                }
            ],
            "annotations": [
                {
                    "x": break_even,
                    "xref": "x",
                    "y": 1,
                    "yref": "paper",
                    "text": break_even_label,
                    "showarrow": False,
                    "xanchor": "right" if break_even > top / 2 else "left",
                    "yanchor": "top",
                }
            ],
        },
    )
    return fig


# --- the "real models" section -------------------------------------------------------------------

#: The module table's container is ``prefix + TABLE`` (:func:`model_follow`).
TABLE = "table"
#: Which of :func:`model_texts` are metric values.
MODEL_VALUES = frozenset({"trainable", "share", "fewer", "memory_lora", "ckpt_lora"})


def model_texts(
    model_key: str, targets: Sequence[str], r: int, precision: str, lang: str
) -> dict[str, str]:
    """What the "real models" section writes at LoRA rank r for the chosen modules: the sum
    over one layer and over the layers, the trainable count, its share of the model, how many
    times fewer, the exact counts, LoRA's training memory and its checkpoint size."""
    model = models.MODELS[model_key]
    rows = [row for row in models.module_table(model, targets, r) if row.chosen]
    per_layer = sum(row.lora for row in rows)
    trainable = models.lora_params(model, targets, r)
    return {
        "per_layer": i18n.t(
            "par.per_layer",
            lang,
            r=r,
            terms=" + ".join(f"{row.module} {row.lora:,}" for row in rows),
            per_layer=f"{per_layer:,}",
            layers=model.layers,
            total=f"{trainable:,}",
        ),
        "trainable": models.human_count(trainable),
        "share": f"{models.share(model, targets, r):.4%}",
        "fewer": i18n.t(
            "s2.par.fewer_value", lang, ratio=f"{models.reduction(model, targets, r):,.0f}"
        ),
        "exact": exact_counts(model, trainable, lang),
        "memory_lora": models.human_bytes(lora_memory(model, targets, r, precision).total),
        "ckpt_lora": models.human_bytes(checkpoint_bytes(trainable, precision)),
    }


def exact_counts(model: models.ModelConfig, trainable: int, lang: str) -> str:
    """The counts in full. LoRA's is always computed, and so is the model's from its
    configuration, except GPT-3's: its configuration does not reproduce the published total, so
    that total is shown as the paper's rounded figure, with the configuration's count beside it."""
    if model.reported_params is None:
        total = models.model_params(model)
        return i18n.t("s2.par.exact", lang, total=f"{total:,}", trainable=f"{trainable:,}")
    return i18n.t(
        "s2.par.exact_reported",
        lang,
        total=f"{model.reported_params:,}",
        computed=f"{models.base_params(model):,}",
        trainable=f"{trainable:,}",
    )


@dataclass(frozen=True)
class MarkdownTable:
    """A markdown table and the text nodes the browser shows for it: one per cell, header first,
    then row by row (what ``Texts.of_nodes`` wants)."""

    markdown: str
    nodes: tuple[str, ...]


#: Characters a markdown table cell escapes so that it shows as one plain text node.
_MARKDOWN_SPECIAL = frozenset("\\|*_`[]<>$~")

#: Column alignments of :func:`markdown_table`, as GFM writes them.
_ALIGN = {"left": ":---", "right": "---:", "centre": ":---:"}


def _cell(text: str) -> str:
    """A cell's text, backslash-escaped where markdown (or a table's ``|``) would read it."""
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in text)


def markdown_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    align: Sequence[str],
    bold: Collection[tuple[int, int]] = (),
) -> MarkdownTable:
    """A GFM table of plain-text cells (each non-blank: one text node when rendered), ``align``
    "left", "right" or "centre" per column; the body cells (row, column) in ``bold`` are bold."""
    cells = [*header, *(text for row in rows for text in row)]
    if any(not text.strip() or text != text.strip() for text in cells):
        raise ValueError("markdown table cells must be non-blank, without outer spaces")
    if any(len(row) != len(header) for row in rows) or len(align) != len(header):
        raise ValueError("every row and the alignments need one entry per column")

    def line(texts: Sequence[str], i: int = -1) -> str:
        marks = ["**" if (i, j) in bold else "" for j in range(len(texts))]
        written = (f"{m}{_cell(text)}{m}" for text, m in zip(texts, marks, strict=True))
        return "| " + " | ".join(written) + " |"

    lines = [line(header), "| " + " | ".join(_ALIGN[a] for a in align) + " |"]
    lines += [line(row, i) for i, row in enumerate(rows)]
    return MarkdownTable("\n".join(lines), tuple(cells))


#: The module table's column alignments: names left, numbers right, the adapted mark centred.
MODULE_ALIGN = ("left", "right", "right", "right", "right", "centre")
#: The columns in bold in the adapted rows: the matrix, LoRA's count (the terms of the per-layer
#: sum under the table) and the mark.
MODULE_BOLD = (0, 3, 5)
#: The adapted column's marks.
ADAPTED, NOT_ADAPTED = "✓", "—"


def modules_table(model_key: str, targets: Sequence[str], r: int, lang: str) -> MarkdownTable:
    """The module table at LoRA rank r: for every matrix of one layer its shape d_out×d_in, its
    size d_out·d_in, LoRA's r(d_in + d_out) and that as a share of the full size, and whether it
    is adapted (then its name, count and mark in bold). The page draws its markdown at the
    slider's rank and the browser swaps its text nodes for every other rank
    (:func:`model_follow`)."""
    model = models.MODELS[model_key]
    rows = models.module_table(model, targets, r)
    header = [
        i18n.t("s2.par.col_module", lang),
        i18n.t("s2.par.col_shape", lang),
        i18n.t("s2.par.col_full", lang),
        i18n.t("par.col_lora_at", lang, r=r),
        i18n.t("par.col_lora_share", lang),
        i18n.t("s2.par.col_chosen", lang),
    ]
    cells = [
        [
            row.module,
            f"{row.d_out:,}×{row.d_in:,}",
            f"{row.full:,}",
            f"{row.lora:,}",
            fmt.percent(row.lora / row.full, 2),
            ADAPTED if row.chosen else NOT_ADAPTED,
        ]
        for row in rows
    ]
    bold = {(i, j) for i, row in enumerate(rows) if row.chosen for j in MODULE_BOLD}
    return markdown_table(header, cells, MODULE_ALIGN, bold)


#: Which bar of the memory chart is LoRA's (categories count from the bottom).
LORA_BAR = 1


def memory_figure(
    model_key: str,
    precision: str,
    *,
    title: str,
    full_label: str,
    lora_label: str,
    part_labels: Sequence[str],
    frozen_label: str,
    unit: str,
) -> go.Figure:
    """Stacked bars in GB: full fine-tuning's weights, gradients and Adam state, and LoRA's
    frozen weights. The same at every rank: LoRA's total at rank r (the frozen weights plus
    A and B, their gradients and Adam state) is marked by the browser (:func:`model_follow`),
    on an axis fixed to full fine-tuning's total, which LoRA's never exceeds."""
    model = models.MODELS[model_key]
    full = full_finetune_memory(model, precision)
    frozen = models.model_params(model) * PRECISIONS[precision].weight
    palette = ("#9ecae1", "#fdae6b", "#d62728")
    parts = (full.weights, full.gradients, full.optimizer)
    bars = [
        go.Bar(
            # categories are placed in order from the bottom: full fine-tuning, then LoRA
            y=[full_label, lora_label] if i == 0 else [full_label],
            x=[value / 1e9, frozen / 1e9] if i == 0 else [value / 1e9],
            orientation="h",
            name=label,
            marker_color=colour,
            customdata=[label, frozen_label] if i == 0 else [label],
            hovertemplate=f"%{{x:,.2f}} {unit}<extra>%{{customdata}}</extra>",
        )
        for i, (value, label, colour) in enumerate(zip(parts, part_labels, palette, strict=True))
    ]
    return go.Figure(
        data=bars,
        layout={
            **titled(title, {"l": 10, "r": 10, "t": 60, "b": 10}),
            "height": 260,
            "font": FONT,
            "legend": {"orientation": "h", "y": -0.18, "traceorder": "normal"},
            "barmode": "stack",
            # the unit on the ticks: as an axis title it ran into the legend on a phone
            "xaxis": {"ticksuffix": f" {unit}", "range": [0, full.total / 1e9 * 1.04]},
        },
    )


def model_follow(
    model_key: str,
    targets: Sequence[str],
    precision: str,
    lang: str,
    *,
    slider: str,
    prefix: str,
    memory_chart: str,
    ranks: Sequence[int] = models.LORA_RANKS,
) -> Follow:
    """What the LoRA rank slider (a select slider over ``ranks``) changes: the texts of
    :func:`model_texts` in the containers ``prefix + name``, the cells of :func:`modules_table`
    in ``prefix + TABLE`` and LoRA's total on the memory chart."""
    rows = [model_texts(model_key, targets, r, precision, lang) for r in ranks]
    tables = [modules_table(model_key, targets, r, lang) for r in ranks]
    model = models.MODELS[model_key]
    totals = [lora_memory(model, targets, r, precision).total / 1e9 for r in ranks]
    return Follow(
        slider,
        Positions(0, 1, len(ranks)),
        texts=(
            *texts_by_name(rows, prefix, MODEL_VALUES),
            Texts.of_nodes(prefix + TABLE, [table.nodes for table in tables]),
        ),
        marks=(Mark(memory_chart, x=tuple(totals), y=(float(LORA_BAR),) * len(ranks)),),
    )
