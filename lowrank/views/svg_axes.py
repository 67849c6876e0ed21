"""The axes of the block renderer's charts (:mod:`lowrank.views.block`): an axis' range and its
readable ticks, linear or log₁₀ (:func:`linear_ticks`, :func:`log_ticks`), computed here so that
the browser only maps numbers to pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

#: Superscript digits and minus, for 10^k tick labels.
SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@dataclass(frozen=True)
class Axis:
    """One axis: its title, linear or log₁₀, its extent and the text after each tick label."""

    title: str = ""
    log: bool = False
    #: The axis' ends in data units (on a log axis, the values themselves, not their log);
    #: None: the series' extent, widened by ``pad``.
    range: tuple[float, float] | None = None
    pad: float = 0.0  #: share of the span added at each end of an automatic range
    suffix: str = ""  #: after each tick label ("%")


@dataclass(frozen=True)
class Tick:
    """A tick at ``value`` (data units), labelled ``text`` with ``power`` as its exponent."""

    value: float
    text: str
    power: str = ""  #: a superscript after the text: 10^k is Tick(10**k, "10", "k")

    @property
    def label(self) -> str:
        """The label as plain text (the exponent in superscript digits)."""
        return self.text + self.power.translate(SUPERSCRIPT)


# --- ticks ------------------------------------------------------------------------------------


def _nice_step(span: float, target: int) -> float:
    """The smallest 1, 2 or 5 × 10^e at least ``span / target``."""
    raw = span / max(target, 1)
    exponent = math.floor(math.log10(raw))
    for mantissa in (1, 2, 5, 10):
        step = mantissa * 10.0**exponent
        if step >= raw * (1 - 1e-9):
            return step
    return 10.0 ** (exponent + 1)  # pragma: no cover - 10 always qualifies


def _decimal(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return "0" if float(text) == 0 else text


def linear_ticks(low: float, high: float, target: int = 6, suffix: str = "") -> list[Tick]:
    """Ticks at multiples of a nice step (1, 2 or 5 × 10^e, about ``target`` of them) within
    [low, high]."""
    if not high > low:
        return [Tick(low, _decimal(low, 6).rstrip("0").rstrip(".") + suffix)]
    step = _nice_step(high - low, target)
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [Tick(i * step, _decimal(i * step, decimals) + suffix) for i in range(first, last + 1)]


def _plain(exponent: int) -> str:
    """10^exponent written out: 0.01, 0.1, 1, 10, 100, 1000."""
    return f"{10.0**exponent:.{max(0, -exponent)}f}"


def log_ticks(low: float, high: float, suffix: str = "") -> list[Tick]:
    """Ticks for a log₁₀ axis over [low, high] (data values > 0).

    Up to three decades: 1, 2 and 5 × 10^k, written out (1, 2, 5, 10, 20 …). More: the decades,
    written out from 0.01 to 1000 (1, 10, 100 …) and as 10^k beyond, every m-th decade when there
    are more than eight. Within less than a decade: linear ticks between the ends.
    """
    lo, hi = math.log10(low), math.log10(high)
    first, last = math.ceil(lo - 1e-9), math.floor(hi + 1e-9)
    plain = first >= -2 and last <= 3
    if hi - lo <= 3 and plain:
        ticks = [
            Tick(m * 10.0**e, _decimal(m * 10.0**e, max(0, -e)) + suffix)
            for e in range(first - 1, last + 1)
            for m in (1, 2, 5)
            if lo - 1e-9 <= e + math.log10(m) <= hi + 1e-9
        ]
    else:
        every = max(1, math.ceil((last - first + 1) / 8))
        exponents = [e for e in range(first, last + 1) if e % every == 0]
        ticks = [
            Tick(10.0**e, _plain(e) + suffix)
            if plain or e in (0, 1)
            else Tick(10.0**e, "10", str(e) + suffix)
            for e in exponents
        ]
    if len(ticks) >= 2:
        return ticks
    return [tick for tick in linear_ticks(low, high, 4, suffix) if tick.value > 0]


# --- texts and ranges -----------------------------------------------------------------------------


def axis_range(values: np.ndarray, axis: Axis) -> tuple[float, float]:
    """The axis' ends in axis units (log₁₀ on a log axis)."""
    if axis.range is not None:
        low, high = (math.log10(v) for v in axis.range) if axis.log else axis.range
        pad = 0.0
    else:
        units = np.log10(values) if axis.log else values
        low, high = float(units.min()), float(units.max())
        pad = axis.pad * (high - low)
    if high - low <= 1e-12 * max(1.0, abs(low)):
        half = 0.5 if axis.log else max(0.5, abs(low) * 0.05)
        return low - half, high + half
    return low - pad, high + pad


def axis_ticks(axis: Axis, ends: tuple[float, float]) -> list[Tick]:
    """The ticks of ``axis`` between ``ends`` (axis units, as :func:`axis_range` gives them)."""
    if axis.log:
        return log_ticks(10 ** ends[0], 10 ** ends[1], axis.suffix)
    return linear_ticks(*ends, suffix=axis.suffix)
