"""Shared by the AppTests of /svd and /reconstruct: checks and lookups on top of apptest_support."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from lowrank import i18n


def assert_clean(app: AppTest) -> None:
    """No exception and no error box on the page."""
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]


def chart_titles(app: AppTest) -> set[str]:
    """The titles of every Plotly chart on the page."""
    return {
        json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in app.get("plotly_chart")
    }


def t(key: str, lang: str, **params: object) -> str:
    return i18n.t(key, lang, **params)
