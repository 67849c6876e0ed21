"""/why_delta_w's texts at one k and its follower's table at every k, against numpy."""

from __future__ import annotations

import numpy as np
import pytest

from lowrank import formatting as fmt
from lowrank import i18n, spectra
from lowrank.delta import TruncationCurve
from lowrank.why_views import MATRICES, accuracy_texts, energy_texts, why_follow

RNG = np.random.default_rng(3)
#: Small stand-ins for the page's four matrices: ΔW and W of one shape, MiniLM and random larger.
MATRICES_USED = {
    "delta": RNG.standard_normal((6, 2)) @ RNG.standard_normal((2, 5)),
    "mlp": RNG.standard_normal((6, 5)),
    "minilm": RNG.standard_normal((9, 8)),
    "random": RNG.standard_normal((9, 8)),
}
SPECTRA = {name: spectra.spectrum(name, m) for name, m in MATRICES_USED.items()}
#: Two layers of ranks 5 and 3, the second chosen: "every layer at k" is (min(k, 5), min(k, 3)).
CURVE = TruncationCurve(
    np.arange(0, 6), np.linspace(0.1, 0.9, 6), np.linspace(0.0, 0.8, 6), 1, (5, 3)
)


def kept(name: str, k: int) -> float:
    """Energy kept at rank k (clipped to the matrix's n), from numpy."""
    s = np.linalg.svd(MATRICES_USED[name], compute_uv=False)
    return float(np.sum(s[:k] ** 2) / np.sum(s**2))


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_texts_at_one_k(lang: str) -> None:
    texts = energy_texts(SPECTRA, 3, lang, minilm_name="W_q") | accuracy_texts(CURVE, 3, lang)
    shown = {name: fmt.percent(kept(name, 3), 1) for name in MATRICES}
    assert texts["finding"] == i18n.t("s2.why.finding", lang, k=3, name="W_q", **shown)
    for name in MATRICES:
        assert texts[f"energy_{name}"] == shown[name]
    assert texts["energy_delta_rank"] == i18n.t("s2.why.energy.rank", lang, k=3, n=5)
    assert texts["acc_this"] == fmt.percent(CURVE.this_layer[3], 1)
    assert texts["acc_all"] == fmt.percent(CURVE.all_layers[3], 1)
    assert texts["acc_this_at"] == i18n.t("s2.why.acc_at_this", lang, rank=3, used=3)
    sep = i18n.t("list.sep", lang)
    assert texts["acc_all_at"] == i18n.t("s2.why.acc_at_all", lang, ranks=f"3{sep}3", layers=2)
    clipped = energy_texts(SPECTRA, 7, lang, minilm_name="W_q") | accuracy_texts(CURVE, 7, lang)
    assert clipped["energy_delta"] == "100.0%"  # ΔW has 5 singular values: k = 7 keeps them all
    assert clipped["energy_delta_rank"] == i18n.t("s2.why.energy.rank", lang, k=5, n=5)
    assert clipped["acc_all"] == fmt.percent(CURVE.all_layers[5], 1)
    assert clipped["acc_this_at"] == i18n.t("s2.why.acc_at_this", lang, rank=3, used=3)
    assert clipped["acc_all_at"] == i18n.t("s2.why.acc_at_all", lang, ranks=f"5{sep}3", layers=2)


def test_follow_table_and_marks_at_every_k() -> None:
    spec = why_follow(
        SPECTRA,
        CURVE,
        8,
        "en",
        minilm_name="W_q",
        slider="k",
        prefix="why_",
        sigma_chart="sigma",
        energy_chart="energy",
        accuracy_chart="accuracy",
    )
    assert spec.positions.count == 8
    parts = {texts.key: texts.part for texts in spec.texts}
    assert parts["why_energy_delta"] == parts["why_acc_all"] == "value"
    assert parts["why_finding"] == parts["why_energy_delta_rank"] == "all"
    for k in range(1, 9):
        at = spec.at(k)
        for name in MATRICES:
            assert at[f"why_energy_{name}"] == fmt.percent(kept(name, k), 1)
    spectra_marks = [m for m in spec.marks if m.chart in ("sigma", "energy")]
    assert [m.chart for m in spectra_marks] == ["sigma", "energy"] * 4
    assert all(m.axis == "" for m in spectra_marks)  # each chart has one plot
    by_name = dict(zip(("mlp", "minilm", "random", "delta"), spectra_marks[::2], strict=True))
    for name, left in by_name.items():
        right = spectra_marks[spectra_marks.index(left) + 1]
        s = np.linalg.svd(MATRICES_USED[name], compute_uv=False)
        for i, k in enumerate(range(1, 9)):
            kk = min(k, s.size)
            assert left.x[i] == right.x[i] == pytest.approx(kk / s.size, abs=1e-5)
            assert left.y[i] == pytest.approx(s[kk - 1] / s[0], abs=1e-5)
            assert right.y[i] == pytest.approx(100 * kept(name, kk), abs=1e-5)
        assert bool(left.label) == (name == "delta")
    assert by_name["delta"].label[7] == "k = 5"
    this_layer, all_layers = [m for m in spec.marks if m.chart == "accuracy"][::-1]
    assert list(this_layer.x) == [1, 2, 3, 4, 5, 5, 5, 5]
    assert this_layer.y[1] == pytest.approx(100 * CURVE.this_layer[2])
    assert all_layers.y[7] == pytest.approx(100 * CURVE.all_layers[5])
    assert this_layer.label[0] == "k = 1" and not all_layers.label
