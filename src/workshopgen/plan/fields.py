"""Fields in a workshop's text: `{table_size}`, `{time_of_day}`, `{minutes}`, a figure's `{id}`.

Words that depend on the session are written once as fields and filled in here, before anything
is drafted, so slides, notes, guide, handout and web pages all say the same: a team that changes
its table size or start time changes every sentence that names them.
"""

from __future__ import annotations

import re

from ..errors import ProblemLog, did_you_mean
from ..load import DataPath, Document, locate_text, prose
from ..model import ITEM_FIELDS, SESSION_FIELDS, AgendaItem, Workshop
from ..validate import validate_document
from .figures import cited_figures
from .session import Session

FIELD = re.compile(r"\{([A-Za-z0-9_-]+)\}")

def fill_fields(workshop: Workshop, document: Document, session: Session, log: ProblemLog) -> Workshop:
    """The workshop with every field in its text filled in; an unknown field is an error at its line."""
    figures = cited_figures(workshop)
    shared = {**session.fields(), **figures}
    items = {n: item_fields(session, item) for n, item in enumerate(workshop.agenda)}
    data = workshop.model_dump(by_alias=True)
    errors_before = len(log.errors)

    def fill(text: str, path: DataPath) -> str:
        own = items[path[1]] if len(path) > 1 and path[0] == "agenda" and isinstance(path[1], int) else {}

        def value(found: re.Match[str]) -> str:
            name = found.group(1)
            if name in own:
                return own[name]
            if name in shared:
                return shared[name]
            _unknown(name, path, document, shared, log)
            return found.group(0)

        return FIELD.sub(value, text)

    changed = False
    for path, text, holder, key in prose(data):
        if "{" in text and FIELD.search(text):
            holder[key] = fill(text, path)
            changed = True
    if not changed or len(log.errors) > errors_before:
        return workshop
    # A filled text can outgrow its limit; that is reported at the text's line like any other.
    filled = validate_document(Document(document.path, data, document.source), Workshop, log)
    return filled or workshop


def item_fields(session: Session, item: AgendaItem) -> dict[str, str]:
    debrief = item.debrief_minutes or 0
    return {"minutes": str(item.minutes), "working_minutes": str(max(item.minutes - debrief, 0)),
            "lead": session.who(item.lead or "both") or ""}


def _unknown(name: str, path: DataPath, document: Document, shared: dict[str, str], log: ProblemLog) -> None:
    where = locate_text(document.locate(path), f"{{{name}}}")
    if name in ITEM_FIELDS:
        log.error(where, f"`{{{name}}}` is an agenda item's own field, and this text is not in an agenda item",
                  "write the number or name itself here, or move the text into the agenda item")
        return
    known = [*shared, *ITEM_FIELDS]
    hint = did_you_mean(name, known) or ("fields are " + ", ".join(f"{{{n}}}" for n in [*SESSION_FIELDS, *ITEM_FIELDS])
                                        + ", and the `id` of a figure under `figures:`")
    log.error(where, f"`{{{name}}}` is not a field this workshop knows", hint)
