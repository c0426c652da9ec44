"""QR codes at error correction M with the 4-module quiet zone the standard asks for.

The codes are encoded by ZXing's C++ writer, which picks the smallest version and the mask with
the fewest penalty points as ISO/IEC 18004 asks, in a third of a millisecond. A library repeats
the same links in deck, guide and handout, so each payload's module matrix is made once, and so
is each PNG and SVG drawn from it: all are remembered for the run and kept in the store the build
hands in.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from ..assets import is_png
from .caches import IN_MEMORY, Store

if TYPE_CHECKING:
    from typing_extensions import Buffer

QUIET_ZONE_MODULES = 4
_FORMAT = "workshopgen-qr-2 M"  # part of the store key: change it if the matrix would change
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
    import zxingcpp

    code = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    symbol = code.to_image(scale=1, add_quiet_zones=False)  # one byte a module: 0 is dark
    size: int = symbol.shape[1]
    # The image has the buffer protocol, which zxing-cpp's type stubs do not declare.
    modules = bytes(memoryview(cast("Buffer", symbol))).translate(_DARK_AS_ONE)
    quiet = b"0" * QUIET_ZONE_MODULES
    edge = (b"0" * (size + 2 * QUIET_ZONE_MODULES) + b"\n") * QUIET_ZONE_MODULES
    body = b"".join(quiet + modules[start:start + size] + quiet + b"\n" for start in range(0, len(modules), size))
    return edge + body + edge


_DARK_AS_ONE = bytes.maketrans(bytes([0, 255]), b"10")
_MODULE_GREYS = bytes.maketrans(b"01", bytes([255, 0]))


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
    modules = "".join(rows).encode().translate(_MODULE_GREYS)
    image = Image.frombytes("L", (size, size), modules).convert("1", dither=Image.Dither.NONE)
    image = image.resize((size * box_size, size * box_size), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    # zlib's default level: `optimize` made a code 5% smaller in four times the time.
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_png(payload: str, box_size: int = 10, store: Store = IN_MEMORY.qr_codes) -> bytes:
    """Black on white PNG, `box_size` pixels a module."""
    png = _pngs.get((payload, box_size))
    if png is None:
        png = _pngs[payload, box_size] = _kept_or_made(
            store, f"png {box_size} z6", payload, lambda: _draw_png(qr_matrix(payload, store), box_size),
            lambda data: is_png(data) and data.endswith(_PNG_END))
    return png


def qr_svg(payload: str, store: Store = IN_MEMORY.qr_codes) -> str:
    """A scalable SVG whose viewBox counts modules; white behind, one black path of row runs."""
    svg = _svgs.get(payload)
    if svg is None:
        data = _kept_or_made(store, "svg", payload, lambda: _draw_svg(qr_matrix(payload, store)).encode(),
                             lambda data: data.startswith(b"<svg") and data.endswith(b"</svg>"))
        svg = _svgs[payload] = data.decode()
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
