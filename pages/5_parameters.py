"""Step 2b: ΔW = A×B, the parameter count: the note's 5×4 example, any size, real models."""

import pandas as pd
import streamlit as st

from lowrank import models
from lowrank.section2_figures import (
    blocks_figure,
    cost_figure,
    memory_figure,
    shares_figure,
)
from lowrank.ui.frame import frame
from lowrank.ui.widgets import (
    Question,
    check_query_param,
    in_the_note,
    is_int_in,
    is_one_of,
    plain,
    self_check,
    url_choice,
)

page = frame("parameters")
st.title(page.t("page.parameters.title"))
st.markdown(f"#### {page.t('s2.par.question')}")
st.latex(
    r"\Delta W_{d\times k} = A_{d\times r} \times B_{r\times k}:\qquad "
    r"d\cdot k \;\longrightarrow\; d\cdot r + r\cdot k = r(d+k)"
)


def blocks(d: int, k: int, r: int, title: str):
    """The ΔW = A × B block picture with translated labels."""
    return blocks_figure(
        d,
        k,
        r,
        title=title,
        delta_label=page.t("s2.par.block_delta"),
        a_label=page.t("s2.par.block_a"),
        b_label=page.t("s2.par.block_b"),
    )


def counts(d: int, k: int, r: int) -> None:
    """Four metrics: ΔW, A, B and A + B."""
    a_count, b_count = models.factor_costs(d, k, r)
    columns = st.columns(4)
    columns[0].metric(page.t("s2.par.m_full"), f"{models.full_cost(d, k):,}")
    columns[1].metric(page.t("s2.par.m_a"), f"{a_count:,}")
    columns[2].metric(page.t("s2.par.m_b"), f"{b_count:,}")
    columns[3].metric(page.t("s2.par.m_total"), f"{models.lora_matrix_params(d, k, r):,}")


# --- the note's example, exactly ---
st.subheader(page.t("s2.par.example_header"))
st.markdown(f"> {page.t('s2.par.example_quote')}")
note_d, note_k, note_r = models.NOTE_EXAMPLE
st.plotly_chart(
    blocks(note_d, note_k, note_r, page.t("s2.par.example_title")),
    key="note_blocks",
    width="stretch",
)
counts(note_d, note_k, note_r)
st.caption(page.t("s2.par.typo"))

# --- any size ---
st.subheader(page.t("s2.par.try_header"))
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
    with right:
        max_r = min(d, k)
        if "r" not in st.session_state:  # first run: ?r= can only come from a link
            check_query_param(page, "r", is_int_in(1, max_r))
        elif st.session_state["r"] > max_r:  # d or k just shrank: the URL follows the widget
            st.session_state["r"] = max_r
            st.caption(page.t("s2.par.r_capped", max_r=max_r))
        r = st.slider(
            page.t("s2.par.r"), 1, max_r, value=min(note_r, max_r), key="r", bind="query-params"
        )

break_even = f"{models.break_even_rank(d, k):.1f}"
counts(d, k, r)
lora, full = models.lora_matrix_params(d, k, r), models.full_cost(d, k)
if lora < full:
    st.success(
        page.t(
            "s2.par.saves",
            r=r,
            value=break_even,
            lora=f"{lora:,}",
            full=f"{full:,}",
            share=f"{models.matrix_share(d, k, r):.1%}",
        ),
        icon="✅",
    )
else:
    st.warning(
        page.t("s2.par.loses", r=r, value=break_even, lora=f"{lora:,}", full=f"{full:,}"), icon="⚖️"
    )
left, right = st.columns(2)
with left:
    st.plotly_chart(blocks(d, k, r, page.t("s2.par.example_title")), key="blocks", width="stretch")
with right:
    st.plotly_chart(
        cost_figure(
            d,
            k,
            r,
            title=page.t("s2.par.cost_title"),
            x_title=page.t("s2.par.cost_x"),
            y_title=page.t("s2.par.cost_y"),
            full_label=page.t("s2.par.cost_full"),
            lora_label=page.t("s2.par.cost_lora"),
            break_even_label=page.t("s2.par.cost_break", value=break_even),
        ),
        key="cost_chart",
        width="stretch",
    )

