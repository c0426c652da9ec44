"""The facts of one session that text and totals depend on: how many are coming, at how many
tables, when it runs, and who leads what. Worked out once here, so the run sheet, the material
totals and every `{field}` in the text agree."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..messages import Language, long_date, message
from ..model import Facilitator, Workshop


@dataclass(frozen=True)
class Session:
    workshop: Workshop
    start: str
    end: str

    @property
    def language(self) -> Language:
        """The language of the words fields put into the text: the content's, which `language: cy`
        leaves as written (it switches the fixed headings and labels only), so English."""
        return "en"

    @property
    def people(self) -> int:
        """Whom to plan for: those coming when the event says, else the most the workshop takes."""
        return self.workshop.event.participants or self.workshop.group_size.max

    @property
    def table_size(self) -> int:
        return self.workshop.group_size.small_groups_of

    @property
    def tables(self) -> int:
        return math.ceil(self.people / self.table_size)

    @property
    def participants_text(self) -> str:
        if self.workshop.event.participants:
            return str(self.workshop.event.participants)
        size = self.workshop.group_size
        return message("people_range", self.language, min=size.min, max=size.max)

    @property
    def time_of_day(self) -> str:
        hour = int(self.start[:2])
        part = "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"
        return message(f"time_of_day_{part}", self.language)

    def facilitators_in(self, position: str) -> list[Facilitator]:
        """The event's facilitators holding `position`; the first listed leads unless one is named."""
        people = self.workshop.event.facilitators
        named = any(f.position == "lead" for f in people)
        return [f for n, f in enumerate(people)
                if (f.position or ("lead" if n == 0 and not named else "co-facilitator")) == position]

    def who(self, lead: str | None, language: Language | None = None) -> str | None:
        """Who leads an item: the names of those in that position when the event has them, else the
        role, in `language` (the run sheet's labels) or the content's."""
        if lead is None:
            return None
        language = language or self.language
        role = message(f"lead_{lead.replace('-', '_')}", language)
        positions = ("lead", "co-facilitator") if lead == "both" else (lead,)
        names = [f.name for p in positions for f in self.facilitators_in(p)]
        return and_list(names, language) if names else role

    def fields(self) -> dict[str, str]:
        """The session-wide fields text may use, by name."""
        workshop, language = self.workshop, self.language
        event = workshop.event
        return {
            "participants": self.participants_text,
            "table_size": str(self.table_size),
            "tables": str(self.tables),
            "time_of_day": self.time_of_day,
            "start": self.start,
            "end": self.end,
            "duration": str(workshop.duration),
            "facilitators": (and_list([f.name for f in event.facilitators], language) if event.facilitators
                             else message("the_facilitators", language)),
            "lead_facilitator": self.who("lead") or "",
            "co_facilitator": self.who("co-facilitator") or "",
            "venue": event.venue or message("the_venue", language),
            "date": long_date(event.date, language) if event.date else message("the_day", language),
            "title": workshop.title,
            "organisation": workshop.branding.organisation,
        }


def and_list(names: list[str], language: Language) -> str:
    """"A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {message('and', language)} {names[-1]}"
