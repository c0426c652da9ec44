"""load → overlay → methods → model → checks → plan → layout, for one workshop or a whole library."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import ResourceCatalogue
from .checks import check_workshop
from .coherence import check_coherence
from .deck_template import deck_geometry
from .errors import Location, Problem, ProblemLog, WorkshopgenError, did_you_mean, display_path
from .layout.deck import lay_out
from .load import Document, load
from .methods import MethodLibrary, check_method_minimums
from .model import Workshop, is_slug
from .overlay import apply_overlay, is_overlay
from .plan import Plan, make_plan
from .project import Project
from .statistics import check_statistics, said_in_workshop
from .validate import validate_document


@dataclass
class Compiled:
    """One workshop ready to render: its plan, the asset bytes it names, the files it came from,
    and the merged document, whose source map places any value for later messages."""

    plan: Plan
    assets: dict[str, bytes]
    document: Document
    inputs: list[Path] = field(default_factory=list)
    overlay: bool = False


class Compiler:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.methods = MethodLibrary(project)
        self.catalogue = ResourceCatalogue(project)

    def workshop_document(self, path: Path, overlay: Path | None, log: ProblemLog) -> tuple[Document, list[Path]]:
        """The document to validate, with any overlay applied, and the files it was made from."""
        document = self.load(path, log)
        if overlay is not None:
            return apply_overlay(document, self.load(overlay, log), log), [path, overlay]
        if not is_overlay(document):
            return document, [path]
        base_id = document.data["extends"]
        where = document.locate(("extends",))
        base_path = self.project.workshop_path(base_id) if is_slug(base_id) else None
        if base_path is None or not base_path.is_file():
            ids = [p.stem for p in self.project.workshop_files()]
            hint = did_you_mean(str(base_id), ids) or f"use one of: {', '.join(ids)}"
            raise WorkshopgenError([Problem(where, f"`extends: {base_id}` names no workshop in workshops/", hint)])
        if is_overlay(base := self.load(base_path, log)):
            raise WorkshopgenError([Problem(where, "an overlay must extend a workshop, not another overlay",
                                                "name the workshop itself")])
        return apply_overlay(base, document, log), [base_path, path]

    def load(self, path: Path, log: ProblemLog) -> Document:
        """A workshop or overlay file, with the catalogue resources it names by id written out."""
        document = load(path)
        self.catalogue.expand(document, log)
        return document

    def compile(self, path: Path, log: ProblemLog, overlay: Path | None = None) -> Compiled | None:
        """The workshop at `path` (an overlay or a workshop) planned, or None with problems logged."""
        errors_before = len(log.errors)
        try:
            document, inputs = self.workshop_document(path, overlay, log)
        except WorkshopgenError as exc:
            log.extend(exc.problems)
            return None
        card_documents = self.methods.inherit(document, log)
        workshop = validate_document(document, Workshop, log)
        if workshop is None or len(log.errors) > errors_before:
            return None
        expected_id = path.stem if len(inputs) == 1 else None
        assets = check_workshop(workshop, document, self.project.root, log, expected_id=expected_id)
        cards = self.methods.cards([item.method for item in workshop.agenda])
        check_coherence(workshop, document, self.removed_methods(document, log), log)
        # Method cards' own words are checked once, with the card, not in every workshop using it.
        check_statistics(said_in_workshop(workshop), document, log,
                         figures={f.id: f.value for f in workshop.figures}, skip={c.path for c in card_documents})
        check_method_minimums(workshop, document, cards, log)
        plan = make_plan(workshop, document, workshop.id, log, methods=cards,
                         source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH"))
        plan = lay_out(plan, document, deck_geometry(workshop, assets), log)
        if len(log.errors) > errors_before:
            return None
        plan = plan.model_copy(update={"source": display_path(document.path)})
        asset_paths = [self.project.root / value for value in assets]
        sources = inputs + self.catalogue.used_by(inputs) + [card.path for card in card_documents] + asset_paths
        return Compiled(plan, assets, document, sources, overlay=len(inputs) > 1)

    def removed_methods(self, document: Document, log: ProblemLog) -> dict[str, str]:
        """The titles of the method cards an overlay's removed items followed, by method id."""
        titles: dict[str, str] = {}
        for item in document.removed:
            method = item.get("method")
            if isinstance(method, str) and is_slug(method) and (found := self.methods.get(method, log)):
                titles[method] = found[1].title
        return titles

    def compile_all(self, paths: list[Path], log: ProblemLog, overlay: Path | None = None) -> list[Compiled]:
        compiled = [c for p in paths if (c := self.compile(p, log, overlay)) is not None]
        duplicate_outputs([(c.plan.output_id, c.plan.source) for c in compiled], log)
        return compiled


def duplicate_outputs(made: list[tuple[str, str]], log: ProblemLog) -> None:
    """An error for each workshop whose outputs would overwrite another's; `made` holds each
    workshop's output id and source file."""
    seen: dict[str, str] = {}
    for output_id, source in made:
        if output_id in seen:
            log.error(Location(Path(source)), f"`{output_id}` would overwrite the output of {seen[output_id]}",
                      "give the overlay its own `id:`")
        seen[output_id] = source
