"""Deck templates: what their layouts hold, checked before anything renders.

A template is summarised once (slide size, theme fonts and colours, each layout's placeholders
with their frames and default text sizes). The plan fits text to that summary and the deck
renderer places text in the same frames, so what was measured is what is shown.

The built-in template's summary is a table generated beside it by tools/make_deck_template.py;
a team's own .pptx or .potx is read with python-pptx, once per distinct file.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from .colour import MIN_TEXT_CONTRAST, contrast_ratio
from .errors import Location, ProblemLog
from .load import Document
from .model import LAYOUT_ROLES, Workshop, _default_layouts

BUILTIN_TEMPLATE = "deck-16x9.pptx"
BUILTIN_SUMMARY = "deck-16x9.json"
EMU_PER_INCH = 914400

TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"

PlaceholderKind = Literal["title", "body", "picture", "slide-number", "other"]


class Summary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Frame(Summary):
    """A rectangle on the slide in EMU (914,400 to the inch)."""

    left: int
    top: int
    width: int
    height: int

    @property
    def area(self) -> int:
        return self.width * self.height


class PlaceholderInfo(Summary):
    idx: int
    kind: PlaceholderKind
    type: str = ""
    name: str
    frame: Frame
    size: float = 18.0


class LayoutInfo(Summary):
    name: str
    placeholders: list[PlaceholderInfo]

    def described(self) -> str:
        return ", ".join(f"{p.name} ({p.type})" for p in self.placeholders) or "no placeholders"


class TemplateInfo(Summary):
    width: int
    height: int
    heading_font: str
    body_font: str
    colours: dict[str, str]
    layouts: list[LayoutInfo]

    def layout(self, name: str) -> LayoutInfo | None:
        return next((layout for layout in self.layouts if layout.name == name), None)


class RoleLayout(Summary):
    """The layout one kind of slide uses, with the placeholders it writes into."""

    role: str
    name: str
    title: PlaceholderInfo
    bodies: list[PlaceholderInfo]
    picture: PlaceholderInfo | None = None
    slide_number: PlaceholderInfo | None = None


class DeckGeometry(Summary):
    """What the plan fits text to and the deck renderer places it in."""

    builtin: bool
    width: int
    height: int
    heading_font: str
    body_font: str
    colours: dict[str, str]  # the theme's, as the deck will have them: dk1, lt1, dk2, accent1...
    roles: dict[str, RoleLayout]

    def role(self, role: str) -> RoleLayout:
        return self.roles[role]


# What each role writes into: how many body text placeholders and whether it needs a picture one.
_NEEDS: dict[str, tuple[int, bool]] = {
    "title": (1, False), "section": (1, False), "content": (1, False), "two-column": (2, False),
    "quote": (1, False), "image": (1, True), "title-only": (0, False),
}
_ROLE_USE = {
    "title": "the title slide", "section": "section and break slides",
    "content": "bullet, agenda, activity and discussion slides", "two-column": "two-column slides",
    "quote": "quote slides", "image": "picture, resource, video and closing slides",
    "title-only": "the resources slides",
}


def layout_names(workshop: Workshop) -> dict[str, str]:
    """The layout name for every role: the team's choices over the defaults."""
    return {**_default_layouts(), **workshop.branding.layouts}


def resolve_role(info: TemplateInfo, role: str, name: str) -> RoleLayout | str:
    """The layout `name` as `role` needs it, or a sentence saying what it lacks."""
    layout = info.layout(name)
    if layout is None:
        return f"has no layout named \"{name}\""
    bodies_needed, needs_picture = _NEEDS[role]
    titles = [p for p in layout.placeholders if p.kind == "title"]
    bodies = sorted((p for p in layout.placeholders if p.kind == "body"), key=lambda p: -p.frame.area)
    pictures = sorted((p for p in layout.placeholders if p.kind == "picture"), key=lambda p: -p.frame.area)
    missing = []
    if not titles:
        missing.append("a title placeholder")
    if len(bodies) < bodies_needed:
        missing.append("two body text placeholders" if bodies_needed == 2 else "a body text placeholder")
    if needs_picture and not pictures:
        missing.append("a picture placeholder")
    if missing:
        return (f"layout \"{name}\" has no {' and no '.join(m.removeprefix('a ') for m in missing)}, which "
                f"{_ROLE_USE[role]} need; it has: {layout.described()}")
    chosen = sorted(bodies[:bodies_needed], key=lambda p: (p.frame.left, p.frame.top))
    number = next((p for p in layout.placeholders if p.kind == "slide-number"), None)
    return RoleLayout(role=role, name=name, title=titles[0], bodies=chosen,
                      picture=pictures[0] if needs_picture else None, slide_number=number)


