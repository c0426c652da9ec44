"""The facilitator guide as a tagged PDF: what a facilitator prints and runs the session from."""

from __future__ import annotations

from collections.abc import Mapping

from ...plan import Plan
from ..caches import IN_MEMORY, Caches
from ..content.common import logo_bytes
from ..content.guide import guide_content
from .typesetting import typeset, typst_inputs


def render_guide(plan: Plan, assets: Mapping[str, bytes], caches: Caches = IN_MEMORY) -> dict[str, bytes]:
    pdf = typeset(plan, "guide.typ", typst_inputs(guide_content(plan, assets, caches), logo_bytes(plan, assets)),
                  "facilitator guide", caches.documents)
    return {f"{plan.output_id}-guide.pdf": pdf}
