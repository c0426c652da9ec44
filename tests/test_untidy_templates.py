"""Decks on an untidy team template (tests/untidy_templates.py), saved as .pptx and as .potx: the
example slides go, and with them everything that named them, so PowerPoint has nothing to repair."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pypdf import PdfReader

from tests.deck_support import copy_library, edit_workshop, open_deck, to_pdf
from tests.make_alt_template import LAYOUTS, alt_template_bytes
from tests.ooxml_check import check_deck
from tests.pdf_support import plan_of, run_cli
from tests.untidy_templates import (
    COMPANY,
    CUSTOM_SHOWS,
    HIDDEN,
    MARK,
    NOTED,
    SLIDE_TITLES,
    picture_png,
    untidy_template_bytes,
)

KINDS = ("pptx", "potx")
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# The relationship type each element of presentation.xml that names one must name.
REFERENCE_TYPES = {
    "sldMasterId": RT + "slideMaster", "notesMasterId": RT + "notesMaster", "handoutMasterId": RT + "handoutMaster",
    "sldId": RT + "slide", "sld": RT + "slide", "regular": RT + "font", "bold": RT + "font",
    "italic": RT + "font", "boldItalic": RT + "font", "tags": RT + "tags",
}


def _name(tidy: bool, kind: str) -> str:
    return f"{'tidy' if tidy else 'untidy'}-{kind}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample workshop's deck and plan on the untidy template and, to compare, the tidy one, each
    as .pptx and .potx: four workshops made by one run of the command line."""
    root = tmp_path_factory.mktemp("untidy")
    project = copy_library(root / "library")
    names = []
    for tidy in (False, True):
        for kind in KINDS:
            name = _name(tidy, kind)
            template = alt_template_bytes(potx=kind == "potx") if tidy else untidy_template_bytes(potx=kind == "potx")
            (project.root / "assets" / f"{name}.{kind}").write_bytes(template)
            shutil.copy(project.workshop_path("sample"), project.workshop_path(name))

            def use_template(data: dict[str, Any], name: str = name, kind: str = kind) -> None:
                data["id"] = name
                data["branding"]["template"] = f"assets/{name}.{kind}"
                data["branding"]["layouts"] = dict(LAYOUTS)

            edit_workshop(project, use_template, name)
            names.append(name)
    out = root / "output"
    done = run_cli(project.root, "build", "--only", "deck,plan", "--out", str(out), *names)
    assert done.returncode == 0, done.stderr
    return out


def _deck(out: Path, name: str) -> bytes:
    return (out / name / f"{name}-deck.pptx").read_bytes()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rels(parts: dict[str, bytes], member: str) -> dict[str, tuple[str, str]]:
    """Relationship type and target (as written) by id."""
    if member not in parts:
        return {}
    return {entry.get("Id"): (entry.get("Type"), entry.get("Target"))
            for entry in etree.fromstring(parts[member]) if entry.tag == f"{{{RELS}}}Relationship"}


def _references(root: etree._Element) -> list[tuple[str, str]]:
    """(element's local name, relationship id) for every attribute in the relationships namespace."""
    return [(etree.QName(element).localname, value) for element in root.iter(etree.Element)
            for name, value in element.attrib.items() if name.startswith(f"{{{R}}}")]


