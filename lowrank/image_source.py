"""Where a picture comes from: the built-in images and safe uploads, as a working image.

Why: the image page decomposes whatever a student uploads, so an upload is checked (size, pixel
count, format) before any pixel is decoded, normalised to 8-bit RGB and reduced to the working
size; the built-in pictures give fast, medium and slow singular-value decay without an upload.
The SVD of a picture is :mod:`lowrank.image`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from matplotlib.cbook import get_sample_data
from PIL import Image, ImageOps, UnidentifiedImageError

from lowrank.digest import array_digest
from lowrank.errors import InputError
from lowrank.svd import readonly

#: Largest accepted upload, in bytes.
MAX_UPLOAD_BYTES: int = 10 * 1024 * 1024
#: Largest accepted upload, in pixels (width × height), checked from the header before decoding.
#: 40 million covers a 7000×5700 photograph; a 40-MP RGBA PNG still decodes in about 160 MB.
MAX_PIXELS: int = 40_000_000
#: Longest side of the working image; larger pictures are reduced (aspect ratio kept).
WORKING_SIDE: int = 1024
#: Shortest side a working image may have: a 3-pixel-wide strip has no picture to approximate.
MIN_SIDE: int = 8
#: Formats accepted from users (Pillow names). Anything else is refused before decoding.
UPLOAD_FORMATS: tuple[str, ...] = ("PNG", "JPEG", "WEBP", "GIF")
#: Built-in pictures: the photograph and three generated images with fast, medium and slow decay.
BUILTIN_NAMES: tuple[str, ...] = ("photo", "stripes", "circles", "noise")
_GENERATED_SHAPE = (384, 512)  # rows, columns of the generated images


@dataclass(frozen=True)
class Picture:
    """A working image ready to decompose, with what the page needs to say about its origin."""

    pixels: np.ndarray  #: uint8, (h, w, 3), read-only
    source_size: tuple[int, int]  #: (width, height) before reduction, after EXIF rotation
    frames: int = 1  #: frames in the file; only the first is used
    digest: str = field(init=False)  #: sha256 of the pixels, the cache key

    def __post_init__(self) -> None:
        object.__setattr__(self, "digest", array_digest(self.pixels))

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) of the working image."""
        return self.pixels.shape[1], self.pixels.shape[0]

    @property
    def reduced(self) -> bool:
        """True when the source was larger than the working size and was scaled down."""
        return self.size != self.source_size


def _picture(
    pixels: np.ndarray, source_size: tuple[int, int] | None = None, frames: int = 1
) -> Picture:
    pixels = readonly(np.ascontiguousarray(pixels, dtype=np.uint8))
    size = source_size or (pixels.shape[1], pixels.shape[0])
    return Picture(pixels, size, frames)


# --- built-in images ------------------------------------------------------------------------


