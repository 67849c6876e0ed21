"""Step 3 of the note: LoRA training, live. W stays frozen, only A and B learn; then merge."""

from __future__ import annotations

import time

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lowrank import finetune, i18n, lora, lora_checks, lora_training, pages
from lowrank.lora_compare import matching_rank
from lowrank.lora_export import curves_csv, factors_npz
from lowrank.lora_training import Snapshot
from lowrank.ui import training as load
from lowrank.ui import widgets
from lowrank.ui.block import block
from lowrank.ui.frame import Frame, frame, link_params
from lowrank.views import alt_texts
from lowrank.views import training as tf

page = frame("training")
t = page.t

RANKS = (1, 2, 4, 8, 16, 32)
#: The rank slider's key (``?r=``), and the prefix of the blocks that follow it in the browser
#: (lowrank/ui/block.py): the caption under the diagram and the budget line.
RANK_KEY = "r"
BLOCK = "tr_"
ALPHAS = (1, 2, 4, 8, 16, 32, 64)
LRS = (0.001, 0.003, 0.01, 0.03, 0.1)
LAYERS = tuple(range(1, len(finetune.LAYER_SIZES)))  # 1-based on screen, 0-based in the core
QUESTIONS = (
    widgets.Question("training.q1", ("speed", "start", "both"), "start"),
    widgets.Question("training.q2", ("rank", "lr_w", "scale"), "scale"),
    widgets.Question("training.q3", ("a", "b", "delta", "w"), "w"),
)


def layer_name(i: int) -> str:
    """Layer i (1-based) with W's shape, the same in both languages (so it can sit in the URL)."""
    n_out, n_in = finetune.LAYER_SIZES[i], finetune.LAYER_SIZES[i - 1]
    return f"W{i} {n_out}×{n_in}"


def read_settings(page: Frame) -> load.Settings:
    """The settings panel; every widget is keyed and kept in the URL."""
    with st.container(border=True):
        st.markdown(f"**{t('training.settings')}**")
        left, middle, right = st.columns(3)
        with left:
            shift = widgets.url_choice(
                page,
                t("training.task"),
                tuple(finetune.SHIFTS),
                "shift",
                default=finetune.DEFAULT_SHIFT,
                format_func=lambda s: t(f"training.shift.{s}"),
            )
            names = {layer_name(i) for i in LAYERS}
            if not all(v in names for v in st.query_params.get_all("layers")):
                widgets.check_query_param(page, "layers", lambda _: False)
            chosen = st.multiselect(
                t("training.layers"),
                LAYERS,
                default=list(LAYERS),
                format_func=layer_name,
                key="layers",
                bind="query-params",
            )
            if not chosen:
                st.warning(t("training.no_layers"), icon="⚠️")
                chosen = list(LAYERS)
        with middle:
            widgets.check_query_param(page, RANK_KEY, widgets.is_one_of([str(r) for r in RANKS]))
            rank = st.select_slider(
                t("training.rank"), RANKS, value=4, key=RANK_KEY, bind="query-params"
            )
            widgets.check_query_param(page, "alpha", widgets.is_one_of([str(a) for a in ALPHAS]))
            alpha = st.select_slider(
                t("training.alpha"), ALPHAS, value=8, key="alpha", bind="query-params"
            )
            widgets.check_query_param(page, "seed", widgets.is_int_in(0, 99))
            seed = st.number_input(t("training.seed"), 0, 99, 0, key="seed", bind="query-params")
        with right:
            widgets.check_query_param(page, "lr", widgets.is_one_of([str(v) for v in LRS]))
            lr = st.select_slider(t("training.lr"), LRS, value=0.01, key="lr", bind="query-params")
            widgets.check_query_param(page, "steps", widgets.is_int_in(50, 1000))
            steps = st.slider(
                t("training.steps"),
                50,
                1000,
                lora.DEFAULT_STEPS,
                step=50,
                key="steps",
                bind="query-params",
            )
            widgets.check_query_param(page, "random_init", widgets.is_one_of(["true", "false"]))
            random_init = st.toggle(
                t("training.random_init"), key="random_init", bind="query-params"
            )
            widgets.check_query_param(page, "rslora", widgets.is_one_of(["true", "false"]))
            rslora = st.toggle(t("training.rslora"), key="rslora", bind="query-params")
    config = lora.LoRAConfig(
        layers=tuple(i - 1 for i in chosen),
        rank=int(rank),
        alpha=float(alpha),
        rslora=bool(rslora),
        init="random" if random_init else "zero",
        seed=int(seed),
        lr=float(lr),
        steps=int(steps),
    )
    return load.Settings(shift, config)


