"""What a page knows of itself: its id, its language and whether it is on a projector.

Its own module so that the frame, the widgets and presentation mode can all use it without
importing one another in a circle (the frame draws with the widgets; they take a Frame).
"""

from __future__ import annotations

from dataclasses import dataclass

from lowrank import i18n

#: The query parameter holding the language; always present in the URL so shared links agree.
LANGUAGE_KEY = "lang"


@dataclass(frozen=True)
class Frame:
    """What a page needs from the frame: its id, the language and a translator bound to it, and
    whether it is drawn for a projector (``?present=1``: a page may then put its main control
    and numbers first, see :mod:`lowrank.ui.present`)."""

    lang: str
    page_id: str = ""
    presenting: bool = False

    def t(self, key: str, **params: object) -> str:
        """The catalogue message ``key`` in this page's language."""
        return i18n.t(key, self.lang, **params)