def _stripes(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Axis-aligned bands and a checkerboard: each channel has rank 2 or 3."""
    rows = ((y // 32) % 3 == 0) * 1.0
    cols = ((x // 48) % 2 == 0) * 1.0
    check = (((y // 64) + (x // 64)) % 2) * 1.0
    return np.stack(
        [40 + 150 * rows + 60 * cols, 60 + 100 * cols + 50 * check, 90 + 120 * rows + 40 * check],
        axis=2,
    )


def _circles(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Sharp concentric rings in three colours: round edges are not row × column products."""
    h, w = _GENERATED_SHAPE
    r = np.hypot(y - 0.45 * h, x - 0.5 * w)
    ring = [np.tanh(6 * np.cos(r / p + phase)) for p, phase in ((14, 0), (19, 1), (25, 2))]
    return np.stack([135 + 95 * ring[0], 125 + 75 * ring[1], 140 + 80 * ring[2]], axis=2)


def _noise(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Uniform random colours (seeded): no structure, so every direction carries energy."""
    return np.random.default_rng(0).integers(0, 256, (*np.broadcast(y, x).shape, 3))


def builtin_image(name: str) -> Picture:
    """A built-in picture by name (see :data:`BUILTIN_NAMES`); ``ValueError`` for other names."""
    if name == "photo":
        return load_upload(Path(get_sample_data("grace_hopper.jpg", asfileobj=False)).read_bytes())
    makers = {"stripes": _stripes, "circles": _circles, "noise": _noise}
    if name not in makers:
        raise ValueError(f"unknown built-in image {name!r}")
    y, x = np.ogrid[: _GENERATED_SHAPE[0], : _GENERATED_SHAPE[1]]
    values = makers[name](y, x) + np.zeros((*_GENERATED_SHAPE, 1))
    return _picture(np.clip(np.rint(values), 0, 255))


# --- uploads --------------------------------------------------------------------------------


def load_upload(
    data: bytes,
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_pixels: int = MAX_PIXELS,
    working_side: int = WORKING_SIDE,
) -> Picture:
    """Validate and decode an uploaded file into an RGB working image.

    The byte and pixel caps are checked before any pixel is decoded (Pillow reads only the
    header on open), so a tiny file that claims a huge image is refused cheaply. EXIF orientation
    is applied; palette, alpha (composited onto white), CMYK, 16-bit and greyscale images become
    8-bit RGB; animated GIF/WebP give their first frame. Raises :class:`InputError` with key
    ``error.image.empty``, ``.file_too_big``, ``.not_image``, ``.format``, ``.too_many_pixels``,
    ``.truncated``, ``.unreadable`` or ``.too_small``.
    """
    if not data:
        raise InputError("error.image.empty")
    if len(data) > max_bytes:
        raise InputError("error.image.file_too_big", size_mb=_mb(len(data)), max_mb=_mb(max_bytes))
    try:
        # Pillow's own bomb check raises at open for > 2 × MAX_IMAGE_PIXELS (≈ 179 MP), far
        # above our cap, so the global default is left alone and our cap below decides first.
        image = Image.open(io.BytesIO(data), formats=UPLOAD_FORMATS)
    except Image.DecompressionBombError:
        raise InputError(
            "error.image.too_many_pixels", max_megapixels=max_pixels // 10**6
        ) from None
    except UnidentifiedImageError:
        other = _other_image_format(data)
        if other:
            raise InputError(
                "error.image.format", format=other, formats=", ".join(UPLOAD_FORMATS)
            ) from None
        raise InputError("error.image.not_image") from None
    except Exception:  # a damaged header can fail inside any format's parser
        raise InputError("error.image.unreadable") from None
    with image:
        width, height = image.size
        if width * height > max_pixels:
            raise InputError(
                "error.image.too_many_pixels",
                width=width,
                height=height,
                max_megapixels=max_pixels // 10**6,
            )
        frames = int(getattr(image, "n_frames", 1))
        scale = min(1.0, working_side / max(width, height))
        image.draft(None, (max(1, int(width * scale)), max(1, int(height * scale))))  # JPEG only
        try:
            image.load()
            oriented = ImageOps.exif_transpose(image)
            rgb = _to_rgb(oriented)
        except OSError as err:
            key = "error.image.truncated" if "truncated" in str(err) else "error.image.unreadable"
            raise InputError(key) from None
        except Exception:  # a decoder may fail in many ways on a hostile file
            raise InputError("error.image.unreadable") from None
    source_size = (width, height) if oriented.size == image.size else (height, width)
    rgb = _reduce(rgb, working_side)
    if min(rgb.size) < MIN_SIDE:
        raise InputError(
            "error.image.too_small", width=rgb.size[0], height=rgb.size[1], min_side=MIN_SIDE
        )
    return _picture(np.asarray(rgb), source_size, frames)


def _mb(n: int) -> float:
    return round(n / (1024 * 1024), 1)


def _other_image_format(data: bytes) -> str | None:
    """The format when Pillow knows the file as an image we do not accept (header only)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return str(image.format)
    except Exception:  # whatever Pillow cannot identify is "not an image"
        return None


def _to_rgb(image: Image.Image) -> Image.Image:
    """8-bit RGB from any Pillow mode: 16-bit scaled (not clipped), transparency onto white."""
    if image.mode.startswith("I;16"):  # 16-bit grey PNG: 0…65535 → 0…255
        wide = np.asarray(image, dtype=np.float64)
        return Image.fromarray(np.rint(wide / 257.0).astype(np.uint8)).convert("RGB")
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    if has_alpha:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")


def _reduce(image: Image.Image, working_side: int) -> Image.Image:
    """Scale down (never up) so the longest side is at most ``working_side``."""
    width, height = image.size
    scale = working_side / max(width, height)
    if scale >= 1:
        return image
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