# --- real models ---
st.subheader(page.t("s2.par.models_header"))
st.markdown(page.t("s2.par.models_lead"))
rank_choices = (1, 2, 4, 8, 16, 32, 64, 128, 256)
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
            list(models.PRECISIONS),
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
        check_query_param(page, "rank", is_one_of([str(n) for n in rank_choices]))
        rank = st.select_slider(
            page.t("s2.par.rank"), rank_choices, value=8, key="rank", bind="query-params"
        )

model = models.MODELS[model_key]
targets = [t for t in picked if t in model.targets]
if not targets:
    st.warning(page.t("s2.par.no_targets"), icon="☝️")
    targets = list(models.TARGET_SETS["qv"])
st.caption(page.t("s2.par.source", source=model.source))

table = models.module_table(model, targets, rank)
st.dataframe(
    pd.DataFrame(
        {
            page.t("s2.par.col_module"): [row.module for row in table],
            page.t("s2.par.col_shape"): [f"{row.d_out:,}×{row.d_in:,}" for row in table],
            page.t("s2.par.col_full"): [f"{row.full:,}" for row in table],
            page.t("s2.par.col_lora"): [f"{row.lora:,}" for row in table],
            page.t("s2.par.col_chosen"): [row.chosen for row in table],
        }
    ),
    hide_index=True,
    key="module_table",
)
total = models.model_params(model)
trainable = models.lora_params(model, targets, rank)
columns = st.columns(4)
columns[0].metric(page.t("s2.par.m_base"), models.human_count(total))
columns[1].metric(page.t("s2.par.m_trainable"), models.human_count(trainable))
columns[2].metric(page.t("s2.par.m_share"), f"{models.share(model, targets, rank):.4%}")
columns[3].metric(
    page.t("s2.par.m_fewer"),
    page.t("s2.par.fewer_value", ratio=f"{models.reduction(model, targets, rank):,.0f}"),
)
st.caption(page.t("s2.par.exact", total=f"{total:,}", trainable=f"{trainable:,}"))
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
full_memory = models.full_finetune_memory(model, precision)
lora_memory = models.lora_memory(model, targets, rank, precision)
st.plotly_chart(
    memory_figure(
        full_memory,
        lora_memory,
        title=page.t("s2.par.memory_title"),
        full_label=page.t("s2.par.full_ft"),
        lora_label=page.t("s2.par.lora"),
        part_labels=(
            page.t("s2.par.part_weights"),
            page.t("s2.par.part_gradients"),
            page.t("s2.par.part_optimizer"),
        ),
        unit=page.t("s2.par.unit_gb"),
    ),
    key="memory_chart",
    width="stretch",
)
columns = st.columns(4)
columns[0].metric(page.t("s2.par.m_memory_full"), models.human_bytes(full_memory.total))
columns[1].metric(page.t("s2.par.m_memory_lora"), models.human_bytes(lora_memory.total))
columns[2].metric(
    page.t("s2.par.m_ckpt_full"), models.human_bytes(models.checkpoint_bytes(total, precision))
)
columns[3].metric(
    page.t("s2.par.m_ckpt_lora"), models.human_bytes(models.checkpoint_bytes(trainable, precision))
)
bytes_per = models.PRECISIONS[precision]
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
    shares_figure(
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
left, right = st.columns(2)
left.download_button(
    page.t("s2.par.dl_counts"),
    models.rows_csv(rows),
    file_name="lora_shares.csv",
    mime="text/csv",
    key="dl_counts",
)
right.download_button(
    page.t("s2.par.dl_modules"),
    models.rows_csv(table),
    file_name=f"lora_{model.key}_r{rank}.csv",
    mime="text/csv",
    key="dl_modules",
)
