"""Markdown tables of plain-text cells: a GFM table whose cells show exactly their text (what
markdown would read in them, or a table's ``|``, is escaped), for tables that no slider changes.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

#: Characters a markdown table cell escapes so that it shows as plain text.
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
) -> str:
    """A GFM table of plain-text cells, ``align`` "left", "right" or "centre" per column; the
    body cells (row, column) in ``bold`` are bold."""
    if any(len(row) != len(header) for row in rows) or len(align) != len(header):
        raise ValueError("every row and the alignments need one entry per column")

    def line(texts: Sequence[str], i: int = -1) -> str:
        marks = ["**" if (i, j) in bold else "" for j in range(len(texts))]
        written = (f"{m}{_cell(text)}{m}" for text, m in zip(texts, marks, strict=True))
        return "| " + " | ".join(written) + " |"

    lines = [line(header), "| " + " | ".join(_ALIGN[a] for a in align) + " |"]
    lines += [line(row, i) for i, row in enumerate(rows)]
    return "\n".join(lines)