def geometry_from(info: TemplateInfo, names: Mapping[str, str], *, builtin: bool, fonts: tuple[str, str] | None = None,
                  colours: Mapping[str, str] | None = None) -> DeckGeometry | None:
    roles = {}
    for role in LAYOUT_ROLES:
        resolved = resolve_role(info, role, names[role])
        if isinstance(resolved, str):
            return None
        roles[role] = resolved
    heading, body = fonts or (info.heading_font, info.body_font)
    return DeckGeometry(builtin=builtin, width=info.width, height=info.height, heading_font=heading,
                        body_font=body, colours={**info.colours, **(colours or {})}, roles=roles)


def deck_geometry(workshop: Workshop, assets: Mapping[str, bytes]) -> DeckGeometry:
    """The geometry a workshop's deck uses: its team template's, or the built-in one's.

    An unusable team template has already been reported by `check_template`; the built-in
    geometry stands in so planning can go on and report any other problems too."""
    names = layout_names(workshop)
    template = workshop.branding.template
    if template and template in assets:
        info = template_info(assets[template])
        found = geometry_from(info, names, builtin=False) if isinstance(info, TemplateInfo) else None
        if found is not None:
            return found
    branding = workshop.branding
    fonts = (branding.fonts.heading, branding.fonts.body)
    colours = {"dk1": branding.colours.text, "lt1": branding.colours.background, "dk2": branding.colours.secondary,
               "accent1": branding.colours.primary}  # as the deck renderer writes them into the theme
    found = geometry_from(builtin_info(), names, builtin=True, fonts=fonts, colours=colours)
    if found is None:
        found = geometry_from(builtin_info(), _default_layouts(), builtin=True, fonts=fonts, colours=colours)
    assert found is not None, "the built-in template lacks a default layout"
    return found


def check_template(workshop: Workshop, document: Document, data: bytes | None, log: ProblemLog) -> None:
    """Log an error for every layout the deck needs that the template lacks, before anything renders."""
    template = workshop.branding.template
    if template and data is None:
        return  # the file itself was missing or unreadable, and said so
    shown = template or f"the built-in template ({BUILTIN_TEMPLATE})"
    where = document.locate(("branding", "template")) if template else document.locate(("branding",))
    info = template_info(data) if data is not None else builtin_info()
    if isinstance(info, str):
        log.error(where, f"`{template}` cannot be opened as a PowerPoint template: {info}",
                  "open it in PowerPoint and save it again as .pptx or .potx")
        return
    names = layout_names(workshop)
    have = ", ".join(f"\"{layout.name}\"" for layout in info.layouts)
    for role in LAYOUT_ROLES:
        resolved = resolve_role(info, role, names[role])
        if isinstance(resolved, str):
            at = document.locate(("branding", "layouts", role)) if role in workshop.branding.layouts else where
            if "no layout named" in resolved:
                log.error(at, f"{shown} {resolved} (its layouts are: {have})",
                          f"under `branding: layouts:` set `{role}:` to one of its layout names, or add the layout "
                          "to the template in PowerPoint (View > Slide Master)")
            else:
                log.error(at, f"{shown} {resolved}",
                          f"under `branding: layouts:` set `{role}:` to a layout that has them, or add them to the "
                          "layout in PowerPoint (View > Slide Master > Insert Placeholder)")
    if template:
        _check_theme_contrast(info, template, where, log)


def _check_theme_contrast(info: TemplateInfo, template: str, where: Location, log: ProblemLog) -> None:
    for text, background in (("dk1", "lt1"), ("dk2", "lt2")):
        foreground, behind = info.colours.get(text), info.colours.get(background)
        if foreground and behind and (ratio := contrast_ratio(foreground, behind)) < MIN_TEXT_CONTRAST:
            log.error(where, f"`{template}`'s theme colour {text} {foreground} on {background} {behind} has a "
                      f"contrast of {ratio:.2f}:1; text needs {MIN_TEXT_CONTRAST}:1",
                      "darken the text colour in the template's theme (Design > Variants > Colours)")


@cache
def builtin_template_bytes() -> bytes:
    return (resources.files("workshopgen") / "templates" / BUILTIN_TEMPLATE).read_bytes()


@cache
def builtin_info() -> TemplateInfo:
    text = (resources.files("workshopgen") / "templates" / BUILTIN_SUMMARY).read_text(encoding="utf-8")
    return TemplateInfo.model_validate_json(text)


