"""QR codes: what they decode to, how big their quiet zone is, and the matrix cache."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from workshopgen.render import qr

URL = "https://www.england.nhs.uk/spread-and-adoption/seven-interconnected-principles/"


def decode(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image)]


def test_png_decodes_to_the_payload_with_a_four_module_quiet_zone() -> None:
    image = Image.open(io.BytesIO(qr.qr_png(URL, box_size=6))).convert("L")
    assert decode(image) == [URL]
    # The outer four modules on every side are white.
    border = 4 * 6
    width = image.width
    assert all(image.getpixel((x, y)) == 255 for x in range(width) for y in range(border))
    assert all(image.getpixel((x, y)) == 255 for y in range(width) for x in range(border))
    assert image.getpixel((border, border)) == 0  # the finder pattern starts right after


def test_svg_decodes_when_drawn(tmp_path: Path) -> None:
    svg = tmp_path / "code.svg"
    svg.write_text(qr.qr_svg(URL))
    shot = tmp_path / "code.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=300,300",
                    svg.as_uri()], check=True, capture_output=True, timeout=60)
    assert decode(Image.open(shot)) == [URL]


def test_error_correction_is_level_m() -> None:
    [result] = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.qr_png(URL))))
    assert result.ec_level == "M"


def test_matrix_is_kept_on_disk_and_a_damaged_copy_is_remade(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOPGEN_CACHE_DIR", str(tmp_path))
    qr.qr_matrix.cache_clear()
    made = qr.qr_matrix(URL + "?disk")
    [stored] = list((tmp_path / "qr").iterdir())
    assert stored.read_text().split() == list(made)
    stored.write_text("not a matrix")
    qr.qr_matrix.cache_clear()
    assert qr.qr_matrix(URL + "?disk") == made
    qr.qr_matrix.cache_clear()


def test_png_is_kept_on_disk_and_a_damaged_copy_is_remade(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOPGEN_CACHE_DIR", str(tmp_path))
    qr.qr_png.cache_clear()
    made = qr.qr_png(URL + "?png", box_size=3)
    kept = [p for p in (tmp_path / "qr").iterdir() if p.read_bytes() == made]
    assert len(kept) == 1
    kept[0].write_bytes(made[: len(made) // 2])  # cut short, as by a full disk
    qr.qr_png.cache_clear()
    assert qr.qr_png(URL + "?png", box_size=3) == made
    assert kept[0].read_bytes() == made
    qr.qr_png.cache_clear()


def test_disk_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOPGEN_CACHE_DIR", "off")
    qr.qr_matrix.cache_clear()
    assert qr.cache_dir() is None
    assert qr.modules(URL) >= 21 + 2 * qr.QUIET_ZONE_MODULES
    qr.qr_matrix.cache_clear()
