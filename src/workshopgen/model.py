"""The workshop schema: frozen pydantic models, every field described for editors and errors."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from datetime import time
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

PRINCIPLES = ("complexity", "leadership", "individual", "benefit", "adopters", "networks", "learning")
WORKSHOP_KINDS = ("principle", "case-study", "topic")
AGENDA_KINDS = (
    "welcome", "talk", "video", "exercise", "discussion", "reflection", "break", "close",
)
RESOURCE_KINDS = ("video", "blog", "publication", "case-study", "tool", "website")
PREPARATION_WHEN = ("two-weeks-before", "one-week-before", "day-before", "on-the-day", "afterwards")
LAYOUT_ROLES = ("title", "section", "content", "two-column", "quote", "image", "title-only")
# The diagrams a `diagram` slide can show; each is drawn from its definition in layout/diagrams.py.
# Who leads an agenda item, and the position a facilitator holds in the session.
POSITIONS = ("lead", "co-facilitator")
LEADS = (*POSITIONS, "both")
DIAGRAMS = ("principles", "approaches", "stakeholder-grid")
# Fields text may use, filled in at build for each session: `{table_size}`, `{time_of_day}`...
SESSION_FIELDS = {
    "participants": "how many are coming (`event.participants`), else the workshop's range, such as 8 to 40",
    "table_size": "people per table (`group_size.small_groups_of`)",
    "tables": "how many tables, from the participants and the table size",
    "time_of_day": "morning, afternoon or evening, from the start time",
    "start": "the session's start time, such as 13:30",
    "end": "the session's end time",
    "duration": "the session's length in minutes",
    "facilitators": "the facilitators' names, or `the facilitators`",
    "lead_facilitator": "the lead facilitator's name, or `Lead facilitator`",
    "co_facilitator": "the co-facilitators' names, or `Co-facilitator`",
    "venue": "where it runs, or `the venue`",
    "date": "the day it runs, such as 4 March 2027, or `the day of the session`",
    "title": "the workshop's title",
    "organisation": "the organisation running it",
}
ITEM_FIELDS = {
    "minutes": "the agenda item's minutes",
    "working_minutes": "the agenda item's minutes less its debrief, as the activity timer shows",
    "lead": "who leads the agenda item: names when the event has them, else the role",
}
FIELDS_HELP = (
    "Text may use fields, filled in at build for the session: "
    + "; ".join(f"{{{name}}}: {what}" for name, what in SESSION_FIELDS.items())
    + ". Inside an agenda item also " + "; ".join(f"{{{name}}}: {what}" for name, what in ITEM_FIELDS.items())
    + ". A figure's {id} gives its value with its source and period."
)
MAX_URL_LENGTH = 1000  # a QR code at level M holds about 2,300 bytes; long links also scan badly


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG_LENGTH = 60


def is_slug(value: object) -> bool:
    """Whether `value` is a well-formed id, and so safe to turn into a file name in the library."""
    return isinstance(value, str) and len(value) <= MAX_SLUG_LENGTH and SLUG.fullmatch(value) is not None


def as_slug(text: str) -> str:
    """The id nearest to `text`, to suggest: `Bristol ED` gives `bristol-ed`."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = re.sub(r"['’]", "", plain.lower())  # "practice's" reads better as `practices` than `practice-s`
    return re.sub(r"[^a-z0-9]+", "-", words).strip("-")[:MAX_SLUG_LENGTH].strip("-")


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise ValueError(
            "must be lower-case letters, digits and single hyphens, such as `paired-interview`"
        )
    return value


def _clock(value: object) -> time:
    if isinstance(value, time):
        return value
    match = re.fullmatch(r"([01]?\d|2[0-3])[:.]([0-5]\d)", str(value).strip())
    if not match or isinstance(value, (int, float, bool)):
        raise ValueError("must be a 24-hour clock time in quotes, such as \"09:30\"")
    return time(int(match.group(1)), int(match.group(2)))


def _web_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be a web address starting with https:// (or http://)")
    if any(c.isspace() for c in value):
        raise ValueError("must not contain spaces; encode them as %20")
    return value


def _hex_colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise ValueError("must be a hex colour in quotes, such as \"#005EB8\"")
    return value.upper()


def _asset_path(value: str) -> str:
    if "\\" in value:
        raise ValueError("use forward slashes in paths, such as assets/logo.png")
    return value


def _email(value: str) -> str:
    if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", value):
        raise ValueError("must be an email address such as name@nhs.net")
    return value


Slug = Annotated[str, Field(max_length=MAX_SLUG_LENGTH), AfterValidator(_slug)]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
LongText = Annotated[str, Field(min_length=1, max_length=6000)]
ClockTime = Annotated[time, BeforeValidator(_clock), PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str)]
WebUrl = Annotated[str, Field(max_length=MAX_URL_LENGTH), AfterValidator(_web_url)]
Email = Annotated[str, Field(max_length=200), AfterValidator(_email)]
Colour = Annotated[str, AfterValidator(_hex_colour)]
AssetPath = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_asset_path)]
Minutes = Annotated[int, Field(ge=0, le=600)]


DERIVED_ID_WORDS = 6


def derived_id(text: str) -> str:
    """The id a list entry gets when it gives none: its first few words, as `as_slug` writes them."""
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text)[:DERIVED_ID_WORDS]
    return as_slug(" ".join(words)) or "entry"


def with_ids(entries: object, text_key: str = "text") -> object:
    """List entries as mappings that all have an id: a plain string becomes `{text: ...}`, and an
    entry without an id takes one from its text, numbered on where two would be the same. Overlays
    use the same ids to change or remove an entry."""
    if not isinstance(entries, list):
        return entries
    given = {e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)}
    out: list[object] = []
    for entry in entries:
        if isinstance(entry, str):
            entry = {text_key: entry}
        if isinstance(entry, dict) and "id" not in entry and isinstance(entry.get(text_key), str):
            base = derived_id(entry[text_key])
            made, n = base, 2
            while made in given:
                made, n = f"{base}-{n}", n + 1
            given.add(made)
            entry = {"id": made, **entry}
        out.append(entry)
    return out


def _one_or_many(value: object) -> object:
    return [value] if isinstance(value, str) else value


ItemIds = Annotated[list[Slug], BeforeValidator(_one_or_many)]


class Entry(Model):
    """A line of text a team may change or remove by its id, and the agenda items it serves."""

    model_config = ConfigDict(populate_by_name=True)

    id: Slug = Field(description="Short name overlays use to change or remove it; by default its first words.")
    text: Text = Field(description="The words.")
    serves: ItemIds = Field(
        default_factory=list, alias="for",
        description="The `id`s of the agenda items it serves; it goes when a team removes all of them. Leave it "
                    "out for what serves the whole session.",
    )


Entries = Annotated[list[Entry], BeforeValidator(with_ids)]


class GroupSize(Model):
    min: int = Field(ge=1, le=500, description="Fewest participants the session works with.")
    max: int = Field(ge=1, le=500, description="Most participants the session works with.")
    small_groups_of: int = Field(
        5, ge=2, le=12, description="People per table group, used to total materials per group."
    )

    @model_validator(mode="after")
    def _ordered(self) -> GroupSize:
        if self.min > self.max:
            raise ValueError("has `min` larger than `max`")
        return self


class PreparationItem(Model):
    model_config = ConfigDict(populate_by_name=True)

    id: Slug = Field(description="Short name overlays use to change or remove it; by default its first words.")
    when: Literal[PREPARATION_WHEN] = Field(  # type: ignore[valid-type]
        description="When to do it: two-weeks-before, one-week-before, day-before, on-the-day or afterwards."
    )
    task: Text = Field(description="What to do, starting with a verb.")
    serves: ItemIds = Field(
        default_factory=list, alias="for",
        description="The `id`s of the agenda items it prepares; it goes when a team removes all of them.",
    )


PAPER_SIZES = ("a4", "a3")
CARD_SIZES = ("a7", "a6", "a5", "a4")


