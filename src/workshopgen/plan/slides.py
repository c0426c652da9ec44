"""The deck's slides as the plan holds them: one class per kind of slide.

Each kind says which of its lists may run on over several slides ("flows") and how to show only
part of them, so the layout can split a slide that does not fit without knowing its kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field

from .figures import PlannedFigure


class PlanModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QrCode(PlanModel):
    payload: str = Field(description="Exactly what the code encodes.")
    display: str = Field(description="The address printed beside the code.")
    alt: str = Field(description="Alt text for the code's image.")


@dataclass(frozen=True)
class Piece:
    """One splittable unit of a slide's text: a bullet, an agenda row, a caption, a table row."""

    text: str
    label: str = ""  # an agenda row's clock time; a quote's part ("quote" or "attribution")
    continued: bool = False  # the rest of a piece cut at a word on an earlier slide
    cells: tuple[str, ...] = ()  # a table row's cells: a row moves to the next slide whole


Flows = list[list[Piece]]


class SlideBase(PlanModel):
    number: int = 0
    title: str
    item_id: str | None = Field(None, description="The agenda item the slide belongs to.")
    notes: str = Field("", description="Speaker notes as the deck shows them: timing cue, own notes, DO/SAY.")
    own_notes: str | None = Field(None, description="The notes the YAML gives this slide; only on the first "
                                                     "of the slides one YAML slide continues over.")
    source: str | None = Field(None, description="file:line of the YAML the slide comes from.")
    text_sizes: dict[str, int] = Field(default_factory=dict, description="Point size of each text block the deck "
                                       "writes (title, body, panel, label), measured when the plan was made.")
    list_start: int = Field(1, description="Number of the first list item, for a list continued from the slide before.")

    @property
    def qr_codes(self) -> list[QrCode]:
        """The QR codes the slide shows."""
        return []

    def flows(self) -> Flows:
        """The slide's lists that may run on over more slides, as pieces; none by default."""
        return []

    def with_flows(self, pages: Sequence[Sequence[Piece]]) -> Self:
        """This slide showing only `pages` (one list of pieces per flow)."""
        return self


class _Bulleted(SlideBase):
    bullets: list[str] = Field(default_factory=list)

    def flows(self) -> Flows:
        return [[Piece(b) for b in self.bullets]]

    def with_flows(self, pages: Sequence[Sequence[Piece]]) -> Self:
        return self.model_copy(update={"bullets": [p.text for p in (pages[0] if pages else [])]})


class TitleSlide(SlideBase):
    """The opening slide: title, subtitle, and the organisation, date, venue and facilitators."""

    kind: Literal["title"] = "title"
    subtitle: str | None = None
    lines: list[str] = Field(default_factory=list, description="Organisation, when and where, facilitators.")


class AgendaSlide(SlideBase):
    kind: Literal["agenda"] = "agenda"
    rows: list[tuple[str, str]] = Field(default_factory=list, description="Clock time and title of each item.")

    def flows(self) -> Flows:
        return [[Piece(title, clock) for clock, title in self.rows]]

    def with_flows(self, pages: Sequence[Sequence[Piece]]) -> Self:
        pieces = pages[0] if pages else []
        return self.model_copy(update={"rows": [("" if p.continued else p.label, p.text) for p in pieces]})


class ListSlide(_Bulleted):
    """Points to read: the outcomes, a bullet slide, or the questions to reflect on."""

    kind: Literal["outcomes", "bullets", "reflection"]


class DiscussionSlide(_Bulleted):
    """Questions for the room, numbered."""

    kind: Literal["discussion"] = "discussion"


COUNTDOWN_LIMIT = 59  # minutes: one PowerPoint animation effect runs for just under an hour at most


class ActivitySlide(_Bulleted):
    """Numbered instructions beside a timer panel, with a countdown a click starts."""

    kind: Literal["activity"] = "activity"
    minutes: int
    group: str | None = None

    @property
    def countdown_minutes(self) -> int:
        """How long the countdown bar takes to empty: the timer's minutes, as far as PowerPoint allows."""
        return min(self.minutes, COUNTDOWN_LIMIT)


class SectionSlide(SlideBase):
    """A heading with one line under it; a break says when to be back."""

    kind: Literal["section", "break"]
    subtitle: str | None = None

    def flows(self) -> Flows:
        return [[Piece(self.subtitle)] if self.subtitle else []]

    def with_flows(self, pages: Sequence[Sequence[Piece]]) -> Self:
        text = " ".join(p.text for p in (pages[0] if pages else []))
        return self.model_copy(update={"subtitle": text or None})


