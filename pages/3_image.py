"""/image — the same low-rank idea on a photograph: blur to sharp, and what each rank costs.

Pieces, top to bottom: the picture choice (built-in or upload), the rank control (``rank_slider``
or, in auto mode, ``energy_slider``), the pictures with the key numbers (``show_pictures``,
``show_metrics``), the storage and energy figures (``show_numbers``), the spectrum charts,
downloads, the note, the rank-1 layers and a self-check.

Everything that depends on k sits in the fragment ``rank_view``, so a slider move reruns only
that part. With the rank slider the rank-k picture is the live view (``lowrank/ui/live_rank.py``):
the browser redraws it while the slider is dragged; in auto mode it is a plain PNG.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from lowrank import image as im
from lowrank.digest import array_digest
from lowrank.errors import InputError
from lowrank.image_figures import energy_figure, spectrum_figure
from lowrank.ui import image as loaders
from lowrank.ui.frame import Frame, frame
from lowrank.ui.live_rank import live_factors, live_rank
from lowrank.ui.loaders import shared_on
from lowrank.ui.widgets import (
    Question,
    check_query_param,
    in_the_note,
    is_int_in,
    is_number_in,
    self_check,
    show_input_error,
    url_choice,
)

UPLOAD = "upload"
SOURCES = (*im.BUILTIN_NAMES, UPLOAD)
DEFAULT_SOURCE = "photo"
DEFAULT_K = 20
DEFAULT_ENERGY = 90.0  # percent
ENERGY_RANGE = (50.0, 99.9)
LAYER_COUNT = 4
UPLOAD_TYPES = ("png", "jpg", "jpeg", "webp", "gif")
# Session state: the last valid upload (a working-size Picture, ≤ 3 MB) and the last refusal.
UPLOADED = "image_uploaded_picture"
UPLOAD_ERROR = "image_upload_error"


def take_upload() -> None:
    """Uploader callback: keep a valid upload and switch to it; remember why a bad one failed."""
    file = st.session_state.get("image_file")
    st.session_state.pop(UPLOAD_ERROR, None)
    if file is None:  # the student removed the file: the last valid picture stays
        return
    try:
        st.session_state[UPLOADED] = im.load_upload(file.getvalue())
    except InputError as error:
        st.session_state[UPLOAD_ERROR] = error
        return
    st.query_params["img"] = UPLOAD


def choose_picture(page: Frame) -> tuple[im.Picture, bool]:
    """The picture choice, colour or grey, and the uploader; returns (picture, grey)."""
    left, middle, right = st.columns([6, 2.4, 3.6])
    with left:
        source = url_choice(
            page,
            page.t("image.source"),
            SOURCES,
            "img",
            default=DEFAULT_SOURCE,
            format_func=lambda name: page.t(f"image.source.{name}"),
            widget=st.segmented_control,
            required=True,
        )
    with middle:
        grey = (
            url_choice(
                page,
                page.t("image.mode"),
                ("colour", "grey"),
                "mode",
                default="colour",
                format_func=lambda name: page.t(f"image.mode.{name}"),
                widget=st.segmented_control,
                required=True,
                help=page.t("image.mode_help"),
            )
            == "grey"
        )
    with right:
        st.file_uploader(
            page.t("image.upload"),
            type=list(UPLOAD_TYPES),
            key="image_file",
            on_change=take_upload,
            help=page.t(
                "image.upload_help",
                max_mb=im.MAX_UPLOAD_BYTES // 2**20,
                max_megapixels=im.MAX_PIXELS // 10**6,
                side=im.WORKING_SIDE,
            ),
        )
    if UPLOAD_ERROR in st.session_state:
        show_input_error(page, st.session_state[UPLOAD_ERROR])
    if source != UPLOAD:
        return loaders.builtin_picture(source), grey
    if UPLOADED not in st.session_state:  # a shared link cannot carry the upload itself
        st.info(page.t("image.upload_missing"), icon="🔗")
        return loaders.builtin_picture(DEFAULT_SOURCE), grey
    return st.session_state[UPLOADED], grey


def working_size_note(page: Frame, picture: im.Picture) -> None:
    """Say at what size the page computes, and what happened to the file on the way."""
    width, height = picture.size
    text = page.t("image.working_size", width=width, height=height, side=im.WORKING_SIDE)
    if picture.reduced:
        source_width, source_height = picture.source_size
        text += " " + page.t("image.reduced_from", width=source_width, height=source_height)
    if picture.frames > 1:
        text += " " + page.t("image.first_frame", frames=picture.frames)
    st.caption(text)


def rank_slider(page: Frame, decomposition: im.ImageSVD) -> int:
    """The rank k, 1 … min(m, n), bound to ``?k=``."""
    top = decomposition.max_rank
    if "k" not in st.session_state:  # first run with the slider: the URL may hold anything
        check_query_param(page, "k", is_int_in(1, top))
    elif st.session_state["k"] > top:  # a smaller picture than the last one: the URL follows
        st.session_state["k"] = top
    return st.slider(
        page.t("image.k", top=top),
        min_value=1,
        max_value=top,
        value=min(DEFAULT_K, top),
        key="k",
        bind="query-params",
    )


def energy_slider(page: Frame, decomposition: im.ImageSVD) -> int:
    """Auto mode: the target energy share (%, bound to ``?energy=``); returns the k it needs."""
    check_query_param(page, "energy", is_number_in(*ENERGY_RANGE))
    target = st.slider(
        page.t("image.energy_target"),
        min_value=ENERGY_RANGE[0],
        max_value=ENERGY_RANGE[1],
        value=DEFAULT_ENERGY,
        step=0.1,
        format="%.1f%%",
        key="energy",
        bind="query-params",
    )
    k = im.rank_for_share(decomposition, target / 100)
    st.markdown(page.t("image.auto_k", k=k, target=f"{target:.1f}"))
    return k


def rank_control(page: Frame, decomposition: im.ImageSVD) -> tuple[int, bool]:
    """Rank slider, or the energy target that picks k (auto mode): (k, True for the slider)."""
    left, right = st.columns([1.3, 3])
    with left:
        how = url_choice(
            page,
            page.t("image.pick"),
            ("rank", "energy"),
            "pick",
            default="rank",
            format_func=lambda name: page.t(f"image.pick.{name}"),
            widget=st.segmented_control,
            required=True,
        )
    with right:
        if how == "energy":
            return energy_slider(page, decomposition), False
        return rank_slider(page, decomposition), True


def show_pictures(
    page: Frame,
    digest: str,
    original: np.ndarray,
    approximation: np.ndarray,
    numbers: im.RankNumbers,
    live: bool,
) -> None:
    """The rank-k picture next to the original (or the amplified error), and the key numbers.

    With ``live`` (the rank slider is shown) the rank-k picture follows the slider while it is
    dragged; otherwise, or without the component, it is a PNG.
    """
    left, middle, right = st.columns(3)
    with right:
        show_error = st.toggle(page.t("image.show_error"), key="image_show_error")
        show_metrics(page, numbers)
    if show_error:
        left.image(
            im.error_image(original, approximation),
            caption=page.t("image.error_caption", k=numbers.k, gain=im.ERROR_GAIN),
            width="stretch",
            output_format="PNG",
        )
    else:  # the cached PNG, sent as it is: not encoded again on every move
        left.image(
            loaders.png(digest, original),
            caption=page.t("image.original"),
            width="stretch",
            output_format="PNG",
        )
    with middle:
        shown = live and live_rank(
            page,
            key="image_live",
            slider_key="k",
            digest=digest,
            caption=page.t("image.rank_k", k="{k}"),
        )
        if not shown:
            st.image(
                approximation,
                caption=page.t("image.rank_k", k=numbers.k),
                width="stretch",
                output_format="PNG",
            )


def _percent(share: float, digits: int = 2) -> str:
    """A share as a percentage that never rounds a loss away (99.996 % is not "100.00 %")."""
    text = f"{share:.{digits}%}"
    if share < 1 and text == f"{1:.{digits}%}":
        return f"> {1 - 10 ** -(digits + 2):.{digits}%}"
    return text


def _subscript(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def show_metrics(page: Frame, numbers: im.RankNumbers) -> None:
    """Rank, energy kept, PSNR and the share of numbers stored, as a 2 × 2 grid."""
    top = st.columns(2)
    top[0].metric(page.t("image.metric.k"), numbers.k)
    top[1].metric(page.t("image.metric.energy"), _percent(numbers.energy_kept, 1))
    bottom = st.columns(2)
    psnr = page.t("image.psnr_inf") if np.isinf(numbers.psnr_db) else f"{numbers.psnr_db:.1f} dB"
    bottom[0].metric(page.t("image.metric.psnr"), psnr, help=page.t("image.psnr_help"))
    bottom[1].metric(
        page.t("image.metric.stored"), f"{numbers.ratio:.1%}", help=page.t("image.stored_help")
    )


def show_numbers(page: Frame, decomposition: im.ImageSVD, numbers: im.RankNumbers) -> None:
    """Numbers stored against pixels, the break-even rank, and the ranks for 90 % / 99 %."""
    m, n = decomposition.shape
    st.markdown(
        page.t(
            "image.storage" if decomposition.colour else "image.storage_grey",
            k=numbers.k,
            m=m,
            n=n,
            stored=f"{numbers.stored:,}",
            original=f"{numbers.original:,}",
            ratio=f"{numbers.ratio:.1%}",
        )
    )
    if numbers.saves:
        st.caption(page.t("image.break_even", k=im.break_even_rank(m, n)))
    else:
        st.warning(page.t("image.no_saving", k=im.break_even_rank(m, n)), icon="📦")
    ranks = [
        page.t("image.k_for", share=share, k=im.rank_for_share(decomposition, share / 100))
        for share in (90, 99)
    ]
    text = " · ".join(ranks)
    if decomposition.colour:
        per_channel = " · ".join(
            f"{name} {k90}/{k99}"
            for name, k90, k99 in zip(
                im.CHANNELS,
                im.channel_ranks_for_share(decomposition, 0.90),
                im.channel_ranks_for_share(decomposition, 0.99),
                strict=True,
            )
        )
        text += " " + page.t("image.per_channel", detail=per_channel)
    st.markdown(text)
    if decomposition.colour:
        kept = " · ".join(
            f"{name} {_percent(share)}"
            for name, share in zip(im.CHANNELS, numbers.channel_energy_kept, strict=True)
        )
        st.caption(page.t("image.channel_energy", detail=kept))
    st.caption(page.t("image.energy_vs_eye"))


def show_spectrum(page: Frame, digest: str, decomposition: im.ImageSVD, k: int) -> None:
    """σᵢ on a log axis and the cumulative energy, per channel, with k marked."""
    labels = {
        "channel_names": [page.t(f"image.channel.{c}") for c in im.CHANNELS],
        "all_name": page.t("image.channel.all" if decomposition.colour else "image.channel.grey"),
    }
    left, right = st.columns(2)
    spectrum = shared_on(
        digest, spectrum_figure, decomposition, k, title=page.t("image.spectrum_title"),
        y_title="σᵢ", **labels
    )
    left.plotly_chart(spectrum, key="image_spectrum")
    right.plotly_chart(
        shared_on(
            digest,
            energy_figure,
            decomposition,
            k,
            title=page.t("image.energy_title"),
            y_title=page.t("image.energy_axis"),
            x_note=page.t("image.log_scale"),
            **labels,
        ),
        key="image_energy",
    )


def show_layers(page: Frame, digest: str, decomposition: im.ImageSVD) -> None:
    """The first rank-1 layers σᵢuᵢvᵢᵀ: the rank-k picture is the sum of the first k."""
    st.subheader(page.t("image.layers_title"))
    st.markdown(page.t("image.layers_intro"))
    pictures = loaders.layers(digest, LAYER_COUNT, decomposition)
    columns = st.columns(LAYER_COUNT)
    for i, (column, layer) in enumerate(zip(columns, pictures, strict=False), start=1):
        caption = page.t("image.layer", i=i, sub=_subscript(i))
        column.image(layer, caption=caption, width="stretch")
    st.caption(page.t("image.layers_scale"))


def show_downloads(
    page: Frame,
    digest: str,
    original: np.ndarray,
    decomposition: im.ImageSVD,
    approximation: np.ndarray,
    numbers: im.RankNumbers,
) -> None:
    """PNG of the rank-k picture, the spectrum as CSV, and why the PNG is not smaller."""
    st.subheader(page.t("widget.downloads"))
    left, right = st.columns(2)
    left.download_button(
        page.t("image.download_png", k=numbers.k),
        data=lambda: im.png_bytes(approximation),
        file_name=f"rank_{numbers.k}.png",
        mime="image/png",
        key="image_download_png",
        on_click="ignore",
    )
    right.download_button(
        page.t("image.download_csv"),
        data=lambda: im.spectrum_csv(decomposition),
        file_name="spectrum.csv",
        mime="text/csv",
        key="image_download_csv",
        on_click="ignore",
    )
    st.info(page.t("image.png_not_smaller"), icon="💾")
    if st.toggle(page.t("image.compare_sizes"), key="image_compare_sizes"):
        st.markdown(
            page.t(
                "image.sizes",
                k=numbers.k,
                approx_kb=f"{im.kilobytes(im.png_bytes(approximation)):,.0f}",
                original_kb=f"{loaders.smallest_png_kb(digest, original):,.0f}",
                ratio=f"{numbers.ratio:.1%}",
            )
        )


def note_box(page: Frame, numbers: im.RankNumbers) -> None:
    """The note's words on keeping the largest values, and the precise version, live."""
    in_the_note(
        page,
        "image.note",
        "image.precise",
        extra=lambda: st.markdown(
            page.t("image.note_live", k=numbers.k, energy=_percent(numbers.energy_kept))
        ),
    )


