"""The slide deck: an editable PowerPoint file built from the plan on the deck template.

Every slide is made from a named layout, its text goes into the layout's placeholders with the
sizes the layout measured (written on every run, so PowerPoint and LibreOffice show what was
measured), pictures carry their alt text, and every slide of an agenda item has speaker notes.
Each kind of slide has a writer in `WRITERS`; most write their composition as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape  # quotes too, so it serves attributes; xml.sax would load urllib and ssl
from typing import Any

from ...deck_template import DeckGeometry, Frame, PlaceholderInfo, builtin_template_bytes, deck_geometry
from ...layout.compose import Composition, Context, PicturePlace, TextBlock, compose, context
from ...layout.fit import EMU_PER_PT, INSET_X, INSET_Y, Para
from ...messages import OFFICE_LANGUAGE_TAG
from ...plan import Plan
from ...plan.slides import (
    ActivitySlide,
    AgendaSlide,
    ClosingSlide,
    DiscussionSlide,
    ImageSlide,
    ListSlide,
    PlannedSlide,
    QuoteSlide,
    ResourceSlide,
    ResourcesSlide,
    SectionSlide,
    TitleSlide,
    TwoColumnSlide,
)
from ..caches import IN_MEMORY, Caches
from ..qr import qr_png
from .notes import notes_paragraphs
from .package import DeckPackage, SlidePart
from .pictures import pixel_size

LOGO_MAX = (round(3.0 * 914400), round(0.85 * 914400))  # width, height
LOGO_INSET = round(0.35 * 914400)
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


def render_deck(plan: Plan, assets: Mapping[str, bytes], caches: Caches = IN_MEMORY) -> dict[str, bytes]:
    workshop = plan.workshop
    geometry = deck_geometry(workshop, assets)
    template = workshop.branding.template
    deck = DeckPackage(builtin_template_bytes() if geometry.builtin or not template else assets[template])
    if geometry.builtin:
        deck.set_theme(workshop.branding)
    writer = _Writer(deck, plan, assets, caches, geometry, context(geometry, workshop.language, plan.resources))
    for planned in plan.slides:
        composition = compose(planned, writer.ctx)
        # A bare slide on the layout; the writer adds just the placeholders it fills, the title first.
        slide = deck.add_slide(geometry.role(composition.role).name)
        WRITERS[type(planned)](writer, slide, planned, composition)
    return {f"{plan.output_id}-deck.pptx": deck.finish(plan, plan.moment)}


class _Writer:
    def __init__(self, deck: DeckPackage, plan: Plan, assets: Mapping[str, bytes], caches: Caches,
                 geometry: DeckGeometry, ctx: Context) -> None:
        self.deck = deck
        self.plan = plan
        self.assets = assets
        self.caches = caches
        self.geometry = geometry
        self.ctx = ctx
        self.lang = OFFICE_LANGUAGE_TAG[plan.workshop.language]

    def shapes(self, slide: SlidePart, planned: PlannedSlide, composition: Composition) -> None:
        """The composition's text and pictures, in reading order."""
        layout = self.geometry.role(composition.role)
        placeholders = {p.idx: p for p in (layout.title, *layout.bodies, layout.picture) if p is not None}
        for block in composition.blocks:
            body = self._text_body(slide, block, planned.text_sizes.get(block.key, block.max_size),
                                   planned.list_start)
            if block.placeholder is not None:
                info = placeholders[block.placeholder]
                frame = block.frame if block.frame != info.frame else None  # None: the layout's own frame
                slide.add(_text_placeholder(info, slide.next_id(), frame, body))
            elif block.key == "panel":
                slide.add(_panel(slide.next_id(), block.frame, body))
            else:
                slide.add(_text_box(slide.next_id(), "Resource label", block.frame, body))
        for picture in composition.pictures:
            self._picture(slide, placeholders, picture)
        for graphic in composition.graphics:
            GRAPHIC_WRITERS[type(graphic)](self, slide, graphic)

    def finish(self, slide: SlidePart, planned: PlannedSlide, composition: Composition) -> None:
        """The slide number and the speaker notes, after everything the slide shows."""
        if composition.slide_number is not None:
            self._slide_number(slide, composition.slide_number, planned.number)
        if planned.notes:
            self.deck.notes(slide, notes_paragraphs(planned.notes, self.lang))

    def _text_body(self, slide: SlidePart, block: TextBlock, size: int, list_start: int) -> str:
        # The insets are written even where they equal OOXML's defaults: a slide's frame otherwise
        # inherits its layout's, which need not be the ones the text was measured with. The text
        # was measured to fit and is written at its measured size; body text also shrinks on
        # overflow, so lines a facilitator adds in PowerPoint stay inside the box. Titles, the
        # timer and labels keep their size, and no box grows.
        anchor = ' anchor="ctr"' if block.key == "panel" else ""
        fit = "<a:normAutofit/>" if block.key == "body" else "<a:noAutofit/>"
        return (f'<p:txBody><a:bodyPr wrap="square" lIns="{INSET_X}" tIns="{INSET_Y}" rIns="{INSET_X}" '
                f'bIns="{INSET_Y}"{anchor}>{fit}</a:bodyPr><a:lstStyle/>'
                f'{"".join(self._paragraph(slide, para, size, list_start) for para in block.paras)}</p:txBody>')

    def _paragraph(self, slide: SlidePart, para: Para, size: int, list_start: int) -> str:
        pt = size * para.scale
        margin = round(para.hang * pt * EMU_PER_PT)
        align = f' algn="{para.align}"' if para.align else ""
        if para.marker == "bullet":
            marker = '<a:buFont typeface="Arial"/><a:buChar char="•"/>'
        elif para.marker == "number":
            start = f' startAt="{list_start}"' if list_start > 1 else ""
            marker = f'<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod"{start}/>'
        else:
            marker = "<a:buNone/>"
        tabs = runs = ""
        if para.prefix:
            tabs = f'<a:tabLst><a:tab pos="{margin}" algn="l"/></a:tabLst>'
            runs = self._run(f"{para.prefix}\t", pt, bold=True, italic=False, colour=para.prefix_colour)
        link = self.deck.link(slide, para.link) if para.link else None
        runs += self._run(para.text, pt, bold=para.bold, italic=para.italic, colour=para.colour, link=link)
        return (f'<a:p><a:pPr marL="{margin}" indent="{-margin}"{align}><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
                f'<a:spcBef><a:spcPts val="{round(para.space_before * pt * 100)}"/></a:spcBef>{marker}{tabs}</a:pPr>'
                f'{runs}<a:endParaRPr lang="{self.lang}" sz="{round(pt * 100)}" dirty="0"/></a:p>')

    def _run(self, text: str, pt: float, *, bold: bool | None, italic: bool, colour: str | None,
             link: str | None = None) -> str:
        """One run of text; `link` is the relationship id of the address a click on it opens."""
        weight = "" if bold is None else f' b="{1 if bold else 0}"'
        slant = ' i="1"' if italic else ""
        if not colour:
            fill = ""
        elif colour.startswith("#"):
            fill = f'<a:solidFill><a:srgbClr val="{colour[1:]}"/></a:solidFill>'
        else:
            fill = f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>'
        click = f'<a:hlinkClick r:id="{link}"/>' if link else ""
        return (f'<a:r><a:rPr lang="{self.lang}" sz="{round(pt * 100)}"{weight}{slant} dirty="0">{fill}{click}'
                f'</a:rPr><a:t>{escape(text, quote=False)}</a:t></a:r>')

    def _picture(self, slide: SlidePart, placeholders: Mapping[int, PlaceholderInfo], place: PicturePlace) -> None:
        data = (qr_png(place.payload, store=self.caches.qr_codes) if place.payload is not None
                else self.assets.get(place.asset or ""))
        if data is None:
            return
        info = placeholders.get(place.placeholder) if place.placeholder is not None else None
        self._add_picture(slide, data, "QR code" if place.payload is not None else "Picture", place.alt,
                          _contained(place.frame, *pixel_size(data)), info, link=place.payload)

    def logo(self, slide: SlidePart) -> None:
        logo = self.plan.workshop.branding.logo
        data = self.assets.get(logo.path) if logo else None
        if logo is None or data is None:
            return
        box = _contained(Frame(left=0, top=0, width=LOGO_MAX[0], height=LOGO_MAX[1]), *pixel_size(data))
        right = self.geometry.width - LOGO_INSET
        frame = Frame(left=right - box.width, top=round(0.3 * 914400), width=box.width, height=box.height)
        self._add_picture(slide, data, "Logo", logo.alt, frame, None)

    def _add_picture(self, slide: SlidePart, data: bytes, name: str, alt: str, frame: Frame,
                     placeholder: PlaceholderInfo | None, link: str | None = None) -> None:
        rid = self.deck.picture(slide, data)
        # The alt text goes in `descr`, which PowerPoint's Alt Text pane and screen readers read.
        ph = f'<p:ph type="pic" idx="{placeholder.idx}"/>' if placeholder is not None else ""
        locks = '<a:picLocks noGrp="1" noChangeAspect="1"/>'
        click = f'<a:hlinkClick r:id="{self.deck.link(slide, link)}"/>' if link else ""
        slide.add(f'<p:pic><p:nvPicPr><p:cNvPr id="{slide.next_id()}" '
                         f'name="{name}" descr="{escape(alt)}">{click}</p:cNvPr><p:cNvPicPr>{locks}</p:cNvPicPr>'
                         f'<p:nvPr>{ph}</p:nvPr></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch>'
                         f'<a:fillRect/></a:stretch></p:blipFill><p:spPr>{_xfrm(frame)}<a:prstGeom prst="rect">'
                         '<a:avLst/></a:prstGeom></p:spPr></p:pic>')

    def _slide_number(self, slide: SlidePart, idx: int, number: int) -> None:
        """A slide-number placeholder like the one PowerPoint adds, inheriting the layout's position."""
        shape_id = slide.next_id()
        slide.add(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Slide Number {shape_id}"/>'
            '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter" '
            f'idx="{idx}"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p>'
            f'<a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum"><a:rPr lang="{self.lang}"/><a:t>{number}</a:t>'
            '</a:fld></a:p></p:txBody></p:sp>')


