"""What e2e tests and benchmarks share: start a real ``streamlit run`` server, drive a tab.

Imported by ``tests/e2e/conftest.py`` and by the scripts in ``bench/``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """Debian's Chromium (or ``$CHROMIUM``), if installed."""
    candidate = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    return candidate if Path(candidate).is_file() else shutil.which("chromium")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running ``streamlit run`` process, its base URL and the file its output goes to."""

    url: str
    process: subprocess.Popen
    log: Path

    def tracebacks(self) -> list[str]:
        """Every Python traceback the server has logged so far."""
        return _tracebacks(self.log)

    def stop(self) -> None:
        _terminate(self.process, timeout=10)


def _tracebacks(log: Path) -> list[str]:
    """Every Python traceback in the log file ``log``, up to the blank line after it."""
    text = log.read_text(encoding="utf-8", errors="replace")
    return [block.split("\n\n")[0] for block in text.split("Traceback (most recent")[1:]]


def start_server(script: str = "app.py", port: int | None = None, timeout: float = 60) -> Server:
    """Start ``streamlit run script`` headless on a free local port and wait until it is healthy."""
    port = port or free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    log = open(OUTPUT / f"server-{port}.log", "w")  # noqa: SIM115 - lives as long as the server
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}; see {log.name}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response,
        ):
            if response.status == 200:
                return Server(url, process, Path(log.name))
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"streamlit did not become healthy within {timeout} s")


#: The app's script run is over and its elements are drawn. Streamlit marks its root element with
#: ``data-test-script-state`` (``initial`` before the first run, ``running`` or
#: ``rerunRequested`` while it works, ``notRunning`` when done) and every element left from the
#: previous run with ``data-stale="true"`` until the run replaces or removes it.
_IDLE = """() => {
  const state = document.querySelector("[data-testid='stApp']")?.dataset.testScriptState;
  return (state === 'notRunning' || state === 'compilationError')
    && !document.querySelector("[data-stale='true']");
}"""
#: Resolves after the browser has painted twice: what the last change drew is on screen.
_PAINTED = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def nginx_path() -> str | None:
    """Debian's nginx (or ``$NGINX``), if installed."""
    candidate = os.environ.get("NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
    return candidate if Path(candidate).is_file() else None


@dataclass
class Proxy:
    """A running ``deploy/serve.sh``: nginx at ``url`` in front of ``processes`` app processes."""

    url: str
    process: subprocess.Popen
    processes: int
    output: Path

    def app_logs(self) -> list[Path]:
        """The app processes' logs (in the temporary prefix serve.sh printed)."""
        found = re.search(r"\(prefix (\S+)\)", self.output.read_text(encoding="utf-8"))
        return sorted(Path(found.group(1)).glob("app-*.log")) if found else []

    def tracebacks(self) -> list[str]:
        """Every traceback any app process logged so far."""
        return [block for log in self.app_logs() for block in _tracebacks(log)]

    def stop(self) -> None:
        """SIGTERM: serve.sh's trap stops nginx and every app process it started."""
        _terminate(self.process, timeout=30)


def _terminate(process: subprocess.Popen, timeout: float) -> None:
    """SIGTERM, and SIGKILL if it has not ended within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()


def start_proxy(processes: int = 2, port: int | None = None, timeout: float = 120) -> Proxy:
    """Start ``deploy/serve.sh processes port`` on loopback and wait until the proxy is healthy
    and has printed its prefix."""
    port = port or free_port()
    output = OUTPUT / f"serve-{port}.log"
    env = {**os.environ, "PYTHON": sys.executable, "LISTEN": "127.0.0.1"}
    with output.open("w") as log:
        process = subprocess.Popen(
            ["bash", str(ROOT / "deploy" / "serve.sh"), str(processes), str(port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    proxy = Proxy(f"http://127.0.0.1:{port}", process, processes, output)
    deadline = time.monotonic() + timeout
    while "ready:" not in output.read_text(encoding="utf-8"):
        if process.poll() is not None or time.monotonic() > deadline:
            proxy.stop()
            raise RuntimeError(f"deploy/serve.sh did not become ready; see {output}")
        time.sleep(0.2)
    return proxy


def wait_idle(tab, timeout: float = 60_000) -> None:
    """Wait until the app's script run has finished, no element of the last run is stale, and the
    browser has painted the result (conditions only: no fixed pause)."""
    tab.wait_for_function(_IDLE, polling="raf", timeout=timeout)
    tab.evaluate(_PAINTED)


#: No placeholder left: Streamlit draws a grey skeleton where an element is still to come.
_DRAWN = """() => !document.querySelector(
  "[data-testid='stSkeleton'], [data-testid='stSkeletonElement']")"""
#: Each page's main control, by widget key (the home page has none: its pictures are its taste).
MAIN_CONTROL = {
    "geometry": "geo_a",
    "svd": "full",
    "reconstruct": "k",
    "image": "k",
    "choose_rank": "k",
    "why_delta_w": "k",
    "parameters": "r",
    "training": "train",
    "svd_meets_lora": "r",
}
#: Where, in CSS px from the top of the page, the main control and the first metric end (a
#: Streamlit metric, or the value of one the block renderer draws in its shadow root, without
#: the caption under it).
_BOTTOMS = """(key) => {
  const bottom = (element) => element ? Math.round(element.getBoundingClientRect().bottom) : null;
  const metrics = [...document.querySelectorAll("[data-testid='stMetric']")];
  for (const host of document.querySelectorAll("*")) {
    if (host.shadowRoot) metrics.push(...host.shadowRoot.querySelectorAll(".lb-metric-value"));
  }
  const tops = metrics.map((m) => m.getBoundingClientRect().top);
  const first = metrics[tops.indexOf(Math.min(...tops))];
  return [bottom(key && document.querySelector(`.st-key-${key}`)), bottom(first)];
}"""


def wait_drawn(tab, timeout: float = 120_000) -> None:
    """Wait until no element is still a loading placeholder (a skeleton)."""
    tab.wait_for_function(_DRAWN, timeout=timeout)


def first_screen_bottoms(tab, page_id: str) -> tuple[int | None, int | None]:
    """Where the page's main control and its first number end (CSS px from the top; None: none)."""
    control, number = tab.evaluate(_BOTTOMS, MAIN_CONTROL.get(page_id))
    return control, number


def wait_until(tab, condition: Callable[[], bool], what: str, timeout: float = 30_000) -> None:
    """Wait until a Python-side ``condition()`` holds (Playwright delivers its events, such as a
    routed WebSocket's messages, while the tab is being waited on); fail after ``timeout`` ms."""
    deadline = time.monotonic() + timeout / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout / 1000:.0f} s waiting for {what}")
        tab.wait_for_timeout(20)  # lets Playwright dispatch events; the loop checks the condition


