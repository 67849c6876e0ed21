"""A class opens a freshly started server at once: no student sees an exception (issue 14).

Each round starts a new server and opens every page in both languages at the same moment, so
the pages' first runs race in parallel script threads (lazily imported modules, caches being
filled). Several rounds run with Streamlit's own WebSocket protocol (cheap: many rounds are
affordable), one in real Chromium tabs: seven, every page once, languages alternating (as the
issue's class did: fourteen tabs take two minutes on 2 cores, most of it the browsers' own
work). A round fails on any traceback in the server's log and on any exception element a page
drew; each page must also finish its run and draw its content.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from e2e_support import Server, assert_no_error, start_server, wait_idle
from st_protocol import open_page

from lowrank import i18n, pages

pytestmark = pytest.mark.e2e
ROUNDS = 2  # and one in Chromium: three fresh servers, each opened by a whole class at once
TIMEOUT = 120  # seconds: every page's first run on a cold server, all at once on 2 cores
#: (URL path, language) of every page in both languages: what a class opens at once.
EVERY_PAGE = [
    (page.url_path if page is not pages.HOME else "", lang)
    for page in (pages.HOME, *pages.available())
    for lang in i18n.LANGUAGES
]


def assert_no_traceback(server: Server) -> None:
    found = server.tracebacks()
    assert not found, f"{len(found)} traceback(s) in {server.log}:\n" + "\n---\n".join(found)


async def burst(url: str) -> list:
    return await asyncio.gather(
        *(open_page(url, path, f"lang={lang}", TIMEOUT) for path, lang in EVERY_PAGE)
    )


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_every_page_at_once_on_a_fresh_server_protocol(chromium_executable, round_):
    server = start_server()
    try:  # its own thread: a worker's sync Playwright may own this thread's event loop
        with ThreadPoolExecutor(1) as thread:
            runs = thread.submit(asyncio.run, burst(server.url)).result()
    finally:
        server.stop()
    assert_no_traceback(server)
    for (path, lang), run in zip(EVERY_PAGE, runs, strict=True):
        assert not run.errors, f"/{path}?lang={lang}: {run.errors}"
        assert run.elements > 10, f"/{path}?lang={lang} drew only {run.elements} elements"


def test_every_page_at_once_on_a_fresh_server_in_chromium(browser):
    server = start_server()
    contexts = []
    opened = EVERY_PAGE[::2]
    opened = [(path, i18n.LANGUAGES[i % 2]) for i, (path, _) in enumerate(opened)]
    try:
        tabs = []
        for path, lang in opened:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            contexts.append(context)
            tab = context.new_page()
            tab.goto(f"{server.url}/{path}?lang={lang}", wait_until="commit")
            tabs.append(tab)
        for (path, lang), tab in zip(opened, tabs, strict=True):
            wait_idle(tab, timeout=TIMEOUT * 1000)
            tab.locator("h1").first.wait_for(timeout=TIMEOUT * 1000)
            assert_no_error(tab)
            assert f"lang={lang}" in tab.url and f"/{path}" in tab.url
    finally:
        for context in contexts:
            context.close()
        server.stop()
    assert_no_traceback(server)
