"""/image — the same low-rank idea on a photograph: blur to sharp, and what each rank costs.

Pieces, top to bottom: the picture choice (built-in or upload), the rank control (``rank_slider``
or, in auto mode, ``energy_slider``), the pictures with the key numbers (``show_pictures``,
``show_metrics``), the storage sentences with the spectrum and energy charts (``show_numbers``),
downloads, the note, the rank-1 layers and a self-check.

Everything that depends on k sits in the fragment ``rank_view``, so a slider move reruns only
that part. Both sliders also change the view at once in the browser, before Python answers:
the rank-k picture is the live view (``lowrank/ui/live_rank.py``), redrawn while the slider is
dragged, and the numbers, sentences and charts that change with k are blocks
(``lowrank/ui/block.py``, their only renderer), built once per picture and language for every
position of the slider shown (``lowrank.views.image.image_blocks``). Left to the rerun: the
error picture (a server-side picture, when its toggle is on), the downloads and the PNG size
comparison.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import streamlit as st

from lowrank import formatting as fmt
from lowrank import i18n, image_source
from lowrank import image as im
from lowrank.digest import array_digest
from lowrank.errors import InputError
from lowrank.ui import image as loaders
from lowrank.ui.block import block
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
from lowrank.views import alt_texts
from lowrank.views.image import ImageBlocks, energy_ranks, image_blocks
from lowrank.views.positions import Positions

UPLOAD = "upload"
SOURCES = (*image_source.BUILTIN_NAMES, UPLOAD)
DEFAULT_SOURCE = "photo"
DEFAULT_K = 20
DEFAULT_ENERGY = 90.0  # percent
ENERGY_RANGE = (50.0, 99.9)
ENERGY_STEP = 0.1
#: The energy slider's positions, 50.0 … 99.9 % (500 of them).
ENERGY_POSITIONS = Positions(
    ENERGY_RANGE[0], ENERGY_STEP, round((ENERGY_RANGE[1] - ENERGY_RANGE[0]) / ENERGY_STEP) + 1
)
RANK_KEY = "k"
ENERGY_KEY = "energy"
#: The blocks' keys (lowrank/ui/block.py): the four numbers, the storage sentences with the two
#: charts, the note's live sentence, and in auto mode the k the energy target picks. Each block
#: follows the slider shown.
NUMBERS_BLOCK = "image_numbers"
DETAILS_BLOCK = "image_details"
NOTE_BLOCK = "image_note"
AUTO_K_BLOCK = "image_auto_k"
#: The name of the live view's texts for screen readers, sent with its factors.
LIVE_ALTS = "rank_k"
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
        st.session_state[UPLOADED] = image_source.load_upload(file.getvalue())
    except InputError as error:
        st.session_state[UPLOAD_ERROR] = error
        return
    st.query_params["img"] = UPLOAD


def choose_picture(page: Frame) -> tuple[image_source.Picture, bool]:
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
                max_mb=image_source.MAX_UPLOAD_BYTES // 2**20,
                max_megapixels=image_source.MAX_PIXELS // 10**6,
                side=image_source.WORKING_SIDE,
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


def working_size_note(page: Frame, picture: image_source.Picture) -> None:
    """Say at what size the page computes, and what happened to the file on the way."""
    width, height = picture.size
    text = page.t("image.working_size", width=width, height=height, side=image_source.WORKING_SIDE)
    if picture.reduced:
        source_width, source_height = picture.source_size
        text += " " + page.t("image.reduced_from", width=source_width, height=source_height)
    if picture.frames > 1:
        text += " " + page.t("image.first_frame", frames=picture.frames)
    st.caption(text)


@dataclass(frozen=True)
class Tables:
    """What each slider drives at every position (built once per picture and language)."""

    rank: ImageBlocks  #: the rank slider's blocks
    energy: ImageBlocks  #: the energy slider's
    energy_ranks: tuple[int, ...]  #: the k picked at each energy position
    every: tuple[im.RankNumbers, ...]  #: the numbers at k = 1 … min(m, n)
    alts: tuple[str, ...]  #: the live view's text alternative at k = 1 … min(m, n)


def image_tables(decomposition: im.ImageSVD, lang: str) -> Tables:
    """Both sliders' blocks for a decomposition, in ``lang`` (cached per picture digest)."""
    t = functools.partial(i18n.t, lang=lang)
    every = im.every_rank(decomposition)
    return Tables(
        rank=image_blocks(decomposition, t),
        energy=image_blocks(decomposition, t, ENERGY_POSITIONS),
        energy_ranks=energy_ranks(decomposition, ENERGY_POSITIONS),
        every=every,
        alts=tuple(alt_texts.rank_k_picture(numbers, t) for numbers in every),
    )


