"""Home page: what LowRank Lab teaches and the path through the note's three steps."""

import streamlit as st

from lowrank import image, pages
from lowrank.ui import image as image_cache
from lowrank.ui.frame import carried_params, frame, link_params
from lowrank.views import alt_texts

TASTE_RANKS = (1, 5, 20, 80)

page = frame("home")

st.title(page.t("app.name"))
st.markdown(f"#### {page.t('home.hero')}")
st.markdown(page.t("home.intro"))

st.markdown(f"**{page.t('home.formula')}**")
st.latex(  # two lines: one would run off a phone's screen
    r"\begin{gathered} W' = W + \Delta W = W + A \times B \\"
    r"A \in \mathbb{R}^{d\times r},\; B \in \mathbb{R}^{r\times k},\; r \ll \min(d, k)"
    r"\end{gathered}"
)

photo = image_cache.builtin_picture("photo")
photo_svd = image_cache.image_svd(photo.digest, photo.pixels)
st.markdown(f"##### {page.t('home.taste.title')}")
for column, k in zip(st.columns(len(TASTE_RANKS)), TASTE_RANKS, strict=True):
    picture = image.reconstruct_image(photo_svd, k)
    numbers = image.numbers_at(photo_svd, k)
    column.image(picture, alt=alt_texts.rank_k_picture(numbers, page.t), width="stretch")
    column.caption(
        page.t(
            "home.taste.caption",
            k=k,
            share=f"{numbers.ratio:.1%}",
            energy=f"{numbers.energy_kept:.1%}",
        )
    )
st.page_link(
    pages.by_id("image").script,
    label=page.t("home.taste.link"),
    icon="🖼️",
    query_params=link_params(page),
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
