"""Method cards: reusable activities that agenda items name with `method:` and inherit from."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from pathlib import Path

from .errors import ProblemLog, WorkshopgenError, did_you_mean
from .load import Document, load
from .model import INHERITED_FROM_METHOD, MethodCard, Workshop, is_slug
from .project import Project
from .statistics import check_statistics, said_in_card
from .validate import validate_document


class MethodLibrary:
    """Loads each method card once per run, however many workshops use it."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._cards: dict[str, tuple[Document, MethodCard] | None] = {}

    def get(self, method_id: str, log: ProblemLog) -> tuple[Document, MethodCard] | None:
        if method_id not in self._cards:
            self._cards[method_id] = self._load(method_id, log)
        return self._cards[method_id]

    def _load(self, method_id: str, log: ProblemLog) -> tuple[Document, MethodCard] | None:
        return self._load_path(self.project.method_path(method_id), log)

    def _load_path(self, path: Path, log: ProblemLog) -> tuple[Document, MethodCard] | None:
        try:
            document = load(path)
        except WorkshopgenError as exc:
            log.extend(exc.problems)
            return None
        card = validate_document(document, MethodCard, log)
        if card is None:
            return None
        if card.id != path.stem:
            log.error(document.locate(("id",)), f"the method's id `{card.id}` differs from its file name",
                      f"make it `id: {path.stem}`, or rename the file")
        check_statistics(said_in_card(card), document, log)
        return document, card

    def cards(self, method_ids: list[str | None]) -> dict[str, MethodCard]:
        """The loaded cards for the method ids an agenda names."""
        found = {}
        for method_id in method_ids:
            loaded = self._cards.get(method_id) if method_id else None
            if method_id and loaded is not None:
                found[method_id] = loaded[1]
        return found

    def check_file(self, path: Path, log: ProblemLog) -> bool:
        """Validate a method card file on its own, as `workshopgen validate` does."""
        errors_before = len(log.errors)
        self._cards[path.stem] = self._load_path(path, log)
        return len(log.errors) == errors_before

    def known(self) -> list[str]:
        folder = self.project.methods_dir
        return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []

    def inherit(self, document: Document, log: ProblemLog) -> list[Document]:
        """Fill agenda items from the method cards they name; returns the cards used."""
        used: list[Document] = []
        agenda = document.data.get("agenda")
        if not isinstance(agenda, list):
            return used
        for n, item in enumerate(agenda):
            if not isinstance(item, dict) or not isinstance(item.get("method"), str):
                continue
            method_id = item["method"]
            if not is_slug(method_id):
                continue  # not a file name to look up; validation reports it at its line
            if not self.project.method_path(method_id).is_file():
                hint = did_you_mean(method_id, self.known()) or (
                    "method cards live in workshops/methods/; known: " + ", ".join(self.known()))
                log.error(document.locate(("agenda", n, "method")), f"no method card called `{method_id}`", hint)
                continue
            found = self.get(method_id, log)
            if found is None:
                continue
            card_doc, _ = found
            used.append(card_doc)
            for field in INHERITED_FROM_METHOD:
                if field not in item and field in card_doc.data:
                    item[field] = copy.deepcopy(card_doc.data[field])
                    document.source.update(card_doc.source.rebased((field,), ("agenda", n, field)))
        return used


# The fewest people a card's `group_size` names, as its text starts: "4 to 40 people" gives 4.
_LEAST = re.compile(r"\s*(\d+)\b")


def least_people(card: MethodCard) -> int | None:
    found = _LEAST.match(card.group_size)
    return int(found.group(1)) if found else None


def check_method_minimums(workshop: Workshop, document: Document, cards: Mapping[str, MethodCard],
                          log: ProblemLog) -> None:
    """A warning at each `method:` whose card needs more people than the workshop may have."""
    fewest = workshop.group_size.min
    for n, item in enumerate(workshop.agenda):
        card = cards.get(item.method or "")
        least = least_people(card) if card else None
        if card and least and least > fewest:
            log.warn(document.locate(("agenda", n, "method")),
                     f"`{card.id}` needs at least {least} people ({card.group_size}), but this workshop runs with "
                     f"as few as {fewest} (`group_size: min`)",
                     f"raise `group_size: min` to {least}, or use a method that works with {fewest} people")
