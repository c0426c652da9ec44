"""The facilitator guide PDF, opened and read as a facilitator and a screen reader would."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from tests.paths import FIXTURE_PROJECT
from tests.pdf_support import (
    built_library,
    page_images,
    page_texts,
    pdf_fonts,
    pdfinfo,
    plan_of,
    qr_codes,
    quiet_zone_is_white,
    run_cli,
    squashed,
)
from workshopgen.render.qr import modules

DPI = 200


@pytest.fixture(scope="module")
def out() -> Path:
    return built_library()


@pytest.fixture(scope="module")
def guide(out: Path) -> Path:
    return out / "sample" / "sample-guide.pdf"


@pytest.fixture(scope="module")
def text(guide: Path) -> str:
    return "\n".join(page_texts(guide))


def test_guide_is_a_tagged_titled_pdf_with_its_language_and_fonts_embedded(guide: Path) -> None:
    info = pdfinfo(guide)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Sample workshop on spreading improvement: Facilitator guide"
    assert info["Page size"].endswith("(A4)")
    reader = PdfReader(guide)
    assert reader.metadata is not None and reader.metadata.title == info["Title"]
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert b"<pdfuaid:part>1</pdfuaid:part>" in reader.trailer["/Root"]["/Metadata"].get_data()
    fonts = pdf_fonts(guide)
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # the "emb" column
    assert any("LiberationSans" in row[0] for row in fonts)


def test_sections_come_in_the_order_a_facilitator_uses_them(text: str) -> None:
    headings = ["At a glance", "Preparation", "Two weeks before", "One week before", "The day before",
                "On the day", "Afterwards", "Materials", "Room setup", "Run sheet", "Activities step by step",
                "Welcome and purpose", "How ideas travel", "Lunch", "Building ideas together",
                "What would help here", "Actions and feedback", "Resources", "Evaluation", "Notes"]
    position = 0
    for before, heading in zip(["the start", *headings], headings, strict=False):
        position = text.find(f"{heading}\n", position)  # a heading ends its line
        assert position >= 0, f"no heading `{heading}` after `{before}`"


def test_at_a_glance_gives_purpose_outcomes_audience_size_time_people_and_version(text: str) -> None:
    for expected in ["A short session used by the tests.", "Explain why spread is not a straight line.",
                     "Improvement leads and clinical teams.", "8 to 24 people, at tables of 4",
                     "190 minutes, 10:00 to 13:10", "Sam Patel, Improvement lead", "Alex Morgan, Clinical fellow",
                     "4 March 2027", "Education Centre, Room 2", "1.2, 1 October 2026"]:
        assert expected in text


def test_every_page_says_page_x_of_y(guide: Path) -> None:
    pages = page_texts(guide)
    assert len(pages) >= 5
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


def test_materials_are_totalled_for_the_expected_groups(text: str) -> None:
    assert "Totals are for 24 people in 6 groups of up to 4." in text
    assert re.search(r"Flipchart paper\s+2 per group\s+12\s+Building ideas\s+together", text)
    assert re.search(r"Sticky notes\s+1 per person\s+24", text)
    assert re.search(r"Projector and screen\s+1 for the room\s+1\s+Welcome and\s+purpose", text)


def test_run_sheet_rows_follow_the_plan(out: Path, text: str) -> None:
    plan = plan_of(out, "sample")
    sheet = text[text.index("Run sheet"):text.index("Activities step by step")]
    for row in plan["schedule"]:
        assert f"{row['start']}–{row['end']}" in sheet
        assert row["item"]["title"].split()[0] in sheet
    assert re.search(rf"{plan['end']}\s+End", sheet)
    # Each item's minutes under its clock times, then its title and slides.
    assert re.search(r"11:30–12:00\s+30 min\s+Lunch\s+10", sheet)


def test_slide_numbers_in_the_guide_match_the_deck(out: Path, text: str) -> None:
    deck = Presentation(str(out / "sample" / "sample-deck.pptx"))
    titles = {n: s.shapes.title.text for n, s in enumerate(deck.slides, start=1) if s.shapes.title is not None}
    on_screen = re.findall(r"Slide (\d+): (.+?)(?: — |\n|$)", text)
    assert len(on_screen) >= 10
    for number, title in on_screen:
        assert titles[int(number)] == title.strip()
    plan = plan_of(out, "sample")
    welcome = plan["schedule"][0]
    assert welcome["slide_numbers"] == [4, 5]
    assert re.search(r"10:00–10:15 \(15 min\)\s+·\s+Lead: Sam Patel\s+·\s+Slides 4–5", text)


def test_each_activity_has_its_purpose_do_say_steps_prompts_debrief_tips_and_what_to_cut(text: str) -> None:
    welcome = text[text.index("Welcome and purpose\n10:00"):text.index("How ideas travel\n10:15")]
    assert "Purpose: Set the scene and agree how we will work together." in welcome
    assert "DO: Show the title slide as people arrive." in welcome
    assert "SAY: Welcome everyone, and explain what we will leave with today." in welcome
    assert "Greet people at the door." in welcome
    talk = text[text.index("How ideas travel\n10:15"):text.index("Lunch\n11:30")]
    for part in ["If the group is quiet", "Where has an idea of yours spread without a plan?", "Debrief",
                 "What surprised you?", "If running late", "Drop the second column slide.", "Resources: The "
                 "strength of weak ties"]:
        assert part in talk
    # A method card's steps reach the item that uses it.
    assert "Let everyone think alone first" in text


def test_every_qr_code_decodes_to_its_resource_and_is_printed_beside_it(out: Path, guide: Path, text: str) -> None:
    plan = plan_of(out, "sample")
    images = page_images(guide, DPI)
    codes = qr_codes(images)
    verified = {r["resource"]["url"]: r["display_url"] for r in plan["resources"] if r["qr"]}
    feedback = plan["feedback"]
    expected = {**verified, feedback["payload"]: feedback["display"]}
    assert sorted(c.text for c in codes) == sorted(expected)
    for code in codes:
        assert squashed(expected[code.text]) in squashed(page_texts(guide)[code.page - 1])
        assert code.width_mm(DPI) >= 20, code
        assert quiet_zone_is_white(images[code.page - 1], code, modules(code.text) - 8), code


def test_unverified_resources_are_listed_to_check_before_the_session(text: str) -> None:
    check = text[text.index("Check before the session"):text.index("Materials\n")]
    assert "Enabling innovation and adoption in health and social care" in check
    assert squashed("www.cqc.org.uk/publications/themes-care/enabling-innovation-adoption-health-social-care") \
        in squashed(check)
    resources = text[text.index("\nResources\n"):text.index("Evaluation")]
    assert "Enabling innovation and adoption" not in resources


def test_evaluation_lists_the_feedback_questions(text: str) -> None:
    evaluation = text[text.index("Evaluation"):text.index("Notes")]
    assert "What one action will you take?" in evaluation
    assert "forms.example.nhs.uk/workshop-feedback" in evaluation


def test_the_guide_ends_with_a_notes_page(guide: Path) -> None:
    # The notes follow the evaluation on its page where twelve lines fit there, else start a page.
    lines = page_texts(guide)[-1].strip().splitlines()
    assert lines[-2] == "Notes"  # nothing after it but the ruled lines and the footer


def test_a_welsh_overlay_switches_fixed_strings_but_not_content(out: Path) -> None:
    guide = out / "sample-demo-team" / "sample-demo-team-guide.pdf"
    pages = page_texts(guide)
    text = "\n".join(pages)
    for welsh in ["Canllaw i hwyluswyr", "Cipolwg", "Paratoi", "Deunyddiau", "Taflen amseru", "Gwerthuso",
                  "Nodiadau", "4 Mawrth 2027", "Canolfan Addysg", "GWNEWCH:", "DYWEDWCH:"]:
        assert welsh in text
    assert f"Tudalen 1 o {len(pages)}" in pages[0]
    assert "Welcome and purpose" in text  # content stays as written
    assert PdfReader(guide).trailer["/Root"]["/Lang"] == "cy"


def test_the_same_input_gives_the_same_bytes(out: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    done = run_cli(FIXTURE_PROJECT, "build", "sample", "--only", "guide,handout", "--out", str(again))
    assert done.returncode == 0, done.stderr
    for name in ("sample-guide.pdf", "sample-handout.pdf"):
        assert (again / "sample" / name).read_bytes() == (out / "sample" / name).read_bytes()
    assert pdfinfo(again / "sample" / "sample-guide.pdf")["CreationDate"].endswith("2026 UTC")


def test_a_picture_typst_cannot_read_is_a_located_input_error(tmp_path: Path) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    project = tmp_path / "library"
    shutil.copytree(FIXTURE_PROJECT, project)
    # Sound chunks (so the picture passes the checks made when a workshop is validated) around
    # image data that does not decompress.
    (project / "assets" / "logo.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 12, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", b"not a deflate stream") + chunk(b"IEND", b""))
    done = run_cli(project, "build", "sample", "--only", "guide", "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert re.search(r"sample\.yaml:\d+:\d+: error: the facilitator guide could not be typeset", done.stderr)
    assert "logo" in done.stderr
    assert not (tmp_path / "out").exists()


FORK_AFTER_TYPST = """
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from workshopgen.compile import Compiler
from workshopgen.errors import ProblemLog
from workshopgen.project import Project
from workshopgen.render.pdf.guide import render_guide

project = Project(Path(PROJECT))
compiled = Compiler(project).compile(project.target("sample"), ProblemLog())
render_guide(compiled.plan, compiled.assets)
with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
    try:
        pool.submit(render_guide, compiled.plan, compiled.assets).result(timeout=60)
    except Exception as error:
        print(type(error).__name__)
"""


def test_typst_in_a_process_forked_after_typst_ran_fails_at_once_instead_of_hanging() -> None:
    code = FORK_AFTER_TYPST.replace("PROJECT", repr(str(FIXTURE_PROJECT)))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "ForkedAfterTypstError", done.stderr
