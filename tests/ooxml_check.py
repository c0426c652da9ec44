"""A strict reader's view of a built .pptx, for the tests: every XML part against the ISO/IEC 29500
transitional schemas (tests/schemas), and the package's parts, relationships and ids against each
other. `check_deck` raises AssertionError naming each part, element and reason.

Schemas are compiled once per process and a deck is checked once per distinct bytes, since the
suite builds many decks, most of them alike.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import threading
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
XML_NS = "http://www.w3.org/XML/1998/namespace"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema"

PREFIXES = {P: "p", A: "a", C: "c", R: "r", MC: "mc", P14: "p14", RELS: "rel", TYPES: "ct", CORE: "cp", EXTENDED: "ep",
            DC: "dc", DCTERMS: "dcterms"}

# The schema for a part, by its root element's namespace.
ROOT_SCHEMAS = {
    P: "t/pml.xsd",
    A: "t/dml-main.xsd",  # a:theme, a:tblStyleLst, a:themeOverride
    C: "t/dml-chart.xsd",  # c:chartSpace
    CORE: "opc/opc-coreProperties.xsd",
    EXTENDED: "t/shared-documentPropertiesExtended.xsd",
    CUSTOM: "t/shared-documentPropertiesCustom.xsd",
    TYPES: "opc/opc-contentTypes.xsd",
    RELS: "opc/opc-relationships.xsd",
}
# Namespaces whose every root must have a schema: the deck writer's own markup.
MUST_VALIDATE = frozenset({P, A, C})

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_OFFICE_DOCUMENT = _RT + "officeDocument"
RT_SLIDE = _RT + "slide"
RT_NOTES_SLIDE = _RT + "notesSlide"
# The relationship type an element's reference must have: (element, attribute) -> type.
EXPECTED_TYPES = {
    (f"{{{P}}}sldId", f"{{{R}}}id"): RT_SLIDE,
    (f"{{{P}}}sldMasterId", f"{{{R}}}id"): _RT + "slideMaster",
    (f"{{{P}}}notesMasterId", f"{{{R}}}id"): _RT + "notesMaster",
    (f"{{{P}}}handoutMasterId", f"{{{R}}}id"): _RT + "handoutMaster",
    (f"{{{P}}}sld", f"{{{R}}}id"): RT_SLIDE,  # a custom show's slide list
    (f"{{{P}}}sldLayoutId", f"{{{R}}}id"): _RT + "slideLayout",
    (f"{{{A}}}blip", f"{{{R}}}embed"): _RT + "image",
    (f"{{{A}}}blip", f"{{{R}}}link"): _RT + "image",
    (f"{{{C}}}chart", f"{{{R}}}id"): _RT + "chart",
    (f"{{{C}}}externalData", f"{{{R}}}id"): _RT + "package",
}
_CT = "application/vnd.openxmlformats-officedocument.presentationml."
CT_NOTES_SLIDE = _CT + "notesSlide+xml"
# Relationships a part of a content type has exactly one of, having no markup to choose among several.
ONE_EACH = {_CT + "slide+xml": _RT + "slideLayout", _CT + "slideLayout+xml": _RT + "slideMaster"}
SLIDE_IDS = range(256, 2**31)
MASTER_IDS = range(2**31, 2**32)  # masters' and layouts' ids share one space, above the slides'

CONTENT_TYPES = "[Content_Types].xml"
ROOT = "/"  # the source of the package's own relationships


# Stand-ins for the schemas the published set imports but does not ship: just the declarations
# the OOXML schemas refer to, so validation never reaches for the network.
_XML_STANDIN = f"""<xs:schema xmlns:xs="{XSD}" targetNamespace="{XML_NS}">
  <xs:attribute name="lang"><xs:simpleType><xs:union memberTypes="xs:language">
    <xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value=""/></xs:restriction></xs:simpleType>
  </xs:union></xs:simpleType></xs:attribute>
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
    <xs:enumeration value="default"/><xs:enumeration value="preserve"/>
  </xs:restriction></xs:simpleType></xs:attribute>
  <xs:attribute name="base" type="xs:anyURI"/>
  <xs:attribute name="id" type="xs:ID"/>
