"""QR codes: what they decode to, how big their quiet zone is, and the matrix cache."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from tests.pdf_support import chromium
from workshopgen.cache import user_caches
from workshopgen.render import qr
from workshopgen.render.caches import MemoryStore

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
    chromium("--disable-background-networking", f"--screenshot={shot}", "--window-size=300,300", svg.as_uri())
    assert decode(Image.open(shot)) == [URL]


def test_error_correction_is_level_m() -> None:
    [result] = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.qr_png(URL))))
    assert result.ec_level == "M"


def _forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    """Codes this process made are remembered; these tests start as a new run would."""
    qr.forget()


def test_matrix_is_kept_in_the_store_and_a_damaged_copy_is_remade(monkeypatch: pytest.MonkeyPatch) -> None:
    store = MemoryStore()
    _forgotten(monkeypatch)
    made = qr.qr_matrix(URL + "?store", store)
    [(key, stored)] = store.entries.items()
    assert stored.decode().split() == list(made)
    store.put(key, b"not a matrix")
    _forgotten(monkeypatch)
    assert qr.qr_matrix(URL + "?store", store) == made
    assert store.get(key) == stored


def test_png_is_kept_on_disk_and_a_damaged_copy_is_remade(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOPGEN_CACHE_DIR", str(tmp_path))
    store = user_caches().qr_codes
    _forgotten(monkeypatch)
    made = qr.qr_png(URL + "?png", box_size=3, store=store)
    kept = [p for p in (tmp_path / "qr").iterdir() if p.read_bytes() == made]
    assert len(kept) == 1
    kept[0].write_bytes(made[: len(made) // 2])  # cut short, as by a full disk
    _forgotten(monkeypatch)
    assert qr.qr_png(URL + "?png", box_size=3, store=store) == made
    assert kept[0].read_bytes() == made


def test_disk_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOPGEN_CACHE_DIR", "off")
    store = user_caches().qr_codes
    _forgotten(monkeypatch)
    assert qr.modules(URL, store) >= 21 + 2 * qr.QUIET_ZONE_MODULES
    assert store.get("anything") is None
    assert not list(tmp_path.iterdir())


# Bytes a version holds at error correction M, in byte mode (ISO/IEC 18004, table 7).
BYTE_CAPACITY_M = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213]


@pytest.mark.parametrize("payload", ["a", "https://www.england.nhs.uk/spread-and-adoption/",
                                     "mailto:someone@nhs.net?subject=Feedback%3A%20Working%20with%20complexity",
                                     "https://example.org/" + "long-path/" * 40, "https://example.org/é-ŵ-ŷ"])
def test_every_code_decodes_to_its_payload_at_level_m(payload: str) -> None:
    qr.forget()
    [result] = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.qr_png(payload, box_size=4, store=MemoryStore()))))
    assert (result.text, result.ec_level) == (payload, "M")


@pytest.mark.parametrize("length", [1, 14, 15, 42, 43, 100, 213])
def test_a_code_is_the_smallest_version_that_holds_its_payload(length: int) -> None:
    payload = ("https://example.org/path/" * 10)[:length]
    qr.forget()
    version = next(v for v, capacity in enumerate(BYTE_CAPACITY_M, 1) if capacity >= length)
    assert qr.modules(payload, MemoryStore()) == 17 + 4 * version + 2 * qr.QUIET_ZONE_MODULES
