"""/image in a real browser: the rank slider by keyboard, an upload, a bad upload, a deep link,
and both sliders' view (the blocks' numbers, sentences, chart marks and the live picture)
changed before the server answers, and left alone by the rerun.

The blocks draw in shadow roots: Playwright's locators reach into them, ``document`` does not."""

from __future__ import annotations

import functools
import io
import math
import re

import pytest
from e2e_support import HeldAnswers, assert_no_error, metric, wait_idle, wait_metric
from PIL import Image
from playwright.sync_api import expect

from lowrank import i18n, image_source
from lowrank import image as im
from lowrank.views import alt_texts
from lowrank.views.image import image_blocks
from lowrank.views.positions import Positions


def png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.linear_gradient("L").resize(size).convert("RGB").save(out, format="PNG")
    return out.getvalue()


def test_slider_by_keyboard_then_upload_and_bad_upload(server, page):
    rank = i18n.t("image.metric.k", "en")
    page.goto(f"{server.url}/image?lang=en")
    wait_idle(page, timeout=90_000)
    assert_no_error(page)
    assert metric(page, rank) == "20"

    thumb = page.get_by_role("slider")
    thumb.focus()
    for _ in range(3):
        thumb.press("ArrowRight")
    wait_metric(page, rank, "23")
    page.wait_for_url("**k=23**")
    assert_no_error(page)

    uploader = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    good = {"name": "mine.png", "mimeType": "image/png", "buffer": png((300, 90))}
    uploader.set_input_files(good)
    page.get_by_text("300×90", exact=False).first.wait_for(timeout=60_000)
    page.wait_for_url("**img=upload**")
    wait_idle(page)
    assert_no_error(page)
    with page.expect_download() as download:
        page.get_by_text(i18n.t("image.download_png", "en", k=23)).click()
    picture = Image.open(download.value.path())
    assert picture.size == (300, 90) and picture.format == "PNG"

    uploader.set_input_files(
        {"name": "bad.png", "mimeType": "image/png", "buffer": b"this is not a picture"}
    )
    message = i18n.t("error.image.not_image", "en")
    page.locator("[data-testid='stAlert']").filter(has_text=message).wait_for(timeout=60_000)
    wait_idle(page)
    expect(page.get_by_text("300×90", exact=False).first).to_be_visible()  # the last valid stays
    assert_no_error(page)

    thumb = page.get_by_role("slider")
    thumb.focus()
    thumb.press("Home")
    wait_metric(page, rank, "1")
    assert_no_error(page)


def test_shared_link_in_chinese_with_rank_and_picture(server, page):
    page.goto(f"{server.url}/image?lang=zh&img=noise&k=5&mode=grey")
    wait_idle(page, timeout=90_000)
    assert_no_error(page)
    assert i18n.t("page.image.title", "zh") in page.locator("h1").first.inner_text()
    assert metric(page, i18n.t("image.metric.k", "zh")) == "5"
    expect(page.get_by_text("512×384", exact=False).first).to_be_visible()


#: The photograph's largest rank: its smaller side (600×512 pixels as the page computes it).
MAX_K = 512
ENERGY_POSITIONS = Positions(50.0, 0.1, 500)  #: the energy slider's, as the page sets it
BLOCKS = ("image_numbers", "image_details", "image_note")
#: block.js's chart geometry (px): the plot's margins inside the SVG and the SVG's height.
LEFT, RIGHT, TOP, BOTTOM, HEIGHT = 58, 14, 12, 46, 280

#: What a block draws: its position, metric values, sentences and, per chart, its width, text
#: alternative, mark line and label, the dots on the curves, whether the band is named and the
#: veil that fades the curves in it.
READ = """(root) => ({
  position: Number(root.dataset.position),
  metrics: [...root.querySelectorAll('.lb-metric-value')].map((m) => m.textContent),
  sentences: [...root.querySelectorAll('.lb-sentence')].map((s) => s.textContent),
  charts: [...root.querySelectorAll('svg[role="img"]')].map((svg) => ({
    width: Number(svg.getAttribute('width')),
    label: svg.getAttribute('aria-label'),
    mark: Number(svg.querySelector('.lb-mark').getAttribute('x1')),
    markLabel: svg.querySelector('.lb-mark-label').textContent,
    dots: [...svg.querySelectorAll('.lb-dot')].map((d) => [Number(d.getAttribute('cx')),
                                                            Number(d.getAttribute('cy'))]),
    band: svg.querySelector('.lb-band-label')?.getAttribute('visibility') ?? null,
    veil: svg.querySelector('.lb-veil') && ['x', 'width'].map((name) =>
      Number(svg.querySelector('.lb-veil').getAttribute(name))),
  })),
})"""


def plain(markdown: str) -> str:
    return markdown.replace("**", "")


