"""Step 2b: ΔW = A×B, the parameter count: the note's 5×4 example, any size, real models.

What each rank slider changes is drawn by the block renderer (lowrank/ui/block.py) from blocks
that hold every stop of the slider (lowrank/views/parameters.py): the "any size" counts, verdict,
picture and cost chart; the real models' module table, counts, memory bars and sizes. The runs
draw none of them. Each section's controls and blocks are a fragment (:func:`any_size`,
:func:`real_models`), so a move reruns only its section: 10 ms of server CPU for r and 16 ms for
the rank against 40 ms for the whole page (bench/load.py, 40 sessions).
"""

import streamlit as st

from lowrank import models
from lowrank.memory import PRECISIONS
from lowrank.ui.block import block
from lowrank.ui.frame import frame
from lowrank.ui.loaders import shared
from lowrank.ui.widgets import (
    Question,
    check_query_param,
    in_the_note,
    is_one_of,
    plain,
    self_check,
    url_choice,
)
from lowrank.views.parameter_blocks import blocks_picture, svg_data_url, svg_document
from lowrank.views.parameter_figures import shares_figure
from lowrank.views.parameters import model_blocks, size_block, size_texts

#: The blocks that follow the "any size" slider r (lowrank/ui/block.py)...
SIZE_BLOCK = "par_size"
#: ...and the real models' LoRA rank: the module table, the counts, the memory chart and sizes.
TABLE_BLOCK = "par_model_table"
COUNTS_BLOCK = "par_model_counts"
MEMORY_BLOCK = "par_memory"
MEMORY_NUMBERS_BLOCK = "par_memory_numbers"

page = frame("parameters")
st.title(page.t("page.parameters.title"))
st.markdown(f"#### {page.t('s2.par.question')}")
st.latex(  # two lines: one would run off a phone's screen
    r"\begin{gathered} \Delta W_{d\times k} = A_{d\times r} \times B_{r\times k} \\"
    r"d\cdot k \;\longrightarrow\; d\cdot r + r\cdot k = r(d+k) \end{gathered}"
)


def counts(d: int, k: int, texts: dict[str, str]) -> None:
    """Four metrics: ΔW, A, B and A + B (``texts`` from size_texts)."""
    columns = st.columns(4)
    columns[0].metric(page.t("s2.par.m_full"), f"{models.full_cost(d, k):,}")
    for column, name in zip(columns[1:], ("a", "b", "total"), strict=True):
        column.metric(page.t(f"s2.par.m_{name}"), texts[name])


def note_example() -> None:
    """The note's example, exactly: its words, its picture and its four counts."""
    st.subheader(page.t("s2.par.example_header"))
    st.markdown(f"> {page.t('s2.par.example_quote')}")
    picture = shared(blocks_picture, note_d, note_k, (note_r,), page.lang)
    with st.columns([1, 2, 1])[1]:
        st.markdown(f"**{picture.title}**")
        st.image(svg_data_url(svg_document(picture, 0)), alt=picture.alts[0], width="stretch")
    counts(note_d, note_k, size_texts(note_d, note_k, note_r, page.lang))
    st.caption(page.t("s2.par.typo"))


note_d, note_k, note_r = models.NOTE_EXAMPLE
if not page.presenting:  # on a projector the sliders come first (at the note's sizes)
    note_example()


