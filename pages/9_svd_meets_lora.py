"""SVD meets LoRA: PiSSA starts from W's singular vectors, intruder dimensions, rank × LR."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lowrank import finetune, intruders, lora, lora_checks
from lowrank.lora_starts import curves_csv
from lowrank.lr_grid import GRID_LAYERS, GRID_STEPS, grid_csv, page_config
from lowrank.ui import svd_meets_lora as load
from lowrank.ui import widgets
from lowrank.ui.frame import frame
from lowrank.ui.training import pretrained
from lowrank.views import svd_meets_lora as views

page = frame("svd_meets_lora")
t = page.t

RANKS = (1, 2, 4, 8, 16, 32)
LAYERS = GRID_LAYERS  # W1 (128×64) and W2 (128×128): every rank up to 32 fits PiSSA and OLoRA
SHOWN = 1  # W2, whose spectra and intruders the page shows
DEFAULT_SHIFT = "rotate"  # all ten digits stay, so the old task's accuracy can be kept or lost
QUESTIONS = (
    widgets.Question("sml.q1", ("zero", "residual", "small"), "residual"),
    widgets.Question("sml.q2", ("large", "unlike", "new"), "unlike"),
    widgets.Question("sml.q3", ("factors", "difference", "residual"), "difference"),
)

st.title(t("page.svd_meets_lora.title"))
st.markdown(t("sml.question"))
with st.container(border=True):
    st.markdown(f"**{t('sml.settings')}**")
    left, right = st.columns(2)
    with left:
        shift = widgets.url_choice(
            page,
            t("sml.task"),
            tuple(finetune.SHIFTS),
            "shift",
            default=DEFAULT_SHIFT,
            format_func=lambda s: t(f"training.shift.{s}"),
        )
    with right:
        widgets.check_query_param(page, "r", widgets.is_one_of([str(r) for r in RANKS]))
        rank = int(st.select_slider(t("sml.rank"), RANKS, value=4, key="r", bind="query-params"))
    config = lora.LoRAConfig(layers=LAYERS, rank=rank, init="kaiming")
    st.caption(t("sml.fixed", alpha=f"{config.alpha:g}", lr=f"{config.lr:g}", steps=config.steps))
task, base = pretrained(shift, config.seed)

# --- 1. the starts --------------------------------------------------------------------------------
st.subheader(t("sml.starts.header"))
st.markdown(t("sml.starts.intro"))
st.markdown(t("sml.letters"))
results = load.with_progress(t("sml.progress.starts"), load.starts, shift, config)
st.dataframe(pd.DataFrame(views.start_rows(results, t)), hide_index=True)
st.markdown(views.gap_text(results, len(lora_checks.all_test_images(task)), t))
left, right = st.columns(2)
left.plotly_chart(views.loss_chart(results, t), key="loss_chart")
right.plotly_chart(views.spectrum_chart(results, SHOWN, rank, t), key="spectrum_chart")
st.markdown(views.final_text(results, t))
st.markdown(views.spectrum_text(results, SHOWN, rank, t))
st.download_button(
    t("sml.download.curves"),
    curves_csv(results),
    file_name=f"lora_starts_r{rank}.csv",
    mime="text/csv",
    key="download_curves",
    on_click="ignore",
    icon="📈",
)

# --- 2. intruder dimensions -----------------------------------------------------------------------
st.subheader(t("sml.intr.header"))
st.markdown(t("sml.intr.intro", top=intruders.TOP, eps=f"{intruders.EPSILON:g}", layer=SHOWN + 1))
sweep_config = lora.LoRAConfig(layers=LAYERS, init="kaiming")
full_lrs = (finetune.FINETUNE_LR, sweep_config.lr)  # /training's rate for full FT, and LoRA's
rows = load.with_progress(
    t("sml.progress.sweep"), load.sweep, shift, sweep_config, RANKS, SHOWN, full_lrs
)
pre_accuracy = finetune.accuracy(base, task.x_pre_test, task.y_pre_test)
st.dataframe(pd.DataFrame(views.intruder_rows(rows, t)), hide_index=True)
st.markdown(views.intruder_verdict(rows, pre_accuracy, t))
chosen = next(row for row in rows if row.rank == rank)
full_rows = [row for row in rows if row.rank is None]
st.plotly_chart(views.best_match_chart(chosen, full_rows, t), key="best_chart")
st.caption(t("sml.intr.caveat"))

# --- 3. rank × learning rate ----------------------------------------------------------------------
st.subheader(t("sml.grid.header"))
st.markdown(t("sml.grid.intro", steps=GRID_STEPS))
widgets.check_query_param(page, "rslora", widgets.is_one_of(["true", "false"]))
rslora = bool(st.toggle(t("sml.rslora"), key="rslora", bind="query-params"))
grid = load.with_progress(t("sml.progress.grid"), load.grid, shift, page_config(rslora))
st.plotly_chart(views.grid_chart(grid, t), key="grid_chart")
st.markdown(views.grid_verdict(grid, t))
left, _ = st.columns([3, 2])
left.dataframe(pd.DataFrame(views.best_rows(grid, t)), hide_index=True)
st.download_button(
    t("sml.download.grid"),
    grid_csv(grid),
    file_name="rank_lr_grid_rslora.csv" if rslora else "rank_lr_grid.csv",
    mime="text/csv",
    key="download_grid",
    on_click="ignore",
    icon="🗺️",
)
st.caption(t("sml.sources"))

widgets.in_the_note(page, "sml.note.says", "sml.note.precise")
widgets.self_check(page, QUESTIONS)
