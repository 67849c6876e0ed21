"""A classroom at once: N sessions each open a page and move its slider M times.

Usage: ``python bench/load.py [--page reconstruct] [--sessions 40] [--moves 10]``

Starts its own ``streamlit run app.py`` on a free loopback port, drives it, stops it and prints
the figures: page-open time, slider round trip (p50/p95/max), throughput, errors, server RSS
before and after. ``--processes 1,2`` runs the same class through ``deploy/serve.sh`` (nginx in
front of N processes) once per count and compares them; ``--url`` targets a running server or
proxy. Only loopback addresses are ever targeted.

The sessions speak Streamlit's own WebSocket protocol exactly as the browser does
(``tests/e2e/st_protocol.py``): a ``rerun_script`` with the page name and query string opens the
page; a slider move is a ``rerun_script`` carrying the slider's new value. The round trip is from
sending that message to the ``script_finished`` message. Real Chromium contexts are not used
for 40 sessions: see ``bench/README.md`` ("Load") for the measurement behind that choice;
``--browsers N`` runs the same scenario in N real browser tabs for comparison.

Errors counted: a failed connection, an exception element or a compile error in any run, a
missing slider, and a run that does not finish within ``--timeout`` seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from e2e_support import OUTPUT, Server, start_server  # noqa: E402
from st_protocol import Session, Slider, connect_to  # noqa: E402


@dataclass
class SessionResult:
    """Everything one simulated student measured."""

    open_seconds: float | None = None
    moves: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    answered_at: list[float] = field(default_factory=list)  #: perf_counter at each answer


def page_plan(spec: str, default_key: str | None) -> list[tuple[str, str | None]]:
    """``"reconstruct,image:k"`` → ``[("reconstruct", default_key), ("image", "k")]``: the pages
    the sessions open in turn (several classes at once), each with its slider's key."""
    plan = []
    for item in spec.split(","):
        page, _, key = item.partition(":")
        plan.append((page, key or default_key))
    return plan


def _pick(sliders: list[Slider], key: str | None) -> Slider | None:
    """The slider whose id ends with ``-key`` (Streamlit appends the user key), else the first."""
    for slider in sliders:
        if key is None or slider.widget_id.endswith(f"-{key}"):
            return slider
    return None


async def student(url: str, args: argparse.Namespace, seed: int) -> SessionResult:
    """Open the page (session ``seed`` takes the plan's page ``seed mod len``), then move its
    slider ``args.moves`` times to random values. Like a browser behind deploy/serve.sh, each
    student carries its own affinity cookie."""
    result = SessionResult()
    rng = random.Random(seed)
    page, key = args.plan[seed % len(args.plan)]
    cookie = {"Cookie": f"lowrank_affinity={rng.getrandbits(64):016x}"}
    try:
        async with connect_to(url, args.timeout, cookie) as ws:
            session = Session(ws, page, args.query)
            opened = await session.run(args.timeout)
            result.open_seconds = opened.seconds
            result.errors += opened.errors
            slider = _pick(opened.sliders, key)
            if slider is None:
                result.errors.append("no slider on the page")
                return result
            for _ in range(args.moves):
                await asyncio.sleep(rng.uniform(0.5, 1.5) * args.think)
                steps = round((slider.high - slider.low) / slider.step)
                session.set_slider(slider, slider.low + rng.randint(0, steps) * slider.step)
                moved = await session.run(args.timeout, slider.fragment_id)
                result.moves.append(moved.seconds)
                result.answered_at.append(time.perf_counter())
                result.errors += moved.errors
                slider = _pick(moved.sliders, key) or slider
    except TimeoutError:
        result.errors.append(f"no answer within {args.timeout} s")
    except OSError as err:
        result.errors.append(f"connection: {err}")
    return result


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time used so far by the processes ``pids`` (Linux /proc), in seconds."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def rss_mb(pids: list[int]) -> float:
    """Resident memory of the processes ``pids`` together, in MB (Linux /proc)."""
    total = 0.0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) / 1024
    return total


