"""axe-core, the accessibility engine of browsers' developer tools, finds no serious or critical
violation on any page, in either language, nor in presentation mode (issue 16).

axe-core is an npm package (``tests/e2e/axe/package.json``, pinned by its lock file); the first
run installs it with ``npm ci`` from the registry (the ``axe_source`` fixture, conftest.py). Each
page is checked once its script run is over, no element is still a loading placeholder and the
browser has painted it, so every element of its first view is there. (Checked before the
placeholders had gone, axe once found Streamlit's sidebar scrolling with no focusable content
yet, and a live view's canvas not yet named.) Presentation mode's pages are checked where
test_present_e2e.py already opens each of them; here only the home page's.
"""

from __future__ import annotations

import pytest
from e2e_support import assert_axe_clean, assert_no_error, wait_drawn, wait_idle

from lowrank import pages

pytestmark = pytest.mark.e2e

PATHS = ["/", *(f"/{page.url_path}" for page in pages.PAGES)]
CASES = [(path, lang, "") for lang in ("en", "zh") for path in PATHS]
CASES += [("/", "en", "&present=1")]


@pytest.mark.parametrize(("path", "lang", "extra"), CASES, ids=["".join(c) for c in CASES])
def test_axe_finds_no_serious_violation(server, page, axe_source, path, lang, extra) -> None:
    page.goto(f"{server.url}{path}?lang={lang}{extra}")
    page.wait_for_selector("h1", timeout=120_000)
    wait_idle(page, timeout=120_000)
    wait_drawn(page)
    assert_no_error(page)
    assert_axe_clean(page, axe_source)