</xs:schema>"""
_DC_ELEMENTS = ("title", "creator", "subject", "description", "publisher", "contributor", "date", "type", "format",
                "identifier", "source", "language", "relation", "coverage", "rights")
# Text with an optional xml:lang; mixed content with no children, so W3CDTF can restrict it.
_DC_STANDIN = f"""<xs:schema xmlns:xs="{XSD}" xmlns:xml="{XML_NS}" xmlns="{DC}" targetNamespace="{DC}"
    elementFormDefault="qualified">
  <xs:import namespace="{XML_NS}" schemaLocation="standin-xml.xsd"/>
  <xs:complexType name="SimpleLiteral"><xs:complexContent mixed="true"><xs:restriction base="xs:anyType">
    <xs:sequence><xs:any processContents="lax" minOccurs="0" maxOccurs="0"/></xs:sequence>
    <xs:attribute ref="xml:lang" use="optional"/>
  </xs:restriction></xs:complexContent></xs:complexType>
  {"".join(f'<xs:element name="{name}" type="SimpleLiteral"/>' for name in _DC_ELEMENTS)}
</xs:schema>"""
_DCTERMS_STANDIN = f"""<xs:schema xmlns:xs="{XSD}" xmlns:xml="{XML_NS}" xmlns:dc="{DC}" targetNamespace="{DCTERMS}"
    elementFormDefault="qualified">
  <xs:import namespace="{XML_NS}" schemaLocation="standin-xml.xsd"/>
  <xs:import namespace="{DC}" schemaLocation="standin-dc.xsd"/>
  <xs:complexType name="W3CDTF"><xs:simpleContent><xs:restriction base="dc:SimpleLiteral">
    <xs:simpleType><xs:union memberTypes="xs:gYear xs:gYearMonth xs:date xs:dateTime"/></xs:simpleType>
    <xs:attribute ref="xml:lang" use="prohibited"/>
  </xs:restriction></xs:simpleContent></xs:complexType>
  {"".join(f'<xs:element name="{name}" type="dc:SimpleLiteral"/>'
           for name in ("created", "modified", "issued", "available", "valid", "dateAccepted", "dateCopyrighted"))}
</xs:schema>"""
_STANDINS = {"standin-xml.xsd": _XML_STANDIN, "standin-dc.xsd": _DC_STANDIN, "standin-dcterms.xsd": _DCTERMS_STANDIN}
_STANDIN_FOR = {XML_NS: "standin-xml.xsd", DC: "standin-dc.xsd", DCTERMS: "standin-dcterms.xsd"}


def _patched_schema(name: str, data: bytes) -> bytes:
    """A schema file as validation uses it: imports pointed at the stand-ins, and dml-main's errata fixed."""
    root = etree.fromstring(data, base_url=name)
    for found in root.iter(f"{{{XSD}}}import"):
        standin = _STANDIN_FOR.get(found.get("namespace", ""))
        if standin is not None:
            found.set("schemaLocation", standin)
    if posixpath.basename(name) == "dml-main.xsd":
        # PowerPoint writes a:buSzPct val="80000" (thousandths of a percent, as in the first edition);
        # the published type allows only "80%". The union type in the same schema allows both.
        [val] = root.xpath("xsd:complexType[@name='CT_TextBulletSizePercent']/xsd:attribute[@name='val']",
                           namespaces={"xsd": XSD})
        val.set("type", "ST_TextBulletSize")
    return bytes(etree.tostring(root))