def assert_no_error(tab) -> None:
    """No exception box and no "page not found" dialog on screen."""
    assert tab.locator("[data-testid='stException']").count() == 0, "an exception is shown"
    body = tab.locator("body").inner_text()
    assert "Page not found" not in body, "a 'page not found' dialog is shown"


#: A metric's box and its value, as Streamlit draws them and as the block renderer does.
METRIC_BOX = "[data-testid='stMetric'], .lb-metric"
METRIC_VALUE = "[data-testid='stMetricValue'], .lb-metric-value"


def metric(tab, label: str, nth: int = 0) -> str:
    """The value shown by the ``nth`` metric whose box contains ``label``."""
    box = tab.locator(METRIC_BOX).filter(has_text=label).nth(nth)
    return box.locator(METRIC_VALUE).inner_text().strip()


def wait_metric(tab, label: str, value: str, timeout: float = 90_000) -> None:
    """Wait until a metric whose box contains ``label`` shows exactly ``value``."""
    exactly = re.compile(rf"^\s*{re.escape(value)}\s*$")
    shown = tab.locator(METRIC_VALUE).filter(has_text=exactly)
    tab.locator(METRIC_BOX).filter(has_text=label).filter(has=shown).first.wait_for(timeout=timeout)


class HeldAnswers:
    """The tab's Streamlit WebSocket routed through Playwright, so that a test can hold the
    server's answers: whatever changes on screen while they are held, the browser did alone.

    Create it before the tab opens the app; ``hold()`` queues the server's messages, ``release()``
    delivers the queue in order and lets later ones through.
    """

    def __init__(self, tab) -> None:
        self.held = False
        self.queue: list = []
        self.sent = 0  # messages from the page to the server
        self.received: list[bytes] = []  # every message from the server, in order
        self.page_side = None
        tab.route_web_socket(re.compile(r".*/_stcore/stream"), self._route)

    def _route(self, ws) -> None:
        server = ws.connect_to_server()
        self.page_side = ws
        server.on_message(self._from_server)
        ws.on_message(lambda message: (self._count_sent(), server.send(message)))

    def _count_sent(self) -> None:
        self.sent += 1

    def _from_server(self, message) -> None:
        self.received.append(message.encode() if isinstance(message, str) else message)
        if self.held:
            self.queue.append(message)
        else:
            self.page_side.send(message)

    def wait_sent(self, tab, more_than: int) -> None:
        """Wait until the page has sent the server more than ``more_than`` messages."""
        what = f"a message to the server ({more_than} sent before)"
        wait_until(tab, lambda: self.sent > more_than, what)

    def hold(self) -> None:
        self.held = True

    def release(self) -> None:
        self.held = False
        queued, self.queue = self.queue, []
        for message in queued:
            self.page_side.send(message)


