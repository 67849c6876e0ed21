"""The bad-input corpus: hostile and odd uploads, generated on demand (no binary blobs in git).

Run ``python tests/data/make_corpus.py [DIRECTORY]`` to write the files (default
``test-output/corpus``) and list them; the tests call :func:`write_corpus` into a temporary
directory once per session. Each :class:`Case` says what the app must answer: the catalogue key
of its message, or that the input is accepted (and the shape it must then have), or that
Streamlit's uploader itself refuses it (over its size cap).

The URL cases are :data:`URL_GROUPS` (every page's URL-bound keys, read from the pages) crossed
with :data:`BAD_VALUES` (out of range, negative, non-numeric, unknown name, empty, HTML).
"""

from __future__ import annotations

import io
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

#: The HTML an attacker would like to see rendered; it must only ever appear as text.
XSS = "<img src=x onerror=alert(1)>"
#: The same without spaces or commas, so that a CSV parser keeps it in one cell.
XSS_CELL = "<img/src=x>"
#: ``Case.expect`` for an input the app accepts.
ACCEPTED = ""


@dataclass(frozen=True)
class Case:
    """One corpus file and the answer the app owes it."""

    name: str  #: file name in the corpus directory
    kind: str  #: "image" (the /image uploader) or "matrix" (the CSV uploader of /svd)
    expect: str  #: catalogue key of the message, ACCEPTED or UPLOADER_REFUSES
    about: str  #: what the case tests, in a few words
    shape: tuple[int, int] | None = None  #: accepted: matrix (rows, cols) or image (width, height)
    #: Over the uploader's cap: a browser never sends it (Streamlit's uploader refuses it), so only
    #: a client that bypasses the uploader reaches the app, which must refuse it too (``expect``).
    uploader_refuses: bool = False

    @property
    def accepted(self) -> bool:
        """True when the app must take this input."""
        return self.expect == ACCEPTED


# --- images -------------------------------------------------------------------------------------


def _encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def _gradient(width: int, height: int) -> Image.Image:
    """A smooth colour picture with a structure (so a reconstruction is not trivial)."""
    y, x = np.mgrid[:height, :width]
    rgb = np.stack(
        [
            x * 255 // max(1, width - 1),
            y * 255 // max(1, height - 1),
            (x + y) * 255 // max(1, width + height - 2),
        ],
        axis=2,
    )
    return Image.fromarray(rgb.astype(np.uint8), "RGB")


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)
    )


