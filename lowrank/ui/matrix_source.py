"""The matrix chooser shared by the SVD and reconstruction pages.

The choice lives in ``?example=<id>`` (carried between pages by the frame's links): a named example
of :mod:`lowrank.examples`, ``grid`` (typed in an editable table) or ``csv`` (an upload). Typed and
uploaded matrices are kept in session state under keys of their own (widget state is dropped when a
page is left), so they follow the student from page to page; a bad edit or upload shows a translated
message and the last valid matrix stays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from lowrank.errors import InputError
from lowrank.examples import DEFAULT_EXAMPLE, EXAMPLE_IDS, example
from lowrank.matrix_input import MAX_CSV_BYTES, MAX_GRID_SHAPE, MIN_SHAPE, parse_csv, parse_grid
from lowrank.svd import readonly
from lowrank.ui.frame import Frame
from lowrank.ui.widgets import plain, show_input_error, url_choice

#: The query parameter holding the choice (also in :data:`lowrank.pages.CARRIED_PARAMS`).
SOURCE_KEY = "example"
GRID = "grid"
CSV = "csv"
SOURCES: tuple[str, ...] = (*EXAMPLE_IDS, GRID, CSV)

_GRID_MATRIX = "s1_grid_matrix"  # last valid typed matrix
_GRID_BASE = "s1_grid_base"  # what the editor was opened with
_GRID_VERSION = "s1_grid_version"  # bumped when the grid is resized: a fresh editor
_CSV_MATRIX = "s1_csv_matrix"  # last valid uploaded matrix
_CSV_NAME = "s1_csv_name"
_CSV_FILE = "s1_csv_file"  # id of the upload already parsed (parse once, not on every rerun)
_CSV_ERROR = "s1_csv_error"  # the error of that upload, shown while it stays in the uploader


@dataclass(frozen=True)
class MatrixSource:
    """The chosen matrix (read-only) and where it came from (an example id, ``grid`` or ``csv``)."""

    source: str
    matrix: np.ndarray


def source_title_key(source: str) -> str:
    """Catalogue key of a source's title."""
    return f"source.{source}.title" if source in (GRID, CSV) else f"example.{source}.title"


def matrix_source(page: Frame) -> MatrixSource:
    """Draw the chooser (and the grid or uploader when chosen); return the matrix to study."""
    with st.container(border=True):
        source = url_choice(
            page,
            page.t("source.label"),
            SOURCES,
            SOURCE_KEY,
            default=DEFAULT_EXAMPLE,
            format_func=lambda option: page.t(source_title_key(option)),
        )
        if source == GRID:
            matrix = _typed(page)
        elif source == CSV:
            matrix = _uploaded(page)
        else:
            st.caption(page.t(f"example.{source}.desc"))
            matrix = example(source)
    return MatrixSource(source, matrix)


def _resized(matrix: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """``matrix`` cut or padded with zeros to rows × cols."""
    out = np.zeros((rows, cols))
    r, c = min(rows, matrix.shape[0]), min(cols, matrix.shape[1])
    out[:r, :c] = matrix[:r, :c]
    return out


def _typed(page: Frame) -> np.ndarray:
    """The editable grid; returns the last valid typed matrix."""
    state = st.session_state
    if _GRID_MATRIX not in state:
        start = example(DEFAULT_EXAMPLE)
        state[_GRID_MATRIX] = readonly(_resized(start, *np.minimum(start.shape, MAX_GRID_SHAPE)))
    valid: np.ndarray = state[_GRID_MATRIX]
    st.caption(page.t("source.grid.help"))
    left, right, _ = st.columns([1, 1, 3])
    rows = left.number_input(
        page.t("source.grid.rows"),
        MIN_SHAPE[0],
        MAX_GRID_SHAPE[0],
        valid.shape[0],
        key="s1_grid_rows",
    )
    cols = right.number_input(
        page.t("source.grid.cols"),
        MIN_SHAPE[1],
        MAX_GRID_SHAPE[1],
        valid.shape[1],
        key="s1_grid_cols",
    )
    version = state.get(_GRID_VERSION, 0)
    if (rows, cols) != valid.shape:
        valid = state[_GRID_MATRIX] = readonly(_resized(valid, int(rows), int(cols)))
        version = state[_GRID_VERSION] = version + 1
    editor_key = f"s1_grid_editor_{version}"
    if editor_key not in state:  # a fresh editor (first visit on this page): open it on the matrix
        state[_GRID_BASE] = valid
    base: np.ndarray = state[_GRID_BASE]
    table = pd.DataFrame(base, columns=[str(j + 1) for j in range(base.shape[1])])
    table.index = table.index + 1
    edited = st.data_editor(
        table,
        key=editor_key,
        column_config={
            name: st.column_config.NumberColumn(name, format="%.6g") for name in table.columns
        },
    )
    try:
        matrix = parse_grid(edited)
    except InputError as error:
        show_input_error(page, error)
        return valid
    if not np.array_equal(matrix, valid):
        state[_GRID_MATRIX] = readonly(matrix)
    return state[_GRID_MATRIX]


def _uploaded(page: Frame) -> np.ndarray:
    """The CSV uploader; returns the last valid uploaded matrix (the default example before one)."""
    state = st.session_state
    upload = st.file_uploader(
        page.t("source.csv.upload"),
        type=["csv", "txt", "tsv"],
        key="s1_csv_upload",
        help=page.t("source.csv.help"),
        max_upload_size=max(1, MAX_CSV_BYTES // 1_000_000),
    )
    if upload is not None and upload.file_id != state.get(_CSV_FILE):
        state[_CSV_FILE] = upload.file_id
        state[_CSV_ERROR] = None
        try:
            state[_CSV_MATRIX] = readonly(parse_csv(upload.getvalue()))
            state[_CSV_NAME] = upload.name
        except InputError as error:
            state[_CSV_ERROR] = error
    if upload is not None and state.get(_CSV_ERROR) is not None:
        show_input_error(page, state[_CSV_ERROR])
    matrix = state.get(_CSV_MATRIX)
    if matrix is None:
        st.info(page.t("source.csv.waiting"), icon="📄")
        return example(DEFAULT_EXAMPLE)
    rows, cols = matrix.shape
    st.caption(page.t("source.csv.using", name=plain(state[_CSV_NAME]), rows=rows, cols=cols))
    return matrix