def digits(kind: str, shift: str) -> str:
    return t(f"training.digits.{kind}.{shift}")


def curve_labels(settings: load.Settings) -> dict[str, str]:
    return {
        "loss": t("training.curves.loss"),
        "batch_loss": t("training.curves.batch_loss"),
        "accuracy": t("training.curves.accuracy", digits=digits("ft", settings.shift)),
        "step": t("training.curves.step"),
    }


def draw_curves(charts: tuple[go.Figure, go.Figure], key: str) -> None:
    """The loss and accuracy charts under their title, side by side (stacked on a phone)."""
    with curves_slot.container():
        st.markdown(f"**{t('training.curves.title')}**")
        for column, chart, part in zip(st.columns(2), charts, ("loss", "accuracy"), strict=True):
            column.plotly_chart(chart, key=f"{key}_{part}")


def draw_grid(target, settings: load.Settings, snapshot: Snapshot, layer: int) -> None:
    """ΔW = A×B at one snapshot, as a picture with its title and a legend of its parts."""
    a, b, delta = snapshot.A[layer], snapshot.B[layer], snapshot.delta(layer)
    (d, r), k = a.shape, b.shape[1]
    scale = tf.scale_symbol(settings.config.rslora)
    with target.container():
        st.markdown(
            f"**{t('training.grid.title', step=snapshot.step, layer=layer + 1, scale=scale)}**"
        )
        largest = f"{snapshot.delta_max(layer):.3g}"
        st.caption(t("training.grid.parts", d=d, k=k, r=r, max=largest))
        alt = alt_texts.factor_grid(a, b, snapshot.step, snapshot.delta_max(layer), t)
        st.image(tf.factor_grid_image(a, b, delta), alt=alt)


def initial_snapshot(settings: load.Settings, base: finetune.MLP) -> Snapshot:
    """Step 0 before anyone trains: the adapters as freshly initialised."""
    model = lora.add_lora(base, settings.config)
    return lora_training.snapshot(model, 0, float("nan"), float("nan"))


def points(snapshots: tuple[Snapshot, ...] | list[Snapshot]) -> list:
    return [(s.step, s.loss, s.accuracy) for s in snapshots]


# --- the question, then the note's picture (filled once the settings are known) -------------------
st.title(t("page.training.title"))
st.markdown(f"#### {t('training.question')}")
picture = None if page.presenting else st.container()
settings = read_settings(page)
with st.spinner():
    task, base = load.pretrained(settings.shift, settings.config.seed)

# On a projector Train comes first, in the first screen; the sentence on the budget after it
train_place, about_place = st.container(), st.container()
if not page.presenting:
    train_place, about_place = about_place, train_place
with about_place:
    budget_place = st.container()  # filled below, with the diagram's caption
    st.caption(t("training.model"))

# --- train, live -------------------------------------------------------------------------------
with train_place:
    train = st.button(t("training.train"), type="primary", key="train")
status = st.empty()
curves_slot = st.empty()
replay_slot = st.empty()
shown_ids = [str(i + 1) for i in settings.config.layers]
show = (
    int(
        widgets.url_choice(
            page,
            t("training.show_layer"),
            shown_ids,
            "show",
            default=shown_ids[0],
            format_func=lambda i: layer_name(int(i)),
            widget=st.segmented_control,
            required=True,
        )
    )
    - 1
)
d, k = base.weights[show].shape
col_grid, col_w = st.columns([3, 2])
grid_slot = col_grid.empty()
with col_w:
    st.markdown(f"**{t('training.frozen.title', d=d, k=k)}**")
    st.caption(t("training.frozen.caption"))
    st.image(
        tf.matrix_image(base.weights[show], grey=True),
        alt=alt_texts.frozen_weights(base.weights[show], show + 1, t),
    )
    checksum_slot = st.empty()
