"""The language catalogue: every visible string, in Chinese and English.

Messages live in ``lowrank/locales/<module>.py`` as ``MESSAGES = {key: {"zh": ..., "en": ...}}``;
each page's texts sit in a module of their own and are merged here, so nobody edits one giant
file. A key defined twice is an error. Messages with parameters use ``str.format`` fields
(``{rank}``); such a message must double any literal brace (``{{`` in LaTeX).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

LANGUAGES: tuple[str, ...] = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
LANGUAGE_NAMES: dict[str, str] = {"zh": "中文", "en": "English"}


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """All messages, merged from every module in ``lowrank.locales``."""
    import lowrank.locales as package

    merged: dict[str, dict[str, str]] = {}
    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        for key, texts in module.MESSAGES.items():
            if key in merged:
                raise ValueError(f"message key {key!r} defined twice (again in {module_info.name})")
            merged[key] = texts
    return merged


def t(key: str, lang: str, **params: object) -> str:
    """The message ``key`` in ``lang``, with ``params`` filled in."""
    text = catalogue()[key][lang]
    return text.format(**params) if params else text


def language_from_locale(locale: str | None) -> str:
    """The app language for a browser locale such as ``en-US`` or ``zh-CN`` (default: Chinese)."""
    primary = (locale or "").replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE
