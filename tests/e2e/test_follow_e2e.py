"""The browser answers a rank move itself: with the server's answers held, /reconstruct's numbers
and chart marks already show the new k; the server's run then draws the same."""

from __future__ import annotations

import numpy as np
import pytest
from e2e_support import (
    HeldAnswers,
    assert_no_error,
    follower,
    marked_at,
    metric,
    press_right,
    wait_idle,
)

from lowrank import formatting as fmt
from lowrank.examples import example

pytestmark = pytest.mark.e2e


def numpy_numbers(k: int) -> tuple[str, str]:
    """Energy kept and ‖S − S_k‖_F of the note's matrix at rank k, from numpy."""
    s = example("note")
    u, sigma, vt = np.linalg.svd(s, full_matrices=False)
    error = np.linalg.norm(s - u[:, :k] @ np.diag(sigma[:k]) @ vt[:k], "fro")
    kept = np.sum(sigma[:k] ** 2) / np.sum(sigma**2)
    return fmt.percent(kept), fmt.number(error, 4, scale=sigma[0])


def test_reconstruct_numbers_and_marks_follow_k_before_the_server_answers(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    answers = HeldAnswers(tab)
    tab.goto(f"{server.url}/reconstruct?lang=en&example=note&k=2")
    wait_idle(tab)
    assert_no_error(tab)
    assert follower(tab, "k") == {"k": "2", "mismatch": ""}
    assert (metric(tab, "Energy kept"), metric(tab, "(direct)")) == numpy_numbers(2)

    answers.hold()
    sent = answers.sent
    press_right(tab, "k")
    tab.locator(".lr-follow[data-k='3']").wait_for(state="attached", timeout=10_000)
    assert follower(tab, "k")["mismatch"] == ""
    assert (metric(tab, "Energy kept"), metric(tab, "(direct)")) == numpy_numbers(3)
    for chart, x in (("rec_energy_plot", 3), ("rec_sigma_plot", 3.5)):
        assert marked_at(tab, chart, x), chart
    answers.wait_sent(tab, sent)  # the move did go to the server, whose answers are held

    answers.release()
    wait_idle(tab)
    assert_no_error(tab)
    assert (metric(tab, "Energy kept"), metric(tab, "(direct)")) == numpy_numbers(3)
    assert follower(tab, "k") == {"k": "3", "mismatch": ""}
    context.close()
