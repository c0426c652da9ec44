"""The deck's slides before they are fitted: generated ones (title, agenda, outcomes, resources,
closing) around each agenda item's own, with the speaker notes each carries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import model as authored
from ..load import DataPath, Document
from ..messages import Language, long_date, message
from ..model import Workshop
from .figures import PlannedFigure, chart_notes, planned_figures
from .slides import (
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

if TYPE_CHECKING:
    from . import Plan, PlannedResource, ScheduledItem


@dataclass(frozen=True)
class SlideDraft:
    """A slide before fitting, where it comes from, and the notes of any slides it runs on to."""

    slide: PlannedSlide
    path: DataPath
    continued_notes: str


def draft_slides(plan: Plan, document: Document) -> list[SlideDraft]:
    workshop, language = plan.workshop, plan.workshop.language
    schedule = plan.schedule

    def generated(slide: PlannedSlide, path: DataPath) -> SlideDraft:
        return SlideDraft(slide, path, slide.notes)

    rows = [(s.start, s.item.title) for s in schedule] + [(schedule[-1].end, message("thank_you", language))]
    drafts = [
        generated(_title_slide(workshop), ("title",)),
        generated(AgendaSlide(title=message("agenda", language), rows=rows, notes=message("notes_agenda", language)),
                  ("agenda",)),
        generated(ListSlide(kind="outcomes", title=message("outcomes", language),
                            bullets=[o.text for o in workshop.outcomes]), ("outcomes",)),
    ]
    resources = {r.resource.id: r for r in plan.resources}
    figures = planned_figures(workshop)
    for n, scheduled in enumerate(schedule):
        item = scheduled.item
        own: list[tuple[PlannedSlide, DataPath]] = [
            (_from_yaml(slide, resources, figures, language, item.minutes - (item.debrief_minutes or 0)),
             ("agenda", n, "slides", k))
            for k, slide in enumerate(item.slides)
            if not _unchecked(slide, resources)
        ]
        if not own:
            own = [(_default_slide(scheduled, workshop), ("agenda", n))]
        for k, (slide, path) in enumerate(own):
            own_notes = slide.notes or None
            cue = _countdown_note(slide, language)
            first = _item_notes(scheduled, own_notes, with_steps=k == 0, workshop=workshop, cue=cue)
            rest = _item_notes(scheduled, own_notes, with_steps=False, workshop=workshop, cue=cue)
            slide = slide.model_copy(update={"item_id": item.id, "source": str(document.locate(path)),
                                             "notes": first, "own_notes": own_notes})
            drafts.append(SlideDraft(slide, path, rest))

    verified = [r for r in plan.resources if r.qr is not None]
    if verified:
        drafts.append(generated(ResourcesSlide(
            title=message("resources", language), resource_ids=[r.resource.id for r in verified],
            codes=[r.qr for r in verified if r.qr is not None], notes=message("notes_resources", language),
        ), ("resources",)))
    # The form's questions go in the notes: the slide stays a QR code people can scan from the back.
    questions = "\n".join(f"- {q}" for q in workshop.evaluation.questions)
    paper = plan.feedback is None
    drafts.append(generated(ClosingSlide(
        title=message("thank_you", language), subtitle=message("feedback_paper" if paper else "feedback", language),
        feedback=plan.feedback, notes=message("notes_closing_paper" if paper else "notes_closing", language,
                                              questions=questions),
    ), ("evaluation",)))
    return drafts


def _unchecked(slide: authored.Slide, resources: dict[str, PlannedResource]) -> bool:
    """A resource or video slide whose address nobody has checked: it stays out of the deck (the
    checks warn at its line), as participants never get an unchecked link."""
    planned = resources.get(slide.resource) if isinstance(slide, authored.ResourceSlide) else None
    return planned is not None and not planned.resource.verified


def _title_slide(workshop: Workshop) -> TitleSlide:
    event, language = workshop.event, workshop.language
    lines = [workshop.branding.organisation]
    when_where = [part for part in (long_date(event.date, language) if event.date else None, event.venue) if part]
    if when_where:
        lines.append(" · ".join(when_where))
    if event.facilitators:
        lines.append(f"{message('facilitators', language)}: " + ", ".join(f.name for f in event.facilitators))
    return TitleSlide(title=workshop.title, subtitle=workshop.subtitle, lines=lines, notes=workshop.summary)


def _from_yaml(slide: authored.Slide, resources: dict[str, PlannedResource], figures: dict[str, PlannedFigure],
               language: Language, working_minutes: int) -> PlannedSlide:
    """The planned slide a workshop's own slide becomes; its notes are the YAML's own for now. An
    activity's timer runs for the item's working time unless the slide sets its own."""
    title, notes = slide.title, slide.notes or ""
    match slide:
        case authored.TitleSlide():
            return TitleSlide(title=title, notes=notes, subtitle=slide.subtitle)
        case authored.SectionSlide():
            return SectionSlide(kind="section", title=title, notes=notes, subtitle=slide.subtitle)
        case authored.BulletsSlide():
            return ListSlide(kind="bullets", title=title, notes=notes, bullets=list(slide.bullets))
        case authored.TwoColumnSlide():
            return TwoColumnSlide(title=title, notes=notes,
                                  columns=[(c.heading, list(c.bullets)) for c in (slide.left, slide.right)])
        case authored.QuoteSlide():
            return QuoteSlide(title=title, notes=notes, quote=slide.quote, attribution=slide.attribution)
        case authored.ImageSlide():
            return ImageSlide(title=title, notes=notes, image=slide.image, alt=slide.alt, caption=slide.caption)
        case authored.ResourceSlide():
            planned = resources.get(slide.resource)
            return ResourceSlide(kind=slide.type, title=title, notes=notes, resource_id=slide.resource,
                                 caption=slide.caption, qr=planned.qr if planned else None)
        case authored.ActivitySlide():
            return ActivitySlide(title=title, notes=notes, bullets=list(slide.instructions),
                                 minutes=slide.minutes if slide.minutes is not None else max(working_minutes, 1),
                                 group=slide.group)
        case authored.DiscussionSlide():
            return DiscussionSlide(title=title, notes=notes, bullets=list(slide.questions))
        case authored.DiagramSlide():
            return DiagramSlide(title=title, notes=notes, diagram=slide.diagram, highlight=slide.highlight,
                                caption=slide.caption)
        case authored.TableSlide():
            return TableSlide(title=title, notes=notes, columns=list(slide.columns),
                              rows=[list(row) for row in slide.rows], caption=slide.caption)
        case authored.ChartSlide():
            # The figures and their sources go in the notes too, where the facilitator reads them out.
            charted = [figures[f] for f in slide.figures if f in figures]
            return ChartSlide(title=title, notes="\n\n".join(filter(None, (notes, chart_notes(charted, language)))),
                              chart=slide.chart, figures=charted, caption=slide.caption)
    raise AssertionError(f"no planned slide for a {slide.type} slide")


def _default_slide(scheduled: ScheduledItem, workshop: Workshop) -> PlannedSlide:
    item = scheduled.item
    if item.kind == "break":
        return SectionSlide(kind="break", title=item.title,
                            subtitle=message("back_at", workshop.language, time=scheduled.end))
    if item.kind == "reflection" and workshop.reflection_questions:
        return ListSlide(kind="reflection", title=item.title, bullets=[q.text for q in workshop.reflection_questions])
    return SectionSlide(kind="section", title=item.title, subtitle=item.purpose)


def _countdown_note(slide: PlannedSlide, language: Language) -> str | None:
    """How to start an activity slide's countdown, and how long it runs."""
    if not isinstance(slide, ActivitySlide) or slide.countdown_minutes < 1:
        return None
    if slide.countdown_minutes < slide.minutes:
        return message("notes_countdown_capped", language, minutes=slide.countdown_minutes,
                       rest=slide.minutes - slide.countdown_minutes)
    return message("notes_countdown", language, minutes=slide.minutes)


def _item_notes(scheduled: ScheduledItem, own: str | None, *, with_steps: bool, workshop: Workshop,
                cue: str | None = None) -> str:
    """The timing cue, any countdown's, the slide's own notes and, on an item's first slide, its DO/SAY steps."""
    language = workshop.language
    parts = [f"{message('timing', language)}: {scheduled.timing} · {scheduled.item.title}"]
    if cue:
        parts.append(cue)
    if own:
        parts.append(own)
    if with_steps:
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
