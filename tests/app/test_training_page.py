"""/training through AppTest: both languages, a short live run, URL state, checks, tabs, merge."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest
from apptest_support import block_sentences_at, blocks, open_page, shown_text
from streamlit.testing.v1 import AppTest

from lowrank import finetune, i18n, lora, lora_checks, lora_compare
from lowrank.lora import LoRAConfig

SHORT = "50"  # steps of the runs in these tests: enough to learn something, fast to draw
RANKS = (1, 2, 4, 8, 16, 32)  # the rank slider's options; the browser sees their index


def open_training(**params: str | list[str]) -> AppTest:
    """The page as a browser opens it: app.py first (the frame links back to it), then /training."""
    return open_page("pages/8_training.py", **params)


def train(app: AppTest) -> AppTest:
    app.button(key="train").click().run()
    assert not app.exception
    return app


def open_tab(app: AppTest, key: str, lang: str) -> AppTest:
    app.session_state["tab"] = i18n.t(f"training.tab.{key}", lang)
    return app.run()


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_step_zero_in_both_languages(lang: str) -> None:
    app = open_training(lang=lang)
    assert not app.exception and not app.warning
    assert app.title[0].value == i18n.t("page.training.title", lang)
    text = shown_text(app)
    assert i18n.t("training.question", lang) in text
    assert i18n.t("training.press", lang) in text
    assert i18n.t("training.grid.title", lang, step=0, layer=1, scale="α/r") in text
    assert [tab.label for tab in app.tabs] == [
        i18n.t(f"training.tab.{key}", lang) for key in ("checks", "init", "alpha", "compare")
    ]
    assert len(app.get("image")) == 2  # the A×B = ΔW picture and the frozen W
    assert i18n.t("training.need_run", lang) in text
    # the budget line: r(d+k) summed over the three layers against their d·k + d weights and
    # biases, the count (and share) the comparison tab gives full fine-tuning too
    assert "2,344" in text and "26,122" in text and "9.0%" in text
    scale = i18n.t("training.layout", lang, scale="α/r")
    assert scale in text


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_a_short_run_trains_and_keeps_w(lang: str) -> None:
    app = train(open_training(lang=lang, steps=SHORT, seed="1"))
    done = app.success[0].value
    assert done.startswith(i18n.t("training.done", lang, steps=SHORT, seconds="", total="")[:6])
    text = shown_text(app)
    assert i18n.t("training.checksum.same", lang) in text
    assert i18n.t("training.grid.title", lang, step=int(SHORT), layer=1, scale="α/r") in text
    replay = app.select_slider(key=next(k for k in app.session_state if k.startswith("replay_")))
    assert replay.value == int(SHORT) and replay.options[0] == "0"
    assert len(app.get("download_button")) == 2
    # the checks tab (open by default): one row per adapted layer, fingerprints equal
    table = app.dataframe[0].value
    assert len(table) == 3
    assert table.iloc[:, 1].tolist() == table.iloc[:, 2].tolist()
    task = finetune.load_task(seed=1)
    base = finetune.pretrain(task, seed=1)[0]
    assert table.iloc[0, 1] == lora_checks.checksum(base.weights[0])


def test_replay_shows_an_earlier_step() -> None:
    app = train(open_training(lang="en", steps=SHORT))
    key = next(k for k in app.session_state if k.startswith("replay_"))
    app.select_slider(key=key).set_value(0).run()
    assert not app.exception
    assert i18n.t("training.grid.title", "en", step=0, layer=1, scale="α/r") in shown_text(app)
    assert "max |ΔW| = 0)" in shown_text(app)


def test_rank_check_and_merge() -> None:
    app = train(open_training(lang="en", steps=SHORT, r="2", show="3"))
    text = shown_text(app)
    match = re.search(r"the first 2 are ([\d., e+-]+); all others are at most ([\d.e+-]+)", text)
    assert match, text
    assert float(match.group(2)) < 1e-10 < min(float(v) for v in match.group(1).split(", "))
    app.button(key="merge").click().run()
    merged = app.success[-1].value
    gap = float(re.search(r"differ by ([\d.e+-]+)", merged).group(1))
    assert gap < 1e-12
    extra = 2 * (64 + 128) + 2 * (128 + 128) + 2 * (128 + 10)
    assert f"{extra:,} extra multiply-adds" in merged


def test_url_state_sets_every_widget() -> None:
    app = open_training(
        lang="en",
        shift="even_odd",
        r="8",
        alpha="16",
        lr="0.03",
        steps="100",
        seed="3",
        rslora="true",
        random_init="true",
        show="3",
        layers=["W1 128×64", "W3 10×128"],
    )
    assert not app.exception and not app.warning
    assert app.selectbox(key="shift__choice").value == "even_odd"
    assert app.select_slider(key="r").value == 8
    assert app.select_slider(key="alpha").value == 16
    assert app.select_slider(key="lr").value == 0.03
    assert app.slider(key="steps").value == 100
    assert app.number_input(key="seed").value == 3
    assert app.toggle(key="rslora").value and app.toggle(key="random_init").value
    assert app.multiselect(key="layers").value == [1, 3]
    text = shown_text(app)
    assert f"{8 * (64 + 128) + 8 * (128 + 10):,}" in text
    assert i18n.t("training.press_random", "en") in text
    # rsLoRA on: the layout caption writes the scale in use (it said "times α/r" regardless)
    assert i18n.t("training.layout", "en", scale="α/√r") in text
    assert "(times α/r)" not in text
    assert "α/√r" in text


@pytest.mark.parametrize(
    ("name", "value"),
    [("r", "5"), ("steps", "5000"), ("lr", "big"), ("shift", "sideways"), ("layers", "W9")],
)
def test_bad_url_values_fall_back_with_a_note(name: str, value: str) -> None:
    app = open_training(lang="en", **{name: value})
    assert not app.exception
    assert any(f"{name}={value}" in w.value for w in app.warning)
    assert app.select_slider(key="r").value == 4
    assert app.slider(key="steps").value == lora.DEFAULT_STEPS


def test_no_layer_chosen_uses_all_with_a_note() -> None:
    app = open_training(lang="zh")
    app.multiselect(key="layers").set_value([]).run()
    assert not app.exception
    assert i18n.t("training.no_layers", "zh") in [w.value for w in app.warning]
    assert "2,344" in shown_text(app)


def test_init_tab_shows_zero_gap_for_zero_init() -> None:
    app = open_tab(open_training(lang="en", steps=SHORT), "init", "en")
    assert not app.exception
    table = app.table[0].value
    gap_column = i18n.t("training.init.gap", "en")
    assert table[gap_column].iloc[0] == "0"
    assert float(table[gap_column].iloc[1]) > 0.1


def test_alpha_tab_runs_three_alphas() -> None:
    app = open_tab(open_training(lang="zh", steps=SHORT), "alpha", "zh")
    assert not app.exception
    table = app.table[0].value
    assert list(table.index) == ["2", "8", "32"]
    assert list(table[i18n.t("training.alpha.col_scale", "zh")]) == ["0.5", "2", "8"]


def test_compare_tab_lists_ranks_and_full_fine_tuning() -> None:
    app = open_tab(open_training(lang="en", steps=SHORT), "compare", "en")
    assert not app.exception
    table = app.dataframe[0].value
    methods = list(table[i18n.t("training.compare.method", "en")])
    assert methods == [f"LoRA r = {r}" for r in lora_compare.COMPARE_RANKS] + ["full fine-tuning"]
    trainable = [int(v.replace(",", "")) for v in table[i18n.t("training.compare.trainable", "en")]]
    assert trainable == [r * 1172 // 2 for r in lora_compare.COMPARE_RANKS] + [26_122]


def test_self_check_answers() -> None:
    app = open_training(lang="en")
    app.radio(key="quiz_training.q3").set_value("w").run()
    assert i18n.t("training.q3.why", "en") in app.success[-1].value
    app.radio(key="quiz_training.q1").set_value("both").run()
    assert app.error[-1].value == i18n.t("widget.wrong", "en")


def test_a_finished_run_is_shared_with_other_sessions() -> None:
    train(open_training(lang="en", steps="100", seed="2"))
    other = open_training(lang="en", steps="100", seed="2")
    text = shown_text(other)
    assert i18n.t("training.stored", "en", seconds="")[:20] in text
    assert np.isfinite(float(re.search(r"\(([\d.]+) s of computation", text).group(1)))


def test_open_tab_survives_a_language_switch() -> None:
    app = open_tab(open_training(lang="en", steps=SHORT), "alpha", "en")
    app.button_group(key="lang__choice").set_value("zh").run()
    assert not app.exception
    assert app.session_state["tab"] == i18n.t("training.tab.alpha", "zh")
    assert list(app.table[0].value.index) == ["2", "8", "32"]


def diagram(app: AppTest) -> dict:
    """The note's diagram as drawn (its Plotly spec)."""
    (chart,) = [c for c in app.get("plotly_chart") if "diagram" in c.proto.id]
    return json.loads(chart.proto.spec)


