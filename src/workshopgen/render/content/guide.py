"""What the facilitator guide says, in print and on the web: at a glance, preparation by when,
materials totalled for the expected groups, room setup, the run sheet, one section per agenda
item, resources with QR codes, evaluation and a notes page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...messages import Language, long_date, message
from ...model import PREPARATION_WHEN, Workshop
from ...plan import Plan, ScheduledItem, display_url
from ...plan.figures import planned_figures
from ..caches import Caches
from .common import document_basics, qr_column, qr_entry, resource_entry, slide_ranges
from .materials import print_pack_places


def guide_content(plan: Plan, assets: Mapping[str, bytes], caches: Caches) -> dict[str, Any]:
    workshop = plan.workshop
    language = workshop.language
    titles = {r.resource.id: r.resource.title for r in plan.resources}
    resources = [resource_entry(r, language, caches.qr_codes) for r in plan.resources if r.resource.verified]
    feedback = qr_entry(plan.feedback, caches.qr_codes) if plan.feedback else None
    short = short_names(plan)
    in_pack = print_pack_places(workshop)
    return {
        **document_basics(plan, assets, "guide", "guide_title"),
        "footer": f"{workshop.title} · {message('version', language)} {workshop.version}",
        "glance": _at_a_glance(plan),
        "preparation": _preparation(workshop),
        "materials": {
            "basis": message("materials_basis", language, people=plan.expected_people,
                             groups=plan.expected_groups, size=workshop.group_size.small_groups_of),
            "rows": [{"name": m.name, "quantity": message(f"per_{m.per}", language, quantity=m.quantity),
                      "total": m.total, "used_in": ", ".join(m.used_in), "note": m.note,
                      "pack": in_pack.get(m.id)} for m in plan.materials],
        },
        "room_setup": [line.text for line in workshop.room_setup],
        "run_sheet": [_run_row(s, short, language) for s in plan.schedule],
        "end": plan.end,
        "spare": message("spare_value", language, minutes=plan.buffer_minutes) if plan.buffer_minutes else None,
        "item_sections": [_item(plan, s, titles, language) for s in plan.schedule],
        "resources": resources,
        "unchecked": [resource_entry(r, language, caches.qr_codes) for r in plan.resources
                      if not r.resource.verified],
        "figures": _figures(plan),
        "evaluation": {
            "questions": list(workshop.evaluation.questions),
            "feedback": feedback,
            "email": workshop.evaluation.feedback_email,
        },
        **qr_column([feedback, *(r["qr"] for r in resources)]),
    }


def _figures(plan: Plan) -> list[dict[str, str]]:
    """Where each figure comes from: what it counts, its value, and its source's publisher, title,
    period and address, in the order the workshop declares them."""
    return [{"label": f.figure.label, "value": f.text, "citation": f.citation, "url": f.url,
             "display": display_url(f.url)} for f in planned_figures(plan.workshop).values()]


def _at_a_glance(plan: Plan) -> list[dict[str, Any]]:
    workshop, language = plan.workshop, plan.workshop.language
    event, size = workshop.event, workshop.group_size
    duration = message("duration_value", language, minutes=workshop.duration, start=plan.start, end=plan.end)
    if plan.buffer_minutes:
        duration += f" ({message('spare_value', language, minutes=plan.buffer_minutes)})"
    rows: list[dict[str, Any]] = [
        {"label": message("purpose", language), "text": workshop.summary},
        {"label": message("outcomes_heading", language), "list": [o.text for o in workshop.outcomes]},
        {"label": message("audience", language), "text": workshop.audience},
        {"label": message("group_size", language),
         "text": message("group_size_expected", language, people=event.participants, tables=plan.expected_groups,
                         size=size.small_groups_of, min=size.min, max=size.max) if event.participants
         else message("group_size_value", language, min=size.min, max=size.max, size=size.small_groups_of)},
        {"label": message("duration", language), "text": duration},
    ]
    if event.facilitators:
        rows.append({"label": message("facilitators", language),
                     "list": [", ".join(p for p in (f.name, f.role, f.email) if p) for f in event.facilitators]})
    if event.date:
        rows.append({"label": message("date", language), "text": long_date(event.date, language)})
    if event.venue:
        rows.append({"label": message("venue", language), "text": event.venue})
    if event.contact:
        rows.append({"label": message("contact", language), "address": event.contact})
    rows.append({"label": message("version", language),
                 "text": message("version_value", language, version=workshop.version,
                                 date=long_date(workshop.date, language))})
    return rows


def _preparation(workshop: Workshop) -> list[dict[str, Any]]:
    groups = []
    for when in PREPARATION_WHEN:
        tasks = [p.task for p in workshop.preparation if p.when == when]
        if tasks:
            groups.append({"when": message(f"when_{when}", workshop.language), "tasks": tasks})
    return groups


# Where a material's name goes on from what the thing is to what is on it or how it is used. The
# run sheet shows the part before, so it fits one page; the Materials section has the whole name.
_DETAIL = re.compile(r" \(|: |, | (?:with|showing|headed|from) ")


def short_name(name: str) -> str:
    """"Principle cards" for "Principle cards, one for each of the seven principles"."""
    for found in _DETAIL.finditer(name):
        head = name[:found.start()]
        if found.group() == ", " and " " not in head.strip():
            continue  # "Bell, chime or timer": the comma is in a list of things, not before a detail
        if found.group() == " (" and " " not in name[found.end():].partition(")")[0]:
            continue  # "(A3)" says what to print, in a word
        if head.strip():
            return head.strip()
    return name


def short_names(plan: Plan) -> dict[str, str]:
    """Each material's short name, or its whole name where two would shorten to the same words."""
    short = {m.name: short_name(m.name) for m in plan.workshop.materials}
    taken = [s.casefold() for s in short.values()]
    return {name: s if taken.count(s.casefold()) == 1 else name for name, s in short.items()}


