"""QR codes at error correction M with the 4-module quiet zone the standard asks for.

Choosing the best of the eight masks is most of the cost of a code (about 40 ms in pure Python),
and a library repeats the same links in deck, guide and handout, so each payload's module matrix
is made once, and so is each PNG drawn from it: both are remembered for the run and kept in the
store the build hands in. SVG is drawn straight from the matrix, which takes well under a millisecond.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable

from ..assets import is_png
from .caches import IN_MEMORY, Store

QUIET_ZONE_MODULES = 4
_FORMAT = "workshopgen-qr-1 M"  # part of the store key: change it if the matrix would change
_PNG_END = b"IEND\xaeB`\x82"
_DARK_RUN = re.compile("1+")

# Made once per process: the same payload always gives the same code.
_matrices: dict[str, tuple[str, ...]] = {}
_pngs: dict[tuple[str, int], bytes] = {}
_svgs: dict[str, str] = {}


def forget() -> None:
    """Drop the codes this process made, so the next are made (or read from the store) as by a new process."""
    _matrices.clear()
    _pngs.clear()
    _svgs.clear()


def _kept_or_made(store: Store, kind: str, payload: str, make: Callable[[], bytes],
                  sound: Callable[[bytes], bool]) -> bytes:
    """`make()`, or the copy a previous run kept, if it is `sound` (a damaged copy is made again)."""
    key = hashlib.sha256(f"{_FORMAT}\n{kind}\n{payload}".encode()).hexdigest()
    data = store.get(key)
    if data is not None and sound(data):
        return data
    data = make()
    store.put(key, data)
    return data


def _make_matrix(payload: str) -> bytes:
    import qrcode
    import qrcode.constants

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE_MODULES)
    code.add_data(payload)
    code.make(fit=True)
    return "".join("".join("1" if dark else "0" for dark in row) + "\n" for row in code.get_matrix()).encode()


def _matrix_sound(data: bytes) -> bool:
    rows = data.split()
    return bool(rows) and all(len(r) == len(rows) and set(r) <= {ord("0"), ord("1")} for r in rows)


def qr_matrix(payload: str, store: Store = IN_MEMORY.qr_codes) -> tuple[str, ...]:
    """Rows of '1' (dark) and '0' (light) modules, quiet zone included."""
    rows = _matrices.get(payload)
    if rows is None:
        data = _kept_or_made(store, "matrix", payload, lambda: _make_matrix(payload), _matrix_sound)
        rows = _matrices[payload] = tuple(data.decode().split())
    return rows


def modules(payload: str, store: Store = IN_MEMORY.qr_codes) -> int:
    """Width of the code in modules, quiet zone included, for sizing checks."""
    return len(qr_matrix(payload, store))


def _draw_png(rows: tuple[str, ...], box_size: int) -> bytes:
    from PIL import Image

    size = len(rows)
    image = Image.new("1", (size, size), 1)
    image.putdata([0 if c == "1" else 1 for row in rows for c in row])
    image = image.resize((size * box_size, size * box_size), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def qr_png(payload: str, box_size: int = 10, store: Store = IN_MEMORY.qr_codes) -> bytes:
    """Black on white PNG, `box_size` pixels a module."""
    png = _pngs.get((payload, box_size))
    if png is None:
        png = _pngs[payload, box_size] = _kept_or_made(
            store, f"png {box_size}", payload, lambda: _draw_png(qr_matrix(payload, store), box_size),
            lambda data: is_png(data) and data.endswith(_PNG_END))
    return png


def qr_svg(payload: str, store: Store = IN_MEMORY.qr_codes) -> str:
    """A scalable SVG whose viewBox counts modules; white behind, one black path of row runs."""
    svg = _svgs.get(payload)
    if svg is None:
        svg = _svgs[payload] = _draw_svg(qr_matrix(payload, store))
    return svg


def _draw_svg(rows: tuple[str, ...]) -> str:
    size = len(rows)
    runs = [f"M{run.start()},{y}h{run.end() - run.start()}v1h-{run.end() - run.start()}z"
            for y, row in enumerate(rows) for run in _DARK_RUN.finditer(row)]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}mm" height="{size}mm" '
        f'viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/><path d="{"".join(runs)}" fill="#000"/></svg>'
    )
