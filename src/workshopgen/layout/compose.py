"""Where each kind of slide puts its text and pictures: a composing function per kind, and the
frames, blocks and builder they share (kinds of slide with more to them have modules of their own).

One description serves both stages: the layout fits and splits slides with it (so slide numbers
are known before anything renders), and the deck writer writes exactly the paragraphs, frames
and sizes it describes, so what was measured is what is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..colour import MIN_TEXT_CONTRAST, contrast_ratio
from ..deck_template import DeckGeometry, Frame, RoleLayout
from ..messages import Language, message
from ..plan import PlannedResource
from ..plan.slides import (
    ActivitySlide,
    AgendaSlide,
    ClosingSlide,
    DiscussionSlide,
    ImageSlide,
    ListSlide,
    PlannedSlide,
    QrCode,
    QuoteSlide,
    ResourceSlide,
    ResourcesSlide,
    SectionSlide,
    TitleSlide,
    TwoColumnSlide,
)
from .countdown import countdown_bar
from .fit import BODY_FLOOR, TITLE_FLOOR, Para, SlideFonts, fonts

# Largest and smallest sizes for text outside placeholders, whose template gives no size. The labels
# beside QR codes on the Resources slides are captions, not body text: people scan the code, and the
# handout prints every address in full, so they may go smaller than body text before a slide holds fewer.
LABEL_FLOOR = 14
FREE_SIZES = {"panel": (24, BODY_FLOOR), "label": (20, LABEL_FLOOR)}
ACTIVITY_TEXT_SHARE = 0.64  # of the body's width, for the instructions; the timer panel takes the right
PANEL_LEFT_SHARE = 0.68
GRID_GAP = 228600  # 0.25 in between resource cells
FOOTER_ROOM = 731520  # 0.8 in kept clear at the foot of the slide for slide numbers and footers

BlockKey = Literal["title", "body", "panel", "label"]


@dataclass(frozen=True)
class TextBlock:
    key: BlockKey  # what the text is: the slide title, body text, the timer panel, a QR code's label
    frame: Frame
    paras: tuple[Para, ...]
    placeholder: int | None = None  # idx of the layout placeholder it fills, or None for a new shape
    flow: int | None = None  # which of the slide's flows it shows
    max_size: int = BODY_FLOOR  # the largest size to try, in points


@dataclass(frozen=True)
class PicturePlace:
    frame: Frame
    placeholder: int | None
    asset: str | None  # a key into the assets, or None for a QR code
    payload: str | None  # what the QR code encodes, which a click on it opens too
    alt: str


@dataclass(frozen=True)
class Composition:
    role: str
    blocks: tuple[TextBlock, ...]  # the title first
    pictures: tuple[PicturePlace, ...]
    slide_number: int | None  # placeholder idx for the slide number, where the layout has one
    # Shapes of other kinds (a table, a chart, a diagram, a countdown), each laid out by its own
    # module and written by the writer `render/deck` registers for its type, after the pictures.
    graphics: tuple[object, ...] = ()


@dataclass(frozen=True)
class Context:
    geometry: DeckGeometry
    language: Language
    fonts: SlideFonts
    resources: Mapping[str, PlannedResource]
    palette: Mapping[str, str]  # colour of column headings, web addresses and the timer's text


def context(geometry: DeckGeometry, language: Language, resources: Sequence[PlannedResource]) -> Context:
    return Context(geometry, language, fonts(geometry.heading_font, geometry.body_font),
                   {r.resource.id: r for r in resources}, palette(geometry.colours))


def palette(theme: Mapping[str, str]) -> dict[str, str]:
    """Theme colours for the text the deck colours itself, each kept only where it stays readable
    (4.5:1) on the slide background; a team template's theme was not chosen with this deck in mind."""
    background, accent = theme.get("lt1", "#FFFFFF"), theme.get("accent1", "#000000")

    def readable(name: str) -> bool:
        return name in theme and contrast_ratio(theme[name], background) >= MIN_TEXT_CONTRAST

    white_on_accent = contrast_ratio("#FFFFFF", accent) >= MIN_TEXT_CONTRAST
    return {"heading": "accent1" if readable("accent1") else "tx1", "link": "tx2" if readable("dk2") else "tx1",
            "on-accent": "#FFFFFF" if white_on_accent else "#000000"}


def _clean(text: str) -> str:
    return " ".join(text.split())


def _bullet(text: str) -> Para:
    return Para(_clean(text), bold=False, marker="bullet", hang=1.0, space_before=0.45)


def _numbered_item(text: str) -> Para:
    return Para(_clean(text), bold=False, marker="number", hang=1.6, space_before=0.45)


