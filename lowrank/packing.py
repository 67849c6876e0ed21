"""Compact SVD factors for a browser that redraws S_k itself (the live rank view).

Each channel's S = UΣVᵀ is sent as layers aᵢ = √σᵢ·uᵢ (length m) and bᵢ = √σᵢ·vᵢ (length n), so
that the rank-k picture is Σ_{i≤k} aᵢ bᵢᵀ and one more rank is one rank-1 update. Splitting √σᵢ
between both sides keeps aᵢ and bᵢ on the same scale, which is what quantisation wants.

Encodings (``dtype``):
- ``float32``: 4 bytes a number, for small matrices whose heatmap prints numbers;
- ``int16`` / ``int8``: each layer vector quantised with its own scale max|x|/(2^(b−1)−1).
  Measured on the 600×512 colour photograph (bench/compute.py): int16 is 3.4 MB and its rank-k
  pictures differ from numpy's by at most 1 grey level on ≤ 0.3 % of pixels; int8 is 1.7 MB and
  off by up to 4 levels (mean 0.5).

The blob is one ``bytes`` object (Streamlit sends raw bytes without base64):
``b"LRK1"``, a little-endian uint32 header length, the UTF-8 JSON header, then per channel the
a-layers (p×m) and the b-layers (p×n), row-major, and for quantised encodings the float32 scales
(p for a, then p for b) after each channel's layers.
The header holds ``m``, ``n``, ``rank``, ``channels``, ``dtype`` and whatever ``meta`` the caller
adds (its content digest); ``lowrank/ui/live_factors.js`` reads the same layout.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from lowrank.svd import SVD

MAGIC = b"LRK1"
DTYPES: dict[str, np.dtype] = {
    "float32": np.dtype("<f4"),
    "int16": np.dtype("<i2"),
    "int8": np.dtype("i1"),
}


@dataclass(frozen=True)
class Layers:
    """One channel's layers: ``a`` is (p, m), ``b`` is (p, n); S_k = a[:k].T @ b[:k]."""

    a: np.ndarray
    b: np.ndarray


@dataclass(frozen=True)
class Packed:
    """Decoded blob: the header and the (dequantised, float32) layers of every channel."""

    header: dict[str, object]
    channels: tuple[Layers, ...]

    def reconstruct(self, k: int) -> np.ndarray:
        """Rank-k matrices from the packed layers, shape (channels, m, n), float64."""
        return np.stack(
            [c.a[:k].T.astype(np.float64) @ c.b[:k].astype(np.float64) for c in self.channels]
        )


def layers(decomposition: SVD) -> Layers:
    """The split layers aᵢ = √σᵢ uᵢ and bᵢ = √σᵢ vᵢ (float64, exact)."""
    root = np.sqrt(decomposition.s)
    p = root.size
    return Layers(a=(decomposition.u[:, :p] * root).T, b=decomposition.vt[:p] * root[:, None])


def _quantise(rows: np.ndarray, dtype: np.dtype) -> tuple[np.ndarray, np.ndarray]:
    """Each row scaled by its own max|x|/qmax and rounded: (integers, float32 scales).

    A row whose scale rounds to 0 in float32 (all zero, or max|x| below about 1e-45·qmax, some
    1e-41 for int16) is sent as zeros; a row just above that gets a subnormal scale, whose
    rounding error (8 % at 1e-40) is far below anything a picture or a matrix shows.
    """
    qmax = np.iinfo(dtype).max
    scales = (np.abs(rows).max(axis=1, initial=0.0) / qmax).astype(np.float32)
    usable = scales > 0
    scales[~usable] = 1.0
    ints = np.clip(np.rint(rows / scales[:, None]), -qmax, qmax) * usable[:, None]
    return ints.astype(dtype), scales


@dataclass(frozen=True)
class Encoded:
    """Packed layers of one decomposition; :meth:`blob` adds a header with the caller's meta."""

    header: dict[str, object]  #: m, n, rank, channels, dtype
    payload: bytes

    def blob(self, meta: Mapping[str, object] | None = None) -> bytes:
        """The bytes the browser reads (see the module docstring)."""
        text = json.dumps({**(meta or {}), **self.header}, ensure_ascii=False).encode()
        return b"".join([MAGIC, struct.pack("<I", len(text)), text, self.payload])


def encode(channels: Sequence[SVD], dtype: str = "int16") -> Encoded:
    """Pack the SVDs of one or more equal-shaped channels (see the module docstring)."""
    if not channels:
        raise ValueError("no channel to pack")
    kind = DTYPES[dtype]
    m, n = channels[0].shape
    rank = int(channels[0].s.size)
    if any(c.shape != (m, n) or c.s.size != rank for c in channels):
        raise ValueError("channels differ in shape")
    parts = []
    for channel in channels:
        split = layers(channel)
        if kind.kind == "f":
            parts += [split.a.astype(kind).tobytes(), split.b.astype(kind).tobytes()]
        else:
            (qa, sa), (qb, sb) = _quantise(split.a, kind), _quantise(split.b, kind)
            parts += [qa.tobytes(), qb.tobytes(), sa.tobytes(), sb.tobytes()]
    header = {"m": m, "n": n, "rank": rank, "channels": len(channels), "dtype": dtype}
    return Encoded(header, b"".join(parts))


def decode(blob: bytes) -> Packed:
    """Read a blob back (what the browser does), layers dequantised to float32."""
    if blob[:4] != MAGIC:
        raise ValueError("not a packed-factors blob")
    (length,) = struct.unpack_from("<I", blob, 4)
    header = json.loads(blob[8 : 8 + length].decode())
    kind = DTYPES[header["dtype"]]
    m, n, p = header["m"], header["n"], header["rank"]
    offset = 8 + length

    def take(count: int, dtype: np.dtype) -> np.ndarray:
        nonlocal offset
        out = np.frombuffer(blob, dtype=dtype, count=count, offset=offset)
        offset += count * dtype.itemsize
        return out

    decoded = []
    for _ in range(header["channels"]):
        a = take(p * m, kind).reshape(p, m).astype(np.float32)
        b = take(p * n, kind).reshape(p, n).astype(np.float32)
        if kind.kind != "f":
            a *= take(p, DTYPES["float32"])[:, None]
            b *= take(p, DTYPES["float32"])[:, None]
        decoded.append(Layers(a, b))
    return Packed(header, tuple(decoded))
