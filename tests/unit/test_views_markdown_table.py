"""Markdown tables of plain-text cells: escaped cells, bold body cells, checked shapes."""

from __future__ import annotations

import pytest

from lowrank.views.markdown_table import markdown_table


def test_markdown_tables_escape_their_cells() -> None:
    table = markdown_table(["a|b", "x"], [["1*2_3", "[4]"]], ["left", "right"], {(0, 0)})
    assert table.split("\n") == [
        "| a\\|b | x |",
        "| :--- | ---: |",
        "| **1\\*2\\_3** | \\[4\\] |",
    ]
    with pytest.raises(ValueError, match="one entry per column"):
        markdown_table(["a", "b"], [["1"]], ["left", "left"])
    with pytest.raises(ValueError, match="one entry per column"):
        markdown_table(["a"], [["1"]], ["left", "right"])


def test_the_header_row_is_never_a_body_row() -> None:
    table = markdown_table(["a", "b"], [["1", "2"], ["3", "4"]], ["left", "left"], {(1, 0)})
    assert table.split("\n") == ["| a | b |", "| :--- | :--- |", "| 1 | 2 |", "| **3** | 4 |"]
