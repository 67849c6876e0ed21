"""lowrank.image and lowrank.image_source: safe uploads, conversions, and every number checked
against plain numpy."""

from __future__ import annotations

import csv
import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from lowrank import image as im
from lowrank import image_source
from lowrank.errors import InputError

RNG = np.random.default_rng(7)


def encode(picture: Image.Image, fmt: str = "PNG", **options: object) -> bytes:
    out = io.BytesIO()
    picture.save(out, format=fmt, **options)
    return out.getvalue()


def refused(data: bytes, **caps: int) -> InputError:
    with pytest.raises(InputError) as caught:
        image_source.load_upload(data, **caps)
    return caught.value


def png_header_only(width: int, height: int) -> bytes:
    """A PNG header claiming width × height over a few bytes of data: a decompression bomb."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def photo() -> image_source.Picture:
    return image_source.builtin_image("photo")


@pytest.fixture(scope="module")
def photo_svd(photo) -> im.ImageSVD:
    return im.decompose_image(photo.pixels)


def numpy_rank_k(pixels: np.ndarray, k: int) -> np.ndarray:
    """Independent rank-k picture: numpy's SVD per channel, summed, rounded, clipped."""
    channels = pixels[..., None] if pixels.ndim == 2 else pixels
    out = []
    for c in range(channels.shape[2]):
        u, s, vt = np.linalg.svd(channels[:, :, c].astype(float), full_matrices=False)
        out.append(u[:, :k] @ np.diag(s[:k]) @ vt[:k])
    stacked = np.stack(out, axis=2)
    stacked = stacked[:, :, 0] if pixels.ndim == 2 else stacked
    return np.clip(np.rint(stacked), 0, 255).astype(np.uint8)


# --- built-in images ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", image_source.BUILTIN_NAMES)
def test_builtin_images_are_readonly_rgb_uint8(name):
    picture = image_source.builtin_image(name)
    assert picture.pixels.dtype == np.uint8 and picture.pixels.ndim == 3
    assert picture.pixels.shape[2] == 3 and not picture.pixels.flags.writeable
    assert picture.digest == image_source.builtin_image(name).digest
    assert not picture.reduced and picture.frames == 1


def test_the_photograph_is_matplotlibs_grace_hopper(photo):
    assert photo.size == (512, 600)


def test_unknown_builtin_is_refused():
    with pytest.raises(ValueError):
        image_source.builtin_image("cat")


def test_generated_images_order_by_how_fast_their_spectrum_decays(photo_svd):
    needed = {
        name: im.rank_for_share(im.decompose_image(image_source.builtin_image(name).pixels), 0.99)
        for name in ("stripes", "circles", "noise")
    }
    needed["photo"] = im.rank_for_share(photo_svd, 0.99)
    assert needed["stripes"] <= 3 < needed["circles"] < needed["photo"] < needed["noise"]


# --- uploads: good files and conversions -------------------------------------------------------


def test_png_round_trip_is_exact():
    pixels = RNG.integers(0, 256, (40, 60, 3), dtype=np.uint8)
    picture = image_source.load_upload(encode(Image.fromarray(pixels)))
    np.testing.assert_array_equal(picture.pixels, pixels)
    assert picture.size == (60, 40) and picture.source_size == (60, 40)


def test_webp_lossless_round_trip():
    pixels = RNG.integers(0, 256, (30, 20, 3), dtype=np.uint8)
    data = encode(Image.fromarray(pixels), "WEBP", lossless=True)
    np.testing.assert_array_equal(image_source.load_upload(data).pixels, pixels)


def test_exif_orientation_is_applied():
    pixels = np.zeros((20, 40, 3), dtype=np.uint8)
    pixels[:, :20] = (255, 0, 0)  # left half red
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    picture = image_source.load_upload(encode(Image.fromarray(pixels), exif=exif))
    np.testing.assert_array_equal(picture.pixels, np.rot90(pixels, k=-1))
    assert picture.source_size == (20, 40)


def test_cmyk_jpeg_becomes_the_right_rgb():
    colours = np.array([(200, 30, 30), (30, 160, 60), (20, 40, 220), (240, 240, 240)], np.uint8)
    pixels = np.repeat(np.repeat(colours[None], 32, axis=0), 32, axis=1)
    data = encode(Image.fromarray(pixels).convert("CMYK"), "JPEG", quality=95)
    assert Image.open(io.BytesIO(data)).mode == "CMYK"
    loaded = image_source.load_upload(data).pixels.astype(int)
    assert np.abs(loaded[8:-8, 8:-8] - pixels[8:-8, 8:-8].astype(int)).max() <= 12