def _paragraphs(value: object) -> object:
    return [value] if isinstance(value, str) else value


Paragraphs = Annotated[list[Text], BeforeValidator(_paragraphs, json_schema_input_type=Text | list[Text])]


class PrintableBase(Model):
    title: ShortText | None = Field(None, description="The heading printed on it; the material's `name` by default.")


class Card(Model):
    heading: ShortText | None = Field(
        None, description="A line at the top of the card, such as `A`, or a source with its period."
    )
    text: Paragraphs = Field(
        min_length=1, max_length=6, description="What the card says: a paragraph, or a list of them."
    )
    back: Text | None = Field(
        None, description="What its back says; the backs print on the page after the fronts, for double-sided printing."
    )


def _card(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


CardEntry = Annotated[Card, BeforeValidator(_card, json_schema_input_type=Text | Card)]


class CardsPrintable(PrintableBase):
    kind: Literal["cards"]
    size: Literal[CARD_SIZES] = Field(  # type: ignore[valid-type]
        "a6", description="How big each card is: `a7` (eight to an A4 page), `a6` (four), `a5` (two) or `a4` (a page "
                          "each)."
    )
    each: Literal["set", "card"] = Field(
        "set", description="What the material's `quantity` and `per` count: `set` (each table or person gets the "
                           "whole set) or `card` (each gets one card, so the pack prints enough sets to go round)."
    )
    cards: list[CardEntry] = Field(
        min_length=1, max_length=60,
        description="The cards: each its text, or `{heading, text, back}`. Printed several to a page with cut lines.",
    )


class Grid(Model):
    up: ShortText = Field(description="What rises up the side, such as `Influence`.")
    across: ShortText = Field(description="What grows along the bottom, such as `Interest`.")
    boxes: list[ShortText] = Field(
        default_factory=list, max_length=4,
        description="Labels for the four boxes, in reading order: top left, top right, bottom left, bottom right.",
    )
    beside: ShortText | None = Field(
        None, description="A box beside the grid to move notes into, such as `From day one`."
    )


class WorksheetSide(Model):
    title: ShortText | None = Field(None, description="The heading printed on this side; the material's `name` by "
                                                      "default on the front.")
    instructions: Text | None = Field(None, description="What to do with it, printed under the title.")
    columns: list[ShortText] | None = Field(
        None, min_length=1, max_length=8,
        description="Headings of a table to write in. With `rows:`, the first heading is over the row labels.",
    )
    rows: list[Text] | None = Field(
        None, min_length=1, max_length=20,
        description="Labels down the first column, a row each, such as the questions to rate; without them, "
                    "blank rows fill the page.",
    )
    grid: Grid | None = Field(None, description="A two-by-two grid with labelled sides, such as influence and "
                                                "interest for a stakeholder map.")
    boxes: list[ShortText] | None = Field(
        None, min_length=1, max_length=6,
        description="Headings of large boxes to write in, such as `Seek`, `Reflect` and `Share`: up to three across, "
                    "more in two rows.",
    )
    lines: int | None = Field(None, ge=1, le=40, description="How many ruled lines to write on.")
    choices: list[ShortText] = Field(
        default_factory=list, max_length=6,
        description="Boxes to tick at the foot, such as `Ready`, `Ready with conditions` and `Not yet`.",
    )

    @model_validator(mode="after")
    def _one_layout(self) -> WorksheetSide:
        given = [name for name in ("columns", "grid", "boxes", "lines") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("needs one of `columns:`, `grid:`, `boxes:` or `lines:`" if not given
                             else f"has {' and '.join(f'`{g}:`' for g in given)}; give only one")
        if self.rows is not None and self.columns is None:
            raise ValueError("has `rows:` without `columns:`; the first column heading goes over the row labels")
        if self.rows is not None and self.columns is not None and len(self.columns) < 2:
            raise ValueError("has `rows:` but one column; add a heading for each column to write in")
        return self


class WorksheetPrintable(WorksheetSide):
    kind: Literal["worksheet"]
    paper: Literal[PAPER_SIZES] = Field("a4", description="`a4` or `a3`.")  # type: ignore[valid-type]
    back: WorksheetSide | None = Field(
        None, description="What is printed on the back, laid out as the front is; the sheet prints double-sided."
    )


class CaseSheetPrintable(PrintableBase):
    kind: Literal["case-sheet"]
    paper: Literal[PAPER_SIZES] = Field("a4", description="`a4` or `a3`.")  # type: ignore[valid-type]
    text: Paragraphs = Field(
        min_length=1, max_length=12, description="The case to read: a paragraph, or a list of them."
    )
    questions: list[Text] = Field(
        default_factory=list, max_length=8, description="Questions for the table, under the text."
    )
    resources: list[Slug] = Field(
        default_factory=list, max_length=3,
        description="`id`s of the resources it draws on, printed with their QR codes.",
    )


class PosterPrintable(PrintableBase):
    kind: Literal["poster"]
    paper: Literal[PAPER_SIZES] = Field("a3", description="`a3` (the default) or `a4`.")  # type: ignore[valid-type]
    text: Paragraphs = Field(min_length=1, max_length=8, description="Lines in large type, such as a question.")
    qr: Slug | None = Field(
        None, description="A QR code to print: a resource's `id`, or `feedback` for the feedback form."
    )


class TableTentPrintable(PrintableBase):
    kind: Literal["table-tent"]
    text: list[Text] = Field(default_factory=list, max_length=6, description="The instructions, one a line.")
    qr: Slug | None = Field(
        None, description="A QR code to print: a resource's `id`, or `feedback` for the feedback form."
    )

    @model_validator(mode="after")
    def _something(self) -> TableTentPrintable:
        if not (self.text or self.qr):
            raise ValueError("needs `text:`, `qr:` or both")
        return self


Printable = Annotated[
    CardsPrintable | WorksheetPrintable | CaseSheetPrintable | PosterPrintable | TableTentPrintable,
    Field(discriminator="kind"),
]


class Material(Model):
    id: Slug = Field(description="Short name that agenda items use to say they need this.")
    name: ShortText = Field(description="What it is, as printed on the materials list.")
    quantity: int = Field(1, ge=1, le=1000, description="How many, for each `per`.")
    per: Literal["room", "group", "person"] = Field(
        "room", description="Whether the quantity is for the room, each small group or each person."
    )
    note: Text | None = Field(None, description="Anything to know when gathering it.")
    printable: Printable | None = Field(
        None, description="What is printed on it, for the print pack: `kind:` cards, worksheet, case-sheet, poster "
                          "or table-tent, and its words."
    )


SERVES_HELP = ("The `id`s of other agenda items this serves, such as a closing step that returns to an earlier "
               "activity; it goes when a team removes all of them.")


class Step(Model):
    model_config = ConfigDict(populate_by_name=True)

    do: Text | None = Field(None, description="What the facilitator does.")
    say: Text | None = Field(None, description="What the facilitator says, in their own words.")
    minutes: Minutes | None = Field(
        None, description="How long the step takes; an item whose steps and debrief need more than its minutes "
                          "gets a warning."
    )
    serves: ItemIds = Field(default_factory=list, alias="for", description=SERVES_HELP)

    @model_validator(mode="after")
    def _something(self) -> Step:
        if not (self.do or self.say):
            raise ValueError("needs `do:`, `say:` or both")
        return self


class SlideBase(Model):
    model_config = ConfigDict(populate_by_name=True)

    id: Slug = Field(description="Short name overlays use to change or remove the slide; by default from its title.")
    title: ShortText = Field(description="The slide title; every slide's title must be unique.")
    notes: LongText | None = Field(None, description="Speaker notes for the facilitator.")
    serves: ItemIds = Field(default_factory=list, alias="for", description=SERVES_HELP)


class TitleSlide(SlideBase):
    type: Literal["title"]
    subtitle: ShortText | None = Field(None, description="A line under the title.")


class SectionSlide(SlideBase):
    type: Literal["section"]
    subtitle: ShortText | None = Field(None, description="A line under the section title.")


class BulletsSlide(SlideBase):
    type: Literal["bullets"]
    bullets: list[Text] = Field(min_length=1, max_length=30, description="The points, one per line.")


class Column(Model):
    heading: ShortText = Field(description="The column heading.")
    bullets: list[Text] = Field(min_length=1, max_length=20, description="The column's points.")


class TwoColumnSlide(SlideBase):
    type: Literal["two-column"]
    left: Column = Field(description="The left column.")
    right: Column = Field(description="The right column.")


class QuoteSlide(SlideBase):
    type: Literal["quote"]
    quote: Text = Field(description="The words quoted.")
    attribution: ShortText | None = Field(None, description="Who said or wrote it, and where.")


class ImageSlide(SlideBase):
    type: Literal["image"]
    image: AssetPath = Field(description="Path of a PNG or JPEG inside the project.")
    alt: ShortText = Field(description="Alt text: what the picture shows, for people who cannot see it.")
    caption: Text | None = Field(None, description="A caption shown under the picture.")


class ResourceSlide(SlideBase):
    type: Literal["resource", "video"]
    resource: Slug = Field(description="The `id` of a resource; its QR code and address are shown.")
    caption: Text | None = Field(None, description="Why it is worth a look.")


class ActivitySlide(SlideBase):
    type: Literal["activity"]
    instructions: list[Text] = Field(min_length=1, max_length=12, description="What groups do, in order.")
    minutes: Minutes | None = Field(
        None, description="The timer's length; by default the item's minutes less its `debrief_minutes`."
    )
    group: ShortText = Field(description="How people work, such as `pairs` or `tables of 5`.")


class DiscussionSlide(SlideBase):
    type: Literal["discussion"]
    questions: list[Text] = Field(min_length=1, max_length=10, description="The questions to discuss.")


class DiagramSlide(SlideBase):
    type: Literal["diagram"]
    diagram: Literal[DIAGRAMS] = Field(  # type: ignore[valid-type]
        description="Which diagram: `principles` (the seven interconnected principles), `approaches` (the seven "
                    "approaches to spread and scale) or `stakeholder-grid` (influence and interest)."
    )
    highlight: Slug | None = Field(
        None, description="One part to pick out as this session's, by its id: a principle such as `networks`, an "
                          "approach such as `piloting`, or a quadrant such as `involve-closely`."
    )
    caption: Text | None = Field(None, description="A line shown above the diagram.")


class ChartSlide(SlideBase):
    type: Literal["chart"]
    chart: Literal["column", "bar"] = Field(
        description="`column` for upright bars; `bar` for bars across, better for long labels or many figures."
    )
    figures: list[Slug] = Field(
        min_length=2, max_length=8,
        description="The `id`s of 2 to 8 figures under `figures:`, in the order shown; they must share a unit.",
    )
    caption: Text | None = Field(
        None, description="What the chart shows, beside it; the source and period of its figures are added under it."
    )


def _cell_text(value: object) -> object:
    """A number in a cell (a score, a count) is text on the slide, as written."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


Cell = Annotated[str, BeforeValidator(_cell_text), Field(max_length=300)]


class TableSlide(SlideBase):
    type: Literal["table"]
    columns: list[ShortText] = Field(
        min_length=2, max_length=5, description="The header row: a heading for each of the 2 to 5 columns."
    )
    rows: list[list[Cell]] = Field(
        min_length=1, max_length=30,
        description="The rows, each a list of cells in the order of `columns`, one per column (\"\" for an empty "
                    "cell). Rows that do not fit continue on another slide, under the header again.",
    )
    caption: ShortText | None = Field(None, description="A line under the table, such as where its content comes from.")

    @model_validator(mode="after")
    def _one_cell_per_column(self) -> TableSlide:
        # Raised as the rows' own errors, so each is reported at its row's line.
        wrong = [
            InitErrorDetails(type=PydanticCustomError(
                "value_error", "has {cells}, but the table has {columns} columns",
                {"cells": f"{len(row)} cell{'' if len(row) == 1 else 's'}", "columns": len(self.columns),
                 "hint": "give every row one cell per column, in the order of `columns:`; write \"\" for an "
                         "empty cell"}), loc=("rows", n), input=row)
            for n, row in enumerate(self.rows) if len(row) != len(self.columns)
        ]
        if wrong:
            raise ValidationError.from_exception_data(type(self).__name__, wrong)
        return self


Slide = Annotated[
    TitleSlide | SectionSlide | BulletsSlide | TwoColumnSlide | QuoteSlide | ImageSlide
    | ResourceSlide | ActivitySlide | DiscussionSlide | DiagramSlide | ChartSlide | TableSlide,
    Field(discriminator="type"),
]


class AgendaItem(Model):
    id: Slug = Field(description="Short unique name, used by overlays to change or remove the item.")
    kind: Literal[AGENDA_KINDS] = Field(description="What sort of activity this is.")  # type: ignore[valid-type]
    title: ShortText = Field(description="The activity's name, as on the run sheet.")
    minutes: Minutes = Field(description="How long it takes.")
    at: ClockTime | None = Field(
        None, description="A fixed clock time, such as \"12:30\" for lunch; earlier items must fit before it."
    )
    method: Slug | None = Field(
        None, description="A method card in workshops/methods/ whose fields this item inherits."
    )
    lead: Literal[LEADS] | None = Field(  # type: ignore[valid-type]
        None, description="Who leads it: `lead` (the lead facilitator), `co-facilitator` or `both`; the run sheet "
                          "prints the names of the event's facilitators in that position when it has them."
    )
    purpose: Text | None = Field(None, description="Why the group does this.")
    steps: list[Step] = Field(default_factory=list, description="DO and SAY steps, in order.")
    prompts: Entries = Field(default_factory=list, description="Prompts if the group goes quiet.")
    debrief: Entries = Field(default_factory=list, description="Questions to close the activity.")
    debrief_minutes: Minutes | None = Field(
        None, description="Minutes kept for the debrief at the end; the activity slide's timer counts the rest."
    )
    tips: Entries = Field(default_factory=list, description="Facilitation tips.")
    if_late: Text | None = Field(None, description="What to cut or shorten when running late.")
    transition: Text | None = Field(None, description="How to move on to the next item.")
    materials: list[Slug] = Field(default_factory=list, description="`id`s of materials it uses.")
    resources: list[Slug] = Field(default_factory=list, description="`id`s of resources it uses.")
    slides: Annotated[list[Slide], BeforeValidator(lambda v: with_ids(v, "title"))] = Field(
        default_factory=list, description="Slides shown during the item."
    )


class Resource(Model):
    id: Slug = Field(description="Short unique name that slides and agenda items refer to.")
    kind: Literal[RESOURCE_KINDS] = Field(description="What sort of resource it is.")  # type: ignore[valid-type]
    title: ShortText = Field(description="Its title, as published.")
    publisher: ShortText = Field(description="Who published it.")
    year: int | None = Field(None, ge=1900, le=2100, description="Year published.")
    url: WebUrl = Field(description="Its web address (https://...).")
    verified: bool = Field(
        True, description="false if nobody has checked the address yet: it stays off the handout and the slides, "
                          "and the guide lists it under Check before the session."
    )
    description: Text | None = Field(None, description="One or two sentences on why it helps.")


FigureValue = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-1e12, le=1e12)]


class Figure(Model):
    """A number the workshop quotes, kept with where it comes from and when it applies."""

    id: Slug = Field(description="Short unique name: `{id}` in any text shows the figure with its citation, "
                                 "and chart slides list it by this name.")
    label: Annotated[str, Field(min_length=1, max_length=80)] = Field(
        description="What the number counts, as a chart labels it, such as `Not taken to hospital`."
    )
    value: FigureValue = Field(description="The number alone, without commas or units, such as 1776, 65 or 2.5.")
    unit: Annotated[str, Field(min_length=1, max_length=20)] | None = Field(
        None, description="What the number is in, such as `%`, `calls`, `£` or `£bn` (a currency sign goes before "
                          "the number, the rest after it); the figures on one chart share a unit."
    )
    period: ShortText = Field(
        description="When the figure applies, as the source gives it, such as `2021/22` or `Oct 2018–Mar 2019`."
    )
    source: Slug = Field(
        description="The `id` of the resource the figure comes from; charts name its publisher and title."
    )
    cite: Annotated[str, Field(min_length=1, max_length=60)] | None = Field(
        None, description="A shorter name for the publisher in the citation printed beside the figure, such as "
                          "`Wessex AHSN`; the source's publisher by default."
    )


class Evaluation(Model):
    questions: list[Text] = Field(
        min_length=1, description="Questions for the feedback form; without a form or email, the handout "
                                  "prints them as a paper form to hand in at the end."
    )
    feedback_url: WebUrl | None = Field(
        None, description="Your team's feedback form: the handout and the last slide show its QR code."
    )
    feedback_email: Email | None = Field(
        None, description="Where feedback goes by email when there is no form: your team's own address."
    )


class Facilitator(Model):
    name: ShortText = Field(description="Their name.")
    role: ShortText | None = Field(None, description="Their job, such as `Improvement lead`.")
    position: Literal[POSITIONS] | None = Field(  # type: ignore[valid-type]
        None, description="`lead` or `co-facilitator` in this session; by default the first facilitator listed "
                          "leads and the others co-facilitate."
    )
    email: Email | None = Field(None, description="Contact email.")


class Event(Model):
    date: dt.date | None = Field(None, description="The day it runs, such as 2027-03-04.")
    venue: ShortText | None = Field(None, description="Where it runs.")
    facilitators: list[Facilitator] = Field(default_factory=list, description="Who runs it.")
    participants: int | None = Field(
        None, ge=1, le=500, description="How many people are coming; material totals and the number of tables "
                                        "follow it, and `{participants}` in text shows it."
    )
    attendees: list[ShortText] = Field(
        default_factory=list, max_length=500,
        description="Names of those coming, if known: the print pack's sign-in sheet and certificates print them.",
    )
    contact: Email | None = Field(None, description="Who participants can contact afterwards.")


class Logo(Model):
    path: AssetPath = Field(description="Path of a PNG or JPEG logo inside the project.")
    alt: ShortText = Field(description="Alt text, usually the organisation's name.")


class Colours(Model):
    primary: Colour = Field("#005EB8", description="Title bars and headings (NHS Blue).")
    secondary: Colour = Field("#003087", description="Second colour (NHS Dark Blue).")
    accent: Colour = Field("#41B6E6", description="Decoration only (NHS Light Blue).")
    text: Colour = Field("#231F20", description="Body text (NHS Black).")
    background: Colour = Field("#FFFFFF", description="Page and slide background.")


class Fonts(Model):
    heading: ShortText = Field("Arial", description="Font for headings.")
    body: ShortText = Field("Arial", description="Font for body text.")


def _default_layouts() -> dict[str, str]:
    return {
        "title": "Title Slide", "section": "Section Header", "content": "Title and Content",
        "two-column": "Two Content", "quote": "Quote", "image": "Picture with Caption",
        "title-only": "Title Only",
    }


class Branding(Model):
    organisation: ShortText = Field("NHS England", description="Organisation named on every output.")
    logo: Logo | None = Field(None, description="A logo with its alt text.")
    colours: Colours = Field(default_factory=Colours, description="Colours; defaults to the NHS palette.")
    fonts: Fonts = Field(default_factory=Fonts, description="Fonts; Arial by default.")
    template: AssetPath | None = Field(None, description="A team's own .pptx or .potx deck template.")
    layouts: dict[Literal[LAYOUT_ROLES], ShortText] = Field(  # type: ignore[valid-type]
        default_factory=_default_layouts,
        description="Which template layout to use for each kind of slide, by layout name.",
    )


class Workshop(Model):
    id: Slug = Field(description="Short unique name; must equal the file name without .yaml.")
    kind: Literal[WORKSHOP_KINDS] = Field(description="principle, case-study or topic.")  # type: ignore[valid-type]
    title: ShortText = Field(description="The workshop title.")
    subtitle: ShortText | None = Field(None, description="A line under the title.")
    summary: Text = Field(description="Two or three sentences on what the session is for.")
    principles: list[Literal[PRINCIPLES]] = Field(  # type: ignore[valid-type]
        default_factory=list, description="Which of the seven principles it draws on."
    )
    version: ShortText = Field(description="Version of this workshop, such as `1.0`.")
    date: dt.date = Field(description="When this version was written, such as 2026-11-01.")
    language: Literal["en", "cy"] = Field("en", description="`en` for English, `cy` for Welsh headings.")
    audience: Text = Field(description="Who it is for.")
    group_size: GroupSize = Field(description="How many people it works for.")
    duration: Annotated[int, Field(ge=15, le=600)] = Field(description="Length in minutes.")
    start: ClockTime = Field(description="Default start time, such as \"09:30\".")
    outcomes: Annotated[Entries, Field(min_length=1)] = Field(description="What participants will be able to do.")
    key_ideas: Entries = Field(default_factory=list, description="Key ideas for the handout.")
    preparation: Annotated[list[PreparationItem], BeforeValidator(lambda v: with_ids(v, "task"))] = Field(
        default_factory=list, description="Checklist by time."
    )
    materials: list[Material] = Field(default_factory=list, description="Everything to bring.")
    room_setup: Annotated[Entries, BeforeValidator(_one_or_many)] = Field(
        default_factory=list, description="How to lay out the room: a paragraph, or lines that may each say which "
                                          "agenda items they serve."
    )
    agenda: list[AgendaItem] = Field(min_length=1, description="The activities, in order.")
    resources: list[Resource] = Field(
        default_factory=list, description="Videos, blogs and papers: the id of an entry in workshops/resources.yaml "
                                          "(`- hz-feno`), or a whole resource of the workshop's own."
    )
    figures: list[Figure] = Field(
        default_factory=list, description="Numbers the workshop quotes, each with its source and period; "
                                          "`chart` slides show them."
    )
    reflection_questions: Entries = Field(
        default_factory=list, description="Questions for the handout, with room to write."
    )
    evaluation: Evaluation = Field(description="Feedback questions and where feedback goes.")
    event: Event = Field(default_factory=Event, description="Date, venue and facilitators, usually from an overlay.")
    branding: Branding = Field(default_factory=Branding, description="Organisation, logo, colours, template.")


class MethodCard(Model):
    """A reusable activity; agenda items naming it inherit its fields and may override them."""

    id: Slug = Field(description="Short unique name; must equal the file name without .yaml.")
    title: ShortText = Field(description="The method's name.")
    purpose: Text = Field(description="What the method is good for.")
    minutes: Minutes = Field(description="Usual length in minutes.")
    group_size: ShortText = Field(
        description="Group sizes it works with, fewest first, such as `4 to 40 people`; a workshop whose "
                    "`group_size: min` is below that first number gets a warning where it uses the card."
    )
    materials: list[Text] = Field(default_factory=list, description="What it needs.")
    steps: list[Step] = Field(min_length=1, description="DO and SAY steps.")
    prompts: Entries = Field(default_factory=list, description="Prompts if the group goes quiet.")
    debrief: Entries = Field(default_factory=list, description="Debrief questions.")
    debrief_minutes: Minutes | None = Field(None, description="Minutes the debrief usually takes.")
    tips: Entries = Field(default_factory=list, description="Facilitation tips.")
    if_late: Text | None = Field(None, description="How to shorten it.")
    attribution: Text | None = Field(None, description="Where the method comes from.")


# Fields an agenda item takes from its method card when it does not set them itself.
INHERITED_FROM_METHOD = (
    "title", "purpose", "minutes", "steps", "prompts", "debrief", "debrief_minutes", "tips", "if_late",
)