def expected_rank_texts(
    layers: tuple[int, ...], shown: int, alpha: float, rslora: bool, r: int
) -> tuple[list[str], list[str]]:
    """The numbers the caption under the diagram and the budget line must show at rank r, from
    the arrays lora.add_lora makes (sizes only, so an untrained MLP of the page's shape will do)."""
    base = finetune.init_mlp(finetune.LAYER_SIZES, seed=0)
    model = lora.add_lora(base, LoRAConfig(layers, r, alpha, rslora=rslora))
    a, b = model.adapters[shown].A, model.adapters[shown].B
    scale = alpha / math.sqrt(r) if rslora else alpha / r
    root = "√" if rslora else ""
    shapes = [f"**r = {r}**", f"{b.shape[0]}×{b.shape[1]}", f"{a.shape[0]}×{a.shape[1]}"]
    shapes.append(f"{alpha:g}/{root}{r} = {scale:.3g}")
    trained = sum(x.A.size + x.B.size for x in model.adapters.values())
    full = sum(base.weights[i].size + base.biases[i].size for i in model.adapters)  # W and b
    return shapes, [f"**{trained:,}**", f"{full:,}", f"**{trained / full:.1%}**"]


def assert_rank_blocks(app: AppTest, **expected: object) -> None:
    """The blocks that follow r (the caption under the diagram, the budget line) hold the right
    numbers at every rank of the slider, and nothing else on the page draws them."""
    shown = blocks(app)
    assert sorted(shown) == ["tr_budget", "tr_shapes"]
    for payload in shown.values():
        assert payload["slider"] == "r"
        # the first frame: the r of the run that first sent these bytes (kept while they are
        # unchanged, so the element stays; the block then follows the slider itself)
        assert payload["at"] in range(len(RANKS))
        assert payload["positions"] == {"start": 0, "step": 1, "count": len(RANKS)}
        assert payload["metrics"] == [] and payload["charts"] == []
    assert [s["caption"] for s in shown["tr_shapes"]["sentences"]] == [True]
    for i, r in enumerate(RANKS):
        shapes, budget = expected_rank_texts(r=r, **expected)
        (at_r,) = block_sentences_at(shown["tr_shapes"], i)
        assert all(part in at_r for part in shapes), (r, at_r)
        (at_r,) = block_sentences_at(shown["tr_budget"], i)
        assert all(part in at_r for part in budget), (r, at_r)
        bodies = [m.value for m in app.markdown] + [c.value for c in app.caption]
        assert at_r not in bodies  # one renderer: the rerun does not draw it too


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_rank_texts_are_given_at_every_rank_and_the_diagram_does_not_change(lang: str) -> None:
    app = open_training(lang=lang)
    defaults = {"layers": (0, 1, 2), "shown": 0, "alpha": 8.0, "rslora": False}
    assert_rank_blocks(app, **defaults)
    drawn = diagram(app)
    boxes = [a["text"] for a in drawn["layout"]["annotations"] if a.get("text")]
    assert "<b>B</b><br>r×64" in boxes and "<b>A</b><br>128×r" in boxes and "× α/r" in boxes
    app.select_slider(key="r").set_value(32).run()
    assert not app.exception
    assert_rank_blocks(app, **defaults)
    assert diagram(app) == drawn  # the same picture at every r: nothing to redraw when r moves
    (budget_at_32,) = block_sentences_at(blocks(app)["tr_budget"], RANKS.index(32))
    assert f"{32 * 586:,}" in budget_at_32


