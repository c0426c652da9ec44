"""The library's resource catalogue: `workshops/resources.yaml` declares each resource once.

A workshop's `resources:` entry may be a catalogue id alone (`- hz-feno`), a catalogue id with a
`description` of its own (`- {id: hz-feno, description: ...}`), or a whole resource of its own.
Catalogue entries are copied into a workshop before any overlay is applied and the workshop is
validated, keeping their places in resources.yaml, so a mistake in an entry (a broken address,
say) is reported on its own line there, and the reference where the workshop wrote it.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from pydantic import Field

from .errors import Location, Problem, ProblemLog, WorkshopgenError, did_you_mean, display_path
from .load import DataPath, Document, SourceMap, load
from .model import Model, Resource, is_slug
from .project import Project
from .validate import validate_document

# What a workshop may set on a catalogue entry it names; the rest is the same in every workshop.
OWN_FIELDS = ("id", "description")


class CatalogueResource(Resource):
    further_reading: bool = Field(
        False, description="true to list it under Further reading in the pack index (output/index.html)."
    )


class CatalogueFile(Model):
    """workshops/resources.yaml: every resource the library's workshops name by id."""

    resources: list[CatalogueResource] = Field(
        default_factory=list, description="Each resource once: one address, one title, publisher, kind and year."
    )


Entries = dict[str, tuple[int, CatalogueResource]]


class ResourceCatalogue:
    """Loads workshops/resources.yaml once per run and copies its entries into the workshops naming them."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._loaded: tuple[Document, Entries] | None = None
        self._places: dict[int, SourceMap] | None = None  # the catalogue's places, by entry
        self._tried = False
        self._problems: list[Problem] = []
        self._reported = False
        self.users: set[Path] = set()  # the workshop and overlay files that named an entry

    @property
    def path(self) -> Path:
        return self.project.catalogue_path

    def _load(self) -> tuple[Document, Entries] | None:
        """The catalogue and its entries by id, or None when there is none or it has errors."""
        if self._tried:
            return self._loaded
        self._tried = True
        if not self.path.is_file():
            return None
        log = ProblemLog()
        try:
            document = load(self.path)
        except WorkshopgenError as exc:
            self._problems = exc.problems
            return None
        catalogue = validate_document(document, CatalogueFile, log)
        if catalogue is not None:
            _unique_ids_and_addresses(catalogue, document, log)
        self._problems = log.problems
        if catalogue is None or log.errors:
            return None
        self._loaded = document, {r.id: (n, r) for n, r in enumerate(catalogue.resources)}
        return self._loaded

    def _report(self, log: ProblemLog) -> tuple[Document, Entries] | None:
        """The catalogue, its problems logged the first time it is used in a run."""
        loaded = self._load()
        if not self._reported:
            self._reported = True
            log.extend(self._problems)
        return loaded

    def check_file(self, log: ProblemLog) -> bool:
        """Validate the catalogue on its own, as `workshopgen validate` does."""
        errors_before = len(log.errors)
        self._report(log)
        return len(log.errors) == errors_before

    def further_reading(self, log: ProblemLog) -> list[CatalogueResource]:
        """The entries marked `further_reading: true`, in the catalogue's order."""
        loaded = self._report(log)
        return [r for _, r in loaded[1].values() if r.further_reading] if loaded else []

    def located(self, log: ProblemLog) -> list[tuple[CatalogueResource, Location]]:
        """Every entry with the place of its address in resources.yaml, as `links` checks them."""
        loaded = self._report(log)
        if loaded is None:
            return []
        document, by_id = loaded
        return [(r, document.locate(("resources", n, "url"))) for n, r in by_id.values()]

    def used_by(self, paths: list[Path]) -> list[Path]:
        """The catalogue, as an input of a workshop made from `paths`, when any of them named an entry."""
        return [self.path] if any(p in self.users for p in paths) else []

    def expand(self, document: Document, log: ProblemLog) -> None:
        """Replace each catalogue id in the document's `resources:` with the entry it names."""
        entries = document.data.get("resources")
        if not isinstance(entries, list):
            return
        wanted = [n for n, e in enumerate(entries) if isinstance(e, str) or _names_entry(e)]
        if wanted:
            self._expand(document, entries, wanted, log)
        self._same_address_warnings(document, log)

    def _expand(self, document: Document, entries: list[Any], wanted: list[int], log: ProblemLog) -> None:
        loaded = self._report(log)
        name = display_path(self.path)
        if loaded is None:
            first = entries[wanted[0]]
            ref = first if isinstance(first, str) else first["id"]
            if self.path.is_file():
                log.error(document.locate(("resources", wanted[0])),
                          f"`{_shown(ref)}` cannot be looked up, as the resource catalogue has errors",
                          f"fix the problems reported in {name}")
            else:
                log.error(document.locate(("resources", wanted[0])),
                          f"`{_shown(ref)}` names a catalogue resource, but there is no {name}",
                          "write the resource out in full here (id, kind, title, publisher, url)")
            _drop_entries(document, wanted)
            return
        catalogue, by_id = loaded
        if self._places is None:
            self._places = _places_by_entry(catalogue.source)
        written = _places_by_entry(document.source)
        copied: dict[int, SourceMap] = {}
        dropped: list[int] = []
        for n in wanted:
            entry = entries[n]
            ref = entry if isinstance(entry, str) else entry["id"]
            if not is_slug(ref) or ref not in by_id:
                dropped.append(n)
                hint = did_you_mean(ref, by_id) or (
                    f"add it to {name}, or write the resource out in full here (id, kind, title, publisher, url)")
                log.error(document.locate(("resources", n)),
                          f"`{_shown(ref)}` is not in the resource catalogue ({name})", hint)
                continue
            own = entry if isinstance(entry, dict) else {}
            others = [key for key in own if key not in OWN_FIELDS]
            for key in others:
                log.error(document.locate(("resources", n, key), key=True),
                          f"`{key}` of `{ref}` comes from the resource catalogue, so every workshop shows the same",
                          f"change it in {name}; a workshop may give a catalogue resource only a `description` of "
                          "its own, or give its own resource another id")
            if others:
                dropped.append(n)
                continue
            k = by_id[ref][0]
            entries[n], copied[n] = _copy(catalogue.data["resources"][k], self._places.get(k, SourceMap()),
                                          written.get(n, SourceMap()), document.locate(("resources", n)), own)
            self.users.add(document.path)
        _replace_places(document.source, copied)
        if dropped:
            _drop_entries(document, dropped)

    def _same_address_warnings(self, document: Document, log: ProblemLog) -> None:
        """A warning at a workshop's own resource whose address the catalogue already has."""
        loaded = self._load()
        entries = document.data.get("resources")
        if loaded is None or not isinstance(entries, list):
            return
        by_url = {r.url: r.id for _, r in loaded[1].values()}
        for n, entry in enumerate(entries):
            url = entry.get("url") if isinstance(entry, dict) else None
            where = document.locate(("resources", n, "url"))
            if isinstance(url, str) and url in by_url and where.path != self.path:
                log.warn(where, f"this address is in the resource catalogue as `{by_url[url]}`",
                         f"write `- {by_url[url]}` under `resources:` instead, so it has the same title everywhere")


