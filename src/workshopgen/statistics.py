"""Statistics that slides, speaker notes and facilitators' words state without a declared source.

A figure a workshop quotes is declared under `figures:` with its source and period and written
as `{id}` in the text, so the text is read before its fields are filled: what is left that looks
like a statistic (a percentage, a sum of money, a number of 100 or more that is not a year or a
clock time) has no source the pack names.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ProblemLog
from .load import DataPath, Document
from .model import MethodCard, Workshop

# Not statistics: fields filled at build time, addresses (web, email, DOI) and clock times.
_IGNORED = re.compile(
    r"\{[^{}\s]*\}"
    r"|https?://\S+|www\.\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:uk|com|org|net|gov|nhs|au|io)(?:/\S*)?"
    r"|\b10\.\d{4,9}/\S+"
    r"|\b(?:[01]?\d|2[0-3]):[0-5]\d\b|\b(?:0?[1-9]|1[0-2])\.[0-5]\d\s?(?:am|pm)\b",
    re.IGNORECASE,
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion)\b|(?:k|m|bn|tn)\b)"
_STATISTIC = re.compile(
    rf"(?P<money>[£$€]\s?(?:{_NUMBER}){_SCALE}?)"
    rf"|(?<![\w.,/])(?P<number>{_NUMBER})(?P<percent>\s?(?:%|per\s?cent\b|percent\b))?(?P<scale>{_SCALE})?",
    re.IGNORECASE,
)
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
           "trillion": 1e12, "tn": 1e12}
FIRST_YEAR, LAST_YEAR = 1900, 2100
PHONE_NUMBERS = ("111", "999")  # NHS 111 and 999 are numbers to call, not counts
SMALLEST_COUNT = 100

# Keys of a slide that hold ids, paths or choices rather than text people read.
_NOT_TEXT = frozenset({"type", "image", "resource", "figures", "chart", "diagram", "highlight", "minutes"})


@dataclass(frozen=True)
class Statistic:
    """A statistic as written, and the numbers it may be declared as (`£1.1bn`: 1.1 or 1.1 billion)."""

    written: str
    values: tuple[float, ...]


def statistics_in(text: str) -> list[Statistic]:
    """The statistics `text` states outright, in order."""
    found = []
    for match in _STATISTIC.finditer(_IGNORED.sub(" ", text)):
        written = match.group("money") or match.group("number")
        number = re.search(_NUMBER, written)
        assert number is not None
        plain = float(number.group().replace(",", ""))
        scale = re.search(r"[a-z]+", written[number.end():] + (match.group("scale") or ""), re.IGNORECASE)
        scaled = plain * _SCALES.get(scale.group().lower() if scale else "", 1)
        if match.group("money") or match.group("percent") or _large(number.group(), scaled, bool(scale)):
            found.append(Statistic(" ".join(match.group().split()), (plain, scaled)))
    return found


def _large(number: str, value: float, scaled: bool) -> bool:
    if not scaled and number.isdigit() and (FIRST_YEAR <= int(number) <= LAST_YEAR or number in PHONE_NUMBERS):
        return False  # a year standing alone, or a number to call
    return value >= SMALLEST_COUNT


@dataclass(frozen=True)
class Said:
    """A text people see or hear, where it is in the document, and what kind of text it is."""

    path: DataPath
    text: str
    what: str


def said_in_workshop(workshop: Workshop) -> Iterator[Said]:
    """Every slide's text, every slide's notes and everything a facilitator is given to say."""
    for n, item in enumerate(workshop.agenda):
        for j, step in enumerate(item.steps):
            if step.say:
                yield Said(("agenda", n, "steps", j, "say"), step.say, "what the facilitator says")
        for k, slide in enumerate(item.slides):
            data = slide.model_dump(exclude=set(_NOT_TEXT))
            notes = data.pop("notes", None)
            yield from _texts(data, ("agenda", n, "slides", k), "this slide's text")
            if notes:
                yield Said(("agenda", n, "slides", k, "notes"), notes, "these speaker notes")


def said_in_card(card: MethodCard) -> Iterator[Said]:
    for j, step in enumerate(card.steps):
        if step.say:
            yield Said(("steps", j, "say"), step.say, "what the facilitator says")


def _texts(value: Any, path: DataPath, what: str) -> Iterator[Said]:
    if isinstance(value, str):
        yield Said(path, value, what)
    elif isinstance(value, list):
        for n, entry in enumerate(value):
            yield from _texts(entry, (*path, n), what)
    elif isinstance(value, dict):
        for key, entry in value.items():
            yield from _texts(entry, (*path, key), what)


def check_statistics(said: Iterable[Said], document: Document, log: ProblemLog,
                     *, figures: Mapping[str, float] | None = None, skip: Collection[Path] = ()) -> None:
    """A warning for each text that states a statistic not declared under `figures:`, at the text.

    `figures` maps each declared figure's id to its value, to name the one to write instead; texts
    placed in a file of `skip` (a method card, checked on its own) are left alone."""
    for entry in said:
        found = statistics_in(entry.text)
        if not found:
            continue
        where = document.locate(entry.path)
        if where.path in skip:
            continue
        shown = _listed(list(dict.fromkeys(f"`{s.written}`" for s in found)))
        several = len({s.written for s in found}) > 1
        log.warn(where, f"{shown} in {entry.what} {'are statistics' if several else 'is a statistic'} "
                        "with no declared source", _hint(found, figures or {}))


def _hint(found: list[Statistic], figures: Mapping[str, float]) -> str:
    declared = [f"`{{{figure_id}}}`" for figure_id, value in figures.items()
                if any(value in s.values for s in found)]
    if len(declared) == 1:
        return (f"write {declared[0]} in place of the number: it is declared under `figures:` and prints with "
                "its source and period")
    if declared:
        return (f"write {_listed(declared)} in place of the numbers: they are declared under `figures:` and "
                "print with their source and period")
    return ("declare it under `figures:` with its source and period and write `{id}` in its place, "
            "or remove it")


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
