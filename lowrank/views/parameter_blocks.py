"""The ΔW = A × B picture of /parameters, as SVG: the three matrices side by side, cell by cell
when they are small, else to scale, each with its name, shape and count under it; with the
picture's title and its text alternative (translated).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from lowrank import i18n, models
from lowrank.views.figures import COLOURS, FONT

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