def slider(tab, label: str):
    """The slider (or select slider) whose label is exactly ``label`` (its aria group)."""
    return tab.get_by_role("group", name=label, exact=True)


def press(tab, label: str, *keys: str) -> None:
    """Focus a slider's thumb and press keys, as a keyboard user would."""
    slider(tab, label).get_by_role("slider").focus()
    for key in keys:
        tab.keyboard.press(key)


def shown_value(tab, label: str) -> str:
    """The value written on a slider's thumb."""
    return slider(tab, label).get_by_test_id("stSliderThumbValue").inner_text().strip()


def main_text(tab) -> str:
    """The text of the page's main area (not the sidebar)."""
    return tab.locator("[data-testid='stMainBlockContainer']").inner_text()


#: The text of an element and of the shadow roots inside it (components such as the block
#: renderer draw in one; ``innerText`` leaves them out), each block of text on its own line.
_FLAT_TEXT = """(root) => {
  const parts = [];
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) { parts.push(node.textContent); return; }
    if (node.nodeType !== Node.ELEMENT_NODE || ['SCRIPT', 'STYLE'].includes(node.tagName)) return;
    if (node.shadowRoot) node.shadowRoot.childNodes.forEach(walk);
    node.childNodes.forEach(walk);
    if (getComputedStyle(node).display !== 'inline') parts.push('\\n');
  };
  walk(root);
  return parts.join('').replace(/\\n\\s*/g, '\\n');
}"""


def flat_text(tab, selector: str = "[data-testid='stMain']") -> str:
    """The text of the element ``selector``, with what components draw in shadow roots."""
    return tab.locator(selector).first.evaluate(_FLAT_TEXT)


def wait_text(tab, text: str, timeout: float = 30_000) -> None:
    """Wait until the rerun after an interaction shows ``text`` in the page's main area."""
    tab.get_by_test_id("stMainBlockContainer").get_by_text(text).first.wait_for(timeout=timeout)


def press_right(tab, slider: str) -> None:
    """Focus the thumb of the slider with widget key ``slider`` and press the right arrow once."""
    thumb = tab.locator(f".st-key-{slider} input[type='range']")
    thumb.focus()
    thumb.press("ArrowRight")


# --- accessibility ------------------------------------------------------------------------------

AXE_DIR = Path(__file__).with_name("axe")
AXE_SCRIPT = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
#: The impacts that fail the test; "moderate" and "minor" ones (e.g. a heading level skipped in
#: Streamlit's own sidebar) are printed but allowed.
FAILING = ("serious", "critical")

_RUN = """() => axe.run(document, {resultTypes: ['violations']}).then((result) =>
  result.violations.map((v) => ({
    id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + n.html.slice(0, 160)),
  })))"""


def assert_axe_clean(tab, axe_source: str) -> None:
    """axe-core (``axe_source``, the conftest fixture) finds no serious or critical violation on
    the tab's page as it is now; the lesser ones are printed."""
    tab.evaluate(axe_source)
    violations = tab.evaluate(_RUN)
    for violation in violations:
        print(violation["impact"], violation["id"], violation["nodes"][:1])
    failing = [v for v in violations if v["impact"] in FAILING]
    assert not failing, failing
