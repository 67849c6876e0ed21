"""Every page in a real browser, in each language: open it by deep link, move its main control with
the keyboard (or click it), and check that the numbers on screen move the way the maths says.
The Chinese deep links carry HTML in every URL-bound value: each gets a visible note, nothing is
injected, and the page runs on its defaults (which the checks below assume).

The expected numbers come from the core (``lowrank``) or from the catalogue's own sentences, so a
wrong number, a missing translation or a control that no longer reaches the page all fail here.
A failing test leaves a full-page screenshot in ``test-output/`` (the ``page`` fixture).
"""

from __future__ import annotations

import re
import sys
import time
from itertools import pairwise
from urllib.parse import urlencode

import numpy as np
import pytest
from e2e_support import ROOT, assert_no_error, flat_text, metric, wait_idle, wait_metric
from playwright.sync_api import expect

from lowrank import formatting as fmt
from lowrank import i18n, pages
from lowrank.examples import DEFAULT_EXAMPLE, example
from lowrank.finetune import LAYER_SIZES
from lowrank.image_source import builtin_image

sys.path.insert(0, str(ROOT / "tests" / "data"))

from make_corpus import FLAVOURS, URL_GROUPS, XSS, url_case

pytestmark = pytest.mark.e2e
LANGUAGES = i18n.LANGUAGES
TIMEOUT = 90_000


def template(key: str, lang: str) -> re.Pattern[str]:
    """A catalogue sentence as a regex: each ``{field}`` captures what the page put there."""
    parts = re.split(r"\{(\w+)\}", i18n.catalogue()[key][lang].replace("**", ""))
    seen: set[str] = set()
    pattern = ""
    for i, part in enumerate(parts):
        if i % 2 == 0:
            pattern += re.escape(part)
        elif part in seen:
            pattern += f"(?P={part})"
        else:
            seen.add(part)
            pattern += f"(?P<{part}>[^\n]+?)"
    return re.compile(pattern)


def sentence(tab, key: str, lang: str, **known: object) -> dict[str, str]:
    """The fields of sentence ``key`` once it is on the page with the ``known`` fields."""
    pattern = template(key, lang)
    deadline = time.monotonic() + TIMEOUT / 1000
    while True:
        body = flat_text(tab)  # with what the block renderer draws
        for found in pattern.finditer(body):
            fields = found.groupdict()
            if all(fields.get(name) == str(value) for name, value in known.items()):
                return fields
        if time.monotonic() > deadline:
            raise AssertionError(f"no sentence {key!r} with {known} on the page")
        tab.wait_for_timeout(250)


def wait_text(tab, text: str) -> None:
    tab.get_by_text(text, exact=False).first.wait_for(timeout=TIMEOUT)


def number(text: str) -> float:
    """The first number in ``text`` (commas as thousands separators)."""
    return float(re.search(r"-?[\d,]*\.?\d+", text).group().replace(",", ""))


def hostile_params(page_id: str, lang: str) -> dict[str, str]:
    """The page's URL-bound keys all set to HTML (Chinese runs); the defaults must then apply.

    The home page has only the language: its English run gets HTML there and falls back to the
    browser's locale (en-US).
    """
    if page_id == "home":
        return {"lang": XSS} if lang == "en" else {}
    if lang != "zh":
        return {}
    group = next(g for g in URL_GROUPS if g.page_id == page_id and not g.fixed)
    return url_case(group, FLAVOURS.index("html"))


def open_page(tab, url: str, page_id: str, lang: str) -> None:
    """Open the deep link (with HTML in its values, see ``hostile_params``) and check the page:
    its title in the asked language, a visible note per bad value, nothing injected."""
    hostile = hostile_params(page_id, lang)
    tab.add_init_script("window.__alerts = 0; window.alert = () => { window.__alerts += 1; };")
    path = "" if page_id == "home" else page_id
    tab.goto(f"{url}/{path}?{urlencode({'lang': lang, **hostile})}")
    wait_idle(tab, timeout=TIMEOUT)
    assert_no_error(tab)
    title = "app.name" if page_id == "home" else pages.by_id(page_id).title_key
    assert i18n.t(title, lang) in tab.locator("h1").first.inner_text()
    assert f"lang={lang}" in tab.url
    alerts = tab.locator("[data-testid='stAlert']")
    for name in hostile:
        note = i18n.t("url.invalid", lang, name=name, value=XSS)
        expect(alerts.filter(has_text=note), f"no visible note for {name}").to_have_count(1)
    nothing_injected(tab)


def nothing_injected(tab) -> None:
    """No element and no script came from user-provided HTML."""
    assert tab.locator("img[src='x']").count() == 0, "user-provided HTML became an element"
    assert tab.evaluate("window.__alerts") == 0, "user-provided script ran"


def done(tab) -> None:
    """The end of every test: no exception, nothing injected."""
    assert_no_error(tab)
    nothing_injected(tab)


