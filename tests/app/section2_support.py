"""Open a section 2 page in AppTest the way a browser does: through the app's entry point.

``apptest_support.open_page`` runs a script as the entry point, which breaks ``st.page_link`` back
to ``app.py`` in the frame's navigation; here the app starts at ``app.py`` and switches page.
"""

from __future__ import annotations

from apptest_support import ROOT
from streamlit.testing.v1 import AppTest


def open_section2(script: str, timeout: float = 120, **params: str) -> AppTest:
    """Run ``pages/<script>`` with ``params`` as its query string."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for name, value in params.items():
        app.query_params[name] = value
    app.switch_page(f"pages/{script}")
    return app.run()


def shown_text(app: AppTest) -> str:
    """Markdown, captions, alerts and metrics of a run, joined (to look for computed numbers)."""
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption]
    parts += [a.value for kind in (app.info, app.success, app.warning, app.error) for a in kind]
    parts += [f"{m.label}: {m.value}" for m in app.metric]
    return "\n".join(parts)
