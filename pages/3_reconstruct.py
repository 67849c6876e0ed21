"""Keep the largest singular values: S_k, its rank-1 layers, energy kept, error, and a challenge."""

import functools

import numpy as np
import streamlit as st

from lowrank import formatting as fmt
from lowrank import i18n
from lowrank.analysis import GUESS_STRATEGIES, RankK, guess, guess_verdict, note_check, rank_k
from lowrank.digest import array_digest
from lowrank.svd import SVD
from lowrank.ui.block import block
from lowrank.ui.frame import Frame, frame
from lowrank.ui.live_rank import MATRIX_DTYPE, Heatmap, live_factors, live_layers, live_rank
from lowrank.ui.loaders import cached_svd, shared, shared_on
from lowrank.ui.matrix_pages import downloads, heatmap_grid, matrix_summary
from lowrank.ui.matrix_source import MatrixSource, matrix_source
from lowrank.ui.widgets import Question, check_query_param, in_the_note, is_int_in, self_check
from lowrank.views import alt_texts
from lowrank.views.block import Block
from lowrank.views.figures import ANNOTATE_MAX_SIDE
from lowrank.views.reconstruct import (
    charts_block,
    layer_panels,
    layers_shown,
    numbers_block,
    reconstruction_panels,
)
from lowrank.views.svd import Panel, matrix_scale, panel_figures

#: The rank slider's key, and so its URL parameter (``/reconstruct?k=2``).
RANK_KEY = "k"
SEED_KEY = "s1_beat_seed"
#: The blocks that follow k in the browser (lowrank/ui/block.py): the numbers, and the energy
#: curve with the σ bars.
NUMBERS_BLOCK = "rec_numbers"
CHARTS_BLOCK = "rec_charts"


def rank_slider(page: Frame, rank: int) -> int:
    """k from 1 to rank(S), bound to ``?k=``.

    A k from the URL is checked when the slider first appears (a bad one is noted; Streamlit then
    drops it); later, a k beyond a newly chosen matrix's rank is pulled back to that rank.
    """
    state = st.session_state
    if RANK_KEY not in state:
        check_query_param(page, RANK_KEY, is_int_in(1, rank))
    elif state[RANK_KEY] > rank:
        state[RANK_KEY] = rank
    if rank == 1:
        st.info(page.t("rec.rank_one"))
        return 1
    return st.slider(
        page.t("rec.slider"),
        1,
        rank,
        key=RANK_KEY,
        bind="query-params",
        help=page.t("rec.slider.help"),
    )


def reconstruction_display(
    page: Frame, digest: str, panels: list[Panel], scale: float, live: bool
) -> None:
    """S, S_k and S − S_k side by side on the scale of S.

    With ``live`` (the rank slider is shown) S_k and S − S_k are live views that the browser
    redraws while the slider is dragged; otherwise, or without the component, Plotly heatmaps.
    """
    columns = st.columns(3)
    original = shared(panel_figures, panels[:1], scale=scale)[0]
    columns[0].plotly_chart(original, key="reconstruction_0")
    titles = (
        page.t("rec.heat.approx", k="{k}", sub="{sub}"),
        page.t("rec.heat.residual", sub="{sub}"),
    )
    pairs = zip(columns[1:], panels[1:], titles, strict=True)
    for i, (column, panel, title) in enumerate(pairs, start=1):
        with column:
            style = Heatmap(
                scale, panel.decimals, max(panel.matrix.shape) <= ANNOTATE_MAX_SIDE, residual=i == 2
            )
            shown = live and live_rank(
                page,
                key=f"reconstruction_live_{i}",
                slider_key=RANK_KEY,
                digest=digest,
                caption=title,
                alt="residual" if style.residual else "approx",  # alt_texts.live_views' names
                heatmap=style,
            )
            if not shown:
                st.plotly_chart(
                    shared(panel_figures, [panel], scale=scale)[0], key=f"reconstruction_{i}"
                )
    st.caption(page.t("rec.heat.caption"))


def numbers_display(page: Frame, numbers: Block, k: int) -> None:
    """Energy kept, both errors computed directly and by formula, and the storage, at the
    slider's k (drawn by the block renderer as k moves)."""
    if not page.presenting:  # on a projector the four labelled numbers speak for themselves
        st.subheader(page.t("rec.numbers"))
    block(NUMBERS_BLOCK, RANK_KEY, numbers, at=k)
    st.info(page.t("rec.eckart_young"), icon="📐")