def relabel_main_part(data: bytes, old: bytes, new: bytes) -> bytes:
    """The package with its main part's content type changed from `old` to `new`, if it is `old`.

    A .potx and a .pptx differ only in that label, and python-pptx opens only the .pptx one."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        if old not in source.read("[Content_Types].xml"):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for entry in source.infolist():
                body = source.read(entry.filename)
                if entry.filename == "[Content_Types].xml":
                    body = body.replace(old, new)
                target.writestr(entry, body)
        return out.getvalue()


def as_presentation_bytes(data: bytes) -> bytes:
    """A .potx re-labelled as a .pptx; anything else unchanged."""
    return relabel_main_part(data, TEMPLATE_MAIN, PRESENTATION_MAIN)


def open_presentation(data: bytes) -> Any:
    from pptx import Presentation

    return Presentation(io.BytesIO(as_presentation_bytes(data)))


@lru_cache(maxsize=16)
def template_info(data: bytes) -> TemplateInfo | str:
    """The summary of a .pptx or .potx, or why it cannot be read."""
    try:
        presentation = open_presentation(data)
    except Exception as exc:  # a broken file raises zip, XML and package errors alike
        return f"{type(exc).__name__}: {exc}"[:300]
    return summarise(presentation)


def summarise(presentation: Any) -> TemplateInfo:
    """Slide size, theme and every layout's placeholders, with sizes inherited as PowerPoint does."""
    master = presentation.slide_masters[0]
    theme = _theme(master)
    layouts = []
    for each in presentation.slide_masters:
        styles = _master_sizes(each)
        for layout in each.slide_layouts:
            placeholders = [_placeholder(ph, styles) for ph in layout.placeholders]
            layouts.append(LayoutInfo(name=layout.name, placeholders=placeholders))
    return TemplateInfo(width=int(presentation.slide_width), height=int(presentation.slide_height),
                        heading_font=theme["major"], body_font=theme["minor"],
                        colours={k: v for k, v in theme.items() if k not in ("major", "minor")}, layouts=layouts)


_KIND_BY_TYPE: dict[str, PlaceholderKind] = {
    "title": "title", "ctrTitle": "title", "body": "body", "obj": "body", "subTitle": "body",
    "pic": "picture", "sldNum": "slide-number",
}


def _placeholder(ph: Any, master_sizes: dict[str, float]) -> PlaceholderInfo:
    from pptx.oxml.ns import qn

    element = ph._element
    found = element.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
    ph_type = found.get("type", "obj") if found is not None else "obj"
    kind = _KIND_BY_TYPE.get(ph_type, "other")
    style = "title" if kind == "title" else "body" if kind == "body" else "other"
    size = _lvl1_size(element) or _lvl1_size(_master_placeholder(ph)) or master_sizes.get(style) or 18.0
    frame = Frame(left=int(ph.left or 0), top=int(ph.top or 0), width=int(ph.width or 0),
                  height=int(ph.height or 0))
    return PlaceholderInfo(idx=int(ph.placeholder_format.idx), kind=kind, type=ph_type, name=ph.name,
                           frame=frame, size=size)


def _master_placeholder(ph: Any) -> Any:
    try:
        base = ph._base_placeholder
    except (AttributeError, KeyError):
        return None
    return base._element if base is not None else None


def _lvl1_size(element: Any) -> float | None:
    if element is None:
        return None
    from pptx.oxml.ns import qn

    found = element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
    if found is not None and found.get("sz"):
        return int(found.get("sz")) / 100
    return None


def _master_sizes(master: Any) -> dict[str, float]:
    from pptx.oxml.ns import qn

    sizes = {}
    styles = master._element.find(qn("p:txStyles"))
    for style, tag in (("title", "p:titleStyle"), ("body", "p:bodyStyle"), ("other", "p:otherStyle")):
        found = styles.find(f"{qn(tag)}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}") if styles is not None else None
        if found is not None and found.get("sz"):
            sizes[style] = int(found.get("sz")) / 100
    return sizes


def _theme(master: Any) -> dict[str, str]:
    """Theme fonts (major, minor) and colours (dk1, lt1, dk2, lt2, accent1...) as #RRGGBB."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml.ns import qn

    found = {"major": "Arial", "minor": "Arial"}
    try:
        part = master.part.part_related_by(RT.THEME)
    except KeyError:
        return found
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(part.blob, parser)
    for key, tag in (("major", "a:majorFont"), ("minor", "a:minorFont")):
        latin = root.find(f".//{qn(tag)}/{qn('a:latin')}")
        if latin is not None and latin.get("typeface"):
            found[key] = latin.get("typeface")
    scheme = root.find(f".//{qn('a:clrScheme')}")
    for child in scheme if scheme is not None else []:
        name = etree.QName(child).localname
        colour = child.find(qn("a:srgbClr"))
        value = colour.get("val") if colour is not None else None
        if value is None and (system := child.find(qn("a:sysClr"))) is not None:
            value = system.get("lastClr")
        if value and len(value) == 6:
            found[name] = f"#{value.upper()}"
    return found
