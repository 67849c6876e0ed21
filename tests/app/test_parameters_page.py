"""/parameters through AppTest: the note's example, slider extremes, real models, URL state."""

from __future__ import annotations

import re

import numpy as np
import pytest
from apptest_support import assert_follows, follower, open_page, shown_text

from lowrank import i18n, models
from lowrank.locales.parameters import MESSAGES
from lowrank.memory import lora_memory
from lowrank.ui.widgets import plain
from lowrank.views.parameters import size_view

PAGE = "pages/7_parameters.py"


def metric(app, key: str, lang: str = "en", index: int = 0, **params: object) -> str:
    """The value of the index-th metric labelled with catalogue message ``key``."""
    label = i18n.t(key, lang, **params)
    return [m.value for m in app.metric if m.label == label][index]


def verdict(app) -> str:
    """The any-size section's verdict (one st.info whose text says ✅ or ⚖️)."""
    (box,) = [box for box in app.info if box.value.startswith(("**✅", "**⚖️"))]
    return box.value


def module_cells(app, lang: str = "en") -> list[str]:
    """The cells of the real models' module table, read from the markdown the run drew: header
    first, then row by row, escapes undone and bold marks removed (the text the browser shows)."""
    head = f"| {i18n.t('s2.par.col_module', lang)} |"
    (table,) = [m.value for m in app.markdown if m.value.startswith(head)]
    lines = table.split("\n")
    cells = []
    for line in lines[:1] + lines[2:]:  # lines[1]: the alignments
        for cell in re.split(r"(?<!\\)\|", line.strip().removeprefix("|").removesuffix("|")):
            cells.append(
                re.sub(r"\\(.)", r"\1", cell.strip().removeprefix("**").removesuffix("**"))
            )
    return cells


def assert_rank_follows(app, i: int, lang: str = "en") -> dict:
    """What the browser shows at once at LoRA rank position i is what this run drew, the
    module table's cells included."""
    return assert_follows(app, "rank", i, nodes=lambda run: module_cells(run, lang))


def picture(app, index: int = 1) -> str:
    """The URL of the page's index-th st.image (0: the note's example, 1: any size)."""
    return app.image[index].proto.imgs[0].url


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_notes_example_in_both_languages(lang: str) -> None:
    app = open_page(PAGE, lang=lang)
    assert not app.exception and not app.warning
    assert app.title[0].value == i18n.t("page.parameters.title", lang)
    # the note's example and the sliders' defaults: 20 → A 10 + B 8 = 18
    for index in (0, 1):
        assert metric(app, "s2.par.m_full", lang, index) == "20"
        assert metric(app, "s2.par.m_a", lang, index) == "10"
        assert metric(app, "s2.par.m_b", lang, index) == "8"
        assert metric(app, "s2.par.m_total", lang, index) == "18"
    assert (app.select_slider(key="d").value, app.select_slider(key="k").value) == (5, 4)
    assert app.select_slider(key="r").value == 2
    assert verdict(app) == i18n.t(
        "par.saves", lang, r=2, value="2.2", lora="18", full="20", share="90.0%"
    )
    text = shown_text(app)
    assert "r = 3" in text and "27 > 20" in text  # the note box: one rank more costs 27
    # the note's example and the any-size picture are SVG images; cost, memory, shares: Plotly
    assert len(app.image) == 2 and len(app.get("plotly_chart")) == 3
    assert len(app.get("download_button")) == 2


def test_r3_costs_more_than_the_full_matrix() -> None:
    app = open_page(PAGE, lang="en", r="3")
    assert not app.exception
    assert metric(app, "s2.par.m_total", index=1) == "27"
    assert verdict(app).startswith("**⚖️ No saving**: r = 3 ≥ 2.2")
    assert not app.warning