def live_texts(results: list[RankK], lang: str) -> dict[str, tuple[str, ...]]:
    """The live heatmaps' texts for screen readers at every k, in ``lang`` (cached per matrix)."""
    return alt_texts.live_views(results, functools.partial(i18n.t, lang=lang))


def blocks_in(subject: tuple[np.ndarray, SVD], rank: int, lang: str) -> tuple[Block, Block]:
    """The numbers and the charts at every k from 1 to ``rank`` of the matrix and its SVD, in
    ``lang`` (cached per matrix: a slider move sends them again but does not build them)."""
    matrix, svd = subject
    t = functools.partial(i18n.t, lang=lang)
    every_k = [rank_k(matrix, svd, k) for k in range(1, rank + 1)]
    return numbers_block(every_k, float(svd.s[0]), t), charts_block(every_k, svd.s, t)


def layer_panels_in(svd: SVD, count: int, lang: str) -> list[Panel]:
    """The first ``count`` layers σᵢuᵢvᵢᵀ, titled in ``lang`` (cached per matrix: the same at
    every k)."""
    title = functools.partial(i18n.t, "rec.layer.title", lang=lang)
    return layer_panels(
        svd, count, lambda i, sigma: title(i=i, sub=fmt.subscript(i), sigma=fmt.number(sigma))
    )


def layers_display(page: Frame, svd: SVD, k: int, rank: int, scale: float, digest: str) -> None:
    """The first layers σᵢuᵢvᵢᵀ whose sum is S_k: drawn in the browser as k moves when the
    slider is shown (rank > 1), otherwise as Plotly heatmaps."""
    st.subheader(page.t("rec.layers.header"))
    st.caption(page.t("rec.layers.caption"))
    live = rank > 1
    count = layers_shown(svd.shape, rank if live else k)
    panels = shared_on(digest, layer_panels_in, svd, count, page.lang)
    if live and live_layers(
        key="layers_live",
        slider_key=RANK_KEY,
        digest=digest,
        titles=[panel.title for panel in panels],
        decimals=[panel.decimals for panel in panels],
        scale=scale,
        annotate=max(svd.shape) <= ANNOTATE_MAX_SIDE,
        more=page.t("rec.layers.more", shown="{shown}", more="{more}"),
    ):
        return
    heatmap_grid(panels, "layer", per_row=3, scale=scale)
    if k > count:
        st.caption(page.t("rec.layers.more", shown=count, more=k - count))


def beat_it(page: Frame, matrix: np.ndarray, svd: SVD, result: RankK, look: Panel) -> None:
    """The student's own rank-k guess against the SVD's error; ``look`` is S_k's panel, whose
    decimals the guess is shown with."""
    st.subheader(page.t("rec.beat.header"))
    st.markdown(page.t("rec.beat.text"))
    strategy = st.radio(
        page.t("rec.beat.strategy"),
        GUESS_STRATEGIES,
        format_func=lambda name: page.t(f"rec.beat.{name}"),
        key="s1_beat_strategy",
    )
    if strategy == "random" and st.button(page.t("rec.beat.new_random"), key="s1_beat_new"):
        st.session_state[SEED_KEY] = st.session_state.get(SEED_KEY, 0) + 1
    attempt = shared(guess, matrix, strategy, result.k, seed=st.session_state.get(SEED_KEY, 0))
    picture, numbers = st.columns([1, 2])
    title = page.t("rec.beat.guess_title", rank=attempt.rank)
    shown = Panel(title, "guess", attempt.approx, look.decimals)
    figure = shared(panel_figures, [shown], scale=matrix_scale(matrix))[0]
    picture.plotly_chart(figure, key="guess_chart")
    sigma1 = float(svd.s[0])
    mine = fmt.number(attempt.frobenius_error, 4, scale=sigma1)
    best = fmt.number(result.frobenius_direct, 4, scale=sigma1)
    numbers.metric(page.t("rec.beat.guess_metric"), mine)
    numbers.metric(page.t("rec.beat.svd_metric"), best)
    outcome, ratio = guess_verdict(attempt.frobenius_error, result.frobenius_direct, sigma1)
    message = page.t(f"rec.beat.{outcome}", ratio=fmt.number(ratio, 3), k=result.k, guess=mine)
    (numbers.info if outcome == "tie" else numbers.success)(message)


