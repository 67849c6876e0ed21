"""lowrank.image and lowrank.image_source, what bench/mutate.py found untested: the sizes an upload
is decoded and reduced to, and the numbers' edges, each against Pillow or plain numpy."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from PIL import Image, JpegImagePlugin
from test_image import png_header_only

from lowrank import image as im
from lowrank import image_source
from lowrank.errors import InputError

RNG = np.random.default_rng(20)


def encode(picture: Image.Image, fmt: str = "PNG", **options: object) -> bytes:
    out = io.BytesIO()
    picture.save(out, format=fmt, **options)
    return out.getvalue()


@pytest.mark.parametrize(("size", "reduced"), [((5000, 1), (1024, 1)), ((1, 5000), (1, 1024)),
                                               ((3000, 3), (1024, 1))])  # fmt: skip
def test_a_sliver_is_refused_with_its_reduced_size(size, reduced):
    with pytest.raises(InputError) as caught:
        image_source.load_upload(encode(Image.new("RGB", size)))
    assert caught.value.key == "error.image.too_small"
    assert caught.value.params == {"width": reduced[0], "height": reduced[1], "min_side": 8}


DRAFTS = [((3000, 2000), (1024, 682)), ((800, 600), (800, 600)), ((5000, 1), (1024, 1)),
          ((1, 5000), (1, 1024))]  # fmt: skip


@pytest.mark.parametrize(("size", "asked"), DRAFTS)
def test_a_jpeg_is_decoded_at_no_less_than_the_working_size(monkeypatch, size, asked):
    requests = []
    draft = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, wanted):
        requests.append(wanted)
        return draft(self, mode, wanted)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    try:
        image_source.load_upload(encode(Image.new("RGB", size, (90, 120, 200)), "JPEG"))
    except InputError as error:  # the sliver: refused after decoding
        assert error.key == "error.image.too_small"
    # the JPEG decoder may shrink by 1/2, 1/4, 1/8 while every side stays at least this
    assert requests == [asked]


def test_file_sizes_round_to_the_nearest_tenth_of_a_mebibyte():
    # 1,101,005 bytes = 1.0500005 MiB: just above the tie, so 1.1 (a 1025-byte "KiB" gives 1.0)
    with pytest.raises(InputError) as caught:
        image_source.load_upload(b"\0" * 1_101_005, max_bytes=10 * 1024 * 1024 // 10)
    assert caught.value.params == {"size_mb": 1.1, "max_mb": 1.0}


def test_black_stays_black_in_grey_and_no_error_is_black():
    pixels = np.array([[[0, 0, 0], [255, 255, 255], [1, 0, 0]]], dtype=np.uint8)
    np.testing.assert_array_equal(im.to_grey(pixels), [[0, 255, 0]])  # 0.299 rounds to 0
    np.testing.assert_array_equal(im.error_image(pixels, pixels), np.zeros_like(pixels))


def test_a_bomb_reports_the_cap_in_whole_megapixels():
    for caps, shown in (({}, 40), ({"max_pixels": 2_500_000}, 2)):
        with pytest.raises(InputError) as caught:  # 10 GP: refused by Pillow's own guard
            image_source.load_upload(png_header_only(100_000, 100_000), **caps)
        assert caught.value.key == "error.image.too_many_pixels"
        assert repr(caught.value.params["max_megapixels"]) == repr(shown)  # 2, not 2.5 or 2.0


def test_grey_of_rgba_pixels_ignores_the_alpha():
    rgb = RNG.integers(0, 256, (4, 5, 3), dtype=np.uint8)
    rgba = np.concatenate([rgb, RNG.integers(0, 256, (4, 5, 1), dtype=np.uint8)], axis=2)
    np.testing.assert_array_equal(im.to_grey(rgba), im.to_grey(rgb))


def test_layers_are_symmetric_about_mid_grey():
    picture = RNG.integers(0, 256, (30, 24, 3), dtype=np.uint8)
    for layer in im.layer_images(im.decompose_image(picture), 8):
        offset = np.abs(layer.astype(int) - 128)
        # the largest magnitude is 127 away from 128 on either side: 255 if positive, 1 if not
        assert offset.max() == 127 and layer.min() >= 1


def test_ranks_for_shares_refuses_a_share_above_one():
    svd = im.decompose_image(RNG.integers(0, 256, (12, 10), dtype=np.uint8))
    assert im.ranks_for_shares(svd, [1.0]) == (im.rank_for_share(svd, 1.0),)
    for share in (1.5, 1.000001):
        with pytest.raises(ValueError, match=r"\(0, 1\]"):
            im.ranks_for_shares(svd, [0.5, share])


def test_grey_spectrum_csv_rows_are_index_sigma_energy():
    pixels = RNG.integers(0, 256, (9, 6), dtype=np.uint8)
    rows = list(csv.reader(io.StringIO(im.spectrum_csv(im.decompose_image(pixels)).decode())))
    s = np.linalg.svd(pixels.astype(float), compute_uv=False)
    kept = np.cumsum(s**2) / np.sum(s**2)
    assert rows[0] == ["i", "sigma_grey", "energy_kept_grey"] and len(rows) == 1 + 6
    for i, row in enumerate(rows[1:]):
        assert len(row) == 3 and row[0] == str(i + 1)
        assert float(row[1]) == pytest.approx(s[i], rel=1e-9)
        assert float(row[2]) == pytest.approx(kept[i], rel=1e-9)
