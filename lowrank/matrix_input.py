"""Matrices typed or uploaded by a student: CSV and grid parsing, validation, CSV export.

Every problem raises :class:`~lowrank.errors.InputError` with a catalogue key and the position of
the first bad cell (``row`` is the line of the file for a CSV, the grid row for a grid; 1-based).
Numbers, sizes and finiteness are checked by :func:`lowrank.svd.as_matrix`; this module adds what
is specific to text and grids. Keys raised here besides ``as_matrix``'s ``error.*`` keys:

- ``input.file_too_large`` (size_kb, max_kb): the upload is larger than :data:`MAX_CSV_BYTES`;
- ``input.not_text``: the upload is binary (for example an image renamed ``.csv``);
- ``input.ragged_row`` (row, expected, found): a row with a different number of cells;
- ``input.missing_cell`` (row, col): an empty cell inside the matrix;
- ``input.mixed_decimals`` (row, col, value): decimal commas and decimal points in one file;
- ``input.too_small`` (rows, cols, min_rows, min_cols): fewer than 2 rows or 2 columns.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Sequence

import numpy as np

from lowrank.errors import InputError
from lowrank.svd import MAX_MATRIX_SHAPE, as_matrix

#: Largest grid a student types in the editable table.
MAX_GRID_SHAPE: tuple[int, int] = (12, 12)
#: Smallest matrix accepted: a 1×n or n×1 matrix has a single singular value, nothing to compare.
MIN_SHAPE: tuple[int, int] = (2, 2)
#: Largest CSV upload in bytes (a 200×200 matrix written with full float precision is about 1 MB).
MAX_CSV_BYTES = 2_000_000

_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$")
_DECIMAL_POINT = re.compile(r"^[+-]?(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?$")


def _decode(data: bytes) -> str:
    """Text of an upload: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030/Latin-1."""
    if len(data) > MAX_CSV_BYTES:
        raise InputError(
            "input.file_too_large",
            size_kb=math.ceil(len(data) / 1000),
            max_kb=MAX_CSV_BYTES // 1000,
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("input.not_text") from None
    if b"\x00" in data:
        raise InputError("input.not_text")
    for encoding in ("utf-8-sig", "gb18030"):  # numbers are ASCII; a header may be in a local code
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _split(lines: list[str]) -> list[list[str]]:
    """Cells of each line, with the delimiter guessed: tab, then semicolon, then comma, else spaces.

    A comma is taken as a decimal comma rather than a delimiter when splitting on it would leave
    spaces inside cells and splitting on spaces gives numbers only (``1,5 2,5``); a stray space
    inside one comma-separated cell (``1,2 3``) stays in that cell, which is then reported.
    """
    if any("\t" in line for line in lines):
        delimiter: str | None = "\t"
    elif any(";" in line for line in lines):
        delimiter = ";"
    elif any("," in line for line in lines):
        by_comma = list(csv.reader(lines, skipinitialspace=True))
        inner_space = any(" " in cell.strip() for row in by_comma for cell in row)
        decimal_commas = all(
            _DECIMAL_COMMA.match(cell) or _is_number(cell)
            for line in lines
            for cell in line.split()
        )
        delimiter = None if inner_space and decimal_commas else ","
    else:
        delimiter = None
    if delimiter is None:
        return [line.split() for line in lines]
    rows = [[cell.strip() for cell in row] for row in csv.reader(lines, delimiter=delimiter)]
    if all(row and row[-1] == "" for row in rows):  # a trailing delimiter on every line
        rows = [row[:-1] for row in rows]
    return rows


def _normalise_decimals(rows: list[list[str]], line_numbers: list[int]) -> list[list[str]]:
    """Turn decimal commas (``1,5``) into points, refusing files that mix both conventions."""
    comma: tuple[int, int, str] | None = None
    point: tuple[int, int, str] | None = None
    for row, line in zip(rows, line_numbers, strict=True):
        for j, cell in enumerate(row):
            if comma is None and _DECIMAL_COMMA.match(cell):
                comma = (line, j + 1, cell)
            if point is None and _DECIMAL_POINT.match(cell):
                point = (line, j + 1, cell)
    if comma is None:
        return rows
    if point is not None:
        line, col, value = max(comma, point)
        raise InputError("input.mixed_decimals", row=line, col=col, value=value[:20])
    return [
        [cell.replace(",", ".") if _DECIMAL_COMMA.match(cell) else cell for cell in row]
        for row in rows
    ]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _is_header(row: list[str]) -> bool:
    """A row of labels: no number in it, and some letter (so ``1|2`` is a bad row, not a header)."""
    return not any(_is_number(cell) for cell in row) and any(c.isalpha() for c in "".join(row))


def _is_empty(cell: object) -> bool:
    if cell is None:
        return True
    if isinstance(cell, str):
        return cell.strip() == ""
    return isinstance(cell, float) and math.isnan(cell)  # an emptied cell of a numeric table


def _validate(
    rows: Sequence[Sequence[object]], row_numbers: list[int], max_shape: tuple[int, int]
) -> np.ndarray:
    """Shared checks for CSV and grid: shape, empty cells, then numbers via ``as_matrix``."""
    if not rows:
        raise InputError("error.empty")
    expected = len(rows[0])
    if len(rows) > max_shape[0] or expected > max_shape[1]:
        raise InputError(
            "error.too_large",
            rows=len(rows),
            cols=expected,
            max_rows=max_shape[0],
            max_cols=max_shape[1],
        )
    for row, number in zip(rows, row_numbers, strict=True):
        if len(row) != expected:
            raise InputError("input.ragged_row", row=number, expected=expected, found=len(row))
        for j, cell in enumerate(row):
            if _is_empty(cell):
                raise InputError("input.missing_cell", row=number, col=j + 1)
    try:
        matrix = as_matrix(rows, max_shape=max_shape)
    except InputError as err:
        index = err.params.get("row")
        if isinstance(index, int):  # report the line of the file, not the index in the matrix
            err.params["row"] = row_numbers[index - 1]
        raise
    if matrix.shape[0] < MIN_SHAPE[0] or matrix.shape[1] < MIN_SHAPE[1]:
        raise InputError(
            "input.too_small",
            rows=matrix.shape[0],
            cols=matrix.shape[1],
            min_rows=MIN_SHAPE[0],
            min_cols=MIN_SHAPE[1],
        )
    return matrix


def parse_csv(data: bytes | str, max_shape: tuple[int, int] = MAX_MATRIX_SHAPE) -> np.ndarray:
    """A validated matrix from CSV text or bytes.

    Accepts comma, semicolon, tab or space delimiters, an optional header row (a first row with no
    number in it), a byte-order mark, quoted cells, blank lines, and decimal commas when the file
    uses them consistently (``1,5;2,5`` or ``1,5 2,5``). A header row has letters and no numbers.
    """
    text = _decode(data) if isinstance(data, bytes) else data
    text = text.removeprefix("\ufeff")
    numbered = [(i + 1, line) for i, line in enumerate(text.splitlines()) if line.strip()]
    line_numbers = [number for number, _ in numbered]
    rows = _normalise_decimals(_split([line for _, line in numbered]), line_numbers)
    if rows and _is_header(rows[0]):
        rows, line_numbers = rows[1:], line_numbers[1:]
    return _validate(rows, line_numbers, max_shape)


def parse_grid(data: object, max_shape: tuple[int, int] = MAX_GRID_SHAPE) -> np.ndarray:
    """A validated matrix from an editable grid (a table or a list of rows).

    Rows left completely empty (a row just added in the editor) are ignored.
    """
    to_numpy = getattr(data, "to_numpy", None)
    table = to_numpy(dtype=object).tolist() if callable(to_numpy) else data
    if isinstance(table, np.ndarray):
        table = table.tolist()
    if not isinstance(table, Sequence) or isinstance(table, (str, bytes)):
        raise InputError("error.not_matrix")
    rows: list[list[object]] = []
    numbers: list[int] = []
    for i, row in enumerate(table):
        if not isinstance(row, Sequence) or isinstance(row, (str, bytes)):
            raise InputError("error.not_matrix")
        if row and all(_is_empty(cell) for cell in row):
            continue
        rows.append(list(row))
        numbers.append(i + 1)
    return _validate(rows, numbers, max_shape)


def to_csv(matrix: np.ndarray, digits: int = 12) -> str:
    """Comma-separated text of ``matrix``, one row per line, ``digits`` significant digits."""
    values = np.asarray(matrix, dtype=np.float64) + 0.0  # + 0.0 turns −0.0 into 0.0
    if values.ndim == 1:
        values = values[None, :]
    return "".join(",".join(format(x, f".{digits}g") for x in row) + "\n" for row in values)