@pytest.mark.parametrize(
    ("d", "k", "r"),
    [("2", "2", "1"), ("2", "2", "2"), ("14336", "14336", "14336"), ("14336", "2", "2")],
)
def test_slider_extremes(d: str, k: str, r: str) -> None:
    app = open_page(PAGE, lang="zh", d=d, k=k, r=r)
    assert not app.exception and not app.warning[1:]
    dd, kk, rr = int(d), int(k), int(r)
    assert metric(app, "s2.par.m_full", "zh", 1) == f"{dd * kk:,}"
    assert metric(app, "s2.par.m_total", "zh", 1) == f"{rr * (dd + kk):,}"
    saves = rr * (dd + kk) < dd * kk
    assert verdict(app).startswith("**✅" if saves else "**⚖️")


def test_shrinking_d_caps_r() -> None:
    app = open_page(PAGE, lang="en", d="64", k="64", r="40")
    assert app.select_slider(key="r").value == 40
    app.select_slider(key="d").set_value(16).run()
    assert not app.exception
    assert app.select_slider(key="r").value == 16
    assert any(i18n.t("s2.par.r_capped", "en", max_r=16) in c.value for c in app.caption)


@pytest.mark.parametrize("key", ["gpt2", "bert", "llama2_7b", "llama3_8b", "gpt3"])
def test_real_models_match_facts_md(key: str) -> None:
    """facts.md's table: r = 8 on q and v."""
    facts = {
        "gpt2": (124_439_808, 294_912, "0.2370%"),
        "bert": (109_482_240, 294_912, "0.2694%"),
        "llama2_7b": (6_738_415_616, 4_194_304, "0.0622%"),
        "llama3_8b": (8_030_261_248, 3_407_872, "0.0424%"),
        "gpt3": (175_255_800_000, 37_748_736, "0.0215%"),
    }
    total, trainable, share = facts[key]
    app = open_page(PAGE, lang="en", model=key)
    assert not app.exception and not app.warning
    assert metric(app, "s2.par.m_share") == share
    captions = [c.value for c in app.caption]
    if key == "gpt3":  # 175,255.8M is the paper's rounded total; its configuration gives another
        computed = f"{models.base_params(models.MODELS[key]):,}"
        assert computed == "174,604,259,328"
        exact = i18n.t(
            "s2.par.exact_reported",
            "en",
            total=f"{total:,}",
            computed=computed,
            trainable=f"{trainable:,}",
        )
    else:
        exact = i18n.t("s2.par.exact", "en", total=f"{total:,}", trainable=f"{trainable:,}")
    assert exact in captions
    gap_note = [i for i in app.info if "Table 4" in i.value]
    assert bool(gap_note) == (key == "gpt3")


def test_gpt3_memory_and_checkpoint_as_in_the_paper() -> None:
    app = open_page(PAGE, lang="en", model="gpt3", rank="4")
    assert metric(app, "s2.par.m_ckpt_full") == "350.5 GB"
    assert metric(app, "s2.par.m_ckpt_lora") == "37.7 MB"
    # 2 bytes × (175,255.8M frozen + 18.9M factors) + (2 + 4) bytes × 18.9M trainable
    assert metric(app, "s2.par.m_memory_lora") == "350.7 GB"
    assert metric(app, "s2.par.m_memory_full") == "1.4 TB"
    assert "1.2 TB → 350 GB" in shown_text(app)


def test_targets_precision_and_rank_widgets() -> None:
    app = open_page(PAGE, lang="en", model="llama3_8b")
    app.multiselect(key="targets").set_value(["q", "k", "v", "o", "gate", "up", "down"]).run()
    app.select_slider(key="rank").set_value(256).run()
    assert not app.exception
    expected = models.lora_params(models.MODELS["llama3_8b"], models.TARGETS, 256)
    assert metric(app, "s2.par.m_trainable") == models.human_count(expected)
    app.multiselect(key="targets").set_value([]).run()
    assert any(i18n.t("s2.par.no_targets", "en") in w.value for w in app.warning)
    app.multiselect(key="targets").set_value(["gate"]).run()
    app.button_group(key="precision__choice").set_value("fp32").run()
    assert metric(app, "s2.par.m_ckpt_lora") == models.human_bytes(
        4 * models.lora_params(models.MODELS["llama3_8b"], ["gate"], 256)
    )
    app.button_group(key="lang__choice").set_value("zh").run()
    assert not app.exception and app.select_slider(key="rank").value == 256


