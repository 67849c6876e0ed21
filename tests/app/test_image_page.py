"""/image through AppTest: every built-in picture in colour and grey, k at both ends, both
languages, auto mode, uploads (good, bad, and a shared link that lacks one), bad URL values."""

from __future__ import annotations

import io

import numpy as np
import pytest
from apptest_support import open_page
from PIL import Image
from streamlit.testing.v1 import AppTest

from lowrank import i18n
from lowrank import image as im

SCRIPT = "pages/3_image.py"


def open_image_page(**params: str) -> AppTest:
    """The page as a deep link opens it: the app's entry point, switched to /image."""
    return open_page(SCRIPT, **params)


def metric(app: AppTest, key: str, lang: str = "en") -> str:
    label = i18n.t(key, lang)
    return next(m.value for m in app.metric if m.label == label)


def working_size(app: AppTest) -> str:
    return next(c.value for c in app.caption if "1024" in c.value)


def expected(name: str, grey: bool, k: int) -> im.RankNumbers:
    """The numbers the page must show, from the core alone."""
    pixels = im.builtin_image(name).pixels
    pixels = im.to_grey(pixels) if grey else pixels
    svd = im.decompose_image(pixels)
    return im.rank_numbers(svd, pixels, im.reconstruct_image(svd, k), k)


def png(size: tuple[int, int], colour: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "mode", "lang"),
    [("photo", "colour", "en"), ("photo", "grey", "zh"), ("stripes", "colour", "zh"),
     ("circles", "grey", "en"), ("noise", "colour", "en"), ("noise", "grey", "zh")],
)
def test_each_builtin_picture_in_colour_and_grey(name, mode, lang):
    app = open_image_page(lang=lang, img=name, mode=mode, k="3")
    assert not app.exception and not app.warning and not app.error
    assert app.title[0].value == i18n.t("page.image.title", lang)
    numbers = expected(name, mode == "grey", 3)
    assert metric(app, "image.metric.k", lang) == "3"
    assert metric(app, "image.metric.stored", lang) == f"{numbers.ratio:.1%}"
    shown = " ".join(m.value for m in app.markdown)
    assert f"{numbers.stored:,}" in shown and f"{numbers.original:,}" in shown
    width, height = im.builtin_image(name).size
    assert f"{width}×{height}" in working_size(app)
    assert len(app.get("plotly_chart")) == 2
    assert len(app.get("image")) >= 1 + 4  # original, four layers
    live = [component.key for component in app.main.get("bidi_component")]
    assert live == ["image_live", "image_factors"]  # the rank-k picture, and its factors
    watchers = [component.key for component in app.sidebar.get("bidi_component")]
    assert watchers == ["lowrank_reconnect"]  # lowrank.ui.reconnect, mounted by the frame


def test_rank_one_from_the_url_and_full_rank_from_the_slider():
    app = open_image_page(lang="en", k="1")
    low = expected("photo", False, 1)
    assert metric(app, "image.metric.psnr") == f"{low.psnr_db:.1f} dB"
    assert metric(app, "image.metric.energy") == f"{low.energy_kept:.1%}"
    app = open_image_page(lang="zh")
    assert app.slider(key="k").value == 20 and app.slider(key="k").max == 512
    before = metric(app, "image.metric.psnr", "zh")
    app.slider(key="k").set_value(512).run()  # (AppTest does not mirror bound widgets in the URL)
    assert not app.exception
    assert metric(app, "image.metric.psnr", "zh") == "∞" != before
    assert metric(app, "image.metric.energy", "zh") == "100.0%"
    assert any(w.value == i18n.t("image.no_saving", "zh", k=277) for w in app.warning)


def test_language_switch_keeps_the_view():
    app = open_image_page(lang="en", img="circles", k="7")
    app.button_group(key="lang__choice").set_value("zh").run()
    assert not app.exception
    assert app.title[0].value == i18n.t("page.image.title", "zh")
    assert app.slider(key="k").value == 7 and app.query_params["img"] == "circles"