class _SchemaResolver(etree.Resolver):  # type: ignore[misc]
    """Serves the copied schemas (patched) and the stand-ins; nothing else is ever loaded."""

    def resolve(self, url: str | None, pubid: str | None, context: object) -> object:
        name = posixpath.basename(url or "")
        if name in _STANDINS:
            return self.resolve_string(_STANDINS[name], context, base_url=name)
        local = next((path for path in (SCHEMAS / "t" / name, SCHEMAS / "opc" / name) if path.is_file()), None)
        if local is None:
            raise OSError(f"the deck schemas import {url!r}, which tests/schemas does not hold")
        return self.resolve_string(_patched_schema(name, local.read_bytes()), context, base_url=str(local))


@dataclass(frozen=True)
class Schema:
    validator: etree.XMLSchema
    roots: frozenset[str]  # Clark names of the elements a part may have as its root


_VALIDATING = threading.Lock()


@cache
def schema(relative: str) -> Schema:
    """A schema under tests/schemas, compiled once per process."""
    path = SCHEMAS / relative
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_SchemaResolver())
    document = etree.fromstring(_patched_schema(path.name, path.read_bytes()), parser, base_url=str(path))
    target = document.get("targetNamespace", "")
    roots = frozenset(f"{{{target}}}{element.get('name')}" for element in document.iterfind(f"{{{XSD}}}element"))
    return Schema(etree.XMLSchema(document), roots)


# ---------------------------------------------------------------------------------------------
# The package read into memory


@dataclass(frozen=True)
class Rel:
    rid: str
    type: str
    target: str  # a part name for internal targets, the URL for external ones
    external: bool


@dataclass
class Package:
    members: dict[str, bytes]  # part name ("/ppt/slides/slide1.xml") -> bytes, .rels and content types too
    trees: dict[str, etree._Element] = field(default_factory=dict)  # XML parts, as as_office_reads leaves them
    defaults: dict[str, str] = field(default_factory=dict)  # content type by extension (lower case)
    overrides: dict[str, str] = field(default_factory=dict)  # content type by part name (lower case)
    rels: dict[str, list[Rel]] = field(default_factory=dict)  # by source part; ROOT for the package's own
    problems: list[str] = field(default_factory=list)

    @property
    def parts(self) -> list[str]:
        """The parts that relationships lead to: all but content types and relationship parts."""
        return [name for name in self.members if name != f"/{CONTENT_TYPES}" and not is_rels(name)]

    def content_type(self, name: str) -> str | None:
        _, dot, extension = posixpath.basename(name).rpartition(".")
        return self.overrides.get(name.lower()) or (self.defaults.get(extension.lower()) if dot else None)

    def rel(self, source: str, rid: str) -> Rel | None:
        return next((rel for rel in self.rels.get(source, []) if rel.rid == rid), None)

    def targets(self, source: str, reltype: str) -> list[str]:
        return [rel.target for rel in self.rels.get(source, []) if rel.type == reltype and not rel.external]


def is_rels(name: str) -> bool:
    return "/_rels/" in name and name.endswith(".rels")


def rels_source(name: str) -> str:
    """The part whose relationships a .rels part holds: /ppt/_rels/a.xml.rels -> /ppt/a.xml."""
    folder = posixpath.dirname(posixpath.dirname(name))
    source = posixpath.basename(name)[: -len(".rels")]
    return posixpath.join(folder, source) if source else ROOT


