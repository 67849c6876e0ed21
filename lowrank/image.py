"""Low-rank compression of pictures: one SVD per channel, the rank-k picture and its numbers.

A picture is a uint8 array, (h, w, 3) in colour or (h, w) in grey. Each channel is a matrix and is
decomposed with :func:`lowrank.svd.decompose`; the rank-k picture is the rank-k reconstruction of
every channel, rounded and clipped to 0…255. Where pictures come from (built-in images, checked
uploads) is :mod:`lowrank.image_source`.

Measured on this 2-core machine (shared, so ± 20 %; medians of 5 runs, float64, three channels):
- full SVD (scipy, gesdd): 0.2 s for the 600×512 photograph, 0.75 s for a 1024×874 photograph,
  1.35 s for 1024×1024 noise — inside the 2 s goal for an upload at the working size;
- scikit-learn's ``randomized_svd`` is no faster at these sizes (0.5–0.8 s for 50–200 components)
  and only approximate (σ₁…σ₂₀₀ off by up to 2 % on the photograph, 5 % on noise), while the slider
  needs every rank up to min(m, n), the energy curve needs every σ, and full rank must give the
  image back exactly. So the full SVD is used;
- a thread pool over the three channels does not help: scipy's LAPACK wrapper keeps the GIL
  (three threads with one BLAS thread each: 1.02 s against 1.02 s sequential) and OpenBLAS already
  uses both cores inside one SVD. The channels are decomposed one after the other;
- when the machine is oversubscribed (load average 11–20 on 2 cores while others ran tests), the
  same 1024×874 SVD took 6.8–46 s with OpenBLAS's 2 threads, 1.7–4.7 s with 1 thread: spinning
  BLAS threads suffer most from contention. A server for a whole class may do better with
  ``OPENBLAS_NUM_THREADS=1`` (a deployment setting, measured here, not set by this module).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from PIL import Image

from lowrank.svd import (
    SVD,
    cumulative_energy,
    decompose,
    numerical_rank,
    rank_for_energy,
    readonly,
    reconstruct,
    storage,
)

#: Channel names in colour mode.
CHANNELS: tuple[str, ...] = ("R", "G", "B")
#: How much the error image amplifies |original − reconstruction|.
ERROR_GAIN: int = 4
#: ITU-R BT.601 luma weights, the same as Pillow's conversion to "L".
_LUMA = np.array([0.299, 0.587, 0.114])


# --- decomposition and reconstruction ---------------------------------------------------------


def to_grey(pixels: np.ndarray) -> np.ndarray:
    """Greyscale (h, w) uint8 from RGB with the BT.601 luma weights (as Pillow's "L")."""
    grey = np.clip(np.rint(pixels[..., :3].astype(np.float64) @ _LUMA), 0, 255).astype(np.uint8)
    return readonly(grey)


@dataclass(frozen=True)
class ImageSVD:
    """One SVD per channel of a picture: three for colour, one for grey."""

    channels: tuple[SVD, ...]

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns) of each channel."""
        return self.channels[0].shape

    @property
    def max_rank(self) -> int:
        """min(m, n): the largest rank the slider can ask for."""
        return int(self.channels[0].s.size)

    @property
    def colour(self) -> bool:
        """True for an RGB decomposition."""
        return len(self.channels) == 3

    def spectrum(self) -> np.ndarray:
        """√(Σ_c σ_{c,i}²): its energy shares are those of the whole picture (all channels)."""
        return np.sqrt(sum(svd.s.astype(np.float64) ** 2 for svd in self.channels))


#: Threads the app gives a colour picture's channel SVDs (:func:`decompose_image`'s ``workers``):
#: one per channel. On 2 cores, 1024×1024 colour took 0.96–1.00 s with 3 and 1.19–1.21 s with 2.
CHANNEL_WORKERS = 3


def decompose_image(pixels: np.ndarray, workers: int = 1) -> ImageSVD:
    """SVD of each channel of a (h, w) or (h, w, 3) picture; equal channels are decomposed once.

    With ``workers`` > 1 the distinct channels are decomposed in that many threads at once
    (numpy's LAPACK call releases the GIL): on two cores a 1024×1024 colour picture then takes
    1.0–1.1 s instead of 1.9–2.5 s (bench/compute.py).
    """
    if pixels.ndim == 2:
        return ImageSVD((decompose(pixels),))
    channels = [pixels[:, :, c] for c in range(pixels.shape[2])]
    first_equal = [
        next(i for i in range(c + 1) if np.array_equal(channels[i], channels[c]))
        for c in range(len(channels))
    ]
    distinct = sorted(set(first_equal))
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(distinct)))) as pool:
        results = pool.map(lambda c: decompose(channels[c]), distinct)
        svds = dict(zip(distinct, results, strict=True))
    return ImageSVD(tuple(svds[c] for c in first_equal))


def _as_pixels(channels: Sequence[np.ndarray]) -> np.ndarray:
    """Float channels rounded, clipped and stacked as one uint8 picture.

    The float arrays (fresh results of the callers) are rounded in place, and each channel is
    made uint8 before stacking: a third of the time on a 1024×1024 picture.
    """
    pixels = [np.clip(np.rint(c, out=c), 0, 255, out=c).astype(np.uint8) for c in channels]
    return np.stack(pixels, axis=-1) if len(pixels) > 1 else pixels[0]


def reconstruct_image(decomposition: ImageSVD, k: int) -> np.ndarray:
    """The rank-k picture: each channel's best rank-k approximation, rounded, clipped, uint8.

    Read-only: the page shares one picture per rank among its sessions.
    """
    return readonly(_as_pixels([reconstruct(svd, k) for svd in decomposition.channels]))


def error_image(
    original: np.ndarray, approximation: np.ndarray, gain: int = ERROR_GAIN
) -> np.ndarray:
    """|original − approximation| × ``gain``, clipped to uint8 (black: no error)."""
    difference = np.abs(original.astype(np.int32) - approximation.astype(np.int32)) * gain
    return np.clip(difference, 0, 255).astype(np.uint8)


#: Rank-1 layers are shown as thumbnails no longer than this on a side (four side by side on the
#: page, ~190 px each at 1280 px): four layers of a 1024×874 upload, as 342×292, take 52 ms to
#: make instead of 190 and 108 ms instead of 688 to encode as PNG (a ninth of the pixels).
LAYER_SIDE = 384


def _block_means(vector: np.ndarray, factor: int) -> np.ndarray:
    """Means of consecutive blocks of ``factor`` entries (the last block may be shorter)."""
    blocks = -(-vector.size // factor)
    padded = np.zeros(blocks * factor)
    padded[: vector.size] = vector
    counts = np.full(blocks, float(factor))
    counts[-1] = vector.size - (blocks - 1) * factor
    return padded.reshape(blocks, factor).sum(axis=1) / counts


def layer_images(
    decomposition: ImageSVD, count: int, max_side: int | None = None
) -> list[np.ndarray]:
    """The first ``count`` rank-1 layers σᵢ uᵢ vᵢᵀ as pictures, each scaled to its own range.

    A layer has negative entries, so it is shown around mid-grey: 128 is zero, lighter is
    positive, darker is negative, and the largest magnitude of the layer reaches 1 or 255
    (128 ± 127, symmetric about zero).
    Layers beyond a channel's numerical rank (σᵢ at rounding-error level) are exactly zero, so
    they show flat grey rather than amplified rounding noise. With ``max_side`` a larger layer
    is averaged over blocks of f×f pixels (f the smallest factor that fits it): for a rank-1
    matrix that is exactly σᵢ (uᵢ averaged over the row blocks)(vᵢ averaged over the column
    blocks)ᵀ, so the thumbnail costs no more than its own pixels.
    """
    count = min(count, decomposition.max_rank)
    m, n = decomposition.shape
    factor = -(-max(m, n) // max_side) if max_side else 1
    shape = (-(-m // factor), -(-n // factor))
    ranks = [numerical_rank(svd.s, svd.shape) for svd in decomposition.channels]
    pictures = []
    for i in range(count):  # one layer at a time, in place
        layer = [
            np.outer(_block_means(svd.u[:, i], factor) * svd.s[i], _block_means(svd.vt[i], factor))
            if i < rank
            else np.zeros(shape)
            for svd, rank in zip(decomposition.channels, ranks, strict=True)
        ]
        peak = max(float(np.abs(c).max()) for c in layer) or 1.0
        for c in layer:
            c *= 127 / peak
            c += 128
        pictures.append(_as_pixels(layer))
    return pictures


# --- the numbers ------------------------------------------------------------------------------


def psnr_of_ranks(decomposition: ImageSVD) -> np.ndarray:
    """PSNR in dB of S_k (before rounding) at every k = 1…min(m, n), from the singular values.

    By Eckart–Young ‖S_c − S_{c,k}‖_F² = Σ_{i>k} σ_{c,i}², so over every pixel value of every
    channel MSE_k = Σ_c Σ_{i>k} σ_{c,i}² / (channels·m·n), in the 0…255 scale of the pixels, and
    PSNR_k = 10·log₁₀(255² / MSE_k). Singular values beyond a channel's numerical rank are the
    rounding noise of exact zeros and count as zero: a k that keeps the whole rank gives ∞, as
    exact arithmetic would (and as full rank always does). The tails are summed from the
    smallest σ up, so a small error is not lost to cancellation.
    """
    m, n = decomposition.shape
    tails = np.zeros(decomposition.max_rank)
    for svd in decomposition.channels:
        squares = np.asarray(svd.s, dtype=np.float64) ** 2
        squares[numerical_rank(svd.s, svd.shape) :] = 0.0
        after = np.cumsum(squares[::-1])[::-1]  # after[i] = Σ_{j ≥ i} σ_j² (0-based)
        tails[:-1] += after[1:]  # at k = i + 1, what is dropped starts at index k
    mse = tails / (len(decomposition.channels) * m * n)
    with np.errstate(divide="ignore"):
        return np.where(mse > 0, 10 * np.log10(255.0**2 / np.maximum(mse, 1e-300)), np.inf)


def break_even_rank(m: int, n: int) -> int:
    """The smallest k whose factors take at least as many numbers as the pixels: k(m+n+1) ≥ m·n."""
    return -(-m * n // (m + n + 1))


@dataclass(frozen=True)
class RankNumbers:
    """Everything the page states about the rank-k picture."""

    k: int
    energy_kept: float  #: share of Σ σ² kept, all channels together
    channel_energy_kept: tuple[float, ...]  #: the same per channel
    psnr_db: float  #: of S_k before rounding, from the singular values (:func:`psnr_of_ranks`)
    stored: int  #: numbers kept: k(m + n + 1) per channel
    original: int  #: m·n per channel
    ratio: float  #: stored / original

    @property
    def saves(self) -> bool:
        """True when the factors take fewer numbers than the pixels."""
        return self.stored < self.original


def every_rank(decomposition: ImageSVD) -> tuple[RankNumbers, ...]:
    """The numbers for k = 1…min(m, n), in order (entry k − 1 is rank k), from the spectra alone.

    Cheap: a few cumulative sums (1024 ranks of a colour picture in about a millisecond), so a
    page can describe every position of its rank slider.
    """
    m, n = decomposition.shape
    channels = len(decomposition.channels)
    per_channel = [cumulative_energy(svd.s) for svd in decomposition.channels]
    total = cumulative_energy(decomposition.spectrum())
    psnr_db = psnr_of_ranks(decomposition)
    pixels = channels * m * n
    numbers = []
    for i in range(decomposition.max_rank):
        stored = channels * storage(m, n, i + 1)
        numbers.append(
            RankNumbers(
                k=i + 1,
                energy_kept=float(total[i]),
                channel_energy_kept=tuple(float(kept[i]) for kept in per_channel),
                psnr_db=float(psnr_db[i]),
                stored=stored,
                original=pixels,
                ratio=stored / pixels,
            )
        )
    return tuple(numbers)


def numbers_at(decomposition: ImageSVD, k: int) -> RankNumbers:
    """The numbers for rank k (1 ≤ k ≤ min(m, n)); ``ValueError`` outside that range."""
    if not 1 <= k <= decomposition.max_rank:
        raise ValueError(f"rank k={k} outside 1..{decomposition.max_rank}")
    return every_rank(decomposition)[k - 1]


def energy_curves(decomposition: ImageSVD) -> np.ndarray:
    """Cumulative energy kept at k = 1…min(m, n): one row per channel, then the whole picture."""
    rows = [cumulative_energy(svd.s) for svd in decomposition.channels]
    return np.vstack([*rows, cumulative_energy(decomposition.spectrum())])


def rank_for_share(decomposition: ImageSVD, share: float) -> int:
    """Smallest k that keeps ``share`` of the whole picture's energy (the auto mode)."""
    return rank_for_energy(decomposition.spectrum(), share)


def ranks_for_shares(decomposition: ImageSVD, shares: Sequence[float]) -> tuple[int, ...]:
    """:func:`rank_for_share` for many shares at once (an energy slider's every position)."""
    kept = cumulative_energy(decomposition.spectrum())
    wanted = np.asarray(shares, dtype=np.float64)
    if np.any((wanted <= 0) | (wanted > 1)):
        raise ValueError("shares must lie in (0, 1]")
    return tuple(int(i) + 1 for i in np.searchsorted(kept, wanted - 1e-12))


def channel_ranks_for_share(decomposition: ImageSVD, share: float) -> tuple[int, ...]:
    """Smallest k per channel that keeps ``share`` of that channel's energy."""
    return tuple(rank_for_energy(svd.s, share) for svd in decomposition.channels)


# --- downloads --------------------------------------------------------------------------------


def png_bytes(pixels: np.ndarray, smallest: bool = True) -> bytes:
    """A picture as PNG file bytes, lossless.

    ``smallest``: maximum compression, for downloads and size comparisons; otherwise the fastest
    compression, for showing a picture (a 1024×874 photograph: 0.06 s and 1.17 MB against 1.0 s
    and 0.99 MB).
    """
    out = io.BytesIO()
    options = {"optimize": True} if smallest else {"compress_level": 1}
    Image.fromarray(np.ascontiguousarray(pixels)).save(out, format="PNG", **options)
    return out.getvalue()


def kilobytes(data: bytes) -> float:
    """Size of a file in KB (1 KB = 1024 bytes)."""
    return len(data) / 1024


def spectrum_csv(decomposition: ImageSVD) -> bytes:
    """Singular values and cumulative energy per channel as UTF-8 CSV, one row per index i."""
    names = CHANNELS if decomposition.colour else ("grey",)
    curves = energy_curves(decomposition)
    header = ["i", *(f"sigma_{c}" for c in names), *(f"energy_kept_{c}" for c in names)]
    if decomposition.colour:
        header.append("energy_kept_all")
    else:
        curves = curves[:1]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for i in range(decomposition.max_rank):
        sigmas = [f"{svd.s[i]:.10g}" for svd in decomposition.channels]
        writer.writerow([i + 1, *sigmas, *(f"{row[i]:.10g}" for row in curves)])
    return out.getvalue().encode("utf-8")
