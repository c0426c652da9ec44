"""Diagrams drawn from data: each is defined once, as its parts (an id, a label and a line of gist)
and a rule that places them, and every slide that shows it is laid out from that definition.

A diagram becomes one group of native shapes that a facilitator can edit: its alt text describes
the whole, each part is a shape with its own name and text, in reading order, coloured from the
template's theme with text kept readable, and the part a workshop picks out is marked by colour,
a heavier outline and a label, so it does not rest on colour alone. Text is measured like any
other on the slide: all parts share the largest size that fits, down to a floor.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..colour import MIN_TEXT_CONTRAST, contrast_ratio
from ..deck_template import Frame
from ..errors import ProblemLog, did_you_mean
from ..load import Document
from ..messages import Language, message
from ..plan.slide_drafts import SlideDraft
from ..plan.slides import DiagramSlide
from .compose import Composition, Context, SlideBuilder, TextBlock, content_area
from .fit import EMU_PER_PT, INSET_X, WIDTH_SAFETY, Para, SlideFonts, largest_size

ROLE = "title-only"
DIAGRAM_TOP = 24  # points: the largest size tried for a diagram's text
DIAGRAM_FLOOR = 14  # labels in shapes, like the Resources slides' labels, may go below body text's 18 pt
BADGE_TOP = 18
CAPTION_TOP = 24
CAPTION_HEIGHT = 731520  # 0.8 in: two lines at 20 pt above the diagram
GAP = 109728  # 0.12 in between parts
TAB = 411480  # 0.45 in: the height of the label that marks this session's part
CORNER = 10000  # a rounded rectangle's corner, in thousandths of a percent of its shorter side
THICK, THIN = 50800, 19050  # outlines: 4 pt for the part picked out, 1.5 pt for the rest

Rule = Literal["cards", "quadrants"]


@dataclass(frozen=True)
class Item:
    id: str
    label: str
    gist: str


@dataclass(frozen=True)
class Definition:
    name: str  # the group's name, and how its alt text starts
    rule: Rule
    items: tuple[Item, ...]
    how: str = ""  # how the parts are arranged, for the alt text
    columns: tuple[int, ...] = (4,)  # cards a row to try, best first
    numbered: bool = False
    axes: tuple[tuple[str, str], tuple[str, str]] = (("", ""), ("", ""))  # quadrants: rows top down, columns

    @property
    def ids(self) -> list[str]:
        return [item.id for item in self.items]


DIAGRAMS: dict[str, Definition] = {
    "principles": Definition(
        "Seven interconnected principles", "cards", (
            Item("complexity", "Complexity", "What works in one place won't simply transfer"),
            Item("leadership", "Leadership", "Enable and convene rather than direct"),
            Item("individual", "Individual", "See the change through each person's eyes"),
            Item("benefit", "Benefit", "Lead with the local why, not the product"),
            Item("adopters", "Adopters", "Adopting is creative work: involve adopters early"),
            Item("networks", "Networks", "Spread is social: work through networks"),
            Item("learning", "Learning", "Keep learning from success and failure"),
        ), how="in the guide's order", columns=(4, 3, 2, 7)),
    "approaches": Definition(
        "Seven approaches to spread and scale", "cards", (
            Item("capability", "Building capacity and capability", "Grow skills and dedicated support for adopting"),
            Item("networking", "Networking, peer learning and collaboration",
                 "Connect people so ideas travel peer to peer"),
            Item("piloting", "Piloting and rolling out", "Prove it in a few sites, then spread what they learned"),
            Item("coordinating", "Coordinating through large scale engagement and national programmes",
                 "Coordinate from the centre, across boundaries"),
            Item("investing", "Investing and Incentivising", "Tie funding, prices or purchasing to uptake"),
            Item("governing", "Governing and Assuring", "Set expectations through rules, contracts and mandates"),
            Item("priorities", "Identifying and communicating priorities",
                 "Send clear, targeted signals that spread matters"),
        ), how="numbered in order", columns=(4, 3, 2, 7), numbered=True),
    "stakeholder-grid": Definition(
        "Stakeholder grid", "quadrants", (
            Item("keep-satisfied", "Keep satisfied", "Can shape it but care less for now: find what matters to them"),
            Item("involve-closely", "Involve closely", "Can shape it and care about it: work with them from the start"),
            Item("keep-in-view", "Keep in view", "Less say and less interest for now: check in, as this can change"),
            Item("keep-informed", "Keep informed", "Care about it but have less say: keep them in the loop"),
        ), how="influence up the side, interest along the bottom",
        axes=(("More influence", "Less influence"), ("Less interest", "More interest"))),
}

# A slide's scheme colours and the theme colours they stand for, under the usual colour map.
_THEME_NAME = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}


@dataclass(frozen=True)
class DiagramShape:
    """One shape of a diagram: a part, the label on the part picked out, or an axis label."""

    name: str
    frame: Frame
    paras: tuple[Para, ...] = ()
    geometry: Literal["rect", "roundRect"] = "rect"
    fill: str | None = None  # a scheme colour name, or #RRGGBB; None for no fill
    line: str | None = None
    line_width: int = THIN
    top_room: int = 0  # EMU kept clear at the top of the text, under a label that overlaps the shape
    size: int = DIAGRAM_FLOOR  # points

    @property
    def text_room(self) -> tuple[int, int]:
        """The width and height its text has: the frame less any room at the top and the inset a
        rounded rectangle's corners take from its text area."""
        inset = round(min(self.frame.width, self.frame.height) * CORNER / 100000 * 0.29289) \
            if self.geometry == "roundRect" else 0
        return self.frame.width - 2 * inset, self.frame.height - 2 * inset - self.top_room