def _write(writer: _Writer, slide: SlidePart, planned: PlannedSlide, composition: Composition) -> None:
    writer.shapes(slide, planned, composition)
    writer.finish(slide, planned, composition)


def _write_title(writer: _Writer, slide: SlidePart, planned: PlannedSlide, composition: Composition) -> None:
    """A title slide carries the workshop's logo too."""
    writer.shapes(slide, planned, composition)
    writer.logo(slide)
    writer.finish(slide, planned, composition)


SlideWriter = Callable[[_Writer, SlidePart, PlannedSlide, Composition], None]
GraphicWriter = Callable[[_Writer, SlidePart, Any], None]

# Each kind of graphic a composition may hold (see `Composition.graphics`) and what writes it.
GRAPHIC_WRITERS: dict[type, GraphicWriter] = {}

# Each kind of slide and the function that writes it: adding a kind adds a line here.
WRITERS: dict[type[PlannedSlide], SlideWriter] = {
    TitleSlide: _write_title, AgendaSlide: _write, ListSlide: _write, DiscussionSlide: _write, ActivitySlide: _write,
    SectionSlide: _write, QuoteSlide: _write, TwoColumnSlide: _write, ImageSlide: _write, ResourceSlide: _write,
    ResourcesSlide: _write, ClosingSlide: _write,
}


