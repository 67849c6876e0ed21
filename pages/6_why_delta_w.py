"""Step 2a: why LoRA factorises the fine-tuning update ΔW and not the pretrained W.

The rank slider and what it changes (the finding sentence, the energy and accuracy metrics) are
drawn by the fragment :func:`rank_view`, so a slider move reruns only that: the charts, the table
and the follower's data (every k's texts and marks, which the browser swaps at once) are drawn once
per full run. The fragment writes into containers the page lays out in its reading order.
"""

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from lowrank import delta, finetune, spectra
from lowrank.delta import TruncationCurve
from lowrank.spectra import Spectrum
from lowrank.ui import why_delta_w as load
from lowrank.ui.follow import follow, slot
from lowrank.ui.frame import Frame, frame
from lowrank.ui.loaders import shared
from lowrank.ui.widgets import (
    Question,
    check_query_param,
    in_the_note,
    is_int_in,
    self_check,
    url_choice,
)
from lowrank.views.figures import COLOURS
from lowrank.views.why_delta_w import (
    MATRICES,
    Curve,
    accuracy_figure,
    accuracy_texts,
    energy_texts,
    spectra_figures,
    why_follow,
)

#: The rank slider's key, and so its URL parameter (``/why_delta_w?k=8``).
RANK_KEY = "k"
#: Containers of what the browser updates at once when k moves (lowrank/ui/follow.py).
SLOT = "why_"
SIGMA_CHART = "why_sigma_plot"
ENERGY_CHART = "why_energy_plot"
ACCURACY_CHART = "why_accuracy_plot"
#: Each matrix's metric label in its curve's colour (lowrank.views.parameter_figures.COLOURS).
LABEL_COLOURS = {"delta": "red", "mlp": "green", "minilm": "blue", "random": "gray"}


@dataclass(frozen=True)
class Places:
    """Where the fragment draws, laid out by the page in its reading order (a fragment may write
    into containers made outside it; a slider move then redraws only what is in them)."""

    slider: DeltaGenerator  #: under the selectors: the rank slider (and a bad ``?k=``'s note)
    energy: DeltaGenerator  #: under the spectra chart: the finding and each matrix's energy kept
    #: under the accuracy chart: the first two columns of its row (the accuracy with ΔW truncated
    #: to rank k; the other two hold the rank-free accuracies)
    accuracy: tuple[DeltaGenerator, DeltaGenerator]


@dataclass(frozen=True)
class RankInputs:
    """What the k-dependent parts need besides k (set by the page's selectors, not by k)."""

    spectra: dict[str, Spectrum]  #: the measured matrices, by the names of ``MATRICES``
    curve: TruncationCurve  #: accuracy with ΔW truncated to each rank
    max_k: int
    minilm_name: str
    energy_labels: dict[str, str]  #: each matrix's metric label, by name
    accuracy_labels: tuple[str, str]  #: this layer's and every layer's accuracy metric labels


def energy_display(page: Frame, inputs: RankInputs, k: int) -> None:
    """The finding sentence at k and each matrix's energy kept, each in its followed slot."""
    texts = energy_texts(inputs.spectra, k, page.lang, minilm_name=inputs.minilm_name)
    with slot(SLOT + "finding"):
        st.markdown(texts["finding"])
    for name, column in zip(MATRICES, st.columns(len(MATRICES)), strict=True):
        with column:
            with slot(f"{SLOT}energy_{name}"):
                st.metric(
                    f":{LABEL_COLOURS[name]}[{inputs.energy_labels[name]}]",
                    texts[f"energy_{name}"],
                    help=page.t("s2.why.energy.help"),
                )
            with slot(f"{SLOT}energy_{name}_rank"):
                st.caption(texts[f"energy_{name}_rank"])


def accuracy_display(
    page: Frame, columns: tuple[DeltaGenerator, DeltaGenerator], inputs: RankInputs, k: int
) -> None:
    """The accuracy with ΔW truncated to rank k, for the chosen layer and for every layer."""
    accuracy = accuracy_texts(inputs.curve, k, page.lang)
    for column, name, label in zip(
        columns, ("acc_this", "acc_all"), inputs.accuracy_labels, strict=True
    ):
        with column:
            with slot(SLOT + name):
                st.metric(label, accuracy[name])
            with slot(f"{SLOT}{name}_at"):
                st.caption(accuracy[f"{name}_at"])


@st.fragment
def rank_view(page: Frame, places: Places, inputs: RankInputs) -> None:
    """The rank slider and everything drawn at its k (rerun alone when k moves)."""
    with places.slider:
        check_query_param(page, RANK_KEY, is_int_in(1, inputs.max_k))
        k = st.slider(
            page.t("s2.why.k"), 1, inputs.max_k, value=8, key=RANK_KEY, bind="query-params"
        )
    with places.energy:
        energy_display(page, inputs, k)
    accuracy_display(page, places.accuracy, inputs, k)


