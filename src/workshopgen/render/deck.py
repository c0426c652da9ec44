"""The slide deck: an editable PowerPoint file built from the plan on the deck template.

Every slide is made from a named layout, its text goes into the layout's placeholders with the
sizes the plan measured (written on every run, so PowerPoint and LibreOffice show what was
measured), pictures carry their alt text, and every slide of an agenda item has speaker notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape  # quotes too, so it serves attributes; xml.sax would load urllib and ssl
from typing import Any

from lxml import etree
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn

from ..deck_template import (
    DeckGeometry,
    Frame,
    PlaceholderInfo,
    builtin_template_bytes,
    deck_geometry,
    open_presentation,
)
from ..plan import Plan, PlannedSlide
from .deck_images import DeckImages, pixel_size
from .deck_layout import Composition, Context, PicturePlace, TextBlock, compose, context
from .deck_notes import NotesWriter
from .deck_package import document_time, package_bytes, set_core_properties, set_theme
from .fit import EMU_PER_PT, INSET_X, INSET_Y, Para
from .qr import qr_png

LOGO_MAX = (round(3.0 * 914400), round(0.85 * 914400))  # width, height
LOGO_INSET = round(0.35 * 914400)
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
# Clark names of the DrawingML elements written for every paragraph, worked out once.
_A = {name: qn(f"a:{name}") for name in (
    "p", "pPr", "lnSpc", "spcPct", "spcBef", "spcPts", "buFont", "buChar", "buAutoNum", "buNone", "tabLst", "tab",
    "r", "rPr", "t", "endParaRPr", "solidFill", "srgbClr", "schemeClr", "bodyPr", "prstTxWarp", "noAutofit",
    "normAutofit", "spAutoFit")}
_P_TXBODY = qn("p:txBody")
_AUTOFIT = (_A["noAutofit"], _A["normAutofit"], _A["spAutoFit"])


def render_deck(plan: Plan, assets: Mapping[str, bytes]) -> dict[str, bytes]:
    workshop = plan.workshop
    geometry = deck_geometry(workshop, assets)
    template = workshop.branding.template
    presentation = open_presentation(builtin_template_bytes() if geometry.builtin or not template
                                     else assets[template])
    _remove_slides(presentation)
    if geometry.builtin:
        set_theme(presentation, workshop.branding)
    writer = _Writer(presentation, plan, assets, geometry, context(geometry, workshop.language, plan.resources))
    layouts: dict[str, Any] = {}
    for master in presentation.slide_masters:
        for layout in master.slide_layouts:
            layouts.setdefault(layout.name, layout)
    for planned in plan.slides:
        composition = compose(planned, writer.ctx)
        # A bare slide on the layout; `write` adds just the placeholders it fills, the title first.
        rid, slide = presentation.part.add_slide(layouts[geometry.role(composition.role).name])
        presentation.slides._sldIdLst.add_sldId(rid)
        writer.write(slide, planned, composition)
    moment = document_time(workshop)
    set_core_properties(presentation, plan, moment)
    return {f"{plan.output_id}-deck.pptx": package_bytes(presentation, moment)}


def _remove_slides(presentation: Any) -> None:
    """A team template may hold example slides; the deck starts from its layouts alone."""
    ids = presentation.slides._sldIdLst
    for entry in list(ids):
        presentation.part.drop_rel(entry.get(qn("r:id")))
        ids.remove(entry)


class _Writer:
    def __init__(self, presentation: Any, plan: Plan, assets: Mapping[str, bytes], geometry: DeckGeometry,
                 ctx: Context) -> None:
        self.plan = plan
        self.assets = assets
        self.geometry = geometry
        self.ctx = ctx
        self.lang = "cy-GB" if plan.workshop.language == "cy" else "en-GB"
        self.notes = NotesWriter(presentation, self.lang)
        self.images = DeckImages(presentation.part.package)

    def write(self, slide: Any, planned: PlannedSlide, composition: Composition) -> None:
        layout = self.geometry.role(composition.role)
        placeholders = {p.idx: p for p in (layout.title, *layout.bodies, layout.picture) if p is not None}
        for block in composition.blocks:
            size = planned.text_sizes.get(block.key, block.top)
            if block.placeholder is not None:
                info = placeholders[block.placeholder]
                frame = block.frame if block.frame != info.frame else None  # None: the layout's own frame
                body = self._add(slide, _text_placeholder(info, self._next_id(slide), frame)).find(_P_TXBODY)
            elif block.key == "panel":
                body = self._panel(slide, block.frame).text_frame._txBody
            else:
                shape = slide.shapes.add_textbox(*_emu(block.frame))
                shape.name = "Resource label"
                body = shape.text_frame._txBody
            self._text(body, block, size, planned.list_start)
        for picture in composition.pictures:
            self._picture(slide, placeholders, picture)
        if planned.kind == "title":
            self._logo(slide)
        if composition.slide_number is not None:
            self._slide_number(slide, composition.slide_number, planned.number)
        if planned.notes:
            self.notes.add(slide, planned.notes)

    @staticmethod
    def _next_id(slide: Any) -> int:
        return max(int(e.get("id")) for e in slide.shapes._spTree.iter(qn("p:cNvPr"))) + 1

    @staticmethod
    def _add(slide: Any, xml: str) -> Any:
        element = parse_xml(xml)
        slide.shapes._spTree.insert_element_before(element, "p:extLst")
        return element

    def _text(self, body: Any, block: TextBlock, size: int, list_start: int) -> None:
        properties = body.find(_A["bodyPr"])
        # Written even where they equal OOXML's defaults: a slide's frame otherwise inherits its
        # layout's insets, which need not be the ones the text was measured with.
        properties.set("wrap", "square")
        for name, value in (("lIns", INSET_X), ("tIns", INSET_Y), ("rIns", INSET_X), ("bIns", INSET_Y)):
            properties.set(name, str(value))
        # The text was measured to fit, so PowerPoint must neither shrink it nor grow the box.
        for autofit in [child for child in properties if child.tag in _AUTOFIT]:
            properties.remove(autofit)
        warp = properties.find(_A["prstTxWarp"])  # the one element the schema puts before autofit
        properties.insert(0 if warp is None else 1, etree.Element(_A["noAutofit"]))
        for paragraph in body.findall(_A["p"]):
            body.remove(paragraph)
        for para in block.paras:
            body.append(self._paragraph(para, size, list_start))

    def _paragraph(self, para: Para, size: int, list_start: int) -> Any:
        pt = size * para.scale
        sub = etree.SubElement
        p = etree.Element(_A["p"])
        margin = round(para.hang * pt * EMU_PER_PT)
        properties = sub(p, _A["pPr"], marL=str(margin), indent=str(-margin))
        if para.align:
            properties.set("algn", para.align)
        sub(sub(properties, _A["lnSpc"]), _A["spcPct"], val="100000")
        sub(sub(properties, _A["spcBef"]), _A["spcPts"], val=str(round(para.space_before * pt * 100)))
        if para.marker == "bullet":
            sub(properties, _A["buFont"], typeface="Arial")
            sub(properties, _A["buChar"], char="•")
        elif para.marker == "number":
            sub(properties, _A["buFont"], typeface="+mj-lt")
            numbering = sub(properties, _A["buAutoNum"], type="arabicPeriod")
            if list_start > 1:
                numbering.set("startAt", str(list_start))
        else:
            sub(properties, _A["buNone"])
        if para.prefix:
            sub(sub(properties, _A["tabLst"]), _A["tab"], pos=str(margin), algn="l")
            self._run(p, f"{para.prefix}\t", pt, bold=True, italic=False, colour=para.prefix_colour)
        self._run(p, para.text, pt, bold=para.bold, italic=para.italic, colour=para.colour)
        sub(p, _A["endParaRPr"], lang=self.lang, sz=str(round(pt * 100)), dirty="0")
        return p

    def _run(self, p: Any, text: str, pt: float, *, bold: bool | None, italic: bool, colour: str | None) -> None:
        run = etree.SubElement(p, _A["r"])
        properties = etree.SubElement(run, _A["rPr"], lang=self.lang, sz=str(round(pt * 100)))
        if bold is not None:
            properties.set("b", "1" if bold else "0")
        if italic:
            properties.set("i", "1")
        properties.set("dirty", "0")
        if colour:
            fill = etree.SubElement(properties, _A["solidFill"])
            if colour.startswith("#"):
                etree.SubElement(fill, _A["srgbClr"], val=colour[1:])
            else:
                etree.SubElement(fill, _A["schemeClr"], val=colour)
        etree.SubElement(run, _A["t"]).text = text

    def _panel(self, slide: Any, frame: Frame) -> Any:
        from pptx.enum.dml import MSO_THEME_COLOR
        from pptx.enum.shapes import MSO_SHAPE

        # A plain rectangle: its text area is the whole shape, exactly the frame the text was measured in.
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *_emu(frame))
        shape.name = "Timer"
        style = shape._element.find(qn("p:style"))
        if style is not None:  # theme effects (shadows, outlines) are not wanted on the timer
            shape._element.remove(style)
        shape.fill.solid()
        shape.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
        shape.line.fill.background()
        shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        return shape

    def _picture(self, slide: Any, placeholders: Mapping[int, PlaceholderInfo], place: PicturePlace) -> None:
        data = qr_png(place.payload) if place.payload is not None else self.assets.get(place.asset or "")
        if data is None:
            return
        info = placeholders.get(place.placeholder) if place.placeholder is not None else None
        self._add_picture(slide, data, "QR code" if place.payload is not None else "Picture", place.alt,
                          _contained(place.frame, *pixel_size(data)), info)

    def _logo(self, slide: Any) -> None:
        logo = self.plan.workshop.branding.logo
        data = self.assets.get(logo.path) if logo else None
        if logo is None or data is None:
            return
        box = _contained(Frame(left=0, top=0, width=LOGO_MAX[0], height=LOGO_MAX[1]), *pixel_size(data))
        right = self.geometry.width - LOGO_INSET
        frame = Frame(left=right - box.width, top=round(0.3 * 914400), width=box.width, height=box.height)
        self._add_picture(slide, data, "Logo", logo.alt, frame, None)

    def _add_picture(self, slide: Any, data: bytes, name: str, alt: str, frame: Frame,
                     placeholder: PlaceholderInfo | None) -> None:
        rid = self.images.relate(slide.part, data)
        # The alt text goes in `descr`, where python-pptx would otherwise write the file's name.
        ph = f'<p:ph type="pic" idx="{placeholder.idx}"/>' if placeholder is not None else ""
        locks = '<a:picLocks noGrp="1" noChangeAspect="1"/>'
        self._add(slide, f'<p:pic {nsdecls("a", "p", "r")}><p:nvPicPr><p:cNvPr id="{self._next_id(slide)}" '
                         f'name="{name}" descr="{escape(alt)}"/><p:cNvPicPr>{locks}</p:cNvPicPr>'
                         f'<p:nvPr>{ph}</p:nvPr></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch>'
                         f'<a:fillRect/></a:stretch></p:blipFill><p:spPr>{_xfrm(frame)}<a:prstGeom prst="rect">'
                         '<a:avLst/></a:prstGeom></p:spPr></p:pic>')

    def _slide_number(self, slide: Any, idx: int, number: int) -> None:
        """A slide-number placeholder like the one PowerPoint adds, inheriting the layout's position."""
        tree = slide.shapes._spTree
        shape_id = max(int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))) + 1
        tree.insert_element_before(parse_xml(
            f'<p:sp {nsdecls("a", "p")}><p:nvSpPr><p:cNvPr id="{shape_id}" name="Slide Number {shape_id}"/>'
            '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter" '
            f'idx="{idx}"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p>'
            f'<a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum"><a:rPr lang="{self.lang}"/><a:t>{number}</a:t>'
            '</a:fld></a:p></p:txBody></p:sp>'), "p:extLst")


