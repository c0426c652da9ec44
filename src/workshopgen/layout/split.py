"""One slide fitted: its text sized to its frames, shrunk to a floor, then split over as many
slides as it needs, each list carrying on where the slide before left it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol, TypeGuard, runtime_checkable

from ..plan.slides import Piece, PlannedSlide
from .compose import FREE_SIZES, Context, TextBlock
from .fit import BODY_FLOOR, LAST_RESORT, TITLE_FLOOR, Para, fits, largest_size
from .kinds import compose


@dataclass(frozen=True)
class Fitted:
    pages: list[PlannedSlide]  # the slide and its continuations, each with its text sizes
    shrunk: list[str]  # what had to go below the floor to fit at all, for warnings
    overflow: list[str] = field(default_factory=list)  # what cannot fit at any size, for errors
    floor: int = BODY_FLOOR  # the size below which its text continued on more slides rather than shrink


@runtime_checkable
class SizedGraphic(Protocol):
    """A graphic that lays out and measures its own text (a table): sized as body text is, from
    `max_size` down to `floor`, and below that continued on more slides by the slide's flow `flow`."""

    @property
    def key(self) -> str: ...  # its size's name in the slide's `text_sizes`

    @property
    def flow(self) -> int | None: ...

    @property
    def max_size(self) -> int: ...

    @property
    def floor(self) -> int: ...

    def fits(self, size: int) -> bool: ...


_SIZES_ITSELF: dict[type, bool] = {}


def sizes_itself(graphic: object) -> TypeGuard[SizedGraphic]:
    """Whether `graphic` measures its own text; decided once for each type, as checking a protocol is slow."""
    kind = type(graphic)
    if kind not in _SIZES_ITSELF:
        _SIZES_ITSELF[kind] = isinstance(graphic, SizedGraphic)
    return _SIZES_ITSELF[kind]


@runtime_checkable
class FittedGraphic(Protocol):
    """A graphic that fitted its own text when it was composed (a diagram, which picks the
    arrangement its text fits best): the sizes it chose, by their names in the slide's
    `text_sizes`, and what it could not fit, for errors."""

    @property
    def text_sizes(self) -> dict[str, int]: ...

    @property
    def overflow(self) -> tuple[str, ...]: ...


def fit_slide(slide: PlannedSlide, ctx: Context) -> Fitted:
    """The slide with its text sized; split into pages when even the floor size does not fit."""
    composition = compose(slide, ctx)
    sizes: dict[str, int] = {}
    # A graphic whose text the application lays out (a chart) says itself what it could not fit.
    shrunk: list[str] = [w for graphic in composition.graphics for w in getattr(graphic, "warnings", ())]
    overflow: list[str] = []
    for key in ("panel", "label"):
        chosen = [b for b in composition.blocks if b.key == key]
        if chosen:
            sizes[key] = _shrink(chosen, ctx, *FREE_SIZES[key], shrunk, overflow, _WHAT[key])
    for fitted in composition.graphics:
        if isinstance(fitted, FittedGraphic):
            sizes.update(fitted.text_sizes)
            overflow.extend(fitted.overflow)
    graphics = [g for g in composition.graphics if sizes_itself(g)]
    if graphics:
        return _fit_graphics(slide, graphics, ctx, sizes, shrunk, overflow)
    bodies = [b for b in composition.blocks if b.key == "body"]
    if not bodies:
        return Fitted([slide.model_copy(update={"text_sizes": sizes})], shrunk, overflow)
    top = min(b.max_size for b in bodies)
    whole = largest_size(measured(bodies), ctx.fonts, top, BODY_FLOOR)
    parts = slide.flows()
    if whole is not None or not any(parts):
        sizes["body"] = whole if whole is not None else _shrink(bodies, ctx, BODY_FLOOR, BODY_FLOOR, shrunk,
                                                                overflow, "text")
        return Fitted([slide.model_copy(update={"text_sizes": sizes})], shrunk, overflow)
    size, pages = _paginate(slide, parts, ctx, top, shrunk, overflow)
    sizes["body"] = size
    return Fitted(_paged(slide, pages, sizes), shrunk, overflow)


