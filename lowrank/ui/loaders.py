"""Cached computations shared by every session.

Expensive results are cached with ``st.cache_resource`` keyed by a content digest, so 40 students
on the same example share one computation; the arrays they hold are read-only. Arguments whose
name starts with an underscore are not hashed by Streamlit: the digest stands in for them.
"""

from __future__ import annotations

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


@st.cache_resource(max_entries=1024, show_spinner=False)
def _shared_result(
    name: str, key: Hashable, _build: Callable[..., Any], _args: tuple, _kwargs: dict
) -> Any:
    return _build(*_args, **_kwargs)


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
    return _shared_result(name, key, build, args, kwargs)
