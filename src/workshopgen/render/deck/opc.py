"""Open Packaging Conventions: a .pptx is a zip of parts, each with its relationships, and a
list of content types. A package is read into memory, changed, and written back as a zip whose
bytes depend only on its parts and the date it is given.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from .ooxml import PARSER

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_DEFAULT_TYPES = {"rels": "application/vnd.openxmlformats-package.relationships+xml", "xml": "application/xml"}
PACKAGE = "/"  # the source of the package's own relationships


@dataclass(frozen=True)
class Relationship:
    rid: str
    type: str
    target: str  # a part name for internal targets, the URL itself for external ones
    external: bool = False


# Deflate's fastest level: XML parts come out a few percent larger than at the default level,
# in a fraction of the time.
DEFLATE_LEVEL = 1
_PRECOMPRESSED = (".png", ".jpg", ".jpeg", ".gif")
_WORTH_COMPRESSING = 512  # bytes; below this, compressing costs more time than its saving is worth


def _stored(name: str, data: bytes) -> bool:
    """Whether a member goes into the zip as it is: pictures are compressed already, and tiny parts
    (most relationship files) would save only a few hundred bytes."""
    return len(data) < _WORTH_COMPRESSING or name.lower().endswith(_PRECOMPRESSED)


def rels_member(source: str) -> str:
    """The zip member holding the relationships of `source`: /ppt/a.xml -> ppt/_rels/a.xml.rels."""
    folder, name = posixpath.split(source)
    return posixpath.join(folder, "_rels", f"{name}.rels").lstrip("/")


def rid_number(rid: str) -> int:
    return int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0


@dataclass
class Package:
    """Parts by name (`/ppt/presentation.xml`), their relationships, and content types."""

    parts: dict[str, bytes] = field(default_factory=dict)
    rels: dict[str, list[Relationship]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)  # content type by file extension
    overrides: dict[str, str] = field(default_factory=dict)  # content type by part name
    # By source, the highest rId number its XML may name without a relationship carrying it (one
    # removed, or a template's stray): new ids start above it, so no old reference names a new part.
    retired: dict[str, int] = field(default_factory=dict)

    @classmethod
    def read(cls, data: bytes) -> Package:
        package = cls()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
        types = etree.fromstring(members.pop("[Content_Types].xml"), PARSER)
        for entry in types:
            if entry.tag == f"{{{_TYPES_NS}}}Default":
                package.defaults[entry.get("Extension", "").lower()] = entry.get("ContentType", "")
            elif entry.tag == f"{{{_TYPES_NS}}}Override":
                package.overrides[entry.get("PartName", "")] = entry.get("ContentType", "")
        rels_members = {name: body for name, body in members.items() if name.endswith(".rels")}
        package.parts = {f"/{name}": body for name, body in members.items() if name not in rels_members}
        for source in (PACKAGE, *package.parts):
            body = rels_members.get(rels_member(source) if source != PACKAGE else "_rels/.rels")
            if body is not None:
                package.rels[source] = _parse_rels(source, body)
        return package

    def copy(self) -> Package:
        """A package that can be changed without changing this one (part bytes are shared, being immutable)."""
        return Package(dict(self.parts), {k: list(v) for k, v in self.rels.items()}, dict(self.defaults),
                       dict(self.overrides), dict(self.retired))

    def related(self, source: str, reltype: str) -> list[Relationship]:
        return [rel for rel in self.rels.get(source, []) if rel.type == reltype and not rel.external]

    def relate(self, source: str, reltype: str, target: str, *, reuse: bool = True, external: bool = False) -> str:
        """The id of a relationship from `source` to the part `target` (or, `external`, to an
        address outside the package), added unless one exists."""
        existing = self.rels.setdefault(source, [])
        if reuse:
            for rel in existing:
                if rel.type == reltype and rel.target == target and rel.external == external:
                    return rel.rid
        last = max((rid_number(rel.rid) for rel in existing), default=0)
        rid = f"rId{max(last, self.retired.get(source, 0)) + 1}"
        existing.append(Relationship(rid, reltype, target, external))
        return rid

    def unrelate(self, source: str, reltype: str) -> list[Relationship]:
        """Remove `source`'s relationships of `reltype`, returning them; their ids are not handed out again."""
        kept: list[Relationship] = []
        gone: list[Relationship] = []
        for rel in self.rels.get(source, []):
            (gone if rel.type == reltype else kept).append(rel)
        if gone:
            self.rels[source] = kept
            self.retire(source, (rel.rid for rel in gone))
        return gone

    def retire(self, source: str, rids: Iterable[str]) -> None:
        """Keep new relationship ids of `source` clear of `rids`, which its XML may still name."""
        self.retired[source] = max([self.retired.get(source, 0), *map(rid_number, rids)])

    def add(self, name: str, data: bytes, content_type: str) -> None:
        self.parts[name] = data
        extension = name.rsplit(".", 1)[-1].lower()
        if self.defaults.get(extension) != content_type:
            self.overrides[name] = content_type

    def keep_reachable(self) -> None:
        """Drop every part no chain of relationships leads to from the package, as Office does on saving."""
        reached, stack = set(), [PACKAGE]
        while stack:
            for rel in self.rels.get(stack.pop(), []):
                if not rel.external and rel.target not in reached and rel.target in self.parts:
                    reached.add(rel.target)
                    stack.append(rel.target)
        for name in [n for n in self.parts if n not in reached]:
            del self.parts[name]
            self.rels.pop(name, None)
            self.overrides.pop(name, None)

    def zip_bytes(self, moment: dt.datetime) -> bytes:
        """The package as a zip whose every entry is dated `moment` and stored with fixed attributes:
        content types, then the package's relationships, then each part followed by its own."""
        stamp = moment.timetuple()[:6]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:

            def write(name: str, data: bytes) -> None:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_STORED if _stored(name, data) else zipfile.ZIP_DEFLATED
                info.create_system = 3
                info.external_attr = 0o644 << 16
                archive.writestr(info, data, compresslevel=DEFLATE_LEVEL)

            write("[Content_Types].xml", self._types_xml())
            write("_rels/.rels", _rels_xml(PACKAGE, tuple(self.rels.get(PACKAGE, []))))
            for name, data in self.parts.items():
                write(name.lstrip("/"), data)
                if self.rels.get(name):
                    write(rels_member(name), _rels_xml(name, tuple(self.rels[name])))
        return out.getvalue()

    def _types_xml(self) -> bytes:
        root = etree.Element(f"{{{_TYPES_NS}}}Types", nsmap={None: _TYPES_NS})
        used = {name.rsplit(".", 1)[-1].lower() for name in self.parts} | {"rels"}
        for extension in sorted(used):
            content_type = self.defaults.get(extension) or _DEFAULT_TYPES.get(extension)
            if content_type:
                etree.SubElement(root, f"{{{_TYPES_NS}}}Default", Extension=extension, ContentType=content_type)
        for name in self.parts:
            if name in self.overrides:
                etree.SubElement(root, f"{{{_TYPES_NS}}}Override", PartName=name, ContentType=self.overrides[name])
        data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return data


