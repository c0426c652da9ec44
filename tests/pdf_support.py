"""Helpers for the guide, handout, HTML and index tests: build a library once, read what it made.

Builds run the real command line in a separate process. Typst must not run in the test process
itself: a process that has compiled with Typst cannot fork a worker that compiles again (the
worker waits forever), and other tests build with a process pool.
"""

from __future__ import annotations

import atexit
import io
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from tests.paths import FIXTURE_PROJECT

MM_PER_INCH = 25.4
QUIET_ZONE_MODULES = 4


def system_tool(package: str, *names: str) -> str:
    """A program from a Debian package the tests need. Missing, it fails the test, as LibreOffice
    does in deck_support: a skip would let a run pass without checking what users see."""
    for name in names:
        if found := shutil.which(name):
            return found
    pytest.fail(f"{names[0]} is not installed: run ./scripts/setup.sh --test, which installs the Debian package "
                f"{package}", pytrace=False)


def poppler(program: str) -> str:
    return system_tool("poppler-utils", program)


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workshopgen", "--project", str(project), *args],
                          capture_output=True, text=True, timeout=600)


def _temporary_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="workshopgen-pack-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@cache
def built_library(project: Path = FIXTURE_PROJECT, outputs: str = "deck,guide,handout,html,plan") -> Path:
    """The output folder of a whole-library build (index included), made once per test session."""
    out = _temporary_folder() / "output"
    done = run_cli(project, "build", "--only", outputs, "--out", str(out), "--force")
    assert done.returncode == 0, done.stderr
    return out


def plan_of(out: Path, output_id: str) -> Any:
    """The plan a build wrote as JSON (`--only plan`), as plain data."""
    return json.loads((out / output_id / f"{output_id}-plan.json").read_text(encoding="utf-8"))


def page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def handout_pages(pages: list[str]) -> list[str]:
    """The pages of a handout before its paper feedback form, which starts a sheet of its own (after
    a page left blank but for its footer, when the handout ends on the front of a sheet)."""
    from workshopgen.messages import CATALOGUE

    headings = set(CATALOGUE["feedback_form"].values())
    starts = [n for n, page in enumerate(pages) if set(page.splitlines()[:1]) & headings]
    before = pages[:starts[0]] if starts else pages
    if starts and before and len(before[-1].strip().splitlines()) <= 1:
        return before[:-1]
    return before


def squashed(text: str) -> str:
    """Text without any white space, so an address broken over lines still matches."""
    return re.sub(r"\s+", "", text)


def pdfinfo(pdf: Path) -> dict[str, str]:
    done = subprocess.run([poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    return {key.strip(): value.strip() for key, _, value in
            (line.partition(":") for line in done.stdout.splitlines()) if value}


def pdf_fonts(pdf: Path) -> list[list[str]]:
    done = subprocess.run([poppler("pdffonts"), str(pdf)], capture_output=True, text=True, check=True)
    return [line.split() for line in done.stdout.splitlines()[2:]]


def page_images(pdf: Path, dpi: int, *, gray: bool = False) -> list[Image.Image]:
    """Every page as a picture, as a printer (or a phone looking at the print) would see it."""
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "page"
        subprocess.run([poppler("pdftoppm"), "-r", str(dpi), "-gray" if gray else "-png", *(["-png"] if gray else []),
                        str(pdf), str(prefix)], check=True)
        files = sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return [Image.open(io.BytesIO(f.read_bytes())) for f in files]


@dataclass(frozen=True)
class Code:
    text: str
    page: int
    left: int
    top: int
    right: int
    bottom: int

    def width_mm(self, dpi: int) -> float:
        return (self.right - self.left) / dpi * MM_PER_INCH


def qr_codes(images: list[Image.Image]) -> list[Code]:
    """Every QR code on the pages, with the box of the code itself (quiet zone excluded)."""
    found = []
    for number, image in enumerate(images, start=1):
        for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
            corners = result.position
            xs = [corners.top_left.x, corners.top_right.x, corners.bottom_left.x, corners.bottom_right.x]
            ys = [corners.top_left.y, corners.top_right.y, corners.bottom_left.y, corners.bottom_right.y]
            found.append(Code(result.text, number, min(xs), min(ys), max(xs), max(ys)))
    return found


def quiet_zone_is_white(image: Image.Image, code: Code, modules: int) -> bool:
    """True when the band `QUIET_ZONE_MODULES` wide around the code (`modules` across) is all white."""
    module = (code.right - code.left) / modules  # the corners zxing reports are the code's outer edges
    band = round(module * QUIET_ZONE_MODULES)
    gap = max(1, round(module * 0.3))  # keep clear of anti-aliased edge pixels
    left, top, right, bottom = code.left - gap, code.top - gap, code.right + gap, code.bottom + gap
    gray = image.convert("L")
    bands = [
        (left - band, top - band, right + band, top),  # above
        (left - band, bottom, right + band, bottom + band),  # below
        (left - band, top, left, bottom),  # left
        (right, top, right + band, bottom),  # right
    ]
    return all(gray.crop(box).getextrema()[0] >= 200 for box in bands)


def chromium_binary() -> str:
    return system_tool("chromium", "chromium", "chromium-browser", "google-chrome")


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with a profile of its own, as a reader's browser opens the page."""
    binary = chromium_binary()
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        return subprocess.run([binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                               "--no-first-run", f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=120, check=True)


def screenshot(page: Path, width: int = 1000, height: int = 3000) -> Image.Image:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "shot.png"
        chromium(f"--screenshot={target}", f"--window-size={width},{height}", page.resolve().as_uri())
        return Image.open(io.BytesIO(target.read_bytes()))


def page_fills(pdf: Path, dpi: int = 72) -> list[float]:
    """How far down its body each page's content reaches: 0 for a blank page, about 1 for a full one.

    Read from page images, so tables, rules and codes count as well as text. A page's body runs from
    the top of the highest content on any page of the document (the top margin) down to the footer
    rule, the lowest line running across most of the page; the footer below that is not counted."""
    fills = []
    bodies = []
    for image in page_images(pdf, dpi, gray=True):
        gray = image.convert("L")
        background = gray.getpixel((2, 2))
        assert isinstance(background, int)
        ink = gray.point([255 if abs(v - background) > 25 else 0 for v in range(256)])
        width, height = ink.size
        rows = list(ink.resize((1, height), Image.Resampling.BOX).tobytes())
        rule = next((y for y in range(height - 1, 0, -1) if rows[y] >= 128), height)
        box = ink.crop((0, 0, width, rule - 1)).getbbox()
        bodies.append((box[1] if box else rule, box[3] if box else 0, rule))
    top = min(first for first, _, _ in bodies)
    for _, lowest, rule in bodies:
        fills.append(max(0.0, (lowest - top) / (rule - top)))
    return fills


def text_sizes(pdf: Path) -> list[tuple[float, str]]:
    """Every piece of text in the PDF with its size in points, as placed on the page."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        if text.strip():
            scale = math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2]) * abs(cm[0] * cm[3] - cm[1] * cm[2]))
            found.append((round(size * scale, 2), text.strip()))

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return found


def address_breaks(text: str, address: str) -> list[str]:
    """Each place `address` appears in `text` (read with its line breaks), as printed: the lines it
    runs over, joined by `|`. An address the text does not hold whole is not found at all."""
    pattern = r"\s*".join(re.escape(ch) for ch in address)
    return ["|".join(line.strip() for line in found.group().split("\n")) for found in re.finditer(pattern, text)]
