"""Where each kind of slide puts its text and pictures, and how its text is sized and split.

One description serves both stages: the plan fits and splits slides with it (so slide numbers
are known before anything renders), and the deck renderer writes exactly the paragraphs, frames
and sizes it describes, so what was measured is what is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from ..colour import MIN_TEXT_CONTRAST, contrast_ratio
from ..deck_template import DeckGeometry, Frame, RoleLayout
from ..messages import Language, message
from ..plan import PlannedResource, PlannedSlide
from .fit import BODY_FLOOR, LAST_RESORT, TITLE_FLOOR, Fonts, Para, fits, fonts, largest_size

ROLE_OF_KIND = {
    "title": "title", "agenda": "content", "outcomes": "content", "section": "section", "break": "section",
    "bullets": "content", "two-column": "two-column", "quote": "quote", "image": "image",
    "resource": "image", "video": "image", "activity": "content", "discussion": "content",
    "reflection": "content", "resources": "title-only", "closing": "image",
}
# Largest and smallest sizes for text outside placeholders, whose template gives no size. The labels
# beside QR codes on the Resources slides are captions, not body text: people scan the code, and the
# handout prints every address in full, so they may go smaller than body text before a slide holds fewer.
LABEL_FLOOR = 14
FREE_SIZES = {"panel": (24, BODY_FLOOR), "cell": (20, LABEL_FLOOR)}
ACTIVITY_TEXT_SHARE = 0.64  # of the body's width, for the instructions; the timer panel takes the right
PANEL_LEFT_SHARE = 0.68
GRID_GAP = 228600  # 0.25 in between resource cells
FOOTER_ROOM = 731520  # 0.8 in kept clear at the foot of the slide for slide numbers and footers


@dataclass(frozen=True)
class TextBlock:
    key: Literal["title", "body", "panel", "cell"]
    frame: Frame
    paras: tuple[Para, ...]
    placeholder: int | None = None  # idx of the layout placeholder it fills, or None for a new shape
    flow: int | None = None  # which of the slide's splittable lists it shows
    top: int = BODY_FLOOR  # largest size to try, in points


@dataclass(frozen=True)
class PicturePlace:
    frame: Frame
    placeholder: int | None
    asset: str | None  # a key into the assets, or None for a QR code
    payload: str | None  # what the QR code encodes
    alt: str


@dataclass(frozen=True)
class Composition:
    role: str
    blocks: tuple[TextBlock, ...]  # the title first
    pictures: tuple[PicturePlace, ...]
    slide_number: int | None  # placeholder idx for the slide number, where the layout has one


@dataclass(frozen=True)
class Context:
    geometry: DeckGeometry
    language: Language
    fonts: Fonts
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


def _numbered(text: str) -> Para:
    return Para(_clean(text), bold=False, marker="number", hang=1.6, space_before=0.45)


def _plain(text: str, *, bold: bool = False, colour: str | None = None, space: float = 0.3,
           italic: bool = False) -> Para:
    return Para(_clean(text), bold=bold, colour=colour, space_before=space, italic=italic)


def compose(slide: PlannedSlide, ctx: Context) -> Composition:
    """The blocks and pictures of `slide` in the frames of its layout."""
    role = ROLE_OF_KIND[slide.kind]
    layout = ctx.geometry.role(role)
    title = TextBlock("title", layout.title.frame, (Para(_clean(slide.title), font="heading"),),
                      layout.title.idx, top=max(round(layout.title.size), TITLE_FLOOR))
    blocks: list[TextBlock] = [title]
    pictures: list[PicturePlace] = []

    def body(paras: Sequence[Para], n: int = 0, flow: int | None = 0, frame: Frame | None = None) -> None:
        placeholder = layout.bodies[n]
        if paras:
            blocks.append(TextBlock("body", frame or placeholder.frame, tuple(paras), placeholder.idx, flow,
                                    top=max(round(placeholder.size), BODY_FLOOR)))

    kind = slide.kind
    if kind == "title":
        facts = [_plain(line, space=0.5 if n == 0 and slide.subtitle else 0.2) for n, line in enumerate(slide.bullets)]
        body(([_plain(slide.subtitle, bold=True, space=0)] if slide.subtitle else []) + facts, flow=None)
    elif kind == "agenda":
        hang = ctx.fonts.body.width("00:00", True) + 0.8  # the clock column, as wide as the font needs
        link = ctx.palette["link"]
        body([Para(_clean(t), bold=False, prefix=clock, prefix_colour=link, hang=hang, space_before=0.35)
              for clock, t in slide.rows])
    elif kind in ("outcomes", "bullets", "reflection"):
        body([_bullet(b) for b in slide.bullets])
    elif kind == "discussion":
        body([_numbered(b) for b in slide.bullets])
    elif kind == "activity":  # the instructions, then (in reading order too) the timer panel beside them
        frame = layout.bodies[0].frame
        body([_numbered(b) for b in slide.bullets],
             frame=frame.model_copy(update={"width": round(frame.width * ACTIVITY_TEXT_SHARE)}))
        blocks.append(_timer_panel(slide, frame, ctx))
    elif kind in ("section", "break"):
        body([_plain(slide.subtitle, space=0)] if slide.subtitle else [])
    elif kind == "quote":
        paras = [_plain(f"“{slide.quote}”", italic=True, space=0)] if slide.quote else []
        if slide.attribution:
            paras.append(_plain(f"— {slide.attribution}", space=0.6))
        body(paras)
    elif kind == "two-column":
        for n, (heading, bullets) in enumerate(slide.columns[:2]):
            heading_para = _plain(heading, bold=True, colour=ctx.palette["heading"], space=0)
            body([heading_para] + [_bullet(b) for b in bullets], n, n)
    elif kind in ("image", "resource", "video", "closing"):
        _picture_and_text(slide, layout, ctx, blocks, pictures)
    elif kind == "resources":
        _resource_grid(slide, ctx, blocks, pictures)
    number = layout.slide_number.idx if layout.slide_number and kind != "title" else None
    return Composition(role, tuple(blocks), tuple(pictures), number)


def _timer_panel(slide: PlannedSlide, body: Frame, ctx: Context) -> TextBlock:
    left = body.left + round(body.width * PANEL_LEFT_SHARE)
    frame = Frame(left=left, top=body.top, width=body.left + body.width - left, height=round(body.height * 0.62))
    paras = [Para(message("timer", ctx.language, minutes=slide.minutes or 0), scale=1.5, bold=True,
                  colour=ctx.palette["on-accent"], align="ctr")]
    if slide.group:
        paras.append(Para(_clean(f"{message('group', ctx.language)} {slide.group}"), bold=False,
                          colour=ctx.palette["on-accent"], align="ctr", space_before=0.5))
    return TextBlock("panel", frame, tuple(paras), top=FREE_SIZES["panel"][0])


def _picture_and_text(slide: PlannedSlide, layout: RoleLayout, ctx: Context, blocks: list[TextBlock],
                      pictures: list[PicturePlace]) -> None:
    assert layout.picture is not None
    head: list[Para] = []
    tail: list[Para] = []
    if slide.kind == "image":
        if slide.image:
            pictures.append(PicturePlace(layout.picture.frame, layout.picture.idx, slide.image, None, slide.alt or ""))
        if slide.caption:
            tail.append(_plain(slide.caption, space=0))
    else:
        code = slide.qr_codes[0] if slide.qr_codes else None
        if code is not None:
            pictures.append(PicturePlace(layout.picture.frame, layout.picture.idx, None, code.payload, code.alt))
        if slide.kind == "closing":
            if slide.subtitle:
                head.append(_plain(slide.subtitle, bold=True, space=0))
            if code is not None:
                head.append(_plain(code.display, colour=ctx.palette["link"]))
            tail = [_bullet(b) for b in slide.bullets]
        else:
            planned = ctx.resources.get(slide.resource_ids[0]) if slide.resource_ids else None
            if planned is not None:
                head.append(_plain(planned.resource.title, bold=True, space=0))
                head.append(_plain(planned.display_url, colour=ctx.palette["link"]))
                if planned.qr is None:
                    head.append(_plain(message("unverified", ctx.language), bold=True))
            if slide.caption:
                tail.append(_plain(slide.caption, space=0.6))
    if head or tail:
        placeholder = layout.bodies[0]
        blocks.append(TextBlock("body", placeholder.frame, tuple(head + tail), placeholder.idx, 0,
                                top=max(round(placeholder.size), BODY_FLOOR)))


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


def _resource_grid(slide: PlannedSlide, ctx: Context, blocks: list[TextBlock], pictures: list[PicturePlace]) -> None:
    area = content_area(ctx)
    codes = slide.qr_codes
    for n, cell in enumerate(grid_cells(area, len(codes))):
        code = codes[n]
        side = min(cell.height, round(cell.width * 0.42))
        pictures.append(PicturePlace(Frame(left=cell.left, top=cell.top, width=side, height=side), None, None,
                                     code.payload, code.alt))
        planned = ctx.resources.get(slide.resource_ids[n]) if n < len(slide.resource_ids) else None
        paras = [_plain(planned.resource.title, bold=True, space=0)] if planned else []
        paras.append(_plain(code.display, colour=ctx.palette["link"]))
        text = Frame(left=cell.left + side + GRID_GAP // 2, top=cell.top, width=cell.width - side - GRID_GAP // 2,
                     height=cell.height)
        blocks.append(TextBlock("cell", text, tuple(paras), top=FREE_SIZES["cell"][0]))


def resources_fit(planned: Sequence[PlannedResource], ctx: Context) -> bool:
    """Whether these resources' titles and addresses fit their cells of one slide at the floor size."""
    slide = PlannedSlide(number=0, kind="resources", title="-", resource_ids=[r.resource.id for r in planned],
                         qr_codes=[r.qr for r in planned if r.qr is not None])
    cells = [b for b in compose(slide, ctx).blocks if b.key == "cell"]
    floor = FREE_SIZES["cell"][1]
    return largest_size(_measured(cells), ctx.fonts, floor, floor) is not None


