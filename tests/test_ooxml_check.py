"""The OOXML checker under every deck test: a sound deck passes, and each kind of damage the deck
writer could do is reported with the part and the reason."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation

from tests.deck_support import build_deck, compile_workshop, copy_library, edit_workshop
from tests.make_alt_template import LAYOUTS, alt_template_bytes
from tests.ooxml_check import check_deck, deck_problems
from tests.paths import FIXTURE_PROJECT
from workshopgen.project import Project

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
RT_NOTES_MASTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster"
RT_SLIDE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"


@pytest.fixture(scope="module")
def deck() -> bytes:
    compiled, log = compile_workshop(Project(FIXTURE_PROJECT))
    assert compiled is not None, log.problems
    return build_deck(compiled)


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def with_xml(data: bytes, member: str, change: Callable[[etree._Element], None]) -> bytes:
    """The deck with one XML part edited by `change`."""
    parts = members(data)
    root = etree.fromstring(parts[member])
    change(root)
    parts[member] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return rezipped(parts)


def one(root: etree._Element, path: str) -> Any:
    found = root.xpath(path, namespaces=NS)
    assert found, path
    return found[0]


def first_slide_with(data: bytes, path: str) -> str:
    return next(name for name, body in sorted(members(data).items())
                if name.startswith("ppt/slides/slide") and etree.fromstring(body).xpath(path, namespaces=NS))


def rid_of(data: bytes, source_rels: str, reltype: str) -> str:
    rels = etree.fromstring(members(data)[source_rels])
    return str(one(rels, f"rel:Relationship[@Type='{reltype}']/@Id"))


def problems_of(data: bytes) -> str:
    with pytest.raises(AssertionError) as raised:
        check_deck(data)
    return str(raised.value)


def test_a_built_deck_is_sound(deck: bytes) -> None:
    assert deck_problems(deck) == []


def test_the_slide_list_after_the_default_text_style_is_out_of_schema_order(deck: bytes) -> None:
    def move(root: etree._Element) -> None:
        one(root, "p:defaultTextStyle").addnext(one(root, "p:sldIdLst"))

    message = problems_of(with_xml(deck, "ppt/presentation.xml", move))
    assert "/ppt/presentation.xml: /p:presentation/p:sldIdLst: schema t/pml.xsd" in message
    assert "This element is not expected" in message


def test_tab_stops_before_the_bullet_are_out_of_schema_order(deck: bytes) -> None:
    bullet = "a:buChar or a:buAutoNum or a:buNone"
    slide = first_slide_with(deck, f"//a:pPr[{bullet}]")

    def move(root: etree._Element) -> None:
        properties = one(root, f"//a:pPr[{bullet}]")
        tabs = properties.find("a:tabLst", NS)
        if tabs is None:
            tabs = etree.fromstring(f'<a:tabLst xmlns:a="{NS["a"]}"><a:tab pos="0" algn="l"/></a:tabLst>')
        one(properties, bullet.replace(" or ", " | ")).addprevious(tabs)

    message = problems_of(with_xml(deck, slide, move))
    assert f"/{slide}: /p:sld/p:cSld/p:spTree/" in message and "a:pPr/a:bu" in message
    assert "This element is not expected" in message


def test_a_part_no_relationship_leads_to_is_unreachable(deck: bytes) -> None:
    parts = members(deck)
    parts["ppt/theme/theme99.xml"] = parts["ppt/theme/theme1.xml"]

    def declare(root: etree._Element) -> None:
        override = one(root, "//*[@PartName='/ppt/theme/theme1.xml']")
        override.addnext(etree.Element(override.tag, PartName="/ppt/theme/theme99.xml",
                                       ContentType=override.get("ContentType")))

    message = problems_of(with_xml(rezipped(parts), "[Content_Types].xml", declare))
    assert "/ppt/theme/theme99.xml: unreachable: no chain of relationships leads to it" in message


def test_a_reference_to_a_missing_relationship(deck: bytes) -> None:
    def break_reference(root: etree._Element) -> None:
        one(root, "p:sldIdLst/p:sldId").set(f"{{{NS['r']}}}id", "rId999")

    message = problems_of(with_xml(deck, "ppt/presentation.xml", break_reference))
    assert '/ppt/presentation.xml: p:sldId r:id="rId999": the part has no relationship with that id' in message


def test_a_custom_show_listing_the_notes_master_names_the_wrong_relationship_type(deck: bytes) -> None:
    notes_master = rid_of(deck, "ppt/_rels/presentation.xml.rels", RT_NOTES_MASTER)

    def add_show(root: etree._Element) -> None:
        shows = etree.fromstring(
            f'<p:custShowLst xmlns:p="{NS["p"]}" xmlns:r="{NS["r"]}"><p:custShow name="Short" id="0"><p:sldLst>'
            f'<p:sld r:id="{notes_master}"/></p:sldLst></p:custShow></p:custShowLst>')
        one(root, "p:notesSz").addnext(shows)

    message = problems_of(with_xml(deck, "ppt/presentation.xml", add_show))
    assert (f'/ppt/presentation.xml: p:sld r:id="{notes_master}": relationship type is notesMaster '
            "(to /ppt/notesMasters/notesMaster1.xml), not slide") in message


def test_two_shapes_with_one_id(deck: bytes) -> None:
    def duplicate(root: etree._Element) -> None:
        ids = root.xpath("//p:cNvPr", namespaces=NS)
        ids[2].set("id", ids[1].get("id"))

    message = problems_of(with_xml(deck, "ppt/slides/slide1.xml", duplicate))
    assert '/ppt/slides/slide1.xml: p:cNvPr id="2": 2 shapes share this id' in message


def test_a_notes_page_that_does_not_relate_back_to_its_slide(deck: bytes) -> None:
    notes = sorted(name for name in members(deck) if name.startswith("ppt/notesSlides/_rels/"))[0]

    def unlink(root: etree._Element) -> None:
        link = one(root, f"rel:Relationship[@Type='{RT_SLIDE}']")
        root.remove(link)

    slide = etree.fromstring(members(deck)[notes]).xpath(f"//*[@Type='{RT_SLIDE}']/@Target")[0]
    message = problems_of(with_xml(deck, notes, unlink))
    notes_page = "/" + notes.replace("_rels/", "").removesuffix(".rels")
    assert f"{notes_page}: relates to 0 slides (none); a notes page names one" in message
    assert f"/ppt/slides/{slide.rsplit('/', 1)[-1]}: its notes page {notes_page} does not relate back" in message


def test_bullet_sizes_in_thousandths_of_a_percent_are_accepted(deck: bytes) -> None:
    """The published schema's erratum: PowerPoint writes buSzPct as 80000, and "80%" is valid too."""
    slide = first_slide_with(deck, "//a:pPr/a:buChar")

    def sized(value: str) -> Callable[[etree._Element], None]:
        def change(root: etree._Element) -> None:
            size = etree.SubElement(one(root, "//a:pPr[a:buChar]"), f"{{{NS['a']}}}buSzPct", val=value)
            one(root, "//a:pPr/a:buFont").addprevious(size)
        return change

    assert deck_problems(with_xml(deck, slide, sized("80000"))) == []
    assert deck_problems(with_xml(deck, slide, sized("80%"))) == []
    assert "buSzPct" in "".join(deck_problems(with_xml(deck, slide, sized("80"))))


