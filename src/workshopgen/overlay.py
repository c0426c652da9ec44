"""Apply a team's overlay to a workshop: deep merge, lists of items merged by `id`.

Mappings merge key by key; a list whose entries all have an `id` merges entry by entry (a new
`id` is appended, or placed by `insert_after` / `insert_before`); any other value in the overlay
replaces the workshop's. `remove: [ids]` drops items from the agenda, materials and resources.
The merged source map keeps each value's own file, so errors point at the overlay's lines.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import ProblemLog, did_you_mean
from .load import DataPath, Document, SourceMap
from .model import as_slug

OVERLAY_KEYS = ("extends", "remove")
PLACEMENT_KEYS = ("insert_after", "insert_before")
REMOVABLE_LISTS = ("agenda", "materials", "resources")


def is_overlay(document: Document) -> bool:
    return "extends" in document.data


def team_of(overlay: Document) -> str:
    """The team's slug: its folder under teams/, or the overlay file's own name."""
    folder = overlay.path.parent.name
    name = folder if overlay.path.parent.parent.name == "teams" else overlay.path.stem
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "team"


def apply_overlay(base: Document, overlay: Document, log: ProblemLog) -> Document:
    """The workshop as the overlay's team runs it, with its id made `<workshop>-<team>`."""
    source = SourceMap()
    body = {k: v for k, v in overlay.data.items() if k not in OVERLAY_KEYS}
    if "id" not in body:
        body["id"] = f"{base.data.get('id', base.path.stem)}-{team_of(overlay)}"
        source.values[("id",)] = overlay.locate(("extends",))
    merger = _Merger(base.source, overlay.source, source, log, overlay)
    data = merger.merge(base.data, body, ())
    _remove(data, overlay, source, log)
    return Document(overlay.path, data, source)


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


def _remove(data: dict[str, Any], overlay: Document, source: SourceMap, log: ProblemLog) -> None:
    removals = overlay.data.get("remove", [])
    if not isinstance(removals, list) or not all(isinstance(r, str) for r in removals):
        log.error(overlay.locate(("remove",)), "`remove` must be a list of ids",
                  "write it as `remove: [video, small-groups]`")
        return
    for n, item_id in enumerate(removals):
        name = next((name for name in REMOVABLE_LISTS
                     if _has_ids(data.get(name)) and any(i["id"] == item_id for i in data[name])), None)
        if name is None:
            known = [i["id"] for key in REMOVABLE_LISTS if _has_ids(data.get(key)) for i in data[key]]
            log.error(overlay.locate(("remove", n)), f"`remove` names `{item_id}`, which is not in the workshop",
                      _choices(known, item_id))
            continue
        at: DataPath = (name,)
        kept_items: list[dict[str, Any]] = []
        kept_source = SourceMap()
        for old, item in enumerate(data[name]):
            if item["id"] != item_id:
                kept_source.update(source.rebased(at + (old,), at + (len(kept_items),)))
                kept_items.append(item)
        list_location = source.values.get(at)
        source.drop(at)
        source.update(kept_source)
        if list_location:
            source.values[at] = list_location
        data[name] = kept_items


def _choices(ids: list[str], near: str | None = None) -> str:
    if near and (suggestion := did_you_mean(near, ids)):
        return suggestion
    return "ids here: " + ", ".join(ids) if ids else "there are no items to refer to"
