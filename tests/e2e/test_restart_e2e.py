"""A server restart during a class: open tabs reconnect by themselves; their URL restores the view.

The server's sessions die with it, so whatever a tab shows after the restart comes from its URL
alone. The check that proves it: after the restart, one more keyboard step on a slider must
continue from the URL's value (r=3 → 4), not from the default (2 → 3).
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from e2e_support import assert_no_error, free_port, start_server, wait_idle, wait_metric

from lowrank import formatting as fmt
from lowrank import i18n
from lowrank.examples import DEFAULT_EXAMPLE, example

pytestmark = pytest.mark.e2e
TIMEOUT = 90_000
STATE = "[data-testid='stApp']"


def connection(tab) -> str:
    return tab.locator(STATE).get_attribute("data-test-connection-state") or ""


def energy(k: int) -> str:
    sigma = np.linalg.svd(example(DEFAULT_EXAMPLE), compute_uv=False)
    return fmt.percent(np.sum(sigma[:k] ** 2) / np.sum(sigma**2))


def step(tab, slider: int) -> None:
    """One keyboard step to the right on a slider."""
    thumb = tab.get_by_role("slider").nth(slider)
    thumb.focus()
    thumb.press("ArrowRight")


def test_tabs_reconnect_after_a_restart_and_the_url_restores_the_view(page):
    port = free_port()
    server = start_server(port=port)
    try:
        english, chinese = page, page.context.new_page()
        english.goto(f"{server.url}/reconstruct?lang=en&k=2")
        chinese.goto(f"{server.url}/parameters?lang=zh&r=3")
        for tab in (english, chinese):
            wait_idle(tab, timeout=TIMEOUT)
            assert_no_error(tab)
        wait_metric(english, i18n.t("rec.m.energy", "en"), energy(2))

        server.stop()
        for tab in (english, chinese):
            tab.wait_for_function(
                "s => document.querySelector(s)?.dataset.testConnectionState !== 'CONNECTED'",
                arg=STATE,
                timeout=TIMEOUT,
            )
        server = start_server(port=port)
        for tab in (english, chinese):
            tab.wait_for_function(
                "s => document.querySelector(s)?.dataset.testConnectionState === 'CONNECTED'",
                arg=STATE,
                timeout=TIMEOUT,
            )
            wait_idle(tab, timeout=TIMEOUT)
            assert_no_error(tab)
            assert connection(tab) == "CONNECTED"

        total = i18n.t("s2.par.m_total", "zh")
        wait_metric(chinese, total, "27")  # r = 3 from the URL: 5·3 + 3·4
        step(chinese, 2)  # d, k, then r: 3 → 4 continues from the URL, not from r = 2
        chinese.wait_for_url(re.compile(r".*[?&]r=4\b.*"), timeout=TIMEOUT)
        wait_metric(chinese, total, "36")
        assert "lang=zh" in chinese.url
        assert_no_error(chinese)

        label = i18n.t("rec.m.energy", "en")
        step(english, 0)
        english.wait_for_url(re.compile(r".*[?&]k=3\b.*"), timeout=TIMEOUT)
        # /reconstruct's rank view is an st.fragment, which the new server does not know until the
        # page has run again: lowrank.ui.reconnect asks for that full run on reconnection.
        wait_metric(english, label, energy(3))
        assert_no_error(english)
    finally:
        server.stop()
