"""/reconstruct with Streamlit's AppTest: every example at k = 1 and k = rank in both languages,
the URL, the 'try to beat it' box, the note box and bad uploads. Numbers checked against numpy."""

from __future__ import annotations

import numpy as np
import pytest
from apptest_support import block_at, blocks, component_data, open_page, shown_text
from matrix_pages_support import assert_clean, chart_titles, t

from lowrank import formatting as fmt
from lowrank.examples import EXAMPLE_IDS, example

PAGE = "pages/3_reconstruct.py"
NUMBERS = "rec_numbers"  #: the block of the four numbers


def open_reconstruct(**params: str):
    return open_page(PAGE, **params)


def metrics(app) -> list[str]:
    """The four numbers the block renderer shows at the slider's k, then the page's metrics."""
    return [*block_at(app, NUMBERS)["metrics"].values(), *(m.value for m in app.metric)]


def expected_metrics(s: np.ndarray, k: int) -> list[str]:
    """Energy kept, ‖S − S_k‖_F, ‖S − S_k‖₂ and storage, from numpy alone."""
    u, sigma, vt = np.linalg.svd(s, full_matrices=False)
    approx = u[:, :k] @ np.diag(sigma[:k]) @ vt[:k]
    m, n = s.shape
    return [
        fmt.percent(np.sum(sigma[:k] ** 2) / np.sum(sigma**2)),
        fmt.number(np.linalg.norm(s - approx, "fro"), 4, scale=sigma[0]),
        fmt.number(np.linalg.norm(s - approx, 2), 4, scale=sigma[0]),
        f"{k * (m + n + 1)} / {m * n}",
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("example_id", EXAMPLE_IDS)
def assert_layers(app, s: np.ndarray, lang: str) -> None:
    """Every layer σᵢuᵢvᵢᵀ of a small matrix is titled with numpy's σᵢ: in the browser's live
    grid (the same data at every k), or as Plotly charts when there is no slider (rank 1)."""
    sigma = np.linalg.svd(s, compute_uv=False)
    rank = int(np.linalg.matrix_rank(s))
    titles = [
        t("rec.layer.title", lang, i=i, sub=fmt.subscript(i), sigma=fmt.number(sigma[i - 1]))
        for i in range(1, rank + 1)
    ]
    if rank == 1:
        assert titles[0] in chart_titles(app)
        return
    layers = component_data(app, "lowrank_live_layers")["layers_live"]
    assert layers["titles"] == titles and len(layers["decimals"]) == rank
    assert layers["more"] == t("rec.layers.more", lang, shown="{shown}", more="{more}")
    assert not any(title.startswith(titles[0][:2]) for title in chart_titles(app))  # drawn once


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("example_id", EXAMPLE_IDS)
def test_every_example_at_k_1_and_at_full_rank(example_id: str, lang: str) -> None:
    s = example(example_id)
    rank = int(np.linalg.matrix_rank(s))
    app = open_reconstruct(example=example_id, lang=lang)
    assert_clean(app)
    assert app.title[0].value == t("page.reconstruct.title", lang)
    assert app.slider(key="k").value == 1 and app.slider(key="k").max == rank
    assert metrics(app)[:4] == expected_metrics(s, 1)
    assert len(app.metric) == 2  # the two of "try to beat it": the block draws the four
    for k in range(1, rank + 1):  # what the browser shows at every k, against numpy
        at_k = block_at(app, NUMBERS, k)
        assert list(at_k["metrics"].values()) == expected_metrics(s, k)
        assert block_at(app, "rec_charts", k)["marks"] == [k, k + 0.5]
    assert_layers(app, s, lang)
    app.slider(key="k").set_value(rank).run()
    assert_clean(app)
    shown = metrics(app)
    assert shown[:4] == expected_metrics(s, rank)
    assert shown[0] == "100.00%" and shown[1] == "0" and shown[2] == "0"
    assert_layers(app, s, lang)


def test_k_from_the_url_and_out_of_range_values() -> None:
    s = example("note")
    app = open_reconstruct(example="note", lang="en", k="3")
    assert_clean(app)
    assert app.slider(key="k").value == 3
    assert metrics(app)[:4] == expected_metrics(s, 3)
    assert {payload["at"] for payload in blocks(app).values()} == {2}  # the first frame: k = 3
    for bad in ("9", "0", "-2", "two", "2.5"):
        app = open_reconstruct(example="note", lang="en", k=bad)
        assert not app.exception
        assert any(f"k={bad}" in w.value.replace("\\", "") for w in app.warning)
        # Streamlit's URL binding drops these; it truncates 2.5 to 2 (the note still shows)
        assert app.slider(key="k").value == (2 if bad == "2.5" else 1)


def test_switching_to_a_lower_rank_example_pulls_k_back() -> None:
    app = open_reconstruct(example="low_rank_noise", lang="en", k="5")
    assert app.slider(key="k").value == 5
    app.selectbox(key="example__choice").set_value("delta_w").run()
    assert_clean(app)
    assert not app.warning  # a choice made on the page is not a bad link
    assert app.slider(key="k").value == 2 and app.slider(key="k").max == 2
    assert metrics(app)[:4] == expected_metrics(example("delta_w"), 2)


def test_try_to_beat_it_never_wins() -> None:
    s = example("note")
    app = open_reconstruct(example="note", lang="en", k="2")
    u, sigma, vt = np.linalg.svd(s)
    best = np.linalg.norm(s - u[:, :2] @ np.diag(sigma[:2]) @ vt[:2])
    first_two = s[:, :2] @ np.linalg.lstsq(s[:, :2], s, rcond=None)[0]
    mine = np.linalg.norm(s - first_two)
    assert metrics(app)[4:] == [fmt.number(mine, 4), fmt.number(best, 4)]
    ratio = fmt.number(mine / best, 3)
    assert t("rec.beat.lost", "en", ratio=ratio) in shown_text(app)
    app.radio(key="s1_beat_strategy").set_value("random").run()
    first = metrics(app)[4]
    app.button(key="s1_beat_new").click().run()
    assert_clean(app)
    assert metrics(app)[4] != first
    app.radio(key="s1_beat_strategy").set_value("kept_columns").run()
    assert metrics(app)[4] == fmt.number(np.linalg.norm(s[:, 2:]), 4)


def test_identity_ties_and_the_note_box_shows_the_precise_numbers() -> None:
    s = example("identity")
    app = open_reconstruct(example="identity", lang="zh", k="2")
    assert_clean(app)
    assert t("rec.beat.tie", "zh") in shown_text(app)
    text = shown_text(app)
    frob2 = fmt.number(np.linalg.norm(s, "fro") ** 2, 6)
    assert t("rec.note.before", "zh", entries=frob2, sigma=frob2) in text
    det = fmt.number(np.linalg.det(s), 6)
    assert t("rec.note.det", "zh", det=det, product=det, sigma=frob2) in text


def test_note_box_for_a_non_square_matrix() -> None:
    s = example("note")
    app = open_reconstruct(example="note", lang="en", k="2")
    text = shown_text(app)
    assert t("rec.note.no_det", "en", m=8, n=6) in text
    sigma = np.linalg.svd(s, compute_uv=False)
    after = fmt.number(np.sum(sigma[:2] ** 2), 6)
    assert f"= {after} (equal)" in text


def test_bad_csv_keeps_the_last_matrix_and_the_slider_still_works() -> None:
    app = open_reconstruct(example="csv", lang="en")
    uploader = app.file_uploader(key="s1_csv_upload")
    uploader.set_value(("ok.csv", b"x,y,z\n1,2,3\n4,5,6\n7,8,10\n", "text/csv")).run()
    assert_clean(app)
    assert app.slider(key="k").max == 3
    app.file_uploader(key="s1_csv_upload").set_value(("bad.csv", b"1,2,3\n4,5\n", "text/csv"))
    app.run()
    assert not app.exception
    message = t("input.ragged_row", "en", row=2, expected=3, found=2)
    assert any(message in e.value for e in app.error)
    assert app.slider(key="k").max == 3  # still the previous upload
    app.slider(key="k").set_value(2).run()
    assert not app.exception
    expected = expected_metrics(np.array([[1, 2, 3], [4, 5, 6], [7, 8, 10.0]]), 2)
    assert metrics(app)[:4] == expected


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "input.not_text"),
        (b"1,nan\n2,3\n", "error.non_finite"),
        (b"", "error.empty"),
        (b"5\n", "input.too_small"),
        ((("1," * 200) + "1\n").encode() * 2, "error.too_large"),
    ],
)
def test_bad_uploads_show_a_translated_message(data: bytes, key: str) -> None:
    app = open_reconstruct(example="csv", lang="zh")
    app.file_uploader(key="s1_csv_upload").set_value(("m.csv", data, "text/csv")).run()
    assert not app.exception
    assert len(app.error) == 1
    assert t("error.kept_previous", "zh") in app.error[0].value
    assert t("source.csv.waiting", "zh") in shown_text(app)  # the default example stays


def test_a_rank_one_matrix_needs_no_slider() -> None:
    app = open_reconstruct(example="csv", lang="en")
    app.file_uploader(key="s1_csv_upload").set_value(("r1.csv", b"1,2,3\n2,4,6\n", "text/csv"))
    app.run()
    assert_clean(app)
    assert t("rec.rank_one", "en") in shown_text(app)
    assert not app.slider
    assert metrics(app)[:4] == ["100.00%", "0", "0", "6 / 6"]


def test_language_switch_keeps_the_matrix_and_the_rank() -> None:
    app = open_reconstruct(example="low_rank_noise", lang="en", k="3")
    app.button_group(key="lang__choice").set_value("zh").run()
    assert_clean(app)
    assert app.title[0].value == t("page.reconstruct.title", "zh")
    assert app.slider(key="k").value == 3
    assert t("example.low_rank_noise.desc", "zh") in shown_text(app)
    assert metrics(app)[:4] == expected_metrics(example("low_rank_noise"), 3)
