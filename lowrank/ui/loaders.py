"""Cached computations shared by every session.

Expensive results are cached with ``st.cache_resource`` keyed by a content digest, so 40 students
on the same example share one computation; the arrays they hold are read-only. Arguments whose
name starts with an underscore are not hashed by Streamlit: the digest stands in for them.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from lowrank import svd
from lowrank.digest import array_digest


@st.cache_resource(max_entries=128, show_spinner=False)
def _svd_by_digest(digest: str, full: bool, _matrix: np.ndarray) -> svd.SVD:
    return svd.decompose(_matrix, full=full)


def cached_svd(matrix: np.ndarray, full: bool = False) -> svd.SVD:
    """The SVD of ``matrix``, computed once per distinct content and shared across sessions."""
    return _svd_by_digest(array_digest(matrix), full, matrix)
