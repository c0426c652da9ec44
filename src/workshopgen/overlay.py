"""Apply a team's overlay to a workshop: deep merge, lists of items merged by `id`.

Mappings merge key by key; a list whose entries all have an `id` merges entry by entry (a new
`id` is appended, or placed by `insert_after` / `insert_before`); any other value in the overlay
replaces the workshop's. Entries written as plain text (key ideas, preparation, debrief questions,
slides) take ids from their first words, as the model gives them, so an overlay can change one
by that id; an overlay's list written without ids replaces the workshop's.
`remove: [ids]` drops any entry by its id, and with an agenda item goes what served it alone:
its materials, resources, preparation, room set-up lines, key ideas and reflection questions.
The merged source map keeps each value's own file, so errors point at the overlay's lines.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

from .errors import Location, ProblemLog, did_you_mean
from .load import DataPath, Document, SourceMap
from .model import as_slug, with_ids

OVERLAY_KEYS = ("extends", "remove")
PLACEMENT_KEYS = ("insert_after", "insert_before")
# Lists whose entries may be plain text, by the key their text takes; top level, then in agenda items.
ENTRY_LISTS = {"preparation": "task", "room_setup": "text", "key_ideas": "text", "reflection_questions": "text",
               "outcomes": "text"}
ITEM_ENTRY_LISTS = {"slides": "title", "debrief": "text", "prompts": "text", "tips": "text"}
REMOVABLE_LISTS = ("agenda", "materials", "resources", "figures", *ENTRY_LISTS)


def is_overlay(document: Document) -> bool:
    return "extends" in document.data


def team_of(overlay: Document) -> str:
    """The team's slug: its folder under teams/, or the overlay file's own name."""
    folder = overlay.path.parent.name
    name = folder if overlay.path.parent.parent.name == "teams" else overlay.path.stem
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "team"


def apply_overlay(base: Document, overlay: Document, log: ProblemLog) -> Document:
    """The workshop as the overlay's team runs it, with its id made `<workshop>-<team>`."""
    # Only the workshop's entries take ids from their text: an overlay's list written without ids
    # replaces the workshop's whole, and one that gives ids changes those entries alone.
    _give_entries_ids(base)
    source = SourceMap()
    body = {k: v for k, v in overlay.data.items() if k not in OVERLAY_KEYS}
    if "id" not in body:
        body["id"] = f"{base.data.get('id', base.path.stem)}-{team_of(overlay)}"
        source.values[("id",)] = overlay.locate(("extends",))
    merger = _Merger(base.source, overlay.source, source, log, overlay)
    data = merger.merge(base.data, body, ())
    merged = Document(overlay.path, data, source)
    _remove(merged, overlay, log)
    return merged


def _give_entries_ids(document: Document) -> None:
    """Entries written as plain text become `{id, text}` mappings, with their places kept."""
    data = document.data
    if isinstance(data.get("room_setup"), str):
        data["room_setup"] = [data["room_setup"]]
        document.source.values[("room_setup", 0)] = document.locate(("room_setup",))
    lists: list[tuple[DataPath, str]] = [((name,), key) for name, key in ENTRY_LISTS.items()]
    agenda = data.get("agenda")
    if isinstance(agenda, list):
        lists += [(("agenda", n, name), key) for n, item in enumerate(agenda) if isinstance(item, dict)
                  for name, key in ITEM_ENTRY_LISTS.items()]
    for path, key in lists:
        parent = _at(data, path[:-1])
        entries = parent.get(path[-1]) if isinstance(parent, dict) else None
        if not isinstance(entries, list):
            continue
        for n, entry in enumerate(entries):
            if isinstance(entry, str) and path + (n,) in document.source.values:
                document.source.values[path + (n, key)] = document.source.values[path + (n,)]
        parent[str(path[-1])] = with_ids(entries, key)


def _at(data: Any, path: DataPath) -> Any:
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _has_ids(value: Any) -> bool:
    # Only text ids can match; a list with any other id is replaced whole, and validation names the bad id.
    return isinstance(value, list) and all(isinstance(v, dict) and isinstance(v.get("id"), str) for v in value)


