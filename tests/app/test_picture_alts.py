"""Every picture a page shows has a text alternative in the page's language (a screen reader
reads it in place of the picture): the photographs, heatmaps, SVG charts and diagrams."""

from __future__ import annotations

import pytest
from apptest_support import blocks, open_page

from lowrank import i18n, pages
from lowrank.image import ERROR_GAIN

#: The default view of every page, and settings that show other pictures (the error picture, a
#: grey picture, the upload-free colour layers).
CASES = [(page.script, {}) for page in (pages.HOME, *pages.PAGES)] + [
    ("pages/4_image.py", {"mode": "grey"}),
]


def alts(app) -> list[str]:
    return [picture.alt for element in app.get("image") for picture in element.proto.imgs]


@pytest.mark.parametrize(("script", "params"), CASES, ids=[f"{s}{p}" for s, p in CASES])
def test_every_picture_has_a_text_alternative(script: str, params: dict[str, str]) -> None:
    app = open_page(script, lang="en", **params)
    assert not app.exception
    found = alts(app)
    assert all(alt.strip() for alt in found), found
    assert not any(any("\u4e00" <= ch <= "\u9fff" for ch in alt) for alt in found), found


def test_the_error_picture_says_what_it_shows() -> None:
    app = open_page("pages/4_image.py", lang="zh", k="7")
    app.toggle(key="image_show_error").set_value(True).run()
    assert not app.exception
    expected = i18n.t("image.alt.error", "zh", k=7, gain=ERROR_GAIN, psnr="").split("PSNR")[0]
    assert any(alt.startswith(expected) for alt in alts(app)), alts(app)


def test_the_blocks_picture_alt_follows_r_with_its_picture() -> None:
    app = open_page("pages/7_parameters.py", lang="en")
    payload = blocks(app)["par_size"]  # drawn by the block renderer, with an alt at every r
    count = payload["positions"]["count"]
    for spec in [*payload["pictures"], *payload["charts"]]:
        assert len(spec["alts"]) == count and all(alt.strip() for alt in spec["alts"])
        assert len(set(spec["alts"])) == count  # one per rank: each says its r
