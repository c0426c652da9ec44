"""The JSON Schema of workshop files, for editors (yaml-language-server) that check as you type."""

from __future__ import annotations

import json

from .model import Workshop

SCHEMA_FILE = "schema/workshop.schema.json"


def workshop_schema_json() -> str:
    schema = Workshop.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "workshopgen workshop"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