def press(tab, slider: str, key: str = "ArrowRight") -> None:
    """Focus the thumb of the slider whose widget key is ``slider`` and press a key, as a student
    using the keyboard. (By key, not by position: under load the n-th slider of a page still being
    drawn was once another one.)"""
    thumb = tab.locator(f".st-key-{slider}").get_by_role("slider")
    thumb.focus()
    thumb.press(key)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_language_switch(server, page, lang):
    open_page(page, server.url, "home", lang)
    other = next(code for code in LANGUAGES if code != lang)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("radio", name=i18n.LANGUAGE_NAMES[other]).click()
    page.wait_for_url(f"**lang={other}**", timeout=TIMEOUT)
    wait_idle(page)
    assert page.locator("h1").first.inner_text().strip() == i18n.t("app.name", other)
    done(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_svd_full_toggle_shows_the_full_shapes(server, page, lang):
    open_page(page, server.url, "svd", lang)
    d, k = example(DEFAULT_EXAMPLE).shape
    wait_text(page, i18n.t("svd.shapes.thin", lang, d=d, k=k, p=min(d, k)))
    page.get_by_text(i18n.t("svd.full", lang)).click()
    page.wait_for_url("**full=true**", timeout=TIMEOUT)
    wait_text(page, i18n.t("svd.shapes.full", lang, d=d, k=k))
    done(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reconstruct_rank_moves_the_energy(server, page, lang):
    sigma = np.linalg.svd(example(DEFAULT_EXAMPLE), compute_uv=False)
    kept = np.cumsum(sigma**2) / np.sum(sigma**2)
    open_page(page, server.url, "reconstruct", lang)
    label = i18n.t("rec.m.energy", lang)
    wait_metric(page, label, fmt.percent(kept[0]))
    press(page, "k")
    page.wait_for_url(re.compile(r".*[?&]k=2\b.*"), timeout=TIMEOUT)
    wait_metric(page, label, fmt.percent(kept[1]))
    done(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_image_rank_sharpens_the_picture(server, page, lang):
    open_page(page, server.url, "image", lang)
    labels = [i18n.t(f"image.metric.{name}", lang) for name in ("energy", "psnr", "stored")]
    rank = i18n.t("image.metric.k", lang)
    wait_metric(page, rank, "20")
    before = [number(metric(page, label)) for label in labels]
    press(page, "k")
    wait_metric(page, rank, "21")
    page.wait_for_url(re.compile(r".*[?&]k=21\b.*"), timeout=TIMEOUT)
    wait_idle(page)
    after = [number(metric(page, label)) for label in labels]
    energy, psnr, stored = zip(before, after, strict=True)
    assert energy[1] >= energy[0] and psnr[1] > psnr[0], (before, after)
    m, n = builtin_image("photo").pixels.shape[:2]
    assert stored[1] == pytest.approx(100 * 21 * (m + n + 1) / (m * n), abs=0.05)
    done(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_why_delta_w_rank_keeps_more_energy(server, page, lang):
    open_page(page, server.url, "why_delta_w", lang)
    before = sentence(page, "s2.why.finding", lang, k=8)
    press(page, "k")
    page.wait_for_url(re.compile(r".*[?&]k=9\b.*"), timeout=TIMEOUT)
    after = sentence(page, "s2.why.finding", lang, k=9)
    for name in ("delta", "mlp", "minilm", "random"):
        assert number(after[name]) >= number(before[name]), (name, before, after)
    assert number(after["random"]) > number(before["random"])  # a flat spectrum: every σ counts
    done(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_parameters_rank_three_costs_more_than_delta_w(server, page, lang):
    open_page(page, server.url, "parameters", lang)
    total = i18n.t("s2.par.m_total", lang)
    assert metric(page, total, nth=1) == "18"  # r = 2: 5·2 + 2·4
    press(page, "r")
    page.wait_for_url(re.compile(r".*[?&]r=3\b.*"), timeout=TIMEOUT)
    wait_metric(page, total, "27")  # r = 3: 5·3 + 3·4 = 27 > 20
    assert sentence(page, "par.loses", lang, r=3)["lora"] == "27"
    done(page)


def lora_count(rank: int) -> int:
    """Numbers in A and B over every layer: r(d + k) each."""
    return rank * sum(a + b for a, b in pairwise(LAYER_SIZES))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_training_rank_doubles_the_trained_numbers(server, page, lang):
    open_page(page, server.url, "training", lang)
    assert sentence(page, "training.budget", lang)["lora"] == f"{lora_count(4):,}"
    press(page, "r")  # r: 4 → 8
    page.wait_for_url(re.compile(r".*[?&]r=8\b.*"), timeout=TIMEOUT)
    sentence(page, "training.budget", lang, lora=f"{lora_count(8):,}")
    done(page)