# --- any size ---
@st.fragment
def any_size() -> None:
    """The sizes d, k and the rank r with the block they drive: a move reruns only this."""
    sizes = [str(n) for n in models.SIZE_CHOICES]
    with st.container(border=True):
        left, middle, right = st.columns(3)
        with left:
            check_query_param(page, "d", is_one_of(sizes))
            d = st.select_slider(
                page.t("s2.par.d"), models.SIZE_CHOICES, value=note_d, key="d", bind="query-params"
            )
        with middle:
            check_query_param(page, "k", is_one_of(sizes))
            k = st.select_slider(
                page.t("s2.par.k"), models.SIZE_CHOICES, value=note_k, key="k", bind="query-params"
            )
        ranks = models.rank_options(d, k)
        with right:
            max_r = ranks[-1]
            if "r" not in st.session_state:  # first run: ?r= can only come from a link
                check_query_param(page, "r", is_one_of([str(r) for r in ranks]))
            elif st.session_state["r"] > max_r:  # d or k just shrank: the URL follows the widget
                st.session_state["r"] = max_r
                st.caption(page.t("s2.par.r_capped", max_r=max_r))
            elif st.session_state["r"] not in ranks:  # not a stop of the new size's slider
                old = st.session_state["r"]
                st.session_state["r"] = models.nearest_rank(ranks, old)
                st.caption(page.t("par.r_snapped", old=old, new=st.session_state["r"]))
            r = st.select_slider(
                page.t("s2.par.r"),
                ranks,
                value=min(note_r, max_r),
                key="r",
                bind="query-params",
            )
            if len(ranks) < max_r:
                first_loss = models.first_losing_rank(d, k)
                st.caption(
                    page.t(
                        "par.r_coarse",
                        fine=models.FINE_RANKS,
                        below=first_loss - 1,
                        above=first_loss,
                        top=max_r,
                    )
                )

    # The counts, the verdict, the picture and the cost chart at every r; built once per size
    # and language (a move of r sends them again, unchanged, and the renderer keeps what it drew).
    block(SIZE_BLOCK, "r", shared(size_block, d, k, page.lang), at=ranks.index(r))


st.subheader(page.t("s2.par.try_header"))
any_size()

if page.presenting:
    note_example()

# --- real models ---
st.subheader(page.t("s2.par.models_header"))
st.markdown(page.t("s2.par.models_lead"))


@st.fragment
def real_models() -> None:
    """The model, its adapted matrices, the precision and LoRA's rank, with the blocks they
    drive and the module table's download: a move or a new choice reruns only this."""
    with st.container(border=True):
        left, middle = st.columns(2)
        with left:
            model_key = url_choice(
                page,
                page.t("s2.par.model"),
                list(models.MODELS),
                "model",
                default="llama2_7b",
                format_func=lambda key: models.MODELS[key].name,
            )
        with middle:
            precision = url_choice(
                page,
                page.t("s2.par.precision"),
                list(PRECISIONS),
                "precision",
                default="fp16",
                format_func=lambda p: page.t(f"s2.precision.{p}"),
                widget=st.segmented_control,
                required=True,
            )
        left, middle = st.columns(2)
        with left:
            # An empty ``?targets=`` is the empty selection (the widget reads it so): no URL note.
            bad_targets = [
                t for t in st.query_params.get_all("targets") if t and t not in models.TARGETS
            ]
            for bad in bad_targets:
                st.warning(page.t("url.invalid", name="targets", value=plain(bad)), icon="🔗")
            picked = st.multiselect(
                page.t("s2.par.targets"),
                models.TARGETS,
                default=["q", "v"],
                key="targets",
                bind="query-params",
                help=page.t("s2.par.targets_help"),
            )
        with middle:
            check_query_param(page, "rank", is_one_of([str(n) for n in models.LORA_RANKS]))
            rank = st.select_slider(
                page.t("s2.par.rank"), models.LORA_RANKS, value=8, key="rank", bind="query-params"
            )

    model = models.MODELS[model_key]
    targets = [t for t in picked if t in model.targets]
    if not targets:
        st.warning(page.t("s2.par.no_targets"), icon="☝️")
        targets = list(models.TARGET_SETS["qv"])
    st.caption(page.t("s2.par.source", source=model.source))

    blocks = shared(model_blocks, model_key, targets, precision, page.lang)
    at = models.LORA_RANKS.index(rank)
    block(TABLE_BLOCK, "rank", blocks.table, at=at)
    block(COUNTS_BLOCK, "rank", blocks.counts, at=at)
    gap = models.reported_gap(model)
    if gap is not None:
        st.info(
            page.t(
                "s2.par.gpt3_reported",
                computed=f"{models.base_params(model):,}",
                reported=f"{model.reported_params:,}",
                source=model.reported_source,
                gap=f"{gap:.2%}",
            ),
            icon="📏",
        )

    st.markdown(f"##### {page.t('s2.par.memory_header')}")
    block(MEMORY_BLOCK, "rank", blocks.memory, at=at)
    st.caption(page.t("par.memory_mark"))
    block(MEMORY_NUMBERS_BLOCK, "rank", blocks.memory_numbers, at=at)
    bytes_per = PRECISIONS[precision]
    st.caption(
        page.t(
            "s2.par.memory_caption",
            w=bytes_per.weight,
            g=bytes_per.grad,
            adam=bytes_per.adam,
            master=page.t("s2.par.master_copy") if precision == "mixed" else "",
        )
    )
    if model.key == "gpt3":
        st.caption(page.t("s2.par.gpt3_paper"))
    st.download_button(
        page.t("s2.par.dl_modules"),
        lambda: models.rows_csv(models.module_table(model, targets, rank)),  # built on click
        file_name=f"lora_{model.key}_r{rank}.csv",
        mime="text/csv",
        key="dl_modules",
        on_click="ignore",
    )


