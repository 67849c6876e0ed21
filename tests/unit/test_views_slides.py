"""The downloadable PNG for slides: a real PNG, one panel per matrix."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from lowrank.examples import example
from lowrank.svd import decompose
from lowrank.views.slides import matrices_slide


def test_svd_slide_is_a_png_wider_than_tall() -> None:
    s = example("note")
    svd = decompose(s, full=True)
    panels = [("S", s), ("U", svd.u), ("Σ", svd.sigma()), ("Vᵀ", svd.vt)]
    png = matrices_slide(panels, "S = UΣVᵀ · 奇异值分解", decimals=[0, 2, 2, 2], footer="rank 4")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width > image.height > 200


def test_large_matrices_are_drawn_without_numbers() -> None:
    big = np.random.default_rng(0).normal(size=(60, 40))
    png = matrices_slide([("S", big), ("S_k", big)], "t", shared_scale=True)
    assert Image.open(io.BytesIO(png)).format == "PNG"
