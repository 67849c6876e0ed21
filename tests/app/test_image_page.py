"""/image through AppTest: every built-in picture in colour and grey, k at both ends, both
languages, auto mode, uploads (good, bad, and a shared link that lacks one), bad URL values, and
what the blocks show at every position of both sliders (against numpy)."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from apptest_support import block_at, blocks, component_name, open_page, shown_text
from PIL import Image
from streamlit.testing.v1 import AppTest

from lowrank import formatting as fmt
from lowrank import i18n, image_source
from lowrank import image as im

SCRIPT = "pages/4_image.py"


def open_image_page(**params: str) -> AppTest:
    """The page as a deep link opens it: the app's entry point, switched to /image."""
    return open_page(SCRIPT, **params)


NUMBERS, DETAILS, NOTE, AUTO_K = "image_numbers", "image_details", "image_note", "image_auto_k"


def metric(app: AppTest, key: str, lang: str = "en") -> str:
    """A metric as the numbers block shows it at the slider's position."""
    return block_at(app, NUMBERS)["metrics"][i18n.t(key, lang)]


def working_size(app: AppTest) -> str:
    return next(c.value for c in app.caption if "1024" in c.value)


def expected(name: str, grey: bool, k: int) -> im.RankNumbers:
    """The numbers the page must show, from the core alone."""
    pixels = image_source.builtin_image(name).pixels
    pixels = im.to_grey(pixels) if grey else pixels
    return im.numbers_at(im.decompose_image(pixels), k)


def numpy_spectra(pixels: np.ndarray) -> list[np.ndarray]:
    """σ² of each channel, from numpy alone."""
    channels = pixels[..., None] if pixels.ndim == 2 else pixels
    return [
        np.linalg.svd(channels[:, :, c].astype(float), compute_uv=False) ** 2
        for c in range(channels.shape[2])
    ]


def numpy_psnr_text(squares: list[np.ndarray], k: int, size: int) -> str:
    """The PSNR of S_k before rounding: Σ_c Σ_{i>k} σ², over every pixel value (∞ at full rank,
    or when the rest is rounding noise)."""
    rest = sum(float(np.sum(sq[k:])) for sq in squares)
    tiny = sum(float(np.sum(sq)) for sq in squares) * 1e-24  # σ below 1e-12·‖S‖: exact zeros
    return "∞" if rest <= tiny else f"{10 * np.log10(255**2 * size / rest):.1f} dB"


def png(size: tuple[int, int], colour: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "mode", "lang"),
    [
        ("photo", "colour", "en"),
        ("photo", "grey", "zh"),
        ("stripes", "colour", "zh"),
        ("circles", "grey", "en"),
        ("noise", "colour", "en"),
        ("noise", "grey", "zh"),
    ],
)
def test_each_builtin_picture_in_colour_and_grey(name, mode, lang):
    app = open_image_page(lang=lang, img=name, mode=mode, k="3")
    assert not app.exception and not app.warning and not app.error
    assert app.title[0].value == i18n.t("page.image.title", lang)
    numbers = expected(name, mode == "grey", 3)
    assert metric(app, "image.metric.k", lang) == "3"
    assert metric(app, "image.metric.stored", lang) == f"{numbers.ratio:.1%}"
    shown = shown_text(app)
    assert f"{numbers.stored:,}" in shown and f"{numbers.original:,}" in shown
    width, height = image_source.builtin_image(name).size
    assert f"{width}×{height}" in working_size(app)
    assert not app.get("plotly_chart") and not app.metric  # the blocks draw charts and numbers
    charts = blocks(app)[DETAILS]["charts"]
    titles = ("image.spectrum_title", "image.energy_title")
    assert [chart["title"] for chart in charts] == [i18n.t(title, lang) for title in titles]
    assert len(charts[0]["series"]) == (1 if mode == "grey" else 3)  # σ per channel
    assert len(charts[1]["series"]) == (1 if mode == "grey" else 4)  # and the whole
    assert len(app.get("image")) == 1 + 4  # the original and four layers
    main = [component_name(c) for c in app.main.get("bidi_component")]
    # the rank-k picture, then the blocks in reading order (the note's in its expander)
    assert main == ["image_live", NUMBERS, DETAILS, NOTE]
    assert {payload["slider"] for payload in blocks(app).values()} == {"k"}
    assert {payload["at"] for payload in blocks(app).values()} == {2}  # the first frame: k = 3
    watchers = [component_name(c) for c in app.sidebar.get("bidi_component")]
    # lowrank.ui.reconnect and page_lang, mounted by the frame; the live view's factors
    assert watchers == ["lowrank_reconnect", "lowrank_page_lang", "image_factors"]


