"""Starter files: a new workshop that validates as it stands, and a commented team overlay."""

from __future__ import annotations

from datetime import date
from pathlib import Path

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
  feedback_email: someone@nhs.net
"""

OVERLAY_STARTER = """\
# How {team} runs `{workshop}`. Only what you write here changes; everything else comes
# from workshops/{workshop}.yaml, so updates to the library still reach you.
extends: {workshop}

# Your session's details appear on the title slide, the guide and the handout.
event:
  date: {today}
  venue: Your venue
  facilitators:
    - name: Your name
      role: Your role

# start: "13:30"          # a different start time; clock times are worked out again
# language: cy            # Welsh headings and labels
# branding:
#   organisation: Your organisation
#   logo: {{path: assets/your-logo.png, alt: Your organisation's logo}}

# Change one agenda item by its id; add a new one with insert_after; remove by id.
# agenda:
#   - id: {first_item}
#     minutes: 15
#   - id: local-example
#     insert_after: {first_item}
#     kind: discussion
#     title: Our local example
#     minutes: 10
# remove: [an-item-id]
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


def new_overlay(project: Project, workshop: str, team: str) -> Path:
    _check_slug(team, "the team name", project.teams_dir)
    base = project.target(workshop)
    document = load(base)
    agenda = document.data.get("agenda") or [{}]
    first_item = agenda[0].get("id", "welcome") if isinstance(agenda[0], dict) else "welcome"
    path = project.teams_dir / team / f"{base.stem}.yaml"
    _refuse_existing(path)
    text = OVERLAY_STARTER.format(team=team, workshop=base.stem, today=date.today().isoformat(),
                                  first_item=first_item)
    with writing(path):
        write_atomic(path, text.encode())
    return path