def _run_row(scheduled: ScheduledItem, short: dict[str, str], language: Language) -> dict[str, Any]:
    return {"start": scheduled.start, "end": scheduled.end, "minutes": scheduled.item.minutes,
            "duration": message("minutes_short", language, minutes=scheduled.item.minutes),
            "title": scheduled.item.title, "materials": [short.get(m, m) for m in scheduled.material_names],
            "lead": scheduled.lead or "", "slides": slide_ranges(scheduled.slide_numbers)}


def _item(plan: Plan, scheduled: ScheduledItem, titles: dict[str, str], language: Language) -> dict[str, Any]:
    item = scheduled.item
    shown = plan.item_slides(item.id)
    return {
        "id": item.id,
        "title": item.title,
        "timing": scheduled.timing,
        "lead": scheduled.lead,
        "slides": slide_ranges(scheduled.slide_numbers),
        "when": "  ·  ".join(part for part in (
            scheduled.timing,
            f"{message('lead', language)}: {scheduled.lead}" if scheduled.lead else None,
            _slides_label(scheduled.slide_numbers, language),
        ) if part),
        "purpose": item.purpose,
        "materials": list(scheduled.material_names),
        "resources": [titles[r] for r in item.resources if r in titles],
        "steps": [{"do": s.do, "say": s.say, "minutes": _minutes(s.minutes, language)} for s in item.steps],
        "debrief_minutes": _minutes(item.debrief_minutes, language),
        "prompts": [p.text for p in item.prompts],
        "debrief": [q.text for q in item.debrief],
        "tips": [t.text for t in item.tips],
        "if_late": item.if_late,
        "transition": item.transition,
        "on_screen": [{"number": s.number, "label": message("slide_number", language, number=s.number),
                       "title": s.title, "note": s.own_notes} for s in shown],
    }


def _slides_label(numbers: list[int], language: Language) -> str | None:
    if not numbers:
        return None
    if len(numbers) == 1:
        return message("slide_number", language, number=numbers[0])
    return f"{message('slides', language)} {slide_ranges(numbers)}"


def _minutes(minutes: int | None, language: Language) -> str | None:
    return message("minutes_short", language, minutes=minutes) if minutes else None
