"""What the print pack says: a list of what to print, then each part on pages of its own.

Always a sign-in sheet, a paper feedback form with the workshop's own questions, and
certificates of attendance; between them, every printable material an agenda item uses (cards,
worksheets, case sheets, posters, table tents), in the order the session uses them. Every part
says what it is, which activity uses it and how many to print for this session. Pages are
worked out here (cards to a page, rows of the sign-in sheet), so the part numbers the guide
quotes and the pages the template makes cannot disagree.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...messages import Language, long_date, message
from ...model import (
    CardsPrintable,
    CaseSheetPrintable,
    Material,
    PosterPrintable,
    Printable,
    TableTentPrintable,
    WorksheetPrintable,
    WorksheetSide,
    Workshop,
)
from ...plan import MaterialLine, Plan, QrCode
from ..caches import Caches, Store
from .common import document_basics, qr_column, qr_entry, resource_entry
from .pack_labels import hours_and_minutes, pack_labels, say

# Cards to an A4 page, as (columns, rows), and the space each card's text has, in mm.
CARD_GRID = {"a7": (2, 4), "a6": (2, 2), "a5": (1, 2), "a4": (1, 1)}
CARD_TEXT_MM = {"a7": (80.0, 46.0), "a6": (80.0, 104.0), "a5": (172.0, 104.0), "a4": (172.0, 220.0)}
CARD_SIZES_PT = (20, 18, 16, 14, 13, 12, 11)
SIGN_IN_ROWS = 13  # rows of the sign-in sheet on each A4 landscape page
ALWAYS_FIRST = ("sign-in", "evaluation")


@dataclass(frozen=True)
class Part:
    number: int
    kind: str  # a printable's kind, or sign-in, evaluation or certificates
    material: Material | None = None


def pack_parts(workshop: Workshop) -> list[Part]:
    """The parts of the pack in order: the sign-in sheet and the feedback form, then each printable
    an agenda item uses, in the order the session first uses them, then the certificates."""
    first_use: dict[str, tuple[int, int]] = {}
    for n, item in enumerate(workshop.agenda):
        for k, material_id in enumerate(item.materials):
            first_use.setdefault(material_id, (n, k))
    printables = sorted((m for m in workshop.materials if m.printable is not None and m.id in first_use),
                        key=lambda m: first_use[m.id])
    kinds: list[tuple[str, Material | None]] = [
        *((kind, None) for kind in ALWAYS_FIRST),
        *((m.printable.kind, m) for m in printables if m.printable is not None),
        ("certificates", None),
    ]
    return [Part(n, kind, material) for n, (kind, material) in enumerate(kinds, start=1)]


def part_numbers(workshop: Workshop) -> dict[str, int]:
    """Where each printable material is in the pack, by material id, for the guide to say."""
    return {p.material.id: p.number for p in pack_parts(workshop) if p.material is not None}


def print_pack_places(workshop: Workshop) -> dict[str, str]:
    """Where each printable material is in the print pack, by material id, as the guide says it."""
    return {material_id: say("pack_in_pack", workshop.language, number=number)
            for material_id, number in part_numbers(workshop).items()}


def materials_content(plan: Plan, assets: Mapping[str, bytes], caches: Caches) -> dict[str, Any]:
    workshop = plan.workshop
    language = workshop.language
    parts = pack_parts(workshop)
    builder = _Builder(plan, caches.qr_codes, len(parts))
    pieces = [builder.piece(part) for part in parts]
    codes = [link["qr"] for piece in pieces for link in piece.get("links", []) if link["qr"]]
    return {
        **document_basics(plan, assets, "materials", "materials_title"),
        "footer": workshop.title,
        "pack": pack_labels(language),
        "intro": say("pack_print_intro", language, basis=builder.basis),
        "pieces": pieces,
        **qr_column(codes),
    }


class _Builder:
    def __init__(self, plan: Plan, store: Store, total: int) -> None:
        self.plan, self.store, self.total = plan, store, total
        self.workshop = plan.workshop
        self.language: Language = plan.workshop.language
        self.lines = {m.id: m for m in plan.materials}
        self.people = plan.expected_people
        self.tables = plan.expected_groups
        size = self.workshop.group_size.small_groups_of
        known = self.workshop.event.participants is not None
        self.basis = say("basis_known" if known else "basis_range", self.language, people=self.people,
                         tables=self.tables, size=size)
        self.tables_basis = say("basis_tables_known" if known else "basis_tables_range", self.language,
                                people=self.people, tables=self.tables, size=size)
        self.people_basis = say("basis_people_known" if known else "basis_people_range", self.language,
                                people=self.people)

    def piece(self, part: Part) -> dict[str, Any]:
        head = {"number": part.number, "kind": part.kind, "what": say(f"piece_{part.kind}", self.language),
                "label": say("pack_part_of", self.language, number=part.number, total=self.total)}
        if part.material is not None and part.material.printable is not None:
            material, printable = part.material, part.material.printable
            line = self.lines[material.id]
            body = self.printable(printable)
            short, basis = self.copies(line, sets=part.kind == "cards", pages=body.get("set_pages"),
                                       sets_per_page=body.get("sets_per_page", 1), dealt=body.get("dealt"))
            return {**head, "title": printable.title or material.name, "used_in": self.used_in(material.id),
                    "copies": f"{short} ({basis})" if basis else short, "copies_short": short, **body}
        body = getattr(self, part.kind.replace("-", "_"))()
        return {**head, "copies_short": body["copies"], **body}

    # -- what each part says about itself ---------------------------------------------------------

    def used_in(self, material_id: str) -> str:
        return "; ".join(f"{s.item.title} ({s.start}–{s.end})" for s in self.plan.schedule
                         if material_id in s.item.materials)

    def copies(self, line: MaterialLine, *, sets: bool, pages: int | None = None,
               sets_per_page: int = 1, dealt: int | None = None) -> tuple[str, str | None]:
        """How many to print, and for how many people and tables, where that decides it."""
        if dealt:
            text = say("dealt_" + line.per, self.language, total=math.ceil(line.total / dealt),
                       quantity=line.quantity)
        elif sets_per_page > 1:
            text = say("sheets_" + line.per, self.language, total=math.ceil(line.total / sets_per_page),
                       sets=sets_per_page, quantity=line.quantity)
        else:
            text = say(("sets_" if sets else "copies_") + line.per, self.language, total=line.total,
                       quantity=line.quantity)
        if sets and pages and sets_per_page == 1:
            text += ", " + (say("set_page", self.language) if pages == 1
                            else say("set_pages", self.language, pages=pages))
        return text, {"group": self.tables_basis, "person": self.people_basis}.get(line.per)

    def paper(self, paper: str, *, double: bool = False) -> str:
        name = say(f"paper_{paper}", self.language)
        return say("paper_double", self.language, paper=name) if double else name

    def link(self, qr: str | None) -> dict[str, Any] | None:
        """A resource, or the feedback form, as printed with its code: title, address and code."""
        if qr is None:
            return None
        if qr == "feedback":
            return self.feedback_link()
        planned = next(r for r in self.plan.resources if r.resource.id == qr)
        return resource_entry(planned, self.language, self.store)

    def feedback_link(self) -> dict[str, Any] | None:
        code: QrCode | None = self.plan.feedback
        if code is None:
            return None
        return {"id": "feedback", "title": message("feedback_heading", self.language), "source": "",
                "kind": "", "description": None, "url": code.payload, "display": code.display,
                "qr": qr_entry(code, self.store)}

    # -- printables -------------------------------------------------------------------------------

    def printable(self, printable: Printable) -> dict[str, Any]:
        if isinstance(printable, CardsPrintable):
            return self.cards(printable)
        if isinstance(printable, WorksheetPrintable):
            return self.worksheet(printable)
        if isinstance(printable, CaseSheetPrintable):
            links = [self.link(r) for r in printable.resources]
            return {"paper": printable.paper, "paper_name": self.paper(printable.paper),
                    "paragraphs": list(printable.text), "questions": list(printable.questions),
                    "links": [link for link in links if link]}
        if isinstance(printable, PosterPrintable):
            link = self.link(printable.qr)
            return {"paper": printable.paper, "paper_name": self.paper(printable.paper),
                    "lines": list(printable.text), "links": [link] if link else []}
        assert isinstance(printable, TableTentPrintable)
        link = self.link(printable.qr)
        return {"paper": "a4", "paper_name": self.paper("a4"), "lines": list(printable.text),
                "links": [link] if link else []}

    def cards(self, printable: CardsPrintable) -> dict[str, Any]:
        columns, rows = CARD_GRID[printable.size]
        per_page = columns * rows
        cards = [{"heading": c.heading, "text": list(c.text), "back": c.back} for c in printable.cards]
        backs = any(c["back"] for c in cards)
        # A set that fills no more than half a page is repeated to fill it, so a card for each
        # person is not a page each.
        sets_per_page = per_page // len(cards) if len(cards) <= per_page // 2 and printable.each == "set" else 1
        laid_out = cards * sets_per_page
        pages = []
        for start in range(0, len(laid_out), per_page):
            fronts: list[dict[str, Any] | None] = list(laid_out[start:start + per_page])
            fronts += [None] * (per_page - len(fronts))
            page: dict[str, Any] = {"fronts": fronts}
            if backs:
                # Printed on the other side and flipped on the long edge, each row reads right to left.
                page["backs"] = [fronts[r * columns + c] for r in range(rows) for c in reversed(range(columns))]
            pages.append(page)
        return {"paper": "a4", "paper_name": self.paper("a4", double=backs), "size": printable.size,
                "columns": columns, "rows": rows, "text_pt": card_text_size(cards, printable.size),
                "backs": backs, "pages": pages, "set_pages": len(pages) * (2 if backs else 1),
                "sets_per_page": sets_per_page, "dealt": len(cards) if printable.each == "card" else None}

    def worksheet(self, printable: WorksheetPrintable) -> dict[str, Any]:
        sides = [printable, *([printable.back] if printable.back else [])]
        # Both sides share the paper's way round, so the sheet prints double-sided in one pass.
        wide = any(side.grid is not None or len(side.columns or ()) >= 3 or len(side.boxes or ()) >= 2
                   for side in sides)
        return {"paper": printable.paper, "paper_name": self.paper(printable.paper, double=len(sides) > 1),
                "landscape": wide, "sides": [self.side(side) for side in sides]}

    def side(self, side: WorksheetSide) -> dict[str, Any]:
        grid = side.grid
        return {"title": side.title, "instructions": side.instructions, "columns": side.columns,
                "row_labels": side.rows, "boxes": side.boxes, "lines": side.lines, "choices": list(side.choices),
                "grid": {"up": grid.up, "across": grid.across, "beside": grid.beside,
                         "boxes": [*grid.boxes, *[""] * (4 - len(grid.boxes))]} if grid else None}

    # -- parts every pack has ---------------------------------------------------------------------

    def sign_in(self) -> dict[str, Any]:
        """A row for each person expected, names a team lists first. In the library's own pack,
        which plans for no one session and names no one, one ruled page to copy, as the
        certificates are."""
        event = self.workshop.event
        names: list[str] = list(event.attendees)
        count = max(self.people, len(names))
        rows = names + [""] * (count - len(names))
        pages = [rows[n:n + SIGN_IN_ROWS] for n in range(0, len(rows), SIGN_IN_ROWS)]
        pages[-1] += [""] * (SIGN_IN_ROWS - len(pages[-1]))  # the last page ruled to its foot, for walk-ins
        if not event.participants and not names and len(pages) > 1:
            copies = say("copies_sign_in_page", self.language, total=len(pages), people=count)
            pages = pages[:1]
        elif len(pages) == 1:
            copies = say("copies_sign_in_one", self.language, people=count)
        else:
            copies = say("copies_sign_in", self.language, pages=len(pages), people=count)
        return {"title": say("piece_sign-in", self.language), "used_in": self.first_item(),
                "copies": copies, "paper": "a4", "paper_name": self.paper("a4"),
                "details": self.session_details(), "use": say("sign_in_use", self.language),
                "columns": [say(k, self.language) for k in ("name", "role", "organisation", "email")],
                "pages": pages}

    def evaluation(self) -> dict[str, Any]:
        questions = [evaluation_question(q, self.language) for q in self.workshop.evaluation.questions]
        open_count = sum(1 for q in questions if q["scale"] is None)
        email = self.workshop.evaluation.feedback_url is None
        online = self.feedback_link()
        return {"title": say("piece_evaluation", self.language), "used_in": self.last_item(),
                "copies": say("copies_person", self.language, total=self.people, quantity=1)
                + f" ({self.people_basis})",
                "copies_short": say("copies_person", self.language, total=self.people, quantity=1),
                "paper": "a4", "paper_name": self.paper("a4"), "details": self.session_details(short=True),
                "intro": say("feedback_intro", self.language), "questions": questions,
                "lines": 4 if open_count <= 2 else 3,
                "online": say("feedback_by_email" if email else "feedback_online", self.language),
                "links": [online] if online else []}

    def certificates(self) -> dict[str, Any]:
        """A certificate for each person the event names, and for everyone else expected one with a
        blank name line: a page each when the event says how many are coming, so the pack prints
        as it stands; in the library's own pack, which plans for no one session, one page to copy."""
        workshop, language = self.workshop, self.language
        event = workshop.event
        named = list(event.attendees)
        blank = max(self.people - len(named), 0)
        if event.participants:
            names = [*named, *([None] * blank)]
            copies = say("copies_certificates_each", language, total=len(names))
        elif named and blank:
            copies = say("copies_certificates_mixed", language, named=len(named), blank=blank)
        elif named:
            copies = say("copies_certificates_named", language, total=len(named))
        else:
            copies = say("copies_certificates", language, total=blank)
        if not event.participants:
            names = [*named, *([None] if blank else [])]
        where = [say("on_date", language, date=long_date(event.date, language)) if event.date else None,
                 say("at_venue", language, venue=event.venue) if event.venue else None]
        return {"title": say("piece_certificates", language), "used_in": self.last_item(), "copies": copies,
                "paper": "a4", "paper_name": self.paper("a4"), "names": names,
                "workshop": workshop.title,
                "when": " ".join(w for w in where if w) or None,
                "learning": say("learning_time", language,
                                duration=hours_and_minutes(self.plan.learning_minutes, language)),
                "facilitators": [", ".join(p for p in (f.name, f.role) if p) for f in event.facilitators],
                "organisation": workshop.branding.organisation, "outcomes": [o.text for o in workshop.outcomes]}

    def session_details(self, *, short: bool = False) -> list[dict[str, str]]:
        event, language = self.workshop.event, self.language
        rows = [(message("date", language), long_date(event.date, language) if event.date else None),
                (message("venue", language), event.venue)]
        if not short:
            rows.append((message("facilitators", language), ", ".join(f.name for f in event.facilitators) or None))
        return [{"label": label, "value": value or ""} for label, value in rows]

    def first_item(self) -> str:
        first = self.plan.schedule[0]
        return f"{first.item.title} ({first.start}–{first.end})"

    def last_item(self) -> str:
        last = self.plan.schedule[-1]
        return f"{last.item.title} ({last.start}–{last.end})"


