"""The browser answers a rank move itself: with the server's answers held, /reconstruct's numbers
and chart marks (the block renderer's) already show the new k; the server's run leaves them."""

from __future__ import annotations

import numpy as np
import pytest
from e2e_support import HeldAnswers, assert_no_error, metric, press_right, wait_idle
from playwright.sync_api import expect

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


def marks(tab) -> dict[str, object]:
    """The charts' block: its position, the energy chart's mark label, the bars it drops."""
    charts = tab.locator("[data-testid='lowrankBlock'][data-block='rec_charts']")
    return charts.evaluate(
        """(root) => ({ position: root.dataset.position,
          label: root.querySelector('.lb-mark-label').textContent,
          dropped: root.querySelectorAll('.lb-dropped').length })"""
    )


def test_reconstruct_numbers_and_marks_follow_k_before_the_server_answers(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    answers = HeldAnswers(tab)
    tab.goto(f"{server.url}/reconstruct?lang=en&example=note&k=2")
    wait_idle(tab)
    assert_no_error(tab)
    numbers = tab.locator("[data-testid='lowrankBlock'][data-block='rec_numbers']")
    expect(numbers).to_have_attribute("data-position", "1")
    assert (metric(tab, "Energy kept"), metric(tab, "(direct)")) == numpy_numbers(2)
    sigma_count = np.linalg.svd(example("note"), compute_uv=False).size
    assert marks(tab) == {"position": "1", "label": "k = 2", "dropped": sigma_count - 2}

    answers.hold()
    sent = answers.sent
    press_right(tab, "k")
    expect(numbers).to_have_attribute("data-position", "2")
    assert (metric(tab, "Energy kept"), metric(tab, "(direct)")) == numpy_numbers(3)
    assert marks(tab) == {"position": "2", "label": "k = 3", "dropped": sigma_count - 3}
    answers.wait_sent(tab, sent)  # the move did go to the server, whose answers are held

    answers.release()
    wait_idle(tab)
    assert_no_error(tab)
    assert "k=3" in tab.url
    assert (metric(tab, "Energy kept"), metric(tab, "(direct)")) == numpy_numbers(3)
    assert marks(tab) == {"position": "2", "label": "k = 3", "dropped": sigma_count - 3}
    context.close()