def _plain(text: str, *, bold: bool = False, colour: str | None = None, space: float = 0.3,
           italic: bool = False, link: str | None = None) -> Para:
    return Para(_clean(text), bold=bold, colour=colour, space_before=space, italic=italic, link=link)


class SlideBuilder:
    """The blocks and pictures of one slide on its role's layout, the title first."""

    def __init__(self, slide: PlannedSlide, role: str, ctx: Context) -> None:
        self.role, self.ctx = role, ctx
        self.layout: RoleLayout = ctx.geometry.role(role)
        title = self.layout.title
        self.blocks: list[TextBlock] = [TextBlock("title", title.frame, (Para(_clean(slide.title), font="heading"),),
                                                  title.idx, max_size=max(round(title.size), TITLE_FLOOR))]
        self.pictures: list[PicturePlace] = []
        self.graphics: list[object] = []

    def body(self, paras: Sequence[Para], n: int = 0, flow: int | None = 0, frame: Frame | None = None) -> None:
        """Paragraphs in the layout's `n`th body placeholder (or in `frame` within it)."""
        placeholder = self.layout.bodies[n]
        if paras:
            self.blocks.append(TextBlock("body", frame or placeholder.frame, tuple(paras), placeholder.idx, flow,
                                         max_size=max(round(placeholder.size), BODY_FLOOR)))

    def picture(self, code: QrCode | None = None, asset: str | None = None, alt: str = "") -> None:
        """A QR code or picture in the layout's picture placeholder."""
        place = self.layout.picture
        assert place is not None
        if code is not None:
            self.pictures.append(PicturePlace(place.frame, place.idx, None, code.payload, code.alt))
        elif asset:
            self.pictures.append(PicturePlace(place.frame, place.idx, asset, None, alt))

    def done(self, *, numbered: bool = True) -> Composition:
        number = self.layout.slide_number.idx if self.layout.slide_number and numbered else None
        return Composition(self.role, tuple(self.blocks), tuple(self.pictures), number, tuple(self.graphics))


def title(slide: TitleSlide, ctx: Context) -> Composition:
    out = SlideBuilder(slide, "title", ctx)
    facts = [_plain(line, space=0.5 if n == 0 and slide.subtitle else 0.2) for n, line in enumerate(slide.lines)]
    out.body(([_plain(slide.subtitle, bold=True, space=0)] if slide.subtitle else []) + facts, flow=None)
    return out.done(numbered=False)


def agenda(slide: AgendaSlide, ctx: Context) -> Composition:
    out = SlideBuilder(slide, "content", ctx)
    hang = ctx.fonts.body.width("00:00", True) + 0.8  # the clock column, as wide as the font needs
    link = ctx.palette["link"]
    out.body([Para(_clean(t), bold=False, prefix=clock, prefix_colour=link, hang=hang, space_before=0.35)
              for clock, t in slide.rows])
    return out.done()


def bullets(slide: ListSlide, ctx: Context) -> Composition:
    out = SlideBuilder(slide, "content", ctx)
    out.body([_bullet(b) for b in slide.bullets])
    return out.done()


def discussion(slide: DiscussionSlide, ctx: Context) -> Composition:
    out = SlideBuilder(slide, "content", ctx)
    out.body([_numbered_item(b) for b in slide.bullets])
    return out.done()


def activity(slide: ActivitySlide, ctx: Context) -> Composition:
    """The instructions, then (in reading order too) the timer panel beside them and the countdown under it."""
    out = SlideBuilder(slide, "content", ctx)
    frame = out.layout.bodies[0].frame
    out.body([_numbered_item(b) for b in slide.bullets],
             frame=frame.model_copy(update={"width": round(frame.width * ACTIVITY_TEXT_SHARE)}))
    left = frame.left + round(frame.width * PANEL_LEFT_SHARE)
    panel = Frame(left=left, top=frame.top, width=frame.left + frame.width - left, height=round(frame.height * 0.62))
    on_accent = ctx.palette["on-accent"]
    paras = [Para(message("timer", ctx.language, minutes=slide.minutes), scale=1.5, bold=True, colour=on_accent,
                  align="ctr")]
    if slide.group:
        paras.append(Para(_clean(f"{message('group', ctx.language)} {slide.group}"), bold=False, colour=on_accent,
                          align="ctr", space_before=0.5))
    out.blocks.append(TextBlock("panel", panel, tuple(paras), max_size=FREE_SIZES["panel"][0]))
    bar = countdown_bar(panel, frame, slide.countdown_minutes, ctx.geometry.colours, ctx.language)
    if bar is not None:
        out.graphics.append(bar)
    return out.done()