# Splitting: each kind's splittable lists ("flows") as pieces, and a slide rebuilt from some of them.


@dataclass(frozen=True)
class Piece:
    field: str
    text: str
    extra: str = ""  # an agenda row's clock time
    cont: bool = False  # the rest of a piece cut at a word


def flows(slide: PlannedSlide) -> list[list[Piece]]:
    kind = slide.kind
    if kind == "agenda":
        return [[Piece("rows", title, clock) for clock, title in slide.rows]]
    if kind in ("outcomes", "bullets", "reflection", "discussion", "activity", "closing"):
        return [[Piece("bullets", b) for b in slide.bullets]]
    if kind in ("section", "break"):
        return [[Piece("subtitle", slide.subtitle)] if slide.subtitle else []]
    if kind == "quote":
        return [[Piece(f, t) for f, t in (("quote", slide.quote), ("attribution", slide.attribution)) if t]]
    if kind in ("image", "resource", "video"):
        return [[Piece("caption", slide.caption)] if slide.caption else []]
    if kind == "two-column":
        return [[Piece("bullets", b) for b in bullets] for _, bullets in slide.columns[:2]]
    return []


def with_flows(slide: PlannedSlide, pages: Sequence[Sequence[Piece]]) -> PlannedSlide:
    """`slide` showing only `pages` (one list of pieces per flow)."""
    if slide.kind == "two-column":
        columns = [(heading, [p.text for p in pages[n]]) for n, (heading, _) in enumerate(slide.columns[:2])]
        return slide.model_copy(update={"columns": columns})
    pieces = pages[0] if pages else []
    update: dict[str, object] = {}
    if slide.kind == "agenda":
        update["rows"] = [("" if p.cont else p.extra, p.text) for p in pieces]
    elif slide.kind in ("outcomes", "bullets", "reflection", "discussion", "activity", "closing"):
        update["bullets"] = [p.text for p in pieces]
    else:
        for name in {p.field for flow in flows(slide) for p in flow}:
            update[name] = " ".join(p.text for p in pieces if p.field == name) or None
    return slide.model_copy(update=update)


