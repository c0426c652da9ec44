"""What every output shares, computed once: clock times, materials totals, QR payloads, the
document date, and the slides (drafted here, fitted by the layout).

Renderers read the plan and derive nothing of their own, so the guide's slide numbers, the
deck's timing cues and the handout's agenda cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import quote

from pydantic import Field

from ..errors import ProblemLog
from ..load import Document
from ..messages import message
from ..model import AgendaItem, MethodCard, Resource, Workshop
from .fields import fill_fields
from .session import Session
from .slides import PlanModel, PlannedSlide, QrCode


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
    lead: str | None = Field(None, description="Who leads it: names when the event has them, else the role.")


class MaterialLine(PlanModel):
    id: str
    name: str
    per: str
    quantity: int
    total: int = Field(description="Quantity for the whole room at the expected size.")
    note: str | None
    used_in: list[str] = Field(description="Titles of the agenda items that use it.")


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
    learning_minutes: int = Field(description="The agenda's minutes less its breaks: participatory learning.")
    buffer_minutes: int
    expected_people: int = Field(description="Whom the totals are for: those coming, else the most it takes.")
    expected_groups: int
    materials: list[MaterialLine]
    resources: list[PlannedResource]
    feedback: QrCode | None = Field(description="The feedback form or email; None when the workshop names "
                                                "neither, and the handout carries a paper form instead.")
    moment: dt.datetime = Field(description="The date every output of the pack carries: SOURCE_DATE_EPOCH "
                                            "when the build sets it, else midnight on the workshop's date.")
    slides: list[PlannedSlide] = Field(default_factory=list, description="Empty until the layout fits them.")

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

    def with_slides(self, slides: list[PlannedSlide]) -> Plan:
        """The plan with its fitted, numbered slides, and each agenda item told which it shows."""
        schedule = [s.model_copy(update={"slide_numbers": [p.number for p in slides if p.item_id == s.item.id]})
                    for s in self.schedule]
        return self.model_copy(update={"slides": slides, "schedule": schedule})


# The earliest date a zip entry can carry; every output uses the same date, the deck's zip included.
EARLIEST_MOMENT = dt.datetime(1980, 1, 1)


def document_moment(day: dt.date, source_date_epoch: str | None) -> dt.datetime:
    """The pack's date: `SOURCE_DATE_EPOCH` when a build sets one, else midnight on `day`; never the clock."""
    epoch = (source_date_epoch or "").strip()
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    else:
        moment = dt.datetime.combine(day, dt.time())
    return max(moment, EARLIEST_MOMENT)


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


def feedback_code(workshop: Workshop) -> QrCode | None:
    evaluation = workshop.evaluation
    if evaluation.feedback_url:
        payload = evaluation.feedback_url
        shown = display_url(payload)
    elif not evaluation.feedback_email:
        return None
    else:
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


def material_lines(workshop: Workshop, people: int, groups: int) -> list[MaterialLine]:
    lines = []
    for material in workshop.materials:
        factor = {"room": 1, "group": groups, "person": people}[material.per]
        used = [item.title for item in workshop.agenda if material.id in item.materials]
        lines.append(MaterialLine(
            id=material.id, name=material.name, per=material.per, quantity=material.quantity,
            total=material.quantity * factor, note=material.note, used_in=used,
        ))
    return lines


def make_plan(workshop: Workshop, document: Document, output_id: str, log: ProblemLog, *,
              methods: Mapping[str, MethodCard] | None = None, source_date_epoch: str | None = None) -> Plan:
    """Everything but the slides, which `layout.lay_out` adds once it has fitted them to the deck."""
    timed = schedule(workshop, document, log)
    session = Session(workshop, start=clock(timed[0][1]), end=clock(timed[-1][2]))
    workshop = fill_fields(workshop, document, session, log)
    session = Session(workshop, start=session.start, end=session.end)
    language = workshop.language
    groups = session.tables
    materials = {m.id: m.name for m in workshop.materials}
    items = [
        ScheduledItem(
            item=item, start=clock(start), end=clock(end), locked=item.at is not None,
            timing=f"{clock(start)}–{clock(end)} ({message('minutes_short', language, minutes=item.minutes)})",
            material_names=[materials[m] for m in item.materials if m in materials], slide_numbers=[],
            method_card=(methods or {}).get(item.method or ""), lead=session.who(item.lead, language),
        )
        for item, (_, start, end) in zip(workshop.agenda, timed, strict=True)
    ]
    total = sum(item.minutes for item in workshop.agenda)
    return Plan(
        output_id=output_id, source=str(document.locate(())), workshop=workshop, schedule=items,
        start=clock(timed[0][1]), end=clock(timed[-1][2]), total_minutes=total,
        learning_minutes=sum(item.minutes for item in workshop.agenda if item.kind != "break"),
        buffer_minutes=max(workshop.duration - total, 0), expected_people=session.people, expected_groups=groups,
        materials=material_lines(workshop, session.people, groups), resources=planned_resources(workshop),
        feedback=feedback_code(workshop), moment=document_moment(workshop.date, source_date_epoch),
    )


__all__ = ["MaterialLine", "PackEntry", "Plan", "PlannedResource", "PlannedSlide", "QrCode", "ScheduledItem",
           "make_plan"]
