"""Step 2a: why LoRA factorises the fine-tuning update ΔW and not the pretrained W.

Everything that depends on the rank k (the finding sentence, each matrix's energy kept, the
accuracies at k, the marks on the three charts, the charts' text alternatives) is drawn by the
block renderer (``lowrank/ui/block.py``) from blocks built once per task, layer, MiniLM matrix
and language for every k; the browser shows the slider's k itself. The rank slider sits in the
fragment :func:`rank_slider`, so a move reruns only the slider: the blocks, drawn by the full
run, are left as they are.
"""

import pandas as pd
import streamlit as st

from lowrank import delta, finetune, spectra
from lowrank.ui import why_delta_w as load
from lowrank.ui.block import block
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
from lowrank.views.why_delta_w import accuracy_blocks, curve_labels, spectra_blocks

#: The rank slider's key, and so its URL parameter (``/why_delta_w?k=8``).
RANK_KEY = "k"
#: The blocks that follow k in the browser: the finding with each matrix's energy kept, the two
#: spectra charts, the accuracy chart, and the accuracies at k beside the two references.
ENERGY_BLOCK = "why_energy"
SPECTRA_BLOCK = "why_spectra"
ACCURACY_CHART_BLOCK = "why_accuracy_chart"
ACCURACY_BLOCK = "why_accuracy"


@st.fragment
def rank_slider(page: Frame, max_k: int) -> int:
    """The rank slider, 1 … max_k, bound to ``?k=`` (a bad value is noted): rerun alone when it
    moves, since nothing else the server draws depends on k."""
    check_query_param(page, RANK_KEY, is_int_in(1, max_k))
    return st.slider(page.t("s2.why.k"), 1, max_k, value=8, key=RANK_KEY, bind="query-params")


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

spectra_by_name = {"minilm": minilm, "random": random, "mlp": w_mlp, "delta": dw}
max_k = max(sp.n for sp in spectra_by_name.values())
k = rank_slider(page, max_k)
# Every k's numbers and charts, built once per task, layer, MiniLM matrix and language.
energy_numbers, spectra_charts = shared(
    spectra_blocks,
    spectra_by_name,
    theory,
    max_k,
    page.lang,
    layer=layer_id,
    minilm_name=minilm_name,
)
if page.presenting:  # on a projector the finding and the numbers come right under the slider
    block(ENERGY_BLOCK, RANK_KEY, energy_numbers, at=k)
st.markdown(f"**{page.t('s2.why.chart_title')}**")
block(SPECTRA_BLOCK, RANK_KEY, spectra_charts, at=k)  # side by side, stacked on a phone
st.caption(page.t("s2.why.marks"))
if page.presenting:
    st.markdown(page.t("s2.why.lead"))
else:
    block(ENERGY_BLOCK, RANK_KEY, energy_numbers, at=k)
st.caption(page.t("s2.why.k_clipped"))

labels = curve_labels(spectra_by_name, page.lang, layer=layer_id, minilm_name=minilm_name)
summaries = {name: sp.summary() for name, sp in spectra_by_name.items()}
st.dataframe(
    pd.DataFrame(
        {
            page.t("s2.col.matrix"): [labels[name] for name in spectra_by_name],
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
accuracy_chart, accuracy_numbers = shared(
    accuracy_blocks,
    curve,
    max_k,
    page.lang,
    layer=layer_id,
    after=run.acc_ft_task_after,
    before=run.acc_ft_task_before,
)
block(ACCURACY_CHART_BLOCK, RANK_KEY, accuracy_chart, at=k)
block(ACCURACY_BLOCK, RANK_KEY, accuracy_numbers, at=k)  # at k, and the two references
st.caption(page.t("s2.why.own_measurement", n_test=len(run.task.y_ft_test)))


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
