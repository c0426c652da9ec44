"""The deck as a package: the template's masters, layouts and theme, with the deck's own slides,
notes pages and pictures added, its brand in the theme, its properties, and a zip that is
byte-for-byte the same whenever the input is.

A template is read once per run and kept without its example slides or anything that named
them; each deck starts from a copy of that and adds parts by number, so nothing is searched
for as the deck grows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from html import escape  # quotes too, so it serves attributes; xml.sax would load urllib and ssl

from lxml import etree

from ...deck_template import PRESENTATION_MAIN, TEMPLATE_MAIN, builtin_template_bytes
from ...messages import OFFICE_LANGUAGE_TAG
from ...model import Branding
from ...plan import Plan
from .ooxml import (
    CT_CORE_PROPERTIES,
    CT_NOTES_MASTER,
    CT_NOTES_SLIDE,
    CT_SLIDE,
    CT_THEME,
    NAMESPACES,
    RT_CORE_PROPERTIES,
    RT_HYPERLINK,
    RT_IMAGE,
    RT_NOTES_MASTER,
    RT_NOTES_SLIDE,
    RT_OFFICE_DOCUMENT,
    RT_SLIDE,
    RT_SLIDE_LAYOUT,
    RT_SLIDE_MASTER,
    RT_THEME,
    nsdecls,
    parse,
    qn,
    serialise,
)
from .opc import PACKAGE, Package
from .pictures import image_type

_MEDIA_NAME = re.compile(r"/ppt/media/image(\d+)\.\w+")
# What may follow the lists of masters and slides in presentation.xml, in the schema's order.
_AFTER_SLIDE_LIST = ("p:sldSz", "p:notesSz", "p:smartTags", "p:embeddedFontLst", "p:custShowLst", "p:photoAlbum",
                     "p:custDataLst", "p:kinsoku", "p:defaultTextStyle", "p:modifyVerifier", "p:extLst")

# What else in a template names its slides, which the deck drops.
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_PRES_PROPS = f"{_OFFICE_RELS}/presProps"
RT_VIEW_PROPS = f"{_OFFICE_RELS}/viewProps"
RT_EXTENDED_PROPERTIES = f"{_OFFICE_RELS}/extended-properties"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
RT_CHANGES_INFO = "http://schemas.microsoft.com/office/2016/11/relationships/changesInfo"
_SECTION_LIST_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
_R_ATTRIBUTE = f"{{{NAMESPACES['r']}}}"
_APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
# docProps/app.xml's counts and lists of what is in the slides: the template's, untrue of a deck.
_SLIDE_STATISTICS = frozenset(f"{_APP}{name}" for name in (
    "Pages", "Words", "Characters", "CharactersWithSpaces", "Lines", "Paragraphs", "Slides", "Notes",
    "HiddenSlides", "MMClips", "HeadingPairs", "TitlesOfParts", "HLinks"))


@dataclass(frozen=True)
class DeckBase:
    """A template made ready for decks: no slides, a notes master, and what a deck looks up in it."""

    package: Package
    presentation: str  # the main part's name
    presentation_xml: bytes
    layouts: dict[str, str]  # part name by layout name, first master first
    theme: str | None  # the first master's theme
    notes_master: str
    notes_body_idx: str
    notes_image_idx: str | None
    media: dict[str, str]  # the template's own pictures by SHA-1, so a deck reuses them
    last_media_number: int


@lru_cache(maxsize=8)
def deck_base(template: bytes) -> DeckBase:
    package = Package.read(template)
    [main] = [rel.target for rel in package.related(PACKAGE, RT_OFFICE_DOCUMENT)]
    if package.overrides.get(main) == TEMPLATE_MAIN.decode():  # a .potx: what is made from it is a presentation
        package.overrides[main] = PRESENTATION_MAIN.decode()
    root = parse(package.parts[main])
    _drop_slides(package, main, root)
    package.keep_reachable()
    if not package.related(main, RT_NOTES_MASTER):
        _borrow_notes_master(package, main, root)
    _insert_before(root, etree.Element(qn("p:sldIdLst")), _AFTER_SLIDE_LIST)

    layouts: dict[str, str] = {}
    by_rid = {rel.rid: rel.target for rel in package.related(main, RT_SLIDE_MASTER)}
    masters = [by_rid[rid] for entry in root.iter(qn("p:sldMasterId")) if (rid := entry.get(qn("r:id"))) in by_rid]
    for master in masters:
        for rel in package.related(master, RT_SLIDE_LAYOUT):
            common = parse(package.parts[rel.target]).find(qn("p:cSld"))
            layouts.setdefault(common.get("name", "") if common is not None else "", rel.target)
    themes = package.related(masters[0], RT_THEME) if masters else []
    notes_master = package.related(main, RT_NOTES_MASTER)[0].target
    placeholders = {ph.get("type"): ph.get("idx") for ph in parse(package.parts[notes_master]).iter(qn("p:ph"))}
    media = {hashlib.sha1(data).hexdigest(): name for name, data in package.parts.items()
             if name.startswith("/ppt/media/")}
    numbers = [int(found[1]) for name in package.parts if (found := _MEDIA_NAME.fullmatch(name))]
    return DeckBase(package, main, serialise(root), layouts, themes[0].target if themes else None, notes_master,
                    notes_body_idx=placeholders.get("body") or "1",
                    notes_image_idx=placeholders.get("sldImg") if "sldImg" in placeholders else None,
                    media=media, last_media_number=max(numbers, default=0))


def _drop_slides(package: Package, main: str, root: etree._Element) -> None:
    """Take out the template's slides and whatever names them, so that nothing in a deck names a
    slide it lacks or, by a reused id or number, one of the deck's own (PowerPoint repairs either)."""
    package.retire(main, (value for element in root.iter(etree.Element) for name, value in element.attrib.items()
                          if name.startswith(_R_ATTRIBUTE)))  # a new id never takes one the XML still names
    package.unrelate(main, RT_SLIDE)
    package.unrelate(main, RT_CHANGES_INFO)  # the template's edit history, by slide id
    package.unrelate(PACKAGE, RT_THUMBNAIL)  # a picture of its first slide
    # Custom shows and sections list the template's slides only; the deck's own would be in none.
    for found in (root.find(qn("p:sldIdLst")), root.find(qn("p:custShowLst")),
                  *root.iterfind(f"{qn('p:extLst')}/{qn('p:ext')}[@uri='{_SECTION_LIST_EXT}']")):
        if found is not None:
            found.getparent().remove(found)
    extensions = root.find(qn("p:extLst"))
    if extensions is not None and len(extensions) == 0:
        root.remove(extensions)
    for name, props in _related_xml(package, main, RT_PRES_PROPS):
        choices = [*props.iter(qn("p:custShow"), qn("p:sldRg"))]  # a removed show, or template numbers
        for choice in choices:
            choice.getparent().replace(choice, etree.Element(qn("p:sldAll")))
        _store_if_changed(package, name, props, bool(choices))
    for name, view in _related_xml(package, main, RT_VIEW_PROPS):
        outlines = view.findall(f"{qn('p:outlineViewPr')}/{qn('p:sldLst')}")  # slides collapsed in outline
        for found in outlines:
            found.getparent().remove(found)
        package.unrelate(name, RT_SLIDE)
        _store_if_changed(package, name, view, bool(outlines))
    # Slide counts and titles dropped, not recounted: PowerPoint counts again on saving, and
    # counting would cost every deck time.
    for name, app in _related_xml(package, PACKAGE, RT_EXTENDED_PROPERTIES):
        statistics = [child for child in app if child.tag in _SLIDE_STATISTICS]
        for found in statistics:
            app.remove(found)
        _store_if_changed(package, name, app, bool(statistics))


