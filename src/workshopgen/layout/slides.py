"""The deck's slides in order, numbered: generated ones (title, agenda, outcomes, resources,
closing) around each agenda item's own, with the speaker notes each carries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..deck_template import DeckGeometry, deck_geometry
from ..errors import ProblemLog
from ..load import DataPath, Document
from ..messages import long_date, message
from ..model import (
    ActivitySlide,
    BulletsSlide,
    DiscussionSlide,
    ImageSlide,
    QuoteSlide,
    ResourceSlide,
    SectionSlide,
    Slide,
    TitleSlide,
    TwoColumnSlide,
    Workshop,
)
from ..plan import PlannedResource, PlannedSlide, QrCode, ScheduledItem
from .compose import Context, context, fit_slide, fit_title, resources_fit
from .fit import BODY_FLOOR, TITLE_FLOOR

RESOURCES_PER_SLIDE = 4


@dataclass
class Draft:
    """A slide before fitting: its fields, where it comes from, and the agenda item it belongs to."""

    fields: dict[str, Any]
    path: DataPath
    scheduled: ScheduledItem | None = None
    first_of_item: bool = False
    page: int = 0  # for generated slides that run over several, such as Resources


def plan_slides(workshop: Workshop, document: Document, schedule: list[ScheduledItem],
                resources: list[PlannedResource], feedback: QrCode, log: ProblemLog,
                geometry: DeckGeometry | None = None) -> list[PlannedSlide]:
    """Every slide, fitted to the deck template (`geometry`) and split where its text will not fit."""
    language = workshop.language
    ctx = context(geometry or deck_geometry(workshop, {}), language, resources)
    drafts = [Draft(_title_slide(workshop), ("title",))]
    rows = [(s.start, s.item.title) for s in schedule] + [(schedule[-1].end, message("thank_you", language))]
    drafts.append(Draft({"kind": "agenda", "title": message("agenda", language), "rows": rows,
                         "notes": message("notes_agenda", language)}, ("agenda",)))
    drafts.append(Draft({"kind": "outcomes", "title": message("outcomes", language),
                         "bullets": list(workshop.outcomes)}, ("outcomes",)))

    codes = {r.resource.id: r for r in resources}
    for n, scheduled in enumerate(schedule):
        item = scheduled.item
        own: list[tuple[dict[str, Any], DataPath]] = [
            (_from_slide(slide, codes, workshop), ("agenda", n, "slides", k)) for k, slide in enumerate(item.slides)
        ]
        if not own:
            own = [(_default_slide(scheduled, workshop), ("agenda", n))]
        for k, (fields, path) in enumerate(own):
            fields["item_id"] = item.id
            fields["source"] = str(document.locate(path))
            drafts.append(Draft(fields, path, scheduled, first_of_item=k == 0))

    for page, chunk in enumerate(_resource_pages([r for r in resources if r.qr is not None], ctx)):
        drafts.append(Draft({
            "kind": "resources", "title": message("resources", language),
            "resource_ids": [r.resource.id for r in chunk], "qr_codes": [r.qr for r in chunk],
            "notes": message("notes_resources", language),
        }, ("resources",), page=page))
    # The form's questions go in the notes: the slide stays a QR code people can scan from the back.
    questions = "\n".join(f"- {q}" for q in workshop.evaluation.questions)
    drafts.append(Draft({
        "kind": "closing", "title": message("thank_you", language), "subtitle": message("feedback", language),
        "qr_codes": [feedback],
        "notes": message("notes_closing", language, questions=questions),
    }, ("evaluation",)))
    fitted = _fitted(drafts, ctx, workshop, document, log)
    return _numbered(fitted, ctx, document, log)


def _fitted(drafts: list[Draft], ctx: Context, workshop: Workshop, document: Document,
            log: ProblemLog) -> list[tuple[PlannedSlide, DataPath]]:
    """Each draft sized to its layout; one that does not fit at the floor size goes on over more slides."""
    language = workshop.language
    out: list[tuple[PlannedSlide, DataPath]] = []
    for draft in drafts:
        own_notes = draft.fields.get("notes")
        slide = PlannedSlide(number=0, **{**draft.fields, "notes": own_notes or ""})
        result = fit_slide(slide, ctx)
        where = document.locate(draft.path)
        for reason in result.overflow:
            log.error(where, f"the slide \"{slide.title}\" cannot be laid out: {reason}",
                      "shorten its text, or map this kind of slide to a layout with a larger text area "
                      "under `branding: layouts:`")
        for reason in result.shrunk:
            log.warn(where, f"the slide \"{slide.title}\" is too full: {reason}",
                     "shorten its text so it can be read from the back of the room")
        if len(result.pages) > 1:
            more = len(result.pages) - 1
            log.warn(where, f"the slide \"{slide.title}\" does not fit on one slide at {BODY_FLOOR} pt, so it "
                     f"continues on {more} more slide{'s' if more > 1 else ''} titled "
                     f"\"{_continued(slide.title, 1, language)}\"",
                     "shorten the text, or split it into slides of your own")
        for number, page in enumerate(result.pages, start=draft.page):
            update: dict[str, Any] = {"title": _continued(slide.title, number, language)}
            if draft.scheduled is not None:
                update["own_notes"] = own_notes if number == draft.page else None
                update["notes"] = _item_notes(draft.scheduled, own_notes, first=draft.first_of_item and number == 0,
                                              workshop=workshop)
            out.append((page.model_copy(update=update), draft.path))
    return out


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


def _continued(title: str, page: int, language: str) -> str:
    return title if page == 0 else f"{title} ({message('continued', language)}{'' if page == 1 else f' {page}'})"  # type: ignore[arg-type]


def _title_slide(workshop: Workshop) -> dict[str, Any]:
    event, language = workshop.event, workshop.language
    lines = [workshop.branding.organisation]
    when_where = [part for part in (long_date(event.date, language) if event.date else None, event.venue) if part]
    if when_where:
        lines.append(" · ".join(when_where))
    if event.facilitators:
        lines.append(f"{message('facilitators', language)}: " + ", ".join(f.name for f in event.facilitators))
    return {"kind": "title", "title": workshop.title, "subtitle": workshop.subtitle, "bullets": lines,
            "notes": workshop.summary}


def _from_slide(slide: Slide, codes: dict[str, PlannedResource], workshop: Workshop) -> dict[str, Any]:
    draft: dict[str, Any] = {"kind": slide.type, "title": slide.title, "notes": slide.notes}
    if isinstance(slide, (TitleSlide, SectionSlide)):
        draft["subtitle"] = slide.subtitle
    elif isinstance(slide, BulletsSlide):
        draft["bullets"] = list(slide.bullets)
    elif isinstance(slide, TwoColumnSlide):
        draft["columns"] = [(c.heading, list(c.bullets)) for c in (slide.left, slide.right)]
    elif isinstance(slide, QuoteSlide):
        draft.update(quote=slide.quote, attribution=slide.attribution)
    elif isinstance(slide, ImageSlide):
        draft.update(image=slide.image, alt=slide.alt, caption=slide.caption)
    elif isinstance(slide, ResourceSlide):
        planned = codes.get(slide.resource)
        draft.update(resource_ids=[slide.resource], caption=slide.caption,
                     qr_codes=[planned.qr] if planned and planned.qr else [])
    elif isinstance(slide, ActivitySlide):
        draft.update(bullets=list(slide.instructions), minutes=slide.minutes, group=slide.group)
    elif isinstance(slide, DiscussionSlide):
        draft["bullets"] = list(slide.questions)
    return draft


def _default_slide(scheduled: ScheduledItem, workshop: Workshop) -> dict[str, Any]:
    item = scheduled.item
    if item.kind == "break":
        return {"kind": "break", "title": item.title,
                "subtitle": message("back_at", workshop.language, time=scheduled.end)}
    if item.kind == "reflection" and workshop.reflection_questions:
        return {"kind": "reflection", "title": item.title, "bullets": list(workshop.reflection_questions)}
    return {"kind": "section", "title": item.title, "subtitle": item.purpose}


def _item_notes(scheduled: ScheduledItem, own: str | None, *, first: bool, workshop: Workshop) -> str:
    language = workshop.language
    parts = [f"{message('timing', language)}: {scheduled.timing} · {scheduled.item.title}"]
    if own:
        parts.append(own)
    if first:
        steps = []
        for step in scheduled.item.steps:
            if step.do:
                steps.append(f"{message('do', language)}: {step.do}")
            if step.say:
                steps.append(f"{message('say', language)}: {step.say}")
        if steps:
            parts.append("\n".join(steps))
        if scheduled.item.if_late:
            parts.append(f"{message('if_late', language)}: {scheduled.item.if_late}")
    return "\n\n".join(parts)


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