_FFT = re.compile(r"very good,\s*good,\s*neither good nor poor,\s*poor,\s*very poor", re.IGNORECASE)
_ONE_TO_FIVE = re.compile(r"\(\s*1\s*(?:=|to\b|–|-)|\b1 to 5\b|\b1–5\b", re.IGNORECASE)
_HOW_MUCH = re.compile(r"^\s*(?:overall,\s*)?how (?:useful|helpful|confident|likely|relevant|clear|well|much|"
                       r"valuable|satisfied|easy)\b", re.IGNORECASE)
FFT_OPTIONS = ("fft_very_good", "fft_good", "fft_neither", "fft_poor", "fft_very_poor", "fft_dont_know")


def evaluation_question(text: str, language: Language) -> dict[str, Any]:
    """A feedback question as the paper form asks it: in the workshop's own words, answered by
    ticking one of the Friends and Family Test's answers where the question offers them, by circling
    1 to 5 where it asks for a score or how much, or else on lines to write on."""
    if _FFT.search(text):
        return {"text": text, "scale": "options", "hint": say("tick_one", language),
                "options": [say(key, language) for key in FFT_OPTIONS]}
    if _ONE_TO_FIVE.search(text) or _HOW_MUCH.search(text):
        return {"text": text, "scale": "score", "hint": say("circle_one", language),
                "options": ["1", "2", "3", "4", "5"],
                "ends": [say("scale_low", language), say("scale_high", language)]}
    return {"text": text, "scale": None}


def card_text_size(cards: list[dict[str, Any]], size: str) -> int:
    """The largest type every card of the set holds, from the length of its words: a glyph of
    Liberation Sans averages about half an em, a line with its leading 1.4 em."""
    width, height = CARD_TEXT_MM[size]
    for points in CARD_SIZES_PT:
        em = points * 0.3528
        per_line = max(1, int(width / (em * 0.52)))
        lines = height / (em * 1.4)
        if all(_lines(card, per_line) <= lines for card in cards):
            return points
    return CARD_SIZES_PT[-1]


def _lines(card: dict[str, Any], per_line: int) -> float:
    """Lines a card's front needs (its heading in larger type, and half a line between paragraphs),
    or its back, whichever is more."""
    front = [(1.25, card["heading"])] if card["heading"] else []
    front += [(1.0, paragraph) for paragraph in card["text"]]
    need = sum(weight * _wrapped(text, per_line) + 0.5 for weight, text in front)
    return max(need, _wrapped(card["back"], per_line) if card["back"] else 0)


def _wrapped(text: str, per_line: int) -> int:
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > per_line:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines + math.ceil(max(0, used - per_line) / per_line)
