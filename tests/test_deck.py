"""The fixture's deck reopened with python-pptx: layouts, titles, notes, alt text, sizes, language, bytes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PIL import Image
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn

from tests.deck_support import (
    ROLE_OF_KIND,
    build_deck,
    compile_workshop,
    copy_library,
    edit_workshop,
    iter_runs,
    open_deck,
)
from workshopgen.compile import Compiled
from workshopgen.layout.compose import LABEL_FLOOR
from workshopgen.layout.fit import BODY_FLOOR, TITLE_FLOOR
from workshopgen.model import _default_layouts

EMU_PER_INCH = 914400


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    project = copy_library(tmp_path_factory.mktemp("deck") / "library")
    result, log = compile_workshop(project)
    assert result is not None, log.problems
    return result


@pytest.fixture(scope="module")
def deck_bytes(compiled: Compiled) -> bytes:
    return build_deck(compiled)


@pytest.fixture(scope="module")
def deck(deck_bytes: bytes) -> Any:
    return open_deck(deck_bytes)


def test_slide_size_is_16_by_9(deck: Any) -> None:
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)


def test_one_slide_per_planned_slide_on_its_named_layout(compiled: Compiled, deck: Any) -> None:
    names = _default_layouts()
    planned = compiled.plan.slides
    assert len(deck.slides) == len(planned)
    for slide, plan_slide in zip(deck.slides, planned, strict=True):
        assert slide.slide_layout.name == names[ROLE_OF_KIND[plan_slide.kind]], plan_slide.kind
    kinds = {s.kind for s in planned}
    assert {"title", "agenda", "outcomes", "section", "bullets", "two-column", "quote", "image", "resource", "video",
            "activity", "discussion", "break", "resources", "closing"} <= kinds


def test_every_slide_has_its_unique_title_first_in_reading_order(compiled: Compiled, deck: Any) -> None:
    titles = []
    for slide, plan_slide in zip(deck.slides, compiled.plan.slides, strict=True):
        title = slide.shapes.title
        assert title is not None and title.is_placeholder
        assert title.text_frame.text == plan_slide.title
        assert slide.shapes[0].shape_id == title.shape_id, f"slide {plan_slide.number} does not start with its title"
        titles.append(title.text_frame.text.casefold())
    assert len(set(titles)) == len(titles)


def test_agenda_item_slides_carry_notes_with_timing_and_steps(compiled: Compiled, deck: Any) -> None:
    for scheduled in compiled.plan.schedule:
        for k, number in enumerate(scheduled.slide_numbers):
            notes = deck.slides[number - 1].notes_slide.notes_text_frame.text
            assert scheduled.timing in notes
            if k == 0:
                for step in scheduled.item.steps:
                    assert (f"DO: {step.do}" if step.do else f"SAY: {step.say}") in notes
    welcome = deck.slides[compiled.plan.schedule[0].slide_numbers[0] - 1].notes_slide.notes_text_frame.text
    assert "10:00–10:15 (15 min)" in welcome and "SAY: Welcome everyone" in welcome


def _pictures(slide: Any) -> list[Any]:
    return [shape for shape in slide.shapes if shape.shape_type is not None and hasattr(shape, "image")]


def test_pictures_carry_alt_text_from_the_yaml(compiled: Compiled, deck: Any) -> None:
    seen = 0
    for slide, plan_slide in zip(deck.slides, compiled.plan.slides, strict=True):
        for picture in _pictures(slide):
            descr = picture._element.nvPicPr.cNvPr.get("descr")
            seen += 1
            assert descr and not descr.endswith((".png", ".jpg")), (plan_slide.title, descr)
            if plan_slide.kind == "image":
                assert descr == "Four overlapping circles in NHS blues and green, showing overlapping networks."
            elif plan_slide.kind == "title":
                assert descr == "Sample NHS Trust logo"
            else:
                assert descr in [code.alt for code in plan_slide.qr_codes]
                assert descr.startswith("QR code: ")
    assert seen >= 6


def test_qr_pictures_decode_to_their_links(compiled: Compiled, deck: Any) -> None:
    import zxingcpp

    decoded = 0
    for slide, plan_slide in zip(deck.slides, compiled.plan.slides, strict=True):
        for picture in _pictures(slide):
            if picture.name != "QR code":
                continue
            [result] = zxingcpp.read_barcodes(Image.open(io.BytesIO(picture.image.blob)))
            assert result.text in [code.payload for code in plan_slide.qr_codes]
            decoded += 1
    assert decoded >= 4  # two resource slides, the resources slide's two codes, the feedback code


def test_logo_sits_top_right_of_the_title_slide(deck: Any) -> None:
    [logo] = [p for p in _pictures(deck.slides[0]) if p.name == "Logo"]
    assert logo.left + logo.width > deck.slide_width - EMU_PER_INCH
    assert logo.top < EMU_PER_INCH


def test_every_run_states_language_and_size_no_smaller_than_the_floors(compiled: Compiled, deck: Any) -> None:
    for slide, plan_slide in zip(deck.slides, compiled.plan.slides, strict=True):
        title = slide.shapes.title
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            if shape.shape_id == title.shape_id:
                floor = TITLE_FLOOR
            else:
                floor = LABEL_FLOOR if plan_slide.kind == "resources" else BODY_FLOOR
            for run in (run for paragraph in shape.text_frame.paragraphs for run in paragraph.runs):
                assert run._r.rPr.get("lang") == "en-GB"
                assert run.font.size is not None, (plan_slide.title, run.text)
                assert run.font.size.pt >= floor, (plan_slide.title, run.text, run.font.size.pt)
        assert title.text_frame.paragraphs[0].runs[0].font.size.pt == plan_slide.text_sizes["title"]


def test_body_text_shrinks_on_overflow_and_nothing_grows(compiled: Compiled, deck: Any) -> None:
    bodies = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            numbered = shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
            if not shape.has_text_frame or numbered:
                continue
            body = shape.is_placeholder and shape.shape_id != slide.shapes.title.shape_id
            # Body text a facilitator adds shrinks to stay inside; titles, the timer and labels keep their size.
            expected = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE if body else MSO_AUTO_SIZE.NONE
            assert shape.text_frame.auto_size == expected, shape.name
            bodies += body
            assert shape.text_frame.word_wrap is True
            body_pr = shape.text_frame._txBody.bodyPr  # insets as measured, not the layout's
            assert [body_pr.get(k) for k in ("lIns", "tIns", "rIns", "bIns")] == ["91440", "45720"] * 2
            autofit = body_pr.find(qn("a:normAutofit"))
            assert autofit is None or autofit.get("fontScale") is None  # written at the size measured
    assert bodies >= len(compiled.plan.slides) // 2


def test_every_address_and_qr_code_on_a_slide_opens_its_page(compiled: Compiled, deck: Any) -> None:
    linked_text = linked_pictures = 0
    for slide, planned in zip(deck.slides, compiled.plan.slides, strict=True):
        wanted = {code.payload for code in planned.qr_codes}
        for shape in slide.shapes:
            if shape.name == "QR code":
                assert shape.click_action.hyperlink.address in wanted, (planned.title, shape.name)
                linked_pictures += 1
            if not shape.has_text_frame:
                continue
            for run in (r for paragraph in shape.text_frame.paragraphs for r in paragraph.runs):
                shown = run.text
                if "/" in shown and "." in shown and " " not in shown.strip():  # an address as printed
                    address = run.hyperlink.address
                    assert address is not None and address.split("://", 1)[-1].startswith(shown.split("/")[0]), shown
                    assert address.startswith(("https://", "http://", "mailto:")), address
                    linked_text += 1
    resource_codes = sum(len(s.qr_codes) for s in compiled.plan.slides)
    assert linked_pictures == resource_codes and linked_text >= resource_codes


def test_activity_reads_title_then_instructions_then_timer(compiled: Compiled, deck: Any) -> None:
    [number] = [s.number for s in compiled.plan.slides if s.kind == "activity"]
    names = [shape.name for shape in deck.slides[number - 1].shapes]
    assert names[0] == "Title 1" and names.index("Timer") > 1


def test_slides_show_what_the_plan_holds(compiled: Compiled, deck: Any) -> None:
    def text(number: int) -> str:
        slide = deck.slides[number - 1]
        return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)

    by_kind = {s.kind: s for s in compiled.plan.slides}
    agenda = text(by_kind["agenda"].number)
    assert "10:00\tWelcome and purpose" in agenda and "11:30\tLunch" in agenda
    title = text(1)
    assert "Sample NHS Trust" in title and "4 March 2027 · Education Centre, Room 2" in title
    assert "Facilitators: Sam Patel, Alex Morgan" in title
    activity = text(by_kind["activity"].number)
    assert "12 minutes" in activity and "Work in pairs, then fours" in activity
    resource = text(by_kind["resource"].number)
    assert "horizonsnhs.com/the-strength-of-weak-ties/" in resource and "A short blog" in resource
    assert "forms.example.nhs.uk/workshop-feedback" in text(by_kind["closing"].number)
    assert "— Workshop team" in text(by_kind["quote"].number)


def test_theme_carries_the_branding_colours_and_fonts(tmp_path: Path) -> None:
    project = copy_library(tmp_path / "library")

    def rebrand(data: dict[str, Any]) -> None:
        data["branding"]["colours"] = {"primary": "#330072", "secondary": "#003087", "text": "#000000"}
        data["branding"]["fonts"] = {"heading": "Verdana", "body": "Verdana"}

    edit_workshop(project, rebrand)
    compiled, log = compile_workshop(project)
    assert compiled is not None, log.problems
    with zipfile.ZipFile(io.BytesIO(build_deck(compiled))) as archive:
        theme = archive.read("ppt/theme/theme1.xml").decode()
    assert '<a:accent1><a:srgbClr val="330072"/>' in theme
    assert '<a:dk1><a:srgbClr val="000000"/>' in theme
    assert '<a:latin typeface="Verdana"/>' in theme and "Arial" not in theme.split("fontScheme")[1]


def test_welsh_overlay_marks_runs_cy_gb(tmp_path: Path) -> None:
    project = copy_library(tmp_path / "library")
    compiled, log = compile_workshop(project, overlay=project.root / "teams" / "demo-team" / "sample.yaml")
    assert compiled is not None, log.problems
    deck = open_deck(build_deck(compiled))
    langs = {run._r.rPr.get("lang") for slide in deck.slides for run in iter_runs(slide)}
    assert langs == {"cy-GB"}
    assert deck.slides[1].shapes.title.text_frame.text == "Agenda"
    assert deck.core_properties.language == "cy-GB"


def test_rebuild_gives_the_same_bytes(compiled: Compiled, deck_bytes: bytes) -> None:
    assert build_deck(compiled) == deck_bytes


def test_zip_times_and_document_dates_come_from_the_workshop(compiled: Compiled, deck_bytes: bytes, deck: Any,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 10, 1, 0, 0, 0)}
    assert deck.core_properties.created.date().isoformat() == "2026-10-01"
    assert deck.core_properties.title == compiled.plan.workshop.title


def test_source_date_epoch_dates_every_output_of_the_pack_alike(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    from workshopgen.render.pdf.guide import render_guide
    from workshopgen.render.pdf.handout import render_handout

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15 08:00 UTC
    compiled, log = compile_workshop(copy_library(tmp_path / "library"))
    assert compiled is not None, log.problems
    deck = open_deck(build_deck(compiled))
    assert deck.core_properties.modified.isoformat() == "2027-01-15T08:00:00"
    for render in (render_guide, render_handout):
        [pdf] = render(compiled.plan, compiled.assets).values()
        assert PdfReader(io.BytesIO(pdf)).metadata["/CreationDate"].startswith("D:20270115080000"), render


def test_a_reflection_item_shows_the_reflection_questions(tmp_path: Path) -> None:
    project = copy_library(tmp_path / "library")

    def add_reflection(data: dict[str, Any]) -> None:
        data["agenda"].insert(-1, {"id": "reflect", "kind": "reflection", "title": "Reflection and action planning",
                                   "minutes": 0})

    edit_workshop(project, add_reflection)
    compiled, log = compile_workshop(project)
    assert compiled is not None, log.problems
    [planned] = [s for s in compiled.plan.slides if s.item_id == "reflect"]
    questions = [q.text for q in compiled.plan.workshop.reflection_questions]
    assert planned.kind == "reflection" and planned.bullets == questions
    slide = open_deck(build_deck(compiled)).slides[planned.number - 1]
    assert slide.slide_layout.name == "Title and Content"
    assert "Which relationship could carry your idea further?" in slide.placeholders[1].text_frame.text


def test_python_pptx_finds_every_part_by_its_relationships_and_content_types(deck_bytes: bytes) -> None:
    # python-pptx saves only the parts it reached through relationships, each under the content
    # type it read: a stray, unlinked or mistyped part would make the two packages differ.
    resaved = io.BytesIO()
    open_deck(deck_bytes).save(resaved)
    ours, theirs = zipfile.ZipFile(io.BytesIO(deck_bytes)), zipfile.ZipFile(resaved)
    assert sorted(ours.namelist()) == sorted(theirs.namelist())
    assert _content_types(ours) == _content_types(theirs)
    for name in ours.namelist():
        if name.endswith(".rels"):
            assert _relationships(ours.read(name)) == _relationships(theirs.read(name)), name


def _content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    root = etree.fromstring(archive.read("[Content_Types].xml"))
    defaults = {e.get("Extension").lower(): e.get("ContentType") for e in root if e.tag.endswith("Default")}
    overrides = {e.get("PartName"): e.get("ContentType") for e in root if e.tag.endswith("Override")}
    return {name: overrides.get(f"/{name}") or defaults[name.rsplit(".", 1)[1].lower()]
            for name in archive.namelist() if name != "[Content_Types].xml"}


def _relationships(data: bytes) -> set[tuple[str, str, str]]:
    return {(e.get("Id"), e.get("Type"), e.get("Target")) for e in etree.fromstring(data)}


def test_each_picture_is_stored_once_however_many_slides_show_it(deck_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as archive:
        media = [archive.read(name) for name in archive.namelist() if name.startswith("ppt/media/")]
    assert media and len(media) == len(set(media))