@dataclass(frozen=True)
class Fitted:
    pages: list[PlannedSlide]  # the slide and its continuations, each with its text sizes
    shrunk: list[str]  # what had to go below the floor to fit at all, for warnings
    overflow: list[str] = field(default_factory=list)  # what cannot fit at any size, for errors


def fit_slide(slide: PlannedSlide, ctx: Context) -> Fitted:
    """The slide with its text sized; split into pages when even the floor size does not fit."""
    composition = compose(slide, ctx)
    sizes: dict[str, int] = {}
    shrunk: list[str] = []
    overflow: list[str] = []
    for key in ("panel", "cell"):
        chosen = [b for b in composition.blocks if b.key == key]
        if chosen:
            sizes[key] = _shrink(chosen, ctx, *FREE_SIZES[key], shrunk, overflow, _WHAT[key])
    bodies = [b for b in composition.blocks if b.key == "body"]
    if not bodies:
        return Fitted([slide.model_copy(update={"text_sizes": sizes})], shrunk, overflow)
    top = min(b.top for b in bodies)
    whole = largest_size(_measured(bodies), ctx.fonts, top, BODY_FLOOR)
    parts = flows(slide)
    if whole is not None or not any(parts):
        sizes["body"] = whole if whole is not None else _shrink(bodies, ctx, BODY_FLOOR, BODY_FLOOR, shrunk,
                                                                overflow, "text")
        return Fitted([slide.model_copy(update={"text_sizes": sizes})], shrunk, overflow)
    size, pages = _paginate(slide, parts, ctx, top, shrunk, overflow)
    sizes["body"] = size
    out = []
    started = 0  # list items begun on earlier pages, so numbered lists carry on counting
    for page in pages:
        first = page[0][0] if page and page[0] else None
        start = started if first is not None and first.cont else started + 1
        out.append(with_flows(slide, page).model_copy(update={"text_sizes": dict(sizes), "list_start": start}))
        started += sum(1 for p in page[0] if not p.cont) if page else 0
    return Fitted(out, shrunk, overflow)


