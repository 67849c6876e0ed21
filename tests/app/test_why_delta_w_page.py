"""/why_delta_w through AppTest: both languages, the rank slider's extremes, URL state, numbers."""

from __future__ import annotations

import numpy as np
import pytest
from apptest_support import open_page, shown_text

from lowrank import finetune, i18n, spectra
from lowrank.locales.section2 import MESSAGES
from lowrank.ui.widgets import plain

PAGE = "pages/4_why_delta_w.py"


@pytest.fixture(scope="module")
def run() -> finetune.FinetuneRun:
    """The same run the page shows (default shift, seed 0), computed independently here."""
    return finetune.run_finetune()


def k90(matrix: np.ndarray) -> int:
    """k for 90% of the energy, straight from numpy."""
    s = np.linalg.svd(np.asarray(matrix, dtype=float), compute_uv=False)
    return int(np.argmax(np.cumsum(s**2) / np.sum(s**2) >= 0.9 - 1e-12) + 1)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_renders_in_both_languages(lang: str) -> None:
    app = open_page(PAGE, lang=lang)
    assert not app.exception
    assert app.title[0].value == i18n.t("page.why_delta_w.title", lang)
    assert not app.warning
    text = shown_text(app)
    assert i18n.t("s2.why.question", lang) in text
    assert len(app.get("plotly_chart")) == 2
    assert len(app.get("download_button")) == 2
    assert app.slider(key="k").value == 8


def test_table_and_finding_match_numpy(run: finetune.FinetuneRun) -> None:
    app = open_page(PAGE, lang="en", k="8")
    table = app.dataframe[0].value
    column = i18n.t("s2.col.k90", "en")
    minilm = spectra.load_minilm()["query"]
    expected = [
        minilm.k_for(),
        k90(np.random.default_rng(0).standard_normal((384, 384))),
        k90(run.before.weights[1]),
        k90(run.after.weights[1] - run.before.weights[1]),
    ]
    assert list(table[column]) == [
        f"{k} / {n}" for k, n in zip(expected, (384, 384, 128, 128), strict=True)
    ]
    assert expected[0] == 144 and expected[3] < 16 < expected[2]
    s = np.linalg.svd(run.deltas[1], compute_uv=False)
    assert f"**{np.sum(s[:8] ** 2) / np.sum(s**2):.1%}**" in shown_text(app)
    assert f"{np.linalg.matrix_rank(run.deltas[1])} of 128" in shown_text(app)


@pytest.mark.parametrize("k", ["1", "384"])
def test_slider_extremes(k: str, run: finetune.FinetuneRun) -> None:
    app = open_page(PAGE, lang="zh", k=k)
    assert not app.exception and not app.warning
    assert app.slider(key="k").value == int(k)
    metrics = {m.label: m.value for m in app.metric}
    clipped = min(int(k), 128)
    label = i18n.t("s2.why.acc_metric_all", "zh", k=clipped)
    model = finetune.with_truncated_deltas(run, clipped)
    expected = finetune.accuracy(model, run.task.x_ft_test, run.task.y_ft_test)
    assert metrics[label] == f"{expected:.1%}"


def test_moving_the_slider_and_switching_language_keep_the_state() -> None:
    app = open_page(PAGE, lang="en")
    app.slider(key="k").set_value(20).run()
    assert not app.exception  # the URL side of bind="query-params" is checked end to end
    app.button_group(key="lang__choice").set_value("zh").run()
    assert not app.exception
    assert app.slider(key="k").value == 20
    assert app.title[0].value == i18n.t("page.why_delta_w.title", "zh")


def test_other_task_layer_and_matrix() -> None:
    app = open_page(PAGE, lang="en", shift="rotate", layer="3", minilm="ffn_up", k="50")
    assert not app.exception and not app.warning
    table = app.dataframe[0].value
    assert list(table[i18n.t("s2.col.shape", "en")]) == ["1536×384", "1536×384", "10×128", "10×128"]
    assert i18n.t("s2.why.acc_metric_all", "en", k=10) in {m.label for m in app.metric}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("k", "0"),
        ("k", "9999"),
        ("k", "two"),
        ("layer", "7"),
        ("shift", "cats"),
        ("minilm", "lm_head"),
    ],
)
def test_invalid_url_values_fall_back_with_a_note(name: str, value: str) -> None:
    app = open_page(PAGE, lang="en", **{name: value})
    assert not app.exception
    assert any(f"{name}={plain(value)}" in w.value for w in app.warning)
    assert app.slider(key="k").value == 8


def test_self_check_and_note() -> None:
    app = open_page(PAGE, lang="en")
    app.radio(key="quiz_s2.why.q3").set_value("rank").run()
    assert any(i18n.t("s2.why.q3.why", "en") in s.value for s in app.success)
    app.radio(key="quiz_s2.why.q1").set_value("random").run()
    assert app.error
    text = shown_text(app)
    assert "73.4 / 73.3 / 73.7 / 73.8 / 73.5" in text and "arXiv:2106.09685" in text
    assert i18n.t("s2.why.note", "en") in text


def test_dynamic_keys_exist() -> None:
    """Keys built at runtime (not seen by the literal-key test) are in the catalogue."""
    keys = [f"s2.shift.{s}" for s in finetune.SHIFTS]
    keys += [f"s2.minilm.{m}" for m in spectra.MINILM_TENSORS]
    keys += [
        f"s2.why.q{i}.{part}"
        for i, options in (
            (1, ("delta", "minilm", "random", "q", "why")),
            (2, ("few", "twenty", "half", "q", "why")),
            (3, ("top20", "rank", "lowrank_w", "q", "why")),
        )
        for part in options
    ]
    assert not [key for key in keys if key not in MESSAGES]


def test_the_caution_about_the_random_start_quotes_numpy_counts(run) -> None:
    """W at initialisation (pretraining's seeded start) vs after pretraining, layer 2."""
    app = open_page(PAGE, lang="en")
    start = finetune.pretrain(finetune.load_task(), seed=0, steps=0)[0].weights[1]
    expected = (
        f"Layer 2's W needed {k90(start)} of 128 singular values for 90% of its energy at "
        f"initialisation and {k90(run.before.weights[1])} of 128 after pretraining"
    )
    assert expected in shown_text(app)