page = frame("why_delta_w")
st.title(page.t("page.why_delta_w.title"))
st.markdown(f"#### {page.t('s2.why.question')}")
st.latex(r"W' = W + \Delta W = W + A \times B")
if not page.presenting:  # on a projector the reading comes after the chart it explains
    st.markdown(page.t("s2.why.lead"))

shapes = delta.layer_shapes()
layer_ids = [str(i) for i in range(1, len(shapes) + 1)]
with st.container(border=True):
    left, middle, right = st.columns(3)
    with left:
        shift = url_choice(
            page,
            page.t("s2.why.shift"),
            list(finetune.SHIFTS),
            "shift",
            default=finetune.DEFAULT_SHIFT,
            format_func=lambda s: page.t(f"s2.shift.{s}"),
        )
    with middle:
        layer_id = url_choice(
            page,
            page.t("s2.why.layer"),
            layer_ids,
            "layer",
            default="2",
            format_func=lambda n: page.t(
                "s2.why.layer_option", n=n, rows=shapes[int(n) - 1][0], cols=shapes[int(n) - 1][1]
            ),
        )
    with right:
        reference = url_choice(
            page,
            page.t("s2.why.reference"),
            list(spectra.MINILM_TENSORS),
            "minilm",
            default="query",
            format_func=lambda name: page.t(f"s2.minilm.{name}"),
        )

layer = layer_ids.index(layer_id)
run = load.finetune_run(page, shift)
w_mlp, dw = load.layer_spectra(shift, layer, run)
minilm = load.minilm()[reference]
random, theory = load.random_reference(minilm.shape)
minilm_name = page.t(f"s2.minilm.{reference}")

max_k = max(sp.n for sp in (minilm, random, w_mlp, dw))
slider_place = st.container()  # filled by the fragment rank_view, called below
# rank_view: the finding and the energy kept at k; on a projector right under the slider
energy_place = st.container() if page.presenting else None

measured = {
    "minilm": (
        page.t("s2.curve.minilm", name=minilm_name, rows=minilm.shape[0], cols=minilm.shape[1]),
        minilm,
    ),
    "random": (page.t("s2.curve.random", rows=random.shape[0], cols=random.shape[1]), random),
    "mlp": (page.t("s2.curve.mlp", n=layer_id, rows=w_mlp.shape[0], cols=w_mlp.shape[1]), w_mlp),
    "delta": (page.t("s2.curve.delta", n=layer_id, rows=dw.shape[0], cols=dw.shape[1]), dw),
}
spectra_by_name = {name: sp for name, (_, sp) in measured.items()}
curves = [Curve(label, sp, COLOURS[name]) for name, (label, sp) in measured.items()]
curves.insert(2, Curve(page.t("s2.curve.theory"), theory, COLOURS["theory"], dashed=True))
st.markdown(f"**{page.t('s2.why.chart_title')}**")
sigma_figure, energy_figure = shared(
    spectra_figures,
    curves,
    sigma_title=page.t("s2.why.sigma_title"),
    energy_title=page.t("s2.why.energy_title"),
    x_title=page.t("s2.why.x"),
    share_label=page.t("s2.why.share_line"),
)
# The same figures at every k: the browser marks k on them. Side by side, stacked on a phone.
for column, chart, figure in zip(
    st.columns(2), (SIGMA_CHART, ENERGY_CHART), (sigma_figure, energy_figure), strict=True
):
    with column, slot(chart):
        st.plotly_chart(figure, key=f"{chart}_figure", width="stretch")
st.caption(page.t("s2.why.marks"))
if page.presenting:
    st.markdown(page.t("s2.why.lead"))

if energy_place is None:
    energy_place = st.container()
st.caption(page.t("s2.why.k_clipped"))

summaries = {name: sp.summary() for name, sp in spectra_by_name.items()}
st.dataframe(
    pd.DataFrame(
        {
            page.t("s2.col.matrix"): [label for label, _ in measured.values()],
            page.t("s2.col.shape"): [f"{s.shape[0]}×{s.shape[1]}" for s in summaries.values()],
            page.t("s2.col.numerical_rank"): [
                f"{s.numerical_rank} / {s.n}" for s in summaries.values()
            ],
            page.t("s2.col.k90"): [f"{s.k_share} / {s.n}" for s in summaries.values()],
            page.t("s2.col.k90_share"): [f"{s.k_share_fraction:.1%}" for s in summaries.values()],
        }
    ),
    hide_index=True,
    key="spectra_table",
)
st.info(page.t("s2.why.full_rank_note", rank=summaries["delta"].numerical_rank, n=dw.n), icon="🔎")
st.caption(
    page.t(
        "s2.why.init_caution",
        n=layer_id,
        init=delta.initial_spectrum(layer).k_for(spectra.TARGET_SHARE),
        pre=summaries["mlp"].k_share,
        size=w_mlp.n,
        name=minilm_name,
        minilm=summaries["minilm"].k_share,
        minilm_n=minilm.n,
    )
)
low, high = spectra.mp_edges(*random.shape)
st.caption(
    page.t(
        "s2.why.mp_caption",
        m=random.shape[0],
        n=random.shape[1],
        lo=f"{low:.1f}",
        hi=f"{high:.1f}",
        smin=f"{random.s[-1]:.2f}",
        smax=f"{random.s[0]:.1f}",
        k90=summaries["random"].k_share,
    )
)

