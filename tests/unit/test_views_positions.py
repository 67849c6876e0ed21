"""A slider's positions: values to positions, clipped at the ends, and what is refused."""

from __future__ import annotations

import pytest

from lowrank.views.positions import Positions


def test_positions_map_slider_values_and_clip() -> None:
    energy = Positions(50.0, 0.1, 500)  # an energy target from 50.0 % in steps of 0.1
    assert energy.index(50.0) == 0 and energy.index(93.5) == 435 and energy.index(99.9) == 499
    assert energy.index(20.0) == 0 and energy.index(120.0) == 499
    assert Positions(0, 1, 5).index(3) == 3  # a select_slider reports its option's index
    assert Positions(5, 1, 1).index(9) == 0  # a slider of one position is allowed
    for bad in ((1, 0, 4), (1, 1, 0), (float("nan"), 1, 3)):
        with pytest.raises(ValueError):
            Positions(*bad)
