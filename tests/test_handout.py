"""The participant handout PDF: two A4 pages (three at most), every QR code scannable, in black and white too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.paths import REPO
from tests.pdf_support import (
    built_library,
    handout_pages,
    page_images,
    page_texts,
    pdfinfo,
    plan_of,
    qr_codes,
    quiet_zone_is_white,
    squashed,
)
from workshopgen.cache import user_caches
from workshopgen.compile import Compiler
from workshopgen.errors import ProblemLog
from workshopgen.project import Project
from workshopgen.render.pdf import handout_layout
from workshopgen.render.pdf.handout import render_handout
from workshopgen.render.pdf.typesetting import recorded
from workshopgen.render.qr import modules

DPI = 200


@pytest.fixture(scope="module")
def out() -> Path:
    return built_library()


@pytest.fixture(scope="module")
def handout(out: Path) -> Path:
    return out / "sample" / "sample-handout.pdf"


@pytest.fixture(scope="module")
def text(handout: Path) -> str:
    return "\n".join(page_texts(handout))


def test_handout_is_one_or_two_tagged_a4_pages_with_a_title(handout: Path) -> None:
    info = pdfinfo(handout)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Sample workshop on spreading improvement: Participant handout"
    assert info["Page size"].endswith("(A4)")
    assert 1 <= int(info["Pages"]) <= 2
    reader = PdfReader(handout)
    assert reader.metadata is not None and reader.metadata.title == info["Title"]
    assert len(reader.pages) == int(info["Pages"])
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_handout_carries_the_event_key_ideas_agenda_reflection_and_action_plan(text: str) -> None:
    expected = ["Participant handout", "Sample workshop on", "4 March 2027", "Education Centre, Room 2",
                "Sample NHS Trust", "Agenda", "10:00", "Welcome and purpose", "11:30", "Lunch", "13:10",
                "End", "Key ideas", "Spread follows relationships more than plans.", "Reflection",
                "Which relationship could carry your idea further?", "What will you do differently next week?",
                "My action plan", "What I will do", "By when", "Who can help", "Resources", "Feedback",
                "Please tell us how it went", "sam.patel@nhs.net"]
    flat = squashed(text)
    position = 0
    for before, words in zip(["the start", *expected], expected, strict=False):
        position = flat.find(squashed(words), position)
        assert position >= 0, f"no `{words}` after `{before}`"


def test_the_agenda_has_no_facilitator_notes(out: Path, text: str) -> None:
    plan = plan_of(out, "sample")
    for scheduled in plan["schedule"]:
        item = scheduled["item"]
        for step in item["steps"]:
            for said in (step["do"], step["say"]):
                assert not said or said not in text
        notes = [e["text"] for e in item["prompts"] + item["tips"]]
        for note in notes + ([item["if_late"]] if item["if_late"] else []):
            assert note not in text
    assert "DO:" not in text and "SAY:" not in text


def _check_codes(pdf: Path, plan: Any, *, gray: bool) -> None:
    images = page_images(pdf, DPI, gray=gray)
    codes = qr_codes(images)
    verified = {r["resource"]["url"]: r["display_url"] for r in plan["resources"] if r["qr"]}
    feedback = plan["feedback"]
    expected = {**verified, feedback["payload"]: feedback["display"]}
    assert sorted(c.text for c in codes) == sorted(expected)
    pages = page_texts(pdf)
    for code in codes:
        assert squashed(expected[code.text]) in squashed(pages[code.page - 1])
        assert code.width_mm(DPI) >= 20, code
        assert quiet_zone_is_white(images[code.page - 1], code, modules(code.text) - 8), code


def test_every_qr_code_decodes_to_its_address_which_is_printed_beside_it(out: Path, handout: Path) -> None:
    _check_codes(handout, plan_of(out, "sample"), gray=False)


def test_the_codes_still_scan_printed_in_black_and_white(out: Path, handout: Path) -> None:
    _check_codes(handout, plan_of(out, "sample"), gray=True)


def test_each_code_is_labelled_with_where_it_leads(text: str) -> None:
    assert "The strength of weak ties" in text
    assert "Blog: NHS Horizons" in text
    assert "Video: NHS Horizons, 2023" in text
    # The address under its title says where a code leads; a "QR code:" label before it added nothing.
    assert "QR code:" not in text
    assert "horizonsnhs.com/the-strength-of-weak-ties/" in squashed(text)


def test_an_unverified_resource_stays_off_the_handout(text: str) -> None:
    assert "Enabling innovation and adoption in health and social care" not in text
    assert squashed("www.cqc.org.uk/publications/themes-care/enabling-innovation-adoption-health-social-care") \
        not in squashed(text)
    assert "not yet checked" not in text


def test_a_welsh_overlay_gives_welsh_headings(out: Path) -> None:
    handout = out / "sample-demo-team" / "sample-demo-team-handout.pdf"
    pages = page_texts(handout)
    text = "\n".join(pages)
    for welsh in ["Taflen i gyfranogwyr", "Syniadau allweddol", "Myfyrio", "Fy nghynllun gweithredu",
                  "Adnoddau", "Adborth", "Cwestiynau ar ôl y sesiwn:", "4 Mawrth 2027", "Canolfan Addysg"]:
        assert welsh in text
    assert f"Tudalen {len(pages)} o {len(pages)}" in pages[-1]
    assert "Our local story" in text  # the overlay's own item, as written
    assert PdfReader(handout).trailer["/Root"]["/Lang"] == "cy"
    assert len(pages) <= 2


@pytest.mark.skipif(not (REPO / "workshops").is_dir(), reason="no library in this checkout")
def test_every_workshop_in_the_library_gets_a_tagged_handout_of_at_most_three_pages() -> None:
    out = built_library(REPO, "deck,guide,handout,html")  # shared with the index test
    handouts = sorted(out.glob("*/*-handout.pdf"))
    assert len(handouts) == len(Project(REPO).library())
    for pdf in handouts:
        info = pdfinfo(pdf)
        # tests/test_print_quality.py reads them page by page; a paper feedback form has a page of its own
        assert len(handout_pages(page_texts(pdf))) <= 3, pdf.name
        assert info["Tagged"] == "yes"


def test_the_layout_that_fits_is_remembered_and_used_again(fixture_project: Project, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOPGEN_CACHE_DIR", str(tmp_path))
    compiled = Compiler(fixture_project).compile(fixture_project.target("sample"), ProblemLog())
    assert compiled is not None
    caches = user_caches()

    def typeset() -> tuple[bytes, int]:
        [pdf] = render_handout(compiled.plan, compiled.assets, caches).values()
        return pdf, recorded(handout_layout.LABEL)

    searched, found = typeset()
    [kept] = (tmp_path / "handout-layouts").iterdir()
    assert kept.read_text() == str(found)
    assert typeset() == (searched, found)  # no search the second time, and the same bytes

    planted = 7 if found != 7 else 6  # a remembered layout is taken as it is
    kept.write_text(str(planted))
    assert typeset()[1] == planted

    kept.write_text("seven")  # a damaged entry means searching again
    assert typeset() == (searched, found)
    assert kept.read_text() == str(found)
