"""Checks that a workshop's words agree with its plan: no text still names an activity a team
removed, and no activity asks for more minutes than it has."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .errors import ProblemLog
from .load import DataPath, Document, locate_text, prose
from .model import ActivitySlide, Workshop
from .overlay import ITEM_ENTRY_LISTS

# One-word titles that are everyday words ("Welcome", "Break") say nothing about a removed item.
_MIN_WORDS = 2


def check_coherence(workshop: Workshop, document: Document, method_titles: Mapping[str, str],
                    log: ProblemLog) -> None:
    removed_mentions(document, method_titles, log)
    step_timings(workshop, document, log)


def removed_mentions(document: Document, method_titles: Mapping[str, str], log: ProblemLog) -> None:
    """A warning at each text that still names an agenda item the overlay removed: its title, or
    the name of its method when no remaining item uses that method."""
    if not document.removed:
        return
    methods_left = {item.get("method") for item in document.data.get("agenda", []) if isinstance(item, dict)}
    names: dict[str, str] = {}
    for item in document.removed:
        title = item.get("title")
        if isinstance(title, str) and len(title.split()) >= _MIN_WORDS:
            names[title] = item["id"]
        method = item.get("method")
        if isinstance(method, str) and method not in methods_left and method in method_titles:
            names[method_titles[method]] = item["id"]
    if not names:
        return
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in sorted(names, key=len, reverse=True)),
                         re.IGNORECASE)
    lookup = {name.casefold(): item_id for name, item_id in names.items()}
    for path, text, _, _ in prose(document.data):
        found = pattern.search(text)
        if found:
            item_id = lookup[found.group(0).casefold()]
            entry = _entry_id(document.data, path)
            log.warn(locate_text(document.locate(path), found.group(0)),
                     f"this text still names “{found.group(0)}”, but the team's version removes `{item_id}`",
                     f"add `{entry}` to `remove:` in the overlay, or change its text there" if entry
                     else "change this text in the overlay for the session as it now runs")


def step_timings(workshop: Workshop, document: Document, log: ProblemLog) -> None:
    """A warning for each item whose timed steps and debrief need more than its minutes, and for an
    activity timer longer than the working time."""
    for n, item in enumerate(workshop.agenda):
        needed = sum(step.minutes or 0 for step in item.steps) + (item.debrief_minutes or 0)
        if needed > item.minutes:
            log.warn(document.locate(("agenda", n, "minutes")),
                     f"`{item.id}` has {item.minutes} minutes, but its steps and debrief need {needed}, "
                     f"{needed - item.minutes} more",
                     "shorten the steps' `minutes` or `debrief_minutes`, or give the item more time")
        working = item.minutes - (item.debrief_minutes or 0)
        for k, slide in enumerate(item.slides):
            if isinstance(slide, ActivitySlide) and slide.minutes is not None and slide.minutes > working:
                log.warn(document.locate(("agenda", n, "slides", k, "minutes")),
                         f"the timer runs {slide.minutes} minutes, longer than the {working} minutes `{item.id}` "
                         "leaves for the work",
                         "leave `minutes` out and the timer shows the working time, or lower it")


def _entry_id(data: dict[str, Any], path: DataPath) -> str | None:
    """The id to give `remove:` for the entry holding the text at `path`, if it is one."""
    if len(path) >= 2 and isinstance(path[1], int) and path[0] != "agenda":
        entry = data.get(str(path[0]), [])[path[1]]
        return entry.get("id") if isinstance(entry, dict) else None
    if len(path) >= 4 and path[0] == "agenda" and path[2] in ITEM_ENTRY_LISTS and isinstance(path[3], int):
        item = data["agenda"][path[1]]
        entry = item[path[2]][path[3]]
        return f"{item['id']}/{entry['id']}" if isinstance(entry, dict) and "id" in entry else None
    return None