def test_the_fixture_is_as_untidy_as_promised() -> None:
    parts = _parts(untidy_template_bytes())
    root = etree.fromstring(parts["ppt/presentation.xml"])
    rels = _rels(parts, "ppt/_rels/presentation.xml.rels")
    assert root.find(f"{{{P}}}notesMasterIdLst") is None
    assert not any(reltype == RT + "notesMaster" for reltype, _ in rels.values())
    shows = root.findall(f"{{{P}}}custShowLst/{{{P}}}custShow")
    assert [show.get("name") for show in shows] == [name for name, _, _ in CUSTOM_SHOWS]
    assert root.findall(f".//{{{P14}}}sectionLst/{{{P14}}}section/{{{P14}}}sldIdLst/{{{P14}}}sldId")
    # The slides are numbered last, so the first id freed by dropping them is the one the first
    # custom show names first: a writer that reuses freed ids makes the show name something else.
    kept = [int(rid[3:]) for rid, (reltype, _) in rels.items() if reltype != RT + "slide"]
    first_shown = shows[0].find(f"{{{P}}}sldLst/{{{P}}}sld").get(f"{{{R}}}id")
    assert first_shown == f"rId{max(kept) + 1}"
    assert b'show="0"' in parts[f"ppt/slides/slide{HIDDEN}.xml"]
    assert len([name for name in parts if name.startswith("ppt/notesSlides/notesSlide")]) == len(NOTED)
    assert b"<p:custShow id=" in parts["ppt/presProps.xml"]
    assert any(reltype == RT + "slide" for reltype, _ in _rels(parts, "ppt/_rels/viewProps.xml.rels").values())
    assert f"<Slides>{len(SLIDE_TITLES)}</Slides>".encode() in parts["docProps/app.xml"]
    assert parts["[Content_Types].xml"].count(b"presentationml.template.main+xml") == 0
    potx = _parts(untidy_template_bytes(potx=True))["[Content_Types].xml"]
    assert b"presentationml.template.main+xml" in potx and b"presentation.main+xml" not in potx


@pytest.mark.parametrize("kind", KINDS)
def test_custom_shows_sections_and_show_settings_name_only_the_decks_slides(built: Path, kind: str) -> None:
    parts = _parts(_deck(built, _name(False, kind)))
    root = etree.fromstring(parts["ppt/presentation.xml"])
    rels = _rels(parts, "ppt/_rels/presentation.xml.rels")
    slide_rids = {entry.get(f"{{{R}}}id") for entry in root.iter(f"{{{P}}}sldId")}
    slide_ids = {entry.get("id") for entry in root.iter(f"{{{P}}}sldId")}
    for shown in root.iterfind(f"{{{P}}}custShowLst/{{{P}}}custShow/{{{P}}}sldLst/{{{P}}}sld"):
        rid = shown.get(f"{{{R}}}id")
        assert rid in slide_rids and rels[rid][0] == RT + "slide", rid
    for listed in root.iter(f"{{{P14}}}sldId"):
        assert listed.get("id") in slide_ids, listed.get("id")
    assert root.find(f"{{{P}}}custShowLst") is None  # its shows listed only example slides
    assert root.find(f".//{{{P14}}}sectionLst") is None  # its sections too; the deck's slides are in none
    show_ids = {show.get("id") for show in root.iter(f"{{{P}}}custShow")}
    props = etree.fromstring(parts["ppt/presProps.xml"])
    assert all(played.get("id") in show_ids for played in props.iter(f"{{{P}}}custShow"))
    assert props.find(f"{{{P}}}showPr/{{{P}}}sldAll") is not None  # the show plays every slide
    assert props.find(f"{{{P}}}showPr/{{{P}}}penClr") is not None  # and keeps the team's other settings


@pytest.mark.parametrize("kind", KINDS)
def test_every_reference_names_a_relationship_of_its_kind(built: Path, kind: str) -> None:
    parts = _parts(_deck(built, _name(False, kind)))
    rels = _rels(parts, "ppt/_rels/presentation.xml.rels")
    for element, rid in _references(etree.fromstring(parts["ppt/presentation.xml"])):
        assert rid in rels, f"p:{element} names {rid}, which is no relationship"
        assert rels[rid][0] == REFERENCE_TYPES.get(element), f"p:{element} names {rid}, a {rels[rid][0]}"
    slides = {f"slides/{name.rsplit('/', 1)[1]}" for name in parts if name.startswith("ppt/slides/slide")}
    view_rels = _rels(parts, "ppt/_rels/viewProps.xml.rels")
    for _, rid in _references(etree.fromstring(parts["ppt/viewProps.xml"])):
        assert rid in view_rels and view_rels[rid][0] == RT + "slide" and view_rels[rid][1] in slides, rid
    assert not any(target.startswith("slides/") and target not in slides for _, target in view_rels.values())


