"""/svd with Streamlit's AppTest: every example in both languages, the full/thin toggle, the grid,
uploads good and bad, and bad URL values. Numbers are checked against numpy."""

from __future__ import annotations

import numpy as np
import pytest
from apptest_support import open_page, shown_text
from matrix_pages_support import assert_clean, chart_titles, t

from lowrank import formatting as fmt
from lowrank.examples import EXAMPLE_IDS, example

PAGE = "pages/2_svd.py"


def open_svd(**params: str):
    return open_page(PAGE, **params)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("example_id", EXAMPLE_IDS)
def test_every_example_in_both_languages(example_id: str, lang: str) -> None:
    app = open_svd(example=example_id, lang=lang)
    assert_clean(app)
    assert app.title[0].value == t("page.svd.title", lang)
    s = example(example_id)
    sigma = np.linalg.svd(s, compute_uv=False)
    table = app.dataframe[0].value
    shown = table[t("svd.eig.col.sigma", lang)].head(sigma.size)
    np.testing.assert_allclose(
        [0.0 if v == "0" else float(v) for v in shown], sigma, rtol=1e-3, atol=1e-9
    )
    text = shown_text(app)
    assert t(f"example.{example_id}.desc", lang) in text
    m, n = s.shape
    if m != n:
        assert t("svd.eig.not_square", lang, m=m, n=n) in text
    elif example_id in ("symmetric", "identity"):
        assert t("svd.eig.match", lang) in text
    else:
        lam = np.linalg.eigvals(s)
        lam1 = lam[np.argmax(np.abs(lam))]
        expected = t("svd.eig.differ", lang, lam=fmt.number(lam1), sigma=fmt.number(sigma[0]))
        assert expected in text
    rank_line = t("s1.rank", lang, rank=np.linalg.matrix_rank(s), tol="")
    assert any(rank_line.split("{")[0][:12] in c.value for c in app.caption)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_full_toggle_shows_square_u_and_v(lang: str) -> None:
    """Thin 8×6: U has orthonormal columns but is no orthogonal matrix (UUᵀ ≠ I, measured);
    full: U and V are orthogonal."""
    app = open_svd(example="note", lang=lang)
    text = shown_text(app)
    thin = t("svd.shapes.thin", lang, d=8, k=6, p=6) + t("svd.shapes.thin_extra", lang)
    assert thin in text
    assert "U (8×6)" in chart_titles(app)
    u = np.linalg.svd(example("note"), full_matrices=False)[0]
    gap = np.abs(u @ u.T - np.eye(8)).max()
    assert gap > 0.1
    assert t("svd.orth.header_thin", lang) in {h.value for h in app.subheader}
    assert f"{t('svd.orth.header', lang)}" not in {h.value for h in app.subheader}
    assert "UUᵀ ≠ I" in text and fmt.number(gap, 2) in text
    app.toggle(key="full").set_value(True).run()
    assert_clean(app)
    assert t("svd.shapes.full", lang, d=8, k=6, p=6) in shown_text(app)
    assert {"U (8×8)", "Σ (8×6)", "Vᵀ (6×6)"} <= chart_titles(app)
    assert t("svd.orth.header", lang) in {h.value for h in app.subheader}


def test_square_matrix_says_thin_and_full_coincide() -> None:
    app = open_svd(example="symmetric", lang="en")
    text = shown_text(app)
    assert t("svd.shapes.thin", "en", d=4, k=4, p=4) in text  # the toggle is off
    assert t("svd.shapes.thin_extra", "en").strip() not in text  # no extra columns to meet Σ
    assert t("svd.shapes.square", "en", d=4) in text
    assert t("svd.orth.header", "en") in {h.value for h in app.subheader}  # U, V are square


def test_full_from_the_url() -> None:
    app = open_svd(example="delta_w", lang="zh", full="true")
    assert_clean(app)
    assert t("svd.shapes.full", "zh", d=5, k=4, p=4) in shown_text(app)


def test_unknown_example_in_the_url_falls_back_with_a_note() -> None:
    app = open_svd(example="<b>evil</b>", lang="en")
    assert_clean(app)
    assert any("evil" in w.value for w in app.warning)
    assert t("example.note.desc", "en") in shown_text(app)


def test_example_choice_writes_the_url() -> None:
    app = open_svd(lang="en")
    app.selectbox(key="example__choice").set_value("identity").run()
    assert_clean(app)
    assert app.query_params["example"] == "identity"
    assert t("svd.eig.match", "en") in shown_text(app)


def test_grid_resize_and_a_bad_cell_keep_the_last_valid_matrix() -> None:
    app = open_svd(example="grid", lang="en")
    assert_clean(app)
    assert t("source.shape", "en", rows=8, cols=6) in shown_text(app)
    app.number_input(key="s1_grid_cols").set_value(4).run()
    assert_clean(app)
    assert t("source.shape", "en", rows=8, cols=4) in shown_text(app)
    editor = f"s1_grid_editor_{app.session_state['s1_grid_version']}"
    app.session_state[editor] = {
        "edited_rows": {1: {"2": None}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert not app.exception
    assert any(t("input.missing_cell", "en", row=2, col=2) in e.value for e in app.error)
    assert t("source.shape", "en", rows=8, cols=4) in shown_text(app)  # previous matrix kept


def test_csv_upload_good_then_bad() -> None:
    app = open_svd(example="csv", lang="zh")
    assert_clean(app)
    assert t("source.csv.waiting", "zh") in shown_text(app)
    app.file_uploader(key="s1_csv_upload").upload("m.csv", b"a;b;c\n1,5;2;0\n0;1;3\n", "text/csv")
    app.run()
    assert_clean(app)
    assert t("source.csv.using", "zh", name="m\\.csv", rows=2, cols=3) in shown_text(app)
    app.file_uploader(key="s1_csv_upload").set_value(("bad.csv", b"1,2\n3,x\n", "text/csv"))
    app.run()
    assert not app.exception
    message = t("error.non_numeric", "zh", row=2, col=2, value="x")
    assert any(message in e.value for e in app.error)
    assert t("source.csv.using", "zh", name="m\\.csv", rows=2, cols=3) in shown_text(app)


def test_zero_matrix_is_explained_not_decomposed() -> None:
    app = open_svd(example="csv", lang="en")
    app.file_uploader(key="s1_csv_upload").upload("zero.csv", b"0,0\n0,0\n", "text/csv")
    app.run()
    assert not app.exception
    assert any(t("s1.zero_matrix", "en") in w.value for w in app.warning)


def test_a_wide_matrix_explains_the_extra_zero_eigenvalues() -> None:
    app = open_svd(example="csv", lang="en")
    app.file_uploader(key="s1_csv_upload").set_value(("w.csv", b"1,2,3,4\n0,1,0,1\n", "text/csv"))
    app.run()
    assert_clean(app)
    assert t("svd.eig.extra_zeros", "en", n=4, p=2, extra=2) in shown_text(app)
    assert t("svd.eig.not_square", "en", m=2, n=4) in shown_text(app)