def _emu(frame: Frame) -> tuple[int, int, int, int]:
    return frame.left, frame.top, frame.width, frame.height


def _contained(frame: Frame, width: int, height: int) -> Frame:
    """The largest box of the picture's proportions inside `frame`, centred in it."""
    scale = min(frame.width / max(width, 1), frame.height / max(height, 1))
    w, h = round(width * scale), round(height * scale)
    return Frame(left=frame.left + (frame.width - w) // 2, top=frame.top + (frame.height - h) // 2, width=w, height=h)


def _xfrm(frame: Frame) -> str:
    return (f'<a:xfrm><a:off x="{frame.left}" y="{frame.top}"/><a:ext cx="{frame.width}" cy="{frame.height}"/>'
            '</a:xfrm>')


def _text_placeholder(info: PlaceholderInfo, shape_id: int, frame: Frame | None) -> str:
    """An empty placeholder of the layout's, which inherits its styles from it, and its frame too
    unless `frame` moves it."""
    kind = "" if info.type == "obj" else f' type="{info.type}"'
    idx = f' idx="{info.idx}"' if info.idx else ""
    shape_properties = f"<p:spPr>{_xfrm(frame)}</p:spPr>" if frame is not None else "<p:spPr/>"
    return (f'<p:sp {nsdecls("a", "p")}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape(info.name)}"/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph{kind}{idx}/></p:nvPr></p:nvSpPr>'
            f'{shape_properties}<p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>')