def _store_if_changed(package: Package, name: str, root: etree._Element, changed: bool) -> None:
    """A part is written anew only where something was taken out, so a tidy template's bytes stay its own."""
    if changed:
        package.parts[name] = serialise(root)


def _related_xml(package: Package, source: str, reltype: str) -> Iterator[tuple[str, etree._Element]]:
    """The name and parsed XML of each part `source` relates to by `reltype`."""
    for rel in package.related(source, reltype):
        if rel.target in package.parts:
            yield rel.target, parse(package.parts[rel.target])


def _borrow_notes_master(package: Package, main: str, root: etree._Element) -> None:
    """Give a template without a notes master the built-in one, which speaker notes need."""
    builtin = Package.read(builtin_template_bytes())
    [builtin_main] = builtin.related(PACKAGE, RT_OFFICE_DOCUMENT)
    [(name, theme)] = [(rel.target, rel2.target) for rel in builtin.related(builtin_main.target, RT_NOTES_MASTER)
                       for rel2 in builtin.related(rel.target, RT_THEME)]
    master_name = _free_name(package, "/ppt/notesMasters/notesMaster{}.xml")
    theme_name = _free_name(package, "/ppt/theme/theme{}.xml")
    package.add(master_name, builtin.parts[name], CT_NOTES_MASTER)
    package.add(theme_name, builtin.parts[theme], CT_THEME)
    package.relate(master_name, RT_THEME, theme_name)
    rid = package.relate(main, RT_NOTES_MASTER, master_name)
    listing = etree.Element(qn("p:notesMasterIdLst"))
    etree.SubElement(listing, qn("p:notesMasterId")).set(qn("r:id"), rid)
    _insert_before(root, listing, ("p:handoutMasterIdLst", *_AFTER_SLIDE_LIST))


