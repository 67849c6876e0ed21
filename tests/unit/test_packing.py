"""Packed factors for the live rank view: layout and round-trip error bounds against numpy."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from lowrank import packing, svd

shapes = st.tuples(st.integers(1, 30), st.integers(1, 30))
finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False, width=64)
matrices = shapes.flatmap(lambda shape: arrays(np.float64, shape, elements=finite))
SETTINGS = settings(max_examples=60, deadline=None)
#: Bound on |S_k(packed) − S_k(numpy)| in units of Σ_{i≤k} σᵢ (each layer's error is at most
#: its quantisation step times the largest entries, summed over the k layers).
RELATIVE_BOUND = {"float32": 1e-6, "int16": 1e-4, "int8": 2e-2}
#: float32 flushes magnitudes below ~1e-38 to zero (and quantised scales below ~1e-34).
ABSOLUTE_BOUND = 1e-30


@SETTINGS
@given(matrices, st.sampled_from(sorted(packing.DTYPES)), st.data())
def test_round_trip_stays_within_the_encodings_bound(matrix, dtype, data):
    d = svd.decompose(matrix)
    packed = packing.decode(packing.encode([d], dtype).blob())
    k = data.draw(st.integers(0, d.s.size))
    error = np.abs(packed.reconstruct(k)[0] - svd.reconstruct(d, k)).max(initial=0.0)
    assert error <= RELATIVE_BOUND[dtype] * float(np.sum(d.s[:k])) + ABSOLUTE_BOUND


def test_header_keeps_shape_and_meta():
    channels = [svd.decompose(np.arange(12.0).reshape(3, 4) + c) for c in range(3)]
    packed = packing.decode(packing.encode(channels, "int8").blob({"label": "秩 k"}))
    assert packed.header == {
        "label": "秩 k",
        "m": 3,
        "n": 4,
        "rank": 3,
        "channels": 3,
        "dtype": "int8",
    }
    assert len(packed.channels) == 3
    assert packed.channels[0].a.shape == (3, 3) and packed.channels[0].b.shape == (3, 4)


def test_layers_split_sigma_evenly():
    d = svd.decompose(np.random.default_rng(1).normal(size=(5, 7)))
    split = packing.layers(d)
    np.testing.assert_allclose(np.linalg.norm(split.a, axis=1), np.sqrt(d.s))
    np.testing.assert_allclose(np.linalg.norm(split.b, axis=1), np.sqrt(d.s))
    np.testing.assert_allclose(split.a.T @ split.b, svd.reconstruct(d, d.s.size), atol=1e-12)


def test_size_is_what_the_layout_says():
    m, n = 40, 30
    d = svd.decompose(np.random.default_rng(2).normal(size=(m, n)))
    for dtype, itemsize, scales in (("float32", 4, 0), ("int16", 2, 2 * 30 * 4), ("int8", 1, 240)):
        blob = packing.encode([d, d], dtype).blob()
        (length,) = np.frombuffer(blob, "<u4", count=1, offset=4)
        assert len(blob) == 8 + int(length) + 2 * (30 * (m + n) * itemsize + scales)


def test_zero_matrix_and_a_photo_like_picture():
    zero = packing.decode(packing.encode([svd.decompose(np.zeros((4, 3)))], "int8").blob())
    assert np.all(zero.reconstruct(3) == 0)
    rng = np.random.default_rng(3)
    smooth = np.cumsum(np.cumsum(rng.normal(size=(60, 50)), 0), 1)
    picture = np.clip(128 + 100 * smooth / np.abs(smooth).max(), 0, 255).round()
    d = svd.decompose(picture)
    exact = np.clip(np.rint(svd.reconstruct(d, 50)), 0, 255)
    shown = np.clip(np.rint(packing.decode(packing.encode([d]).blob()).reconstruct(50)[0]), 0, 255)
    assert np.abs(shown - exact).max() <= 1  # int16 (the default) is within one grey level


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        packing.encode([])
    with pytest.raises(ValueError):
        packing.encode([svd.decompose(np.ones((2, 3))), svd.decompose(np.ones((3, 2)))])
    with pytest.raises(ValueError):
        packing.decode(b"nope")


@pytest.mark.parametrize("dtype", ["int16", "int8"])
def test_rows_too_small_for_a_scale_are_sent_as_zeros(dtype):
    """All-zero rows and rows whose max|x|/qmax flushes to 0 in float32 get zeros and scale 1,
    without a 0/0 on the way; other rows are scaled by their own max|x|/qmax."""
    kind = packing.DTYPES[dtype]
    qmax = {"int16": 32767, "int8": 127}[dtype]
    rows = np.array([[0.0, 0.0, 0.0], [1e-46, -1e-46, 0.0], [4.0, -1.0, 0.0]])
    with np.errstate(divide="raise", invalid="raise"):
        ints, scales = packing._quantise(rows, kind)
    assert ints.dtype == kind and scales.dtype == np.float32
    np.testing.assert_array_equal(ints[:2], 0)
    np.testing.assert_array_equal(scales[:2], 1.0)
    assert scales[2] == np.float32(4.0 / qmax)
    # -1 / (4 / qmax) = -qmax / 4: -31.75 -> -32 (int8), -8191.75 -> -8192 (int16)
    np.testing.assert_array_equal(ints[2], [qmax, -((qmax + 1) // 4), 0])
