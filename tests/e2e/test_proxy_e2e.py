"""deploy/serve.sh: two app processes behind nginx, used by real Chromium (issue 14, part 3).

An upload is the request that needs everything the proxy must keep: the session's affinity (the
file goes to the process that holds the session, and the picture comes back from its media
store), the WebSocket upgrade, Streamlit's XSRF cookie and token, and a body size cap no lower
than the app's. Two browsers (two affinity cookies) upload at once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from e2e_support import OUTPUT, Proxy, assert_no_error, nginx_path, start_proxy, wait_idle
from playwright.sync_api import expect
from test_image_e2e import png

pytestmark = pytest.mark.e2e
TIMEOUT = 90_000


@pytest.fixture(scope="module")
def proxy(chromium_executable: str) -> Iterator[Proxy]:
    if nginx_path() is None:
        reason = "nginx not installed (apt-get install -y nginx)"
        if os.environ.get("REQUIRE_E2E") == "1":
            pytest.fail(f"{reason}, and REQUIRE_E2E=1")
        pytest.skip(reason)
    OUTPUT.mkdir(exist_ok=True)
    running = start_proxy(processes=2)
    yield running
    running.stop()


def test_an_upload_through_the_proxy_renders(proxy, browser):
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    try:
        tabs = [context.new_page() for context in contexts]
        for tab in tabs:
            tab.goto(f"{proxy.url}/image?lang=en", wait_until="commit")
        for n, tab in enumerate(tabs):
            wait_idle(tab, timeout=TIMEOUT)
            assert_no_error(tab)
            size = (300 + n, 90)
            tab.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
                {"name": f"mine{n}.png", "mimeType": "image/png", "buffer": png(size)}
            )
            tab.get_by_text(f"{size[0]}×{size[1]}", exact=False).first.wait_for(timeout=TIMEOUT)
            tab.wait_for_url("**img=upload**", timeout=TIMEOUT)
            wait_idle(tab, timeout=TIMEOUT)
            assert_no_error(tab)
            original = tab.locator("[data-testid='stImage'] img").first
            expect(original).to_be_visible()  # served from the session's own process
            assert original.evaluate("img => img.decode().then(() => img.naturalWidth)") == size[0]
        for context in contexts:
            names = {cookie["name"] for cookie in context.cookies()}
            assert {"lowrank_affinity", "_streamlit_xsrf"} <= names, names
        assert not proxy.tracebacks()
    finally:
        for context in contexts:
            context.close()
