"""/choose_rank — how many singular values to keep: signal against noise, three rules side by side.

Pieces, top to bottom: the signal, the noise level σ and the energy share p (each in the URL),
the numbers and sentences that follow k, the pictures (clean, noisy, and the live rank-k view of
the noisy matrix), the two charts (the numbers and the charts are two blocks of the one renderer,
``lowrank/ui/block.py``), downloads, the rules' table, the same rules on a trained ΔW, the note
and a self-check.

The noisy matrix's SVD and everything built from it are computed once per (signal, σ, p,
language) for the whole server; a move of k reruns only the fragment ``rank_view``, which sends
the same blocks again (the renderer has already drawn the new k) and the PNG download.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from lowrank import finetune, lora
from lowrank import formatting as fmt
from lowrank import image as im
from lowrank import rank_choice as rc
from lowrank.lora import LoRAConfig
from lowrank.ui import training, why_delta_w
from lowrank.ui.block import block
from lowrank.ui.frame import Frame, frame
from lowrank.ui.live_rank import live_factors, live_rank
from lowrank.ui.loaders import shared, shared_on
from lowrank.ui.widgets import (
    Question,
    check_query_param,
    in_the_note,
    is_int_in,
    is_number_in,
    self_check,
    url_choice,
)
from lowrank.views import choose_rank as views

NOISE_RANGE = (1, 100)
DEFAULT_NOISE = 30
SHARE_RANGE = (50.0, 99.9)
DEFAULT_SHARE = 90.0
DEFAULT_K = 20
RANK_KEY = "k"
LIVE_ALTS = "rank_k"

QUESTIONS = (
    Question("choose_rank.q1", ("larger", "smaller", "same"), "smaller"),
    Question("choose_rank.q2", ("noise", "eckart", "luck"), "eckart"),
    Question("choose_rank.q3", ("largest", "energy", "median"), "median"),
)


def controls(page: Frame) -> tuple[str, int, float]:
    """The signal, the noise level σ (``?noise=``) and the energy share p (``?p=``, in %)."""
    left, middle, right = st.columns([1.3, 1, 1])
    with left:
        signal = url_choice(
            page,
            page.t("choose_rank.signal"),
            rc.SIGNALS,
            "signal",
            default="photo",
            format_func=lambda name: page.t(f"choose_rank.signal.{name}"),
            widget=st.segmented_control,
            required=True,
        )
    with middle:
        check_query_param(page, "noise", is_int_in(*NOISE_RANGE))
        level = st.slider(
            page.t("choose_rank.noise"),
            *NOISE_RANGE,
            value=DEFAULT_NOISE,
            key="noise",
            bind="query-params",
            help=page.t("choose_rank.noise_help"),
        )
    with right:
        check_query_param(page, "p", is_number_in(*SHARE_RANGE))
        share = st.slider(
            page.t("choose_rank.share"),
            *SHARE_RANGE,
            value=DEFAULT_SHARE,
            step=0.1,
            format="%.1f%%",
            key="p",
            bind="query-params",
            help=page.t("choose_rank.share_help"),
        )
    return signal, int(level), float(share)


def size_note(page: Frame, signal: str, clean: np.ndarray) -> None:
    """Say at what size the page computes."""
    m, n = clean.shape
    if signal == "photo":
        st.caption(page.t("choose_rank.size.photo", width=n, height=m))
    else:
        st.caption(page.t("choose_rank.size.planted", m=m, n=n, r=rc.PLANTED_RANK))


def rank_slider(page: Frame, top: int) -> int:
    """The rank k, 1 … min(m, n), bound to ``?k=``."""
    if RANK_KEY not in st.session_state:  # first run with the slider: the URL may hold anything
        check_query_param(page, RANK_KEY, is_int_in(1, top))
    elif st.session_state[RANK_KEY] > top:  # a smaller signal than the last one: URL follows
        st.session_state[RANK_KEY] = top
    return int(
        st.slider(
            page.t("choose_rank.k", top=top),
            min_value=1,
            max_value=top,
            value=min(DEFAULT_K, top),
            key=RANK_KEY,
            bind="query-params",
        )
    )


@st.fragment
def rank_view(
    page: Frame,
    key: str,
    result: rc.Denoising,
    pictures: tuple[views.Picture, views.Picture],
    content: views.PageContent,
) -> None:
    """Everything that follows k: rerun alone when the rank slider moves."""
    k = rank_slider(page, result.max_rank)

    def picture() -> np.ndarray:
        return views.rank_k_picture(result, k)

    block(key="choose_rank_numbers", slider_key=RANK_KEY, content=content.numbers, at=k)
    left, middle, right = st.columns(3)
    for column, shown, caption in zip(
        (left, middle), pictures, ("choose_rank.clean", "choose_rank.noisy"), strict=True
    ):
        column.image(
            shown.pixels,
            caption=page.t(caption),
            alt=shown.alt,
            width="stretch",
            output_format="PNG",
        )
    with right:
        live = live_rank(
            page,
            key="choose_rank_live",
            slider_key=RANK_KEY,
            digest=key,
            caption=page.t("choose_rank.rank_k", k="{k}", sub="{sub}"),
            alt=LIVE_ALTS,
        )
        if not live:
            st.image(
                picture(),
                caption=page.t("choose_rank.rank_k", k=k, sub=fmt.subscript(k)),
                alt=content.alts[k - 1],
                width="stretch",
                output_format="PNG",
            )
    block(key="choose_rank_charts", slider_key=RANK_KEY, content=content.charts, at=k)
    st.subheader(page.t("widget.downloads"))
    first, second = st.columns(2)
    first.download_button(
        page.t("choose_rank.download_png", k=k),
        data=lambda: im.png_bytes(picture()),
        file_name=f"noisy_rank_{k}.png",
        mime="image/png",
        key="choose_rank_download_png",
        on_click="ignore",
    )
    second.download_button(
        page.t("choose_rank.download_csv"),
        data=content.csv,
        file_name="rank_errors.csv",
        mime="text/csv",
        key="choose_rank_download_csv",
        on_click="ignore",
    )


def rules_section(page: Frame, result: rc.Denoising, content: views.PageContent) -> None:
    """The rules' table: each rule's k and the clean-signal error it gives, against the best."""
    st.subheader(page.t("choose_rank.rules_title"))
    st.markdown(page.t("choose_rank.rules_intro"))
    st.markdown(content.table)
    st.caption(views.rules_caption(result, page.t))


def delta_section(page: Frame, share: float) -> None:
    """The rules that need no noise level on the trained ΔW of the training page's task."""
    st.subheader(page.t("choose_rank.delta_title"))
    st.markdown(page.t("choose_rank.delta_intro", share=fmt.percent(share, 1)))
    run = why_delta_w.finetune_run(page, finetune.DEFAULT_SHIFT)
    with st.spinner(page.t("choose_rank.delta_progress")):
        rows = training.comparison(training.Settings(finetune.DEFAULT_SHIFT, LoRAConfig()))
    layers = shared(views.delta_layers, tuple(run.deltas), share)
    st.markdown(views.delta_table(layers, page.t))
    st.markdown(views.delta_verdict(layers, lora.DEFAULT_RANK, rows, page.t))


page = frame("choose_rank")
st.title(page.t("page.choose_rank.title"))
st.markdown(page.t("choose_rank.question"))

signal, level, share_percent = controls(page)
clean = shared(rc.clean_signal, signal)
size_note(page, signal, clean)
key = f"choose_rank/{signal}/{level}"
with st.spinner(page.t("choose_rank.computing")):
    result = shared_on(key, rc.denoise, clean, float(level))
content = shared_on(key, views.page_content, result, share_percent / 100, page.lang)
# Outside the fragment, sent once per noisy matrix: the live view's factors and texts.
live_factors("choose_rank_factors", (result.noisy,), key, alts={LIVE_ALTS: content.alts})
pictures = (
    shared_on(signal, views.clean_picture, clean, page.lang),
    shared_on(key, views.noisy_picture, result, page.lang),
)
rank_view(page, key, result, pictures, content)
rules_section(page, result, content)
delta_section(page, share_percent / 100)
in_the_note(page, "choose_rank.note", "choose_rank.precise")
self_check(page, QUESTIONS)
