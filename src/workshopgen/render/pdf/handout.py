"""The participant handout: one or two A4 pages people take home and scan.

Key ideas, the agenda without facilitator notes, reflection questions with room to write, a
personal action plan, resources with QR codes (unverified ones flagged, without a code) and a
feedback code. The template measures its own content and narrows the writing space, the
resource layout and at last the type until it fits two pages; the layout it settles on is
remembered (see handout_layout.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from ...plan import Plan
from ..caches import IN_MEMORY, Caches
from ..content.common import logo_bytes
from ..content.handout import handout_content
from .handout_layout import LABEL, SETTING, layout_key, remember_layout, remembered_layout
from .typesetting import document_key, recorded, typeset, typst_inputs


def render_handout(plan: Plan, assets: Mapping[str, bytes], caches: Caches = IN_MEMORY) -> dict[str, bytes]:
    inputs = typst_inputs(handout_content(plan, assets, caches), logo_bytes(plan, assets))
    store = caches.handout_layouts
    key = layout_key(inputs)
    known = remembered_layout(store, key)
    if known is not None:
        inputs[SETTING] = str(known)
        return {f"{plan.output_id}-handout.pdf": typeset(plan, "handout.typ", inputs, "participant handout",
                                                          caches.documents)}
    # A handout still searching for its layout must be typeset, to learn the layout it settles on.
    pdf = typeset(plan, "handout.typ", inputs, "participant handout")
    chosen = recorded(LABEL)
    remember_layout(store, key, chosen)
    # Handed that layout, Typst gives these same bytes, so they are kept as the next build would keep them.
    caches.documents.put(document_key("handout.typ", {**inputs, SETTING: str(chosen)}, plan.moment), pdf)
    return {f"{plan.output_id}-handout.pdf": pdf}
