"""/choose_rank through AppTest: the block at every k against numpy (both signals), both
languages, the rules' and the trained ΔW's tables, a k move, and bad URL values."""

from __future__ import annotations

import functools

import numpy as np
import pytest
from apptest_support import block_at, blocks, open_page, shown_text
from streamlit.testing.v1 import AppTest

from lowrank import finetune, i18n, image_source
from lowrank import formatting as fmt
from lowrank import image as im
from lowrank.rank_choice import omega  # tested against its closed form and a simulation
from tests import zh_style

SCRIPT = "pages/5_choose_rank.py"


def block_data(app: AppTest) -> dict:
    """The payloads of the page's two blocks as one: the numbers' metrics and sentences and
    the charts (lowrank/ui/block.py draws each)."""
    found = blocks(app)
    assert set(found) == {"choose_rank_numbers", "choose_rank_charts"}, set(found)
    numbers, charts = found["choose_rank_numbers"], found["choose_rank_charts"]
    assert numbers["slider"] == charts["slider"] == "k"
    assert numbers["positions"] == charts["positions"] and not charts["metrics"]
    return {**numbers, "charts": charts["charts"]}


def _reading(value: float) -> str:
    return fmt.reading(value) if value > 1e-9 else "0"


@functools.cache
def numpy_curves(signal: str, level: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """RMS errors of Yₖ against X and Y at k = 0 … p, forming every Yₖ; and σ of Y (numpy)."""
    if signal == "photo":
        grey = im.to_grey(image_source.builtin_image("photo").pixels).astype(float)
        x = grey.reshape(300, 2, 256, 2).mean(axis=(1, 3))
    else:
        from lowrank.rank_choice import planted_signal  # the planted matrix is tested on its own

        x = planted_signal()
    y = x + level * np.random.default_rng(0).standard_normal(x.shape)
    u, s, vt = np.linalg.svd(y, full_matrices=False)
    clean, noisy = [], []
    for k in range(s.size + 1):
        yk = (u[:, :k] * s[:k]) @ vt[:k]
        clean.append(np.sqrt(np.mean((yk - x) ** 2)))
        noisy.append(np.sqrt(np.mean((yk - y) ** 2)))
    return np.array(clean), np.array(noisy), s


@pytest.mark.parametrize(("signal", "level"), [("photo", 30.0), ("planted", 20.0)])
def test_block_at_every_k_against_numpy(signal: str, level: float) -> None:
    app = open_page(SCRIPT, lang="en", signal=signal, noise=str(int(level)))
    assert not app.exception and not app.warning
    clean, noisy, s = numpy_curves(signal, level)
    best = int(np.argmin(clean[1:])) + 1
    data = block_data(app)
    assert data["slider"] == "k"
    assert data["positions"] == {"start": 1, "step": 1, "count": s.size}
    values = [metric["values"] for metric in data["metrics"]]
    assert data["metrics"][2]["label"] == f"Above the best k = {best}"
    for i in range(s.size):
        k = i + 1
        assert values[0][i] == _reading(clean[k])
        assert values[1][i] == _reading(noisy[k])
        assert values[2][i] == ("best" if k == best else "+" + _reading(clean[k] - clean[best]))
        assert f"**{_reading(clean[k])}**" in data["sentences"][0]["texts"][i]
        assert f"= {_reading(s[i])} is" in data["sentences"][1]["texts"][i]
    errors, spectrum = data["charts"]
    assert np.allclose(errors["series"][0]["y"], clean[1:], rtol=1e-8, atol=1e-8)
    assert np.allclose(spectrum["series"][0]["y"], s, rtol=1e-8)
    assert errors["lines"][0] == {"x": best, "label": f"best {best}", "colour": "#2ca02c"}
    table = next(m.value for m in app.markdown if m.value.startswith("| Rule"))
    assert f"| **Best k (needs X itself)** | {best} | {_reading(clean[best])} | – |" in table
    # what the renderer draws now: the slider's value, 20
    at = block_at(app, "choose_rank_numbers")
    assert at["metrics"][data["metrics"][0]["label"]] == _reading(clean[20])
    assert block_at(app, "choose_rank_charts")["marks"] == [20, 20]


def test_planted_matrix_at_low_noise_is_best_at_its_rank() -> None:
    app = open_page(SCRIPT, lang="en", signal="planted", noise="5", k="10")
    data = block_data(app)
    assert data["metrics"][2]["label"] == "Above the best k = 10"
    assert "This is the best k" in data["sentences"][0]["texts"][9]
    assert "planted matrix is 150×200 of rank exactly 10" in shown_text(app)


def test_moving_k_reruns_with_the_new_rank() -> None:
    app = open_page(SCRIPT, lang="en")
    app.slider(key="k").set_value(45).run()
    assert not app.exception
    assert app.slider(key="k").value == 45
    labels = [button.label for button in app.get("download_button")]
    assert "Rank-45 approximation (PNG)" in labels and "Error curves (CSV)" in labels


def test_switching_to_the_smaller_signal_clamps_k() -> None:
    app = open_page(SCRIPT, lang="en", k="200")
    assert app.slider(key="k").value == 200
    app.button_group(key="signal__choice").set_value("planted").run()
    assert not app.exception
    assert app.slider(key="k").value == 150 and app.slider(key="k").max == 150


def test_the_energy_share_moves_the_energy_rule() -> None:
    clean, _, s = numpy_curves("photo", 30.0)
    app = open_page(SCRIPT, lang="en", p="99.5")
    kept = np.cumsum(s**2) / np.sum(s**2)
    k = int(np.argmax(kept >= 0.995)) + 1
    table = next(m.value for m in app.markdown if m.value.startswith("| Rule"))
    assert f"| Energy ≥ 99.5% | {k} | {_reading(clean[k])} |" in table


def test_trained_delta_table_against_numpy() -> None:
    app = open_page(SCRIPT, lang="en")
    run = finetune.run_finetune()
    picks = []
    table = next(m.value for m in app.markdown if m.value.startswith("| Layer"))
    for layer, delta in enumerate(run.deltas, start=1):
        s = np.linalg.svd(delta, compute_uv=False)
        energy = int(np.argmax(np.cumsum(s**2) / np.sum(s**2) >= 0.9 - 1e-12)) + 1
        m, n = delta.shape
        storage = max(k for k in range(min(m, n) + 1) if k * (m + n + 1) < m * n)
        assert f"| {layer} ({m}×{n}) | {energy} | {storage} |" in table
        picks.append(int(np.sum(s > omega(min(m, n) / max(m, n)) * np.median(s))))
    assert f"The threshold rule picks {' / '.join(map(str, picks))} on the three" in shown_text(app)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_both_languages(lang: str) -> None:
    app = open_page(SCRIPT, lang=lang)
    assert not app.exception
    assert app.title[0].value == i18n.t("page.choose_rank.title", lang)
    data = block_data(app)
    assert data["metrics"][0]["label"] == i18n.t("choose_rank.metric.clean", lang)
    texts = [text for sentence in data["sentences"] for text in sentence["texts"]]
    texts += [alt for chart in data["charts"] for alt in chart["alts"]]
    texts += [chart["title"] for chart in data["charts"]]
    if lang == "zh":
        found = [problem for text in texts for problem in zh_style.problems(text)]
        assert not found, found[:5]
    else:
        assert not any("\u4e00" <= ch <= "\u9fff" for text in texts for ch in text)


@pytest.mark.parametrize(
    ("param", "value"),
    [("noise", "abc"), ("noise", "0"), ("p", "120"), ("signal", "cat"), ("k", "9999")],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_url_values_fall_back_with_a_note(param: str, value: str, lang: str) -> None:
    app = open_page(SCRIPT, lang=lang, **{param: value})
    assert not app.exception
    note = i18n.t("url.invalid", lang, name=param, value=value)
    assert any(w.value == note for w in app.warning), [w.value for w in app.warning]
    assert block_data(app)["positions"]["count"] == 256  # the page still works on the defaults
