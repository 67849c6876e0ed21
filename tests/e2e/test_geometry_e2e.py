"""/geometry in Chromium: drag S's first column with the mouse, the browser's numbers follow and
match numpy; on release the server's do too; the step buttons, the scrubber, the PNG; a phone."""

from __future__ import annotations

import json
import re
import struct
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import numpy as np
from e2e_support import assert_no_error, metric, wait_idle, wait_metric
from playwright.sync_api import expect

from lowrank import formatting as fmt
from lowrank import i18n

ROOT = "[data-testid='geometryView']"


def readout(view) -> dict[str, str]:
    """The view's own numbers (dt → dd), as the browser wrote them."""
    names = view.locator(".geo-numbers dt").all_inner_texts()
    values = view.locator(".geo-numbers dd").all_inner_texts()
    return dict(zip(names, values, strict=True))


def numbers_in(text: str) -> list[float]:
    return [
        float(x.replace("−", "-")) for x in re.findall(r"[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?", text)
    ]


def url_matrix(url: str) -> np.ndarray | None:
    values = parse_qs(urlparse(url).query).get("m")
    return np.array([float(x) for x in values[0].split(",")]).reshape(2, 2) if values else None


def open_geometry(tab, server, lang: str = "en", m: str = "1,1,0,1"):
    tab.goto(f"{server.url}/geometry?lang={lang}&m={m}")
    wait_idle(tab, timeout=90_000)
    view = tab.locator(ROOT)
    expect(view).to_have_attribute("data-frames", re.compile(r"[1-9]"))
    return view


def test_dragging_a_column_follows_in_the_browser_and_release_reaches_python(server, page):
    view = open_geometry(page, server)
    canvas = view.locator("canvas")
    box = canvas.bounding_box()
    (x1, y1), _ = json.loads(view.get_attribute("data-handles"))
    start = (box["x"] + x1, box["y"] + y1)
    page.mouse.move(*start)
    page.mouse.down()
    sigmas = set()
    for step in range(1, 41):  # drag Se₁ up and to the right
        page.mouse.move(start[0] + 2.5 * step, start[1] - 1.5 * step)
        sigmas.add(readout(view)["σ₁"])
    expect(view).to_have_attribute("data-dragging", "true")
    assert len(sigmas) > 5, sigmas  # the browser's σ₁ followed the pointer
    # frames/s while the pointer moves without pause (measured, printed, not asserted)
    here = (start[0] + 100, start[1] - 60)
    frames, began = int(view.get_attribute("data-frames")), time.perf_counter()
    for step in range(1, 121):
        page.mouse.move(here[0] + 0.5 * (step % 20), here[1])
    page.evaluate("() => new Promise((done) => requestAnimationFrame(done))")
    rate = (int(view.get_attribute("data-frames")) - frames) / (time.perf_counter() - began)
    page.mouse.move(*here)
    assert url_matrix(page.url).tolist() == [[1, 1], [0, 1]]  # Python has not heard yet
    shown = readout(view)
    matrix = np.array(numbers_in(shown["S"])).reshape(2, 2)
    assert matrix[0, 0] > 1.2 and matrix[1, 0] > 0.3 and matrix[:, 1].tolist() == [1, 1]
    sigma = np.linalg.svd(matrix, compute_uv=False)
    assert abs(float(shown["σ₁"]) - sigma[0]) <= 1e-3 * sigma[0]
    assert abs(float(shown["σ₂"]) - sigma[1]) <= 1e-3 * sigma[0]
    assert abs(float(shown["det S"].replace("−", "-")) - np.linalg.det(matrix)) <= 1e-3
    page.mouse.up()

    # on release the matrix (to two decimals) reaches Python: the URL and the server's numbers
    page.wait_for_function("() => new URL(location.href).searchParams.get('m') !== '1,1,0,1'")
    wait_idle(page)
    released = url_matrix(page.url)
    np.testing.assert_allclose(released, matrix, atol=0.006)
    s = np.linalg.svd(released, compute_uv=False)
    wait_metric(page, i18n.t("geo.m.sigma1", "en"), fmt.number(s[0]))
    assert metric(page, i18n.t("geo.m.sigma2", "en")) == fmt.number(s[1], scale=s[0])
    det = np.linalg.det(released)
    assert metric(page, "det S") == fmt.number(det, scale=s[0] ** 2)
    assert metric(page, i18n.t("geo.m.energy", "en")) == fmt.number(np.sum(released**2))
    assert readout(view)["σ₁"] == fmt.number(s[0])  # the browser agrees with the server
    fps, frame_ms = view.get_attribute("data-drag-fps"), view.get_attribute("data-frame-ms")
    print(
        f"\ndrag: {rate:.1f} frames/s redrawn while the mouse moved without pause; "
        f"{fps} frames/s over the whole drag (with reads); {frame_ms} ms to draw one frame"
    )
    assert_no_error(page)


