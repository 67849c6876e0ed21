"""How Chinese is written in this app: full-width punctuation after Chinese text, and no spaces
between Chinese characters. Used on the catalogue (tests/unit/test_i18n.py) and on what each
page renders in Chinese (tests/app/test_zh_rendered.py), where fields are filled in."""

from __future__ import annotations

import re

#: CJK ideographs (the characters of Chinese words; not punctuation, not Greek or maths).
CJK = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
#: ASCII punctuation that Chinese text writes full-width. Parentheses are left out: formulas such
#: as min(k, 该层的秩) or √(SᵀS 的特征值) keep ASCII ones, and prose uses （） already.
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_ASCII_AFTER_CJK = re.compile(CJK + "[" + re.escape("".join(FULL_WIDTH)) + "]")
_SPACE_BETWEEN_CJK = re.compile(CJK + r"[ \u00a0]+" + CJK)
#: The note's own words, quoted verbatim inside “…”, keep the note's punctuation.
_QUOTED = re.compile("“[^”]*”")


def problems(text: str) -> list[str]:
    """Each place in ``text`` that breaks the rules, with a little context."""
    unquoted = _QUOTED.sub("“”", text)
    found = [
        f"ASCII {m.group()[-1]!r} after Chinese: {context(unquoted, m)}"
        for m in _ASCII_AFTER_CJK.finditer(unquoted)
    ]
    found += [
        f"space between Chinese characters: {context(unquoted, m)}"
        for m in _SPACE_BETWEEN_CJK.finditer(unquoted)
    ]
    return found


def context(text: str, match: re.Match[str]) -> str:
    """The match with eight characters either side."""
    return repr(text[max(0, match.start() - 8) : match.end() + 8])
