"""QR codes at error correction M with the 4-module quiet zone the standard asks for.

Choosing the best of the eight masks was most of the cost of a code with qrcode alone (about 7 ms
a code); the masks are scored here on whole rows of bits, giving qrcode's own choice and code in
half the time. A library repeats the same links in deck, guide and handout, so each payload's module matrix
is made once, and so is each PNG drawn from it: both are remembered for the run and kept in the
store the build hands in. SVG is drawn straight from the matrix, which takes well under a millisecond.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
from collections.abc import Callable
from typing import Any

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
    code.best_fit(start=code.version)
    # The code qrcode itself would make, with the mask it would choose, worked out on whole rows of
    # bits: its own scoring of the eight masks, a module at a time, was most of the cost of a code.
    rows = _masked_rows(code, _best_mask(code), final=True)
    size: int = code.modules_count
    quiet = "0" * QUIET_ZONE_MODULES
    edge = ("0" * (size + 2 * QUIET_ZONE_MODULES) + "\n") * QUIET_ZONE_MODULES
    # Bit c of a row is column c, so each row's binary digits are read from the right.
    body = "".join(f"{quiet}{format(row, f'0{size}b')[::-1]}{quiet}\n" for row in rows)
    return (edge + body + edge).encode()


_FINDER_LIKE = re.compile("(?=10111010000|00001011101)")
_RUN = re.compile("0{5,}|1{5,}")
_mask_rows: dict[tuple[int, int], list[int]] = {}


def _best_mask(code: Any) -> int:
    """The mask pattern with the fewest penalty points (ISO/IEC 18004's four rules, scored as
    qrcode's `lost_point` scores them), the first of equals winning, as in qrcode."""
    best, chosen = -1, 0
    for pattern in range(8):
        lost = _lost_points(_masked_rows(code, pattern, final=False), code.modules_count)
        if best < 0 or lost < best:
            best, chosen = lost, pattern
    return chosen


def _masked_rows(code: Any, pattern: int, *, final: bool) -> list[int]:
    """The code's rows as bits (column c is bit c) under mask `pattern`: as qrcode scores a mask,
    with its type information light, or as the finished code."""
    fixed, data, free = _layout(code)
    if final:
        fixed = _function_rows(code, pattern)
    masks = _mask_row_bits(pattern, code.modules_count)
    return [fixed[r] | ((data[r] ^ mask) & free[r]) for r, mask in enumerate(masks)]


def _layout(code: Any) -> tuple[list[int], list[int], list[int]]:
    """The code's function patterns (type information light), its data bits before masking and
    where the data goes, each row as bits; worked out once for the code."""
    kept = getattr(code, "_workshopgen_layout", None)
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    from qrcode import util

    code.makeImpl(True, 0)  # qrcode places the data, under mask 0
    size = code.modules_count
    blank = _blank(code, test=True, pattern=0)
    mask_zero = util.mask_func(0)
    fixed, data, free = [0] * size, [0] * size, [0] * size
    for row in range(size):
        for col in range(size):
            bit = 1 << col
            if blank[row][col] is None:  # a data module: its bit as mask 0 left it, unmasked again
                free[row] |= bit
                if code.modules[row][col] != mask_zero(row, col):
                    data[row] |= bit
            elif blank[row][col]:
                fixed[row] |= bit
    code._workshopgen_layout = (fixed, data, free)
    return fixed, data, free


def _function_rows(code: Any, pattern: int) -> list[int]:
    """The finished code's function patterns and type information for `pattern`, as rows of bits."""
    blank = _blank(code, test=False, pattern=pattern)
    return [sum(1 << col for col, dark in enumerate(row) if dark) for row in blank]


def _blank(code: Any, *, test: bool, pattern: int) -> list[list[bool | None]]:
    """The code's modules with only its function patterns and type information set: None is data."""
    from qrcode.main import precomputed_qr_blanks

    blank = [list(row) for row in precomputed_qr_blanks[code.version]]
    modules, code.modules = code.modules, blank
    code.setup_type_info(test, pattern)
    if code.version >= 7:
        code.setup_type_number(test)
    code.modules = modules
    return blank


def _mask_row_bits(pattern: int, size: int) -> list[int]:
    """Each row of a mask pattern as bits, column 0 lowest: made once per pattern and size."""
    rows = _mask_rows.get((pattern, size))
    if rows is None:
        from qrcode import util

        masked = util.mask_func(pattern)
        rows = _mask_rows[pattern, size] = [sum(1 << c for c in range(size) if masked(r, c)) for r in range(size)]
    return rows


def _lost_points(rows: list[int], size: int) -> int:
    """Penalty points of a code given as rows of bits: runs of five or more alike, 2x2 blocks
    alike, finder-like patterns in rows and columns, and how far dark strays from half."""
    text = [format(row, f"0{size}b") for row in rows]
    # Rows and columns in one string, kept apart by a character no pattern matches.
    lines = "2".join(text + ["".join(column) for column in zip(*text, strict=True)])
    runs = _RUN.findall(lines)
    points = len("".join(runs)) - 2 * len(runs)
    pair = (1 << (size - 1)) - 1
    for upper, lower in itertools.pairwise(rows):
        dark = upper & lower & (upper >> 1) & (lower >> 1) & pair
        light = ~upper & ~lower & ~(upper >> 1) & ~(lower >> 1) & pair
        points += 3 * (dark.bit_count() + light.bit_count())
    points += 40 * len(_FINDER_LIKE.findall(lines))
    dark_share = sum(row.bit_count() for row in rows) / size**2
    return points + 10 * int(abs(dark_share * 100 - 50) / 5)


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
