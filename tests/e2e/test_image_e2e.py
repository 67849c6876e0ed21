"""/image in a real browser: the rank slider by keyboard, an upload, a bad upload, a deep link."""

from __future__ import annotations

import io

from e2e_support import assert_no_error, metric, wait_idle, wait_metric
from PIL import Image

from lowrank import i18n


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