@pytest.fixture(scope="module")
def photo():
    """The photograph's decomposition, its blocks for both sliders (English) and what a screen
    reader hears of the live picture at every k, from the core."""
    svd = im.decompose_image(image_source.builtin_image("photo").pixels)
    t = functools.partial(i18n.t, lang="en")
    alts = [alt_texts.rank_k_picture(numbers, t) for numbers in im.every_rank(svd)]
    return svd, image_blocks(svd, t), image_blocks(svd, t, ENERGY_POSITIONS), alts


def block(tab, key: str):
    return tab.locator(f"[data-testid='lowrankBlock'][data-block='{key}']")


def view(tab, position: int, k: int, keys=BLOCKS) -> dict:
    """What the blocks ``keys`` and the live picture draw, once every block shows ``position``
    and the live picture rank ``k``."""
    live = tab.locator(".lr-root[data-view='image_live']")
    expect(live).to_have_attribute("data-k", str(k))
    for key in keys:
        expect(block(tab, key)).to_have_attribute("data-position", str(position))
    shown = {key: block(tab, key).evaluate(READ) for key in keys}
    shown["live"] = live.evaluate(
        "(root) => ({ caption: root.querySelector('figcaption').textContent,"
        " alt: root.querySelector('canvas').getAttribute('aria-label') })"
    )
    return shown


def pixel_x(chart: dict, width: float, x: float) -> float:
    """Where block.js puts ``x`` on a chart ``width`` px wide (``chart``: its payload)."""
    low, high = chart["xRange"]
    v = math.log10(x) if chart["logX"] else x
    return LEFT + (v - low) / (high - low) * (width - LEFT - RIGHT)


def pixel_y(chart: dict, y: float) -> float:
    low, high = chart["yRange"]
    v = math.log10(y) if chart["logY"] else y
    return HEIGHT - BOTTOM - (v - low) / (high - low) * (HEIGHT - TOP - BOTTOM)


def assert_view(shown: dict, blocks, alts: list[str], position: int, k: int) -> None:
    """The blocks show rank k's numbers, sentences and marks at ``position``, the live picture
    rank k, each against the core's payload (whose numbers the unit tests hold to numpy)."""
    value = blocks.numbers.positions.start + position * blocks.numbers.positions.step
    assert shown["image_numbers"]["metrics"] == list(blocks.numbers.at(value)["metrics"].values())
    expected = blocks.details.at(value)
    assert shown["image_details"]["sentences"] == [plain(s) for s in expected["sentences"]]
    assert shown["image_note"]["sentences"] == [
        plain(s) for s in blocks.note.at(value)["sentences"]
    ]
    assert f"k = {k}" in shown["live"]["caption"] and shown["live"]["alt"] == alts[k - 1]
    spectrum, energy = shown["image_details"]["charts"]
    payloads = [chart.payload() for chart in blocks.details.charts]
    for drawn, payload, alt in zip((spectrum, energy), payloads, expected["alts"], strict=True):
        assert drawn["markLabel"] == f"k = {k}" and drawn["label"] == alt
        assert drawn["mark"] == pytest.approx(pixel_x(payload, drawn["width"], k), abs=0.5)
    # the dropped σ are named where there is room: never at the last k
    assert spectrum["band"] == (
        "hidden" if k == MAX_K else "visible" if k <= MAX_K // 2 else spectrum["band"]
    )
    # the curves are faded under a veil from the mark to the plot's right edge
    assert spectrum["veil"] == pytest.approx(
        [spectrum["mark"], spectrum["width"] - RIGHT - spectrum["mark"]], abs=0.01
    )
    assert energy["veil"] is None
    assert len(spectrum["dots"]) == 3  # a dot on each channel's σ at k
    # a dot on each energy curve at k: the whole picture's last, at its share
    assert len(energy["dots"]) == 4
    whole = payloads[1]["series"][-1]
    assert energy["dots"][-1] == pytest.approx(
        [pixel_x(payloads[1], energy["width"], k), pixel_y(payloads[1], whole["y"][k - 1])], abs=0.5
    )


def test_a_key_press_on_the_rank_slider_changes_the_view_before_the_server_answers(
    server, browser, photo
):
    _, blocks, _, alts = photo
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    answers = HeldAnswers(tab)
    tab.goto(f"{server.url}/image?lang=en")
    wait_idle(tab, timeout=90_000)
    assert_view(view(tab, 19, 20), blocks, alts, 19, 20)
    block(tab, "image_details").locator("svg[role='img']").first.evaluate(
        "(svg) => (svg.dataset.first = 'yes')"
    )
    slider = tab.locator(".st-key-k input[type='range']")
    answers.hold()
    sent, received = answers.sent, len(answers.received)
    slider.focus()
    slider.press("ArrowRight")
    at_once = view(tab, 20, 21)
    assert_view(at_once, blocks, alts, 20, 21)
    answers.wait_sent(tab, sent)  # the move did go to the server, whose answers are held
    answers.release()
    tab.wait_for_url("**k=21**")
    wait_idle(tab)
    assert view(tab, 20, 21) == at_once  # the rerun leaves what is drawn
    # and its blocks, unchanged, came as references to what the browser holds (7 kB in all on
    # 3 December, against 0.6 MB when each move sent the blocks again)
    assert sum(map(len, answers.received[received:])) < 50_000
    first = block(tab, "image_details").locator("svg[role='img']").first
    assert first.get_attribute("data-first") == "yes", "the rerun redrew the charts"
    slider.focus()
    slider.press("End")  # full rank: ∞, no saving
    at_once = view(tab, 511, 512)
    assert_view(at_once, blocks, alts, 511, 512)
    assert at_once["image_numbers"]["metrics"][2] == "∞"
    assert "📦" in at_once["image_details"]["sentences"][1]
    tab.wait_for_url("**k=512**")
    wait_idle(tab)
    assert view(tab, 511, 512) == at_once
    assert_no_error(tab)
    context.close()


