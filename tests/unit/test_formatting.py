"""How numbers are written: lowrank.formatting, the one module every page uses."""

import numpy as np
import pytest

from lowrank import formatting as fmt


def test_number() -> None:
    assert fmt.number(30.29694) == "30.3"
    assert fmt.number(-2.4961) == "−2.496"
    assert fmt.number(1.5309 + 1.3764j) == "1.531 + 1.376i"
    assert fmt.number(-0.083 - 0.4257j) == "−0.083 − 0.4257i"
    assert fmt.number(7.1e-15, 2) == "7.1e−15"
    assert fmt.number(7.1e-15, 4, scale=30.0) == "0"
    assert fmt.number(0.5, 4, scale=30.0) == "0.5"


def test_number_signs_and_unit_imaginary_parts() -> None:
    assert fmt.number(2 + 1j) == "2 + 1i"  # an imaginary part of exactly 1 is complex too
    assert fmt.number(1 + 0.5j) == "1 + 0.5i" and fmt.number(1 - 0.5j) == "1 − 0.5i"
    assert fmt.number(np.pi) == "3.142"  # four significant digits by default


def test_power() -> None:
    assert fmt.power(-1.0, np.log10(2.5)) == "−2.5"
    assert fmt.power(0.0, -np.inf) == "0"
    assert fmt.power(1.0, 450.30103) == "2 × 10⁴⁵⁰"
    assert fmt.power(-1.0, -20.0) == "−1 × 10⁻²⁰"


def test_power_defaults_and_its_switch_at_ten_to_the_twelve() -> None:
    assert fmt.power(1.0, np.log10(np.pi)) == "3.14159"  # six significant digits
    assert fmt.power(1.0, 11.0) == "1e+11"
    assert fmt.power(1.0, 12.0) == "1 × 10¹²"  # |log₁₀| = 12 is no longer "moderate"
    assert fmt.power(1.0, -12.0) == "1 × 10⁻¹²"
    assert fmt.power(1.0, 100 + np.log10(1.23456)) == "1.235 × 10¹⁰⁰"  # 4-digit mantissa
    assert fmt.power(0.0, 450.0) == "0"  # a zero sign is 0 whatever the exponent
    assert fmt.power(1.0, -np.inf) == "0" and fmt.power(-1.0, -np.inf) == "0"


def test_percent_never_rounds_a_difference_away() -> None:
    assert fmt.percent(0.5) == "50.00%" and fmt.percent(1.0) == "100.00%"
    assert fmt.percent(0.998369) == "99.84%"
    assert fmt.percent(0.99996) == "> 99.99%" and fmt.percent(0.99996, 1) == "> 99.9%"
    assert fmt.percent(0.9994, 1) == "99.9%"
    assert fmt.percent(0.0) == "0.00%"
    assert fmt.percent(0.00004) == "< 0.01%" and fmt.percent(0.0004, 1) == "< 0.1%"
    assert fmt.percent(0.0006, 1) == "0.1%"
    full = np.sum(np.arange(1.0, 129.0)[:128] ** 2) / np.sum(np.arange(1.0, 129.0) ** 2)
    assert fmt.percent(1 - 2e-16) == fmt.percent(full) == "100.00%"  # float rounding, not a loss
    assert fmt.percent(1 - 2e-12) == "> 99.99%"
    assert fmt.percent(1 - fmt.ROUNDING_NOISE) == "100.00%"  # the boundary itself is all of it


@pytest.mark.parametrize("decimals", range(7))  # 1e-(d+4) stays above ROUNDING_NOISE
def test_percent_at_either_end_is_the_nearest_value_it_can_show(decimals: int) -> None:
    tiny = 10.0 ** -(decimals + 4)  # rounds to 0 % (or, taken from 1, to 100 %) at these decimals
    assert fmt.percent(1 - tiny, decimals) == f"> {100 - 10.0**-decimals:.{decimals}f}%"
    assert fmt.percent(1.0, decimals) == f"{100:.{decimals}f}%"
    assert fmt.percent(tiny, decimals) == f"< {10.0**-decimals:.{decimals}f}%"
    assert fmt.percent(0.0, decimals) == f"{0:.{decimals}f}%"


def test_subscript() -> None:
    assert fmt.subscript(12) == "₁₂"
    assert fmt.subscript(0) == "₀"


def test_reading_is_as_a_student_would_say_it() -> None:
    assert fmt.reading(9870.4) == "9,870"
    assert fmt.reading(123456.0) == "123,456"
    assert fmt.reading(999.4) == "999"
    assert fmt.reading(1000.0) == "1,000"  # the boundary itself: separators, no 1e+03
    assert fmt.reading(1000.4) == "1,000"
    assert fmt.reading(999.6) == "1,000"  # three digits round it up: still no exponent
    assert fmt.reading(-999.6) == "-1,000"
    assert fmt.reading(3.14159) == "3.14"
    assert fmt.reading(0.00123456) == "0.00123"