def test_markup_compatibility_is_read_as_office_reads_it(deck: bytes) -> None:
    """Newer Office markup behind mc:AlternateContent or mc:Ignorable is judged by its fallback."""
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    p14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"

    def newer_office(root: etree._Element) -> None:
        shape = one(root, "p:cSld/p:spTree/p:sp")
        alternate = etree.fromstring(
            f'<mc:AlternateContent xmlns:mc="{mc}" xmlns:p14="{p14}"><mc:Choice Requires="p14">'
            '<p14:unknown/></mc:Choice><mc:Fallback/></mc:AlternateContent>')
        shape.addprevious(alternate)
        alternate[1].append(shape)
        root.set(f"{{{mc}}}Ignorable", "p14")
        one(root, "p:cSld").addnext(etree.Element(f"{{{p14}}}laterThing"))

    def add_namespaces(data: bytes) -> bytes:
        parts = members(data)
        parts["ppt/slides/slide1.xml"] = parts["ppt/slides/slide1.xml"].replace(
            b"<p:sld ", f'<p:sld xmlns:mc="{mc}" xmlns:p14="{p14}" '.encode(), 1)
        return rezipped(parts)

    assert deck_problems(with_xml(add_namespaces(deck), "ppt/slides/slide1.xml", newer_office)) == []


def _example_picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (7, 5), (201, 17, 99)).save(out, "PNG")  # a picture no deck of ours contains
    return out.getvalue()


def _template_with_an_illustrated_example_slide() -> bytes:
    """A team template with an example text slide that has a picture and speaker notes: parts and
    relationships only the example slide leads to, which the deck must leave out with it."""
    presentation = Presentation(io.BytesIO(alt_template_bytes(potx=False)))
    # Its first slide on a layout the deck's first slide is not on, so that a deck reusing the
    # example's part name without dropping the example would have its relationships too.
    slide_list = presentation.slides._sldIdLst
    presentation.part.drop_rel(slide_list[0].rId)
    slide_list.remove(slide_list[0])
    words = next(layout for layout in presentation.slide_layouts if layout.name == LAYOUTS["content"])
    example = presentation.slides.add_slide(words)
    example.shapes.add_picture(io.BytesIO(_example_picture()), 0, 0)
    example.notes_slide.notes_text_frame.text = "Notes the team wrote on the example slide"
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def test_a_template_s_example_slide_leaves_nothing_of_it_behind(tmp_path: Path) -> None:
    project = copy_library(tmp_path / "library")
    (project.root / "assets" / "brand.pptx").write_bytes(_template_with_an_illustrated_example_slide())

    def use_template(data: dict[str, Any]) -> None:
        data["branding"]["template"] = "assets/brand.pptx"
        data["branding"]["layouts"] = dict(LAYOUTS)

    edit_workshop(project, use_template)
    compiled, log = compile_workshop(project)
    assert compiled is not None, log.problems
    parts = members(build_deck(compiled))  # checked there: reachability, one layout per slide, notes links
    assert _example_picture() not in parts.values()
    assert not any(b"Notes the team wrote" in body for body in parts.values())
