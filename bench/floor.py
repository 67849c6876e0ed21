"""How far above a bare slider app can a page's round trip get? The floor of goal 1 (issue 7).

Usage: ``python bench/floor.py [--moves 5] [--rounds 4]``

Goal 1 asks every rank slider's round trip (key press to painted view) to stay within 1.2 × that
of a bare Streamlit app with one slider and a caption. This measures, the same way as
``bench/latency.py`` (same probe, same key presses, rounds interleaved), one-slider apps that each
add one thing the pages need, and prints their ratios to the bare app:

- the slider bound to the URL (``bind="query-params"``: ARCHITECTURE.md keeps a view in its
  link);
- that slider inside an ``st.fragment`` (how /reconstruct and /image rerun only their rank view);
- the bare app plus one small Plotly bar chart that changes with k (every rank page has several).

The apps are written to a temporary directory and served by ``streamlit run`` like the app.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(0, str(ROOT / "bench"))

from e2e_support import CHROMIUM_ARGS, chromium_path, start_server  # noqa: E402
from latency import PROBE, open_page, round_trips  # noqa: E402

_SLIDER = 'k = st.slider("k", 1, 100, 20, key="k"{bind})\nst.caption(f"k = {{k}}")\n'
VARIANTS = {
    "bare: slider + caption (bench/bare_app.py)": (ROOT / "bench" / "bare_app.py").read_text(),
    'slider bound to the URL (bind="query-params")': "import streamlit as st\n"
    + _SLIDER.format(bind=', bind="query-params"'),
    "bound slider inside an st.fragment": "import streamlit as st\n\n@st.fragment\ndef view():\n"
    + "".join(f"    {line}\n" for line in _SLIDER.format(bind=', bind="query-params"').splitlines())
    + "\nview()\n",
    "bare + one Plotly bar chart that changes with k": "import numpy as np\n"
    "import plotly.graph_objects as go\nimport streamlit as st\n"
    + _SLIDER.format(bind="")
    + "i = np.arange(1, 21)\n"
    'st.plotly_chart(go.Figure(go.Bar(x=i, y=21 - i, marker={"color": np.where(i <= k % 20,'
    ' "#1f77b4", "#c7c7c7")})), key="bars")\n',
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=5, help="key presses per app per round")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        servers = {}
        try:
            for i, (name, source) in enumerate(VARIANTS.items()):
                script = Path(folder) / f"variant_{i}.py"
                script.write_text(source, encoding="utf-8")
                servers[name] = start_server(str(script))
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium_path(), args=CHROMIUM_ARGS
                )
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.add_init_script(PROBE)
                tabs = {name: open_page(context, f"{s.url}/") for name, s in servers.items()}
                samples: dict[str, list[float]] = {name: [] for name in servers}
                for _ in range(args.rounds):
                    for name, tab in tabs.items():
                        tab.bring_to_front()
                        samples[name] += round_trips(tab, "k", args.moves)
                browser.close()
        finally:
            for server in servers.values():
                server.stop()

    bare = statistics.median(next(iter(samples.values())))
    print(f"{args.moves * args.rounds} moves per app · headless Chromium")
    print("| app (one slider) | median | ratio to bare |")
    print("| --- | --- | --- |")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"| {name} | {median:.0f} ms | {median / bare:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