def app_processes(serve_pid: int) -> list[int]:
    """The ``streamlit run`` processes deploy/serve.sh (process ``serve_pid``) started."""
    children = Path(f"/proc/{serve_pid}/task/{serve_pid}/children").read_text().split()
    return [
        int(pid) for pid in children if b"streamlit" in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


def loopback_only(url: str) -> str:
    """``url`` if it names this machine's loopback interface; load is never sent elsewhere."""
    if urlparse(url).hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit(f"refusing {url}: this benchmark only targets loopback addresses")
    return url.rstrip("/")


class PeakRss:
    """Samples the processes' RSS in a background thread and keeps the peak of their sum."""

    def __init__(self, pid: list[int], every: float = 0.25) -> None:
        self.pid, self.every, self.peak = pid, every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(self.every):
            self.peak = max(self.peak, rss_mb(self.pid))

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (0…1) of ``values``, linear interpolation; NaN if empty."""
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=1000, method="inclusive")[round(share * 1000) - 1]


async def classroom(url: str, args: argparse.Namespace) -> list[SessionResult]:
    """All sessions at once (the whole class opens the teacher's link together)."""
    return await asyncio.gather(*(student(url, args, seed) for seed in range(args.sessions)))


def browser_classroom(url: str, args: argparse.Namespace) -> list[SessionResult]:
    """The same scenario in ``args.browsers`` real Chromium tabs (one context each)."""
    from e2e_support import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    results = [SessionResult() for _ in range(args.browsers)]
    query = f"?{args.query}" if args.query else ""
    page = args.plan[0][0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        tabs = []
        started = time.perf_counter()
        for _ in range(args.browsers):
            tab = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            tab.goto(f"{url}/{page}{query}", wait_until="commit")
            tabs.append(tab)
        for result, tab in zip(results, tabs, strict=True):
            if _attempt(result, lambda tab=tab: _wait_finished(tab, args.timeout)):
                result.open_seconds = time.perf_counter() - started
        for _ in range(args.moves):
            live = [(r, t) for r, t in zip(results, tabs, strict=True) if not r.errors]
            for result, tab in live:
                _attempt(
                    result,
                    lambda tab=tab: tab.get_by_role("slider").first.press(
                        "ArrowRight", timeout=args.timeout * 1000
                    ),
                )
            moved = time.perf_counter()
            for result, tab in live:
                if _attempt(result, lambda tab=tab: _wait_finished(tab, args.timeout)):
                    result.moves.append(time.perf_counter() - moved)
                if tab.locator("[data-testid='stException']").count():
                    result.errors.append("exception on screen")
        browser.close()
    return results


def _attempt(result: SessionResult, action) -> bool:
    """Run a browser action; a failure (timeout, missing element) is the session's error."""
    try:
        action()
    except Exception as error:  # Playwright raises its own error types
        result.errors.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
        return False
    return True


def _wait_finished(tab, timeout: float) -> None:
    """Wait until the tab's script run is over (Streamlit's ``data-test-script-state``)."""
    tab.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout * 1000
    )


def throughput(results: list[SessionResult]) -> float:
    """Moves answered per second, from the first answer to the last (all sessions together)."""
    answers = sorted(t for r in results for t in r.answered_at)
    if len(answers) < 2:
        return float("nan")
    return (len(answers) - 1) / (answers[-1] - answers[0])


def measure(url: str, pids: list[int], args: argparse.Namespace) -> list[SessionResult]:
    """Run the classroom against ``url`` (served by the processes ``pids``); print the figures."""
    before, cpu_before = rss_mb(pids), cpu_seconds(pids)
    client_before = time.process_time()
    started = time.perf_counter()
    with PeakRss(pids) as peak:
        if args.browsers:
            results = browser_classroom(url, args)
            label = f"{args.browsers} real Chromium tabs (headless, one context each)"
        else:
            results = asyncio.run(classroom(url, args))
            label = "Streamlit WebSocket protocol (BackMsg rerun_script with widget states)"
    wall = time.perf_counter() - started
    print(
        report(
            results,
            before,
            rss_mb(pids),
            peak.peak,
            wall,
            label,
            cpu_seconds(pids) - cpu_before,
            time.process_time() - client_before,
        )
    )
    return results


def report(
    results: list[SessionResult],
    before: float,
    after: float,
    peak: float,
    wall: float,
    label: str,
    server_cpu: float,
    client_cpu: float,
) -> str:
    """The figures as Markdown lines."""
    moves = [t for r in results for t in r.moves]
    opens = [r.open_seconds for r in results if r.open_seconds is not None]
    errors = [e for r in results for e in r.errors]
    runs = len(moves) + len(opens)
    lines = [
        f"- method: {label}",
        f"- sessions: {len(results)}, slider moves answered: {len(moves)}, wall time {wall:.1f} s,"
        f" throughput {throughput(results):.1f} moves/s",
        f"- page open: p50 {percentile(opens, 0.5):.2f} s, p95 {percentile(opens, 0.95):.2f} s,"
        f" max {max(opens, default=float('nan')):.2f} s",
        f"- slider round trip: p50 {percentile(moves, 0.5):.3f} s,"
        f" p95 {percentile(moves, 0.95):.3f} s, max {max(moves, default=float('nan')):.3f} s",
        f"- errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""),
        f"- server RSS: {before:.0f} MB before, {after:.0f} MB after, peak {peak:.0f} MB",
        f"- CPU: server {server_cpu:.1f} s ({1000 * server_cpu / max(1, runs):.0f} ms per page"
        f" open or move), this client {client_cpu:.1f} s",
        f"- machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end"
        " (other work included: the machine may be shared)",
    ]
    return "\n".join(lines)


def compare(counts: list[int], args: argparse.Namespace) -> None:
    """The same classroom through deploy/serve.sh with each process count, one after another."""
    from e2e_support import start_proxy

    rows = []
    for count in counts:
        proxy = start_proxy(count)
        try:
            print(f"### {count} process(es) behind nginx ({proxy.url})")
            results = measure(proxy.url, app_processes(proxy.process.pid), args)
        finally:
            proxy.stop()
        moves = [t for r in results for t in r.moves]
        errors = sum(len(r.errors) for r in results)
        rows.append(
            (count, percentile(moves, 0.5), percentile(moves, 0.95), errors, throughput(results))
        )
    print("\n| processes | slider p50 | slider p95 | errors | moves/s | throughput ratio |")
    print("|---|---|---|---|---|---|")
    for count, p50, p95, errors, rate in rows:
        print(
            f"| {count} | {p50:.2f} s | {p95:.2f} s | {errors} | {rate:.1f} |"
            f" {rate / rows[0][4]:.2f} |"
        )
    print(f"(load average {os.getloadavg()[0]:.1f} at the end, {os.cpu_count()} cores)")


def main() -> None:
    """Parse the options, run the classroom against a fresh server, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--page",
        default="reconstruct",
        help="URL path of the page; several classes: 'reconstruct,image:k,...'"
        " (sessions take them in turn; ':key' names the slider)",
    )
    parser.add_argument("--query", default="lang=en", help="query string the link carries")
    parser.add_argument("--key", default=None, help="key of the slider (default: the first)")
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--moves", type=int, default=10)
    parser.add_argument(
        "--think",
        type=float,
        default=0.5,
        help="mean pause between moves, seconds (0.5×…1.5× of it)",
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="per run, seconds")
    parser.add_argument(
        "--browsers",
        type=int,
        default=0,
        help="use N real Chromium tabs instead of protocol sessions",
    )
    parser.add_argument("--script", default="app.py", help="entry script (for trying the bench)")
    parser.add_argument(
        "--url", default=None, help="a running server or proxy on loopback (default: start one)"
    )
    parser.add_argument(
        "--pid",
        type=int,
        action="append",
        default=[],
        help="with --url: a process serving it, for CPU and RSS (repeatable)",
    )
    parser.add_argument(
        "--processes",
        default=None,
        help="compare process counts behind deploy/serve.sh, e.g. '1,2'",
    )
    args = parser.parse_args()
    args.plan = page_plan(args.page, args.key)
    if args.browsers and len(args.plan) > 1:
        parser.error("--browsers opens one page: give --page a single page")

    OUTPUT.mkdir(exist_ok=True)
    print(
        f"page(s) /{args.page}?{args.query}, {args.sessions} sessions, {args.moves} moves"
        f" each, think {args.think} s"
    )
    if args.processes:
        compare([int(n) for n in args.processes.split(",")], args)
    elif args.url:
        measure(loopback_only(args.url), args.pid, args)
    else:
        server: Server = start_server(args.script)
        try:
            measure(server.url, [server.process.pid], args)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
