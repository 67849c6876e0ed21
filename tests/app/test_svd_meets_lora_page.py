"""/svd_meets_lora through AppTest: both languages, every table against a fresh computation,
URL state, bad parameters, the rsLoRA switch and the downloads."""

from __future__ import annotations

import numpy as np
import pytest
from apptest_support import open_page, shown_text
from streamlit.testing.v1 import AppTest

from lowrank import finetune, i18n, intruders, lora_checks, lr_grid
from lowrank.lora import LoRAConfig

SCRIPT = "pages/9_svd_meets_lora.py"
LAYERS = (0, 1)


def open_sml(**params: str) -> AppTest:
    app = open_page(SCRIPT, **params)
    assert not app.exception
    return app


@pytest.fixture(scope="module")
def pretrained():
    task = finetune.load_task("rotate", 0)
    return task, finetune.pretrain(task, 0)[0]


@pytest.fixture(scope="module")
def english() -> AppTest:
    """The default page in English: most tests read it (a cold page trains about 130 runs)."""
    return open_sml(lang="en")


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_page_in_both_languages(lang: str, english: AppTest) -> None:
    app = english if lang == "en" else open_sml(lang=lang)
    assert not app.warning
    assert app.title[0].value == i18n.t("page.svd_meets_lora.title", lang)
    text = shown_text(app)
    for key in ("sml.question", "sml.letters", "sml.sources", "sml.intr.caveat"):
        assert i18n.t(key, lang) in text
    assert [h.value for h in app.subheader][:3] == [
        i18n.t(f"sml.{part}.header", lang) for part in ("starts", "intr", "grid")
    ]
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels == [i18n.t("sml.download.curves", lang), i18n.t("sml.download.grid", lang)]
    assert len(app.get("plotly_chart")) == 4


def test_the_starts_table_against_a_fresh_start(pretrained, english: AppTest) -> None:
    task, base = pretrained
    table = english.dataframe[0].value
    assert list(table["PEFT option"]) == [
        'init_lora_weights="gaussian"',
        "init_lora_weights=True",
        'init_lora_weights="pissa"',
        'init_lora_weights="olora"',
    ]
    for start, gap in zip(
        ("gaussian", "pissa"), table["Step 0: max |Δ output|"].iloc[[0, 2]], strict=True
    ):
        check = lora_checks.start_check(base, task, LoRAConfig(layers=LAYERS, rank=4, init=start))
        assert gap == (f"{check.max_gap:.3g}".replace("-", "−"))
    assert table["Step 0: max |Δ output|"].iloc[0] == "0"
    assert float(table["Step 0: max |Δ output|"].iloc[2].replace("−", "-")) < 1e-12
    assert "2r = 8" in shown_text(english)


def test_the_intruder_table_against_a_fresh_sweep(pretrained, english: AppTest) -> None:
    task, base = pretrained
    table = english.dataframe[1].value
    rows = intruders.sweep(
        base,
        task,
        LoRAConfig(layers=LAYERS, init="kaiming"),
        (1, 2, 4, 8, 16, 32),
        1,
        full_lrs=(finetune.FINETUNE_LR, 0.01),
    )
    assert list(table["Intruders"]) == [f"{row.found.count} / 10" for row in rows]
    assert list(table["Accuracy: old"]) == [f"{row.old_accuracy:.1%}" for row in rows]
    assert list(table["Learning rate"]) == ["0.01"] * 6 + ["0.001", "0.01"]
    counts = [row.found.count for row in rows[:6]]
    assert f"has {min(counts)}–{max(counts)} intruders" in shown_text(english)


@pytest.mark.parametrize("rslora", [False, True])
def test_the_grid_table_is_the_stored_map(english: AppTest, rslora: bool) -> None:
    """The page serves the stored map (tests/unit/test_lr_grid.py recomputes its cells)."""
    app = open_sml(lang="en", rslora="true") if rslora else english
    assert app.toggle(key="rslora").value == rslora
    grid = lr_grid.precomputed("rotate", lr_grid.page_config(rslora))
    assert grid is not None
    table = app.dataframe[2].value
    best = [f"{lr:.2g}" for lr in grid.best_lora_lr()] + [f"{grid.best_full_lr():.2g}"]
    assert list(table["Best learning rate"]) == best
    text = shown_text(app)
    assert (i18n.t("sml.grid.flat", "en") in text) == (grid.spread() == 1)
    assert (i18n.t("sml.grid.moves", "en") in text) == (grid.spread() > 1)
    assert f"best learning rate is {grid.best_full_lr():.2g}" in text


def test_url_state_and_bad_parameters() -> None:
    app = open_sml(lang="en", r="16", shift="even_odd")
    assert app.select_slider(key="r").value == 16
    assert app.selectbox(key="shift__choice").value == "even_odd"
    assert "2r = 32" in shown_text(app)
    app = open_sml(lang="en", r="5", shift="sideways", rslora="maybe")
    warnings = " ".join(w.value for w in app.warning)
    for name, value in (("r", "5"), ("shift", "sideways"), ("rslora", "maybe")):
        assert i18n.t("url.invalid", "en", name=name, value=value) in warnings
    assert app.select_slider(key="r").value == 4
    assert app.selectbox(key="shift__choice").value == "rotate"


def test_the_csv_downloads_are_offered(english: AppTest) -> None:
    data = [b.proto.url for b in english.get("download_button")]
    assert len(data) == 2  # served from the media store; their contents are unit-tested
    assert np.all([bool(url) for url in data])