st.subheader(page.t("s2.why.accuracy_header"))
st.markdown(page.t("s2.why.accuracy_lead"))
curve = load.truncation(page, shift, layer)
with slot(ACCURACY_CHART):  # the same figure at every k: the browser marks k on it
    st.plotly_chart(
        shared(
            accuracy_figure,
            curve.ks,
            {
                page.t("s2.why.acc_this", n=layer_id): curve.this_layer,
                page.t("s2.why.acc_all"): curve.all_layers,
            },
            {
                page.t("s2.why.acc_after"): run.acc_ft_task_after,
                page.t("s2.why.acc_before"): run.acc_ft_task_before,
            },
            title=page.t("s2.why.acc_title"),
            x_title=page.t("s2.why.acc_x"),
            y_title=page.t("s2.why.acc_y"),
        ),
        key="accuracy_chart",
        width="stretch",
    )
accuracy_columns = st.columns(4)  # the first two are the fragment's: the accuracy at k
accuracy_columns[2].metric(page.t("s2.why.acc_metric_after"), f"{run.acc_ft_task_after:.1%}")
accuracy_columns[3].metric(page.t("s2.why.acc_metric_before"), f"{run.acc_ft_task_before:.1%}")
st.caption(page.t("s2.why.own_measurement", n_test=len(run.task.y_ft_test)))

rank_view(
    page,
    Places(slider_place, energy_place, (accuracy_columns[0], accuracy_columns[1])),
    RankInputs(
        spectra_by_name,
        curve,
        max_k,
        minilm_name,
        {
            "delta": page.t("s2.why.energy.delta", n=layer_id),
            "mlp": page.t("s2.why.energy.mlp", n=layer_id),
            "minilm": page.t("s2.why.energy.minilm"),
            "random": page.t("s2.why.energy.random"),
        },
        (page.t("s2.why.acc_metric_this", n=layer_id), page.t("s2.why.acc_metric_all")),
    ),
)


def _note_details() -> None:
    st.markdown(page.t("s2.why.paper"))
    k_delta = summaries["delta"].k_share
    st.info(
        page.t(
            "s2.why.measured",
            n=layer_id,
            k_delta=k_delta,
            n_delta=dw.n,
            k_w=summaries["mlp"].k_share,
            n_w=w_mlp.n,
            name=minilm_name,
            k_minilm=summaries["minilm"].k_share,
            n_minilm=minilm.n,
            acc=f"{curve.at(k_delta)[1]:.1%}",
            acc_full=f"{run.acc_ft_task_after:.1%}",
        ),
        icon="🧪",
    )


in_the_note(page, "s2.why.note", "s2.why.precise", extra=_note_details)

self_check(
    page,
    [
        Question("s2.why.q1", ("minilm", "random", "delta"), "delta"),
        Question("s2.why.q2", ("few", "twenty", "half"), "half"),
        Question("s2.why.q3", ("top20", "rank", "lowrank_w"), "rank"),
    ],
)

st.subheader(page.t("widget.downloads"))
left, right = st.columns(2)
left.download_button(
    page.t("s2.why.dl_spectra"),
    spectra.spectra_csv([(sp.key, sp) for sp in (minilm, random, theory, w_mlp, dw)]),
    file_name=f"spectra_{shift}_layer{layer_id}_{reference}.csv",
    mime="text/csv",
    key="dl_spectra",
)
right.download_button(
    page.t("s2.why.dl_accuracy"),
    curve.csv(),
    file_name=f"accuracy_vs_k_{shift}_layer{layer_id}.csv",
    mime="text/csv",
    key="dl_accuracy",
)

# Every k's texts and chart marks, for the browser to show at once while k moves (its data
# depends on the task, layer, MiniLM matrix and language, not on k).
follow(
    shared(
        why_follow,
        spectra_by_name,
        curve,
        max_k,
        page.lang,
        minilm_name=minilm_name,
        slider=RANK_KEY,
        prefix=SLOT,
        sigma_chart=SIGMA_CHART,
        energy_chart=ENERGY_CHART,
        accuracy_chart=ACCURACY_CHART,
    )
)