def test_16_bit_grey_is_scaled_not_clipped():
    levels = np.arange(256, dtype=np.uint16).reshape(16, 16)
    data = encode(Image.fromarray(levels * 257))
    assert Image.open(io.BytesIO(data)).mode.startswith("I;16")
    loaded = image_source.load_upload(data).pixels
    np.testing.assert_array_equal(loaded[:, :, 0], levels.astype(np.uint8))
    assert np.all(loaded[:, :, 0] == loaded[:, :, 2])


def test_palette_transparency_becomes_white():
    picture = Image.new("P", (16, 16), 0)
    picture.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    picture.paste(1, (0, 0, 8, 16))  # left half blue, right half transparent red
    loaded = image_source.load_upload(encode(picture, transparency=0)).pixels
    assert (loaded[:, :8] == (0, 0, 255)).all()
    assert (loaded[:, 8:] == 255).all()


def test_alpha_is_composited_onto_white():
    rgba = np.zeros((10, 10, 4), dtype=np.uint8)
    rgba[..., 0] = 200
    rgba[..., 3] = 128  # half transparent red
    loaded = image_source.load_upload(encode(Image.fromarray(rgba))).pixels.astype(float)
    expected = 200 * 128 / 255 + 255 * (1 - 128 / 255)
    assert abs(loaded[0, 0, 0] - expected) <= 1
    assert abs(loaded[0, 0, 1] - 255 * (1 - 128 / 255)) <= 1
    la = Image.fromarray(np.stack([np.zeros((10, 10)), np.zeros((10, 10))], 2).astype(np.uint8))
    assert (image_source.load_upload(encode(la.convert("LA"))).pixels == 255).all()


def test_animated_gif_gives_its_first_frame():
    frames = [Image.new("RGB", (12, 12), colour) for colour in ((255, 0, 0), (0, 255, 0))]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:])
    picture = image_source.load_upload(data)
    assert picture.frames == 2
    assert tuple(picture.pixels[0, 0]) == (255, 0, 0)


def test_large_images_are_reduced_to_the_working_size():
    png = encode(Image.new("RGB", (3000, 1500), (10, 200, 30)))
    picture = image_source.load_upload(png)
    assert picture.size == (1024, 512) and picture.source_size == (3000, 1500)
    assert picture.reduced
    jpeg = encode(Image.new("RGB", (4100, 2050), (10, 200, 30)), "JPEG")  # decoded at 1/4 scale
    assert image_source.load_upload(jpeg).size == (1024, 512)
    assert max(image_source.load_upload(png, working_side=300).size) == 300


# --- uploads: refused files --------------------------------------------------------------------


def test_empty_and_oversized_files_are_refused():
    assert refused(b"").key == "error.image.empty"
    data = encode(Image.new("RGB", (64, 64)))
    error = refused(data, max_bytes=len(data) - 1)
    assert error.key == "error.image.file_too_big"


def test_non_images_are_refused():
    assert refused(b"hello, this is text\n" * 50).key == "error.image.not_image"
    bmp = encode(Image.new("RGB", (16, 16)), "BMP")
    error = refused(bmp)
    assert error.key == "error.image.format" and error.params["format"] == "BMP"


@pytest.mark.parametrize("side", [8000, 100_000])
def test_decompression_bomb_is_refused_from_its_header(side):
    """A few hundred bytes claiming 64 MP (over our cap) or 10 GP (over Pillow's own guard)."""
    data = png_header_only(side, side)
    assert len(data) < 200
    error = refused(data)
    assert error.key == "error.image.too_many_pixels"  # not "truncated": nothing was decoded
    assert error.params["max_megapixels"] == image_source.MAX_PIXELS // 10**6


