"""/image in a real browser: the rank slider by keyboard, an upload, a bad upload, a deep link,
and both sliders' view (numbers, sentences, chart marks, live picture) changed at once."""

from __future__ import annotations

import functools
import io

import pytest
from e2e_support import assert_no_error, metric, wait_idle, wait_metric
from PIL import Image
from playwright.sync_api import expect

from lowrank import i18n, image_source
from lowrank import image as im
from lowrank.views import alt_texts
from lowrank.views.image import image_charts, rank_texts


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


#: What the page shows that follows a slider, read in one go: the follower of ``slider`` (its
#: data-k and data-mismatch), the live picture's rank, every followed element's text (metric
#: values alone) and the marks drawn on both charts. Null until the follower shows ``value``, the
#: live picture rank ``k`` and every followed element has been drawn (so a wait on it returns the
#: first frame that shows all three). An element's holder without its text is a rerun caught
#: between drawing a container and its content: the follower skips such elements, and so does
#: the wait (none of the followed texts is ever empty, see ``photo_texts``).
VIEW = """([slider, prefix, names, value, k, marked]) => {
  const hosts = [...document.querySelectorAll('[data-testid^="stBidiComponent"]')];
  const find = (selector) => hosts
    .map((host) => host.shadowRoot?.querySelector(selector) ?? host.querySelector(selector))
    .filter(Boolean);
  const follower = find('.lr-follow').find((root) => root.dataset.slider === slider);
  const live = find('.lr-root').find((root) => root.dataset.slider === slider);
  if (!follower || !live || Math.abs(Number(follower.dataset.k) - value) > 1e-6) return null;
  if (live.dataset.k !== String(k)) return null;
  const element = (name) => document.querySelector(`.st-key-${prefix}${name}`);
  const text = (name) => {
    const holder = element(name);
    const shown = holder?.querySelector('[data-testid="stMetricValue"]') ?? holder;
    return shown ? shown.textContent.replace(/\\s+/g, ' ').trim() : null;
  };
  const mark = (chart) => {
    const overlay = element(chart)?.querySelector('svg.lr-mark');
    return overlay && { index: overlay.dataset.index,
                        label: overlay.querySelector(':scope > text')?.textContent,
                        line: overlay.querySelectorAll(':scope > line').length,
                        band: overlay.querySelector('.lr-band text')?.textContent ?? '' };
  };
  const texts = Object.fromEntries(names.map((name) => [name, text(name)]));
  if (Object.values(texts).some((shown) => !shown)) return null;
  const marks = { spectrum: mark('spectrum_plot'), energy: mark('energy_plot') };
  if (marked && !(marks.spectrum && marks.energy)) return null;
  return {
    k: follower.dataset.k, mismatch: follower.dataset.mismatch, live: live.dataset.k,
    caption: live.querySelector('figcaption').textContent, texts, marks,
    alt: live.querySelector('canvas').getAttribute('aria-label'),
  };
}"""
#: The photograph's largest rank: its smaller side (600×512 pixels as the page computes it).
MAX_K = 512
NAMES = ["k", "energy", "psnr", "stored", "storage", "saving", "channels", "note"]


def shown_at_once(tab, slider: str, prefix: str, names: list[str], value: float, k: int) -> dict:
    """The first view that shows ``value`` and rank ``k`` (see VIEW)."""
    handle = tab.wait_for_function(
        VIEW, arg=[slider, prefix, names, value, k, False], polling="raf", timeout=30_000
    )
    return handle.json_value()


def shown_when_marked(tab, slider: str, prefix: str, names: list[str], value: float, k: int):
    """The first view that shows ``value`` and rank ``k`` with both charts' marks drawn: a page
    just loaded draws its charts after the follower has started, and marks them when they come."""
    handle = tab.wait_for_function(
        VIEW, arg=[slider, prefix, names, value, k, True], polling="raf", timeout=30_000
    )
    return handle.json_value()


def plain(markdown: str) -> str:
    return " ".join(markdown.replace("**", "").split())