def read_package(data: bytes) -> Package:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        package = Package({f"/{info.filename}": archive.read(info) for info in archive.infolist() if not info.is_dir()})
    for name, body in package.members.items():
        if name == f"/{CONTENT_TYPES}" or name.endswith((".xml", ".rels")) or \
                (package.content_type(name) or "").endswith("xml"):
            try:
                package.trees[name] = etree.fromstring(body, _PARSER)
            except etree.XMLSyntaxError as error:
                package.problems.append(f"{name}: not well-formed XML: {error}")
                continue
            if MC.encode() in body:
                as_office_reads(package.trees[name])
    types = package.trees.get(f"/{CONTENT_TYPES}")
    if types is None:
        package.problems.append(f"/{CONTENT_TYPES}: missing, so no part has a content type")
    else:
        for entry in types:
            if entry.tag == f"{{{TYPES}}}Default":
                package.defaults[entry.get("Extension", "").lower()] = entry.get("ContentType", "")
            elif entry.tag == f"{{{TYPES}}}Override":
                package.overrides[entry.get("PartName", "").lower()] = entry.get("ContentType", "")
    for name, tree in package.trees.items():
        if is_rels(name):
            package.rels[rels_source(name)] = _read_rels(rels_source(name), tree)
    return package


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def _read_rels(source: str, root: etree._Element) -> list[Rel]:
    base = posixpath.dirname(source) if source != ROOT else "/"
    found = []
    for entry in root.iterfind(f"{{{RELS}}}Relationship"):
        target, external = entry.get("Target", ""), entry.get("TargetMode") == "External"
        if not external:
            target = unquote(target.split("#", 1)[0])
            target = posixpath.normpath(target if target.startswith("/") else posixpath.join(base, target))
        found.append(Rel(entry.get("Id", ""), entry.get("Type", ""), target, external))
    return found


# ---------------------------------------------------------------------------------------------
# Markup compatibility: what a reader that knows only the standard's schemas sees


def as_office_reads(root: etree._Element) -> None:
    """Resolve mc:AlternateContent to its mc:Fallback and drop what mc:Ignorable lets a reader
    skip, in place, as an application knowing only the published schemas would."""
    ignorable = _ignorable_namespaces(root)
    while (choice := next(root.iter(f"{{{MC}}}AlternateContent"), None)) is not None:
        fallback = choice.find(f"{{{MC}}}Fallback")
        for child in list(fallback) if fallback is not None else []:
            choice.addprevious(child)
        choice.getparent().remove(choice)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        parent = element.getparent()
        # Extension lists hold any markup by design; what is in them stays.
        if parent is not None and etree.QName(element).namespace in ignorable and \
                etree.QName(parent).localname != "ext":
            parent.remove(element)
            continue
        for attribute in [a for a in element.attrib if a.startswith(f"{{{MC}}}") or
                          (a.startswith("{") and a[1:].split("}")[0] in ignorable)]:
            del element.attrib[attribute]


def _ignorable_namespaces(root: etree._Element) -> set[str]:
    found = set()
    for element in root.iter():
        listed = element.get(f"{{{MC}}}Ignorable") if isinstance(element.tag, str) else None
        for prefix in (listed or "").split():
            if prefix in element.nsmap:
                found.add(element.nsmap[prefix])
    return found


# ---------------------------------------------------------------------------------------------
# The checks, each returning its problems as "part: element: reason"


def schema_problems(package: Package) -> Iterator[str]:
    for name, root in package.trees.items():
        namespace = etree.QName(root).namespace or ""
        relative = ROOT_SCHEMAS.get(namespace)
        if relative is None:
            continue  # another vocabulary (custom XML, later Office's own parts); not ours to judge
        found = schema(relative)
        if root.tag not in found.roots:
            if namespace in MUST_VALIDATE or relative.startswith("opc/"):
                yield f"{name}: {_short(root.tag)}: no schema declares this root element (looked in {relative})"
            continue
        with _VALIDATING:  # a validator keeps its error log on itself
            errors = [] if found.validator.validate(root) else list(found.validator.error_log)
        for error in errors:
            yield f"{name}: {_short_path(error.path)}: schema {relative}: {_short(error.message)}"


def content_type_problems(package: Package) -> Iterator[str]:
    for name in package.members:
        if name != f"/{CONTENT_TYPES}" and not package.content_type(name):
            yield f"{name}: has no content type (no Override for it and no Default for its extension)"
    names = {name.lower() for name in package.members}
    for part in package.overrides:
        if part not in names:
            yield f"/{CONTENT_TYPES}: Override {part}: names a part the package does not have"


