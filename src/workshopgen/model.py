"""The workshop schema: frozen pydantic models, every field described for editors and errors."""

from __future__ import annotations

import datetime as dt
import re
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
DIAGRAMS = ("principles", "approaches", "stakeholder-grid")
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
    words = re.sub(r"['’]", "", text.lower())  # "practice's" reads better as `practices` than `practice-s`
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
    when: Literal[PREPARATION_WHEN] = Field(  # type: ignore[valid-type]
        description="When to do it: two-weeks-before, one-week-before, day-before, on-the-day or afterwards."
    )
    task: Text = Field(description="What to do, starting with a verb.")


class Material(Model):
    id: Slug = Field(description="Short name that agenda items use to say they need this.")
    name: ShortText = Field(description="What it is, as printed on the materials list.")
    quantity: int = Field(1, ge=1, le=1000, description="How many, for each `per`.")
    per: Literal["room", "group", "person"] = Field(
        "room", description="Whether the quantity is for the room, each small group or each person."
    )
    note: Text | None = Field(None, description="Anything to know when gathering it.")


class Step(Model):
    do: Text | None = Field(None, description="What the facilitator does.")
    say: Text | None = Field(None, description="What the facilitator says, in their own words.")

    @model_validator(mode="after")
    def _something(self) -> Step:
        if not (self.do or self.say):
            raise ValueError("needs `do:`, `say:` or both")
        return self


class SlideBase(Model):
    title: ShortText = Field(description="The slide title; every slide's title must be unique.")
    notes: LongText | None = Field(None, description="Speaker notes for the facilitator.")


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
    minutes: Minutes = Field(description="The timer length shown on the slide.")
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
                          "approach such as `piloting-and-rolling-out`, or a quadrant such as `involve-closely`."
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
    lead: ShortText | None = Field(None, description="Who leads it, such as `Lead facilitator`.")
    purpose: Text | None = Field(None, description="Why the group does this.")
    steps: list[Step] = Field(default_factory=list, description="DO and SAY steps, in order.")
    prompts: list[Text] = Field(default_factory=list, description="Prompts if the group goes quiet.")
    debrief: list[Text] = Field(default_factory=list, description="Questions to close the activity.")
    tips: list[Text] = Field(default_factory=list, description="Facilitation tips.")
    if_late: Text | None = Field(None, description="What to cut or shorten when running late.")
    transition: Text | None = Field(None, description="How to move on to the next item.")
    materials: list[Slug] = Field(default_factory=list, description="`id`s of materials it uses.")
    resources: list[Slug] = Field(default_factory=list, description="`id`s of resources it uses.")
    slides: list[Slide] = Field(default_factory=list, description="Slides shown during the item.")


class Resource(Model):
    id: Slug = Field(description="Short unique name that slides and agenda items refer to.")
    kind: Literal[RESOURCE_KINDS] = Field(description="What sort of resource it is.")  # type: ignore[valid-type]
    title: ShortText = Field(description="Its title, as published.")
    publisher: ShortText = Field(description="Who published it.")
    year: int | None = Field(None, ge=1900, le=2100, description="Year published.")
    url: WebUrl = Field(description="Its web address (https://...).")
    verified: bool = Field(
        True, description="false if nobody has checked the address yet: it gets no QR code and is flagged."
    )
    description: Text | None = Field(None, description="One or two sentences on why it helps.")


FigureValue = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-1e12, le=1e12)]


class Figure(Model):
    """A number the workshop quotes, kept with where it comes from and when it applies."""

    id: Slug = Field(description="Short unique name that chart slides use to show the figure.")
    label: Annotated[str, Field(min_length=1, max_length=80)] = Field(
        description="What the number counts, as a chart labels it, such as `Not taken to hospital`."
    )
    value: FigureValue = Field(description="The number alone, without commas or units, such as 1776, 65 or 2.5.")
    unit: Annotated[str, Field(min_length=1, max_length=20)] | None = Field(
        None, description="What the number is in, such as `%` or `calls`; the figures on one chart share a unit."
    )
    period: ShortText = Field(
        description="When the figure applies, as the source gives it, such as `2021/22` or `Oct 2018–Mar 2019`."
    )
    source: Slug = Field(
        description="The `id` of the resource the figure comes from; charts name its publisher and title."
    )


class Evaluation(Model):
    questions: list[Text] = Field(min_length=1, description="Questions for the feedback form.")
    feedback_url: WebUrl | None = Field(None, description="The feedback form's web address.")
    feedback_email: Email | None = Field(
        None, description="Where feedback goes by email when there is no form."
    )

    @model_validator(mode="after")
    def _somewhere(self) -> Evaluation:
        if not (self.feedback_url or self.feedback_email):
            raise ValueError("needs `feedback_url:` (a form) or `feedback_email:`")
        return self


class Facilitator(Model):
    name: ShortText = Field(description="Their name.")
    role: ShortText | None = Field(None, description="Their role, such as `Improvement lead`.")
    email: Email | None = Field(None, description="Contact email.")


class Event(Model):
    date: dt.date | None = Field(None, description="The day it runs, such as 2027-03-04.")
    venue: ShortText | None = Field(None, description="Where it runs.")
    facilitators: list[Facilitator] = Field(default_factory=list, description="Who runs it.")
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
    outcomes: list[Text] = Field(min_length=1, description="What participants will be able to do.")
    key_ideas: list[Text] = Field(default_factory=list, description="Key ideas for the handout.")
    preparation: list[PreparationItem] = Field(default_factory=list, description="Checklist by time.")
    materials: list[Material] = Field(default_factory=list, description="Everything to bring.")
    room_setup: Text | None = Field(None, description="How to lay out the room.")
    agenda: list[AgendaItem] = Field(min_length=1, description="The activities, in order.")
    resources: list[Resource] = Field(default_factory=list, description="Videos, blogs and papers.")
    figures: list[Figure] = Field(
        default_factory=list, description="Numbers the workshop quotes, each with its source and period; "
                                          "`chart` slides show them."
    )
    reflection_questions: list[Text] = Field(
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
    group_size: ShortText = Field(description="Group sizes it works with, such as `4 to 40 people`.")
    materials: list[Text] = Field(default_factory=list, description="What it needs.")
    steps: list[Step] = Field(min_length=1, description="DO and SAY steps.")
    prompts: list[Text] = Field(default_factory=list, description="Prompts if the group goes quiet.")
    debrief: list[Text] = Field(default_factory=list, description="Debrief questions.")
    tips: list[Text] = Field(default_factory=list, description="Facilitation tips.")
    if_late: Text | None = Field(None, description="How to shorten it.")
    attribution: Text | None = Field(None, description="Where the method comes from.")


# Fields an agenda item takes from its method card when it does not set them itself.
INHERITED_FROM_METHOD = ("title", "purpose", "minutes", "steps", "prompts", "debrief", "tips", "if_late")
