"""Texts of the photograph page (/image) and of the image upload errors."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- upload errors (lowrank.image.load_upload) -----------------------------------------------
    "error.image.empty": {
        "zh": "上传的文件是空的（0 字节）。",
        "en": "The uploaded file is empty (0 bytes).",
    },
    "error.image.file_too_big": {
        "zh": "文件太大：{size_mb} MB，上限是 {max_mb} MB。",
        "en": "The file is too large: {size_mb} MB; the limit is {max_mb} MB.",
    },
    "error.image.not_image": {
        "zh": "这个文件不是图片（或已损坏，无法识别）。请上传 PNG、JPEG、WebP 或 GIF。",
        "en": "This file is not an image (or is too damaged to recognise). "
        "Upload a PNG, JPEG, WebP or GIF.",
    },
    "error.image.format": {
        "zh": "这是 {format} 格式的图片，本页只接受 {formats}。请先另存为 PNG 或 JPEG。",
        "en": "This is a {format} image; this page accepts {formats} only. "
        "Save it as PNG or JPEG first.",
    },
    "error.image.too_many_pixels": {
        "zh": "图片的像素太多（上限 {max_megapixels} 百万像素）。为了保护服务器，解码之前就拒绝了它。",
        "en": "The image has too many pixels (the limit is {max_megapixels} million). It was "
        "refused before decoding, to protect the server.",
    },
    "error.image.truncated": {
        "zh": "图片文件不完整（被截断了），无法读出全部像素。",
        "en": "The image file is incomplete (truncated): not all of its pixels can be read.",
    },
    "error.image.unreadable": {
        "zh": "图片文件已损坏，无法解码。",
        "en": "The image file is damaged and cannot be decoded.",
    },
    "error.image.too_small": {
        "zh": "图片太窄了：缩放后是 {width}×{height} 像素，每条边至少要 {min_side} 像素。",
        "en": "The image is too narrow: {width}×{height} pixels at working size; each side needs "
        "at least {min_side} pixels.",
    },
}