def section(slide: SectionSlide, ctx: Context) -> Composition:
    out = SlideBuilder(slide, "section", ctx)
    out.body([_plain(slide.subtitle, space=0)] if slide.subtitle else [])
    return out.done()


def quote(slide: QuoteSlide, ctx: Context) -> Composition:
    out = SlideBuilder(slide, "quote", ctx)
    paras = [_plain(f"“{slide.quote}”", italic=True, space=0)] if slide.quote else []
    if slide.attribution:
        paras.append(_plain(f"— {slide.attribution}", space=0.6))
    out.body(paras)
    return out.done()


def two_column(slide: TwoColumnSlide, ctx: Context) -> Composition:
    out = SlideBuilder(slide, "two-column", ctx)
    for n, (heading, bullets) in enumerate(slide.columns[:2]):
        heading_para = _plain(heading, bold=True, colour=ctx.palette["heading"], space=0)
        out.body([heading_para] + [_bullet(b) for b in bullets], n, n)
    return out.done()


def image(slide: ImageSlide, ctx: Context) -> Composition:
    out = SlideBuilder(slide, "image", ctx)
    out.picture(asset=slide.image, alt=slide.alt)
    out.body([_plain(slide.caption, space=0)] if slide.caption else [])
    return out.done()


def resource(slide: ResourceSlide, ctx: Context) -> Composition:
    out = SlideBuilder(slide, "image", ctx)
    out.picture(slide.qr)
    paras = []
    planned = ctx.resources.get(slide.resource_id)
    if planned is not None:
        paras.append(_plain(planned.resource.title, bold=True, space=0))
        paras.append(_plain(planned.display_url, colour=ctx.palette["link"], link=planned.resource.url))
        if planned.qr is None:
            paras.append(_plain(message("unverified", ctx.language), bold=True))
    if slide.caption:
        paras.append(_plain(slide.caption, space=0.6))
    out.body(paras)
    return out.done()


def closing(slide: ClosingSlide, ctx: Context) -> Composition:
    if slide.feedback is None:  # a paper form on the handout: thanks, and where the form is
        out = SlideBuilder(slide, "section", ctx)
        out.body([_plain(slide.subtitle, space=0)] if slide.subtitle else [])
        return out.done()
    out = SlideBuilder(slide, "image", ctx)
    out.picture(slide.feedback)
    paras = [_plain(slide.subtitle, bold=True, space=0)] if slide.subtitle else []
    out.body(paras + [_plain(slide.feedback.display, colour=ctx.palette["link"], link=slide.feedback.payload)])
    return out.done()


def grid_cells(area: Frame, count: int) -> list[Frame]:
    """Cells for `count` (1 to 4) QR codes: one wide cell, two side by side, or two rows of two."""
    columns = 1 if count == 1 else 2
    rows = 1 if count <= 2 else 2
    width = (area.width - (columns - 1) * GRID_GAP) // columns
    height = (area.height - (rows - 1) * GRID_GAP) // rows
    return [Frame(left=area.left + (n % columns) * (width + GRID_GAP),
                  top=area.top + (n // columns) * (height + GRID_GAP), width=width, height=height)
            for n in range(count)]


def content_area(ctx: Context) -> Frame:
    """The space under the title of the title-only layout, as wide as the title, clear of the footer."""
    title = ctx.geometry.role("title-only").title.frame
    top = title.top + title.height + GRID_GAP
    return Frame(left=title.left, top=top, width=title.width, height=ctx.geometry.height - top - FOOTER_ROOM)


def resource_grid(slide: ResourcesSlide, ctx: Context) -> Composition:
    out = SlideBuilder(slide, "title-only", ctx)
    for n, cell in enumerate(grid_cells(content_area(ctx), len(slide.codes))):
        code = slide.codes[n]
        side = min(cell.height, round(cell.width * 0.42))
        out.pictures.append(PicturePlace(Frame(left=cell.left, top=cell.top, width=side, height=side), None, None,
                                         code.payload, code.alt))
        planned = ctx.resources.get(slide.resource_ids[n]) if n < len(slide.resource_ids) else None
        paras = [_plain(planned.resource.title, bold=True, space=0)] if planned else []
        paras.append(_plain(code.display, colour=ctx.palette["link"], link=code.payload))
        text = Frame(left=cell.left + side + GRID_GAP // 2, top=cell.top, width=cell.width - side - GRID_GAP // 2,
                     height=cell.height)
        out.blocks.append(TextBlock("label", text, tuple(paras), max_size=FREE_SIZES["label"][0]))
    return out.done()
