"""Typed errors for bad user input.

They carry a catalogue key and parameters, never a translated string, so the core stays free of any
language and the page shows the message in the reader's language: ``t(err.key, **err.params)``.
"""

from __future__ import annotations


class InputError(ValueError):
    """User input that cannot be used (empty, non-finite, wrong shape, too large, unreadable...)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(f"{key} {params}" if params else key)
        self.key = key
        self.params = params