class _Merger:
    def __init__(self, base: SourceMap, over: SourceMap, out: SourceMap, log: ProblemLog,
                 overlay: Document) -> None:
        self.base, self.over, self.out, self.log, self.overlay = base, over, out, log, overlay

    def take(self, value: Any, src: SourceMap, at: DataPath, to: DataPath) -> Any:
        self.out.update(src.rebased(at, to))
        return value

    def merge(self, base: Any, over: Any, at: DataPath) -> Any:
        if isinstance(base, dict) and isinstance(over, dict):
            merged = {}
            self.out.values[at] = self.base.values.get(at, self.over.locate(at))
            for key, value in base.items():
                if key in over:
                    merged[key] = self.merge(value, over[key], at + (key,))
                    self.out.keys[at + (key,)] = self.over.keys.get(at + (key,), self.out.values[at])
                else:
                    merged[key] = self.take(value, self.base, at + (key,), at + (key,))
                    if at + (key,) in self.base.keys:
                        self.out.keys[at + (key,)] = self.base.keys[at + (key,)]
            for key, value in over.items():
                if key not in base:
                    merged[key] = self.take(value, self.over, at + (key,), at + (key,))
                    # The `id` made for an overlay that gives none has no key of its own in the file.
                    self.out.keys[at + (key,)] = self.over.locate(at + (key,), key=True)
            return merged
        # An item with an id that is not text is left for validation to name.
        if at and at[-1] in (*ENTRY_LISTS, *ITEM_ENTRY_LISTS) and isinstance(over, list) and not any(
                isinstance(v, dict) and "id" in v for v in over):
            return self.take(over, self.over, at, at)  # a list of entries without ids replaces the workshop's
        if _has_ids(base) and isinstance(over, list) and over and all(
                isinstance(v, dict) and isinstance(v.get("id", ""), str) for v in over):
            return self.merge_by_id(base, self.with_ids(over, at), at)
        return self.take(over, self.over, at, at)

    def with_ids(self, over: list[dict[str, Any]], at: DataPath) -> list[tuple[int, dict[str, Any]]]:
        """The overlay's items that have an id, with their places in its list. An item without one
        cannot be placed among the workshop's: one error says so, and the rest still merge, so no
        other error follows from it."""
        kept = []
        for j, item in enumerate(over):
            if isinstance(item.get("id"), str):
                kept.append((j, item))
                continue
            title = item.get("title") or item.get("name")
            suggestion = as_slug(title) if isinstance(title, str) else ""
            hint = f"add `id: {suggestion}`" if suggestion else "add an `id:`, a short name such as `local-data`"
            self.log.error(self.over.locate(at + (j,)),
                           f"this item of `{'.'.join(map(str, at))}` has no `id`, so it cannot be matched with or "
                           "placed among the workshop's items", hint)
        return kept

    def merge_by_id(self, base: list[dict[str, Any]], over: list[tuple[int, dict[str, Any]]],
                    at: DataPath) -> list[Any]:
        # Each entry is (data, source map of that entry alone), rebased to path () for reordering.
        entries: list[tuple[dict[str, Any], SourceMap]] = [
            (item, self.base.rebased(at + (i,), ())) for i, item in enumerate(base)
        ]
        index = {item["id"]: n for n, (item, _) in enumerate(entries)}
        for j, patch in over:
            where = at + (j,)
            placement = {k: patch[k] for k in PLACEMENT_KEYS if k in patch}
            patch = {k: v for k, v in patch.items() if k not in PLACEMENT_KEYS}
            item_id = patch["id"]
            if item_id not in index and self.meant_as_change(entries, patch, where):
                continue
            if item_id in index:
                n = index[item_id]
                sub = _Merger(entries[n][1], self.over.rebased(where, ()), SourceMap(), self.log, self.overlay)
                entries[n] = (sub.merge(entries[n][0], patch, ()), sub.out)
                if not placement:
                    continue
                moved = entries.pop(n)
            else:
                moved = (patch, self.over.rebased(where, ()))
            position = self.position(entries, placement, where)
            entries.insert(position, moved)
            index = {item["id"]: n for n, (item, _) in enumerate(entries)}
        self.out.values[at] = self.base.values.get(at, self.over.locate(at))
        result = []
        for n, (item, source) in enumerate(entries):
            self.out.update(source.rebased((), at + (n,)))
            result.append(item)
        return result

    def meant_as_change(self, entries: list[tuple[dict[str, Any], SourceMap]], patch: dict[str, Any],
                        where: DataPath) -> bool:
        """Whether an item whose id is new lacks what every item of the list has, and its id is close
        to one of theirs: a change to that item with its id mistyped, reported as such (not as an
        incomplete new item)."""
        ids = [item["id"] for item, _ in entries]
        common = set.intersection(*(set(item) for item, _ in entries)) if entries else set()
        missing = sorted(common - set(patch) - set(PLACEMENT_KEYS))
        suggestion = did_you_mean(patch["id"], ids)
        if not missing or suggestion is None:
            return False
        self.log.error(self.over.locate(where + ("id",)),
                       f"`{patch['id']}` is not an id of the workshop's items, and as a new item it lacks "
                       f"{', '.join(f'`{k}`' for k in missing)}", suggestion)
        return True

    def position(self, entries: list[tuple[dict[str, Any], SourceMap]], placement: dict[str, Any],
                 where: DataPath) -> int:
        if not placement:
            return len(entries)
        if len(placement) > 1:
            self.log.error(self.over.locate(where + ("insert_before",), key=True),
                           "give `insert_after` or `insert_before`, not both", "keep one of them")
        key, target = next(iter(placement.items()))
        ids = [item["id"] for item, _ in entries]
        if target not in ids:
            self.log.error(self.over.locate(where + (key,)),
                           f"`{key}: {target}` names no item here", _choices(ids, str(target)))
            return len(entries)
        return ids.index(target) + (1 if key == "insert_after" else 0)


