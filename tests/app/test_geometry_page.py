"""/geometry with Streamlit's AppTest: the numbers against numpy in both languages, the URL's
?m= (good and bad), typing, presets, the rank-1 toggle and what the browser's view receives."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from apptest_support import open_page, shown_text

from lowrank import formatting as fmt
from lowrank import geometry as geo
from lowrank import i18n

PAGE = "pages/1_geometry.py"
KEYS = ("geo_a", "geo_b", "geo_c", "geo_d")


def expected_metrics(m: tuple[float, ...]) -> list[str]:
    """σ₁, σ₂, det, |det S|, π|det S|, energy, energy kept by rank 1, from numpy alone."""
    s = np.reshape(m, (2, 2))
    sigma = np.linalg.svd(s, compute_uv=False)
    det = np.linalg.det(s)
    square = sigma[0] ** 2
    return [
        fmt.number(sigma[0]),
        fmt.number(sigma[1], scale=sigma[0]),
        fmt.number(det, scale=square),
        fmt.number(abs(det), scale=square),
        fmt.number(math.pi * abs(det), scale=square),
        fmt.number(np.sum(s**2)),
        fmt.percent(sigma[0] ** 2 / np.sum(sigma**2)),
    ]


def view(app) -> dict:
    """The data the page gives its browser view (lowrank/ui/geometry.py)."""

    def walk(node):
        proto = getattr(node, "proto", None)
        if getattr(proto, "component_name", "") == "lowrank_geometry":
            yield json.loads(json.loads(proto.json))
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    found = list(walk(app._tree))
    assert len(found) == 1
    return found[0]


def entries(app) -> tuple[float, ...]:
    return tuple(app.number_input(key=key).value for key in KEYS)


def check(app, m: tuple[float, ...], lang: str) -> None:
    assert not app.exception
    assert [metric.value for metric in app.metric] == expected_metrics(m)
    np.testing.assert_allclose(entries(app), m)
    data = view(app)
    np.testing.assert_allclose(data["matrix"], m)
    assert data["labels"]["play"] == i18n.t("geo.js.play", lang)
    assert app.query_params["m"] == geo.format_entries(m)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_default_is_the_shear_in_both_languages(lang):
    app = open_page(PAGE, lang=lang)
    assert app.title[0].value == i18n.t("page.geometry.title", lang)
    check(app, geo.PRESETS["shear"], lang)
    text = shown_text(app)
    # the shear's single eigenvector direction, in words; u is a rotation (det S = 1 > 0)
    assert i18n.t("geo.eigen.one", lang, a1="0", l1="1", v1="58.28", v2="−31.72") in text
    assert i18n.t("geo.sign.positive", lang) in text


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("name", list(geo.PRESETS))
def test_every_preset_from_the_url(name, lang):
    m = geo.PRESETS[name]
    app = open_page(PAGE, lang=lang, m=geo.format_entries(m))
    check(app, tuple(float(x) for x in geo.format_entries(m).split(",")), lang)
    assert not app.warning


def test_a_reflection_is_named_and_the_rank_one_numbers_match_numpy():
    m = geo.PRESETS["reflection"]
    app = open_page(PAGE, lang="en", m=geo.format_entries(m))
    text = shown_text(app)
    assert i18n.t("geo.sign.negative", "en") in text
    s = np.reshape(m, (2, 2))
    u, sigma, vt = np.linalg.svd(s)
    s1 = sigma[0] * np.outer(u[:, 0], vt[0])
    error = fmt.number(np.linalg.norm(s - s1), scale=sigma[0])
    kept = fmt.percent(sigma[0] ** 2 / np.sum(sigma**2))
    sigma2 = fmt.number(sigma[1], scale=sigma[0])
    assert i18n.t("geo.rank1.error", "en", error=error, sigma2=sigma2, kept=kept) in text
    assert error == sigma2
    # the mirror line is the one U fixes, at half the angle of u₁
    g = geo.geometry(m)
    assert f"mirror across the line at {fmt.number(g.u_factor.angle / 2)}°" in text


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize(
    ("raw", "key", "params"),
    [
        ("1,2,3", "geo.error.count", {"count": 3}),
        ("1,x,3,4", "geo.error.number", {"value": "x"}),
        ("1,99,0,1", "geo.error.range", {"value": "99", "limit": "10"}),
    ],
)
def test_a_bad_m_is_noted_in_the_language_and_the_default_stays(raw, key, params, lang):
    app = open_page(PAGE, lang=lang, m=raw)
    assert len(app.warning) == 1
    note = app.warning[0].value
    assert i18n.t("geo.error.url", lang, value=raw.replace(".", "\\.")) in note
    assert i18n.t(key, lang, **params) in note
    check(app, geo.PRESETS["shear"], lang)


def test_a_bad_m_later_keeps_the_last_good_matrix():
    good = (2.0, 0.5, -1.0, 1.5)
    app = open_page(PAGE, lang="en", m=geo.format_entries(good))
    check(app, good, "en")
    app.query_params["m"] = "1,2,nan,4"
    app.run()
    assert len(app.warning) == 1 and "nan" in app.warning[0].value
    check(app, good, "en")


def test_typing_an_entry_and_pressing_a_preset():
    app = open_page(PAGE, lang="en")
    app.number_input(key="geo_c").set_value(0.5).run()
    check(app, (1.0, 1.0, 0.5, 1.0), "en")
    app.button(key="geo_preset_symmetric").click().run()
    check(app, geo.PRESETS["symmetric"], "en")
    text = shown_text(app)
    assert "S is symmetric" in text and "45°" in text and "−45°" in text


def test_the_rank_one_toggle_tells_the_view_and_links_to_reconstruct():
    app = open_page(PAGE, lang="zh")
    assert view(app)["rank"] == 2
    app.toggle(key="geo_rank1").set_value(True).run()
    assert not app.exception and view(app)["rank"] == 1
    main = [link.proto for link in app.main.get("page_link")]
    assert [(link.page, link.label) for link in main] == [
        ("reconstruct", i18n.t("geo.rank1.link", "zh"))
    ]
    assert "lang=zh" in main[0].query_string


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_typing_the_matrix_as_text(lang):
    app = open_page(PAGE, lang=lang)
    app.text_input(key="geo_text").input("2, 0.5; -1 1.5").run()
    check(app, (2.0, 0.5, -1.0, 1.5), lang)
    assert app.text_input(key="geo_text").value == "" and not app.error
    app.text_input(key="geo_text").input("2, 0.5, oops, 1").run()
    assert len(app.error) == 1
    message = app.error[0].value
    assert i18n.t("geo.error.number", lang, value="oops") in message
    assert i18n.t("error.kept_previous", lang) in message
    check(app, (2.0, 0.5, -1.0, 1.5), lang)  # the last good matrix stays
    assert app.text_input(key="geo_text").value == "2, 0.5, oops, 1"  # left to be corrected