def test_gate_is_ignored_for_models_without_it() -> None:
    app = open_page(PAGE, lang="en", model="gpt2")
    app.multiselect(key="targets").set_value(["gate"]).run()
    assert any(i18n.t("s2.par.no_targets", "en") in w.value for w in app.warning)
    assert metric(app, "s2.par.m_trainable") == "294,912"  # falls back to q, v at r = 8


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("d", "17"),
        ("k", "-1"),
        ("r", "99"),
        ("rank", "3"),
        ("model", "gpt5"),
        ("precision", "fp8"),
        ("targets", "lm_head"),
    ],
)
def test_invalid_url_values_fall_back_with_a_note(name: str, value: str) -> None:
    app = open_page(PAGE, lang="en", **{name: value})
    assert not app.exception
    assert any(f"{name}={plain(value)}" in w.value for w in app.warning)
    assert metric(app, "s2.par.m_total", index=1) == "18"


def test_an_empty_targets_link_is_the_empty_selection_with_one_note() -> None:
    app = open_page(PAGE, lang="en", targets="")
    assert not app.exception
    assert [w.value for w in app.warning] == [i18n.t("s2.par.no_targets", "en")]
    q_and_v = open_page(PAGE, lang="en", targets=["q", "v"])  # the fallback the note names
    assert metric(app, "s2.par.m_trainable") == metric(q_and_v, "s2.par.m_trainable")


def test_the_range_text_is_computed() -> None:
    app = open_page(PAGE, lang="en")
    rows = models.share_table()
    low, high, inside = models.band_summary(rows, *models.NOTE_BAND)
    text = shown_text(app)
    assert f"{low.share:.4%}" in text and f"{high.share:.2%}" in text
    assert f"and {inside} of them" in text and f"({len(rows)} configurations)" in text


def test_self_check_answers() -> None:
    app = open_page(PAGE, lang="zh")
    app.radio(key="quiz_s2.par.q1").set_value("n27").run()
    app.radio(key="quiz_s2.par.q2").set_value("b_a").run()
    app.radio(key="quiz_s2.par.q3").set_value("gqa").run()
    assert len(app.success) == 3  # three right answers (the verdict is an st.info)
    explanation = MESSAGES["s2.par.q1.why"]["en"]
    assert f"= {models.lora_matrix_params(5, 4, 3)} > {models.full_cost(5, 4)}" in explanation
    assert f"{models.break_even_rank(5, 4):.1f}" in explanation


# --- what the browser shows at once when a rank slider moves ------------------------------------


def test_large_sizes_offer_coarse_stops_that_links_can_name() -> None:
    app = open_page(PAGE, lang="en", d="4096", k="4096", r="2048")
    assert not app.exception and not app.warning
    assert app.select_slider(key="r").value == 2048  # the break-even rank itself: no saving
    assert verdict(app).startswith("**⚖️ No saving**: r = 2048 ≥ 2048.0")
    assert i18n.t("par.r_coarse", "en", fine=64, below=2047, above=2048, top=4096) in [
        c.value for c in app.caption
    ]
    app.select_slider(key="r").set_value(2047).run()
    assert verdict(app).startswith("**✅ Saves**: r = 2047 < 2048.0")
    not_a_stop = open_page(PAGE, lang="en", d="4096", k="4096", r="100")
    assert any("r=100" in w.value for w in not_a_stop.warning)
    assert not_a_stop.select_slider(key="r").value == 2


