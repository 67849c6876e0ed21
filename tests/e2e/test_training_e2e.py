"""/training in a real browser: press Train, watch the progress, see the curves and W unchanged."""

from __future__ import annotations

import time

from e2e_support import assert_no_error, wait_idle

from lowrank import i18n

# Records every progress text the page shows while a run goes on (the run is short: a listener
# that is installed before the click cannot miss it, unlike polling for a selector).
WATCH_PROGRESS = """() => {
    window.progressSeen = [];
    new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="stProgress"]');
        const text = bar ? bar.innerText.trim() : '';
        if (text && window.progressSeen.at(-1) !== text) window.progressSeen.push(text);
    }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def press_train(tab, lang: str) -> float:
    """Click Train, wait for the run's success message; return the seconds it took."""
    tab.evaluate(WATCH_PROGRESS)
    started = time.perf_counter()
    tab.get_by_role("button", name=i18n.t("training.train", lang)).click()
    tab.locator("[data-testid='stAlertContentSuccess']").first.wait_for(timeout=60_000)
    seconds = time.perf_counter() - started
    wait_idle(tab, timeout=90_000)
    return seconds


def test_press_train_and_see_the_curve(server, page):
    page.goto(f"{server.url}/training?lang=en")
    wait_idle(page, timeout=90_000)
    assert_no_error(page)
    assert i18n.t("training.press", "en") in page.locator("body").inner_text()

    seconds = press_train(page, "en")
    print(f"default run in the browser: {seconds:.1f} s")
    assert seconds < 30, f"a default run took {seconds:.1f} s"  # issue 6 asks < 10 s on a quiet box
    assert_no_error(page)
    seen = page.evaluate("window.progressSeen")
    assert any(text.startswith("Step ") for text in seen), seen

    body = page.locator("body").inner_text()
    assert "Trained 300 steps" in body
    assert i18n.t("training.checksum.same", "en") in body
    curves = page.locator(".js-plotly-plot").filter(has_text="Test accuracy (digits 5–9)")
    assert curves.count() == 1
    # the accuracy curve has one point per snapshot: step 0, then every 15 steps up to 300
    points = curves.locator(".scatterlayer .trace").last.locator("path.point")
    assert points.count() == 21
    assert "Step 300" in body


def test_chinese_deep_link_trains_with_its_settings(server, page):
    page.goto(f"{server.url}/training?lang=zh&r=2&steps=100&show=3")
    wait_idle(page, timeout=90_000)
    assert_no_error(page)
    press_train(page, "zh")
    body = page.locator("body").inner_text()
    assert i18n.t("training.done", "zh", steps=100, seconds="", total="")[:6] in body
    assert "第 100 步 · 第 3 层" in body
    assert "r=2" in page.url and "steps=100" in page.url
