"""QR codes at error correction M with the 4-module quiet zone the standard asks for.

Choosing the best of the eight masks is most of the cost of a code (about 40 ms in pure Python),
and a library repeats the same links in deck, guide and handout, so each payload's module matrix
is made once: kept in memory for the run, and on disk between runs. PNG and SVG are then drawn
straight from the matrix, which takes well under a millisecond.
"""

from __future__ import annotations

import hashlib
import io
import os
from functools import lru_cache
from pathlib import Path

from ..cache import user_cache

QUIET_ZONE_MODULES = 4
_FORMAT = "workshopgen-qr-1 M"  # part of the disk key: change it if the matrix would change


def cache_dir() -> Path | None:
    """Where matrices are kept between runs; WORKSHOPGEN_CACHE_DIR=off turns the disk cache off."""
    return user_cache("qr")


def _make(payload: str) -> tuple[str, ...]:
    import qrcode
    import qrcode.constants

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE_MODULES)
    code.add_data(payload)
    code.make(fit=True)
    return tuple("".join("1" if dark else "0" for dark in row) for row in code.get_matrix())


@lru_cache(maxsize=4096)
def qr_matrix(payload: str) -> tuple[str, ...]:
    """Rows of '1' (dark) and '0' (light) modules, quiet zone included."""
    folder = cache_dir()
    key = hashlib.sha256(f"{_FORMAT}\n{payload}".encode()).hexdigest()
    if folder is not None:
        try:
            rows = tuple((folder / key).read_text().split())
            if rows and all(len(r) == len(rows) and set(r) <= {"0", "1"} for r in rows):
                return rows
        except OSError:
            pass
    rows = _make(payload)
    if folder is not None:
        try:
            temp = folder / f".{key}.{os.getpid()}.tmp"
            temp.write_text("\n".join(rows) + "\n")
            os.replace(temp, folder / key)
        except OSError:
            pass  # a read-only home folder only costs speed
    return rows


def modules(payload: str) -> int:
    """Width of the code in modules, quiet zone included, for sizing checks."""
    return len(qr_matrix(payload))


@lru_cache(maxsize=1024)
def qr_png(payload: str, box_size: int = 10) -> bytes:
    """Black on white PNG, `box_size` pixels a module."""
    from PIL import Image

    rows = qr_matrix(payload)
    size = len(rows)
    image = Image.new("1", (size, size), 1)
    image.putdata([0 if c == "1" else 1 for row in rows for c in row])
    image = image.resize((size * box_size, size * box_size), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@lru_cache(maxsize=1024)
def qr_svg(payload: str) -> str:
    """A scalable SVG whose viewBox counts modules; white behind, one black path of row runs."""
    rows = qr_matrix(payload)
    size = len(rows)
    runs = []
    for y, row in enumerate(rows):
        x = 0
        while x < size:
            if row[x] == "1":
                start = x
                while x < size and row[x] == "1":
                    x += 1
                runs.append(f"M{start},{y}h{x - start}v1h{start - x}z")
            else:
                x += 1
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}mm" height="{size}mm" '
        f'viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/><path d="{"".join(runs)}" fill="#000"/></svg>'
    )