@pytest.fixture(scope="module")
def photo_texts():
    """The photograph's followed texts at every k, in English, from the core."""
    svd = im.decompose_image(image_source.builtin_image("photo").pixels)
    t = functools.partial(i18n.t, lang="en")
    every = im.every_rank(svd)
    # with what a screen reader hears of the live picture at that k
    texts = [
        {**rank_texts(numbers, svd.shape, True, t), "alt": alt_texts.rank_k_picture(numbers, t)}
        for numbers in every
    ]
    assert all(text.strip() for view in texts for text in view.values())  # VIEW relies on it
    return svd, texts


def assert_view(view: dict, texts: dict[str, str], k: int, index: int) -> None:
    """The view shows rank k's texts (markup dropped) and marks k on both charts at ``index``."""
    assert view["mismatch"] == "", view
    assert view["live"] == str(k) and f"k = {k}" in view["caption"]
    assert view["alt"] == texts["alt"]
    for name in NAMES:
        assert view["texts"][name] == plain(texts[name]), name
    # The spectrum names its dropped part where there is room: none at the last k, little near it.
    shown = view["marks"]["spectrum"]["band"]
    spectrum_band = "dropped" if k <= MAX_K // 2 else "" if k == MAX_K else shown
    for chart, band in (("spectrum", spectrum_band), ("energy", "")):
        mark = view["marks"][chart]
        expected = {"index": str(index), "label": f"k = {k}", "line": 1, "band": band}
        assert mark == expected, (chart, mark)


def test_a_key_press_on_the_rank_slider_changes_the_view_at_once(server, page, photo_texts):
    _, texts = photo_texts
    page.goto(f"{server.url}/image?lang=en")
    wait_idle(page, timeout=90_000)
    assert_view(shown_when_marked(page, "k", "image_k_", NAMES, 20, 20), texts[19], 20, 19)
    slider = page.locator(".st-key-k input[type='range']")
    slider.focus()
    slider.press("ArrowRight")
    at_once = shown_at_once(page, "k", "image_k_", NAMES, 21, 21)
    assert_view(at_once, texts[20], 21, 20)
    page.wait_for_url("**k=21**")
    wait_idle(page)
    assert shown_when_marked(page, "k", "image_k_", NAMES, 21, 21) == at_once  # the rerun agrees
    slider.focus()
    slider.press("End")  # full rank: ∞, no saving
    at_once = shown_at_once(page, "k", "image_k_", NAMES, 512, 512)
    assert_view(at_once, texts[511], 512, 511)
    assert at_once["texts"]["psnr"] == "∞" and "📦" in at_once["texts"]["saving"]
    page.wait_for_url("**k=512**")
    wait_idle(page)
    assert shown_when_marked(page, "k", "image_k_", NAMES, 512, 512) == at_once
    assert_no_error(page)


def test_the_energy_slider_moves_the_picture_and_the_numbers_at_once(server, page, photo_texts):
    svd, texts = photo_texts
    names = [*NAMES, "auto_k"]
    page.goto(f"{server.url}/image?lang=en&pick=energy")
    wait_idle(page, timeout=90_000)
    start = im.rank_for_share(svd, 0.9)
    assert_view(shown_when_marked(page, "energy", "image_energy_", names, 90.0, start),
                texts[start - 1], start, 400)  # fmt: skip
    slider = page.locator(".st-key-energy input[type='range']")
    slider.focus()
    for _ in range(5):  # 90.0 → 90.5 %, each step shown as it comes
        slider.press("ArrowRight")
    k = im.rank_for_share(svd, 0.905)
    assert k > im.rank_for_share(svd, 0.90)  # the picture does change on the way
    at_once = shown_at_once(page, "energy", "image_energy_", names, 90.5, k)
    assert_view(at_once, texts[k - 1], k, 405)
    assert at_once["texts"]["auto_k"] == plain(i18n.t("image.auto_k", "en", k=k, target="90.5"))
    page.wait_for_url("**energy=90.5**")
    wait_idle(page)
    assert shown_when_marked(page, "energy", "image_energy_", names, 90.5, k) == at_once
    assert metric(page, i18n.t("image.metric.k", "en")) == str(k)
    assert_no_error(page)


