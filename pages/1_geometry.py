"""S = UΣVᵀ of a 2×2 matrix on the unit circle: rotate or reflect, stretch, rotate or reflect."""

import streamlit as st

from lowrank import geometry as geo
from lowrank import pages
from lowrank.ui.frame import Frame, frame, link_params
from lowrank.ui.geometry import current_matrix, geometry_view, matrix_inputs
from lowrank.ui.widgets import Question, in_the_note, self_check
from lowrank.views import geometry as views


def headline_numbers(page: Frame, g: geo.Geometry) -> None:
    """σ₁, σ₂ and det S in a row."""
    n = views.numbers(g)
    for column, name in zip(st.columns(3), ("sigma1", "sigma2", "det"), strict=True):
        column.metric(page.t(f"geo.m.{name}"), n[name])


def area_and_energy(page: Frame, g: geo.Geometry) -> None:
    """The area factor |det S| and the energy σ₁² + σ₂², side by side."""
    n = views.numbers(g)
    area, energy = st.columns(2)
    with area:
        st.markdown(f"**{page.t('geo.area.header')}**")
        st.metric(page.t("geo.m.area"), n["area"])
        st.metric(page.t("geo.m.ellipse"), n["ellipse"])
        st.caption(page.t("geo.area.caption"))
    with energy:
        st.markdown(f"**{page.t('geo.energy.header')}**")
        st.metric(page.t("geo.m.energy"), n["energy"])
        st.metric(page.t("geo.m.kept1"), n["kept1"])
        st.caption(page.t("geo.energy.caption"))


def factors_display(page: Frame, g: geo.Geometry) -> None:
    st.subheader(page.t("geo.factors.header"))
    st.markdown("\n".join(f"- {line}" for line in views.factor_lines(g, page.t)))
    st.caption(views.convention_line(g, page.t))


def rank_one_display(page: Frame, g: geo.Geometry) -> None:
    st.subheader(page.t("geo.rank1.header"))
    n = views.numbers(g)
    shown = views.matrix_text(g.rank1, views.number_scale(g))
    st.markdown(page.t("geo.rank1.matrix", matrix=shown))
    st.markdown(page.t("geo.rank1.error", error=n["error1"], sigma2=n["sigma2"], kept=n["kept1"]))
    reconstruct = pages.by_id("reconstruct")
    st.page_link(
        reconstruct.script,
        label=page.t("geo.rank1.link"),
        icon=reconstruct.icon,
        query_params=link_params(page),
    )


def eigen_display(page: Frame, g: geo.Geometry) -> None:
    st.subheader(page.t("geo.eigen.header"))
    st.markdown(views.eigen_line(g, page.t))
    st.caption(page.t("geo.eigen.always"))


page = frame("geometry")
st.title(page.t("page.geometry.title"))
st.markdown(f"#### {page.t('geo.question')}")

entries = current_matrix(page)
g = geo.geometry(entries)
picture, controls = st.columns([3, 2])
with controls:
    if page.presenting:  # on a projector the numbers come first, in the first screen
        headline_numbers(page, g)
    st.subheader(page.t("geo.input.header"))
    matrix_inputs(page)
    rank = (
        1
        if st.toggle(page.t("geo.rank1.toggle"), key="geo_rank1", help=page.t("geo.rank1.help"))
        else 2
    )
with picture:
    geometry_view(page, entries, rank)
if not page.presenting:
    headline_numbers(page, g)
area_and_energy(page, g)
factors_display(page, g)
rank_one_display(page, g)
eigen_display(page, g)
in_the_note(
    page,
    "geo.note.says",
    "geo.note.precise",
    extra=lambda: st.markdown(views.note_numbers(g, page.t)),
)
self_check(
    page,
    [
        Question("geo.quiz.area", ("b", "a", "c"), "a"),
        Question("geo.quiz.flip", ("b", "c", "a"), "a"),
        Question("geo.quiz.eigen", ("a", "b", "c"), "a"),
    ],
)