st.caption(t("training.colours"))
if picture is None:  # on a projector the settings and Train come first, the picture after
    picture = st.container()

# What r changes up here, at every r: drawn by the browser at the slider's position as r moves
# (the run, the stored-run status, the curves and the ΔW grid below follow with the rerun).
rank_blocks = tf.rank_blocks(
    base,
    settings.config.layers,
    show,
    RANKS,
    settings.config.alpha,
    settings.config.rslora,
    t,
)
rank_at = RANKS.index(settings.config.rank)  # a select slider's position: its option's index
with budget_place:
    block(BLOCK + "budget", RANK_KEY, rank_blocks["budget"], at=rank_at)
with picture:
    col_diagram, col_names = st.columns([1, 1])
    diagram_labels = {
        name: t(f"training.diagram.{name}")
        for name in ("frozen", "trained", "zero", "random", "title")
    }
    if settings.config.init == "random":
        diagram_labels["zero"] = diagram_labels["random"]
    with col_diagram:
        st.plotly_chart(
            tf.lora_diagram(d, k, "× " + tf.scale_symbol(settings.config.rslora), diagram_labels),
            key="diagram",
        )
        block(BLOCK + "shapes", RANK_KEY, rank_blocks["shapes"], at=rank_at)
        st.caption(t("training.layout", scale=tf.scale_symbol(settings.config.rslora)))
    with col_names:
        st.markdown(f"**{t('training.naming.title')}**")
        st.markdown(t("training.naming.table"))
        st.caption(t("training.naming.caption"))

store = load.run_store()
live: load.LiveRun | None
if train:
    snaps: list[Snapshot] = []
    bar = status.progress(0.0)
    started = time.perf_counter()

    def on_snapshot(snap: Snapshot) -> None:
        snaps.append(snap)
        bar.progress(
            snap.step / settings.config.steps,
            text=t(
                "training.progress",
                step=snap.step,
                steps=settings.config.steps,
                loss=f"{snap.loss:.3f}",
                acc=f"{snap.accuracy:.1%}",
            ),
        )
        draw_curves(
            tf.curves(points(snaps), settings.config.steps, curve_labels(settings)),
            f"live_c{snap.step}",
        )
        draw_grid(grid_slot, settings, snap, show)

    run = lora_training.train_lora(
        base, task, settings.config, every=settings.every, callback=on_snapshot
    )
    live = load.LiveRun(run, tuple(snaps))
    store.put(settings, live)
    status.success(
        t(
            "training.done",
            steps=settings.config.steps,
            seconds=f"{run.seconds:.2f}",
            total=f"{time.perf_counter() - started:.1f}",
        ),
        icon="✅",
    )
else:
    live = store.get(settings)
    if live is not None:
        status.info(t("training.stored", seconds=f"{live.run.seconds:.2f}"), icon="💾")
    else:
        status.info(
            t("training.press_random" if settings.config.init == "random" else "training.press"),
            icon="👇",
        )

before = lora_checks.checksum(base.weights[show])
if live is None:
    draw_curves(tf.curves([], settings.config.steps, curve_labels(settings)), "curves_empty")
    draw_grid(grid_slot, settings, initial_snapshot(settings, base), show)
    checksum_slot.markdown(t("training.checksum", before=before, after="—"))
else:
    steps_seen = [s.step for s in live.snapshots]
    at = replay_slot.select_slider(
        t("training.replay"), steps_seen, value=steps_seen[-1], key=f"replay_{abs(hash(settings))}"
    )
    snapshot = live.snapshots[steps_seen.index(at)]
    done = tf.curves(
        points(live.snapshots),
        settings.config.steps,
        curve_labels(settings),
        step_losses=live.run.losses,
        marker_step=at,
    )
    draw_curves(done, "curves_done")
    draw_grid(grid_slot, settings, snapshot, show)
    after = live.run.checksums_after[show]
    same = t("training.checksum.same" if after == before else "training.checksum.changed")
    checksum_slot.markdown(f"{t('training.checksum', before=before, after=after)} **{same}**")
    down_csv, down_npz, _ = st.columns([1, 1, 2])
    down_csv.download_button(
        t("training.download.csv"),
        curves_csv(live.run),
        file_name="lora_curves.csv",
        mime="text/csv",
        key="download_csv",
        on_click="ignore",
        icon="📈",
    )
    down_npz.download_button(
        t("training.download.npz"),
        factors_npz(live.run),
        file_name="lora_factors.npz",
        mime="application/octet-stream",
        key="download_npz",
        on_click="ignore",
        icon="🧮",
    )