def _parse_rels(source: str, data: bytes) -> list[Relationship]:
    base = posixpath.dirname(source) if source != PACKAGE else "/"
    found = []
    for entry in etree.fromstring(data, PARSER):
        target, external = entry.get("Target", ""), entry.get("TargetMode") == "External"
        if not external:
            target = target if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        found.append(Relationship(entry.get("Id", ""), entry.get("Type", ""), target, external))
    return found


@lru_cache(maxsize=1024)  # a template's parts keep the same relationships in every deck made from it
def _rels_xml(source: str, rels: tuple[Relationship, ...]) -> bytes:
    """A .rels file in rId number order, targets relative to the source part as Office writes them."""
    base = posixpath.dirname(source) if source != PACKAGE else "/"
    root = etree.Element(f"{{{_RELS_NS}}}Relationships", nsmap={None: _RELS_NS})
    for rel in sorted(rels, key=lambda r: (rid_number(r.rid), r.rid)):
        target = rel.target if rel.external else posixpath.relpath(rel.target, base)
        element = etree.SubElement(root, f"{{{_RELS_NS}}}Relationship", Id=rel.rid, Type=rel.type, Target=target)
        if rel.external:
            element.set("TargetMode", "External")
    data: bytes = etree.tostring(root, encoding="UTF-8", standalone=True)
    return data