def relationship_problems(package: Package) -> Iterator[str]:
    for source, rels in package.rels.items():
        if source != ROOT and source not in package.members:
            yield f"{_rels_name(source)}: holds relationships of {source}, which the package does not have"
        for rel in rels:
            if not rel.external and rel.target not in package.members:
                yield f"{_rels_name(source)}: Relationship {rel.rid}: its target {rel.target} is not in the package"


def reachability_problems(package: Package) -> Iterator[str]:
    reached, stack = {ROOT}, [ROOT]
    while stack:
        for rel in package.rels.get(stack.pop(), []):
            if not rel.external and rel.target not in reached:
                reached.add(rel.target)
                stack.append(rel.target)
    for name in package.parts:
        if name not in reached:
            yield f"{name}: unreachable: no chain of relationships leads to it from the package root"


def reference_problems(package: Package) -> Iterator[str]:
    """Every r: attribute names a relationship of its own part, of the type its element implies."""
    for name, root in package.trees.items():
        if is_rels(name) or R.encode() not in package.members[name]:
            continue
        for value in root.xpath("//@*[namespace-uri() = $ns]", ns=R):
            element, attribute = value.getparent(), value.attrname
            where = f"{name}: {_short(element.tag)} {_short(attribute)}=\"{value}\""
            rel = package.rel(name, str(value))
            if rel is None:
                yield f"{where}: the part has no relationship with that id"
                continue
            expected = EXPECTED_TYPES.get((element.tag, attribute))
            if expected is not None and rel.type != expected:
                yield f"{where}: relationship type is {rel.type.rsplit('/', 1)[-1]} (to {rel.target}), " \
                      f"not {expected.rsplit('/', 1)[-1]}"


def shape_id_problems(package: Package) -> Iterator[str]:
    for name, root in package.trees.items():
        if etree.QName(root).namespace != P:
            continue
        counts = Counter(element.get("id") for element in root.iter(f"{{{P}}}cNvPr"))
        for shape_id, count in sorted(counts.items(), key=lambda item: str(item[0])):
            if count > 1:
                yield f"{name}: p:cNvPr id=\"{shape_id}\": {count} shapes share this id"


def notes_problems(package: Package) -> Iterator[str]:
    """A slide's notes page relates back to that slide, and to no other."""
    notes_of: dict[str, list[str]] = {}  # notes page -> the slides whose notes it is
    for source in package.rels:
        for target in package.targets(source, RT_NOTES_SLIDE):
            notes_of.setdefault(target, []).append(source)
    for source in package.rels:
        if len(pages := package.targets(source, RT_NOTES_SLIDE)) > 1:
            yield f"{source}: has {len(pages)} notes pages ({', '.join(pages)}); a slide has one"
    notes_pages = {name for name in package.parts if package.content_type(name) == CT_NOTES_SLIDE} | set(notes_of)
    for notes in sorted(notes_pages):
        named = package.targets(notes, RT_SLIDE)
        holders = notes_of.get(notes, [])
        if len(named) != 1:
            yield f"{notes}: relates to {len(named)} slides ({', '.join(named) or 'none'}); a notes page names one"
        elif holders != named:
            yield f"{notes}: names slide {named[0]}, but is the notes page of {', '.join(holders) or 'no slide'}"
        for holder in holders:
            if holder not in named:
                yield f"{holder}: its notes page {notes} does not relate back to it"


def implicit_relationship_problems(package: Package) -> Iterator[str]:
    """A slide is on one layout and a layout belongs to one master."""
    for name in package.parts:
        reltype = ONE_EACH.get(package.content_type(name) or "")
        if reltype is not None and len(targets := package.targets(name, reltype)) != 1:
            yield f"{name}: has {len(targets)} {reltype.rsplit('/', 1)[-1]} relationships " \
                  f"({', '.join(targets) or 'none'}); it needs exactly one"


