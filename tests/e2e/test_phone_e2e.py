"""A phone (390×844, touch): a finger dragging the rank slider redraws the photograph as it
moves; a desktop window still starts with the sidebar open (the page frame asks for ``"auto"``).
How every page fits a phone is checked on test_every_screen_e2e.py's phone visit.
"""

from __future__ import annotations

import pytest
from e2e_support import assert_no_error, wait_idle
from phone_support import open_on_phone, wait_sidebar

pytestmark = pytest.mark.e2e


def test_a_desktop_window_starts_with_the_sidebar_open(server, page) -> None:
    page.goto(f"{server.url}/svd?lang=en")
    page.wait_for_selector("h1", timeout=120_000)
    wait_idle(page, timeout=120_000)
    wait_sidebar(page, on_screen=True)


#: The rank the photograph's live view shows (its root sits in the component's shadow root).
_LIVE_K = """() => [...document.querySelectorAll('[data-testid="stBidiComponentIsolated"]')]
  .map((host) => host.shadowRoot?.querySelector('.lr-root')).find(Boolean)?.dataset.k ?? null"""


def test_a_finger_drag_on_the_rank_slider_redraws_the_photo_as_it_moves(server, browser) -> None:
    context, tab = open_on_phone(browser, f"{server.url}/image?lang=en", "en-US")
    try:
        tab.wait_for_function(f"() => ({_LIVE_K})() === '20'", timeout=60_000)
        slider = tab.locator(".st-key-k input[type='range']")
        slider.scroll_into_view_if_needed()
        thumb = slider.locator("xpath=../..").bounding_box()  # the input itself is hidden
        bar = tab.locator(".st-key-k [data-testid='stSliderTickBar']").bounding_box()
        assert thumb is not None and bar is not None
        start, y = thumb["x"] + thumb["width"] / 2, thumb["y"] + thumb["height"] / 2
        touch = context.new_cdp_session(tab)

        def finger(kind: str, x: float) -> None:
            points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
            touch.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

        finger("touchStart", start)
        for step in range(1, 21):
            finger("touchMove", start + step * bar["width"] * 0.3 / 20)
        # While the finger is still down, the live view has followed it far past 20
        tab.wait_for_function(f"() => Number(({_LIVE_K})()) > 100", timeout=30_000)
        assert "k=" not in tab.url  # Python has not been asked yet
        finger("touchEnd", 0)
        tab.wait_for_url("**k=*", timeout=60_000)
        wait_idle(tab, timeout=120_000)
        assert_no_error(tab)
        assert tab.evaluate(_LIVE_K) == slider.input_value()
    finally:
        context.close()
