"""Hostile input in a real browser: the image corpus uploaded on /image, the CSV corpus on /svd, and
the server's own upload checks (XSRF, size cap). HTML in every page's URL values is checked by
``test_every_page_e2e.py`` on the same page loads that move each page's main control.

For each: the translated message is visible, ``stException`` never appears, the last valid input is
still what the page shows, no element or dialog comes from user-provided HTML, and the page still
answers the next action. One tab walks a whole corpus (a page load per case would cost minutes); a
case that fails is named in the assertion and leaves its own screenshot in ``test-output/``.
"""

from __future__ import annotations

import asyncio
import http.client
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import tomllib
from e2e_support import OUTPUT, ROOT, assert_no_error, wait_idle, wait_metric
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from lowrank import i18n
from lowrank.errors import InputError
from lowrank.image_source import load_upload
from lowrank.matrix_input import parse_csv

sys.path.insert(0, str(ROOT / "tests" / "data"))

from make_corpus import Case, write_corpus

pytestmark = pytest.mark.e2e
TIMEOUT = 60_000
UPLOADER = "[data-testid='stFileUploaderDropzoneInput']"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    """The bad-input corpus, written once for this module."""
    directory = tmp_path_factory.mktemp("corpus")
    return directory, write_corpus(directory)


def watch_for_html(tab) -> list[str]:
    """Collect every JavaScript dialog the tab opens (an executed ``onerror=alert(1)``)."""
    dialogs: list[str] = []

    def record(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", record)
    return dialogs


def no_injected_html(tab, dialogs: list[str]) -> None:
    assert tab.locator("img[src='x']").count() == 0, "user-provided HTML became an element"
    assert not dialogs, f"user-provided script ran: {dialogs}"


def message(case: Case, data: bytes, lang: str) -> str:
    """The translated message the page must show for a refused corpus file, as rendered."""
    try:
        load_upload(data) if case.kind == "image" else parse_csv(data)
    except InputError as error:
        assert error.key == case.expect, (case.name, error.key)
        return i18n.t(error.key, lang, **error.params)
    raise AssertionError(f"{case.name} was accepted by the core")


def alert_with(tab, text: str):
    return tab.locator("[data-testid='stAlert']").filter(has_text=text)


def upload(tab, path: Path) -> None:
    tab.locator(UPLOADER).set_input_files(str(path))


def open_with_a_valid_upload(tab, url: str, path: Path, shown: str) -> list[str]:
    """Open ``url``, upload the valid file ``path`` and wait until ``shown`` says it was taken;
    the dialogs a script injected by the corpus would open are recorded from the start."""
    dialogs = watch_for_html(tab)
    tab.goto(url)
    wait_idle(tab, timeout=90_000)
    upload(tab, path)
    tab.get_by_text(shown, exact=False).first.wait_for(timeout=TIMEOUT)
    wait_idle(tab)
    return dialogs


def walk_corpus(
    tab, cases: list[Case], directory: Path, lang: str, kept: str, accepted_text
) -> list[str]:
    """Upload each case in turn; return what went wrong, case by case (with screenshots).

    ``kept`` is text that shows the last valid input and must survive every refused upload;
    ``accepted_text(case)`` is the text that shows an accepted case was taken.
    """
    problems = []
    for case in cases:
        data = (directory / case.name).read_bytes()
        try:
            upload(tab, directory / case.name)
            if case.accepted:
                tab.get_by_text(accepted_text(case), exact=False).first.wait_for(timeout=TIMEOUT)
                kept = accepted_text(case)
            elif case.uploader_refuses:  # Streamlit marks the file (its text is a tooltip)
                tab.get_by_text(case.name).first.wait_for(timeout=TIMEOUT)
            else:
                alert_with(tab, message(case, data, lang)).first.wait_for(timeout=TIMEOUT)
            wait_idle(tab)
            assert_no_error(tab)
            last_valid = tab.get_by_text(kept, exact=False).first
            expect(last_valid, "the last valid input is gone").to_be_visible()
        except AssertionError as error:
            problems.append(f"{case.name}: {error}")
        except Exception as error:  # a Playwright timeout: the expected text never came
            problems.append(f"{case.name}: {type(error).__name__}: {str(error).splitlines()[0]}")
        else:
            continue
        tab.screenshot(path=str(OUTPUT / f"bad_input_{case.kind}_{len(problems)}.png"))
    return problems


def test_image_corpus_on_the_image_page(server, page, files):
    directory, cases = files
    lang = "zh"
    first = "56×40"
    dialogs = open_with_a_valid_upload(
        page, f"{server.url}/image?lang={lang}", directory / "cmyk.jpg", first
    )
    images = [case for case in cases if case.kind == "image"]
    problems = walk_corpus(
        page, images, directory, lang, first, lambda case: "{}×{}".format(*case.shape)
    )
    assert not problems, "\n".join(problems)
    no_injected_html(page, dialogs)

    thumb = page.get_by_role("slider").first  # the next action still works: rank k to 1
    thumb.focus()
    thumb.press("End")
    wait_idle(page)
    thumb.press("Home")
    page.wait_for_url(re.compile(r".*[?&]k=1\b.*"), timeout=TIMEOUT)
    wait_metric(page, i18n.t("image.metric.k", lang), "1")
    assert_no_error(page)


def test_csv_corpus_on_the_svd_page(server, page, files):
    directory, cases = files
    lang = "en"
    good = directory / "good.csv"
    good.write_text("2,1\n1,3\n")
    using = i18n.t("source.csv.using", lang, name="good.csv", rows=2, cols=2)
    dialogs = open_with_a_valid_upload(
        page, f"{server.url}/svd?lang={lang}&example=csv", good, using
    )
    matrices = [case for case in cases if case.kind == "matrix"]
    problems = walk_corpus(
        page,
        matrices,
        directory,
        lang,
        using,
        lambda case: i18n.t(
            "source.csv.using", lang, name=case.name, rows=case.shape[0], cols=case.shape[1]
        ),
    )
    assert not problems, "\n".join(problems)
    no_injected_html(page, dialogs)

    page.get_by_text(i18n.t("svd.full", lang)).click()  # the next action still works
    page.wait_for_url("**full=true**", timeout=TIMEOUT)
    wait_idle(page)
    assert_no_error(page)


def _put(url: str, body: bytes, headers: dict[str, str], length: int | None = None) -> int:
    """HTTP PUT; the status code. With ``length``, only the headers are sent, announcing that
    many bytes (the server must answer from the headers alone, before reading any body)."""
    if length is None:
        request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.putrequest("PUT", parts.path)
        for name, value in {**headers, "Content-Length": str(length)}.items():
            connection.putheader(name, value)
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()


def _multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "lowrank-test-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"'
        "\r\nContent-Type: text/csv\r\n\r\n"
    )
    body = head.encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_the_server_itself_refuses_uploads_without_xsrf_token_or_over_the_cap(server):
    """A client that skips the browser's uploader still meets XSRF and server.maxUploadSize."""
    with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=30) as response:
        cookie = next(
            value.split(";")[0]
            for name, value in response.headers.items()
            if name.lower() == "set-cookie" and value.startswith("_streamlit_xsrf=")
        )
    token = cookie.split("=", 1)[1]
    cap = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]
    cap_bytes = cap["maxUploadSize"] * 1024 * 1024

    async def statuses() -> list[int]:
        ws_url = server.url.replace("http://", "ws://") + "/_stcore/stream"
        async with connect(ws_url, subprotocols=["streamlit"], max_size=None) as ws:
            await ws.send(BackMsg(rerun_script=ClientState(page_name="")).SerializeToString())
            while True:
                msg = ForwardMsg.FromString(await ws.recv())
                if msg.WhichOneof("type") == "new_session":
                    session = msg.new_session.initialize.session_id
                    break
            url = f"{server.url}/_stcore/upload_file/{session}"
            small, kind = _multipart("ok.csv", b"1,2\n3,4\n")
            signed = {"Content-Type": kind, "Cookie": cookie, "X-Xsrftoken": token}
            return [
                await asyncio.to_thread(_put, f"{url}/a", small, {"Content-Type": kind}),
                await asyncio.to_thread(_put, f"{url}/b", b"", signed, cap_bytes + 1024),
                await asyncio.to_thread(_put, f"{url}/c", small, signed),
            ]

    with ThreadPoolExecutor(max_workers=1) as pool:  # Playwright's loop owns this thread
        no_token, too_large, fine = pool.submit(asyncio.run, statuses()).result()
    assert no_token == 403, "an upload without the XSRF token was accepted"
    assert too_large == 413, "an upload over server.maxUploadSize was accepted"
    assert fine in (200, 204), f"a valid signed upload got {fine} (the check above proves nothing)"