def _free_name(package: Package, pattern: str) -> str:
    return next(name for n in range(1, 10_000) if (name := pattern.format(n)) not in package.parts)


def _insert_before(root: etree._Element, element: etree._Element, followers: tuple[str, ...]) -> None:
    tags = {qn(name) for name in followers}
    following = next((child for child in root if child.tag in tags), None)
    if following is None:
        root.append(element)
    else:
        following.addprevious(element)


class SlidePart:
    """One slide being written: its shapes, in reading order, and a shape id for each."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.name = f"/ppt/slides/slide{number}.xml"
        self.shapes: list[str] = []
        self.timing = ""  # the slide's animations (`p:timing`), if any
        self._last_id = 1  # the shape tree itself is 1

    def next_id(self) -> int:
        self._last_id += 1
        return self._last_id

    def add(self, shape: str) -> None:
        """Add a shape, written as XML with the prefixes a:, p: and r:."""
        self.shapes.append(shape)

    def xml(self) -> bytes:
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sld {nsdecls("a", "p", "r")}>'
                '<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
                '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
                f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{"".join(self.shapes)}</p:spTree></p:cSld>'
                f'<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>{self.timing}</p:sld>').encode()


class DeckPackage:
    """A deck being made on a template: slides on its layouts, their notes, pictures stored once."""

    def __init__(self, template: bytes) -> None:
        self.base = deck_base(template)
        self.package = self.base.package.copy()
        self.presentation = parse(self.base.presentation_xml)
        self.slides: list[SlidePart] = []
        self.media = dict(self.base.media)
        self.last_media_number = self.base.last_media_number
        self.last_numbers: dict[str, int] = {}  # by name pattern, for parts added by number

    def add_slide(self, layout: str) -> SlidePart:
        slide = SlidePart(len(self.slides) + 1)
        self.package.relate(slide.name, RT_SLIDE_LAYOUT, self.base.layouts[layout])
        rid = self.package.relate(self.base.presentation, RT_SLIDE, slide.name, reuse=False)
        entry = etree.SubElement(self.presentation.find(qn("p:sldIdLst")), qn("p:sldId"), id=str(255 + slide.number))
        entry.set(qn("r:id"), rid)
        self.slides.append(slide)
        return slide

    def picture(self, slide: SlidePart, data: bytes) -> str:
        """The relationship id by which `slide` shows the picture `data` (a PNG or JPEG)."""
        sha1 = hashlib.sha1(data).hexdigest()
        name = self.media.get(sha1)
        if name is None:
            self.last_media_number += 1
            extension, content_type = image_type(data)
            name = self.media[sha1] = f"/ppt/media/image{self.last_media_number}.{extension}"
            self.package.defaults.setdefault(extension, content_type)
            self.package.add(name, data, content_type)
        return self.package.relate(slide.name, RT_IMAGE, name)

    def link(self, slide: SlidePart, url: str) -> str:
        """The relationship id by which `slide` links to the address `url`."""
        return self.package.relate(slide.name, RT_HYPERLINK, url, external=True)

    def add_related_part(self, source: str, pattern: str, data: bytes, content_type: str,
                         reltype: str) -> tuple[str, str]:
        """Add `data` as the next numbered part of `pattern` (such as `/ppt/charts/chart{}.xml`), related
        from the part `source` by `reltype`; its name and the relationship's id."""
        number = self.last_numbers.get(pattern, 0) + 1
        while pattern.format(number) in self.package.parts:  # a template's own, kept by a layout or master
            number += 1
        self.last_numbers[pattern] = number
        name = pattern.format(number)
        self.package.add(name, data, content_type)
        return name, self.package.relate(source, reltype, name)

    def notes(self, slide: SlidePart, paragraphs: str) -> None:
        """Give `slide` a notes page whose body holds `paragraphs` (DrawingML `a:p` elements)."""
        name = f"/ppt/notesSlides/notesSlide{slide.number}.xml"
        image_idx = f' idx="{self.base.notes_image_idx}"' if self.base.notes_image_idx is not None else ""
        self.package.add(name, (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:notes {nsdecls("a", "p", "r")}><p:cSld>'
            '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
            '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" '
            f'noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"{image_idx}/></p:nvPr></p:nvSpPr>'
            '<p:spPr/></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr>'
            f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="{self.base.notes_body_idx}"/></p:nvPr>'
            f'</p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</p:txBody></p:sp></p:spTree>'
            '</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>').encode(), CT_NOTES_SLIDE)
        self.package.relate(name, RT_NOTES_MASTER, self.base.notes_master)
        self.package.relate(name, RT_SLIDE, slide.name)
        self.package.relate(slide.name, RT_NOTES_SLIDE, name)

    def set_theme(self, branding: Branding) -> None:
        """Put the workshop's colours and fonts into the theme, so PowerPoint's colour and font
        pickers offer the brand."""
        if self.base.theme is None:
            return
        root = parse(self.package.parts[self.base.theme])
        colours = branding.colours
        scheme = {"dk1": colours.text, "lt1": colours.background, "dk2": colours.secondary,
                  "accent1": colours.primary, "accent2": colours.secondary, "accent3": colours.accent,
                  "hlink": colours.primary}
        found_scheme = root.find(f".//{qn('a:clrScheme')}")
        for name, value in scheme.items():
            found = found_scheme.find(f"{qn(f'a:{name}')}/{qn('a:srgbClr')}") if found_scheme is not None else None
            if found is not None:
                found.set("val", value.lstrip("#").upper())
        for tag, family in (("a:majorFont", branding.fonts.heading), ("a:minorFont", branding.fonts.body)):
            latin = root.find(f".//{qn(tag)}/{qn('a:latin')}")
            if latin is not None:
                latin.set("typeface", family)
        self.package.parts[self.base.theme] = serialise(root)

    def finish(self, plan: Plan, moment: dt.datetime) -> bytes:
        """The .pptx, every entry and the document's own dates set to `moment`."""
        for slide in self.slides:
            self.package.add(slide.name, slide.xml(), CT_SLIDE)
        self.package.parts[self.base.presentation] = serialise(self.presentation)
        core = next((rel.target for rel in self.package.rels.get(PACKAGE, []) if rel.type == RT_CORE_PROPERTIES),
                    None)
        if core is None:
            core = "/docProps/core.xml"
            self.package.relate(PACKAGE, RT_CORE_PROPERTIES, core)
        self.package.add(core, core_properties_xml(plan, moment), CT_CORE_PROPERTIES)
        self.package.keep_reachable()
        return self.package.zip_bytes(moment)


def core_properties_xml(plan: Plan, moment: dt.datetime) -> bytes:
    """Title, author, language and the dates, which come from the workshop rather than the clock."""
    workshop = plan.workshop
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    fields = (("dc:title", workshop.title), ("dc:subject", workshop.subtitle or ""),
              ("dc:creator", workshop.branding.organisation), ("cp:keywords", ", ".join(workshop.principles)),
              ("cp:category", workshop.kind), ("cp:version", workshop.version),
              ("dc:language", OFFICE_LANGUAGE_TAG[workshop.language]),
              ("cp:lastModifiedBy", "workshopgen"), ("cp:revision", "1"))
    body = "".join(f"<{tag}>{escape(value, quote=False)}</{tag}>" for tag, value in fields)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'{body}<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>').encode()