@pytest.mark.parametrize(("mode", "lang"), [("colour", "en"), ("grey", "zh")])
def test_the_blocks_show_numpys_numbers_at_every_rank(mode, lang):
    """The rank slider's blocks, at every k of the photograph, against numpy: the four
    metrics, the storage sentence, the saving line, the energy per channel, the charts' marks."""
    app = open_image_page(lang=lang, mode=mode)
    assert not app.exception
    pixels = image_source.builtin_image("photo").pixels
    pixels = im.to_grey(pixels) if mode == "grey" else pixels
    squares = numpy_spectra(pixels)
    total = sum(squares)
    channels = len(squares)
    m, n = pixels.shape[:2]
    payloads = blocks(app)
    for payload in payloads.values():
        assert payload["slider"] == "k"
        assert payload["positions"] == {"start": 1, "step": 1, "count": 512}
    for k in range(1, 513):
        numbers = list(block_at(app, NUMBERS, k)["metrics"].values())
        stored = channels * k * (m + n + 1)
        assert numbers == [
            str(k),
            fmt.percent(total[:k].sum() / total.sum(), 1),
            numpy_psnr_text(squares, k, pixels.size),
            f"{stored / pixels.size:.1%}",
        ]
        details = block_at(app, DETAILS, k)
        storage, saving, *rest = details["sentences"]
        assert f"**{k}**" in storage and f"**{stored:,}**" in storage
        assert ("📦" in saving) == (stored >= m * n * channels)
        if channels == 3:
            (per_channel,) = rest
            kept = [fmt.percent(sq[:k].sum() / sq.sum()) for sq in squares]
            assert per_channel.count("%") == 3
            assert all(
                f"{name} {share}" in per_channel for name, share in zip("RGB", kept, strict=True)
            )
        assert details["marks"] == [k, k]
    spectrum, energy = payloads[DETAILS]["charts"]
    whole = energy["series"][-1]
    assert whole["x"] == list(range(1, 513))
    np.testing.assert_allclose(whole["y"], 100 * np.cumsum(total) / total.sum(), atol=1e-9)
    assert spectrum["band"] == i18n.t("chart.dropped", lang) and spectrum["logY"]
    assert energy["logX"] and len(set(energy["alts"])) == 512  # a text alternative per k
    np.testing.assert_allclose(spectrum["series"][0]["y"], np.sqrt(squares[0]), rtol=5e-6)


def test_the_energy_slider_picks_numpys_rank_at_every_position():
    """Auto mode: at each of the 500 targets, the k the blocks show is the smallest rank whose
    energy (numpy) reaches the target, with that k's numbers and the live picture's k."""
    app = open_image_page(lang="en", pick="energy", energy="95.5")
    assert not app.exception
    pixels = image_source.builtin_image("photo").pixels
    squares = numpy_spectra(pixels)
    kept = np.cumsum(sum(squares)) / sum(sq.sum() for sq in squares)
    payloads = blocks(app)
    assert list(payloads) == [AUTO_K, NUMBERS, DETAILS, NOTE]
    for payload in payloads.values():
        assert payload["slider"] == "energy"
        assert payload["positions"] == {"start": 50.0, "step": 0.1, "count": 500}
        assert payload["at"] == 455
    live = next(c for c in app.main.get("bidi_component") if component_name(c) == "image_live")
    settings = json.loads(json.loads(live.proto.json))
    assert settings["slider"] == "energy" and len(settings["positions"]["ranks"]) == 500
    k_label, psnr_label = (i18n.t(f"image.metric.{name}", "en") for name in ("k", "psnr"))
    for i in range(500):
        target = round(50 + 0.1 * i, 1)
        k = int(np.argmax(kept >= target / 100 - 1e-12)) + 1
        assert kept[k - 1] >= target / 100 - 1e-12 and (k == 1 or kept[k - 2] < target / 100)
        numbers = block_at(app, NUMBERS, target)["metrics"]
        assert numbers[k_label] == str(k)
        assert numbers[psnr_label] == numpy_psnr_text(squares, k, pixels.size)
        assert block_at(app, AUTO_K, target)["sentences"] == [
            i18n.t("image.auto_k", "en", k=k, target=f"{target:.1f}")
        ]
        assert block_at(app, DETAILS, target)["marks"] == [k, k]
        assert settings["positions"]["ranks"][i] == k


