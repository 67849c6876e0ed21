"""/why_delta_w through AppTest: both languages, the rank slider's extremes, URL state, numbers,
and what its blocks show at every k (lowrank/ui/block.py draws them), against numpy."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
from apptest_support import block_at, blocks, open_page, shown_text

from lowrank import finetune, i18n, spectra
from lowrank import formatting as fmt
from lowrank.locales.why_delta_w import MESSAGES
from lowrank.ui.widgets import plain
from tests import reference

PAGE = "pages/6_why_delta_w.py"
#: The page's blocks, in its reading order (the numbers of each section after its charts).
BLOCKS = ["why_spectra", "why_energy", "why_accuracy_chart", "why_accuracy"]


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
    assert not app.get("plotly_chart") and not app.metric  # the blocks draw charts and numbers
    assert list(blocks(app)) == BLOCKS
    assert {payload["slider"] for payload in blocks(app).values()} == {"k"}
    assert len(app.get("download_button")) == 2
    assert app.slider(key="k").value == 8
    assert "k = 8" in block_at(app, "why_energy")["sentences"][0]


@pytest.mark.parametrize("present", [False, True])
def test_the_blocks_keep_the_reading_order(present: bool) -> None:
    """On a projector the finding and the energy kept come right under the slider, before the
    charts; otherwise after them (and the reading after the charts it explains)."""
    app = open_page(PAGE, lang="en", **({"present": "1"} if present else {}))
    assert not app.exception
    order = list(blocks(app))
    assert order == (["why_energy", *BLOCKS[:1], *BLOCKS[2:]] if present else BLOCKS)


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
    assert f"ΔW keeps {fmt.percent(np.sum(s[:8] ** 2) / np.sum(s**2), 1)} of" in shown_text(app)
    assert f"{np.linalg.matrix_rank(run.deltas[1])} of 128" in shown_text(app)


@cache
def finetuned(shift: str) -> finetune.FinetuneRun:
    """The run the page shows for ``shift`` (seed 0), computed here."""
    return finetune.run_finetune(shift)


def numpy_spectra(run: finetune.FinetuneRun, layer: int, minilm: str) -> dict[str, np.ndarray]:
    """Singular values of the page's four matrices, straight from numpy: ΔW and W of the MLP's
    layer, the random Gaussian (seed 0, MiniLM's shape) and MiniLM's (shipped as σ only)."""
    with np.load(spectra.ASSET) as shipped:
        sigma_minilm = shipped[f"sigma_{minilm}"].copy()
        shape = tuple(shipped["shapes"][list(shipped["names"]).index(minilm)])
    svd = lambda m: np.linalg.svd(m, compute_uv=False)  # noqa: E731
    return {
        "delta": svd(run.after.weights[layer] - run.before.weights[layer]),
        "mlp": svd(run.before.weights[layer]),
        "minilm": sigma_minilm,
        "random": svd(np.random.default_rng(0).standard_normal(shape)),
    }


def acc_at_all(lang: str, run: finetune.FinetuneRun, k: int) -> str:
    """The caption under "every layer's ΔW" at k: each layer's rank min(k, min of its shape)."""
    ranks = [min(k, *d.shape) for d in run.deltas]
    joined = i18n.t("list.sep", lang).join(map(str, ranks))
    return i18n.t("s2.why.acc_at_all", lang, ranks=joined, layers=len(ranks))


def numpy_accuracy(run: finetune.FinetuneRun, k: int, layers: list[int] | None) -> float:
    """Test accuracy with ΔW of ``layers`` (all: None) replaced by its rank-k truncation."""
    model = reference.with_truncated_deltas(run, k, layers=layers)
    return finetune.accuracy(model, run.task.x_ft_test, run.task.y_ft_test)


@pytest.mark.parametrize(
    ("lang", "shift", "layer", "minilm"),
    [("en", "low_high", 2, "query"), ("zh", "low_high", 2, "query"), ("zh", "rotate", 3, "ffn_up")],
)
def test_what_the_blocks_show_at_every_k_matches_numpy(
    lang: str, shift: str, layer: int, minilm: str
) -> None:
    """Every block's texts, metrics and marks at every k of the slider, against numpy."""
    app = open_page(PAGE, lang=lang, shift=shift, layer=str(layer), minilm=minilm)
    assert not app.exception and not app.warning
    run = finetuned(shift)
    sigma = numpy_spectra(run, layer - 1, minilm)
    n = {name: s.size for name, s in sigma.items()}
    kept = {name: np.cumsum(s**2) / np.sum(s**2) for name, s in sigma.items()}
    n_delta = n["delta"]
    # Every layer's ΔW at min(k, its rank): nothing changes past the largest rank (128).
    top_rank = max(min(d.shape) for d in run.deltas)
    accuracy = {
        k: (numpy_accuracy(run, k, [layer - 1]), numpy_accuracy(run, k, None))
        for k in range(1, top_rank + 1)
    }
    max_k = max(n.values())
    assert app.slider(key="k").max == max_k
    assert {p["positions"]["count"] for p in blocks(app).values()} == {max_k}
    name = i18n.t(f"s2.minilm.{minilm}", lang)
    labels = {m: i18n.t(f"s2.why.energy.{m}", lang, n=layer) for m in sigma}
    this_label = i18n.t("s2.why.acc_metric_this", lang, n=layer)
    all_label = i18n.t("s2.why.acc_metric_all", lang)
    for k in range(1, max_k + 1):
        energy_at = block_at(app, "why_energy", k)
        energy = {m: fmt.percent(kept[m][min(k, n[m]) - 1], 1) for m in sigma}
        assert energy_at["sentences"] == [i18n.t("s2.why.finding", lang, k=k, name=name, **energy)]
        assert energy_at["metrics"] == {labels[m]: energy[m] for m in sigma}, k
        assert energy_at["notes"] == [
            i18n.t("s2.why.energy.rank", lang, k=min(k, n[m]), n=n[m]) for m in sigma
        ]
        this_layer, all_layers = accuracy[min(k, top_rank)]
        accuracy_at = block_at(app, "why_accuracy", k)
        assert accuracy_at["metrics"][this_label] == fmt.percent(this_layer, 1)
        assert accuracy_at["metrics"][all_label] == fmt.percent(all_layers, 1)
        used = min(k, n_delta)
        assert accuracy_at["notes"] == [
            i18n.t("s2.why.acc_at_this", lang, rank=n_delta, used=used),
            acc_at_all(lang, run, k),
        ]
        # each matrix's point at its own k/n on both spectra charts (theory: none)
        order = ("minilm", "random", None, "mlp", "delta")
        expected = [None if m is None else min(k, n[m]) / n[m] for m in order]
        for marks in block_at(app, "why_spectra", k)["series_marks"]:
            assert marks == pytest.approx(expected, abs=1e-5), k
        assert block_at(app, "why_accuracy_chart", k)["marks"] == [min(k, top_rank)]
    charts = blocks(app)
    sigma_chart, energy_chart = charts["why_spectra"]["charts"]
    for chart in (sigma_chart, energy_chart):
        curves = dict(
            zip(("minilm", "random", "theory", "mlp", "delta"), chart["series"], strict=True)
        )
        for m, s in sigma.items():
            np.testing.assert_allclose(curves[m]["x"], np.arange(1, s.size + 1) / s.size, atol=1e-5)
            values = s / s[0] if chart is sigma_chart else 100 * kept[m]
            np.testing.assert_allclose(curves[m]["y"], values, atol=1e-5)
    assert [level["y"] for level in energy_chart["levels"]] == [90.0]
    (accuracy_chart,) = charts["why_accuracy_chart"]["charts"]
    this_curve, all_curve = accuracy_chart["series"]
    np.testing.assert_array_equal(this_curve["x"], np.arange(1, top_rank + 1))
    expected_this = [100 * accuracy[k][0] for k in range(1, top_rank + 1)]
    expected_all = [100 * accuracy[k][1] for k in range(1, top_rank + 1)]
    np.testing.assert_allclose(this_curve["y"], expected_this, atol=1e-5)
    np.testing.assert_allclose(all_curve["y"], expected_all, atol=1e-5)
    levels = [level["y"] for level in accuracy_chart["levels"]]
    assert levels == pytest.approx([100 * run.acc_ft_task_after, 100 * run.acc_ft_task_before])
    app.slider(key="k").set_value(200).run()
    assert not app.exception
    assert block_at(app, "why_accuracy_chart")["marks"] == [top_rank]


@pytest.mark.parametrize("k", ["1", "384"])
def test_slider_extremes(k: str, run: finetune.FinetuneRun) -> None:
    app = open_page(PAGE, lang="zh", k=k)
    assert not app.exception and not app.warning
    assert app.slider(key="k").value == int(k)
    shown = block_at(app, "why_accuracy")
    expected = numpy_accuracy(run, int(k), None)
    assert shown["metrics"][i18n.t("s2.why.acc_metric_all", "zh")] == fmt.percent(expected, 1)
    assert acc_at_all("zh", run, int(k)) in shown["notes"]
    assert f"k = {int(k)}" in block_at(app, "why_energy")["sentences"][0]


def test_moving_the_slider_and_switching_language_keep_the_state() -> None:
    app = open_page(PAGE, lang="en")
    app.slider(key="k").set_value(20).run()
    assert not app.exception  # the URL side of bind="query-params" is checked end to end
    assert block_at(app, "why_energy")["sentences"][0].startswith("At k = 20:")
    app.button_group(key="lang__choice").set_value("zh").run()
    assert not app.exception
    assert app.slider(key="k").value == 20
    assert app.title[0].value == i18n.t("page.why_delta_w.title", "zh")
    # the blocks are in the new language, at the same k
    assert block_at(app, "why_energy")["sentences"][0].startswith("在 k = 20 时")
    assert i18n.t("s2.why.acc_metric_all", "zh") in block_at(app, "why_accuracy")["metrics"]


def test_other_task_layer_and_matrix() -> None:
    app = open_page(PAGE, lang="en", shift="rotate", layer="3", minilm="ffn_up", k="50")
    assert not app.exception and not app.warning
    table = app.dataframe[0].value
    assert list(table[i18n.t("s2.col.shape", "en")]) == ["1536×384", "1536×384", "10×128", "10×128"]
    notes = block_at(app, "why_accuracy")["notes"]
    assert i18n.t("s2.why.acc_at_this", "en", rank=10, used=10) in notes
    assert acc_at_all("en", finetuned("rotate"), 50) in notes  # layers at 50, 50 and 10


def test_every_layer_at_k_beyond_the_chosen_layers_rank() -> None:
    """The reported bug: rotate, layer 3 (rank 10), k = 200 showed every layer truncated to 10
    (94.2%); every layer at min(200, its rank) is the whole ΔW, the fine-tuned model itself."""
    app = open_page(PAGE, lang="en", shift="rotate", layer="3", k="200")
    assert not app.exception
    run = finetuned("rotate")
    metrics = block_at(app, "why_accuracy")["metrics"]
    assert metrics[i18n.t("s2.why.acc_metric_all", "en")] == fmt.percent(run.acc_ft_task_after, 1)
    assert f"{numpy_accuracy(run, 10, None):.1%}" != f"{run.acc_ft_task_after:.1%}"


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