class TwoColumnSlide(SlideBase):
    kind: Literal["two-column"] = "two-column"
    columns: list[tuple[str, list[str]]] = Field(description="Heading and points of the left, then right, column.")

    def flows(self) -> Flows:
        return [[Piece(b) for b in bullets] for _, bullets in self.columns]

    def with_flows(self, pages: Sequence[Sequence[Piece]]) -> Self:
        columns = [(heading, [p.text for p in (pages[n] if n < len(pages) else [])])
                   for n, (heading, _) in enumerate(self.columns)]
        return self.model_copy(update={"columns": columns})


class QuoteSlide(SlideBase):
    kind: Literal["quote"] = "quote"
    quote: str | None
    attribution: str | None = None

    def flows(self) -> Flows:
        return [[Piece(text, part) for part, text in (("quote", self.quote), ("attribution", self.attribution))
                 if text]]

    def with_flows(self, pages: Sequence[Sequence[Piece]]) -> Self:
        pieces = pages[0] if pages else []
        return self.model_copy(update={part: " ".join(p.text for p in pieces if p.label == part) or None
                                       for part in ("quote", "attribution")})


class _Captioned(SlideBase):
    caption: str | None = None

    def flows(self) -> Flows:
        return [[Piece(self.caption)] if self.caption else []]

    def with_flows(self, pages: Sequence[Sequence[Piece]]) -> Self:
        text = " ".join(p.text for p in (pages[0] if pages else []))
        return self.model_copy(update={"caption": text or None})


class ImageSlide(_Captioned):
    kind: Literal["image"] = "image"
    image: str = Field(description="The picture's path, a key into the workshop's assets.")
    alt: str


class ResourceSlide(_Captioned):
    """One resource: its QR code (none until the link is verified), title and address."""

    kind: Literal["resource", "video"]
    resource_id: str
    qr: QrCode | None = None

    @property
    def qr_codes(self) -> list[QrCode]:
        return [self.qr] if self.qr else []


class ResourcesSlide(SlideBase):
    """A grid of up to four resources' QR codes; the layout decides how many fit on each slide."""

    kind: Literal["resources"] = "resources"
    resource_ids: list[str]
    codes: list[QrCode]

    @property
    def qr_codes(self) -> list[QrCode]:
        return list(self.codes)


class ClosingSlide(SlideBase):
    """Thanks, and the feedback form's QR code; without one, the handout's paper form is asked for."""

    kind: Literal["closing"] = "closing"
    subtitle: str | None = None
    feedback: QrCode | None = None

    @property
    def qr_codes(self) -> list[QrCode]:
        return [self.feedback] if self.feedback else []


class DiagramSlide(_Captioned):
    """A diagram drawn from its one definition (`layout/diagrams.py`), one part picked out as this session's."""

    kind: Literal["diagram"] = "diagram"
    diagram: str = Field(description="The diagram's name, a key into the layout's definitions.")
    highlight: str | None = Field(None, description="The id of the part picked out, if any.")


class TableSlide(SlideBase):
    """A table: a header row, then rows that continue on more slides, under the header again."""

    kind: Literal["table"] = "table"
    columns: list[str] = Field(description="The header row's cells.")
    rows: list[list[str]] = Field(description="The rows this slide shows, each as many cells as `columns`.")
    caption: str | None = Field(None, description="A line under the table, shown on each of its slides.")
    whole: list[list[str]] = Field(default_factory=list, description="Every row of the table when this slide "
                                   "shows only some, so that each slide's columns are as wide.")

    def flows(self) -> Flows:
        return [[Piece(" ".join(row), cells=tuple(row)) for row in self.rows]]

    def with_flows(self, pages: Sequence[Sequence[Piece]]) -> Self:
        rows = [list(p.cells) for p in (pages[0] if pages else [])]
        return self.model_copy(update={"rows": rows, "whole": self.whole or self.rows})


class ChartSlide(SlideBase):
    """Sourced figures as a chart PowerPoint can edit, with a caption naming their sources beside it.
    It never continues on another slide: its caption shrinks to fit."""

    kind: Literal["chart"] = "chart"
    chart: Literal["column", "bar"]
    figures: list[PlannedFigure] = Field(description="The figures charted, in order, each with its source.")
    caption: str | None = None


PlannedSlide = Annotated[
    TitleSlide | AgendaSlide | ListSlide | DiscussionSlide | ActivitySlide | SectionSlide | TwoColumnSlide
    | QuoteSlide | ImageSlide | ResourceSlide | ResourcesSlide | ClosingSlide | DiagramSlide | TableSlide
    | ChartSlide,
    Field(discriminator="kind"),
]
