"""Every page as it renders in Chinese, fields filled in, written as Chinese (tests/zh_style.py).

The catalogue test checks the templates; this one also catches what only shows once a field is
filled (a Chinese name after a space: "MiniLM 的 第 0 层") or text a page joins itself (a label
and an ASCII colon), in what the run draws and in every position of its blocks'
texts.
"""

from __future__ import annotations

import pytest
from apptest_support import blocks, component_data, open_page

from lowrank import pages
from tests import zh_style

#: Non-default settings that bring out other texts (a thin SVD, a task, a Chinese field value).
EXTRA = [
    ("pages/2_svd.py", {"example": "random"}),
    ("pages/4_image.py", {"mode": "grey", "pick": "energy"}),
    ("pages/6_why_delta_w.py", {"shift": "rotate", "layer": "3", "minilm": "ffn_up"}),
    ("pages/8_training.py", {"rslora": "true", "random_init": "true"}),
]
CASES = [(page.script, {}) for page in (pages.HOME, *pages.PAGES)] + EXTRA


def block_texts(app) -> list[str]:
    """Every text of every position of the page's blocks (lowrank/ui/block.py): metrics, notes,
    sentences, each chart's titles, legend, hover texts, labels and text alternatives, table
    cells, picture titles and alternatives."""
    texts: list[str] = []
    for payload in blocks(app).values():
        for m in payload["metrics"]:
            texts += [m["label"], m["help"], *m["values"], *m["notes"]]
        texts += [text for sentence in payload["sentences"] for text in sentence["texts"]]
        for chart in payload["charts"]:
            texts += [chart["title"], chart["xLabel"], chart["yLabel"], chart["band"]]
            lead = chart.get("altLead", "")  # said before each position's alternative
            texts += [*(lead + alt for alt in chart["alts"]), *chart["markLabels"]]
            texts += [entry["label"] for entry in (*chart["lines"], *chart.get("levels", []))]
            for series in chart["series"]:
                texts += [series["name"], *series["hover"], *series["labels"]]
                texts += series.get("markLabels", [])
        for table in payload.get("tables", []):
            texts += [cell for rows in table["rows"] for row in rows for cell in row]
        for picture in payload.get("pictures", []):
            texts += [picture["title"], *picture["alts"]]
    return texts


@pytest.mark.parametrize(("script", "params"), CASES, ids=[f"{s}{p}" for s, p in CASES])
def test_rendered_chinese_is_written_as_chinese(script: str, params: dict[str, str]) -> None:
    app = open_page(script, lang="zh", **params)
    assert not app.exception
    kinds = (app.markdown, app.caption, app.info, app.success, app.warning, app.error)
    drawn = [element.value for kind in kinds for element in kind]
    drawn += [h.value for h in (*app.title, *app.header, *app.subheader)]
    drawn += [m.label for m in app.metric] + [m.value for m in app.metric]
    drawn += [e.label for e in app.expander] + block_texts(app)
    for layers in component_data(app, "lowrank_live_layers").values():  # /reconstruct's grid
        drawn += [*layers["titles"], layers["more"]]
    drawn += [picture.alt for element in app.get("image") for picture in element.proto.imgs]
    # a markdown block quote is the note's own words, quoted as written
    lines = [line for text in drawn for line in str(text).splitlines() if not line.startswith(">")]
    found = [problem for line in lines for problem in zh_style.problems(line)]
    assert not found, found