def note_box(page: Frame, matrix: np.ndarray, svd: SVD, k: int) -> None:
    """The note's "determinant by summed squares" step, with the precise numbers."""
    check = note_check(matrix, svd, k)

    def live() -> None:
        before = page.t(
            "rec.note.before",
            entries=fmt.number(check.before_entries, 6),
            sigma=fmt.number(check.before_sigma, 6),
        )
        after = page.t(
            "rec.note.after",
            k=k,
            entries=fmt.number(check.after_entries, 6),
            sigma=fmt.number(check.after_sigma, 6),
        )
        kept = page.t("rec.note.kept", kept=fmt.percent(check.kept))
        st.markdown(f"- {before}\n- {after}\n- {kept}")
        det = check.determinant
        if det is None:
            m, n = matrix.shape
            st.markdown(page.t("rec.note.no_det", m=m, n=n))
        else:
            st.markdown(
                page.t(
                    "rec.note.det",
                    det="0" if det.singular else fmt.power(det.sign, det.log10_abs),
                    product="0" if det.singular else fmt.power(1.0, det.log10_sigma_product),
                    sigma=fmt.number(check.before_sigma, 6),
                )
            )

    in_the_note(page, "rec.note.says", "rec.note.precise", extra=live)


@st.fragment
def rank_view(page: Frame, source: MatrixSource, svd: SVD, digest: str, rank: int) -> None:
    """Everything that follows the rank slider (rerun alone when k moves)."""
    matrix = source.matrix
    k = rank_slider(page, rank)
    result = shared(rank_k, matrix, svd, k)
    numbers, charts = shared_on(digest, blocks_in, (matrix, svd), rank, page.lang)
    scale = matrix_scale(matrix)
    rows, cols = matrix.shape
    titles = (
        page.t("s1.heat.s", rows=rows, cols=cols),
        page.t("rec.heat.approx", k=k, sub=fmt.subscript(k)),
        page.t("rec.heat.residual", sub=fmt.subscript(k)),
    )
    panels = reconstruction_panels(matrix, result, titles)
    if page.presenting:  # on a projector the numbers come first, in the first screen
        numbers_display(page, numbers, k)
    reconstruction_display(page, digest, panels, scale, live=rank > 1)
    if not page.presenting:
        numbers_display(page, numbers, k)
    block(CHARTS_BLOCK, RANK_KEY, charts, at=k)
    layers_display(page, svd, k, rank, scale, digest)
    beat_it(page, matrix, svd, result, panels[1])
    note_box(page, matrix, svd, k)
    sigma1 = float(svd.s[0])
    downloads(
        page,
        panels,
        slide_title=page.t("rec.slide.title", k=k, kept=fmt.percent(result.energy_kept)),
        file_prefix=f"reconstruct_{source.source}_k{k}",
        footer=page.t(
            "rec.slide.footer",
            frobenius=fmt.number(result.frobenius_direct, 4, scale=sigma1),
            spectral=fmt.number(result.spectral_formula, 4, scale=sigma1),
            stored=result.storage,
            full=result.full_storage,
        ),
        shared_scale=True,
    )


page = frame("reconstruct")
st.title(page.t("page.reconstruct.title"))
st.markdown(f"#### {page.t('rec.question')}")

source = matrix_source(page)
svd = cached_svd(source.matrix)
digest = array_digest(source.matrix)
rank = matrix_summary(page, source.matrix, svd)
if rank > 0:
    rank_view(page, source, svd, digest, rank)

self_check(
    page,
    [
        Question("rec.quiz.spectral", ("b", "a", "c"), "a"),
        Question("rec.quiz.energy", ("b", "c", "a"), "a"),
        Question("rec.quiz.storage", ("b", "a", "c"), "a"),
    ],
)
if rank > 1:  # the live views' data, outside the fragment: sent once per matrix
    every_k = [shared(rank_k, source.matrix, svd, k) for k in range(1, rank + 1)]
    alts = shared_on(digest, live_texts, every_k, page.lang)
    live_factors("reconstruction_factors", [svd], digest, MATRIX_DTYPE, alts)