def test_a_rank_that_is_no_stop_of_the_new_size_moves_to_the_nearest() -> None:
    app = open_page(PAGE, lang="en", d="4096", k="4096", r="2047")
    app.select_slider(key="k").set_value(8192).run()  # stops: ..., 2048, 2730, 2731, 4096
    assert not app.exception
    assert app.select_slider(key="r").value == 2048
    assert i18n.t("par.r_snapped", "en", old=2047, new=2048) in [c.value for c in app.caption]


@pytest.mark.parametrize(("d", "k", "values"), [(5, 4, (1, 3, 4)), (24, 16, (1, 7, 16)),
                                                (4096, 14336, (64, 1024, 3186, 4096))])  # fmt: skip
def test_r_follower_is_the_arithmetic_and_what_each_run_draws(d: int, k: int, values) -> None:
    app = open_page(PAGE, lang="zh", d=str(d), k=str(k))
    data = follower(app, "r")
    ranks = models.rank_options(d, k)
    assert (data["start"], data["step"], data["count"]) == (0, 1, len(ranks))
    sources = {texts["key"]: texts["sources"] for texts in data["texts"]}
    for i, r in enumerate(ranks):  # every stop, from array shapes and plain integers
        a, b = np.empty((d, r), np.bool_).size, np.empty((r, k), np.bool_).size
        assert (sources["par_size_a"][i], sources["par_size_b"][i]) == (f"{a:,}", f"{b:,}")
        assert sources["par_size_total"][i] == f"{r * (d + k):,}" == f"{a + b:,}"
        assert sources["par_size_verdict"][i].startswith("**✅" if a + b < d * k else "**⚖️")
    (mark,) = data["marks"]
    assert mark["chart"] == "par_cost_plot" and mark["x"] == list(map(float, ranks))
    assert mark["y"] == [float(r * (d + k)) for r in ranks]
    (pictures,) = data["pictures"]
    assert pictures["key"] == "par_blocks"
    assert pictures["sources"] == list(size_view(d, k, "zh").pictures)
    for r in values:
        app.select_slider(key="r").set_value(r).run()
        assert not app.exception
        i = ranks.index(r)
        assert follower(app, "r") == data  # the follower's data does not depend on r
        assert_follows(app, "r", i)
        assert picture(app) == pictures["sources"][i]


@pytest.mark.parametrize(("model", "targets", "lang"), [("llama2_7b", ["q", "v"], "en"),
                                                        ("llama3_8b", list(models.TARGETS), "zh"),
                                                        ("gpt3", ["q", "v"], "en")])  # fmt: skip
def test_rank_follower_is_what_the_page_draws_at_every_rank(model: str, targets, lang) -> None:
    app = open_page(PAGE, lang=lang, model=model, targets=targets, precision="mixed")
    data = follower(app, "rank")
    assert (data["start"], data["step"], data["count"]) == (0, 1, len(models.LORA_RANKS))
    config = models.MODELS[model]
    shapes = models.module_shapes(config)
    for i, rank in enumerate(models.LORA_RANKS):
        app.select_slider(key="rank").set_value(rank).run()
        assert not app.exception
        assert follower(app, "rank") == data
        assert_rank_follows(app, i, lang)
        cells = module_cells(app, lang)  # 6 columns: the LoRA count of each matrix is the 4th
        lora = {cells[j]: cells[j + 3] for j in range(6, len(cells), 6)}
        assert lora == {t: f"{rank * (d + k):,}" for t, (d, k) in shapes.items()}
        trainable = models.lora_params(config, targets, rank)
        layers = f"{config.layers} layers:" if lang == "en" else f"{config.layers} 层共"
        assert f"{layers} **{trainable:,}**" in data["texts"][0]["sources"][i]
        memory = lora_memory(config, targets, rank, "mixed").total
        assert metric(app, "s2.par.m_memory_lora", lang) == models.human_bytes(memory)
        assert data["marks"][0]["x"][i] == pytest.approx(memory / 1e9)
