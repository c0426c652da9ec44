"""The deck's slides in order, numbered: generated ones (title, agenda, outcomes, resources,
closing) around each agenda item's own, with the speaker notes each carries."""

from __future__ import annotations

from typing import Any

from .errors import ProblemLog
from .load import DataPath, Document
from .messages import message
from .model import (
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
from .plan import PlannedResource, PlannedSlide, QrCode, ScheduledItem

RESOURCES_PER_SLIDE = 4
AGENDA_ROWS_PER_SLIDE = 9


def plan_slides(workshop: Workshop, document: Document, schedule: list[ScheduledItem],
                resources: list[PlannedResource], feedback: QrCode, log: ProblemLog) -> list[PlannedSlide]:
    language = workshop.language
    drafts: list[dict[str, Any]] = [_title_slide(workshop)]
    rows = [(s.start, s.item.title) for s in schedule] + [(schedule[-1].end, message("thank_you", language))]
    for page, start in enumerate(range(0, len(rows), AGENDA_ROWS_PER_SLIDE)):
        drafts.append({"kind": "agenda", "title": _continued(message("agenda", language), page, language),
                       "rows": rows[start:start + AGENDA_ROWS_PER_SLIDE],
                       "notes": "Walk through the plan for the session and when the breaks are."})
    drafts.append({"kind": "outcomes", "title": message("outcomes", language),
                   "bullets": list(workshop.outcomes)})

    codes = {r.resource.id: r for r in resources}
    for n, scheduled in enumerate(schedule):
        item = scheduled.item
        own: list[tuple[dict[str, Any], DataPath]] = [
            (_from_slide(slide, codes, workshop), ("agenda", n, "slides", k)) for k, slide in enumerate(item.slides)
        ]
        if not own:
            own = [(_default_slide(scheduled, workshop), ("agenda", n))]
        for k, (draft, path) in enumerate(own):
            draft["item_id"] = item.id
            draft["source"] = str(document.locate(path))
            draft["notes"] = _item_notes(scheduled, draft.get("notes"), first=k == 0, workshop=workshop)
            drafts.append(draft)

    with_codes = [r for r in resources if r.qr is not None]
    for page, start in enumerate(range(0, len(with_codes), RESOURCES_PER_SLIDE)):
        chunk = with_codes[start:start + RESOURCES_PER_SLIDE]
        drafts.append({
            "kind": "resources", "title": _continued(message("resources", language), page, language),
            "resource_ids": [r.resource.id for r in chunk], "qr_codes": [r.qr for r in chunk],
            "notes": "Invite people to scan the codes now or from their handout.",
        })
    drafts.append({
        "kind": "closing", "title": message("thank_you", language), "subtitle": message("feedback", language),
        "qr_codes": [feedback], "bullets": list(workshop.evaluation.questions),
        "notes": "Ask everyone to scan the code and give feedback before they leave.",
    })
    return _numbered(drafts)


def _continued(title: str, page: int, language: str) -> str:
    return title if page == 0 else f"{title} ({message('continued', language)}{'' if page == 1 else f' {page}'})"  # type: ignore[arg-type]


def _title_slide(workshop: Workshop) -> dict[str, Any]:
    event, language = workshop.event, workshop.language
    lines = [workshop.branding.organisation]
    when_where = [part for part in (event.date.strftime("%-d %B %Y") if event.date else None, event.venue) if part]
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
            parts.append(f"If running late: {scheduled.item.if_late}")
    return "\n\n".join(parts)


def _numbered(drafts: list[dict[str, Any]]) -> list[PlannedSlide]:
    """Number the slides and make every title unique, as screen readers list slides by title."""
    seen: set[str] = set()
    slides = []
    for number, draft in enumerate(drafts, start=1):
        title = draft["title"]
        candidate, n = title, 2
        while candidate.casefold() in seen:
            candidate = f"{title} ({n})"
            n += 1
        seen.add(candidate.casefold())
        slides.append(PlannedSlide(number=number, **{**draft, "title": candidate}))
    return slides
