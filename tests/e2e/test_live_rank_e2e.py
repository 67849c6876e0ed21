"""The live rank view in Chromium: dragging redraws in the browser, release reaches Python."""

from __future__ import annotations

import functools
import re

import numpy as np
import pytest
from e2e_support import assert_no_error, wait_idle, wait_metric
from playwright.sync_api import expect

from lowrank import examples, i18n, image_source
from lowrank import formatting as fmt
from lowrank import image as im
from lowrank.analysis import rank_k
from lowrank.svd import decompose
from lowrank.views import alt_texts

# A cheap fingerprint of the live view's canvas: changes when the picture does.
SIGNATURE = """canvas => {
  const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let h = 0;
  for (let i = 0; i < d.length; i += 31) h = (h * 33 + d[i]) >>> 0;
  return h;
}"""


def live_k(live) -> int:
    return int(live.get_attribute("data-k") or -1)


#: The live views' roots (other components, like the sidebar's reconnect watcher, have none).
ALL_LIVE_ROOTS = (
    "[...document.querySelectorAll('[data-testid=\"stBidiComponentIsolated\"]')]"
    ".map(host => host.shadowRoot?.querySelector('.lr-root')).filter(Boolean)"
)
#: The first live view's root.
LIVE_ROOT = f"{ALL_LIVE_ROOTS}[0]"


def not_heard(tab, param: str) -> None:
    """Python has not been sent the slider's value yet: the URL it binds to has not changed.

    (The numbers cannot tell: the pages' blocks change them at once, before the release.)
    """
    assert f"{param}=" not in tab.url, f"Python heard the slider before it was released: {tab.url}"


def wait_live_k(tab, wanted: int, views: int = 0) -> None:
    """Wait until the first live view shows rank ``wanted``; with ``views``, until exactly that
    many live views are rendered and every one shows it."""
    if not views:
        tab.wait_for_function(f"k => {LIVE_ROOT}?.dataset.k === String(k)", arg=wanted,
                              timeout=30_000)  # fmt: skip
        return
    tab.wait_for_function(
        f"([k, n]) => {ALL_LIVE_ROOTS}.length === n"
        f" && {ALL_LIVE_ROOTS}.every(root => root.dataset.k === String(k))",
        arg=[wanted, views], timeout=30_000,
    )  # fmt: skip