@dataclass(frozen=True)
class View:
    """The rank the page shows, the slider that chose it (its key and value) and its blocks."""

    k: int
    slider: str  #: RANK_KEY or ENERGY_KEY
    at: float  #: the slider's value
    blocks: ImageBlocks


def rank_slider(page: Frame, decomposition: im.ImageSVD, tables: Tables) -> View:
    """The rank k, 1 … min(m, n), bound to ``?k=``."""
    top = decomposition.max_rank
    if RANK_KEY not in st.session_state:  # first run with the slider: the URL may hold anything
        check_query_param(page, RANK_KEY, is_int_in(1, top))
    elif st.session_state[RANK_KEY] > top:  # a smaller picture than the last one: URL follows
        st.session_state[RANK_KEY] = top
    k = st.slider(
        page.t("image.k", top=top),
        min_value=1,
        max_value=top,
        value=min(DEFAULT_K, top),
        key=RANK_KEY,
        bind="query-params",
    )
    return View(k, RANK_KEY, k, tables.rank)


def energy_slider(page: Frame, tables: Tables) -> View:
    """Auto mode: the target energy share (%, bound to ``?energy=``) and the k it needs."""
    check_query_param(page, ENERGY_KEY, is_number_in(*ENERGY_RANGE))
    target = st.slider(
        page.t("image.energy_target"),
        min_value=ENERGY_RANGE[0],
        max_value=ENERGY_RANGE[1],
        value=DEFAULT_ENERGY,
        step=ENERGY_STEP,
        format="%.1f%%",
        key=ENERGY_KEY,
        bind="query-params",
    )
    assert tables.energy.auto_k is not None
    block(AUTO_K_BLOCK, ENERGY_KEY, tables.energy.auto_k, at=target)
    k = tables.energy_ranks[ENERGY_POSITIONS.index(target)]
    return View(k, ENERGY_KEY, target, tables.energy)


def rank_control(page: Frame, decomposition: im.ImageSVD, tables: Tables) -> View:
    """Rank slider, or the energy target that picks k (auto mode)."""
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
            return energy_slider(page, tables)
        return rank_slider(page, decomposition, tables)


def show_pictures(
    page: Frame,
    digest: str,
    original: np.ndarray,
    picture: Callable[[], np.ndarray],
    view: View,
    tables: Tables,
) -> None:
    """The rank-k picture next to the original (or the amplified error), and the key numbers.

    The rank-k picture is the live view, following the slider (either one) while it is dragged;
    without the component it is a PNG. ``picture()`` gives the rank-k pixels, when needed. The
    error picture stays server-side: it changes on the rerun.
    """
    left, middle, right = st.columns(3)
    with right:
        show_error = st.toggle(page.t("image.show_error"), key="image_show_error")
        show_metrics(view)
    if show_error:
        left.image(
            im.error_image(original, picture()),
            caption=page.t("image.error_caption", k=view.k, gain=im.ERROR_GAIN),
            alt=alt_texts.error_picture(tables.every[view.k - 1], im.ERROR_GAIN, page.t),
            width="stretch",
            output_format="PNG",
        )
    else:  # the cached PNG, sent as it is: not encoded again on every move
        left.image(
            loaders.png(digest, original),
            caption=page.t("image.original"),
            alt=alt_texts.original(original, page.t),
            width="stretch",
            output_format="PNG",
        )
    with middle:
        mapping = (
            {"positions": ENERGY_POSITIONS, "ranks": tables.energy_ranks}
            if view.slider == ENERGY_KEY
            else {}
        )
        shown = live_rank(
            page,
            key="image_live",
            slider_key=view.slider,
            digest=digest,
            caption=page.t("image.rank_k", k="{k}"),
            alt=LIVE_ALTS,
            **mapping,
        )
        if not shown:
            st.image(
                picture(),
                caption=page.t("image.rank_k", k=view.k),
                alt=alt_texts.rank_k_picture(tables.every[view.k - 1], page.t),
                width="stretch",
                output_format="PNG",
            )


