"""lowrank.ui.loaders.shared: one result per distinct argument contents, for every session."""

from __future__ import annotations

import numpy as np
import pytest

from lowrank.analysis import rank_k
from lowrank.svd import decompose
from lowrank.ui.loaders import shared, shared_on


def test_equal_contents_share_one_result_and_different_ones_do_not() -> None:
    matrix = np.arange(12.0).reshape(4, 3) ** 1.5
    first = shared(rank_k, matrix, decompose(matrix), 2)
    assert shared(rank_k, matrix.copy(), decompose(matrix.copy()), 2) is first
    assert shared(rank_k, matrix, decompose(matrix), 1) is not first
    expected = np.linalg.norm(matrix - first.approx, "fro")
    np.testing.assert_allclose(first.frobenius_direct, expected)
    with pytest.raises(ValueError):  # read-only: one object for everyone
        first.approx[0, 0] = 1.0


def test_shared_on_keys_the_subject_by_its_digest() -> None:
    a, b = np.ones((2, 2)), np.zeros((2, 2))
    assert shared_on("same digest", np.sum, a) == 4.0
    assert shared_on("same digest", np.sum, b) == 4.0  # the caller vouches that digest names it
    assert shared_on("other digest", np.sum, b) == 0.0


def test_unnamed_builders_and_unkeyable_arguments_are_refused() -> None:
    def local() -> int:
        return 1

    for build in (lambda: 1, local):
        with pytest.raises(TypeError):
            shared(build)
    with pytest.raises(TypeError):
        shared(np.sum, object())