@dataclass(frozen=True)
class Diagram:
    """A diagram laid out: one group of shapes in reading order, with alt text for the whole."""

    name: str
    alt: str
    shapes: tuple[DiagramShape, ...]
    size: int  # the parts' text size, in points
    overflow: tuple[str, ...] = ()  # what could not fit at the floor, for errors

    @property
    def text_sizes(self) -> dict[str, int]:
        return {"diagram": self.size}

    @property
    def frame(self) -> Frame:
        left = min(s.frame.left for s in self.shapes)
        top = min(s.frame.top for s in self.shapes)
        right = max(s.frame.left + s.frame.width for s in self.shapes)
        bottom = max(s.frame.top + s.frame.height for s in self.shapes)
        return Frame(left=left, top=top, width=right - left, height=bottom - top)


def diagram_slide(slide: DiagramSlide, ctx: Context) -> Composition:
    """The title, any caption under it, and the diagram in the rest of the space above the footer."""
    out = SlideBuilder(slide, ROLE, ctx)
    area = content_area(ctx)
    if slide.caption:
        caption = Frame(left=area.left, top=area.top, width=area.width, height=CAPTION_HEIGHT)
        out.blocks.append(TextBlock("body", caption, (Para(" ".join(slide.caption.split()), bold=False),),
                                    flow=0, max_size=CAPTION_TOP))
        area = Frame(left=area.left, top=area.top + CAPTION_HEIGHT + GAP, width=area.width,
                     height=area.height - CAPTION_HEIGHT - GAP)
    theme = tuple(sorted(ctx.geometry.colours.items()))
    out.graphics.append(laid_out(slide.diagram, slide.highlight, area, ctx.fonts, theme, ctx.language))
    return out.done()


@lru_cache(maxsize=256)
def laid_out(name: str, highlight: str | None, area: Frame, fonts: SlideFonts, theme: tuple[tuple[str, str], ...],
             language: Language) -> Diagram:
    """The diagram `name` in `area`, in the arrangement that gives its text the largest size (the
    first such, on a tie); computed once for every slide that shows the same diagram in the same place."""
    definition = DIAGRAMS[name]
    picked = highlight if highlight in definition.ids else None  # an unknown one is reported by check_diagrams
    colours = _Colours(dict(theme))
    # Each part with its gist where that fits at the floor in some arrangement; on a layout too
    # small for that, with its name alone.
    best: tuple[int, list[DiagramShape]] | None = None
    for gist in (True, False):
        if definition.rule == "cards":
            candidates = [_cards(definition, picked, area, colours, columns, gist) for columns in definition.columns]
        else:
            candidates = [_quadrants(definition, picked, area, colours, gist)]
        for shapes in candidates:  # each tried only at sizes larger than the best so far
            low = best[0] + 1 if best else DIAGRAM_FLOOR
            size = largest_size(_measured(shapes), fonts, DIAGRAM_TOP, low) if shapes else None
            if size is not None:
                best = (size, shapes)
        if best:
            break
    overflow: list[str] = []
    if best is None:
        overflow.append(f"its diagram's text cannot fit at {DIAGRAM_FLOOR} pt in the space under the title")
    size, shapes = best or (DIAGRAM_FLOOR, candidates[0])
    shapes = [_sized(shape, size) for shape in shapes]
    if picked is not None:
        shapes = _with_badge(shapes, definition, picked, message("this_session", language), fonts, colours,
                             overflow)
    labels = [f"{n}. {item.label}" if definition.numbered else item.label
              for n, item in enumerate(definition.items, start=1)]
    return Diagram(f"Diagram: {definition.name}", _alt(definition, labels, picked, language), tuple(shapes), size,
                   tuple(overflow))


