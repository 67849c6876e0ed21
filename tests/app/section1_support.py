"""Shared by the section-1 AppTests: open a page through the entry script, as the server does."""

from __future__ import annotations

import json

from apptest_support import ROOT
from streamlit.testing.v1 import AppTest

from lowrank import i18n


def open_section1(script: str, **params: str) -> AppTest:
    """Run ``pages/<script>`` under ``app.py`` (so the sidebar's page links resolve) with ``params``
    as its query string."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.switch_page(script)
    for name, value in params.items():
        app.query_params[name] = value
    return app.run()


def assert_clean(app: AppTest) -> None:
    """No exception and no error box on the page."""
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]


def shown_text(app: AppTest) -> str:
    """Every markdown, caption, info, success and warning text on the page, joined."""
    parts = [*app.markdown, *app.caption, *app.info, *app.success, *app.warning, *app.error]
    return "\n".join(str(part.value) for part in parts)


def chart_titles(app: AppTest) -> set[str]:
    """The titles of every Plotly chart on the page."""
    return {
        json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in app.get("plotly_chart")
    }


def t(key: str, lang: str, **params: object) -> str:
    return i18n.t(key, lang, **params)
