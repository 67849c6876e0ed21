"""Markdown tables whose cells the browser can swap: a GFM table of plain-text cells and the
text nodes it shows (one per cell), for ``lowrank.views.follow.Texts.of_nodes``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass


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