# --- what the run proves, the two demos and the comparison (only the open tab computes) -----------
TABS = ("checks", "init", "alpha", "compare")
open_tab_id = next(
    (
        tab
        for tab in TABS
        for lang in i18n.LANGUAGES
        if st.session_state.get("tab") == i18n.t(f"training.tab.{tab}", lang)
    ),
    None,
)
if open_tab_id is not None:  # the open tab survives a language switch (its label changes)
    st.session_state["tab"] = t(f"training.tab.{open_tab_id}")
tab_checks, tab_init, tab_alpha, tab_compare = st.tabs(
    [t(f"training.tab.{tab}") for tab in TABS], key="tab", on_change="rerun"
)
pre_digits, ft_digits = digits("pre", settings.shift), digits("ft", settings.shift)

if tab_checks.open:
    with tab_checks:
        if live is None:
            st.info(t("training.need_run"), icon="👆")
        else:
            model = live.run.model
            st.markdown(t("training.checks.frozen"))
            st.dataframe(
                pd.DataFrame(
                    {
                        t("training.checks.layer"): [layer_name(i + 1) for i in model.adapters],
                        t("training.checks.before"): [
                            live.run.checksums_before[i] for i in model.adapters
                        ],
                        t("training.checks.after"): [
                            live.run.checksums_after[i] for i in model.adapters
                        ],
                        t("training.checks.same"): [
                            "✓"
                            if live.run.checksums_before[i] == live.run.checksums_after[i]
                            else "✗"
                            for i in model.adapters
                        ],
                    }
                ),
                hide_index=True,
            )
            check = lora_checks.delta_check(model.adapters[show])
            s, r = check.singular_values, check.rank
            left, right = st.columns([2, 3])
            with left:
                st.markdown(
                    t(
                        "training.checks.rank",
                        layer=show + 1,
                        n=s.size,
                        r=r,
                        head=", ".join(f"{v:.3g}" for v in s[:r]),
                        tail=f"{check.tail:.1e}",
                    )
                )
                st.markdown(
                    t(
                        "training.checks.size",
                        delta=f"{check.delta_norm:.3g}",
                        w=f"{check.weight_norm:.3g}",
                    )
                )
                st.caption(t("training.checks.size_paper"))
            with right:
                st.plotly_chart(
                    tf.singular_values_log(s, r, t("training.sv.title"), f"r = {r}"), key="sv"
                )
            if st.button(t("training.merge.button"), key="merge", icon="🔗"):
                st.session_state["merged_for"] = settings
            st.caption(t("training.merge.hint"))
            if st.session_state.get("merged_for") == settings:
                x_all = lora_checks.all_test_images(task)
                unmerge_err = lora_checks.unmerge_error(model)
                st.success(
                    t(
                        "training.merge.result",
                        n=len(x_all),
                        gap=f"{lora_checks.merge_gap(model, x_all):.1e}",
                        extra=f"{model.n_trainable:,}",
                    ),
                    icon="🔗",
                )
                st.markdown(t("training.merge.unmerge", err=f"{unmerge_err:.1e}"))

