"""Home page: what LowRank Lab teaches and the path through the note's three steps."""

import streamlit as st

from lowrank import pages
from lowrank.ui.frame import carried_params, frame

page = frame("home")

st.title(page.t("app.name"))
st.markdown(f"#### {page.t('home.hero')}")
st.markdown(page.t("home.intro"))

st.markdown(f"**{page.t('home.formula')}**")
st.latex(
    r"W' = W + \Delta W = W + A \times B,\qquad A \in \mathbb{R}^{d\times r},\;"
    r"B \in \mathbb{R}^{r\times k},\; r \ll \min(d, k)"
)

available = pages.available()
sections = [s for s in pages.SECTIONS if any(p.section == s for p in available)]
link_params = {**carried_params(), "lang": page.lang}
for column, section in zip(st.columns(len(sections) or 1), sections, strict=False):
    with column, st.container(border=True):
        st.markdown(f"##### {page.t(f'section.{section}.title')}")
        for info in (p for p in available if p.section == section):
            st.page_link(
                info.script, label=page.t(info.title_key), icon=info.icon, query_params=link_params
            )
            st.caption(page.t(info.summary_key))

st.info(page.t("home.how"), icon="🧭")
st.caption(page.t("home.note_source"))