def test_pixel_cap_can_be_lowered():
    data = encode(Image.new("RGB", (100, 100)))
    assert refused(data, max_pixels=9_999).key == "error.image.too_many_pixels"


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF"])
def test_truncated_files_are_refused(fmt):
    data = encode(Image.fromarray(RNG.integers(0, 256, (120, 160, 3), dtype=np.uint8)), fmt)
    assert refused(data[: len(data) // 2]).key == "error.image.truncated"


def test_damaged_webp_is_refused():
    data = encode(Image.fromarray(RNG.integers(0, 256, (50, 50, 3), dtype=np.uint8)), "WEBP")
    assert refused(data[: len(data) // 2]).key == "error.image.unreadable"


@pytest.mark.parametrize("size", [(1, 1), (5000, 1), (6, 40)])
def test_slivers_are_refused(size):
    assert refused(encode(Image.new("RGB", size))).key == "error.image.too_small"


# --- decomposition, reconstruction, pictures ---------------------------------------------------


def test_full_rank_gives_the_image_back(photo, photo_svd):
    np.testing.assert_array_equal(im.reconstruct_image(photo_svd, photo_svd.max_rank), photo.pixels)
    grey = im.to_grey(photo.pixels)
    grey_svd = im.decompose_image(grey)
    assert len(grey_svd.channels) == 1 and not grey_svd.colour
    np.testing.assert_array_equal(im.reconstruct_image(grey_svd, grey_svd.max_rank), grey)


@pytest.mark.parametrize("k", [1, 5, 50])
def test_rank_k_picture_matches_numpy(photo, photo_svd, k):
    ours = im.reconstruct_image(photo_svd, k).astype(int)
    theirs = numpy_rank_k(photo.pixels, k).astype(int)
    assert np.abs(ours - theirs).max() <= 1  # float noise can flip a rounding at .5
    assert ours.min() >= 0 and ours.max() <= 255


def test_grey_matches_pillow(photo):
    pillow = np.asarray(Image.fromarray(photo.pixels).convert("L")).astype(int)
    assert np.abs(im.to_grey(photo.pixels).astype(int) - pillow).max() <= 1


@pytest.mark.parametrize("workers", [1, 3])
def test_equal_channels_are_decomposed_once(workers):
    grey = np.repeat(RNG.integers(0, 256, (20, 30, 1), dtype=np.uint8), 3, axis=2)
    svd = im.decompose_image(grey, workers=workers)
    assert svd.channels[0] is svd.channels[1] is svd.channels[2]
    two = grey.copy()
    two[0, 0, 2] ^= 1  # red = green, blue differs
    svd = im.decompose_image(two, workers=workers)
    assert svd.channels[0] is svd.channels[1] is not svd.channels[2]


def test_channels_in_parallel_give_the_same_decomposition(photo, photo_svd):
    parallel = im.decompose_image(photo.pixels, workers=3)
    for c, (serial, threaded) in enumerate(zip(photo_svd.channels, parallel.channels, strict=True)):
        np.testing.assert_allclose(threaded.s, serial.s, rtol=1e-12)
        np.testing.assert_allclose(threaded.u[:, :20], serial.u[:, :20], atol=1e-9)
        numpy_s = np.linalg.svd(photo.pixels[:, :, c].astype(float), compute_uv=False)
        np.testing.assert_allclose(threaded.s, numpy_s, rtol=1e-9, atol=1e-9 * numpy_s[0])


def test_error_image_matches_numpy():
    a = RNG.integers(0, 256, (8, 9, 3), dtype=np.uint8)
    b = RNG.integers(0, 256, (8, 9, 3), dtype=np.uint8)
    expected = np.minimum(np.abs(a.astype(int) - b.astype(int)) * im.ERROR_GAIN, 255)
    np.testing.assert_array_equal(im.error_image(a, b), expected)


def test_layers_match_numpy_outer_products(photo, photo_svd):
    layers = im.layer_images(photo_svd, 3)
    assert len(layers) == 3
    for i, layer in enumerate(layers):
        raw = []
        for c in range(3):
            u, s, vt = np.linalg.svd(photo.pixels[:, :, c].astype(float), full_matrices=False)
            raw.append(s[i] * np.outer(u[:, i], vt[i]))  # the sign of uᵢ vᵢᵀ cancels
        peak = max(np.abs(r).max() for r in raw)
        expected = np.clip(np.rint(np.stack([128 + 127 * r / peak for r in raw], 2)), 0, 255)
        assert np.abs(layer.astype(int) - expected.astype(int)).max() <= 1


@pytest.mark.parametrize("side", [256, 300, 599])
def test_layer_thumbnails_are_block_means_of_numpys_layers(photo, photo_svd, side):
    """A thumbnail is the full layer averaged over f×f blocks (the last ones cut short), scaled
    to its own range: numpy's outer products, block means by reshaping, against the function."""
    factor = -(-600 // side)
    thumbs = im.layer_images(photo_svd, 2, max_side=side)
    assert thumbs[0].shape == (-(-600 // factor), -(-512 // factor), 3)
    assert max(thumbs[0].shape[:2]) <= side
    for i, thumb in enumerate(thumbs):
        raw = []
        for c in range(3):
            u, s, vt = np.linalg.svd(photo.pixels[:, :, c].astype(float), full_matrices=False)
            full = s[i] * np.outer(u[:, i], vt[i])
            rows, cols = -(-600 // factor) * factor, -(-512 // factor) * factor
            padded = np.full((rows, cols), np.nan)
            padded[:600, :512] = full
            blocks = padded.reshape(rows // factor, factor, cols // factor, factor)
            raw.append(np.nanmean(blocks, axis=(1, 3)))
        peak = max(np.abs(r).max() for r in raw)
        expected = np.clip(np.rint(np.stack([128 + 127 * r / peak for r in raw], 2)), 0, 255)
        assert np.abs(thumb.astype(int) - expected.astype(int)).max() <= 1


def test_layers_beyond_the_numerical_rank_are_flat_grey():
    stripes = im.decompose_image(image_source.builtin_image("stripes").pixels)
    ranks = [int(np.sum(svd.s > svd.s[0] * 1e-10)) for svd in stripes.channels]
    layers = im.layer_images(stripes, max(ranks) + 1)
    assert np.all(layers[-1] == 128) and np.ptp(layers[0]) > 0


# --- numbers -----------------------------------------------------------------------------------


def pixel_psnr(original: np.ndarray, approximation: np.ndarray) -> float:
    """PSNR in dB of two uint8 pictures from the formula, 10·log₁₀(255² / MSE); inf if equal."""
    mse = np.mean((original.astype(float) - approximation.astype(float)) ** 2)
    return float("inf") if mse == 0 else float(10 * np.log10(255**2 / mse))


def numpy_psnr_of_s_k(pixels: np.ndarray, k: int) -> float:
    """PSNR of the unrounded S_k per channel against the pixels, from numpy's SVD and products."""
    channels = pixels[..., None] if pixels.ndim == 2 else pixels
    squared = 0.0
    for c in range(channels.shape[2]):
        matrix = channels[:, :, c].astype(float)
        u, s, vt = np.linalg.svd(matrix, full_matrices=False)
        squared += np.sum((matrix - (u[:, :k] * s[:k]) @ vt[:k]) ** 2)
    return 10 * np.log10(255**2 / (squared / channels.size))


@pytest.mark.parametrize("k", [1, 12, 276, 277, 511, 512])  # 600×512: 277 is the break-even rank
def test_rank_numbers_match_numpy(photo, photo_svd, k):
    pixels = photo.pixels
    numbers = im.numbers_at(photo_svd, k)
    assert numbers == im.every_rank(photo_svd)[k - 1] and numbers.k == k
    m, n = 600, 512
    assert numbers.stored == 3 * k * (m + n + 1)
    assert numbers.original == 3 * m * n == pixels.size
    assert numbers.ratio == pytest.approx(numbers.stored / pixels.size)
    assert numbers.saves == (k < im.break_even_rank(m, n))
    squares = [np.linalg.svd(pixels[:, :, c] * 1.0, compute_uv=False) ** 2 for c in (0, 1, 2)]
    kept = [sq[:k].sum() / sq.sum() for sq in squares]
    assert numbers.channel_energy_kept == pytest.approx(kept, abs=1e-12)
    total = sum(sq[:k].sum() for sq in squares) / sum(sq.sum() for sq in squares)
    assert numbers.energy_kept == pytest.approx(total, abs=1e-12)
    if k == 512:  # S_k is S: no error at all (numpy's own product is off by rounding only)
        assert numbers.psnr_db == float("inf")
    else:  # the PSNR of S_k before rounding, as numpy computes it from the products
        assert numbers.psnr_db == pytest.approx(numpy_psnr_of_s_k(pixels, k), abs=1e-6)


def test_psnr_of_every_rank_matches_numpy_on_the_photograph(photo, photo_svd):
    """The page's PSNR at every k: Σ_c Σ_{i>k} σ_{c,i}² / (3·m·n) against the mean squared
    error of numpy's S_k, and close to the PSNR of the rounded picture the page shows while the
    factors save space (what the help text says: under 0.2 dB; measured at most 0.15 dB)."""
    pixels = photo.pixels
    shown = im.psnr_of_ranks(photo_svd)
    assert shown.shape == (512,) and shown[-1] == float("inf")
    assert np.all(np.diff(shown[:-1]) > 0)  # each rank adds a layer and removes error
    for k in (1, 2, 5, 20, 100, 276):
        assert shown[k - 1] == pytest.approx(numpy_psnr_of_s_k(pixels, k), abs=1e-6)
    for picture in (pixels, im.to_grey(pixels)):
        svd = im.decompose_image(picture)
        exact = im.psnr_of_ranks(svd)
        worst = max(
            abs(pixel_psnr(picture, im.reconstruct_image(svd, k)) - exact[k - 1])
            for k in range(1, im.break_even_rank(600, 512))
        )
        assert worst < 0.2


def test_psnr_is_infinite_once_k_keeps_the_whole_rank():
    """Singular values beyond the numerical rank are rounding noise: the stripes (rank 2 per
    colour channel, 3 in grey) are exact from that rank on, as their rounded picture is."""
    colour = image_source.builtin_image("stripes").pixels
    for pixels, rank in ((colour, 2), (im.to_grey(colour), 3)):
        svd = im.decompose_image(pixels)
        shown = im.psnr_of_ranks(svd)
        assert np.all(np.isfinite(shown[: rank - 1])) and np.all(np.isinf(shown[rank - 1 :]))
        assert pixel_psnr(pixels, im.reconstruct_image(svd, rank)) == float("inf")
    black = im.decompose_image(np.zeros((9, 8), np.uint8))
    assert np.all(np.isinf(im.psnr_of_ranks(black)))


def test_rank_numbers_refuse_ranks_out_of_range(photo, photo_svd):
    with pytest.raises(ValueError):
        im.numbers_at(photo_svd, 0)
    with pytest.raises(ValueError):
        im.numbers_at(photo_svd, 513)


@pytest.mark.parametrize(("m", "n"), [(600, 512), (1, 1), (5, 4), (1024, 1024), (8, 1000)])
def test_break_even_rank_by_brute_force(m, n):
    k = im.break_even_rank(m, n)
    assert (k - 1) * (m + n + 1) < m * n <= k * (m + n + 1)


@pytest.mark.parametrize("share", [0.5, 0.9, 0.99, 0.999])
def test_rank_for_share_is_the_smallest_rank_that_keeps_it(photo, photo_svd, share):
    squares = sum(
        np.linalg.svd(photo.pixels[:, :, c].astype(float), compute_uv=False) ** 2 for c in range(3)
    )
    kept = np.cumsum(squares) / squares.sum()
    k = im.rank_for_share(photo_svd, share)
    assert kept[k - 1] >= share and (k == 1 or kept[k - 2] < share)
    per_channel = im.channel_ranks_for_share(photo_svd, share)
    assert len(per_channel) == 3 and min(per_channel) <= k <= max(per_channel)


def test_ranks_for_shares_agree_with_one_share_at_a_time(photo_svd):
    shares = np.round(np.arange(500) * 0.001 + 0.5, 10)  # the page's energy slider, 50.0…99.9 %
    assert im.ranks_for_shares(photo_svd, shares) == tuple(
        im.rank_for_share(photo_svd, share) for share in shares
    )
    with pytest.raises(ValueError):
        im.ranks_for_shares(photo_svd, [0.0])
    black = im.decompose_image(np.zeros((9, 8), np.uint8))
    assert im.ranks_for_shares(black, [0.5, 1.0]) == (1, 1)  # nothing to keep: k = 1 keeps it


def test_energy_curves_have_a_row_per_channel_and_one_for_all(photo_svd):
    curves = im.energy_curves(photo_svd)
    assert curves.shape == (4, 512)
    assert np.all(np.diff(curves, axis=1) >= 0) and np.all(curves[:, -1] == 1)


# --- downloads ---------------------------------------------------------------------------------


@pytest.mark.parametrize("smallest", [True, False])
def test_png_bytes_round_trip(photo, smallest):
    data = im.png_bytes(photo.pixels, smallest=smallest)
    np.testing.assert_array_equal(np.asarray(Image.open(io.BytesIO(data))), photo.pixels)
    assert im.kilobytes(data) == len(data) / 1024


def test_the_smallest_png_is_no_larger_than_the_fast_one(photo):
    assert len(im.png_bytes(photo.pixels)) <= len(im.png_bytes(photo.pixels, smallest=False))


def test_spectrum_csv_lists_every_singular_value(photo, photo_svd):
    rows = list(csv.reader(io.StringIO(im.spectrum_csv(photo_svd).decode("utf-8"))))
    assert rows[0][:4] == ["i", "sigma_R", "sigma_G", "sigma_B"]
    assert rows[0][-1] == "energy_kept_all" and len(rows) == 1 + 512
    s_green = np.linalg.svd(photo.pixels[:, :, 1].astype(float), compute_uv=False)
    np.testing.assert_allclose([float(r[2]) for r in rows[1:]], s_green, rtol=1e-9)
    assert float(rows[-1][-1]) == 1.0
    grey = im.spectrum_csv(im.decompose_image(im.to_grey(photo.pixels))).decode()
    assert grey.splitlines()[0] == "i,sigma_grey,energy_kept_grey"


def test_16_bit_levels_between_multiples_of_257_round_to_the_nearest():
    wide = np.array([[0, 128, 129, 1000, 1028, 32767, 65407, 65535]] * 8, dtype=np.uint16)
    loaded = image_source.load_upload(encode(Image.fromarray(wide))).pixels
    np.testing.assert_array_equal(loaded[0, :, 0], np.rint(wide[0] / 257).astype(np.uint8))
    np.testing.assert_array_equal(loaded[0, :, 0], [0, 0, 1, 4, 4, 127, 255, 255])


def test_upload_caps_hold_at_their_exact_limit():
    data = encode(Image.new("RGB", (100, 80)))
    assert image_source.load_upload(data, max_bytes=len(data), max_pixels=8000).size == (100, 80)
    error = refused(data, max_bytes=len(data) - 1)
    assert error.params == {"size_mb": round(len(data) / 2**20, 1), "max_mb": 0.0}
    error = refused(data, max_pixels=7999)
    assert error.params == {"width": 100, "height": 80, "max_megapixels": 0}
    assert refused(png_header_only(2000, 1500), max_pixels=2_999_999).params == {
        "width": 2000, "height": 1500, "max_megapixels": 2,
    }  # fmt: skip


def test_working_side_and_min_side_at_their_exact_limit():
    picture = image_source.load_upload(encode(Image.new("RGB", (300, 100))), working_side=300)
    assert picture.size == (300, 100) and not picture.reduced
    assert image_source.load_upload(encode(Image.new("RGB", (301, 100))), working_side=300).reduced
    assert image_source.load_upload(encode(Image.new("RGB", (8, 8)))).size == (8, 8)
    error = refused(encode(Image.new("RGB", (7, 9))))
    assert error.params == {"width": 7, "height": 9, "min_side": 8}


def test_default_caps_are_10_mib_and_40_megapixels():
    assert refused(b"\0" * (10 * 2**20)).key == "error.image.not_image"  # at the cap: read
    error = refused(b"\0" * (10 * 2**20 + 1))
    assert error.key == "error.image.file_too_big"
    assert error.params == {"size_mb": 10.0, "max_mb": 10.0}
    assert refused(png_header_only(8000, 5000)).key == "error.image.truncated"  # 40 MP: decoded
    error = refused(png_header_only(40_000_001, 1))
    assert (error.key, error.params["max_megapixels"]) == ("error.image.too_many_pixels", 40)


def test_file_sizes_are_shown_in_mib_to_one_decimal():
    error = refused(b"\0" * 1_200_000, max_bytes=1_100_000)
    assert error.params == {"size_mb": 1.1, "max_mb": 1.0}  # 1.14 and 1.05 MiB


def test_generated_pictures_are_384_by_512_single_frames():
    picture = image_source.builtin_image("stripes")
    assert picture.pixels.shape == (384, 512, 3) and picture.frames == 1
    assert image_source.load_upload(encode(Image.new("RGB", (16, 16)))).frames == 1


def test_factors_as_large_as_the_pixels_do_not_save():
    even = im.RankNumbers(3, 1.0, (1.0,), float("inf"), stored=30, original=30, ratio=1.0)
    assert not even.saves
    assert im.RankNumbers(2, 0.9, (0.9,), 30.0, stored=20, original=30, ratio=2 / 3).saves


def test_a_picture_is_one_frame_unless_told():
    picture = image_source.Picture(np.zeros((8, 8, 3), dtype=np.uint8), (8, 8))
    assert picture.frames == 1 and not picture.reduced


def test_the_noise_picture_uses_the_full_range():
    pixels = image_source.builtin_image("noise").pixels
    assert (pixels.min(), pixels.max()) == (0, 255)