def test_step_buttons_scrubber_and_png(server, page):
    view = open_geometry(page, server, m="1,1,1.5,-0.5")  # det S < 0: U is a reflection
    step = view.locator(".geo-step")
    expect(step).to_contain_text("Done")
    view.get_by_role("button", name=re.compile("Step back")).click()
    expect(step).to_contain_text("U is a reflection")
    view.get_by_role("button", name=re.compile("Step back")).click()
    expect(step).to_contain_text("Step 2 of 3 · Σ")
    s = np.linalg.svd(np.array([[1, 1], [1.5, -0.5]]), compute_uv=False)
    assert fmt.number(s[0]) in step.inner_text() and fmt.number(s[1]) in step.inner_text()
    view.get_by_role("button", name=re.compile("Step back")).click()
    expect(step).to_contain_text("Step 1 of 3 · Vᵀ")
    scrubber = view.locator("input[type='range']")
    expect(scrubber).to_have_value("0")
    view.get_by_role("button", name=re.compile("Step ⏭")).click()
    expect(scrubber).to_have_value("1")
    # the keyboard: the scrubber takes arrows, the play button Enter
    scrubber.focus()
    page.keyboard.press("ArrowRight")
    expect(scrubber).to_have_value("1.01")
    play = view.get_by_role("button", name=re.compile("Play"))
    play.focus()
    page.keyboard.press("Enter")
    expect(view.locator(".geo-play")).to_have_attribute("aria-pressed", "true")
    expect(step).to_contain_text("Done", timeout=30_000)  # played to the end, then stops
    expect(view.locator(".geo-play")).to_have_attribute("aria-pressed", "false")
    with page.expect_download() as caught:
        view.get_by_role("button", name=re.compile("PNG")).click()
    data = Path(caught.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    canvas = view.locator("canvas").evaluate("c => [c.width, c.height]")
    assert [width, height] == canvas and width >= 200
    # the rank-1 toggle: the server tells the view, which draws S₁ (the ellipse as a segment)
    page.get_by_text(i18n.t("geo.rank1.toggle", "en")).click()
    expect(step).to_contain_text("σ₂ dropped")
    assert fmt.number(s[0]) in step.inner_text()
    assert_no_error(page)


def test_on_a_phone_the_view_fits_and_a_drag_works(server, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", has_touch=True
    )
    tab = context.new_page()
    try:
        view = open_geometry(tab, server, lang="zh", m="2,1,1,2")
        box = view.locator("canvas").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        expect(view.get_by_role("button", name=re.compile("播放"))).to_be_visible()
        view.locator("canvas").scroll_into_view_if_needed()
        box = view.locator("canvas").bounding_box()
        (_, _), (x2, y2) = json.loads(view.get_attribute("data-handles"))
        tab.mouse.move(box["x"] + x2, box["y"] + y2)
        tab.mouse.down()
        for step in range(1, 11):
            tab.mouse.move(box["x"] + x2 - 3 * step, box["y"] + y2)
        tab.mouse.up()
        tab.wait_for_function("() => new URL(location.href).searchParams.get('m') !== '2,1,1,2'")
        wait_idle(tab)
        released = url_matrix(tab.url)
        assert released[0, 1] < 1 and released[:, 0].tolist() == [2, 1]
        s = np.linalg.svd(released, compute_uv=False)
        wait_metric(tab, i18n.t("geo.m.sigma1", "zh"), fmt.number(s[0]))
        assert_no_error(tab)
    finally:
        context.close()
