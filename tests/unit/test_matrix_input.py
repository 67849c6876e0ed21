"""Typed and uploaded matrices: accepted formats, and every bad input with its key and position."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from lowrank.errors import InputError
from lowrank.matrix_input import (
    MAX_CSV_BYTES,
    MAX_GRID_SHAPE,
    parse_csv,
    parse_grid,
    to_csv,
)

M = [[1.0, 2.0], [3.0, 4.0]]


@pytest.mark.parametrize(
    "text",
    [
        "1,2\n3,4",
        "1;2\n3;4",
        "1\t2\n3\t4",
        "1 2\n3 4",
        "  1   2  \n3    4\n",
        "1, 2\n3, 4",
        "1,2\r\n3,4\r\n",
        "\n1,2\n\n3,4\n\n",
        '"1","2"\n"3","4"',
        "1,2,\n3,4,",
        "a,b\n1,2\n3,4",
        "列1;列2\n1;2\n3;4",
        "\ufeff1,2\n3,4",
        "1e0,2.0\n+3,4.",
        "1,0;2,0\n3,0;4,0",
        "1,0 2,0\n3,0 4,0",
        "1,0\t2\n3\t4",
    ],
)
def test_csv_formats(text: str) -> None:
    np.testing.assert_array_equal(parse_csv(text), M)


@pytest.mark.parametrize(
    "data",
    [
        "1,2\n3,4".encode("utf-8-sig"),
        "1;2\n3;4".encode("utf-16"),
        "甲,乙\n1,2\n3,4".encode("gbk"),
        b"\xe9t\xe9,x\n1,2\n3,4",  # Latin-1 header
    ],
)
def test_csv_bytes_and_encodings(data: bytes) -> None:
    np.testing.assert_array_equal(parse_csv(data), M)


def test_decimal_commas() -> None:
    np.testing.assert_array_equal(parse_csv("1,5;-2,25\n3;,5"), [[1.5, -2.25], [3.0, 0.5]])
    np.testing.assert_array_equal(parse_csv('"1,5","2"\n"3","4"'), [[1.5, 2.0], [3.0, 4.0]])


def _error(call, *args) -> InputError:
    with pytest.raises(InputError) as info:
        call(*args)
    return info.value


@pytest.mark.parametrize(
    ("text", "key", "params"),
    [
        ("", "error.empty", {}),
        ("  \n\n \t\n", "error.empty", {}),
        ("a,b,c", "error.empty", {}),  # a header and nothing else
        ("1,2\n3,x", "error.non_numeric", {"row": 2, "col": 2, "value": "x"}),
        ("h1,h2\n\n1,2\n3,abc", "error.non_numeric", {"row": 4, "col": 2}),  # line in the file
        ("1,2\n3,nan", "error.non_finite", {"row": 2, "col": 2}),
        ("1,inf\n3,4", "error.non_finite", {"row": 1, "col": 2}),
        ("1,2\n-Infinity,4", "error.non_finite", {"row": 2, "col": 1}),
        ("1,2,3\n4,5", "input.ragged_row", {"row": 2, "expected": 3, "found": 2}),
        ("1,2\n3,4,5", "input.ragged_row", {"row": 2, "expected": 2, "found": 3}),
        ("1,,3\n4,5,6", "input.missing_cell", {"row": 1, "col": 2}),
        ("1\t\t3\n4\t5\t6", "input.missing_cell", {"row": 1, "col": 2}),
        ("7", "input.too_small", {"rows": 1, "cols": 1}),
        ("1,2,3,4,5", "input.too_small", {"rows": 1, "cols": 5}),
        ("1\n2\n3", "input.too_small", {"rows": 3, "cols": 1}),
        ("1.5;2,5\n3;4", "input.mixed_decimals", {"row": 1, "col": 2, "value": "2,5"}),
        ("1,2\n3,4+5j", "error.non_numeric", {"row": 2, "col": 2}),
        ("1|2\n3|4", "error.non_numeric", {"row": 1, "col": 1}),  # unsupported delimiter
        ("1,000.5;2\n3;4", "error.non_numeric", {"row": 1, "col": 1}),  # thousands separator
        ("1, 2, 3\n4, 5 6, 7", "error.non_numeric", {"row": 2, "col": 2, "value": "5 6"}),
        ("1,2\n3,4 x", "error.non_numeric", {"row": 2, "col": 2, "value": "4 x"}),
    ],
)
def test_bad_csv(text: str, key: str, params: dict) -> None:
    err = _error(parse_csv, text)
    assert err.key == key
    assert params.items() <= err.params.items()


def test_csv_over_the_cap() -> None:
    rows = "\n".join(",".join(["1"] * 3) for _ in range(201))
    err = _error(parse_csv, rows)
    assert (err.key, err.params["rows"], err.params["max_rows"]) == ("error.too_large", 201, 200)
    err = _error(parse_csv, "1," * 200 + "1\n" + "1," * 200 + "1")
    assert (err.key, err.params["cols"], err.params["max_cols"]) == ("error.too_large", 201, 200)
    assert parse_csv("\n".join([",".join(["1"] * 200)] * 200)).shape == (200, 200)
    header_then_cap = "x,y\n" + "\n".join(["1,2"] * 200)
    assert parse_csv(header_then_cap).shape == (200, 2)


def test_binary_and_oversized_uploads() -> None:
    assert _error(parse_csv, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").key == "input.not_text"
    err = _error(parse_csv, b"1," * (MAX_CSV_BYTES // 2 + 1))
    assert err.key == "input.file_too_large" and err.params["max_kb"] == MAX_CSV_BYTES // 1000


def test_grid_accepts_lists_arrays_and_tables() -> None:
    np.testing.assert_array_equal(parse_grid(M), M)
    np.testing.assert_array_equal(parse_grid(np.array(M)), M)
    np.testing.assert_array_equal(parse_grid([["1", " 2 "], [3, 4.0]]), M)
    table = pd.DataFrame([[1.0, 2.0], [3.0, 4.0], [None, None]])  # a row just added, left empty
    np.testing.assert_array_equal(parse_grid(table), M)


@pytest.mark.parametrize(
    ("grid", "key", "params"),
    [
        ([], "error.empty", {}),
        ([[None, None], [None, None]], "error.empty", {}),
        ([[1, "x"], [3, 4]], "error.non_numeric", {"row": 1, "col": 2, "value": "x"}),
        ([[1, 2], [3, "nan"]], "error.non_finite", {"row": 2, "col": 2}),
        ([[1, 2], [float("inf"), 4]], "error.non_finite", {"row": 2, "col": 1}),
        ([[1, 2], [float("nan"), 4]], "input.missing_cell", {"row": 2, "col": 1}),
        ([[1, 2], [3, ""]], "input.missing_cell", {"row": 2, "col": 2}),
        ([[1, 2, 3], [4, 5]], "input.ragged_row", {"row": 2, "expected": 3, "found": 2}),
        ([[5]], "input.too_small", {"rows": 1, "cols": 1}),
        ([[1, 2, 3]], "input.too_small", {"rows": 1, "cols": 3}),
        ([[1] * 13] * 2, "error.too_large", {"cols": 13, "max_cols": 12}),
        ([[1] * 2] * 13, "error.too_large", {"rows": 13, "max_rows": 12}),
        ("1,2;3,4", "error.not_matrix", {}),
        ([1, 2, 3], "error.not_matrix", {}),
        ([[1, 2], [3, 1 + 2j]], "error.non_numeric", {"row": 2, "col": 2}),
    ],
)
def test_bad_grid(grid: object, key: str, params: dict) -> None:
    err = _error(parse_grid, grid)
    assert err.key == key
    assert params.items() <= err.params.items()


def test_grid_reports_rows_of_the_table_after_blank_rows() -> None:
    err = _error(parse_grid, [[1, 2], [None, None], [3, "y"]])
    assert (err.key, err.params["row"], err.params["col"]) == ("error.non_numeric", 3, 2)


def test_grid_cap_is_twelve() -> None:
    assert MAX_GRID_SHAPE == (12, 12)
    assert parse_grid(np.ones((12, 12))).shape == (12, 12)


def test_to_csv() -> None:
    assert to_csv(np.array([[1.0, -0.0], [1 / 3, 2e-20]])) == "1,0\n0.333333333333,2e-20\n"
    assert to_csv(np.array([1.0, 2.5])) == "1,2.5\n"


finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(2, 12), st.integers(2, 12)), elements=finite),
    st.sampled_from([",", ";", "\t", " "]),
)
def test_csv_round_trip(matrix: np.ndarray, delimiter: str) -> None:
    text = to_csv(matrix, digits=17).replace(",", delimiter)
    np.testing.assert_array_equal(parse_csv(text), matrix + 0.0)


def test_upload_size_limit_is_two_megabytes_at_its_exact_limit() -> None:
    assert MAX_CSV_BYTES == 2_000_000
    # exactly at the limit: read (and found blank), one byte more: refused for its size
    assert _error(parse_csv, b" " * MAX_CSV_BYTES).key == "error.empty"
    err = _error(parse_csv, b" " * (MAX_CSV_BYTES + 1))
    assert err.key == "input.file_too_large"
    assert err.params == {"size_kb": 2001, "max_kb": 2000}  # ceil(2000.001)
    assert type(err.params["max_kb"]) is int  # shown as "2000 KB", not "2000.0 KB"


def test_too_large_is_reported_before_a_ragged_row() -> None:
    tall = [[1, 2]] * 12 + [[1]]  # 13 rows, the last one short
    err = _error(parse_grid, tall)
    assert (err.key, err.params["rows"], err.params["max_rows"]) == ("error.too_large", 13, 12)
    wide = [[1] * 13, [1] * 12]  # 13 columns, the second row short
    err = _error(parse_grid, wide)
    assert (err.key, err.params["cols"], err.params["max_cols"]) == ("error.too_large", 13, 12)


@pytest.mark.parametrize("grid", [None, 5, 2.5])
def test_grid_that_is_no_table_is_refused(grid: object) -> None:
    assert _error(parse_grid, grid).key == "error.not_matrix"


def test_a_non_square_cap_checks_rows_and_columns_against_their_own_limit() -> None:
    cap = (3, 5)
    assert parse_csv("1,2,3,4,5\n" * 3, max_shape=cap).shape == (3, 5)
    err = _error(parse_csv, "1,2\n1,2\n1,2\n1", cap)  # 4 rows, the last one short
    assert err.key == "error.too_large"
    assert err.params == {"rows": 4, "cols": 2, "max_rows": 3, "max_cols": 5}
    err = _error(parse_csv, "1,2,3,4,5,6\n1,2", cap)  # 6 columns, the second row short
    assert err.params == {"rows": 2, "cols": 6, "max_rows": 3, "max_cols": 5}


def test_mixed_decimals_name_the_later_cell_and_at_most_20_characters() -> None:
    err = _error(parse_csv, "1,5;2.5\n3;4")  # the point comes second: it is named
    assert (err.key, err.params) == ("input.mixed_decimals", {"row": 1, "col": 2, "value": "2.5"})
    err = _error(parse_csv, "1;2\n3.5;4\n5;6,25")  # the comma is on a later line
    assert err.params == {"row": 3, "col": 2, "value": "6,25"}
    long = "2," + "5" * 30
    err = _error(parse_csv, f"1.5;{long}\n3;4")
    assert err.params["value"] == long[:20] and len(err.params["value"]) == 20