if tab_init.open:
    with tab_init:
        st.markdown(t("training.init.intro"))
        variants = {init: settings.varied(init=init) for init in lora.INITS}
        rows, series = [], {}
        for init, variant in variants.items():
            check, run = load.start_check(variant), load.quiet_run(variant)
            name = t(f"training.init.{init}")
            rows.append(
                {
                    t("training.init.name"): name,
                    t("training.init.gap"): f"{check.max_gap:.3g}",
                    t("training.init.pre", pre=pre_digits): f"{check.acc_pre_digits:.1%}",
                    t("training.init.final", ft=ft_digits): f"{run.final_accuracy:.1%}",
                }
            )
            series[name] = (run.eval_steps, run.eval_accuracy)
        st.table(pd.DataFrame(rows).set_index(t("training.init.name")))
        st.plotly_chart(
            tf.line_chart(
                series,
                t("training.init.chart"),
                t("training.curves.step"),
                t("training.compare.y"),
                percent=True,
            ),
            key="init_chart",
        )
        st.markdown(t("training.init.verdict", pre=pre_digits))

if tab_alpha.open:
    with tab_alpha:
        st.markdown(t("training.alpha.intro"))
        alphas = sorted(
            {settings.config.alpha / 4, settings.config.alpha, settings.config.alpha * 4}
        )
        rows, series = [], {}
        for alpha in alphas:
            run = load.quiet_run(settings.varied(alpha=alpha))
            scale = lora.scaling(alpha, settings.config.rank, settings.config.rslora)
            series[t("training.alpha.series", alpha=f"{alpha:g}", scale=f"{scale:.3g}")] = (
                run.eval_steps,
                run.eval_accuracy,
            )
            rows.append(
                {
                    t("training.alpha.col_alpha"): f"{alpha:g}",
                    t("training.alpha.col_scale"): f"{scale:.3g}",
                    t("training.alpha.col_acc"): f"{run.final_accuracy:.1%}",
                    t(
                        "training.alpha.col_norm", layer=show + 1
                    ): f"{lora_checks.delta_check(run.model.adapters[show]).delta_norm:.3g}",
                }
            )
        st.plotly_chart(
            tf.line_chart(
                series,
                t("training.alpha.chart"),
                t("training.curves.step"),
                t("training.compare.y"),
                percent=True,
            ),
            key="alpha_chart",
        )
        st.table(pd.DataFrame(rows).set_index(t("training.alpha.col_alpha")))
        st.caption(t("training.alpha.rank_note", alpha=f"{settings.config.alpha:g}"))

if tab_compare.open:
    with tab_compare:
        st.markdown(
            t(
                "training.compare.intro",
                alpha=f"{settings.config.alpha:g}",
                full=f"{base.n_params:,}",
            )
        )
        with st.spinner():
            rows = load.comparison(settings)
        full = rows[-1]
        table = pd.DataFrame(
            {
                t("training.compare.method"): [
                    f"LoRA r = {row.rank}" if row.rank else t("training.compare.full")
                    for row in rows
                ],
                t("training.compare.trainable"): [f"{row.trainable:,}" for row in rows],
                t("training.compare.share"): [
                    f"{row.trainable / full.trainable:.1%}" for row in rows
                ],
                t("training.compare.acc", ft=ft_digits): [f"{row.accuracy:.1%}" for row in rows],
                t("training.compare.old", pre=pre_digits): [
                    f"{row.old_accuracy:.1%}" for row in rows
                ],
                t("training.compare.seconds"): [f"{row.seconds:.2f}" for row in rows],
            }
        )
        st.dataframe(table, hide_index=True)
        st.plotly_chart(
            tf.comparison_chart(
                rows,
                {
                    "lora": "LoRA",
                    "full": t("training.compare.full"),
                    "x": t("training.compare.x"),
                    "y": t("training.compare.y"),
                    "title": t("training.compare.chart"),
                },
            ),
            key="compare",
        )
        pick = matching_rank(rows)
        st.markdown(
            t(
                "training.compare.verdict",
                r=pick.rank,
                share=f"{pick.trainable / full.trainable:.1%}",
                acc=f"{pick.accuracy:.1%}",
                full_acc=f"{full.accuracy:.1%}",
            )
        )
        st.caption(t("training.compare.old_note"))
        st.caption(t("training.compare.time_note"))
        st.caption(t("training.compare.paper"))

st.page_link(
    pages.by_id("svd_meets_lora").script, label=t("sml.link"), query_params=link_params(page)
)
widgets.in_the_note(page, "training.note.says", "training.note.precise")
widgets.self_check(page, QUESTIONS)
