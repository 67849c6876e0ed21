"""End-to-end fixtures: a real ``streamlit run`` server and Debian's Chromium driven by Playwright.

Chromium missing → the e2e tests skip with the reason; with ``REQUIRE_E2E=1`` (CI) they fail.
On a failing test a full-page screenshot is written to ``test-output/``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from e2e_support import (
    AXE_DIR,
    AXE_SCRIPT,
    CHROMIUM_ARGS,
    OUTPUT,
    Server,
    chromium_path,
    start_server,
)

#: How long Playwright's ``expect`` assertions wait for their condition (its default, 5 s, is
#: too short for a 2-core machine running a suite on two workers beside other work).
EXPECT_TIMEOUT = 30_000


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = chromium_path()
    if path is None:
        reason = "Chromium not installed (apt-get install -y chromium)"
        if os.environ.get("REQUIRE_E2E") == "1":
            pytest.fail(f"{reason}, and REQUIRE_E2E=1")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser(chromium_executable: str):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT)

    OUTPUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server(chromium_executable: str) -> Iterator[Server]:
    """One app server shared by the e2e tests that do not need a fresh one."""
    OUTPUT.mkdir(exist_ok=True)
    running = start_server()
    yield running
    running.stop()


@pytest.fixture
def fresh_server(chromium_executable: str) -> Iterator[Server]:
    """A server started for this test alone: its first request is the test's."""
    OUTPUT.mkdir(exist_ok=True)
    running = start_server()
    yield running
    running.stop()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, request):
    """A new browser tab (1280×900, English locale); screenshot saved when the test fails."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    yield tab
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        with contextlib.suppress(Exception):
            tab.screenshot(path=str(OUTPUT / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The axe-core script, installed from the lock file if it is not there yet.

    Each xdist worker has its own session: the install holds a file lock, so two workers
    never run ``npm ci`` (which first deletes ``node_modules``) in the same folder at once.
    """
    with (AXE_DIR / ".install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not AXE_SCRIPT.is_file():
            _npm_ci()
        return AXE_SCRIPT.read_text(encoding="utf-8")


def _npm_ci() -> None:
    """Install axe-core from the lock file, or skip (fail under REQUIRE_E2E) without npm."""
    npm = shutil.which("npm")
    if npm is None:
        reason = "npm not installed: cannot install axe-core"
        if os.environ.get("REQUIRE_E2E") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=AXE_DIR,
        check=True,
        timeout=300,
    )