def id_problems(package: Package) -> Iterator[str]:
    """Slide ids unique and in range; master and layout ids unique among themselves and above slides';
    sections list only slides the presentation has."""
    main = next(iter(package.targets(ROOT, RT_OFFICE_DOCUMENT)), None)
    presentation = package.trees.get(main or "")
    if main is None or presentation is None:
        yield f"{_rels_name(ROOT)}: no officeDocument relationship to a presentation part"
        return
    slide_ids = [(main, element.get("id", "")) for element in presentation.iter(f"{{{P}}}sldId")]
    yield from _unique_in_range("p:sldId", slide_ids, SLIDE_IDS)
    masters = [(main, element.get("id", "")) for element in presentation.iter(f"{{{P}}}sldMasterId")]
    for master in package.targets(main, _RT + "slideMaster"):
        layouts = package.trees[master].iter(f"{{{P}}}sldLayoutId") if master in package.trees else []
        masters += [(master, element.get("id", "")) for element in layouts]
    yield from _unique_in_range("p:sldMasterId or p:sldLayoutId", masters, MASTER_IDS)
    listed = {element.get(f"{{{R}}}id") for element in presentation.iter(f"{{{P}}}sldId")}
    for rel in package.rels.get(main, []):
        if rel.type == RT_SLIDE and rel.rid not in listed:
            yield f"{main}: p:sldIdLst: slide {rel.target} ({rel.rid}) is related but not listed"
    present = {value for _, value in slide_ids}
    for entry in presentation.iter(f"{{{P14}}}sldId"):
        if entry.get("id") not in present:
            yield f"{main}: p14:sectionLst p14:sldId id=\"{entry.get('id')}\": no slide in p:sldIdLst has this id"


def _unique_in_range(what: str, found: list[tuple[str, str]], allowed: range) -> Iterator[str]:
    """Problems of ids given as (part, id): each used once, each within `allowed`."""
    counts = Counter(value for _, value in found)
    for part, value in dict.fromkeys(found):
        if counts[value] > 1:
            yield f"{part}: {what} id=\"{value}\": {counts[value]} entries share this id"
        if not (value.isdigit() and int(value) in allowed):
            yield f"{part}: {what} id=\"{value}\": outside {allowed.start}..{allowed.stop - 1}"


CHECKS = (schema_problems, content_type_problems, relationship_problems, reachability_problems,
          reference_problems, implicit_relationship_problems, shape_id_problems, notes_problems, id_problems)


def deck_problems(data: bytes) -> list[str]:
    """Everything wrong with the .pptx `data`, one line each; empty when it is sound."""
    try:
        package = read_package(data)
    except zipfile.BadZipFile as error:
        return [f"not a zip package: {error}"]
    problems = list(package.problems)
    for check in CHECKS:
        problems += check(package)
    return problems


_CHECKED: set[bytes] = set()  # SHA-256 of decks already found sound


def check_deck(data: bytes) -> None:
    """Raise AssertionError listing every problem of the .pptx `data`; each distinct deck is checked once."""
    digest = hashlib.sha256(data).digest()
    if digest in _CHECKED:
        return
    problems = deck_problems(data)
    if problems:
        shown = "\n  ".join(problems[:40]) + (f"\n  ... and {len(problems) - 40} more" if len(problems) > 40 else "")
        raise AssertionError(f"the deck is not sound OOXML ({len(problems)} problem(s)):\n  {shown}")
    _CHECKED.add(digest)


# ---------------------------------------------------------------------------------------------
# Messages in prefixes rather than namespace URIs


_CLARK = re.compile(r"\{([^}]*)\}")


def _short(text: str) -> str:
    return _CLARK.sub(lambda m: f"{PREFIXES[m[1]]}:" if m[1] in PREFIXES else m[0], text)


def _short_path(path: str | None) -> str:
    return _short(path or "?")


def _rels_name(source: str) -> str:
    if source == ROOT:
        return "/_rels/.rels"
    folder, name = posixpath.split(source)
    return posixpath.join(folder, "_rels", f"{name}.rels")
