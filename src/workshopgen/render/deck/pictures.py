"""What the deck needs to know of a picture: its kind and its size in pixels."""

from __future__ import annotations

import io

from ...assets import is_png


def image_type(data: bytes) -> tuple[str, str]:
    """File extension and content type of a PNG or JPEG (the only kinds the checks let through)."""
    return ("png", "image/png") if is_png(data) else ("jpg", "image/jpeg")


def pixel_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels: read from a PNG's header, or by Pillow for a JPEG."""
    if is_png(data):
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        size: tuple[int, int] = image.size
    return size