def _fit_graphics(slide: PlannedSlide, graphics: Sequence[SizedGraphic], ctx: Context, sizes: dict[str, int],
                  shrunk: list[str], overflow: list[str]) -> Fitted:
    """A slide whose text its graphics measure (a table's cells): the largest size from theirs down
    to their floor at which all fit, or pages at the largest size at which the flows need no more
    of them than at the floor."""
    key, top, floor = graphics[0].key, min(g.max_size for g in graphics), max(g.floor for g in graphics)

    def largest(high: int, low: int) -> int | None:
        return next((s for s in range(high, low - 1, -1) if all(g.fits(s) for g in graphics)), None)

    whole = largest(top, floor)
    parts = slide.flows()
    if whole is None and not any(parts):
        whole = largest(floor - 1, LAST_RESORT)
        if whole is None:
            overflow.append(f"its text does not fit the layout's text area even at {LAST_RESORT} pt")
        else:
            shrunk.append(f"its text is shown at {whole} pt, below the {floor} pt floor, to fit")
    if whole is not None or not any(parts):
        sizes[key] = whole or LAST_RESORT
        return Fitted([slide.model_copy(update={"text_sizes": sizes})], shrunk, overflow, floor)
    size, pages = _paginate(slide, parts, ctx, top, shrunk, overflow, floor)
    sizes[key] = size
    return Fitted(_paged(slide, pages, sizes), shrunk, overflow, floor)


def _paged(slide: PlannedSlide, pages: list[list[list[Piece]]], sizes: dict[str, int]) -> list[PlannedSlide]:
    """A slide showing each page, with the sizes chosen, numbered lists carrying on counting."""
    out = []
    started = 0  # list items begun on earlier pages
    for page in pages:
        first = page[0][0] if page and page[0] else None
        start = started if first is not None and first.continued else started + 1
        out.append(slide.with_flows(page).model_copy(update={"text_sizes": dict(sizes), "list_start": start}))
        started += sum(1 for p in page[0] if not p.continued) if page else 0
    return out


def fit_title(slide: PlannedSlide, ctx: Context) -> tuple[int, bool]:
    """The title's size, and whether it had to go below the floor."""
    block = compose(slide, ctx).blocks[0]
    size = largest_size(measured([block]), ctx.fonts, block.max_size, TITLE_FLOOR)
    if size is not None:
        return size, False
    return largest_size(measured([block]), ctx.fonts, TITLE_FLOOR - 1, LAST_RESORT) or LAST_RESORT, True


def measured(blocks: Sequence[TextBlock]) -> list[tuple[Sequence[Para], int, int]]:
    return [(b.paras, b.frame.width, b.frame.height) for b in blocks]


_WHAT = {"panel": "timer panel", "label": "QR code labels"}


def _shrink(blocks: Sequence[TextBlock], ctx: Context, top: int, floor: int, shrunk: list[str],
            overflow: list[str], what: str) -> int:
    size = largest_size(measured(blocks), ctx.fonts, top, floor)
    if size is not None:
        return size
    size = largest_size(measured(blocks), ctx.fonts, floor - 1, LAST_RESORT)
    if size is None:
        overflow.append(f"its {what} cannot fit even at {LAST_RESORT} pt")
        return LAST_RESORT
    shrunk.append(f"its {what} {'are' if what.endswith('s') else 'is'} shown at {size} pt, below the {floor} pt "
                  "floor, to fit")
    return size


def _paginate(slide: PlannedSlide, parts: list[list[Piece]], ctx: Context, top: int, shrunk: list[str],
              overflow: list[str], floor: int = BODY_FLOOR) -> tuple[int, list[list[list[Piece]]]]:
    """The largest size at which the flows need no more pages than at the floor, and those pages."""
    at_floor = _pages(slide, parts, ctx, floor)
    if at_floor is None:  # a single word, or the text repeated on every page, is too big at the floor
        for size in range(floor - 1, LAST_RESORT - 1, -1):
            if (found := _pages(slide, parts, ctx, size)) is not None:
                shrunk.append(f"its text is shown at {size} pt, below the {floor} pt floor, to fit")
                return size, found
        overflow.append(f"its text does not fit the layout's text area even at {LAST_RESORT} pt")
        return LAST_RESORT, _pages(slide, parts, ctx, LAST_RESORT, force=True) or []
    for bigger in range(top, floor, -1):
        found = _pages(slide, parts, ctx, bigger)
        if found is not None and len(found) <= len(at_floor):
            return bigger, found
    return floor, at_floor


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
        candidate = slide.with_flows([page if k == n else [] for k in range(total)])
        composition = compose(candidate, ctx)
        block = next((b for b in composition.blocks if b.flow == n), None)
        if block is None:  # a graphic shows the flow, and measures it
            return all(g.fits(size) for g in composition.graphics if sizes_itself(g) and g.flow == n)
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
            queue[0] = replace(piece, text=" ".join(words[low:]), continued=True)
    if page or not pages:
        pages.append(page)
    return pages
