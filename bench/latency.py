"""Speed in a real browser: slider round trips, live dragging, cold start and server memory.

Usage: ``python bench/latency.py [--moves 15] [--rounds 3] [--sessions 40]``

Starts the app and a bare reference app (``bench/bare_app.py``: one slider and a caption) with
``streamlit run`` on free loopback ports, drives Debian's Chromium with Playwright, prints one
table and exits with status 1 when a goal of issue 7 is missed:

1. slider round trip: from the key press (ArrowRight/ArrowLeft on the focused slider) to the
   updated view: the script run that the move started has finished, its images have loaded and
   the browser has painted. Median of ``--moves`` × ``--rounds`` moves per slider, p95 too, and
   the ratio of medians to the bare app measured in the same run (rounds interleave the sliders
   and the bare app, so load from other processes falls on both); goal: ratio ≤ 1.2;
2. live while dragging: the mouse drags the /image rank slider (600×512 colour photograph) for
   ``--drag`` seconds; the live view counts its redraws; goal: ≥ 20 redraws per second;
   /reconstruct's heatmap is measured too (no goal);
3. cold start: first load of / and then of /image on the freshly started app server, from the
   request to the page finished and painted; goal: < 3 s each;
4. memory: ``--sessions`` sessions (Streamlit's WebSocket protocol, as in bench/load.py) each
   open every page of the app and stay connected; the server's RSS after that; goal: < 1 GB.

Timings come from the page itself (``performance.now()`` at the key event and after the paint),
so Playwright's own round trips are not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from e2e_support import CHROMIUM_ARGS, OUTPUT, chromium_path, start_server  # noqa: E402
from load import Session, percentile, rss_mb  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from lowrank import pages  # noqa: E402

ROUND_TRIP_RATIO = 1.2
LIVE_UPDATES_PER_S = 20.0
COLD_START_S = 3.0
RSS_LIMIT_MB = 1024.0


@dataclass(frozen=True)
class RankSlider:
    """A rank slider of the app: the page (path and query) and the slider's key."""

    label: str
    path: str
    key: str


#: Every slider in pages/ that sets a rank (directly, or through the energy it must keep).
RANK_SLIDERS = (
    RankSlider("/reconstruct k", "reconstruct?lang=en", "k"),
    RankSlider("/image k", "image?lang=en", "k"),
    RankSlider("/image energy → k", "image?lang=en&pick=energy", "energy"),
    RankSlider("/why_delta_w k", "why_delta_w?lang=en", "k"),
    RankSlider("/training r", "training?lang=en", "r"),
)
BARE = RankSlider("bare app (reference)", "?", "k")

