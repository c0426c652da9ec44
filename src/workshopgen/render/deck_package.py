"""The deck file as a package: brand colours and fonts in its theme, its properties, and a zip
that is byte-for-byte the same whenever the input is."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from typing import Any

from lxml import etree

from ..model import Branding, Workshop
from ..plan import Plan

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the earliest time a zip entry can carry


def document_time(workshop: Workshop) -> dt.datetime:
    """SOURCE_DATE_EPOCH when the build sets it, else midnight on the workshop's own date; never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    else:
        moment = dt.datetime.combine(workshop.date, dt.time())
    return max(moment, ZIP_EPOCH)


def set_theme(presentation: Any, branding: Branding) -> None:
    """Put the workshop's colours and fonts into the built-in template's theme, so PowerPoint's
    colour and font pickers offer the brand."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    part = presentation.slide_masters[0].part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False))
    colours = branding.colours
    scheme = {"dk1": colours.text, "lt1": colours.background, "dk2": colours.secondary, "accent1": colours.primary,
              "accent2": colours.secondary, "accent3": colours.accent, "hlink": colours.primary}
    for name, value in scheme.items():
        found = root.find(f".//{{{_A}}}clrScheme/{{{_A}}}{name}/{{{_A}}}srgbClr")
        if found is not None:
            found.set("val", value.lstrip("#").upper())
    for tag, family in (("majorFont", branding.fonts.heading), ("minorFont", branding.fonts.body)):
        latin = root.find(f".//{{{_A}}}fontScheme/{{{_A}}}{tag}/{{{_A}}}latin")
        if latin is not None:
            latin.set("typeface", family)
    part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_core_properties(presentation: Any, plan: Plan, moment: dt.datetime) -> None:
    workshop = plan.workshop
    properties = presentation.core_properties
    properties.title = workshop.title
    properties.subject = workshop.subtitle or ""
    properties.author = workshop.branding.organisation
    properties.keywords = ", ".join(workshop.principles)
    properties.category = workshop.kind
    properties.version = workshop.version
    properties.language = "cy-GB" if workshop.language == "cy" else "en-GB"
    properties.last_modified_by = "workshopgen"
    properties.revision = 1
    properties.created = moment
    properties.modified = moment


def package_bytes(presentation: Any, moment: dt.datetime) -> bytes:
    """The presentation as a .pptx whose every entry is dated `moment` and stored with fixed attributes.

    Written here rather than by python-pptx's `save`, which stamps entries with the clock; its own
    part order (content types, package relationships, then each part and its relationships) is kept."""
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
    from pptx.opc.serialized import _ContentTypesItem

    package = presentation.part.package
    parts = tuple(package.iter_parts())
    stamp = moment.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:

        def write(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)

        write(CONTENT_TYPES_URI.membername, serialize_part_xml(_ContentTypesItem.xml_for(parts)))
        write(PACKAGE_URI.rels_uri.membername, relationships_xml(package._rels))
        for part in parts:
            write(part.partname.membername, part.blob)
            if part._rels:
                write(part.partname.rels_uri.membername, relationships_xml(part.rels))
    return out.getvalue()


def relationships_xml(rels: Any) -> bytes:
    """A part's .rels file, the same bytes as python-pptx writes (in rId number order), made as one
    tree: python-pptx parses a fragment of XML for every relationship, a tenth of a deck's time."""
    root = etree.Element(f"{{{_RELATIONSHIPS}}}Relationships", nsmap={None: _RELATIONSHIPS})

    def number(rid: str) -> tuple[int, str]:
        return (int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0, rid)

    for rid in sorted(rels.keys(), key=number):
        rel = rels[rid]
        element = etree.SubElement(root, f"{{{_RELATIONSHIPS}}}Relationship", Id=rid, Type=rel.reltype,
                                   Target=rel.target_ref)
        if rel.is_external:
            element.set("TargetMode", "External")
    xml: bytes = etree.tostring(root, encoding="UTF-8", standalone=True)
    return xml