def test_the_energy_slider_moves_the_picture_and_the_numbers_at_once(server, page, photo):
    svd, _, blocks, alts = photo
    keys = ("image_auto_k", *BLOCKS)
    page.goto(f"{server.url}/image?lang=en&pick=energy")
    wait_idle(page, timeout=90_000)
    start = im.rank_for_share(svd, 0.9)
    assert_view(view(page, 400, start, keys), blocks, alts, 400, start)
    slider = page.locator(".st-key-energy input[type='range']")
    slider.focus()
    for _ in range(5):  # 90.0 → 90.5 %, each step shown as it comes
        slider.press("ArrowRight")
    k = im.rank_for_share(svd, 0.905)
    assert k > start  # the picture does change on the way
    at_once = view(page, 405, k, keys)
    assert_view(at_once, blocks, alts, 405, k)
    auto_k = plain(i18n.t("image.auto_k", "en", k=k, target="90.5"))
    assert at_once["image_auto_k"]["sentences"] == [auto_k]
    page.wait_for_url("**energy=90.5**")
    wait_idle(page)
    assert view(page, 405, k, keys) == at_once
    assert metric(page, i18n.t("image.metric.k", "en")) == str(k)
    assert_no_error(page)


def test_dragging_the_rank_slider_moves_the_marks_with_the_thumb(server, page, photo):
    """Every frame read while the pointer is down shows the blocks at the thumb's own k; a
    narrower window draws the charts again at their new width, k still marked."""
    _, blocks, _, alts = photo
    page.goto(f"{server.url}/image?lang=en")
    wait_idle(page, timeout=90_000)
    slider = page.locator(".st-key-k input[type='range']")
    slider.scroll_into_view_if_needed()
    thumb = slider.locator("xpath=../..").bounding_box()
    bar = page.locator(".st-key-k [data-testid='stSliderTickBar']").bounding_box()
    y = thumb["y"] + thumb["height"] / 2
    page.mouse.move(thumb["x"] + thumb["width"] / 2, y)
    page.mouse.down()
    seen = set()
    for share in (0.8, 0.5, 0.3, 0.12, 0.05):
        page.mouse.move(bar["x"] + share * bar["width"], y, steps=4)
        page.wait_for_function(  # the thumb has moved there
            f"() => Math.abs(document.querySelector('.st-key-k input[type=range]').value"
            f" - {share * MAX_K}) < 0.1 * {MAX_K}",
            polling="raf", timeout=30_000,
        )  # fmt: skip
        k = int(slider.input_value())
        assert_view(view(page, k - 1, k), blocks, alts, k - 1, k)
        seen.add(k)
    page.mouse.up()
    assert len(seen) >= 4, seen

    wide = block(page, "image_details").evaluate(READ)["charts"][0]["width"]
    page.set_viewport_size({"width": 900, "height": 900})
    details = block(page, "image_details")
    # the charts are drawn again at their narrower width
    expect(details.locator("svg[role='img']").first).not_to_have_attribute("width", str(wide))
    wait_idle(page)
    k = int(slider.input_value())
    assert_view(view(page, k - 1, k), blocks, alts, k - 1, k)
    assert_no_error(page)


def test_hovering_the_energy_chart_shows_each_curves_share(server, page, photo):
    _, blocks, _, _ = photo
    page.goto(f"{server.url}/image?lang=en&k=5")
    wait_idle(page, timeout=90_000)
    energy = block(page, "image_details").locator("svg[role='img']").nth(1)
    energy.scroll_into_view_if_needed()
    tick = energy.locator("text", has_text=re.compile(r"^10$")).first.bounding_box()  # k = 10
    plot = energy.bounding_box()
    page.mouse.move(tick["x"] + tick["width"] / 2, plot["y"] + plot["height"] / 2)
    tip = block(page, "image_details").locator(".lb-tip").nth(1)
    expect(tip).to_be_visible()
    expected = [series.hover[9] for series in blocks.details.charts[1].series]
    assert tip.inner_text().splitlines() == expected  # R, G, B and the whole at k = 10
    resources = page.evaluate("() => performance.getEntriesByType('resource').map((e) => e.name)")
    assert not [name for name in resources if "PlotlyChart" in name]