def test_rank_one_from_the_url_and_full_rank_from_the_slider():
    app = open_image_page(lang="en", k="1")
    low = expected("photo", False, 1)
    assert metric(app, "image.metric.psnr") == f"{low.psnr_db:.1f} dB"
    assert metric(app, "image.metric.energy") == f"{low.energy_kept:.1%}"
    assert {payload["at"] for payload in blocks(app).values()} == {0}
    app = open_image_page(lang="zh")
    assert app.slider(key="k").value == 20 and app.slider(key="k").max == 512
    before = metric(app, "image.metric.psnr", "zh")
    app.slider(key="k").set_value(512).run()  # (AppTest does not mirror bound widgets in the URL)
    assert not app.exception
    assert metric(app, "image.metric.psnr", "zh") == "∞" != before
    assert metric(app, "image.metric.energy", "zh") == "100.0%"
    saving = "📦 " + i18n.t("image.no_saving", "zh", k=277)
    assert block_at(app, DETAILS)["sentences"][1] == saving
    # The rerun sends the blocks' very bytes again, ``at`` (the first frame's position) included:
    # Streamlit then sends a reference to what the browser holds, not the 0.4 MB, and the blocks
    # shown follow the slider themselves.
    assert {payload["at"] for payload in blocks(app).values()} == {19}
    app.button_group(key="lang__choice").set_value("en").run()  # a new payload: a new first frame
    assert {payload["at"] for payload in blocks(app).values()} == {511}


def test_language_switch_keeps_the_view():
    app = open_image_page(lang="en", img="circles", k="7")
    app.button_group(key="lang__choice").set_value("zh").run()
    assert not app.exception
    assert app.title[0].value == i18n.t("page.image.title", "zh")
    assert app.slider(key="k").value == 7 and app.query_params["img"] == "circles"


def test_auto_mode_picks_the_smallest_rank_for_the_energy():
    app = open_image_page(lang="en", pick="energy", energy="99")
    svd = im.decompose_image(image_source.builtin_image("photo").pixels)
    k = im.rank_for_share(svd, 0.99)
    assert metric(app, "image.metric.k") == str(k)
    assert f"**k = {k}**" in block_at(app, AUTO_K)["sentences"][0]
    assert not app.get("slider") or all(s.key != "k" for s in app.slider)
    assert {payload["slider"] for payload in blocks(app).values()} == {"energy"}
    app.button_group(key="pick__choice").set_value("rank").run()  # back: the rank slider's
    assert not app.exception and list(blocks(app)) == [NUMBERS, DETAILS, NOTE]
    assert {payload["slider"] for payload in blocks(app).values()} == {"k"}


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


@pytest.mark.parametrize(
    ("param", "value"),
    [("k", "99999"), ("k", "abc"), ("img", "cat"), ("energy", "120"), ("mode", "sepia")],
)
def test_bad_url_values_fall_back_with_a_note(param, value):
    extra = {"pick": "energy"} if param == "energy" else {}
    app = open_image_page(lang="en", **{param: value}, **extra)
    assert not app.exception
    assert any(f"{param}={value}" in w.value for w in app.warning)
    assert block_at(app, NUMBERS)["metrics"]  # the page still works on the defaults


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
    pixels = image_source.builtin_image(name).pixels
    svd = im.decompose_image(pixels)
    size = len(im.png_bytes(im.reconstruct_image(svd, 2))) / 1024
    assert any(f"**{size:,.0f} KB**" in m.value for m in app.markdown)
    assert np.isfinite(size)
    original = len(im.png_bytes(pixels)) / 1024  # both at maximum compression: a fair comparison
    assert any(f"{original:,.0f} KB" in m.value for m in app.markdown)