def show_metrics(view: View) -> None:
    """Rank, energy kept, PSNR and the share of numbers stored, two by two (the block renderer
    draws them at the slider's position as it moves)."""
    block(NUMBERS_BLOCK, view.slider, view.blocks.numbers, at=view.at)


def show_numbers(page: Frame, decomposition: im.ImageSVD, view: View) -> None:
    """Numbers stored against pixels, the break-even rank and the energy per channel with the
    spectrum and the energy charts (a block), then the ranks for 90 % / 99 %."""
    block(DETAILS_BLOCK, view.slider, view.blocks.details, at=view.at)
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
    st.caption(page.t("image.energy_vs_eye"))


def show_layers(page: Frame, digest: str, decomposition: im.ImageSVD) -> None:
    """The first rank-1 layers σᵢuᵢvᵢᵀ: the rank-k picture is the sum of the first k."""
    st.subheader(page.t("image.layers_title"))
    st.markdown(page.t("image.layers_intro"))
    pictures = loaders.layers(digest, LAYER_COUNT, decomposition)
    columns = st.columns(LAYER_COUNT)
    for i, (column, layer) in enumerate(zip(columns, pictures, strict=False), start=1):
        caption = page.t("image.layer", i=i, sub=fmt.subscript(i))
        alt = alt_texts.rank_one_layer(decomposition, i, page.t)
        column.image(layer, caption=caption, alt=alt, width="stretch")
    st.caption(page.t("image.layers_scale"))


def show_downloads(
    page: Frame,
    digest: str,
    original: np.ndarray,
    decomposition: im.ImageSVD,
    picture: Callable[[], np.ndarray],
    numbers: im.RankNumbers,
) -> None:
    """PNG of the rank-k picture, the spectrum as CSV, and why the PNG is not smaller (these
    follow k on the rerun)."""
    st.subheader(page.t("widget.downloads"))
    left, right = st.columns(2)
    left.download_button(
        page.t("image.download_png", k=numbers.k),
        data=lambda: im.png_bytes(picture()),
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
                approx_kb=f"{im.kilobytes(im.png_bytes(picture())):,.0f}",
                original_kb=f"{loaders.smallest_png_kb(digest, original):,.0f}",
                ratio=f"{numbers.ratio:.1%}",
            )
        )


def note_box(page: Frame, view: View) -> None:
    """The note's words on keeping the largest values, and the precise version, live."""

    def live() -> None:
        block(NOTE_BLOCK, view.slider, view.blocks.note, at=view.at)

    in_the_note(page, "image.note", "image.precise", extra=live)


QUESTIONS = (
    Question("image.q1", ("stripes", "noise", "same"), "noise"),
    Question("image.q2", ("brightness", "wrong", "screen"), "brightness"),
    Question("image.q3", ("pixels", "lossy", "bug"), "pixels"),
)


@st.fragment
def rank_view(
    page: Frame,
    digest: str,
    original: np.ndarray,
    decomposition: im.ImageSVD,
    tables: Tables,
) -> None:
    """Everything that follows the rank: rerun alone when a slider moves."""
    view = rank_control(page, decomposition, tables)

    def picture() -> np.ndarray:  # the rank-k pixels, made only when a part needs them
        return loaders.rank_k_picture(digest, view.k, decomposition)

    show_pictures(page, digest, original, picture, view, tables)
    show_numbers(page, decomposition, view)
    show_downloads(page, digest, original, decomposition, picture, tables.every[view.k - 1])
    note_box(page, view)


page = frame("image")
st.title(page.t("page.image.title"))
st.markdown(page.t("image.question"))

picture, grey = choose_picture(page)
original = loaders.working_pixels(picture, grey)
digest = array_digest(original)
with st.spinner(page.t("image.computing")):
    decomposition = loaders.image_svd(digest, original)
working_size_note(page, picture)

# Both sliders' blocks, built once per picture and language. The factors of the live view (with
# its text alternative at each k) go outside the fragment, once per picture and before the rest
# of the page, so that the browser takes them in meanwhile.
tables = shared_on(digest, image_tables, decomposition, page.lang)
live_factors("image_factors", decomposition.channels, digest, alts={LIVE_ALTS: tables.alts})
rank_view(page, digest, original, decomposition, tables)
show_layers(page, digest, decomposition)
self_check(page, QUESTIONS)
