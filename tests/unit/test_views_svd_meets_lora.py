"""What /svd_meets_lora shows (lowrank.views.svd_meets_lora): tables, sentences and charts say
what the core's results hold, in both languages."""

import numpy as np
import pytest

from lowrank import i18n
from lowrank.intruders import EPSILON, Intruders, SweepRow
from lowrank.lora_starts import StartResult
from lowrank.lr_grid import Grid
from lowrank.views import svd_meets_lora as views


def translator(lang: str):
    return lambda key, **params: i18n.t(key, lang, **params)


T = translator("en")


def start(name: str, gap: float, shift: float, sv: list[float]) -> StartResult:
    losses = np.linspace(2.0, 0.1, 30)
    return StartResult(name, gap, shift, losses, 0.9, 0.2, {1: np.array(sv)})


RESULTS = [
    start("gaussian", 0.0, 0.0, [3.0, 1.0, 1e-17, 0.0]),
    start("kaiming", 0.0, 0.0, [2.0, 1.0, 1e-16, 0.0]),
    start("pissa", 2e-14, 0.45, [3.0, 2.0, 1.0, 0.5]),
    start("olora", 1e-14, 1.25, [3.0, 2.0, 1.0, 1e-15]),
]


def test_start_rows_name_the_peft_option_and_what_is_frozen():
    rows = views.start_rows(RESULTS, T)
    assert [row["PEFT option"] for row in rows] == [
        'init_lora_weights="gaussian"',
        "init_lora_weights=True",
        'init_lora_weights="pissa"',
        'init_lora_weights="olora"',
    ]
    assert [row["Frozen weight"].startswith("W_res") for row in rows] == [False, False, True, True]
    assert rows[2]["max |frozen − W|"] == "0.45"
    assert rows[2]["Step 0: max |Δ output|"] == "2e−14"


def test_gap_and_rank_sentences_come_from_the_results():
    text = views.gap_text(RESULTS, 898, T)
    assert "898 test images" in text and ": 0 for the two" in text and "2e−14 for PiSSA" in text
    assert views.update_rank(np.array([3.0, 1.0, 1e-17])) == 2
    assert views.update_rank(np.array([0.0, 0.0])) == 0
    assert views.update_rank(np.array([])) == 0
    text = views.spectrum_text(RESULTS, 1, 2, T)
    assert "W2's update" in text and ": 2 for the starts" in text
    assert "; 4, 3 for PiSSA" in text and "2r = 4" in text


def test_final_text_is_the_mean_of_the_last_window():
    text = views.final_text(RESULTS, T)
    mean = float(np.linspace(2.0, 0.1, 30)[-views.WINDOW :].mean())
    assert f"PiSSA {mean:.3g}" in text and "of 30 steps" in text
    assert "，" in views.final_text(RESULTS, translator("zh"))


def test_loss_and_spectrum_charts_hold_the_data():
    fig = views.loss_chart(RESULTS, T)
    assert [tr.name for tr in fig.data] == [
        "Paper (Gaussian, 0)",
        "PEFT default (Kaiming, 0)",
        "PiSSA",
        "OLoRA",
    ]
    assert list(fig.data[0].x) == [10, 20, 30]
    fig = views.spectrum_chart(RESULTS, 1, 2, T)
    assert list(fig.data[0].customdata) == [3.0, 1.0, 1e-17, 0.0]
    assert min(fig.data[0].y) == views.SV_FLOOR
    assert [shape.x0 for shape in fig.layout.shapes] == [2.5, 4.5]


def row(rank, lr, best, acc=0.9, old=0.5) -> SweepRow:
    best = np.array(best)
    return SweepRow(
        rank, lr, best[:, None], Intruders(best, np.zeros(best.size, int), EPSILON), acc, old
    )


ROWS = [
    row(1, 0.01, [0.3, 0.9], old=0.1),
    row(4, 0.01, [0.3, 0.2], old=0.25),
    row(None, 0.001, [0.9, 0.8], old=0.65),
    row(None, 0.01, [0.1, 0.2], old=0.13),
]


def test_intruder_rows_and_verdict():
    rows = views.intruder_rows(ROWS, T)
    assert [r["Intruders"] for r in rows] == ["1 / 2", "2 / 2", "0 / 2", "2 / 2"]
    assert [r["Method"] for r in rows][:3] == ["LoRA r = 1", "LoRA r = 4", "Full fine-tuning"]
    assert rows[3]["Learning rate"] == "0.01" and rows[1]["Lowest best |cos|"] == "0.2"
    text = views.intruder_verdict(ROWS, 0.98, T)
    assert "has 1–2 intruders and keeps 10.0%–25.0%" in text
    assert "0 at learning rate 0.001 (old task 65.0%); 2 at learning rate 0.01" in text
    assert "no more intruders" in text  # 2 at LoRA's rate is not more than LoRA's 2
    more = [*ROWS[:3], row(None, 0.01, [0.1, 0.2, 0.3])]
    assert "has more intruders" in views.intruder_verdict(more, 0.98, T)
    assert "follow" not in views.intruder_verdict(ROWS[:3], 0.98, T)  # no full FT at LoRA's rate


def test_best_match_chart_marks_the_intruders():
    fig = views.best_match_chart(ROWS[1], ROWS[2:], T)
    assert [tr.name for tr in fig.data] == [
        "LoRA r = 4",
        "Full fine-tuning (lr 0.001)",
        "Full fine-tuning (lr 0.01)",
    ]
    assert list(fig.data[0].text) == ["✗", "✗"] and list(fig.data[1].text) == ["", ""]
    assert fig.layout.shapes[0].y0 == EPSILON


def grid(lora, full) -> Grid:
    return Grid((1, 4), (1e-3, 1e-2, 1e-1), np.array(lora), np.array(full), False)


def test_grid_chart_and_best_rows():
    g = grid([[3.0, 1.0, 2.0], [3.0, 2.0, np.inf]], [0.2, 0.9, 5.0])
    fig = views.grid_chart(g, T)
    assert list(fig.data[0].y) == ["r = 1", "r = 4", "Full FT"]
    assert fig.data[0].text[0] == ["3", "★ 1", "2"]
    assert fig.data[0].text[2][0] == "★ 0.2"
    assert np.isfinite(fig.data[0].z).all()
    rows = views.best_rows(g, T)
    assert [r["Best learning rate"] for r in rows] == ["0.01", "0.01", "0.001"]
    assert [r["÷ full FT's"] for r in rows] == ["10", "10", "1"]


@pytest.mark.parametrize(
    ("lora", "full", "near", "flat"),
    [
        ([[3.0, 1.0, 2.0], [3.0, 0.5, 2.0]], [0.2, 0.9, 5.0], True, True),
        ([[1.0, 3.0, 2.0], [3.0, 0.5, 2.0]], [0.2, 0.9, 5.0], False, False),
        ([[1.0, 3.0, 2.0], [0.5, 1.0, 2.0]], [0.2, 0.9, 5.0], False, True),
    ],
)
def test_grid_verdict_says_what_the_map_found(lora, full, near, flat):
    text = views.grid_verdict(grid(lora, full), T)
    assert ("close to the reported" in text) == near
    assert ("independent of r" in text) == flat
    assert "best learning rate is 0.001" in text
    if not flat:
        assert "1–10× that" in text and "factor of 10 at most" in text
