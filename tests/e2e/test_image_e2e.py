"""/image in a real browser: the rank slider by keyboard, an upload, a bad upload, a deep link,
and both sliders' view (numbers, sentences, chart marks, live picture) changed at once."""

from __future__ import annotations

import functools
import io

import pytest
from e2e_support import assert_no_error, metric, wait_idle, wait_metric
from PIL import Image

from lowrank import i18n
from lowrank import image as im
from lowrank.image_figures import rank_texts


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
    assert page.get_by_text("300×90", exact=False).count() > 0  # the last valid upload stays
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
    assert page.get_by_text("512×384", exact=False).count() > 0


#: What the page shows that follows a slider, read in one go: the follower of ``slider`` (its
#: data-k and data-mismatch), the live picture's rank, every followed element's text (metric
#: values alone) and the marks drawn on both charts. Null until the follower shows ``value`` and
#: the live picture rank ``k`` (so a wait on it returns the first frame that shows both).
VIEW = """([slider, prefix, names, value, k]) => {
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
    return overlay && { index: overlay.dataset.index, label: overlay.textContent,
                        line: overlay.querySelectorAll('line').length };
  };
  return {
    k: follower.dataset.k, mismatch: follower.dataset.mismatch, live: live.dataset.k,
    caption: live.querySelector('figcaption').textContent,
    texts: Object.fromEntries(names.map((name) => [name, text(name)])),
    marks: { spectrum: mark('spectrum_plot'), energy: mark('energy_plot') },
  };
}"""
NAMES = ["k", "energy", "psnr", "stored", "storage", "saving", "channels", "note"]


def shown_at_once(tab, slider: str, prefix: str, names: list[str], value: float, k: int) -> dict:
    """The first view that shows ``value`` and rank ``k`` (see VIEW)."""
    handle = tab.wait_for_function(
        VIEW, arg=[slider, prefix, names, value, k], polling="raf", timeout=30_000
    )
    return handle.json_value()


def plain(markdown: str) -> str:
    return " ".join(markdown.replace("**", "").split())


@pytest.fixture(scope="module")
def photo_texts():
    """The photograph's followed texts at every k, in English, from the core."""
    svd = im.decompose_image(im.builtin_image("photo").pixels)
    t = functools.partial(i18n.t, lang="en")
    every = im.every_rank(svd)
    return svd, [rank_texts(numbers, svd.shape, True, t) for numbers in every]


def assert_view(view: dict, texts: dict[str, str], k: int, index: int) -> None:
    """The view shows rank k's texts (markup dropped) and marks k on both charts at ``index``."""
    assert view["mismatch"] == "", view
    assert view["live"] == str(k) and f"k = {k}" in view["caption"]
    for name in NAMES:
        assert view["texts"][name] == plain(texts[name]), name
    for chart in ("spectrum", "energy"):
        mark = view["marks"][chart]
        assert mark == {"index": str(index), "label": f"k = {k}", "line": 1}, (chart, mark)


def test_a_key_press_on_the_rank_slider_changes_the_view_at_once(server, page, photo_texts):
    _, texts = photo_texts
    page.goto(f"{server.url}/image?lang=en")
    wait_idle(page, timeout=90_000)
    shown_at_once(page, "k", "image_k_", NAMES, 20, 20)
    slider = page.locator(".st-key-k input[type='range']")
    slider.focus()
    slider.press("ArrowRight")
    at_once = shown_at_once(page, "k", "image_k_", NAMES, 21, 21)
    assert_view(at_once, texts[20], 21, 20)
    page.wait_for_url("**k=21**")
    wait_idle(page)
    assert shown_at_once(page, "k", "image_k_", NAMES, 21, 21) == at_once  # the rerun agrees
    slider.focus()
    slider.press("End")  # full rank: ∞, no saving
    at_once = shown_at_once(page, "k", "image_k_", NAMES, 512, 512)
    assert_view(at_once, texts[511], 512, 511)
    assert at_once["texts"]["psnr"] == "∞" and "📦" in at_once["texts"]["saving"]
    page.wait_for_url("**k=512**")
    wait_idle(page)
    assert shown_at_once(page, "k", "image_k_", NAMES, 512, 512) == at_once
    assert_no_error(page)


def test_the_energy_slider_moves_the_picture_and_the_numbers_at_once(server, page, photo_texts):
    svd, texts = photo_texts
    names = [*NAMES, "auto_k"]
    page.goto(f"{server.url}/image?lang=en&pick=energy")
    wait_idle(page, timeout=90_000)
    shown_at_once(page, "energy", "image_energy_", names, 90.0, im.rank_for_share(svd, 0.9))
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
    assert shown_at_once(page, "energy", "image_energy_", names, 90.5, k) == at_once
    assert metric(page, i18n.t("image.metric.k", "en")) == str(k)
    assert_no_error(page)
