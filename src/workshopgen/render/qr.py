"""QR codes at error correction M with the 4-module quiet zone the standard asks for.

Cached by payload and size: a library repeats the same links and feedback form many times.
"""

from __future__ import annotations

import io
from functools import lru_cache

import qrcode
import qrcode.constants
from qrcode.image.svg import SvgPathImage

QUIET_ZONE_MODULES = 4


def _code(payload: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE_MODULES)
    code.add_data(payload)
    code.make(fit=True)
    return code


@lru_cache(maxsize=1024)
def qr_png(payload: str, box_size: int = 10) -> bytes:
    """Black on white PNG, `box_size` pixels a module."""
    code = _code(payload)
    code.box_size = box_size
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@lru_cache(maxsize=1024)
def qr_svg(payload: str) -> str:
    """A scalable SVG (one path), sized by whoever places it."""
    image = _code(payload).make_image(image_factory=SvgPathImage)
    svg: str = image.to_string(encoding="unicode")
    return svg


def modules(payload: str) -> int:
    """Width of the code in modules, quiet zone included, for sizing checks."""
    return int(_code(payload).modules_count) + 2 * QUIET_ZONE_MODULES
