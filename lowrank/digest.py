"""Content digests: cache keys that depend on what an input holds, not on where it came from."""

from __future__ import annotations

import hashlib

import numpy as np


def array_digest(array: np.ndarray) -> str:
    """SHA-256 of an array's dtype, shape and bytes (two equal arrays share one cache entry)."""
    contiguous = np.ascontiguousarray(array)
    hasher = hashlib.sha256(f"{contiguous.dtype.str}{contiguous.shape}".encode())
    hasher.update(contiguous.data)
    return hasher.hexdigest()


def bytes_digest(data: bytes) -> str:
    """SHA-256 of raw bytes (an uploaded file)."""
    return hashlib.sha256(data).hexdigest()
