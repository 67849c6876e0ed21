"""Content digests: cache keys that depend on what an input holds, not on where it came from."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Hashable, Mapping

import numpy as np


def array_digest(array: np.ndarray) -> str:
    """SHA-256 of an array's dtype, shape and bytes (two equal arrays share one cache entry)."""
    contiguous = np.ascontiguousarray(array)
    hasher = hashlib.sha256(f"{contiguous.dtype.str}{contiguous.shape}".encode())
    hasher.update(contiguous.data)
    return hasher.hexdigest()


def content_key(value: object) -> Hashable:
    """A hashable key that is equal for equal contents: arrays by digest, dataclasses by fields.

    For caching pure functions by their arguments across sessions. Types it cannot key by
    content (functions, open files, arbitrary objects) raise TypeError rather than be keyed by
    identity, which would share a wrong result.
    """
    if value is None or isinstance(value, bool | int | float | str | bytes):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return ("ndarray", array_digest(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (type(value).__qualname__, *(content_key(getattr(value, f.name)) for f in fields))
    if isinstance(value, list | tuple):
        return (type(value).__name__, *(content_key(item) for item in value))
    if isinstance(value, Mapping):
        return ("mapping", *sorted((str(k), content_key(v)) for k, v in value.items()))
    raise TypeError(f"no content key for {type(value).__name__}")