def test_rank_texts_follow_the_other_settings() -> None:
    """α, rsLoRA, the layers and the shown layer rebuild the blocks' texts (full reruns)."""
    app = open_training(lang="en", r="2", alpha="16", rslora="true", layers="W3 10×128", show="3")
    assert not app.exception and not app.warning
    assert_rank_blocks(app, layers=(2,), shown=2, alpha=16.0, rslora=True)
    assert "× α/√r" in [a.get("text") for a in diagram(app)["layout"]["annotations"]]
    app.select_slider(key="alpha").set_value(32).run()
    assert_rank_blocks(app, layers=(2,), shown=2, alpha=32.0, rslora=True)
    app.toggle(key="rslora").set_value(False).run()
    assert_rank_blocks(app, layers=(2,), shown=2, alpha=32.0, rslora=False)
    app.multiselect(key="layers").set_value([1, 3]).run()
    # layer 3 was the only one, so the default shown layer (left out of the URL): now layer 1
    assert app.session_state["show__choice"] == "1"
    assert_rank_blocks(app, layers=(0, 2), shown=0, alpha=32.0, rslora=False)


def test_moving_r_away_and_back_finds_the_stored_run() -> None:
    app = train(open_training(lang="en", steps=SHORT, seed="4", r="2"))
    app.select_slider(key="r").set_value(4).run()
    assert i18n.t("training.press", "en") in shown_text(app)
    assert i18n.t("training.grid.title", "en", step=0, layer=1, scale="α/r") in shown_text(app)
    app.select_slider(key="r").set_value(2).run()
    text = shown_text(app)
    assert i18n.t("training.stored", "en", seconds="")[:20] in text
    assert i18n.t("training.grid.title", "en", step=int(SHORT), layer=1, scale="α/r") in text
    assert_rank_blocks(app, layers=(0, 1, 2), shown=0, alpha=8.0, rslora=False)
