"""The print pack as a tagged PDF: everything a session needs on paper, ready to print and cut."""

from __future__ import annotations

from collections.abc import Mapping

from ...plan import Plan
from ..caches import IN_MEMORY, Caches
from ..content.common import logo_bytes
from ..content.materials import materials_content
from .typesetting import typeset, typst_inputs


def render_materials(plan: Plan, assets: Mapping[str, bytes], caches: Caches = IN_MEMORY) -> dict[str, bytes]:
    inputs = typst_inputs(materials_content(plan, assets, caches), logo_bytes(plan, assets))
    return {f"{plan.output_id}-materials.pdf": typeset(plan, "materials.typ", inputs, "print pack", caches.documents)}
