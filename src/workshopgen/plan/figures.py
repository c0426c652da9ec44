"""Figures as every output shows them: each number with its unit, and named with the source and
period it comes from, so that no output shows a figure without them."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from ..messages import Language, message
from ..model import Figure, Workshop

MAX_PLACES = 3
_PREFIXED_UNITS = ("£", "$", "€")  # written before the number: £1.1bn, not 1.1 £


class PlannedFigure(BaseModel):
    """A figure and the resource it comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    figure: Figure
    publisher: str
    source_title: str
    url: str

    @property
    def text(self) -> str:
        """The value as shown, with its unit: `65%`, `1,776 calls`."""
        return value_text(self.figure.value, self.figure.unit, places(self.figure.value))

    @property
    def citation(self) -> str:
        """Who published it, the title, and the period it covers."""
        return f"{self.publisher}, “{self.source_title}”, {self.figure.period}"

    @property
    def short_citation(self) -> str:
        """Who published it (by the figure's `cite` name, if it has one) and the period it covers."""
        return f"{self.figure.cite or self.publisher}, {self.figure.period}"

    @property
    def cited(self) -> str:
        """The figure as text shows it in place of `{id}`: `1,776 calls (Welsh Government, Oct 2018–Mar 2019)`."""
        return f"{self.text} ({self.short_citation})"


def planned_figures(workshop: Workshop) -> dict[str, PlannedFigure]:
    """The workshop's figures by id, each with its source resolved (checks made sure there is one)."""
    resources = {r.id: r for r in workshop.resources}
    return {f.id: PlannedFigure(figure=f, publisher=resources[f.source].publisher,
                                source_title=resources[f.source].title, url=resources[f.source].url)
            for f in workshop.figures if f.source in resources}


def cited_figures(workshop: Workshop) -> dict[str, str]:
    """What each figure's `{id}` becomes in the workshop's text: its value, unit and short citation."""
    return {figure_id: planned.cited for figure_id, planned in planned_figures(workshop).items()}


def places(value: float) -> int:
    """Decimal places the value is written with, up to three: 65 has none, 2.5 one."""
    for n in range(MAX_PLACES):
        if round(value, n) == value:
            return n
    return MAX_PLACES


def shared_places(figures: Sequence[PlannedFigure]) -> int:
    """Decimal places for figures shown side by side, so their values line up."""
    return max((places(f.figure.value) for f in figures), default=0)


def unit_parts(unit: str | None) -> tuple[str, str]:
    """What goes before the number and what after: `£bn` gives ("£", "bn"), `calls` ("", " calls")."""
    if not unit:
        return "", ""
    if unit.startswith(_PREFIXED_UNITS):
        return unit[0], unit[1:]
    return ("", unit) if unit == "%" else ("", f" {unit}")


def value_text(value: float, unit: str | None, places_: int) -> str:
    """The value as a facilitator would say it: `1,776 calls`, `65%`, `£1.1bn`, `-£2.5`."""
    number = f"{value:,.{places_}f}"
    before, after = unit_parts(unit)
    sign, digits = ("-", number[1:]) if number.startswith("-") else ("", number)
    return f"{sign}{before}{digits}{after}"


def source_line(figures: Sequence[PlannedFigure], language: Language) -> str:
    """`Source: publisher, period`, or `Sources: ...; ...` for figures from several (the notes give titles)."""
    cited = list(dict.fromkeys(p.short_citation for p in figures))
    return f"{message('source' if len(cited) == 1 else 'sources', language)}: {'; '.join(cited)}"


def chart_alt(kind: str, figures: Sequence[PlannedFigure], language: Language) -> str:
    """What a chart shows, for people who cannot see it: every value, then the sources."""
    shared = shared_places(figures)
    values = ", ".join(f"{p.figure.label} {value_text(p.figure.value, p.figure.unit, shared)}" for p in figures)
    return f"{message(f'chart_{kind}', language)}: {values}. {source_line(figures, language)}"


def chart_notes(figures: Sequence[PlannedFigure], language: Language) -> str:
    """The chart's figures and sources for the speaker notes, with each source's address."""
    shared = shared_places(figures)
    values = "; ".join(f"{p.figure.label}: {value_text(p.figure.value, p.figure.unit, shared)}" for p in figures)
    cited = list(dict.fromkeys(f"{p.citation}: {p.url}" for p in figures))
    if len(cited) == 1:
        return f"{message('chart_notes', language)}: {values}.\n{message('source', language)}: {cited[0]}"
    return (f"{message('chart_notes', language)}: {values}.\n{message('sources', language)}:\n"
            + "\n".join(f"- {c}" for c in cited))