#: The follower's k and, on each chart picture, where its mark is drawn, relative to the picture
#: (CSS px): the dashed line's x and ends, the dot's centre, the label, and the picture's size.
MARKS_ON_PICTURES = """([slider, prefix]) => {
  const hosts = [...document.querySelectorAll('[data-testid^="stBidiComponent"]')];
  const follower = hosts
    .map((host) => host.shadowRoot?.querySelector('.lr-follow') ?? host.querySelector('.lr-follow'))
    .find((root) => root && root.dataset.slider === slider);
  const mark = (chart) => {
    const holder = document.querySelector(`.st-key-${prefix}${chart}`);
    const image = holder?.querySelector('img');
    const overlay = holder?.querySelector('svg.lr-mark');
    const line = overlay?.querySelector(':scope > line');  // the k line (not the band's hatching)
    if (!image || !line) return null;
    const at = image.getBoundingClientRect();
    const l = line.getBoundingClientRect();
    const dot = overlay.querySelector('circle')?.getBoundingClientRect();
    return {
      index: Number(overlay.dataset.index),
      label: overlay.querySelector(':scope > text')?.textContent,
      width: at.width, height: at.height,
      x: (l.left + l.right) / 2 - at.left, top: l.top - at.top, bottom: l.bottom - at.top,
      dot: dot ? [(dot.left + dot.right) / 2 - at.left, (dot.top + dot.bottom) / 2 - at.top] : null,
      // the follower has placed the marks for the picture's current size (it re-places them
      // after a resize, a frame or more later on a loaded machine)
      placed: Number(overlay.getAttribute('width')) === image.clientWidth
        && Number(overlay.getAttribute('height')) === image.clientHeight,
    };
  };
  return { k: Number(follower?.dataset.k), mismatch: follower?.dataset.mismatch,
           spectrum: mark('spectrum_plot'), energy: mark('energy_plot') };
}"""


def assert_marks_where_the_boxes_put_k(shown: dict, charts, energy: list[float]) -> None:
    """Each chart's mark at the follower's k sits where the chart's plot box (from Python) puts k
    on the picture as shown (scaled from the canvas to the picture's size)."""
    k = int(shown["k"])
    assert shown["mismatch"] == ""
    for name, box in (("spectrum", charts.spectrum.box), ("energy", charts.energy.box)):
        mark = shown[name]
        assert mark["index"] == k - 1 and mark["label"] == f"k = {k}", (name, mark)
        sx, sy = mark["width"] / box.width, mark["height"] / box.height
        assert sx == pytest.approx(sy, rel=0.01)  # the picture keeps its aspect ratio
        # Within 0.75 px, as the dot below (1.1 px off once: a second read of the page, see
        # shown_at, which now returns the view it checked).
        assert mark["x"] == pytest.approx(box.x_pixel(k) * sx, abs=0.75), (name, k)
        # Vertical ends within 2 px: with a CPU hog beside the suite the line's bottom was twice
        # 1.4 px short (drawn for the picture's natural 340 px height, though the overlay had been
        # re-sized to the shown 341.7); cause not found yet, see the closing note of issue 14.
        assert mark["top"] == pytest.approx(box.top * mark["height"], abs=2)
        assert mark["bottom"] == pytest.approx(box.bottom * mark["height"], abs=2)
    dot = shown["energy"]["dot"]
    sx = shown["energy"]["width"] / charts.energy.box.width
    box = charts.energy.box
    assert dot == pytest.approx([box.x_pixel(k) * sx, box.y_pixel(energy[k - 1]) * sx], abs=0.75)


