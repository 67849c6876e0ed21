"""S = UΣVᵀ: the factors with their shapes, orthogonality, singular values vs eigenvalues."""

import numpy as np
import streamlit as st

from lowrank import formatting as fmt
from lowrank.analysis import eigen_comparison, orthogonality, product_error
from lowrank.svd import SVD
from lowrank.ui.frame import Frame, frame
from lowrank.ui.loaders import cached_svd
from lowrank.ui.matrix_pages import downloads, heatmap_grid, matrix_summary
from lowrank.ui.matrix_source import matrix_source
from lowrank.ui.widgets import Question, check_query_param, in_the_note, self_check
from lowrank.views.svd import Panel, eigen_table, sigma_figure, svd_panels


def factors_section(page: Frame, matrix: np.ndarray, svd: SVD, full: bool) -> list[Panel]:
    """S, U, Σ, Vᵀ with their shapes (``full``: as the toggle asks), and the product check."""
    st.subheader(page.t("svd.factors"))
    d, k = matrix.shape
    shapes = "svd.shapes.full" if full else "svd.shapes.thin"
    text = page.t(shapes, d=d, k=k, p=svd.s.size)
    if not full and d != k:  # a square S has no extra columns to leave out
        text += page.t("svd.shapes.thin_extra")
    st.markdown(text)
    if d == k:
        st.caption(page.t("svd.shapes.square", d=d))
    panels = svd_panels(matrix, svd)
    heatmap_grid(panels, "factor", per_row=2)
    error = fmt.number(product_error(matrix, svd), 2)
    st.caption(page.t("svd.product_check", error=error))
    return panels


def orthogonality_section(page: Frame, svd: SVD) -> None:
    """UᵀU and VᵀV shown as identity matrices, with the rounding left."""
    check = orthogonality(svd)
    u, v = fmt.number(check.u_deviation, 2), fmt.number(check.v_deviation, 2)
    if check.non_square:
        st.subheader(page.t("svd.orth.header_thin"))
        gap = fmt.number(check.outer_deviation, 2)
        text = page.t(
            "svd.orth.text_thin",
            u=u, v=v, name=check.non_square, rows=check.non_square_rows, p=svd.s.size, gap=gap,
        )  # fmt: skip
    else:
        st.subheader(page.t("svd.orth.header"))
        text = page.t("svd.orth.text", u=u, v=v)
    st.markdown(text)
    identities = [Panel("UᵀU", "UtU", check.utu, 0), Panel("VᵀV", "VtV", check.vtv, 0)]
    heatmap_grid(identities, "orth", per_row=2)


def sigma_section(page: Frame, svd: SVD) -> None:
    """The singular values as bars."""
    st.subheader(page.t("svd.sigma.header"))
    st.plotly_chart(sigma_figure(svd.s, page.t("svd.sigma.title")), key="sigma_bars")


def eigen_section(page: Frame, matrix: np.ndarray, svd: SVD) -> None:
    """σᵢ² next to the eigenvalues of SᵀS, and S's own eigenvalues when S is square."""
    st.subheader(page.t("svd.eig.header"))
    st.markdown(page.t("svd.eig.text"))
    comparison = eigen_comparison(matrix, svd)
    columns = ("index", "sigma", "sigma_squared", "gram", "own")
    headers = {name: page.t(f"svd.eig.col.{name}") for name in columns}
    st.dataframe(eigen_table(comparison, headers), hide_index=True, key="eigen_table")
    m, n = matrix.shape
    if comparison.extra_zeros:
        extra = comparison.extra_zeros
        st.caption(page.t("svd.eig.extra_zeros", n=n, p=comparison.sigma.size, extra=extra))
    if comparison.own_eigenvalues is None:
        st.info(page.t("svd.eig.not_square", m=m, n=n))
    elif comparison.own_match_sigma:
        st.success(page.t("svd.eig.match"))
    else:
        lam, sigma = comparison.own_eigenvalues[0], comparison.sigma[0]
        st.info(page.t("svd.eig.differ", lam=fmt.number(lam), sigma=fmt.number(sigma)), icon="🔍")
    live = page.t(
        "svd.note.live",
        sigma=fmt.number(comparison.sigma[0]),
        sigma2=fmt.number(comparison.sigma_squared[0]),
        gram=fmt.number(comparison.gram_eigenvalues[0]),
    )
    in_the_note(page, "svd.note.says", "svd.note.precise", extra=lambda: st.markdown(live))


page = frame("svd")
st.title(page.t("page.svd.title"))
st.markdown(f"#### {page.t('svd.question')}")

source = matrix_source(page)
matrix = source.matrix
thin = cached_svd(matrix)
if matrix_summary(page, matrix, thin) > 0:
    check_query_param(page, "full", lambda raw: raw.lower() in ("true", "false"))
    full = st.toggle(
        page.t("svd.full"), key="full", help=page.t("svd.full.help"), bind="query-params"
    )
    shown = cached_svd(matrix, full=True) if full else thin
    panels = factors_section(page, matrix, shown, full)
    orthogonality_section(page, shown)
    sigma_section(page, thin)
    eigen_section(page, matrix, thin)
    form = "full" if full else "thin"
    downloads(
        page,
        panels,
        slide_title=page.t("svd.slide.title"),
        file_prefix=f"svd_{source.source}_{form}",
    )

self_check(
    page,
    [
        Question("svd.quiz.shape", ("b", "a", "c"), "a"),
        Question("svd.quiz.sign", ("b", "c", "a"), "a"),
        Question("svd.quiz.gram", ("b", "a", "c"), "a"),
    ],
)
