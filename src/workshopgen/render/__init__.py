"""Renderers: pure functions from a plan, the asset bytes it names and the build's caches to
named files. They read no files, environment or clock: all they need is handed to them.

Each is imported only when its output is asked for, so commands that render nothing stay quick.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # keep `workshopgen --help` and no-op builds free of the models
    from ..plan import Plan
    from .caches import Caches

Renderer = Callable[["Plan", Mapping[str, bytes], "Caches"], dict[str, bytes]]

# Output kind -> "module:function"; each returns {file name inside output/<id>/: bytes}.
RENDERERS: dict[str, str] = {
    "deck": "workshopgen.render.deck.slides:render_deck",
    "guide": "workshopgen.render.pdf.guide:render_guide",
    "handout": "workshopgen.render.pdf.handout:render_handout",
    "materials": "workshopgen.render.pdf.materials:render_materials",
    "html": "workshopgen.render.web.html:render_html",
    "plan": "workshopgen.render.plan_json:render_plan",
}
DEFAULT_OUTPUTS: tuple[str, ...] = ("deck", "guide", "handout", "materials", "html")
# Outputs typeset by Typst, which releases Python's lock while it works, so threads run them in parallel.
TYPESET: frozenset[str] = frozenset({"guide", "handout", "materials"})


def renderer(kind: str) -> Renderer:
    module, function = RENDERERS[kind].split(":")
    found: Renderer = getattr(importlib.import_module(module), function)
    return found