@pytest.mark.parametrize("kind", KINDS)
def test_the_deck_has_the_plans_slides_with_their_notes_and_nothing_of_the_examples(built: Path,
                                                                                  kind: str) -> None:
    name = _name(False, kind)
    data = _deck(built, name)
    planned = plan_of(built, name)["slides"]
    deck = open_deck(data)
    assert len(deck.slides) == len(planned)
    for slide, plan in zip(deck.slides, planned, strict=True):
        assert slide.shapes.title.text_frame.text == plan["title"]
        assert slide.has_notes_slide == bool(plan["notes"])
        if plan["notes"]:
            assert slide.notes_slide.notes_text_frame.text == plan["notes"]
        assert slide._element.get("show") != "0"
    parts = _parts(data)
    pictures = {picture_png((0, 94, 184)), picture_png((218, 41, 28))}
    for part, body in parts.items():
        assert MARK.encode() not in body, f"{part} still holds something of the example slides"
        assert body not in pictures, f"{part} is an example slide's picture"
    assert not any(name.startswith("docProps/thumbnail") for name in parts)  # a picture of an example slide
    assert not any("changesInfo" in name for name in parts)  # edits to the example slides, by slide id
    assert deck.notes_master.placeholders  # the built-in notes master, borrowed


@pytest.mark.parametrize("kind", KINDS)
def test_app_properties_keep_the_team_details_and_state_no_counts_of_the_examples(built: Path, kind: str) -> None:
    """The template's counts are dropped rather than recounted, which PowerPoint does on saving."""
    name = _name(False, kind)
    parts = _parts(_deck(built, name))
    app = etree.fromstring(parts["docProps/app.xml"])
    true = {"Slides": len(plan_of(built, name)["slides"]), "HiddenSlides": 0,
            "Notes": sum(1 for part in parts if part.startswith("ppt/notesSlides/notesSlide"))}
    for counted, value in true.items():
        found = app.find(f"{{{APP}}}{counted}")
        assert found is None or found.text == str(value), counted
    assert app.find(f"{{{APP}}}TitlesOfParts") is None and app.find(f"{{{APP}}}HeadingPairs") is None
    assert app.findtext(f"{{{APP}}}Company") == COMPANY


@pytest.mark.parametrize("kind", KINDS)
def test_the_slides_are_just_as_on_the_tidy_template(built: Path, kind: str) -> None:
    untidy, tidy = (_parts(_deck(built, _name(is_tidy, kind))) for is_tidy in (False, True))
    slides = [name for name in tidy if name.startswith(("ppt/slides/", "ppt/notesSlides/", "ppt/media/"))]
    assert slides and sorted(slides) == sorted(
        name for name in untidy if name.startswith(("ppt/slides/", "ppt/notesSlides/", "ppt/media/")))
    for name in slides:
        assert untidy[name] == tidy[name], name


@pytest.mark.parametrize("kind", KINDS)
def test_the_deck_is_sound_ooxml(built: Path, kind: str) -> None:
    check_deck(_deck(built, _name(False, kind)))


def test_libreoffice_shows_one_page_per_slide(built: Path, tmp_path: Path) -> None:
    decks = []
    for kind in KINDS:
        path = tmp_path / f"{_name(False, kind)}.pptx"
        path.write_bytes(_deck(built, _name(False, kind)))
        decks.append(path)
    template = tmp_path / "template.pptx"  # the fixture itself opens too: its hidden slide is not shown
    template.write_bytes(untidy_template_bytes())
    pdfs = to_pdf([*decks, template], tmp_path / "pdf")
    slides = len(plan_of(built, _name(False, "pptx"))["slides"])
    assert [len(PdfReader(pdf).pages) for pdf in pdfs] == [slides, slides, len(SLIDE_TITLES) - 1]
