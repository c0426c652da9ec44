"""The JSON Schema of workshop files, for editors (yaml-language-server) that check as you type."""

from __future__ import annotations

import json
from typing import Any

from .model import FIELDS_HELP, SLUG, Workshop

SCHEMA_FILE = "schema/workshop.schema.json"


def workshop_schema_json() -> str:
    schema = Workshop.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "workshopgen workshop"
    _catalogue_references(schema)
    schema["description"] = FIELDS_HELP
    for definition in schema.get("$defs", {}).values():
        _mention_fields(definition)
    _mention_fields(schema)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _mention_fields(definition: dict[str, Any]) -> None:
    """Prose keys say that they take fields, so an editor shows it where people write."""
    for prop in definition.get("properties", {}).values():
        if _is_prose(prop) and "description" in prop:
            prop["description"] += " May use fields such as {table_size} or {time_of_day} (listed at the top)."


def _is_prose(prop: dict[str, Any]) -> bool:
    options = [prop, *prop.get("anyOf", []), prop.get("items", {})]
    return any(o.get("type") == "string" and o.get("maxLength", 0) >= 2000 for o in options)


def _catalogue_references(schema: dict[str, Any]) -> None:
    """A workshop's resource may also be the id of a catalogue entry, alone or with a description of its own:
    the catalogue's entries are written out before a workshop is validated, so the model never sees these."""
    resources = schema["properties"]["resources"]
    description = schema["$defs"]["Resource"]["properties"]["description"]
    slug = f"^{SLUG.pattern}$"
    resources["items"] = {"anyOf": [
        resources["items"],
        {"type": "string", "pattern": slug, "description": "The id of a resource in workshops/resources.yaml."},
        {"type": "object", "required": ["id"], "additionalProperties": False, "properties": {
            "id": {"type": "string", "pattern": slug,
                   "description": "The id of a resource in workshops/resources.yaml."},
            "description": {**description, "description": "This workshop's own description of it."}}},
    ]}


def catalogue_schema_json() -> str:
    """The JSON Schema of workshops/resources.yaml, the resource catalogue."""
    from .catalogue import CatalogueFile

    schema = CatalogueFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "workshopgen resource catalogue"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