def _shown(ref: str) -> str:
    return ref if len(ref) <= 80 else ref[:77] + "..."


def _names_entry(entry: object) -> bool:
    """A mapping that gives an id but no address: a catalogue resource, with something of its own."""
    return isinstance(entry, dict) and isinstance(entry.get("id"), str) and "url" not in entry


def _places_by_entry(source: SourceMap) -> dict[int, SourceMap]:
    """The places under each entry of `resources:`, by entry, relative to it: one pass over the map,
    as a workshop may name dozens of entries."""
    found: dict[int, SourceMap] = {}
    for name in ("values", "keys"):
        for path, place in getattr(source, name).items():
            if len(path) > 1 and path[0] == "resources" and isinstance(path[1], int):
                getattr(found.setdefault(path[1], SourceMap()), name)[path[2:]] = place
    return found


def _copy(entry: dict[str, Any], places: SourceMap, written: SourceMap, reference: Location,
          own: dict[str, Any]) -> tuple[dict[str, Any], SourceMap]:
    """A catalogue entry as a workshop's, with the places of its values (relative to the entry):
    the catalogue's values with their places in resources.yaml; the reference, and any description
    of the workshop's own, where the workshop has them."""
    data = {key: copy.deepcopy(value) for key, value in entry.items() if key != "further_reading"}
    out = SourceMap(dict(places.values), dict(places.keys))
    for key, value in own.items():
        data[key] = value
        for mine, theirs in ((out.values, written.values), (out.keys, written.keys)):
            for path in [path for path in mine if path[:1] == (key,)]:
                del mine[path]
            mine.update({path: place for path, place in theirs.items() if path[:1] == (key,)})
    out.values[()] = reference
    if "id" not in own or ("id",) not in out.values:
        out.values[("id",)] = reference
    return data, out


def _replace_places(source: SourceMap, copied: dict[int, SourceMap]) -> None:
    """The places under each copied entry of `resources:`, replaced by those the copy brought."""
    for name in ("values", "keys"):
        table: dict[DataPath, Location] = getattr(source, name)
        for path in [p for p in table if len(p) > 1 and p[0] == "resources" and p[1] in copied]:
            del table[path]
        for n, places in copied.items():
            table.update({("resources", n, *path): place for path, place in getattr(places, name).items()})


def _drop_entries(document: Document, dropped: list[int]) -> None:
    """Remove entries the catalogue could not supply, so validation says nothing more of them."""
    at: DataPath = ("resources",)
    kept: list[Any] = []
    source = SourceMap()
    for old, entry in enumerate(document.data["resources"]):
        if old not in dropped:
            source.update(document.source.rebased(at + (old,), at + (len(kept),)))
            kept.append(entry)
    where = document.source.values.get(at)
    document.source.drop(at)
    document.source.update(source)
    if where is not None:
        document.source.values[at] = where
    document.data["resources"] = kept


def _unique_ids_and_addresses(catalogue: CatalogueFile, document: Document, log: ProblemLog) -> None:
    seen_ids: dict[str, int] = {}
    seen_urls: dict[str, int] = {}
    for n, resource in enumerate(catalogue.resources):
        if resource.id in seen_ids:
            first = document.locate(("resources", seen_ids[resource.id], "id")).line
            log.error(document.locate(("resources", n, "id")),
                      f"two resources have the id `{resource.id}` (the first at line {first})",
                      "give each resource its own id")
        if resource.url in seen_urls:
            first = document.locate(("resources", seen_urls[resource.url], "url")).line
            log.error(document.locate(("resources", n, "url")),
                      f"two resources have the address {resource.url} (the first at line {first})",
                      "one address is one resource: keep one entry, and say in its description all the page holds")
        seen_ids.setdefault(resource.id, n)
        seen_urls.setdefault(resource.url, n)
