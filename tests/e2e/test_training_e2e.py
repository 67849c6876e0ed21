"""/training in a real browser: press Train, watch the progress, see the curves and W unchanged;
move r and see the sizes, the scale and the trained numbers change before the server answers."""

from __future__ import annotations

from itertools import pairwise

from e2e_support import HeldAnswers, assert_no_error, wait_idle
from playwright.sync_api import expect

from lowrank import i18n
from lowrank.finetune import LAYER_SIZES


def press_train(tab, lang: str) -> None:
    """Click Train and wait for the run's success message (its time is bench/'s business)."""
    tab.get_by_role("button", name=i18n.t("training.train", lang)).click()
    tab.locator("[data-testid='stAlertContentSuccess']").first.wait_for(timeout=90_000)
    wait_idle(tab, timeout=90_000)


def test_press_train_and_see_the_curve(server, page):
    answers = HeldAnswers(page)  # never held: it records what the server sends
    page.goto(f"{server.url}/training?lang=en")
    wait_idle(page, timeout=90_000)
    assert_no_error(page)
    assert i18n.t("training.press", "en") in page.locator("body").inner_text()

    press_train(page, "en")
    assert_no_error(page)
    # The progress is sent while the run goes on, step by step, before the run's result. (Which
    # of those the browser paints depends on its load: a loaded one renders only the last.)
    sent = answers.received
    progress = [i for i, message in enumerate(sent) if b"Step " in message and b"loss" in message]
    done = next(i for i, message in enumerate(sent) if b"Trained 300 steps" in message)
    assert len(progress) >= 10 and progress[0] < done, (len(progress), done)

    body = page.locator("body").inner_text()
    assert "Trained 300 steps" in body
    assert i18n.t("training.checksum.same", "en") in body
    curves = page.locator(".js-plotly-plot").filter(has_text="Test accuracy (digits 5–9)")
    expect(curves).to_have_count(1)
    # the accuracy curve has one point per snapshot: step 0, then every 15 steps up to 300
    points = curves.locator(".scatterlayer .trace").last.locator("path.point")
    expect(points).to_have_count(21)
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


def shapes_caption(r: int, alpha: int) -> str:
    """The caption under the diagram at rank r (layer 1: W is 128×64), as the page shows it."""
    return f"r = {r}: B is {r}×64, A is 128×{r}; α/r = {alpha}/{r} = {alpha / r:.3g}."


def trained_numbers(r: int) -> str:
    """r(d + k) over the three layers, and its share of their weights and biases (d·k + d), as
    the budget line shows them."""
    lora = r * sum(n_in + n_out for n_in, n_out in pairwise(LAYER_SIZES))
    full = sum(n_in * n_out + n_out for n_in, n_out in pairwise(LAYER_SIZES))  # W and b
    return f"Numbers trained: {lora:,} (A and B)", f"LoRA trains {lora / full:.1%} of that"


def assert_rank_texts(tab, r: int, alpha: int) -> None:
    """The caption and the budget line show rank ``r`` and scale ``alpha`` (waiting for them:
    after a move the page may not have rerun yet)."""
    expect(tab.locator("[data-block='tr_shapes'] .lb-sentence")).to_have_text(
        shapes_caption(r, alpha)
    )
    budget = tab.locator("[data-block='tr_budget'] .lb-sentence")
    for part in trained_numbers(r):
        expect(budget).to_contain_text(part)


def press_slider(tab, key: str, arrow: str = "ArrowRight") -> None:
    slider = tab.locator(f".st-key-{key} input[type='range']")
    slider.focus()
    slider.press(arrow)


def assert_at_position(tab, position: int) -> None:
    """Both blocks that follow r show the select slider's ``position`` (its option's index)."""
    for key in ("tr_shapes", "tr_budget"):
        expect(tab.locator(f"[data-testid='lowrankBlock'][data-block='{key}']")).to_have_attribute(
            "data-position", str(position)
        )


def test_rank_texts_follow_r_before_the_server_answers(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    answers = HeldAnswers(tab)
    tab.goto(f"{server.url}/training?lang=en&alpha=16")
    wait_idle(tab, timeout=90_000)
    assert_no_error(tab)
    # a select_slider's range input holds the index of its option: r = 4 is position 2
    assert_at_position(tab, 2)
    assert_rank_texts(tab, 4, 16)
    diagram = tab.locator(".js-plotly-plot").filter(has_text="two paths, added")
    # the lines of "B / r×64" and "A / 128×r" (Plotly draws after the run: wait for them)
    expect(diagram.locator(".annotation-text", has_text="Br×64")).to_have_count(1, timeout=30_000)
    expect(diagram.locator(".annotation-text", has_text="A128×r")).to_have_count(1)
    boxes = diagram.locator(".annotation-text").all_text_contents()

    answers.hold()
    sent = answers.sent
    press_slider(tab, "r")  # r: 4 → 8
    assert_at_position(tab, 3)
    assert_rank_texts(tab, 8, 16)
    answers.wait_sent(tab, sent)  # the move did go to the server, whose answers are held

    answers.release()
    wait_idle(tab, timeout=90_000)
    assert_no_error(tab)
    assert "r=8" in tab.url
    assert_at_position(tab, 3)
    assert_rank_texts(tab, 8, 16)
    assert diagram.locator(".annotation-text").all_text_contents() == boxes  # r is a letter there

    # α is a full rerun: the blocks get the new scale at every r, and r still follows at once
    press_slider(tab, "alpha")  # α: 16 → 32
    tab.wait_for_url(lambda url: "alpha=32" in url, timeout=30_000)
    wait_idle(tab, timeout=90_000)
    assert_rank_texts(tab, 8, 32)
    answers.hold()
    press_slider(tab, "r", "ArrowLeft")  # r: 8 → 4
    assert_at_position(tab, 2)
    assert_rank_texts(tab, 4, 32)
    answers.release()
    wait_idle(tab, timeout=90_000)
    assert_no_error(tab)
    assert_at_position(tab, 2)
    assert_rank_texts(tab, 4, 32)
    context.close()