QUESTIONS = (
    Question("image.q1", ("stripes", "noise", "same"), "noise"),
    Question("image.q2", ("brightness", "wrong", "screen"), "brightness"),
    Question("image.q3", ("pixels", "lossy", "bug"), "pixels"),
)


@st.fragment
def rank_view(page: Frame, digest: str, original: np.ndarray, decomposition: im.ImageSVD) -> None:
    """Everything that follows the rank: rerun alone when the slider moves."""
    k, live = rank_control(page, decomposition)
    approximation = loaders.rank_k_picture(digest, k, decomposition)
    numbers = im.rank_numbers(decomposition, original, approximation, k)
    show_pictures(page, digest, original, approximation, numbers, live)
    show_numbers(page, decomposition, numbers)
    show_spectrum(page, digest, decomposition, k)
    show_downloads(page, digest, original, decomposition, approximation, numbers)
    note_box(page, numbers)


page = frame("image")
st.title(page.t("page.image.title"))
st.markdown(page.t("image.question"))

picture, grey = choose_picture(page)
original = loaders.working_pixels(picture, grey)
digest = array_digest(original)
with st.spinner(page.t("image.computing")):
    decomposition = loaders.image_svd(digest, original)
working_size_note(page, picture)

rank_view(page, digest, original, decomposition)
show_layers(page, digest, decomposition)
self_check(page, QUESTIONS)
live_factors("image_factors", decomposition.channels, digest)  # outside the fragment: sent once