def test_auto_mode_picks_the_smallest_rank_for_the_energy():
    app = open_image_page(lang="en", pick="energy", energy="99")
    svd = im.decompose_image(im.builtin_image("photo").pixels)
    k = im.rank_for_share(svd, 0.99)
    assert metric(app, "image.metric.k") == str(k)
    assert any(f"**k = {k}**" in m.value for m in app.markdown)
    assert not app.get("slider") or all(s.key != "k" for s in app.slider)


def test_error_image_toggle():
    app = open_image_page(lang="en", k="4")
    images_before = len(app.get("image"))
    app.toggle(key="image_show_error").set_value(True).run()
    assert not app.exception and len(app.get("image")) == images_before


def test_a_smaller_picture_clamps_a_large_rank():
    app = open_image_page(lang="en", k="500")
    app.button_group(key="img__choice").set_value("stripes").run()
    assert not app.exception
    assert app.slider(key="k").value == 384 and app.slider(key="k").max == 384
    app.button_group(key="pick__choice").set_value("energy").run()
    app.button_group(key="img__choice").set_value("noise").run()
    app.button_group(key="pick__choice").set_value("rank").run()
    assert not app.exception and app.slider(key="k").max == 384


@pytest.mark.parametrize(("param", "value"), [("k", "99999"), ("k", "abc"), ("img", "cat"),
                                              ("energy", "120"), ("mode", "sepia")])
def test_bad_url_values_fall_back_with_a_note(param, value):
    extra = {"pick": "energy"} if param == "energy" else {}
    app = open_image_page(lang="en", **{param: value}, **extra)
    assert not app.exception
    assert any(f"{param}={value}" in w.value for w in app.warning)
    assert app.metric  # the page still works on the defaults


def test_upload_is_taken_and_a_bad_one_keeps_it():
    app = open_image_page(lang="en")
    app.file_uploader(key="image_file").set_value(("mine.png", png((300, 90)), "image/png")).run()
    assert not app.exception and not app.error
    assert app.query_params["img"] == "upload"
    assert "300×90" in working_size(app)
    assert app.slider(key="k").max == 90

    app.file_uploader(key="image_file").set_value(("bad.png", b"not a picture", "image/png")).run()
    assert not app.exception
    message = i18n.t("error.image.not_image", "en")
    assert any(message in e.value for e in app.error)
    assert "300×90" in working_size(app)  # the last valid upload stays
    app.slider(key="k").set_value(2).run()
    assert metric(app, "image.metric.k") == "2"


def test_large_upload_is_reduced_and_says_so():
    app = open_image_page(lang="zh")
    big = png((2048, 1536), (10, 120, 200))
    app.file_uploader(key="image_file").set_value(("big.png", big, "image/png")).run()
    assert not app.exception
    caption = working_size(app)
    assert "1024×768" in caption and "2048×1536" in caption


def test_shared_link_without_the_upload_says_why():
    app = open_image_page(lang="en", img="upload")
    assert not app.exception
    assert next(i.value for i in app.info) == i18n.t("image.upload_missing", "en")
    assert "512×600" in working_size(app)  # the photograph meanwhile


def test_downloads_are_offered():
    app = open_image_page(lang="en", k="9")
    labels = [b.proto.label for b in app.get("download_button")]
    assert i18n.t("image.download_png", "en", k=9) in labels
    assert i18n.t("image.download_csv", "en") in labels


@pytest.mark.parametrize("name", ["stripes", "photo"])
def test_file_size_comparison_uses_real_png_sizes(name):
    app = open_image_page(lang="en", img=name, k="2")
    app.toggle(key="image_compare_sizes").set_value(True).run()
    pixels = im.builtin_image(name).pixels
    svd = im.decompose_image(pixels)
    size = len(im.png_bytes(im.reconstruct_image(svd, 2))) / 1024
    assert any(f"**{size:,.0f} KB**" in m.value for m in app.markdown)
    assert np.isfinite(size)
    original = len(im.png_bytes(pixels)) / 1024  # both at maximum compression: a fair comparison
    assert any(f"{original:,.0f} KB" in m.value for m in app.markdown)
