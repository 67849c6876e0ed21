"""How the app writes a number: significant digits, percentages, powers of ten, subscripts.

One module, so that every page writes the same number the same way (one rule for percentages
near 0 and 100 %, one minus sign). Screen-reader texts and chart labels use these too.
"""

from __future__ import annotations

import numpy as np

from lowrank.analysis import chop

#: A share this close to 1 is 1: the rounding of the sums it is a ratio of (Σ σᵢ² over k of n
#: terms against all n is 1 − 2e-16 at k = n), not something lost.
ROUNDING_NOISE = 1e-12
_SUBSCRIPT_DIGITS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def subscript(n: int) -> str:
    """``n`` in subscript digits (S₁₂ for S_12), for titles that cannot typeset maths."""
    return str(n).translate(_SUBSCRIPT_DIGITS)


def number(value: complex | float, digits: int = 4, scale: float | None = None) -> str:
    """``value`` with ``digits`` significant digits; complex as ``a + bi`` (``−`` for minus).

    With ``scale``, rounding noise (|value| ≤ 1e-10 · scale) is shown as 0.
    """
    z = complex(value)
    if scale is not None:
        z = complex(chop(np.array([z]), scale)[0])
    if z.imag == 0:
        text = f"{z.real:.{digits}g}"
    else:
        sign = "+" if z.imag > 0 else "−"
        text = f"{z.real:.{digits}g} {sign} {abs(z.imag):.{digits}g}i"
    return text.replace("-", "−")


def power(sign: float, log10_abs: float, digits: int = 6) -> str:
    """sign · 10^log10_abs, plainly when moderate, else as ``m × 10ⁿ`` (sizes beyond a float)."""
    if sign == 0 or log10_abs == -np.inf:
        return "0"
    if abs(log10_abs) < 12:
        return number(sign * 10.0**log10_abs, digits)
    exponent = int(np.floor(log10_abs))
    mantissa = number(sign * 10.0 ** (log10_abs - exponent), 4)
    return f"{mantissa} × 10{str(exponent).translate(_SUPERSCRIPT_DIGITS)}"


def percent(share: float, decimals: int = 2) -> str:
    """A share in [0, 1] as a percentage that never rounds a difference away.

    A share below 1 that would round to 100 % reads "> 99.99%", and a share above 0 that would
    round to 0 % reads "< 0.01%" (for two decimals): 99.996 % kept is not everything, and 0.004 %
    of the parameters is not none. Within :data:`ROUNDING_NOISE` of 1 a share is all of it.
    """
    text = f"{share:.{decimals}%}"
    step = 10.0 ** -(decimals + 2)  # the smallest share the decimals can show
    if share < 1 - ROUNDING_NOISE and text == f"{1:.{decimals}%}":
        return f"> {1 - step:.{decimals}%}"
    if share > 0 and text == f"{0:.{decimals}%}":
        return f"< {step:.{decimals}%}"
    return text


def reading(value: float) -> str:
    """A positive reading as a student would say it: three significant digits, with thousands
    separators instead of an exponent for large values (9,870 and 0.00123, not 9.87e+03)."""
    short = f"{value:.3g}"
    if abs(float(short)) >= 1000:  # also 999.6, which three digits round up to 1e+03
        return f"{value:,.0f}"
    return short
