"""lowrank.ui.loaders.shared: one result per distinct argument contents, for every session,
kept by SharedResults (the latest results, each built once)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from lowrank.analysis import rank_k
from lowrank.svd import decompose
from lowrank.ui.loaders import SharedResults, shared, shared_on


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


def test_the_latest_results_are_kept_and_the_oldest_dropped() -> None:
    results = SharedResults(2)
    calls: list[str] = []

    def build(name: str):
        return lambda: calls.append(name) or name.upper()

    assert [results.get(key, build(key)) for key in ("a", "b", "a", "c")] == ["A", "B", "A", "C"]
    assert calls == ["a", "b", "c"]  # "a" was asked again before "c": "b" is the oldest
    assert results.get("a", build("a")) == "A" and results.get("b", build("b")) == "B"
    assert calls == ["a", "b", "c", "b"]


def test_callers_asking_for_a_key_being_built_wait_for_it_and_share_it() -> None:
    results = SharedResults(8)
    started, release = threading.Event(), threading.Event()
    builds: list[int] = []

    def slow() -> list[int]:
        builds.append(1)
        started.set()
        release.wait(10)
        return builds

    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(results.get, "key", slow)
        started.wait(10)
        others = [pool.submit(results.get, "key", slow) for _ in range(3)]
        release.set()
        values = [first.result(10)] + [future.result(10) for future in others]
    assert builds == [1] and all(value is builds for value in values)


def test_a_failed_build_is_not_kept() -> None:
    results = SharedResults(2)

    def fail() -> int:
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        results.get("key", fail)
    assert results.get("key", lambda: 3) == 3