def _alt(definition: Definition, labels: Sequence[str], picked: str | None, language: Language) -> str:
    """The whole diagram in words: what it is, how it is laid out, and every part in reading order."""
    if definition.rule == "quadrants":
        (top, bottom), (left, right) = definition.axes
        places = [f"{row}, {column[:1].lower()}{column[1:]}" for row in (top, bottom) for column in (left, right)]
        parts = ". ".join(f"{place}: {label}" for place, label in zip(places, labels, strict=True))
        text = f"{definition.name}, {definition.how}. {parts}."
    else:
        text = f"{definition.name}, {definition.how}: {'; '.join(labels)}."
    if picked is not None:
        label = next(item.label for item in definition.items if item.id == picked)
        text += " " + message("this_session_alt", language, item=label)
    return text


class _Colours:
    """Fills and outlines from the theme, each with a text colour that stays readable on it."""

    def __init__(self, theme: Mapping[str, str]) -> None:
        self.theme = theme
        self._text: dict[str | None, str] = {}
        light = self.hex("bg2")
        # Parts on the theme's second background where it is a light tint of the first, else on the first.
        self.part = "bg2" if light and contrast_ratio(light, self.hex("bg1") or "#FFFFFF") < 1.5 else "bg1"
        self.picked = "accent1" if self.hex("accent1") else "tx2"
        self.badge = "tx2" if self.hex("tx2") and self.hex("tx2") != self.hex(self.picked) else "tx1"

    def hex(self, scheme: str) -> str | None:
        return self.theme.get(_THEME_NAME.get(scheme, scheme))

    def text_on(self, fill: str | None) -> str:
        """The first theme text colour readable on `fill` (the slide background for None), else black or white."""
        if fill not in self._text:
            back = self.hex(fill or "bg1") or "#FFFFFF"
            readable = (name for name in ("tx1", "tx2", "bg1", "bg2")
                        if (found := self.hex(name)) and contrast_ratio(found, back) >= MIN_TEXT_CONTRAST)
            self._text[fill] = next(readable, None) or max(("#000000", "#FFFFFF"),
                                                           key=lambda colour: contrast_ratio(colour, back))
        return self._text[fill]


def _part(item: Item, frame: Frame, picked: bool, colours: _Colours, number: int | None, room: int,
          gist: bool) -> DiagramShape:
    """A part's shape: its label and gist, on a fill of its own if it is the one picked out."""
    fill = colours.picked if picked else colours.part
    text = colours.text_on(fill)
    label = f"{number}. {item.label}" if number is not None else item.label
    paras = [Para(label, bold=True, colour=text, align="ctr")]
    if gist:
        paras.append(Para(item.gist, bold=False, colour=text, align="ctr", space_before=0.25))
    return DiagramShape(item.label, frame, tuple(paras), "roundRect", fill,
                        colours.badge if picked else colours.picked, THICK if picked else THIN, room if picked else 0)


def _note(text: str, frame: Frame, colours: _Colours, align: Literal["l", "ctr", "r"] = "ctr") -> DiagramShape:
    """Text without a shape around it: an axis label."""
    return DiagramShape(text, frame, (Para(text, bold=True, colour=colours.text_on(None), align=align),))


def _cards(definition: Definition, picked: str | None, area: Frame, colours: _Colours, columns: int,
           gist: bool) -> list[DiagramShape]:
    """The parts as cards in rows of `columns`, a short last row centred, with room above each row
    for the label on a part picked out."""
    count = len(definition.items)
    columns = min(columns, count)
    rows = math.ceil(count / columns)
    room = TAB // 2 if picked else 0
    width = (area.width - (columns - 1) * GAP) // columns
    height = (area.height - rows * room - (rows - 1) * GAP) // rows
    if width <= 0 or height <= 0:
        return []
    shapes = []
    for n, item in enumerate(definition.items):
        row, column = divmod(n, columns)
        in_row = min(columns, count - row * columns)
        left = area.left + (area.width - (in_row * width + (in_row - 1) * GAP)) // 2 + column * (width + GAP)
        frame = Frame(left=left, top=area.top + room + row * (height + GAP + room), width=width, height=height)
        number = n + 1 if definition.numbered else None
        shapes.append(_part(item, frame, item.id == picked, colours, number, room, gist))
    return shapes


