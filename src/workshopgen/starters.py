"""Starter files: a new workshop that validates as it stands, and a commented team overlay."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .errors import Location, Problem, WorkshopgenError, writing
from .load import load
from .model import MAX_SLUG_LENGTH, is_slug
from .project import Project
from .write import write_atomic

WORKSHOP_STARTER = """\
# yaml-language-server: $schema=../schema/workshop.schema.json
id: {id}
kind: {kind}
title: {title}
summary: >-
  Say in two or three sentences what the session is for and who gains from it.
principles: [complexity]
version: "0.1"
date: {today}
audience: Teams planning to spread an improvement beyond where it started.
group_size: {{min: 6, max: 30, small_groups_of: 5}}
duration: 60
start: "10:00"
outcomes:
  - Describe what the idea means for your own work.
key_ideas:
  - One idea participants should take away.
preparation:
  - {{when: one-week-before, task: Send the joining details and any pre-reading.}}
  - {{when: on-the-day, task: Set out tables for groups of five.}}
materials:
  - {{id: flipchart, name: Flipchart and pens, quantity: 1, per: group}}
room_setup: Tables for groups of five, all with a view of the screen.
agenda:
  - id: welcome
    kind: welcome
    title: Welcome and purpose
    minutes: 10
    purpose: Set out why we are here and what we will leave with.
    steps:
      - do: Show the title slide as people arrive.
        say: Welcome everyone and explain the purpose of the session.
    slides:
      - type: bullets
        title: Why we are here
        bullets: [Share what works, Plan the next step]
        notes: Keep this short; the group's own examples matter more.
  - id: group-work
    kind: exercise
    title: Group work
    minutes: 40
    method: one-two-four-all
    materials: [flipchart]
  - id: close
    kind: close
    title: Actions and feedback
    minutes: 10
    steps:
      - say: Ask each person to name one thing they will do next week.
resources: []
reflection_questions:
  - What will you do differently next week?
evaluation:
  questions:
    - Overall, how useful was this session?
  # Where feedback goes: a form (feedback_url) or an email; without one the handout carries
  # these questions as a paper form to hand in.
  # feedback_url: https://forms.office.com/your-form
"""

OVERLAY_STARTER = """\
# How {team} runs `{workshop}`. Only what you write here changes; everything else comes
# from workshops/{workshop}.yaml, so updates to the library still reach you. Change the
# values below to your own; delete a line to keep the library's value.
extends: {workshop}

# When and for how long. Clock times on the run sheet and slides follow the start, and text
# that says "this morning" says "this afternoon" for an afternoon start.
start: "{start}"
duration: {duration}                # minutes; the agenda below must fit in it

# How many people sit at a table. Instructions ("work in tables of ...") and the number of
# tables follow it.
group_size:
  small_groups_of: {table_size}

# Your session's details: on the title slide, the guide, the handout and the run sheet.
event:
  date: {today}
  venue: Your venue
  participants: {participants}               # how many are coming: material totals and tables follow it
  facilitators:
    - name: Your name
      role: Your job title
      position: lead              # leads the items marked `lead: lead`
    - name: Your co-facilitator's name
      role: Their job title
      position: co-facilitator    # leads the items marked `lead: co-facilitator`

# Where participants send feedback: your own form (or `feedback_email: you@nhs.net`).
# Without one, the handout carries the questions as a paper form to hand in.
{feedback}

# Your organisation and logo. Put the logo file in the assets/ folder first.
# branding:
#   organisation: Your organisation
#   logo: {{path: assets/your-logo.png, alt: Your organisation's logo}}

# A local link for the handout, with a QR code. Use the address as you see it in your browser.
# resources:
#   - id: local-guidance
#     kind: website
#     title: Our local guidance
#     publisher: Your organisation
#     url: https://www.example.nhs.uk/your-page

# Change an agenda item by its id, or add your own after one. The agenda's minutes must add up
# to no more than the duration above.
# agenda:
#   - id: {first_item}
#     minutes: {first_minutes}
#   - id: local-example
#     insert_after: {middle_item}
#     kind: discussion
#     title: Our local example
#     minutes: 10
#     lead: co-facilitator
#     steps:
#       - do: Ask each table for one example from their own service.

# Leave out agenda items by id (for a shorter session). What only they used goes with them:
# their slides, materials, preparation and room set-up, and the transition that led into them.
# remove: [{removable_item}]
"""


def _check_slug(value: str, what: str, folder: Path) -> None:
    if not is_slug(value):
        shown = value if len(value) <= 80 else value[:77] + "..."
        raise WorkshopgenError([Problem(
            Location(folder), f"{what} `{shown}` cannot be used",
            f"use lower-case letters, digits and single hyphens, at most {MAX_SLUG_LENGTH} characters, "
            "such as `pcn-north`",
        )])


def _refuse_existing(path: Path) -> None:
    if path.exists():
        raise WorkshopgenError([Problem(Location(path), "the file already exists",
                                        "edit it, or delete it first if you want to start again")])


def new_workshop(project: Project, workshop_id: str, kind: str, title: str | None) -> Path:
    _check_slug(workshop_id, "the id", project.workshops_dir)
    path = project.workshop_path(workshop_id)
    _refuse_existing(path)
    text = WORKSHOP_STARTER.format(
        id=workshop_id, kind=kind, title=title or workshop_id.replace("-", " ").capitalize(),
        today=date.today().isoformat(),
    )
    with writing(path):
        write_atomic(path, text.encode())
    return path


def _starter_values(data: dict[str, Any], participants: int | None) -> dict[str, object]:
    """The workshop's own values the starter shows, so it is valid and true as written."""
    agenda = [i for i in data.get("agenda") or [] if isinstance(i, dict) and isinstance(i.get("id"), str)]
    group = data["group_size"] if isinstance(data.get("group_size"), dict) else {}
    middle = agenda[len(agenda) // 2] if agenda else {"id": "welcome"}
    # The item to suggest leaving out: the first activity past the middle that is neither a break nor the close.
    activities = [i for i in agenda[1:-1] if i.get("kind") not in ("break", "welcome", "close")]
    removable = activities[-1]["id"] if activities else middle["id"]
    return {
        "start": data.get("start", "09:30"), "duration": data.get("duration", 60),
        "table_size": group.get("small_groups_of", 5),
        "participants": participants or group.get("max", 20),
        "first_item": agenda[0]["id"] if agenda else "welcome",
        "first_minutes": agenda[0].get("minutes", 10) if agenda else 10,
        "middle_item": middle["id"], "removable_item": removable,
    }


def _feedback_block(feedback: str | None) -> str:
    if not feedback:
        return "# evaluation:\n#   feedback_url: https://forms.office.com/your-form"
    key = "feedback_email" if "@" in feedback and "://" not in feedback else "feedback_url"
    return f"evaluation:\n  {key}: {feedback}"


def new_overlay(project: Project, workshop: str, team: str, participants: int | None = None,
                feedback: str | None = None) -> Path:
    _check_slug(team, "the team name", project.teams_dir)
    base = project.target(workshop)
    document = load(base)
    path = project.teams_dir / team / f"{base.stem}.yaml"
    _refuse_existing(path)
    text = OVERLAY_STARTER.format(team=team, workshop=base.stem, today=date.today().isoformat(),
                                  feedback=_feedback_block(feedback), **_starter_values(document.data, participants))
    with writing(path):
        write_atomic(path, text.encode())
    return path
