"""Everything a session's first run would import or fill lazily, done once per server process.

Why: sessions run their pages in parallel script threads, and a class opens a freshly started
server at once. A heavy module imported for the first time on one script thread is visible in
``sys.modules`` while it is still initialising, and plotly's validators look pandas up there
without importing it (``get_module("pandas", should_load=False)``): a figure built meanwhile on
another thread failed with "partially initialized module 'pandas' has no attribute 'Series'"
(issue 14; /why_delta_w and /training import pandas at their top).

Python's import lock does not prevent it: a thread importing ``lowrank.ui.block`` does not wait
for the package ``lowrank.ui`` to finish initialising once it is in ``sys.modules``. So every page
calls :func:`ready` first (in :func:`lowrank.ui.frame.frame`), which warms the process once under
a process-wide lock: the first session does the work, the others wait for it, later runs pay one
attribute read. A page's own top-level imports may run meanwhile; they are plain imports, which
the warm-up's imports wait for.

Only third-party modules and the core's own pure caches are touched here.
"""

from __future__ import annotations

import importlib
import io
import threading

_LOCK = threading.Lock()
_warmed = False

#: Imported in this order (a library before the ones that look it up), fully, before any page.
MODULES: tuple[str, ...] = (
    "numpy",
    "pandas",
    "pyarrow",  # Streamlit's dataframes travel as Arrow
    "scipy.linalg",
    "scipy.sparse.linalg",
    "sklearn.datasets",
    "PIL.Image",
    "PIL.PngImagePlugin",
    "matplotlib",
    "matplotlib.font_manager",  # builds or reads the font list
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",  # imported by a figure's first savefig
    "plotly.graph_objects",
    "plotly.subplots",
    "plotly.io",
    "plotly.colors",
)


def ready() -> None:
    """Return once this process is warm (:func:`warm` has run once, on whichever thread came
    first); every other thread waits here for it."""
    global _warmed
    if _warmed:
        return
    with _LOCK:
        if not _warmed:
            warm()
            _warmed = True


def warm() -> None:
    """Import :data:`MODULES` and fill the lazily built caches a first page run would fill."""
    for name in MODULES:
        importlib.import_module(name)
    _warm_plotly()
    _warm_matplotlib()
    _warm_pillow()
    from lowrank import i18n

    i18n.catalogue()


def _warm_plotly() -> None:
    """Plotly loads its validators' JSON, the templates and the trace classes on first use."""
    import plotly.graph_objects as go
    import plotly.io as pio
    from plotly.subplots import make_subplots

    figure = make_subplots(rows=1, cols=2)
    figure.add_trace(go.Scatter(x=[1, 2], y=[3, 4], mode="lines+markers"), row=1, col=1)
    figure.add_trace(go.Bar(x=["a"], y=[1]), row=1, col=2)
    figure.update_layout(template="plotly", title="warm", shapes=[{"type": "line"}])
    pio.to_json(figure, validate=True)


def _warm_matplotlib() -> None:
    """Matplotlib finds and opens its fonts on the first text it draws (CJK for zh titles)."""
    from matplotlib.figure import Figure

    from lowrank.views import slides

    figure = Figure(figsize=(1, 1), dpi=20)
    figure.suptitle("低秩 warm", fontfamily=slides.FONTS)
    figure.savefig(io.BytesIO(), format="png")


def _warm_pillow() -> None:
    """Pillow registers its image plugins on the first open."""
    from PIL import Image

    Image.init()
