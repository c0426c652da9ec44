"""The whole deck laid out: every drafted slide fitted to the deck template, split where its
text will not fit, numbered, and given a title of its own."""

from __future__ import annotations

from collections.abc import Sequence

from ..deck_template import DeckGeometry
from ..errors import ProblemLog
from ..load import DataPath, Document
from ..messages import Language, message
from ..plan import Plan, PlannedResource
from ..plan.slide_drafts import SlideDraft, draft_slides
from ..plan.slides import PlannedSlide, ResourcesSlide
from .compose import FREE_SIZES, Context, context
from .diagrams import check_diagrams
from .fit import TITLE_FLOOR, largest_size
from .kinds import compose
from .split import fit_slide, fit_title, measured

RESOURCES_PER_SLIDE = 4


def lay_out(plan: Plan, document: Document, geometry: DeckGeometry, log: ProblemLog) -> Plan:
    """`plan` with its slides fitted to `geometry` (the deck template's), numbered and titled."""
    ctx = context(geometry, plan.workshop.language, plan.resources)
    drafts = draft_slides(plan, document)
    check_diagrams(drafts, document, log)
    fitted = [page for draft in drafts for page in _fitted(draft, ctx, document, log)]
    return plan.with_slides(_numbered(fitted, ctx, document, log))


def _fitted(draft: SlideDraft, ctx: Context, document: Document,
            log: ProblemLog) -> list[tuple[PlannedSlide, DataPath]]:
    """The draft sized to its layout; one that does not fit at the floor size goes on over more slides."""
    slide, where = draft.slide, document.locate(draft.path)
    pages: list[PlannedSlide] = []
    for part in _parts(slide, ctx):
        result = fit_slide(part, ctx)
        for reason in result.overflow:
            log.error(where, f"the slide \"{slide.title}\" cannot be laid out: {reason}",
                      "shorten its text, or map this kind of slide to a layout with a larger text area "
                      "under `branding: layouts:`")
        for reason in result.shrunk:
            log.warn(where, f"the slide \"{slide.title}\" is too full: {reason}",
                     "shorten its text so it can be read from the back of the room")
        if len(result.pages) > 1:
            more = len(result.pages) - 1
            log.warn(where, f"the slide \"{slide.title}\" does not fit on one slide at {result.floor} pt, so it "
                     f"continues on {more} more slide{'s' if more > 1 else ''} titled "
                     f"\"{_continued(slide.title, 1, ctx.language)}\"",
                     "shorten the text, or split it into slides of your own")
        pages += result.pages
    return [(page.model_copy(update={"title": _continued(slide.title, n, ctx.language)} | ({} if n == 0 else {
                "notes": draft.continued_notes, "own_notes": None})), draft.path)
            for n, page in enumerate(pages)]


def _parts(slide: PlannedSlide, ctx: Context) -> list[PlannedSlide]:
    """The slides a grid of QR codes needs; any other slide is one part, split later if its text must."""
    if not isinstance(slide, ResourcesSlide):
        return [slide]
    planned = [ctx.resources[r] for r in slide.resource_ids]
    return [slide.model_copy(update={"resource_ids": [r.resource.id for r in page],
                                     "codes": [r.qr for r in page if r.qr is not None]})
            for page in _resource_pages(planned, ctx)]


def _resource_pages(planned: list[PlannedResource], ctx: Context) -> list[list[PlannedResource]]:
    """Up to four QR codes a slide, fewer where a title or address needs more room to fit."""
    pages: list[list[PlannedResource]] = []
    page: list[PlannedResource] = []
    for resource in planned:
        candidate = [*page, resource]
        if len(candidate) <= RESOURCES_PER_SLIDE and resources_fit(candidate, ctx):
            page = candidate
        else:
            if page:
                pages.append(page)
            page = [resource]
    if page:
        pages.append(page)
    return pages


def resources_fit(planned: Sequence[PlannedResource], ctx: Context) -> bool:
    """Whether these resources' titles and addresses fit their cells of one slide at the floor size."""
    slide = ResourcesSlide(title="-", resource_ids=[r.resource.id for r in planned],
                           codes=[r.qr for r in planned if r.qr is not None])
    labels = [b for b in compose(slide, ctx).blocks if b.key == "label"]
    floor = FREE_SIZES["label"][1]
    return largest_size(measured(labels), ctx.fonts, floor, floor) is not None


def _continued(title: str, page: int, language: Language) -> str:
    return title if page == 0 else f"{title} ({message('continued', language)}{'' if page == 1 else f' {page}'})"


def _numbered(fitted: list[tuple[PlannedSlide, DataPath]], ctx: Context, document: Document,
              log: ProblemLog) -> list[PlannedSlide]:
    """Number the slides and make every title unique, as screen readers list slides by title;
    then size each title as it will be shown."""
    seen: set[str] = set()
    slides = []
    for number, (slide, path) in enumerate(fitted, start=1):
        title = slide.title
        candidate, n = title, 2
        while candidate.casefold() in seen:
            candidate = f"{title} ({n})"
            n += 1
        seen.add(candidate.casefold())
        numbered = slide.model_copy(update={"number": number, "title": candidate})
        size, below_floor = fit_title(numbered, ctx)
        if below_floor:
            log.warn(document.locate((*path, "title") if path[:1] == ("agenda",) else path),
                     f"the title \"{candidate}\" is shown at {size} pt, below the {TITLE_FLOOR} pt floor, to fit",
                     "shorten the title")
        slides.append(numbered.model_copy(update={"text_sizes": {**numbered.text_sizes, "title": size}}))
    return slides
