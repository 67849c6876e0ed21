"""The ΔW = A × B picture of /parameters at every rank, as the block renderer's
:class:`~lowrank.views.block.Picture` (SVG shapes): the three matrices side by side, cell by cell
when they are small, else to scale, each with its name, shape and count under it; with the
picture's title and its text alternative (translated). :func:`svg_document` writes one rank's
picture as an SVG document, for the note's example, which no slider changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from lowrank import i18n, models
from lowrank.views.block import Picture, Shape
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


def _n(value: float) -> str:
    """A coordinate with at most one decimal, no trailing zeros (a smaller payload)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _grid_path(block: Block, top: float, scale: float) -> str:
    """The inner lines of a block drawn cell by cell, as one SVG path."""
    right, bottom = block.x + block.width, top + block.height
    moves = [f"M{_n(block.x)} {_n(top + i * scale)}H{_n(right)}" for i in range(1, block.rows)]
    moves += [f"M{_n(block.x + j * scale)} {_n(top)}V{_n(bottom)}" for j in range(1, block.cols)]
    return "".join(moves)


def blocks_picture(d: int, k: int, ranks: Sequence[int], lang: str) -> Picture:
    """ΔW (d×k) = A (d×r) × B (r×k) at each r in ``ranks``, as the block renderer's picture,
    under its title (:func:`blocks_title`) with its text alternative (:func:`blocks_alt`).

    Every position has the same size and scale (fitted to the largest r), so A and B are seen to
    grow while ΔW stays the same; cell by cell when d and k are small (:func:`is_cell_grid`),
    else to scale with sides thinner than MIN_SIDE_PX widened. Under each block: its name, shape
    and count (no translated text in the drawing itself).
    """
    grid = is_cell_grid(d, k)
    scale = blocks_scale(d, k, max(ranks))
    layouts = [_layout(d, k, r, scale) for r in ranks]
    width = round(max(SVG_WIDTH, max(content for _, content in layouts) + 2 * PAD))
    tallest = max(d * scale, MIN_SIDE_PX)
    top = PAD + 4
    height = round(top + tallest + 8 + 3 * LINE_HEIGHT + PAD)
    return Picture(
        blocks_title(d, k, lang),
        width,
        height,
        tuple(
            _shapes(blocks, (width - content) / 2, top, tallest, scale, grid)
            for blocks, content in layouts
        ),
        tuple(blocks_alt(d, k, r, lang) for r in ranks),
        Shape.of("text", font_size=LABEL_SIZE, text_anchor="middle"),
    )


def _shapes(
    blocks: list[Block], left: float, top: float, tallest: float, scale: float, grid: bool
) -> tuple[Shape, ...]:
    """One position's picture: the signs between the blocks, each block (with its inner grid
    lines when drawn cell by cell) and the three lines of its label under it."""
    shapes = []
    placed = [
        Block(b.name, b.rows, b.cols, b.colour, left + b.x, b.width, b.height) for b in blocks
    ]
    for before, after, sign in zip(placed, placed[1:], ("=", "×"), strict=False):
        middle = (before.x + before.width + after.x) / 2
        shapes.append(
            Shape.of("text", sign, x=middle, y=top + tallest / 2 + SIGN_SIZE / 3,
                     font_size=SIGN_SIZE)
        )  # fmt: skip
    for block in placed:
        shapes.append(
            Shape.of("rect", x=block.x, y=top, width=block.width, height=block.height,
                     fill=block.colour, stroke=block.colour, fill_opacity=".35", stroke_width=2)
        )  # fmt: skip
        if grid and (block.rows > 1 or block.cols > 1):
            path = _grid_path(block, top, scale)
            shapes.append(Shape.of("path", d=path, stroke=block.colour, fill="none"))
        centre = block.x + block.width / 2
        y = top + block.height + 8 + LABEL_SIZE
        for i, line in enumerate(block.labels()):
            bold = {"font_weight": "bold"} if i == 0 else {}
            shapes.append(
                Shape.of("text", line, x=centre, y=y + i * LINE_HEIGHT, **bold)
            )  # fmt: skip
    return tuple(shapes)


def svg_document(picture: Picture, i: int) -> str:
    """The picture at position i as a standalone SVG document (for an image the page draws
    itself, such as the note's example), its texts in the page's grey."""

    def written(shape: Shape) -> str:
        return "".join(f" {name}={quoteattr(value)}" for name, value in shape.attributes)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{picture.width:g}" '
        f'height="{picture.height:g}" viewBox="0 0 {picture.width:g} {picture.height:g}" '
        f"font-family={quoteattr(SVG_FONT)}{written(picture.inherited)}>"
        "<style>text{fill:#555}</style>"
    ]
    for shape in picture.shapes[i]:
        parts.append(f"<{shape.tag}{written(shape)}>{escape(shape.text)}</{shape.tag}>")
    parts.append("</svg>")
    return "".join(parts)


def svg_data_url(svg: str) -> str:
    """An SVG document as a ``data:`` URL for an image (percent-encoded, so no base64)."""
    return "data:image/svg+xml;charset=utf-8," + quote(svg)


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
