"""The XML names a deck is written with: PresentationML, DrawingML and relationship types."""

from __future__ import annotations

from lxml import etree

NAMESPACES = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_OFFICE_DOCUMENT = f"{_OFFICE_RELS}/officeDocument"
RT_SLIDE = f"{_OFFICE_RELS}/slide"
RT_SLIDE_MASTER = f"{_OFFICE_RELS}/slideMaster"
RT_SLIDE_LAYOUT = f"{_OFFICE_RELS}/slideLayout"
RT_NOTES_MASTER = f"{_OFFICE_RELS}/notesMaster"
RT_NOTES_SLIDE = f"{_OFFICE_RELS}/notesSlide"
RT_THEME = f"{_OFFICE_RELS}/theme"
RT_IMAGE = f"{_OFFICE_RELS}/image"
RT_HYPERLINK = f"{_OFFICE_RELS}/hyperlink"
RT_CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

_PML = "application/vnd.openxmlformats-officedocument.presentationml"
CT_SLIDE = f"{_PML}.slide+xml"
CT_NOTES_SLIDE = f"{_PML}.notesSlide+xml"
CT_NOTES_MASTER = f"{_PML}.notesMaster+xml"
CT_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
CT_CORE_PROPERTIES = "application/vnd.openxmlformats-package.core-properties+xml"

# Entities are never expanded and nothing is fetched: a team's template is someone else's file.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def qn(name: str) -> str:
    """The Clark name of a prefixed one: `a:p` is `{http://...drawingml/2006/main}p`."""
    prefix, local = name.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def nsdecls(*prefixes: str) -> str:
    """Namespace declarations to open an XML fragment that uses `prefixes`."""
    return " ".join(f'xmlns:{prefix}="{NAMESPACES[prefix]}"' for prefix in prefixes)


def parse(xml: str | bytes) -> etree._Element:
    return etree.fromstring(xml, PARSER)


def serialise(root: etree._Element) -> bytes:
    """A part's bytes, with the declaration Office writes."""
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data
