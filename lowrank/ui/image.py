"""Cached loaders of the photograph page, shared by every session.

Each distinct working image (by content digest, in colour or grey) is decomposed once for the
whole server; its rank-1 layers and its PNG bytes are cached beside it. The caches are bounded: a
1024×1024 colour decomposition holds about 50 MB, so at most 16 are kept (the eight built-in
ones are small: about 60 MB together).
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from lowrank import image as im
from lowrank import image_source
from lowrank.svd import readonly

_MAX_IMAGES = 16


@st.cache_resource(max_entries=len(image_source.BUILTIN_NAMES), show_spinner=False)
def builtin_picture(name: str) -> image_source.Picture:
    """A built-in picture, loaded or generated once per server."""
    return image_source.builtin_image(name)


def working_pixels(picture: image_source.Picture, grey: bool) -> np.ndarray:
    """The pixels the page decomposes: the picture itself, or its grey version."""
    return _grey(picture.digest, picture) if grey else picture.pixels


@st.cache_resource(max_entries=_MAX_IMAGES, show_spinner=False)
def _grey(digest: str, _picture: image_source.Picture) -> np.ndarray:
    return im.to_grey(_picture.pixels)


@st.cache_resource(max_entries=_MAX_IMAGES, show_spinner=False)
def image_svd(digest: str, _pixels: np.ndarray) -> im.ImageSVD:
    """One SVD per channel of the pixels; ``digest`` is their :func:`array_digest`.

    The channels are decomposed in ``im.CHANNEL_WORKERS`` threads at once, each on one BLAS
    thread (see :mod:`lowrank.ui`): 1024×1024 colour in 1.1 s instead of 2.5 s in a row.
    """
    return im.decompose_image(_pixels, workers=im.CHANNEL_WORKERS)


@st.cache_resource(max_entries=_MAX_IMAGES, show_spinner=False)
def layers(digest: str, count: int, _decomposition: im.ImageSVD) -> list[np.ndarray]:
    """The first ``count`` rank-1 layers as thumbnails (``digest`` of the decomposed pixels)."""
    return [readonly(layer) for layer in im.layer_images(_decomposition, count, im.LAYER_SIDE)]


@st.cache_resource(max_entries=_MAX_IMAGES, show_spinner=False)
def png(digest: str, _pixels: np.ndarray) -> bytes:
    """PNG bytes, fast to make, of pixels that do not change with the slider (the original)."""
    return im.png_bytes(_pixels, smallest=False)


@st.cache_resource(max_entries=_MAX_IMAGES, show_spinner=False)
def smallest_png_kb(digest: str, _pixels: np.ndarray) -> float:
    """The size in KB of the pixels' smallest PNG, to compare with the rank-k picture's."""
    return im.kilobytes(im.png_bytes(_pixels))


@st.cache_resource(max_entries=64, show_spinner=False)
def rank_k_picture(digest: str, k: int, _decomposition: im.ImageSVD) -> np.ndarray:
    """The rank-k picture (read-only), shared by the sessions looking at the same picture and k.

    Bounded apart from the figures: at 0.9 MB per colour photograph, 64 pictures hold 59 MB.
    """
    return im.reconstruct_image(_decomposition, k)