def _contained(frame: Frame, width: int, height: int) -> Frame:
    """The largest box of the picture's proportions inside `frame`, centred in it."""
    scale = min(frame.width / max(width, 1), frame.height / max(height, 1))
    w, h = round(width * scale), round(height * scale)
    return Frame(left=frame.left + (frame.width - w) // 2, top=frame.top + (frame.height - h) // 2, width=w, height=h)


def _xfrm(frame: Frame) -> str:
    return (f'<a:xfrm><a:off x="{frame.left}" y="{frame.top}"/><a:ext cx="{frame.width}" cy="{frame.height}"/>'
            '</a:xfrm>')


def _text_placeholder(info: PlaceholderInfo, shape_id: int, frame: Frame | None, body: str) -> str:
    """A placeholder of the layout's, which inherits its styles from it, and its frame too unless
    `frame` moves it."""
    kind = "" if info.type == "obj" else f' type="{info.type}"'
    idx = f' idx="{info.idx}"' if info.idx else ""
    shape_properties = f"<p:spPr>{_xfrm(frame)}</p:spPr>" if frame is not None else "<p:spPr/>"
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape(info.name)}"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
            f'</p:cNvSpPr><p:nvPr><p:ph{kind}{idx}/></p:nvPr></p:nvSpPr>{shape_properties}{body}</p:sp>')


def _text_box(shape_id: int, name: str, frame: Frame, body: str) -> str:
    """A free text box, as PowerPoint's Insert > Text Box makes one."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape(name)}"/><p:cNvSpPr txBox="1"/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr>{_xfrm(frame)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            f'{body}</p:sp>')


def _panel(shape_id: int, frame: Frame, body: str) -> str:
    """The timer: a plain rectangle in the theme's first accent, its text area the whole shape,
    exactly the frame the text was measured in."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Timer"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>'
            f'{_xfrm(frame)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="accent1"/>'
            f'</a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>{body}</p:sp>')
