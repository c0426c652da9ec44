"""The participant handout: one or two A4 pages people take home and scan.

Key ideas, the agenda without facilitator notes, reflection questions with room to write, a
personal action plan, resources with QR codes (unverified ones flagged, without a code) and a
feedback code. The template measures its own content and narrows the writing space, the
resource layout and at last the type until it fits two pages; the layout it settles on is
remembered (see handout_layout.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..messages import message
from ..plan import Plan
from .content import document_basics, logo_bytes, qr_column_mm, qr_entry, resource_entry
from .handout_layout import LABEL, SETTING, layout_key, remember_layout, remembered_layout
from .typst_pdf import recorded, typeset, typst_inputs


def handout_content(plan: Plan, assets: Mapping[str, bytes]) -> dict[str, Any]:
    workshop = plan.workshop
    language = workshop.language
    resources = [resource_entry(r, language) for r in plan.resources]
    feedback = qr_entry(plan.feedback)
    return {
        **document_basics(plan, assets, "handout", "handout_title"),
        "footer": f"{workshop.title} · {message('handout_title', language)}",
        "key_ideas": list(workshop.key_ideas),
        "agenda": [{"start": s.start, "end": s.end, "title": s.item.title} for s in plan.schedule],
        "end": plan.end,
        "reflection": list(workshop.reflection_questions),
        "resources": resources,
        "feedback": feedback,
        "contact": message("contact_line", language, email=workshop.event.contact) if workshop.event.contact else None,
        "qr_column_mm": qr_column_mm([feedback, *(r["qr"] for r in resources)]),
    }


def render_handout(plan: Plan, assets: Mapping[str, bytes]) -> dict[str, bytes]:
    inputs = typst_inputs(handout_content(plan, assets), logo_bytes(plan, assets))
    key = layout_key(inputs)
    known = remembered_layout(key)
    if known is not None:
        inputs[SETTING] = str(known)
    pdf = typeset(plan, "handout.typ", inputs, "participant handout")
    if known is None:
        remember_layout(key, recorded(LABEL))
    return {f"{plan.output_id}-handout.pdf": pdf}