def _quadrants(definition: Definition, picked: str | None, area: Frame, colours: _Colours,
               gist: bool) -> list[DiagramShape]:
    """Four parts in a two-by-two grid, row labels on the left and column labels beneath; in reading
    order the column labels come first, like a table's header, then each row after its label."""
    (top_row, bottom_row), (left_column, right_column) = definition.axes
    room = TAB // 2 if picked else 0
    side = round(area.width * 0.17)
    foot = round(area.height * 0.12)
    cell_width = (area.width - side - 2 * GAP) // 2
    cell_height = (area.height - 2 * room - foot - 2 * GAP) // 2
    if cell_width <= 0 or cell_height <= 0:
        return []
    left = area.left + side + GAP
    tops = [area.top + room, area.top + 2 * room + cell_height + GAP]
    lefts = [left, left + cell_width + GAP]
    foot_top = tops[1] + cell_height + GAP
    shapes = [_note(text, Frame(left=x, top=foot_top, width=cell_width, height=foot), colours)
              for text, x in ((left_column, lefts[0]), (right_column, lefts[1]))]
    for row, label in enumerate((top_row, bottom_row)):
        shapes.append(_note(label, Frame(left=area.left, top=tops[row], width=side, height=cell_height), colours,
                            align="r"))
        for column in range(2):
            item = definition.items[2 * row + column]
            frame = Frame(left=lefts[column], top=tops[row], width=cell_width, height=cell_height)
            shapes.append(_part(item, frame, item.id == picked, colours, None, room, gist))
    return shapes


def _with_badge(shapes: list[DiagramShape], definition: Definition, picked: str, text: str, fonts: SlideFonts,
                colours: _Colours, overflow: list[str]) -> list[DiagramShape]:
    """The label that marks the part picked out, in the room left above it and straddling its top
    edge, so drawn after it and read just after it."""
    label = next(item.label for item in definition.items if item.id == picked)
    index = next((n for n, s in enumerate(shapes) if s.name == label and s.fill), None)
    if index is None:
        return shapes
    part = shapes[index].frame
    para = Para(text, bold=True, colour=colours.text_on(colours.badge), align="ctr")
    needed = round(fonts.body.width(text, True) * BADGE_TOP * EMU_PER_PT / WIDTH_SAFETY) + 4 * INSET_X
    width = min(needed, part.width - 2 * GAP)
    size = largest_size([((para,), width, TAB)], fonts, BADGE_TOP, DIAGRAM_FLOOR)
    if size is None:
        overflow.append(f"its label \"{text}\" cannot fit at {DIAGRAM_FLOOR} pt")
    frame = Frame(left=part.left + (part.width - width) // 2, top=part.top - TAB // 2, width=width, height=TAB)
    badge = DiagramShape(text, frame, (para,), "roundRect", colours.badge, None, THIN, 0, size or DIAGRAM_FLOOR)
    return [*shapes[:index + 1], badge, *shapes[index + 1:]]


def _sized(shape: DiagramShape, size: int) -> DiagramShape:
    return DiagramShape(shape.name, shape.frame, shape.paras, shape.geometry, shape.fill, shape.line,
                        shape.line_width, shape.top_room, size)


def _measured(shapes: Iterable[DiagramShape]) -> list[tuple[Sequence[Para], int, int]]:
    return [(s.paras, *s.text_room) for s in shapes]


def check_diagrams(drafts: Sequence[SlideDraft], document: Document, log: ProblemLog) -> None:
    """An error at each diagram slide's `highlight:` that names no part of its diagram."""
    for draft in drafts:
        slide, path = draft.slide, draft.path
        if not isinstance(slide, DiagramSlide) or slide.highlight is None:
            continue
        definition = DIAGRAMS[slide.diagram]
        if slide.highlight not in definition.ids:
            hint = did_you_mean(slide.highlight, definition.ids) or "use one of: " + ", ".join(definition.ids)
            log.error(document.locate((*path, "highlight")),
                      f"`highlight: {slide.highlight}` is not a part of the `{slide.diagram}` diagram", hint)
