"""The resolved plan as JSON: what every other output is made from, for review and debugging."""

from __future__ import annotations

import json
from collections.abc import Mapping

from ..plan import Plan
from .caches import IN_MEMORY, Caches


def plan_json(plan: Plan) -> str:
    return json.dumps(plan.model_dump(mode="json"), indent=2, ensure_ascii=False, sort_keys=True)


def render_plan(plan: Plan, assets: Mapping[str, bytes], caches: Caches = IN_MEMORY) -> dict[str, bytes]:
    return {f"{plan.output_id}-plan.json": (plan_json(plan) + "\n").encode()}