real_models()

# --- where 0.01%–3% comes from ---
st.subheader(page.t("s2.par.range_header"))
rows = models.share_table()
low, high, inside = models.band_summary(rows, *models.NOTE_BAND)
set_names = {key: page.t(f"s2.set.{key}") for key in models.TARGET_SETS}
model_names = {key: m.name for key, m in models.MODELS.items()}
st.markdown(
    page.t(
        "s2.par.range_text",
        n_models=len(models.MODELS),
        ranks=", ".join(map(str, models.RANKS)),
        n_rows=len(rows),
        low=f"{low.share:.4%}",
        low_model=model_names[low.model],
        low_set=set_names[low.target_set],
        low_r=low.r,
        high=f"{high.share:.2%}",
        high_model=model_names[high.model],
        high_set=set_names[high.target_set],
        high_r=high.r,
        inside=inside,
        gpt3=f"{models.share(models.MODELS['gpt3'], ('q', 'v'), 4):.4%}",
        bert=f"{models.share(models.MODELS['bert'], models.MODELS['bert'].targets, 16):.2%}",
    )
)
st.plotly_chart(
    shared(
        shares_figure,
        rows,
        model_names=model_names,
        set_names=set_names,
        band=models.NOTE_BAND,
        band_label=page.t("s2.par.band"),
        title=page.t("s2.par.range_title"),
        x_title=page.t("s2.par.range_x"),
    ),
    key="shares_chart",
    width="stretch",
)

# --- the naming map ---
st.subheader(page.t("s2.par.naming_header"))
st.markdown(page.t("s2.par.naming_lead"))
st.markdown(page.t("s2.par.naming_table"))
st.caption(page.t("s2.par.naming_source"))


def _note_numbers() -> None:
    st.info(
        page.t(
            "s2.par.note_numbers",
            value=f"{models.break_even_rank(note_d, note_k):.1f}",
            cost2=models.lora_matrix_params(note_d, note_k, 2),
            cost3=models.lora_matrix_params(note_d, note_k, 3),
            full=models.full_cost(note_d, note_k),
        ),
        icon="🧮",
    )


in_the_note(page, "s2.par.note", "s2.par.precise", extra=_note_numbers)

self_check(
    page,
    [
        Question("s2.par.q1", ("n18", "n27", "n12"), "n27"),
        Question("s2.par.q2", ("a_a", "b_a", "b_b"), "b_a"),
        Question("s2.par.q3", ("lora", "vocab", "gqa"), "gqa"),
    ],
)

st.subheader(page.t("widget.downloads"))
st.download_button(
    page.t("s2.par.dl_counts"),
    models.rows_csv(rows),
    file_name="lora_shares.csv",
    mime="text/csv",
    key="dl_counts",
)