def _remove(merged: Document, overlay: Document, log: ProblemLog) -> None:
    removals = overlay.data.get("remove", [])
    if not isinstance(removals, list) or not all(isinstance(r, str) for r in removals):
        log.error(overlay.locate(("remove",)), "`remove` must be a list of ids",
                  "write it as `remove: [video, small-groups]`")
        return
    data = merged.data
    agenda = data.get("agenda")
    order = [item.get("id") for item in agenda if isinstance(item, dict)] if isinstance(agenda, list) else []
    for n, item_id in enumerate(removals):
        found = _find(data, item_id)
        if len(found) != 1:
            _not_removable(data, item_id, found, overlay.locate(("remove", n)), log)
            continue
        path = found[0]
        if path == ("agenda",):
            merged.removed.append(next(i for i in data["agenda"] if i["id"] == item_id))
        wanted = item_id.rpartition("/")[2] if len(path) > 1 else item_id
        _drop(merged, path, lambda entry, wanted=wanted: entry.get("id") == wanted)  # type: ignore[misc]
    if merged.removed:
        _drop_what_served(merged, {item["id"] for item in merged.removed})
        _drop_transitions_into_removed(merged, order)


def _find(data: dict[str, Any], item_id: str) -> list[DataPath]:
    """The lists holding an entry `item_id`: one of the workshop's own lists, else a list inside an
    agenda item; `item/slide` names an entry of one item."""
    top: list[DataPath] = [(name,) for name in REMOVABLE_LISTS if _holds(data.get(name), item_id)]
    if top:
        # An agenda item sharing its id with, say, its own material is the one meant; what it
        # alone used goes with it anyway.
        return [("agenda",)] if ("agenda",) in top else top
    owner, _, child = item_id.rpartition("/")
    agenda = data["agenda"] if isinstance(data.get("agenda"), list) else []
    return [("agenda", n, name) for n, item in enumerate(agenda) if isinstance(item, dict)
            and (not owner or item.get("id") == owner)
            for name in ITEM_ENTRY_LISTS if _holds(item.get(name), child)]


def _holds(entries: Any, item_id: str) -> bool:
    return _has_ids(entries) and any(e["id"] == item_id for e in entries)