def fit_title(slide: PlannedSlide, ctx: Context) -> tuple[int, bool]:
    """The title's size, and whether it had to go below the floor."""
    block = compose(slide, ctx).blocks[0]
    size = largest_size(_measured([block]), ctx.fonts, block.top, TITLE_FLOOR)
    if size is not None:
        return size, False
    return largest_size(_measured([block]), ctx.fonts, TITLE_FLOOR - 1, LAST_RESORT) or LAST_RESORT, True


def _measured(blocks: Sequence[TextBlock]) -> list[tuple[Sequence[Para], int, int]]:
    return [(b.paras, b.frame.width, b.frame.height) for b in blocks]


_WHAT = {"panel": "timer panel", "cell": "QR code labels"}


def _shrink(blocks: Sequence[TextBlock], ctx: Context, top: int, floor: int, shrunk: list[str],
            overflow: list[str], what: str) -> int:
    size = largest_size(_measured(blocks), ctx.fonts, top, floor)
    if size is not None:
        return size
    size = largest_size(_measured(blocks), ctx.fonts, floor - 1, LAST_RESORT)
    if size is None:
        overflow.append(f"its {what} cannot fit even at {LAST_RESORT} pt")
        return LAST_RESORT
    shrunk.append(f"its {what} {'are' if what.endswith('s') else 'is'} shown at {size} pt, below the {floor} pt "
                  "floor, to fit")
    return size


def _paginate(slide: PlannedSlide, parts: list[list[Piece]], ctx: Context, top: int, shrunk: list[str],
              overflow: list[str]) -> tuple[int, list[list[list[Piece]]]]:
    """The largest size at which the flows need no more pages than at the floor, and those pages."""
    at_floor = _pages(slide, parts, ctx, BODY_FLOOR)
    if at_floor is None:  # a single word, or the text repeated on every page, is too big at the floor
        for size in range(BODY_FLOOR - 1, LAST_RESORT - 1, -1):
            if (found := _pages(slide, parts, ctx, size)) is not None:
                shrunk.append(f"its text is shown at {size} pt, below the {BODY_FLOOR} pt floor, to fit")
                return size, found
        overflow.append(f"its text does not fit the layout's text area even at {LAST_RESORT} pt")
        return LAST_RESORT, _pages(slide, parts, ctx, LAST_RESORT, force=True) or []
    for bigger in range(top, BODY_FLOOR, -1):
        found = _pages(slide, parts, ctx, bigger)
        if found is not None and len(found) <= len(at_floor):
            return bigger, found
    return BODY_FLOOR, at_floor


def _pages(slide: PlannedSlide, parts: list[list[Piece]], ctx: Context, size: int,
           force: bool = False) -> list[list[list[Piece]]] | None:
    """Pages at `size`: each a list of pieces per flow, filled greedily; None if a piece cannot fit
    (or, with `force`, that piece alone on its page)."""
    per_flow = []
    for n, pieces in enumerate(parts):
        found = _flow_pages(slide, n, len(parts), pieces, ctx, size, force)
        if found is None:
            return None
        per_flow.append(found)
    count = max(len(p) for p in per_flow)
    return [[flow[k] if k < len(flow) else [] for flow in per_flow] for k in range(count)]


def _flow_pages(slide: PlannedSlide, n: int, total: int, pieces: list[Piece], ctx: Context,
                size: int, force: bool) -> list[list[Piece]] | None:
    def fits_page(page: list[Piece]) -> bool:
        candidate = with_flows(slide, [page if k == n else [] for k in range(total)])
        block = next(b for b in compose(candidate, ctx).blocks if b.flow == n)
        return fits(block.paras, ctx.fonts, size, block.frame.width, block.frame.height)

    queue = list(pieces)
    pages: list[list[Piece]] = []
    page: list[Piece] = []
    while queue:
        piece = queue[0]
        if fits_page([*page, piece]):
            page.append(piece)
            queue.pop(0)
        elif page:
            pages.append(page)
            page = []
        else:
            words = piece.text.split()
            low, high = 0, len(words) - 1  # the most words of the piece that fit on an empty page
            while low < high:
                middle = (low + high + 1) // 2
                if fits_page([replace(piece, text=" ".join(words[:middle]))]):
                    low = middle
                else:
                    high = middle - 1
            if low == 0:
                if not force:
                    return None
                pages.append([piece])
                queue.pop(0)
                continue
            pages.append([replace(piece, text=" ".join(words[:low]))])
            queue[0] = replace(piece, text=" ".join(words[low:]), cont=True)
    if page or not pages:
        pages.append(page)
    return pages