def bomb_header_png(width: int = 30_000, height: int = 30_000) -> bytes:
    """A valid PNG header claiming width × height RGB pixels, with a few bytes of pixel data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _png_chunk(b"IEND", b"")
    )


def _animated_gif() -> bytes:
    frames = [Image.new("RGB", (48, 32), colour) for colour in ("red", "green", "blue")]
    return _encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)


def _palette_with_transparency() -> bytes:
    image = _gradient(40, 30).convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    return _encode(image, "PNG", transparency=0)


def _sixteen_bit_png() -> bytes:
    ramp = np.tile(np.linspace(0, 65535, 64), (48, 1)).astype(np.uint16)
    return _encode(Image.fromarray(ramp), "PNG")  # mode I;16


def _exif_rotated_jpeg() -> bytes:
    """Stored 80×40; EXIF orientation 6 (rotate 90° clockwise) makes it 40×80 on screen."""
    exif = Image.Exif()
    exif[0x0112] = 6
    return _encode(_gradient(80, 40), "JPEG", exif=exif.tobytes(), quality=90)


def _image_cases() -> list[tuple[Case, bytes]]:
    photo_jpeg = _encode(_gradient(256, 192), "JPEG", quality=95)
    photo_png = _encode(_gradient(256, 192), "PNG")
    compressible = _encode(Image.new("1", (8000, 6000)), "PNG", optimize=True)  # 48 MP, few kB
    return [
        (
            Case("truncated.jpg", "image", "error.image.truncated", "JPEG cut at 60 %"),
            photo_jpeg[: len(photo_jpeg) * 6 // 10],
        ),
        (
            Case("truncated.png", "image", "error.image.truncated", "PNG cut at 60 %"),
            photo_png[: len(photo_png) * 6 // 10],
        ),
        (
            Case("not_an_image.png", "image", "error.image.not_image", "text named .png"),
            b"This is not a picture, only text with a .png name.\n" * 20,
        ),
        (Case("empty.png", "image", "error.image.empty", "zero bytes"), b""),
        (
            Case("bitmap.bmp.png", "image", "error.image.format", "a BMP, a format not accepted"),
            _encode(_gradient(32, 32), "BMP"),
        ),
        (
            Case(
                "bomb_header.png",
                "image",
                "error.image.too_many_pixels",
                "PNG header claiming 30000×30000",
            ),
            bomb_header_png(),
        ),
        (
            Case(
                "bomb_compressible.png",
                "image",
                "error.image.too_many_pixels",
                "real 8000×6000 (48 MP) PNG of a few kB",
            ),
            compressible,
        ),
        (
            Case("one_by_one.png", "image", "error.image.too_small", "1×1 pixel"),
            _encode(Image.new("RGB", (1, 1), "white"), "PNG"),
        ),
        (
            Case("one_by_5000.png", "image", "error.image.too_small", "1×5000 strip"),
            _encode(Image.new("RGB", (1, 5000), "white"), "PNG"),
        ),
        (
            Case("animated.gif", "image", ACCEPTED, "3-frame GIF: first frame", (48, 32)),
            _animated_gif(),
        ),
        (
            Case("sixteen_bit.png", "image", ACCEPTED, "16-bit grey PNG", (64, 48)),
            _sixteen_bit_png(),
        ),
        (
            Case("cmyk.jpg", "image", ACCEPTED, "CMYK JPEG", (56, 40)),
            _encode(_gradient(56, 40).convert("CMYK"), "JPEG"),
        ),
        (
            Case("palette_transparent.png", "image", ACCEPTED, "palette PNG with tRNS", (40, 30)),
            _palette_with_transparency(),
        ),
        (
            Case("exif_rotated.jpg", "image", ACCEPTED, "EXIF orientation 6", (40, 80)),
            _exif_rotated_jpeg(),
        ),
        (
            Case(f"{XSS}.png", "image", ACCEPTED, "HTML in the file name", (32, 24)),
            _encode(_gradient(32, 24), "PNG"),
        ),
        (
            Case(
                "over_upload_cap.png",
                "image",
                "error.image.file_too_big",
                "11 MB, over server.maxUploadSize",
                uploader_refuses=True,
            ),
            b"\x89PNG\r\n\x1a\n" + bytes(11 * 1024 * 1024),
        ),
    ]


# --- matrices -----------------------------------------------------------------------------------


def _rows(values: np.ndarray, delimiter: str = ",") -> str:
    return "".join(delimiter.join(f"{x:g}" for x in row) + "\n" for row in values)


def _matrix_cases() -> list[tuple[Case, bytes]]:
    big = np.arange(201 * 201, dtype=float).reshape(201, 201) % 7
    row = ",".join(["1." + "0" * 100] * 150) + "\n"  # 150 valid numbers, 15 450 bytes
    cases: list[tuple[Case, str | bytes]] = [
        (
            Case("text.csv", "matrix", "error.non_numeric", "a word in a cell"),
            "1,2,3\n4,five,6\n7,8,9\n",
        ),
        (Case("html.csv", "matrix", "error.non_numeric", "HTML in a cell"), f"1,2\n3,{XSS_CELL}\n"),
        (Case("nan.csv", "matrix", "error.non_finite", "NaN"), "1,2\nnan,4\n"),
        (Case("inf.csv", "matrix", "error.non_finite", "Inf"), "1,inf\n3,4\n"),
        (
            Case("ragged.csv", "matrix", "input.ragged_row", "rows of 3 and 2 cells"),
            "1,2,3\n4,5\n6,7,8\n",
        ),
        (
            Case("missing_cell.csv", "matrix", "input.missing_cell", "an empty cell"),
            "1,,3\n4,5,6\n",
        ),
        (Case("empty.csv", "matrix", "error.empty", "blank lines only"), "\n\n"),
        (Case("one_by_one.csv", "matrix", "input.too_small", "1×1"), "5\n"),
        (Case("too_large.csv", "matrix", "error.too_large", "201×201 > 200×200"), _rows(big)),
        (
            Case(
                "too_many_bytes.csv",
                "matrix",
                "input.file_too_large",
                "2.05 MB: over the app's and the uploader's 2 MB",
                uploader_refuses=True,
            ),
            row * 133,
        ),
        (
            Case("binary.csv", "matrix", "input.not_text", "a PNG named .csv"),
            _encode(_gradient(16, 16), "PNG"),
        ),
        (
            Case("mixed_decimals.csv", "matrix", "input.mixed_decimals", "1,5 and 2.5 together"),
            "1,5;2.5\n3;4\n",
        ),
        (
            Case("semicolon.csv", "matrix", ACCEPTED, "semicolon delimiter", (3, 3)),
            _rows(np.arange(1, 10).reshape(3, 3), ";"),
        ),
        (
            Case("tab.tsv.csv", "matrix", ACCEPTED, "tab delimiter", (2, 4)),
            _rows(np.arange(1, 9).reshape(2, 4), "\t"),
        ),
        (Case("header.csv", "matrix", ACCEPTED, "a header row", (2, 3)), "a,b,c\n1,2,3\n4,5,7\n"),
        (Case(f"{XSS}.csv", "matrix", ACCEPTED, "HTML in the file name", (2, 2)), "2,1\n1,3\n"),
    ]
    return [(case, data if isinstance(data, bytes) else data.encode()) for case, data in cases]


# --- URL parameters -----------------------------------------------------------------------------

#: Bad values for each kind of URL parameter, in five flavours (the same order for every kind).
BAD_VALUES: dict[str, tuple[str, ...]] = {
    "int": ("100000", "-3", "abc", "2.5", XSS),
    "number": ("1e9", "-5", "abc", "nan", XSS),
    "choice": ("nope", "-1", "ABC", "", XSS),
    "bool": ("2", "-1", "maybe", "", XSS),
    "multi": ("zz", "-1", "abc", "Q", XSS),  # an empty value is Streamlit's empty selection
}
#: What each flavour stands for (the index into every tuple of :data:`BAD_VALUES`).
FLAVOURS: tuple[str, ...] = ("out_of_range", "negative", "non_numeric", "empty_or_odd", "html")


@dataclass(frozen=True)
class UrlGroup:
    """URL-bound keys of a page checked together; ``fixed`` are valid values that enable them."""

    page_id: str
    kinds: dict[str, str]  #: parameter → kind (a key of BAD_VALUES)
    fixed: dict[str, str]


URL_GROUPS: tuple[UrlGroup, ...] = (
    UrlGroup("home", {}, {}),
    UrlGroup("svd", {"example": "choice", "full": "bool"}, {}),
    UrlGroup("reconstruct", {"example": "choice", "k": "int"}, {}),
    UrlGroup("image", {"img": "choice", "mode": "choice", "pick": "choice", "k": "int"}, {}),
    UrlGroup("image", {"energy": "number"}, {"pick": "energy"}),
    UrlGroup(
        "why_delta_w", {"shift": "choice", "layer": "choice", "minilm": "choice", "k": "int"}, {}
    ),
    UrlGroup(
        "parameters",
        {
            "d": "choice",
            "k": "choice",
            "r": "int",
            "model": "choice",
            "precision": "choice",
            "targets": "multi",
            "rank": "choice",
        },
        {},
    ),
    UrlGroup(
        "training",
        {
            "shift": "choice",
            "layers": "multi",
            "r": "choice",
            "alpha": "choice",
            "seed": "int",
            "lr": "choice",
            "steps": "int",
            "random_init": "bool",
            "rslora": "bool",
            "show": "choice",
        },
        {},
    ),
)


def url_case(group: UrlGroup, flavour: int) -> dict[str, str]:
    """The bad query parameters of ``group`` in one flavour (0…4), with its fixed valid ones."""
    bad = {name: BAD_VALUES[kind][flavour] for name, kind in group.kinds.items()}
    return {**group.fixed, **bad}


def corpus() -> list[tuple[Case, bytes]]:
    """Every corpus case with its file's bytes (images first, then matrices)."""
    return [*_image_cases(), *_matrix_cases()]


def write_corpus(directory: Path) -> list[Case]:
    """Write every corpus file into ``directory`` (created if needed); return the cases."""
    directory.mkdir(parents=True, exist_ok=True)
    cases = []
    for case, data in corpus():
        (directory / case.name).write_bytes(data)
        cases.append(case)
    return cases


def main(argv: list[str]) -> None:
    """Write the corpus into ``argv[0]`` (default ``test-output/corpus``) and list it."""
    root = Path(__file__).resolve().parents[2]
    directory = Path(argv[0]) if argv else root / "test-output" / "corpus"
    for case in write_corpus(directory):
        size = (directory / case.name).stat().st_size
        print(
            f"{case.kind:6} {case.name:32.32} {size:>10} B  {case.expect or 'accepted':28} "
            f"{case.about}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
