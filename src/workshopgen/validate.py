"""Validate loaded data into models, turning every pydantic error into a located, plain message."""

from __future__ import annotations

import re
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import ProblemLog, did_you_mean
from .load import DataPath, Document

M = TypeVar("M", bound=BaseModel)


def validate_document(document: Document, model: type[M], log: ProblemLog) -> M | None:
    """The document as `model`, or None with every problem logged at its line."""
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        for error in exc.errors():
            _log_error(document, model, dict(error), log)
        return None


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[DataPath, bool]:
    """The path into the data that pydantic's `loc` names, and whether it ends at a key."""
    path: list[str | int] = []
    node = data
    after_tag = False
    for part in loc:
        if part == "[key]":
            return tuple(path), True
        # The tag pydantic adds for a discriminated union (slides by `type:`, printables by `kind:`)
        # comes first inside the item, and may share its name with a key of the item that follows it
        # (a `diagram` slide's `diagram:`, a card set's `cards:`).
        tag = (not after_tag and isinstance(node, dict) and isinstance(part, str)
               and part in (node.get("type"), node.get("kind")))
        after_tag = tag
        if tag:
            continue
        path.append(part)
        if isinstance(node, dict):
            node = node.get(part) if isinstance(part, str) else None
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(path), False


def label(data: Any, path: DataPath) -> str:
    """A readable name for a place in the data: list items by their `id` where they have one."""
    parts: list[str] = []
    node = data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            parts.append(f"`{item_id}`" if isinstance(item_id, str) else f"item {part + 1}")
            node = item
        else:
            parts.append(part)
            node = node.get(part) if isinstance(node, dict) else None
    return " › ".join(parts) if parts else "the file"


@cache
def _schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()


def _schema_node(model: type[BaseModel], data: Any, path: DataPath) -> dict[str, Any]:
    """The JSON Schema node for `path`, following the data through lists and tagged unions."""
    root = _schema(model)
    defs = root.get("$defs", {})

    def resolve(node: dict[str, Any], value: Any) -> dict[str, Any]:
        while True:
            if "$ref" in node:
                node = defs[node["$ref"].split("/")[-1]]
            elif "oneOf" in node or "anyOf" in node:
                options = node.get("oneOf") or node.get("anyOf") or []
                discriminator = node.get("discriminator", {})
                mapping, tag = discriminator.get("mapping", {}), discriminator.get("propertyName", "type")
                if isinstance(value, dict) and value.get(tag) in mapping:
                    node = defs[mapping[value[tag]].split("/")[-1]]
                else:
                    # A mapping is read against the option that takes one (a card given as text or as a mapping).
                    real = [o for o in options if o.get("type") != "null"]
                    mapped = [o for o in real if "$ref" in o or o.get("type") == "object"]
                    node = next(iter(mapped if isinstance(value, dict) and mapped else real), {})
            else:
                return node

    node, value = resolve(root, data), data
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {})
            value = value[part] if isinstance(value, list) and part < len(value) else None
        else:
            node = node.get("properties", {}).get(part, {})
            value = value.get(part) if isinstance(value, dict) else None
        node = resolve(node, value)
    return node


def _allowed_keys(model: type[BaseModel], data: Any, path: DataPath) -> list[str]:
    return list(_schema_node(model, data, path).get("properties", {}))


def _field_description(model: type[BaseModel], data: Any, path: DataPath) -> str:
    if not path:
        return ""
    field = _schema_node(model, data, path[:-1]).get("properties", {}).get(path[-1], {})
    return str(field.get("description", ""))


_TYPE_WORDS = {
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number, without commas or units, such as 1776 or 2.5",
    "finite_number": "must be a number, without commas or units, such as 1776 or 2.5",
    "string_type": "must be text",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "list_type": "must be a list (lines starting with `- `)",
    "dict_type": "must be a mapping of `key: value` lines",
    "model_type": "must be a mapping of `key: value` lines",
    "model_attributes_type": "must be a mapping of `key: value` lines",
    "date_from_datetime_parsing": "must be a date such as 2027-03-04",
    "date_parsing": "must be a date such as 2027-03-04",
    "date_type": "must be a date such as 2027-03-04",
}


def _message(error: dict[str, Any], where: str) -> tuple[str, str]:
    kind = error["type"]
    ctx = error.get("ctx", {})
    given = error.get("input")
    shown = f" (got {given!r})" if isinstance(given, (str, int, float, bool)) and len(repr(given)) < 60 else ""
    if kind in _TYPE_WORDS:
        return f"`{where}` {_TYPE_WORDS[kind]}{shown}", ""
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        near = did_you_mean(given, re.findall(r"'([^']*)'", expected)) if isinstance(given, str) else None
        return f"`{where}` must be one of {expected}{shown}", near or "use one of the words listed"
    if kind == "string_too_short":
        return f"`{where}` must not be empty", "write something, or remove the key"
    if kind == "string_too_long":
        length = len(given) if isinstance(given, str) else "?"
        return (f"`{where}` is too long ({length} characters; the limit is {ctx.get('max_length')})",
                "shorten it, or split it into several items")
    if kind == "too_short":
        return f"`{where}` needs at least {ctx.get('min_length')} item(s)", "add items to the list"
    if kind == "too_long":
        return f"`{where}` has more than {ctx.get('max_length')} items", "split it over more slides or items"
    if kind in ("greater_than_equal", "greater_than"):
        return f"`{where}` must be at least {ctx.get('ge', ctx.get('gt'))}{shown}", ""
    if kind in ("less_than_equal", "less_than"):
        return f"`{where}` must be at most {ctx.get('le', ctx.get('lt'))}{shown}", ""
    if kind in ("union_tag_not_found", "union_tag_invalid"):
        key = str(ctx.get("discriminator", "type")).strip("'\"")
        if kind == "union_tag_not_found":
            if key == "type":
                return f"`{where}` needs a `type:`", "for example `type: bullets`; see `workshopgen schema`"
            return f"`{where}` needs a `{key}:`", f"say which {key} it is; `workshopgen schema` lists them"
        return (f"`{where}` has an unknown `{key}:` {ctx.get('tag')!r}",
                f"use one of {ctx.get('expected_tags', '')}")
    if kind == "value_error":  # a model's own check, which may say how to fix it
        return f"`{where}` {ctx.get('error', error['msg'])!s}", str(ctx.get("hint", ""))
    return f"`{where}`: {error['msg']}", ""


def _log_error(document: Document, model: type[BaseModel], error: dict[str, Any], log: ProblemLog) -> None:
    data = document.data
    path, at_key = _data_path(data, tuple(error["loc"]))
    kind = error["type"]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, data, path[:-1])
        hint = did_you_mean(str(path[-1]), allowed) or "allowed here: " + ", ".join(allowed)
        log.error(document.locate(path, key=True), f"unknown key `{path[-1]}` in {label(data, path[:-1])}", hint)
        return
    if kind == "missing":
        described = _field_description(model, data, path)
        hint = f"add `{path[-1]}:`" + (f" ({described})" if described else "")
        log.error(document.locate(path[:-1]), f"{label(data, path[:-1])} is missing `{path[-1]}`", hint)
        return
    message, hint = _message(error, label(data, path))
    if not hint:
        described = _field_description(model, data, path)
        hint = described or "see `workshopgen schema` for what this key takes"
    log.error(document.locate(path, key=at_key), message, hint)