def test_marks_sit_where_the_plot_box_puts_k_on_the_chart_pictures(server, page, photo_texts):
    """Keyboard, dragging and a narrower window: the marks follow k on the SVG charts (no
    Plotly loaded on this page)."""
    svd, _ = photo_texts
    charts = image_charts(svd, functools.partial(i18n.t, lang="en"))
    energy = [100 * numbers.energy_kept for numbers in im.every_rank(svd)]
    page.goto(f"{server.url}/image?lang=en")
    wait_idle(page, timeout=90_000)

    def shown_at(k: int) -> dict:
        # The very view that passed the check: read again, it could already be a picture resized
        # (a scrollbar coming as the page grows) whose marks are still to be re-placed. Read
        # twice, fresh-clone CI runs on 2 and 3 December saw marks 0.5 % off (218.1 px for
        # 219.2: 2 px on a 400 px picture).
        return page.wait_for_function(
            f"args => {{ const s = ({MARKS_ON_PICTURES})(args); return s.k === {k} "
            f"&& s.spectrum?.index === {k - 1} && s.energy?.index === {k - 1} "
            f"&& s.spectrum.placed && s.energy.placed && s; }}",
            arg=["k", "image_k_"], polling="raf", timeout=30_000,
        ).json_value()  # fmt: skip

    assert_marks_where_the_boxes_put_k(shown_at(20), charts, energy)
    slider = page.locator(".st-key-k input[type='range']")
    slider.focus()
    for key, k in (("ArrowRight", 21), ("Home", 1), ("ArrowRight", 2), ("End", 512)):
        slider.press(key)
        assert_marks_where_the_boxes_put_k(shown_at(k), charts, energy)

    # Dragging: every frame read while the pointer is down shows the marks at its own k.
    slider.scroll_into_view_if_needed()
    thumb = slider.locator("xpath=../..").bounding_box()
    bar = page.locator(".st-key-k [data-testid='stSliderTickBar']").bounding_box()
    y = thumb["y"] + thumb["height"] / 2
    page.mouse.move(thumb["x"] + thumb["width"] / 2, y)
    page.mouse.down()
    seen = set()
    for share in (0.8, 0.5, 0.3, 0.12, 0.05):
        page.mouse.move(bar["x"] + share * bar["width"], y, steps=4)
        shown = page.wait_for_function(  # the marks have caught up with the thumb's own k
            f"args => {{ const s = ({MARKS_ON_PICTURES})(args);"
            " const k = Number(document.querySelector('.st-key-k input[type=range]').value);"
            " return s.k === k && s.spectrum?.index === k - 1 && s.energy?.index === k - 1 && s; }",
            arg=["k", "image_k_"], polling="raf", timeout=30_000,
        ).json_value()  # fmt: skip
        assert_marks_where_the_boxes_put_k(shown, charts, energy)
        seen.add(shown["k"])
    page.mouse.up()
    assert len(seen) >= 3, seen

    # A narrower window: the pictures shrink, the marks are placed again.
    wide = page.evaluate(MARKS_ON_PICTURES, ["k", "image_k_"])
    page.set_viewport_size({"width": 900, "height": 900})
    page.wait_for_function(
        f"args => ({MARKS_ON_PICTURES})(args).energy?.width < {wide['energy']['width'] - 20}",
        arg=["k", "image_k_"], timeout=30_000,
    )  # fmt: skip
    wait_idle(page)
    page.wait_for_function(  # the layout has settled: the picture is as wide as a frame ago
        f"args => {{ const w = ({MARKS_ON_PICTURES})(args).energy?.width;"
        " const same = w !== undefined && w === window.lrLastWidth; window.lrLastWidth = w;"
        " return same; }",
        arg=["k", "image_k_"], polling="raf", timeout=30_000,
    )  # fmt: skip
    assert_marks_where_the_boxes_put_k(shown_at(wide["k"]), charts, energy)

    resources = page.evaluate("() => performance.getEntriesByType('resource').map((e) => e.name)")
    assert not [name for name in resources if "PlotlyChart" in name]
    assert_no_error(page)