def _not_removable(data: dict[str, Any], item_id: str, found: list[DataPath], where: Location,
                   log: ProblemLog) -> None:
    if found and len(found[0]) == 1:
        log.error(where, f"`remove` names `{item_id}`, which is the id of an entry in "
                         f"{' and in '.join(f'`{p[0]}`' for p in found)}",
                  "give one of them another id in your overlay")
        return
    if found:
        places = ", ".join(f"`{data['agenda'][p[1]]['id']}/{item_id}`" for p in found)
        log.error(where, f"`remove` names `{item_id}`, which more than one agenda item has",
                  f"name the one meant: {places}")
        return
    known = [i["id"] for key in REMOVABLE_LISTS if _has_ids(data.get(key)) for i in data[key]]
    log.error(where, f"`remove` names `{item_id}`, which is not in the workshop", _choices(known, item_id))


def _drop(document: Document, at: DataPath, gone: Callable[[dict[str, Any]], bool]) -> None:
    """Remove the entries of the list at `at` that are `gone`, moving the places of the rest."""
    source = document.source
    parent = _at(document.data, at[:-1])
    kept_items: list[dict[str, Any]] = []
    kept_source = SourceMap()
    for old, item in enumerate(parent[at[-1]]):
        if not gone(item):
            kept_source.update(source.rebased(at + (old,), at + (len(kept_items),)))
            kept_items.append(item)
    list_location = source.values.get(at)
    source.drop(at)
    source.update(kept_source)
    if list_location:
        source.values[at] = list_location
    parent[at[-1]] = kept_items


def _drop_what_served(document: Document, removed: set[str]) -> None:
    """What served only removed agenda items goes with them: materials and resources no remaining
    item uses, and entries whose `for:` names only removed items. What no item named stays: it
    serves the whole session."""
    data = document.data
    items = data["agenda"] if isinstance(data.get("agenda"), list) else []

    def users(kind: str, ref: str) -> set[str]:
        used = set()
        for item in [*items, *document.removed]:
            if not isinstance(item, dict):
                continue
            named: list[Any] = item[kind] if isinstance(item.get(kind), list) else []
            slides: list[Any] = item["slides"] if isinstance(item.get("slides"), list) else []
            if kind == "resources":
                named = [*named, *(s.get("resource") for s in slides if isinstance(s, dict))]
            if ref in named:
                used.add(str(item.get("id")))
        return used

    # A figure's source stays while the figure does: the guide lists where each comes from.
    figures: list[Any] = data["figures"] if isinstance(data.get("figures"), list) else []
    cited = {f["source"] for f in figures if isinstance(f, dict) and isinstance(f.get("source"), str)}
    for kind in ("materials", "resources"):
        if _has_ids(data.get(kind)):
            _drop(document, (kind,), lambda e, k=kind: e["id"] not in cited  # type: ignore[misc]
                  and bool(u := users(k, e["id"])) and u <= removed)
    lists: list[DataPath] = [(name,) for name in ENTRY_LISTS]
    lists += [("agenda", n, name) for n in range(len(items)) for name in ("steps", *ITEM_ENTRY_LISTS)]
    for path in lists:
        entries = _at(data, path)
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            continue
        _drop(document, path, lambda e: bool(s := _serves(e)) and s <= removed)
        for entry in _at(data, path):  # what stays serves only the items that stay
            if _serves(entry) & removed:
                entry["for"] = sorted(_serves(entry) - removed)


def _drop_transitions_into_removed(document: Document, order: list[Any]) -> None:
    """A transition leads into the item that came next in the workshop, so one leading into a
    removed item goes with it, unless the overlay wrote it for the session as it now runs."""
    removed = {item["id"] for item in document.removed}
    following = dict(itertools.pairwise(order))
    for n, item in enumerate(document.data["agenda"]):
        if (isinstance(item, dict) and following.get(item.get("id")) in removed and "transition" in item
                and document.locate(("agenda", n, "transition")).path != document.path):
            # A copy without it: the item may still be the workshop's own, shared with its document.
            document.data["agenda"][n] = {key: value for key, value in item.items() if key != "transition"}
            document.source.drop(("agenda", n, "transition"))


def _serves(entry: dict[str, Any]) -> set[str]:
    serves = entry.get("for")
    if isinstance(serves, str):
        return {serves}
    return {s for s in serves if isinstance(s, str)} if isinstance(serves, list) else set()


def _choices(ids: list[str], near: str | None = None) -> str:
    if near and (suggestion := did_you_mean(near, ids)):
        return suggestion
    return "ids here: " + ", ".join(ids) if ids else "there are no items to refer to"
