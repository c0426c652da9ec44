"""output/index.html: every workshop in the pack, with links to its deck, guide, handout and print pack.

Links are relative, so the output folder can be copied, zipped or published as it is. Only the
outputs built in this run are linked, so every link leads to a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ...messages import Language, long_date, message
from ...model import Resource
from ...plan import PackEntry, display_url
from ..caches import IN_MEMORY, Caches
from .html import environment

# The index is one page for a mixed library, so its own words are in English.
LANGUAGE: Language = "en"
DOCUMENTS = ("guide", "handout")


def index_columns(outputs: tuple[str, ...]) -> list[dict[str, str]]:
    columns = []
    if "deck" in outputs:
        columns.append({"key": "deck", "heading": message("deck", LANGUAGE)})
    for document in DOCUMENTS:
        if document in outputs or "html" in outputs:
            columns.append({"key": document, "heading": message(f"{document}_title", LANGUAGE)})
    if "materials" in outputs:  # a PDF only: it is made to be printed
        columns.append({"key": "materials", "heading": message("materials_title", LANGUAGE)})
    return columns


def _links(entry: PackEntry, column: dict[str, str], outputs: tuple[str, ...]) -> list[dict[str, str]]:
    """The files of one column for one workshop: the deck, or a document's PDF and web page."""
    base = f"{entry.output_id}/{entry.output_id}"
    context = f"{column['heading']}, {entry.title}"
    if column["key"] == "deck":
        return [{"href": f"{base}-deck.pptx", "text": message("powerpoint", LANGUAGE), "context": context}]
    if column["key"] == "materials":
        return [{"href": f"{base}-materials.pdf", "text": message("pdf", LANGUAGE), "context": context}]
    links = []
    if column["key"] in outputs:
        links.append({"href": f"{base}-{column['key']}.pdf", "text": message("pdf", LANGUAGE), "context": context})
    if "html" in outputs:
        links.append({"href": f"{base}-{column['key']}.html", "text": message("web_page", LANGUAGE),
                      "context": context})
    return links


def _details(entry: PackEntry) -> list[str]:
    """What tells one version of a workshop from another: its id, team, language, date and venue."""
    details = [entry.output_id]
    if entry.overlay:
        details.append(message("team_version", LANGUAGE, organisation=entry.organisation))
    if entry.language != LANGUAGE:
        details.append(message("language_name", entry.language))  # type: ignore[arg-type]
    if entry.event_date:
        details.append(long_date(dt.date.fromisoformat(entry.event_date), LANGUAGE))
    if entry.venue:
        details.append(entry.venue)
    return details


def index_rows(entries: list[PackEntry], outputs: tuple[str, ...]) -> list[dict[str, Any]]:
    columns = index_columns(outputs)
    return [{
        "title": entry.title,
        "meta": _details(entry),
        "kind": message(f"workshop_{entry.kind}", LANGUAGE),
        "duration": message("timer", LANGUAGE, minutes=entry.minutes),
        "cells": [_links(entry, column, outputs) for column in columns],
    } for entry in entries]


def reading_rows(further_reading: Sequence[Resource]) -> list[dict[str, Any]]:
    """The catalogue's further reading, newest first, each with who published it and when, and its address."""
    return [{
        "title": r.title,
        "source": ", ".join(part for part in (message(f"kind_{r.kind}", LANGUAGE), r.publisher,
                                              str(r.year) if r.year else None) if part),
        "description": r.description, "url": r.url, "display": display_url(r.url),
        "unverified": None if r.verified else message("unverified", LANGUAGE),
    } for r in sorted(further_reading, key=lambda r: -(r.year or 0))]  # newest first, as the source page lists them


def render_index(entries: list[PackEntry], outputs: tuple[str, ...], caches: Caches = IN_MEMORY, *,
                 further_reading: Sequence[Resource] = ()) -> bytes:
    labels = {key: message(key, LANGUAGE) for key in ("pack_title", "pack_intro", "workshop", "kind", "duration",
                                                      "further_reading", "further_reading_intro")}
    html = environment(caches.web_templates).get_template("index.html.j2").render(
        L=labels, columns=index_columns(outputs), rows=index_rows(entries, outputs),
        reading=reading_rows(further_reading))
    return html.encode()
