"""/parameters through AppTest: the note's example, slider extremes, real models, URL state, and
what the blocks (lowrank/ui/block.py) show at every stop of the two rank sliders."""

from __future__ import annotations

import numpy as np
import pytest
from apptest_support import block_at, blocks, open_page, shown_text

from lowrank import i18n, models
from lowrank.locales.parameters import MESSAGES
from lowrank.memory import lora_memory
from lowrank.ui.widgets import plain
from lowrank.views.parameters import model_blocks, size_block

PAGE = "pages/7_parameters.py"
#: The blocks of the page, in its order: "any size", then the real models' four.
SIZE, TABLE, COUNTS = "par_size", "par_model_table", "par_model_counts"
MEMORY, MEMORY_NUMBERS = "par_memory", "par_memory_numbers"


def metric(app, key: str, lang: str = "en", index: int = 0, **params: object) -> str:
    """The value of the index-th metric labelled with catalogue message ``key``: the page's own
    (the note's example), then those the blocks show at their sliders' stops, in page order."""
    label = i18n.t(key, lang, **params)
    values = [m.value for m in app.metric if m.label == label]
    for key_ in blocks(app):
        values += [v for name, v in block_at(app, key_)["metrics"].items() if name == label]
    return values[index]


def sent(app) -> dict[str, dict]:
    """The blocks' payloads without the slider's position in this run (``at``)."""
    return {key: {k: v for k, v in data.items() if k != "at"} for key, data in blocks(app).items()}


def verdict(app) -> str:
    """The any-size section's verdict (the size block's sentence, ✅ or ⚖️)."""
    (sentence,) = block_at(app, SIZE)["sentences"]
    return sentence


def module_cells(app, rank_index: int | None = None) -> list[str]:
    """The cells of the real models' module table as the block draws them: header first, then
    row by row, bold marks removed."""
    (rows,) = block_at(app, TABLE, rank_index)["tables"]
    return [cell.removeprefix("**").removesuffix("**") for row in rows for cell in row]


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
    # the note's example is an SVG image, the shares a Plotly chart; the rest are five blocks
    assert len(app.image) == 1 and len(app.get("plotly_chart")) == 1
    assert list(blocks(app)) == [SIZE, TABLE, COUNTS, MEMORY, MEMORY_NUMBERS]
    assert [m.label for m in app.metric] == [
        i18n.t(f"s2.par.m_{name}", lang) for name in ("full", "a", "b", "total")
    ]  # the note's example only: the rerun draws no metric a block draws
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
    assert block_at(app, COUNTS)["sentences"] == [exact]
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
def test_the_size_block_is_the_arithmetic_at_every_stop(d: int, k: int, values) -> None:
    app = open_page(PAGE, lang="zh", d=str(d), k=str(k))
    payload = sent(app)[SIZE]
    ranks = models.rank_options(d, k)
    assert payload["slider"] == "r" and payload["positions"] == {
        "start": 0, "step": 1, "count": len(ranks)}  # fmt: skip
    assert payload["pictures"] == size_block(d, k, "zh").payload()["pictures"]
    for i, r in enumerate(ranks):  # every stop, from array shapes and plain integers
        a, b = np.empty((d, r), np.bool_).size, np.empty((r, k), np.bool_).size
        shown = block_at(app, SIZE, i)
        assert list(shown["metrics"].values()) == [f"{d * k:,}", f"{a:,}", f"{b:,}", f"{a + b:,}"]
        assert shown["sentences"][0].startswith("**✅" if a + b < d * k else "**⚖️")
        assert shown["marks"] == [float(r)]
        ((_, alt),) = shown["pictures"]
        assert f"{a:,} + {b:,} = {a + b:,}" in alt
    for r in values:
        app.select_slider(key="r").set_value(r).run()
        assert not app.exception
        assert sent(app)[SIZE] == payload  # the block does not depend on r; the slider picks
        assert block_at(app, SIZE)["metrics"][i18n.t("s2.par.m_total", "zh")] == f"{r * (d + k):,}"


@pytest.mark.parametrize(("model", "targets", "lang"), [("llama2_7b", ["q", "v"], "en"),
                                                        ("llama3_8b", list(models.TARGETS), "zh"),
                                                        ("gpt3", ["q", "v"], "en")])  # fmt: skip
def test_the_model_blocks_are_what_the_page_shows_at_every_rank(model: str, targets, lang) -> None:
    app = open_page(PAGE, lang=lang, model=model, targets=targets, precision="mixed")
    first = sent(app)
    expected = model_blocks(model, targets, "mixed", lang)
    built = (expected.table, expected.counts, expected.memory, expected.memory_numbers)
    for key, block in zip((TABLE, COUNTS, MEMORY, MEMORY_NUMBERS), built, strict=True):
        assert first[key]["slider"] == "rank"
        assert {k: v for k, v in first[key].items() if k != "slider"} == block.payload()
    config = models.MODELS[model]
    shapes = models.module_shapes(config)
    for i, rank in enumerate(models.LORA_RANKS):
        app.select_slider(key="rank").set_value(rank).run()
        assert not app.exception
        assert sent(app) == first  # the same payloads at every rank: the slider picks the stop
        cells = module_cells(app)  # 6 columns: the LoRA count of each matrix is the 4th
        lora = {cells[j]: cells[j + 3] for j in range(6, len(cells), 6)}
        assert lora == {t: f"{rank * (d + k):,}" for t, (d, k) in shapes.items()}
        trainable = models.lora_params(config, targets, rank)
        layers = f"{config.layers} layers:" if lang == "en" else f"{config.layers} 层共"
        assert f"{layers} **{trainable:,}**" in block_at(app, TABLE)["sentences"][0]
        memory = lora_memory(config, targets, rank, "mixed").total
        assert metric(app, "s2.par.m_memory_lora", lang) == models.human_bytes(memory)
        assert block_at(app, MEMORY)["marks"] == [float(rank)]
        assert block_at(app, MEMORY, i)["marks"] == [float(rank)]