def test_dragging_redraws_the_photo_live_and_release_updates_the_numbers(server, page):
    rank = i18n.t("image.metric.k", "en")
    page.goto(f"{server.url}/image?lang=en")
    wait_idle(page, timeout=90_000)
    live = page.locator("[data-testid='liveRank']")
    wait_live_k(page, 20)
    canvas = live.locator("canvas")
    before = canvas.evaluate(SIGNATURE)
    frames = int(live.get_attribute("data-frames"))
    assert "20" in live.locator("figcaption").inner_text()

    thumb = page.locator(".st-key-k input[type='range']").locator("xpath=../..").bounding_box()
    x, y = thumb["x"] + thumb["width"] / 2, thumb["y"] + thumb["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    seen = set()
    for step in range(1, 31):
        page.mouse.move(x + 6 * step, y)
        seen.add(live_k(live))
    page.wait_for_function(  # the view catches up with the thumb while the button is still down
        "() => { const input = document.querySelector('.st-key-k input[type=\"range\"]');"
        f" const root = {LIVE_ROOT}; return root.dataset.k === input.value; }}",
        timeout=30_000,
    )
    dragged = live_k(live)
    assert dragged > 25, "the live view did not follow the drag"
    assert len(seen) > 3, f"too few intermediate ranks drawn: {sorted(seen)}"
    assert int(live.get_attribute("data-frames")) > frames + 3
    assert canvas.evaluate(SIGNATURE) != before
    assert f"k = {dragged}" in live.locator(".lr-badge").inner_text()
    wait_metric(page, rank, str(dragged))  # the block shows k at once, too
    not_heard(page, "k")
    expect(page.get_by_text(i18n.t("image.download_png", "en", k=20))).to_have_count(1)  # no rerun

    page.mouse.up()
    wait_metric(page, rank, str(dragged))
    page.wait_for_url(f"**k={dragged}**")
    assert live_k(live) == dragged
    assert_no_error(page)

    slider = page.get_by_role("slider")
    slider.focus()
    slider.press("ArrowLeft")
    wait_live_k(page, dragged - 1)
    wait_metric(page, rank, str(dragged - 1))
    assert_no_error(page)


def test_in_auto_mode_the_photo_follows_the_energy_slider_while_it_is_dragged(server, page):
    """The live view reads the rank each energy target picks from its table of positions."""
    svd = im.decompose_image(image_source.builtin_image("photo").pixels)
    rank = i18n.t("image.metric.k", "en")
    page.goto(f"{server.url}/image?lang=en&pick=energy")
    wait_idle(page, timeout=90_000)
    start = im.rank_for_share(svd, 0.90)
    wait_live_k(page, start)
    live = page.locator("[data-testid='liveRank']")
    before = live.locator("canvas").evaluate(SIGNATURE)
    slider = page.locator(".st-key-energy input[type='range']")
    thumb = slider.locator("xpath=../..").bounding_box()
    bar = page.locator(".st-key-energy [data-testid='stSliderTickBar']").bounding_box()
    x, y = thumb["x"] + thumb["width"] / 2, thumb["y"] + thumb["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(bar["x"] + bar["width"] * 0.97, y, steps=12)  # near 98.5 %
    value = round(float(slider.evaluate("input => input.value")), 1)
    k = im.rank_for_share(svd, value / 100)
    assert value > 95 and k > start
    wait_live_k(page, k)
    assert live.locator("canvas").evaluate(SIGNATURE) != before
    assert f"k = {k}" in live.locator("figcaption").inner_text()
    wait_metric(page, rank, str(k))  # the block shows k at once, too
    not_heard(page, "energy")
    expect(page.get_by_text(i18n.t("image.download_png", "en", k=start))).to_have_count(1)
    page.mouse.up()
    wait_metric(page, rank, str(k))
    assert live_k(live) == k
    assert_no_error(page)


def test_at_full_rank_the_live_view_gives_the_picture_back(server, page):
    """The browser's own reconstruction (decoded int16 layers, rank-1 sums) against the original
    PNG the page shows: at full rank they agree within one grey level."""
    page.goto(f"{server.url}/image?lang=zh&mode=grey&img=circles&k=384")
    wait_idle(page, timeout=90_000)
    wait_live_k(page, 384)
    original = page.locator("[data-testid='stImage'] img").first
    original.evaluate("img => img.decode()")
    worst = page.locator("[data-testid='liveRank'] canvas").evaluate(
        """(canvas, img) => {
             const copy = document.createElement('canvas');
             copy.width = img.naturalWidth; copy.height = img.naturalHeight;
             copy.getContext('2d').drawImage(img, 0, 0);
             const a = copy.getContext('2d').getImageData(0, 0, copy.width, copy.height).data;
             const b = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
             if (a.length !== b.length) return 999;
             let worst = 0;
             for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
             return worst;
           }""",
        original.element_handle(),
    )
    assert worst <= 1, f"full-rank picture off by {worst} grey levels"
    assert_no_error(page)


def assert_hover_reads_the_value(page, canvas, s, row: int, column: int) -> None:
    """Hovering cell (row, column) of the second layer's heatmap names it and its value, as the
    Plotly heatmaps do: σ₂u₂v₂ᵀ from numpy, to 4 significant digits."""
    u, sigma, vt = np.linalg.svd(s)
    wanted = sigma[1] * u[row - 1, 1] * vt[1, column - 1]
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    margin, cell = canvas.evaluate("c => [c.cells.margin, c.cells.cell]")
    x, y = margin + (column - 0.5) * cell, margin + (row - 0.5) * cell
    page.mouse.move(box["x"] + x, box["y"] + y)
    expect(canvas).to_have_attribute("title", re.compile(rf"^\({row}, {column}\) = "))
    value = float(canvas.get_attribute("title").split(" = ")[1])
    assert value == pytest.approx(wanted, rel=1e-3)


def test_reconstruct_heatmaps_of_s_k_and_the_error_follow_the_drag(server, page):
    energy = "Energy kept"
    page.goto(f"{server.url}/reconstruct?lang=en&example=note")
    wait_idle(page)
    views = page.locator("[data-testid='liveRank']")
    expect(views).to_have_count(2)  # S_k and S − S_k, both rendered: not only the first
    wait_live_k(page, 1, views=2)
    assert "S₁" in views.nth(0).inner_text() and "S₁" in views.nth(1).inner_text()
    before = [views.nth(i).locator("canvas").evaluate(SIGNATURE) for i in range(2)]
    shown_energy = page.locator(".lb-metric").filter(has_text=energy).locator(".lb-metric-value")
    energy_at_1 = shown_energy.inner_text().strip()

    thumb = page.locator(".st-key-k input[type='range']").locator("xpath=../..").bounding_box()
    bar = page.locator(".st-key-k [data-testid='stSliderTickBar']").bounding_box()
    x, y = thumb["x"] + thumb["width"] / 2, thumb["y"] + thumb["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(bar["x"] + bar["width"] * 0.7, y, steps=12)  # k = 3 of 4
    wait_live_k(page, 3, views=2)
    assert "S₃" in views.nth(0).inner_text() and "S₃" in views.nth(1).inner_text()
    # What a screen reader hears follows too: the numbers of k = 3, as the core words them
    note = examples.example("note")
    at_3, t = rank_k(note, decompose(note), 3), functools.partial(i18n.t, lang="en")
    labels = [views.nth(i).locator("canvas").get_attribute("aria-label") for i in range(2)]
    assert labels == [alt_texts.approximation_heatmap(at_3, t), alt_texts.residual_heatmap(at_3, t)]
    assert [views.nth(i).locator("canvas").evaluate(SIGNATURE) for i in range(2)] != before
    layers = page.locator("[data-testid='liveLayers'] canvas")  # the layers σᵢuᵢvᵢᵀ follow too
    expect(layers).to_have_count(3)
    sigma = decompose(note).s
    titles = [i18n.t("rec.layer.title", "en", i=i, sub=fmt.subscript(i),
                     sigma=fmt.number(sigma[i - 1])) for i in (1, 2, 3)]  # fmt: skip
    assert [layers.nth(i).get_attribute("aria-label") for i in range(3)] == titles
    u, _, vt = np.linalg.svd(note)
    for i in range(3):  # what each layer prints: numpy's σᵢuᵢvᵢᵀ, to the factors' float32
        drawn = np.array(layers.nth(i).evaluate("c => Array.from(c.cells.values)"))
        wanted = sigma[i] * np.outer(u[:, i], vt[i])
        np.testing.assert_allclose(drawn.reshape(note.shape), wanted, atol=1e-5 * sigma[0])
    not_heard(page, "k")
    page.mouse.up()
    page.wait_for_url("**k=3**")
    wait_idle(page)
    assert_hover_reads_the_value(page, layers.nth(1), note, row=3, column=5)
    assert energy_at_1 == fmt.percent(rank_k(note, decompose(note), 1).energy_kept)
    expect(shown_energy).to_have_text(fmt.percent(at_3.energy_kept))  # and after the rerun
    assert_no_error(page)
