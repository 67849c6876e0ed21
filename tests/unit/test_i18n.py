"""The catalogue is complete: both languages, the same fields, and every key used exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from lowrank import i18n, pages
from tests import zh_style

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("lowrank/**/*.py")]
# t("key"), .t('key'), i18n.t("key", ...) with a literal key
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.catalogue()))
def test_every_message_has_both_languages_with_the_same_fields(key):
    texts = i18n.catalogue()[key]
    assert set(texts) == set(i18n.LANGUAGES), f"{key}: languages {sorted(texts)}"
    assert all(texts[lang].strip() for lang in i18n.LANGUAGES), f"{key}: empty text"
    assert fields(texts["zh"]) == fields(texts["en"]), f"{key}: fields differ"


#: Keys whose Chinese is the note's own words, quoted as written (the note has ASCII commas).
NOTE_QUOTES = re.compile(r"\.(note|says)$")


@pytest.mark.parametrize("key", sorted(i18n.catalogue()))
def test_chinese_is_written_as_chinese(key):
    """Full-width punctuation after Chinese text, no spaces between Chinese characters."""
    if NOTE_QUOTES.search(key):
        return
    assert not zh_style.problems(i18n.catalogue()[key]["zh"]), key


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("笔记原文:", 1),
        ("两个小矩阵 A 和 B", 0),
        ("MiniLM 的 第 0 层", 1),
        ("前四列就够了,秩为 4", 1),
        ("笔记原文写的是“A是5×2矩阵 10 个参数, A是”", 0),
        ("min(k, 该层的秩)：", 0),
    ],
)
def test_the_chinese_style_check_itself(text, count):
    assert len(zh_style.problems(text)) == count


def test_every_literal_key_used_in_code_exists():
    used = {key for path in SOURCES for key in LITERAL_KEY.findall(path.read_text("utf-8"))}
    missing = sorted(key for key in used if key not in i18n.catalogue())
    assert not missing, f"keys used but not in the catalogue: {missing}"


def test_every_page_has_title_and_summary():
    for page in (pages.HOME, *pages.PAGES):
        for key in (page.title_key, page.summary_key):
            assert key in i18n.catalogue()


def test_error_keys_of_the_core_are_translated():
    used = set()
    for path in ROOT.glob("lowrank/**/*.py"):
        used |= set(
            re.findall(r"""InputError\(\s*["']([a-z0-9_.]+)["']""", path.read_text("utf-8"))
        )
    assert used, "the core raises typed errors"
    assert not sorted(key for key in used if key not in i18n.catalogue())


@pytest.mark.parametrize(
    ("locale", "lang"),
    [
        ("en-US", "en"),
        ("en", "en"),
        ("zh-CN", "zh"),
        ("zh_TW", "zh"),
        ("fr-FR", "zh"),
        (None, "zh"),
        ("", "zh"),
    ],
)
def test_language_from_locale(locale, lang):
    assert i18n.language_from_locale(locale) == lang


def test_t_fills_fields():
    assert i18n.t("url.invalid", "en", name="k", value="x").startswith("The link's parameter k=x")
