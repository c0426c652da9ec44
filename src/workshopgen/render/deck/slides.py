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
from ...layout.charts import ChartGraphic
from ...layout.compose import Composition, Context, PicturePlace, context
from ...layout.countdown import CountdownBar
from ...layout.diagrams import Diagram
from ...layout.kinds import compose
from ...layout.tables import Table
from ...messages import OFFICE_LANGUAGE_TAG
from ...plan import Plan
from ...plan.slides import (
    ActivitySlide,
    AgendaSlide,
    ChartSlide,
    ClosingSlide,
    DiagramSlide,
    DiscussionSlide,
    ImageSlide,
    ListSlide,
    PlannedSlide,
    QuoteSlide,
    ResourceSlide,
    ResourcesSlide,
    SectionSlide,
    TableSlide,
    TitleSlide,
    TwoColumnSlide,
)
from ..caches import IN_MEMORY, Caches
from ..qr import qr_png
from .charts import write_chart
from .countdown import write_countdown
from .diagrams import write_diagram
from .notes import notes_paragraphs
from .package import DeckPackage, SlidePart
from .pictures import pixel_size
from .shapes import Drawing, TextWriter, contained, panel, text_box, text_placeholder, xfrm
from .tables import write_table

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
            body = self.text(slide).body(block, planned.text_sizes.get(block.key, block.max_size),
                                         planned.list_start)
            if block.placeholder is not None:
                info = placeholders[block.placeholder]
                frame = block.frame if block.frame != info.frame else None  # None: the layout's own frame
                slide.add(text_placeholder(info, slide.next_id(), frame, body))
            elif block.key == "panel":
                slide.add(panel(slide.next_id(), block.frame, body))
            else:
                name = "Caption" if block.key == "body" else "Resource label"
                slide.add(text_box(slide.next_id(), name, block.frame, body))
        for picture in composition.pictures:
            self._picture(slide, placeholders, picture)
        for graphic in composition.graphics:
            drawing = Drawing(self.deck, slide, self.text(slide), self.caches, self.plan.moment)
            GRAPHIC_WRITERS[type(graphic)](drawing, graphic)

    def text(self, slide: SlidePart) -> TextWriter:
        """Writes text for `slide`, linking its addresses from it."""
        return TextWriter(self.lang, lambda url: self.deck.link(slide, url))

    def finish(self, slide: SlidePart, planned: PlannedSlide, composition: Composition) -> None:
        """The slide number and the speaker notes, after everything the slide shows."""
        if composition.slide_number is not None:
            self._slide_number(slide, composition.slide_number, planned.number)
        if planned.notes:
            self.deck.notes(slide, notes_paragraphs(planned.notes, self.lang))

    def _picture(self, slide: SlidePart, placeholders: Mapping[int, PlaceholderInfo], place: PicturePlace) -> None:
        data = (qr_png(place.payload, store=self.caches.qr_codes) if place.payload is not None
                else self.assets.get(place.asset or ""))
        if data is None:
            return
        info = placeholders.get(place.placeholder) if place.placeholder is not None else None
        self._add_picture(slide, data, "QR code" if place.payload is not None else "Picture", place.alt,
                          contained(place.frame, *pixel_size(data)), info, link=place.payload)

    def logo(self, slide: SlidePart) -> None:
        logo = self.plan.workshop.branding.logo
        data = self.assets.get(logo.path) if logo else None
        if logo is None or data is None:
            return
        box = contained(Frame(left=0, top=0, width=LOGO_MAX[0], height=LOGO_MAX[1]), *pixel_size(data))
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
                         f'<a:fillRect/></a:stretch></p:blipFill><p:spPr>{xfrm(frame)}<a:prstGeom prst="rect">'
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
GraphicWriter = Callable[[Drawing, Any], None]

# Each kind of graphic a composition may hold (see `Composition.graphics`) and what writes it.
GRAPHIC_WRITERS: dict[type, GraphicWriter] = {CountdownBar: write_countdown, Table: write_table,
                                               ChartGraphic: write_chart, Diagram: write_diagram}

# Each kind of slide and the function that writes it: adding a kind adds a line here.
WRITERS: dict[type[PlannedSlide], SlideWriter] = {
    TitleSlide: _write_title, AgendaSlide: _write, ListSlide: _write, DiscussionSlide: _write, ActivitySlide: _write,
    SectionSlide: _write, QuoteSlide: _write, TwoColumnSlide: _write, ImageSlide: _write, ResourceSlide: _write,
    ResourcesSlide: _write, ClosingSlide: _write, TableSlide: _write, ChartSlide: _write,
    DiagramSlide: _write,
}
