"""/training through AppTest: both languages, a short live run, URL state, checks, tabs, merge."""

from __future__ import annotations

import re

import numpy as np
import pytest
from apptest_support import open_page, shown_text
from streamlit.testing.v1 import AppTest

from lowrank import finetune, i18n, lora

SHORT = "50"  # steps of the runs in these tests: enough to learn something, fast to draw


def open_training(**params: str | list[str]) -> AppTest:
    """The page as a browser opens it: app.py first (the frame links back to it), then /training."""
    return open_page("pages/6_training.py", **params)


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
    # the budget line: r(d+k) summed over the three layers against d·k
    assert "2,344" in text and "25,856" in text and "9.1%" in text


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
    assert table.iloc[0, 1] == lora.checksum(base.weights[0])


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
    assert methods == [f"LoRA r = {r}" for r in lora.COMPARE_RANKS] + ["full fine-tuning"]
    trainable = [int(v.replace(",", "")) for v in table[i18n.t("training.compare.trainable", "en")]]
    assert trainable == [r * 1172 // 2 for r in lora.COMPARE_RANKS] + [26_122]


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
