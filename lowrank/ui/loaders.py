"""Cached computations shared by every session.

Expensive results are kept in the process (``st.cache_resource``, or :class:`SharedResults` for
:func:`shared`) keyed by a content digest, so 40 students on the same example share one
computation; the arrays they hold are read-only. Arguments whose
name starts with an underscore are not hashed by Streamlit: the digest stands in for them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import numpy as np
import streamlit as st

from lowrank import svd
from lowrank.digest import array_digest, content_key

T = TypeVar("T")


@st.cache_resource(max_entries=128, show_spinner=False)
def _svd_by_digest(digest: str, full: bool, _matrix: np.ndarray) -> svd.SVD:
    return svd.decompose(_matrix, full=full)


def cached_svd(matrix: np.ndarray, full: bool = False) -> svd.SVD:
    """The SVD of ``matrix``, computed once per distinct content and shared across sessions."""
    return _svd_by_digest(array_digest(matrix), full, matrix)


class SharedResults:
    """The latest ``size`` results by key, each built once: callers asking for a key being built
    wait for it (a class opening one example at once builds it once).

    A dictionary lookup, where ``st.cache_resource`` hashed the key again with Streamlit's hasher
    and took its locks on every call: that was about 5 % of a /reconstruct slider move.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._results: OrderedDict[Hashable, Any] = OrderedDict()
        self._building: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The result kept for ``key``, else ``build()`` kept for it."""
        with self._lock:
            if key in self._results:
                self._results.move_to_end(key)
                return self._results[key]
            building = self._building.setdefault(key, threading.Lock())
        with building:
            with self._lock:
                if key in self._results:  # built while this caller waited
                    return self._results[key]
            try:
                value = build()
            finally:
                with self._lock:
                    self._building.pop(key, None)
            with self._lock:
                self._results[key] = value
                while len(self._results) > self._size:
                    self._results.popitem(last=False)
            return value


_SHARED = SharedResults(1024)


def shared(build: Callable[..., T], *args: object, **kwargs: object) -> T:
    """``build(*args, **kwargs)``, computed once per distinct argument contents and shared by
    every session (a class on one example shares one set of figures and numbers).

    For pure functions only, and the result must not be changed by the caller: it is one object
    for everyone. Arguments are keyed by content (:func:`lowrank.digest.content_key`), so two
    equal matrices share an entry and a function or other unkeyable argument is refused.
    Measured on /reconstruct: building its Plotly figures and numbers was about a fifth of the
    server's time per slider move (bench/README.md).
    """
    return _shared(build, content_key((args, kwargs)), args, kwargs)


def shared_on(
    digest: str, build: Callable[..., T], subject: object, *args: object, **kwargs: object
) -> T:
    """:func:`shared` for ``build(subject, *args, **kwargs)`` where ``subject`` is large and is
    known by ``digest`` (the photograph's decomposition by its pixels' digest): hashing it on
    every call would cost more than the build saves."""
    key = ("digest", digest, content_key((args, kwargs)))
    return _shared(build, key, (subject, *args), kwargs)


def _shared(build: Callable[..., T], key: Hashable, args: tuple, kwargs: dict) -> T:
    name = f"{build.__module__}.{build.__qualname__}"
    if "<" in name:  # a lambda or local function: its name does not say what it computes
        raise TypeError(f"shared needs a named module-level function, not {name}")
    return _SHARED.get((name, key), lambda: build(*args, **kwargs))
