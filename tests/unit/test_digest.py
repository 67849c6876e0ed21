"""Content keys: equal contents give equal keys, any difference a different key."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from lowrank.digest import array_digest, content_key
from lowrank.svd import SVD
from lowrank.views.svd import Panel

ARRAYS = hnp.arrays(
    np.float64, hnp.array_shapes(max_dims=2, max_side=6), elements=st.floats(-1e6, 1e6)
)


@given(ARRAYS)
def test_equal_arrays_share_a_key_and_copies_do_too(array: np.ndarray) -> None:
    assert content_key(array) == content_key(array.copy()) == ("ndarray", array_digest(array))
    hash(content_key(array))


@given(ARRAYS)
def test_a_changed_entry_changes_the_key(array: np.ndarray) -> None:
    changed = array.copy()
    changed.flat[0] += 1.0
    assert content_key(changed) != content_key(array)


def test_shape_and_dtype_are_part_of_an_arrays_key() -> None:
    a = np.arange(6.0)
    assert content_key(a) != content_key(a.reshape(2, 3))
    assert content_key(a) != content_key(a.astype(np.float32))


def test_dataclasses_are_keyed_by_their_fields() -> None:
    m = np.eye(2)
    assert content_key(Panel("S", "s", m, 2)) == content_key(Panel("S", "s", m.copy(), 2))
    assert content_key(Panel("S", "s", m, 2)) != content_key(Panel("S", "s", m, 3))
    assert content_key(Panel("S", "s", m, 2)) != content_key(Panel("S₂", "s", m, 2))
    svd = SVD(np.eye(2), np.ones(2), np.eye(2))
    assert content_key(svd) != content_key(SVD(np.eye(2), np.array([1.0, 0.5]), np.eye(2)))


def test_containers_and_scalars() -> None:
    assert content_key((1, "a", None)) != content_key([1, "a", None])  # kind is part of the key
    assert content_key({"b": 1, "a": 2}) == content_key({"a": 2, "b": 1})
    assert content_key(np.float64(0.5)) == content_key(0.5)
    assert content_key((1, 2)) != content_key((2, 1))


@pytest.mark.parametrize("value", [lambda: 0, object(), {1, 2}, [np.eye(2), print]])
def test_what_cannot_be_keyed_by_content_is_refused(value: object) -> None:
    with pytest.raises(TypeError):
        content_key(value)
