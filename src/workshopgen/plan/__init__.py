"""What every output shares, computed once: clock times, materials totals, QR payloads, slides.

Renderers read the plan and derive nothing of their own, so the guide's slide numbers, the
deck's timing cues and the handout's agenda cannot disagree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field

from ..deck_template import DeckGeometry
from ..errors import ProblemLog
from ..load import Document
from ..messages import message
from ..model import AgendaItem, MethodCard, Resource, Workshop


class PlanModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QrCode(PlanModel):
    payload: str = Field(description="Exactly what the code encodes.")
    display: str = Field(description="The address printed beside the code.")
    alt: str = Field(description="Alt text for the code's image.")


class PlannedResource(PlanModel):
    resource: Resource
    display_url: str
    qr: QrCode | None = Field(description="None for unverified links, which get no code.")


class ScheduledItem(PlanModel):
    item: AgendaItem
    start: str = Field(description="Clock time it starts, HH:MM.")
    end: str = Field(description="Clock time it ends, HH:MM.")
    locked: bool = Field(description="True when the item has a fixed clock time.")
    timing: str = Field(description="The cue for notes and run sheet, such as 10:15–10:35 (20 min).")
    material_names: list[str]
    slide_numbers: list[int] = Field(description="Deck slides shown during the item.")
    method_card: MethodCard | None = Field(None, description="The method card the item follows, if any.")


class MaterialLine(PlanModel):
    id: str
    name: str
    per: str
    quantity: int
    total: int = Field(description="Quantity for the whole room at the expected size.")
    note: str | None
    used_in: list[str] = Field(description="Titles of the agenda items that use it.")


class PlannedSlide(PlanModel):
    number: int
    kind: str = Field(description="title, agenda, outcomes, section, bullets, two-column, quote, image, "
                                  "resource, video, activity, discussion, break, resources or closing.")
    title: str
    item_id: str | None = None
    subtitle: str | None = None
    bullets: list[str] = Field(default_factory=list)
    columns: list[tuple[str, list[str]]] = Field(default_factory=list)
    quote: str | None = None
    attribution: str | None = None
    image: str | None = None
    alt: str | None = None
    caption: str | None = None
    resource_ids: list[str] = Field(default_factory=list)
    qr_codes: list[QrCode] = Field(default_factory=list)
    minutes: int | None = None
    group: str | None = None
    rows: list[tuple[str, str]] = Field(default_factory=list, description="Agenda rows: clock time, title.")
    notes: str = Field("", description="Speaker notes as the deck shows them: timing cue, own notes, DO/SAY.")
    own_notes: str | None = Field(None, description="The notes the YAML gives this slide; only on the first "
                                                     "of the slides one YAML slide continues over.")
    source: str | None = Field(None, description="file:line of the YAML the slide comes from.")
    text_sizes: dict[str, int] = Field(default_factory=dict, description="Point size of each text block the deck "
                                       "writes (title, body, panel, cell), measured when the plan was made.")
    list_start: int = Field(1, description="Number of the first list item, for a list continued from the slide before.")


class PackEntry(PlanModel):
    """What the pack index shows of one workshop; kept in the build manifest between builds."""

    output_id: str
    title: str
    subtitle: str | None
    kind: str
    minutes: int
    language: str
    organisation: str
    event_date: str | None
    venue: str | None
    overlay: bool = Field(description="True for a team's own version of a library workshop.")


class Plan(PlanModel):
    output_id: str
    source: str = Field(description="The workshop's file (or the overlay's), for messages.")
    workshop: Workshop
    schedule: list[ScheduledItem]
    start: str
    end: str
    total_minutes: int
    buffer_minutes: int
    expected_groups: int
    materials: list[MaterialLine]
    resources: list[PlannedResource]
    feedback: QrCode
    slides: list[PlannedSlide]

    def pack_entry(self, *, overlay: bool) -> PackEntry:
        workshop = self.workshop
        return PackEntry(
            output_id=self.output_id, title=workshop.title, subtitle=workshop.subtitle, kind=workshop.kind,
            minutes=workshop.duration, language=workshop.language, organisation=workshop.branding.organisation,
            event_date=workshop.event.date.isoformat() if workshop.event.date else None,
            venue=workshop.event.venue, overlay=overlay,
        )

    def item_slides(self, item_id: str) -> list[PlannedSlide]:
        return [s for s in self.slides if s.item_id == item_id]


def clock(minute_of_day: int) -> str:
    return f"{minute_of_day // 60:02d}:{minute_of_day % 60:02d}"


def display_url(url: str) -> str:
    """The address as printed: without the scheme, which phones and browsers add themselves."""
    return url.split("://", 1)[-1]


def schedule(workshop: Workshop, document: Document, log: ProblemLog) -> list[tuple[AgendaItem, int, int]]:
    """Each agenda item with its start and end minute of the day, honouring fixed times."""
    cursor = workshop.start.hour * 60 + workshop.start.minute
    timed: list[tuple[AgendaItem, int, int]] = []
    for n, item in enumerate(workshop.agenda):
        if item.at is not None:
            fixed = item.at.hour * 60 + item.at.minute
            if fixed < cursor:
                since = max((k for k, (earlier, _, _) in enumerate(timed) if earlier.at is not None), default=-1)
                names = ", ".join(f"`{i.id}`" for i, _, _ in timed[since + 1:]) or "the start time"
                log.error(document.locate(("agenda", n, "at")),
                          f"`{item.id}` is fixed at {clock(fixed)}, but the items before it ({names}) "
                          f"run until {clock(cursor)}",
                          f"shorten them by {cursor - fixed} minutes, start earlier, or move `{item.id}` later")
            elif fixed > cursor:
                log.warn(document.locate(("agenda", n, "at")),
                         f"{fixed - cursor} minutes are free before `{item.id}` at {clock(fixed)}",
                         "lengthen the items before it, or start later, if the gap is not wanted")
            cursor = max(cursor, fixed)
        end = cursor + item.minutes
        if end > 24 * 60:
            log.error(document.locate(("agenda", n, "minutes")), f"`{item.id}` runs past midnight",
                      "start earlier or shorten the agenda")
            end = 24 * 60 - 1
        timed.append((item, cursor, end))
        cursor = end
    first = workshop.start.hour * 60 + workshop.start.minute
    total = sum(item.minutes for item, _, _ in timed)
    if timed and cursor - first > workshop.duration and cursor - first > total:
        log.error(document.locate(("duration",)),
                  f"with its fixed times the session runs {clock(first)}–{clock(cursor)}, {cursor - first} minutes, "
                  f"longer than `duration: {workshop.duration}`",
                  "raise the duration, or move the fixed times earlier")
    return timed


def feedback_code(workshop: Workshop) -> QrCode:
    evaluation = workshop.evaluation
    if evaluation.feedback_url:
        payload = evaluation.feedback_url
        shown = display_url(payload)
    else:
        assert evaluation.feedback_email
        payload = f"mailto:{evaluation.feedback_email}?subject={quote('Feedback: ' + workshop.title)}"
        shown = evaluation.feedback_email
    return QrCode(payload=payload, display=shown, alt=message("qr_alt", workshop.language, url=shown))


def planned_resources(workshop: Workshop) -> list[PlannedResource]:
    planned = []
    for resource in workshop.resources:
        shown = display_url(resource.url)
        code = QrCode(payload=resource.url, display=shown,
                      alt=message("qr_alt", workshop.language, url=shown)) if resource.verified else None
        planned.append(PlannedResource(resource=resource, display_url=shown, qr=code))
    return planned


def material_lines(workshop: Workshop, groups: int) -> list[MaterialLine]:
    people = workshop.group_size.max
    lines = []
    for material in workshop.materials:
        factor = {"room": 1, "group": groups, "person": people}[material.per]
        used = [item.title for item in workshop.agenda if material.id in item.materials]
        lines.append(MaterialLine(
            id=material.id, name=material.name, per=material.per, quantity=material.quantity,
            total=material.quantity * factor, note=material.note, used_in=used,
        ))
    return lines


def make_plan(workshop: Workshop, document: Document, output_id: str, log: ProblemLog,
              geometry: DeckGeometry | None = None, methods: Mapping[str, MethodCard] | None = None) -> Plan:
    """`geometry` is the deck template's, which slides are fitted to; the built-in template's by default."""
    from ..layout.slides import plan_slides

    timed = schedule(workshop, document, log)
    language = workshop.language
    groups = math.ceil(workshop.group_size.max / workshop.group_size.small_groups_of)
    materials = {m.id: m.name for m in workshop.materials}
    items = [
        ScheduledItem(
            item=item, start=clock(start), end=clock(end), locked=item.at is not None,
            timing=f"{clock(start)}–{clock(end)} ({message('minutes_short', language, minutes=item.minutes)})",
            material_names=[materials[m] for m in item.materials if m in materials], slide_numbers=[],
            method_card=(methods or {}).get(item.method or ""),
        )
        for item, start, end in timed
    ]
    resources = planned_resources(workshop)
    feedback = feedback_code(workshop)
    slides = plan_slides(workshop, document, items, resources, feedback, log, geometry)
    items = [
        s.model_copy(update={"slide_numbers": [p.number for p in slides if p.item_id == s.item.id]})
        for s in items
    ]
    first = timed[0][1]
    last = timed[-1][2]
    total = sum(item.minutes for item in workshop.agenda)
    return Plan(
        output_id=output_id, source=str(document.locate(())), workshop=workshop, schedule=items,
        start=clock(first), end=clock(last), total_minutes=total,
        buffer_minutes=max(workshop.duration - total, 0), expected_groups=groups,
        materials=material_lines(workshop, groups), resources=resources, feedback=feedback, slides=slides,
    )
