"""A slider's positions: the one index both the core's payloads and the browser's renderers use.

A block (:mod:`lowrank.views.block`) or a live view (``lowrank/ui/live_rank.py``) holds what it
shows at every position of its slider; position i is the slider's value ``start + i·step``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Positions:
    """A slider's positions: position i has the value ``start + i·step`` (``count`` of them).

    A ``st.slider`` over the integers 1…K is ``Positions(1, 1, K)``; a ``st.select_slider``
    reports the index of its option, so it is ``Positions(0, 1, len(options))``.
    """

    start: float
    step: float
    count: int

    def __post_init__(self) -> None:
        if self.count < 1 or not self.step > 0 or not math.isfinite(self.start):
            raise ValueError(f"positions need count ≥ 1 and a step > 0: {self}")

    def index(self, value: float) -> int:
        """The position of a slider value (clipped to the ends), as the browser computes it."""
        return min(self.count - 1, max(0, round((value - self.start) / self.step)))
