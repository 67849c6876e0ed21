"""Pieces both section-1 pages draw: the matrix summary line and the downloads block."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import streamlit as st

from lowrank import formatting as fmt
from lowrank.matrix_input import to_csv
from lowrank.svd import SVD, default_tolerance, numerical_rank
from lowrank.ui.frame import Frame
from lowrank.ui.loaders import shared
from lowrank.views.slides import matrices_slide
from lowrank.views.svd import Panel, panel_figures


def matrix_summary(page: Frame, matrix: np.ndarray, svd: SVD) -> int:
    """One line with the shape and numerical rank of S; a note for the zero matrix. The rank."""
    rows, cols = matrix.shape
    rank = numerical_rank(svd.s, matrix.shape)
    tol = fmt.number(default_tolerance(svd.s, matrix.shape), 2)
    st.caption(
        f"{page.t('source.shape', rows=rows, cols=cols)} {page.t('s1.rank', rank=rank, tol=tol)}"
    )
    if rank == 0:
        st.warning(page.t("s1.zero_matrix"), icon="0️⃣")
    return rank


def heatmap_grid(
    panels: Sequence[Panel], key: str, per_row: int, scale: float | None = None
) -> None:
    """Annotated heatmaps, ``per_row`` to a row; all on ±``scale`` when given."""
    figures = shared(panel_figures, panels, scale=scale)
    for start in range(0, len(figures), per_row):
        columns = st.columns(per_row)
        for i, figure in enumerate(figures[start : start + per_row]):
            columns[i].plotly_chart(figure, key=f"{key}_{start + i}")


def downloads(
    page: Frame,
    panels: Sequence[Panel],
    *,
    slide_title: str,
    file_prefix: str,
    footer: str = "",
    shared_scale: bool = False,
) -> None:
    """A CSV of any shown matrix, and the same matrices as a PNG for slides (built on click).

    Files are named ``<file_prefix>_<matrix>.csv`` and ``<file_prefix>.png``, so a teacher's
    downloads say which page, matrix and rank they came from.
    """
    st.subheader(page.t("widget.downloads"))
    left, right = st.columns(2)
    with left:
        chosen = st.selectbox(
            page.t("s1.download.which"),
            range(len(panels)),
            format_func=lambda i: panels[i].title,
            key="s1_download_which",
        )
        panel = panels[chosen or 0]
        st.download_button(
            page.t("s1.download.csv", name=panel.title),
            data=lambda: to_csv(panel.matrix),
            file_name=f"{file_prefix}_{panel.stem}.csv",
            mime="text/csv",
            key="s1_download_csv",
            on_click="ignore",
            icon="📄",
        )
    with right:
        st.download_button(
            page.t("s1.download.png"),
            data=lambda: matrices_slide(
                [(p.title, p.matrix) for p in panels],
                slide_title,
                decimals=[p.decimals for p in panels],
                shared_scale=shared_scale,
                footer=footer,
            ),
            file_name=f"{file_prefix}.png",
            mime="image/png",
            key="s1_download_png",
            on_click="ignore",
            icon="🖼️",
        )