# In-page probe, installed before the app's scripts: it counts the server's ``script_finished``
# messages (ForwardMsg field 6, read straight off the WebSocket), notes the time of the key event,
# and once a run has finished after it, waits for the status widget to go and every image to load,
# then for two animation frames (the browser has painted): that is the round trip's end.
PROBE = """
(() => {
  const state = { armed: false, start: null, finished: 0, done: null };
  window.__bench = state;
  const finishes = (bytes) => {  // top-level fields of a ForwardMsg: is field 6 (varint) there?
    let i = 0;
    const varint = () => { let v = 0, f = 1, b; do { b = bytes[i++]; v += (b & 127) * f; f *= 128; }
      while (b & 128); return v; };
    while (i < bytes.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
      if (field === 6 && wire === 0) return true;
      if (wire === 0) varint();
      else if (wire === 2) { const length = varint(); i += length; }
      else if (wire === 1) i += 8; else if (wire === 5) i += 4; else return false;
    }
    return false;
  };
  const settled = () => !document.querySelector('[data-testid="stStatusWidget"]')
    && [...document.images].every((img) => img.complete);
  const settle = () => {
    if (settled()) requestAnimationFrame(() => requestAnimationFrame(() => {
      if (state.done === null) state.done = performance.now();
    }));
    else requestAnimationFrame(settle);
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', async (event) => {
        const data = event.data instanceof Blob ? await event.data.arrayBuffer() : event.data;
        if (typeof data === 'string' || !finishes(new Uint8Array(data))) return;
        state.finished += 1;
        if (state.armed && state.start !== null && state.done === null) settle();
      });
    }
  };
  document.addEventListener('keydown', (e) => {
    if (state.armed && state.start === null) state.start = e.timeStamp;
  }, true);
})();
"""
LIVE_ROOTS = """
() => [...document.querySelectorAll('[data-testid="stBidiComponentIsolated"]')]
  .map((host) => host.shadowRoot?.querySelector('.lr-root')).filter(Boolean)
  .map((root) => ({ frames: Number(root.dataset.frames || 0), k: Number(root.dataset.k || 0) }))
"""
READY = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const live = [...document.querySelectorAll('[data-testid="stBidiComponentIsolated"]')]
    .map((host) => host.shadowRoot?.querySelector('.lr-root'));
  return !!main && !!main.querySelector('[data-testid="stElementContainer"]')
    && app.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && [...document.images].every((img) => img.complete)
    && live.every((root) => root && Number(root.dataset.frames || 0) > 0);
}
"""


def open_page(context, url: str, timeout_s: float = 120):
    """A new tab on ``url``, waited until the page is finished and painted."""
    tab = context.new_page()
    tab.goto(url, wait_until="commit")
    tab.wait_for_function(READY, polling="raf", timeout=timeout_s * 1000)
    return tab


def cold_start(browser, url: str) -> dict[str, float]:
    """Seconds from the request to the finished page, for / and then /image (first loads)."""
    times = {}
    for path in ("", "image"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
        started = time.perf_counter()
        open_page(context, f"{url}/{path}?lang=en")
        times[f"/{path}"] = time.perf_counter() - started
        context.close()
    return times


def round_trips(tab, key: str, moves: int) -> list[float]:
    """``moves`` key presses on the slider ``key``, each waited for; milliseconds each.

    The presses alternate (right, left, ...; left first at the slider's maximum), so the slider
    stays where the page put it and every press changes the value.
    """
    slider = tab.locator(f".st-key-{key} input[type='range']")
    slider.focus()
    at_max = slider.evaluate("(input) => Number(input.value) >= Number(input.max)")
    keys = ("ArrowLeft", "ArrowRight") if at_max else ("ArrowRight", "ArrowLeft")
    out = []
    for move in range(moves):
        tab.evaluate("() => Object.assign(__bench, { armed: true, start: null, done: null })")
        tab.keyboard.press(keys[move % 2])
        tab.wait_for_function("() => window.__bench.done !== null", polling=20, timeout=120_000)
        out.append(tab.evaluate("() => window.__bench.done - window.__bench.start"))
        tab.evaluate("() => { window.__bench.armed = false; }")
        tab.wait_for_timeout(150)
    return out


def live_drag(tab, key: str, seconds: float) -> tuple[float, float]:
    """Drag the slider ``key`` back and forth; (redraws per second, slider changes per second).

    Redraws are those the page's live views report (0 when the page has none).
    """
    track = tab.locator(f".st-key-{key} [data-testid='stSliderThumbValue']").bounding_box()
    bar = tab.locator(f".st-key-{key} [data-testid='stSliderTickBar']").bounding_box()
    y = track["y"] + track["height"] + 10
    x = track["x"] + track["width"] / 2
    tab.evaluate(f"""() => {{
      const input = document.querySelector('.st-key-{key} input[type="range"]');
      window.__changes = 0;
      new MutationObserver(() => window.__changes++).observe(input,
        {{ attributes: true, attributeFilter: ['value'] }});
    }}""")
    frames = lambda: sum(root["frames"] for root in tab.evaluate(LIVE_ROOTS))  # noqa: E731
    before = frames()
    tab.mouse.move(x, y)
    tab.mouse.down()
    started = time.perf_counter()
    low, high, step = bar["x"] + 4, bar["x"] + bar["width"] * 0.6, 3
    while time.perf_counter() - started < seconds:
        x += step
        if not low <= x <= high:
            step = -step
        tab.mouse.move(x, y)
    elapsed = time.perf_counter() - started
    after = frames()
    changes = tab.evaluate("() => window.__changes")
    tab.mouse.up()
    return (after - before) / elapsed, changes / elapsed


async def _hold_sessions(server, count: int, paths: list[str]) -> tuple[float, list[str]]:
    """``count`` protocol sessions, each opening every path in turn; the server's RSS (MB) once
    all are open and still connected, and the errors seen."""
    ws_url = server.url.replace("http://", "ws://") + "/_stcore/stream"
    errors: list[str] = []
    sockets = []
    try:
        for _ in range(count):
            ws = await connect(ws_url, subprotocols=["streamlit"], max_size=None,
                               ping_interval=None)
            sockets.append(ws)
            for path in paths:
                errors += (await Session(ws, path, "lang=en").run(120)).errors
        return rss_mb(server.process.pid), errors
    finally:
        for ws in sockets:
            await ws.close()


def memory_after_sessions(server, count: int) -> tuple[float, list[str]]:
    """Server RSS (MB) after ``count`` sessions on every page, and the errors seen."""
    paths = ["", *(page.url_path for page in pages.available())]
    return asyncio.run(_hold_sessions(server, count, paths))


def summary(values: list[float]) -> tuple[float, float]:
    """(median, p95)."""
    return statistics.median(values), percentile(values, 0.95)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=5, help="key presses per slider per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all sliders")
    parser.add_argument("--drag", type=float, default=3.0, help="seconds of dragging")
    parser.add_argument("--sessions", type=int, default=40)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(exist_ok=True)
    rows: list[tuple[str, str, str, bool]] = []
    app = start_server("app.py")
    bare = start_server("bench/bare_app.py")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            cold = cold_start(browser, app.url)
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
            context.add_init_script(PROBE)
            targets = [BARE, *RANK_SLIDERS]
            tabs = {
                t.label: open_page(context, f"{(bare if t is BARE else app).url}/{t.path}")
                for t in targets
            }
            samples: dict[str, list[float]] = {t.label: [] for t in targets}
            for _ in range(args.rounds):
                for t in targets:
                    tabs[t.label].bring_to_front()
                    samples[t.label] += round_trips(tabs[t.label], t.key, args.moves)
            image_tab = open_page(context, f"{app.url}/image?lang=en")
            live_photo = live_drag(image_tab, "k", args.drag)
            heatmap_tab = open_page(context, f"{app.url}/reconstruct?lang=en")
            live_heatmap = live_drag(heatmap_tab, "k", args.drag)
            browser.close()
        rss, errors = memory_after_sessions(app, args.sessions)
    finally:
        app.stop()
        bare.stop()

    bare_median, bare_p95 = summary(samples[BARE.label])
    rows.append((f"1 round trip: {BARE.label}",
                 f"median {bare_median:.0f} ms, p95 {bare_p95:.0f} ms", "reference", True))
    for t in RANK_SLIDERS:
        median, p95 = summary(samples[t.label])
        ratio = median / bare_median
        rows.append((f"1 round trip: {t.label}",
                     f"median {median:.0f} ms, p95 {p95:.0f} ms, ratio {ratio:.2f}",
                     f"ratio ≤ {ROUND_TRIP_RATIO}", ratio <= ROUND_TRIP_RATIO))
    rows.append(("2 live drag: /image photo 600×512 colour",
                 f"{live_photo[0]:.1f} redraws/s (slider moved {live_photo[1]:.0f}×/s)",
                 f"≥ {LIVE_UPDATES_PER_S:.0f}/s", live_photo[0] >= LIVE_UPDATES_PER_S))
    rows.append(("2 live drag: /reconstruct heatmap",
                 f"{live_heatmap[0]:.1f} redraws/s (slider moved {live_heatmap[1]:.0f}×/s)",
                 "(no goal)", True))
    for path, seconds in cold.items():
        rows.append((f"4 cold start: {path}", f"{seconds:.2f} s", f"< {COLD_START_S:.0f} s",
                     seconds < COLD_START_S))
    rows.append((f"5 memory: RSS after {args.sessions} sessions on every page",
                 f"{rss:.0f} MB" + (f" ({len(errors)} errors: {errors[0]})" if errors else ""),
                 f"< {RSS_LIMIT_MB:.0f} MB", rss < RSS_LIMIT_MB and not errors))

    samples_per = args.moves * args.rounds
    print(f"{time.strftime('%Y-%m-%d %H:%M')} · {samples_per} moves per slider · "
          f"drag {args.drag:.0f} s · headless Chromium")
    print("| goal | measured | target | ok |")
    print("| --- | --- | --- | --- |")
    for name, value, target, ok in rows:
        print(f"| {name} | {value} | {target} | {'yes' if ok else '**NO**'} |")
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
