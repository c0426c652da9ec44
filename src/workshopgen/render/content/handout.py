"""What the participant handout says, in print and on the web: key ideas, the agenda without
facilitator notes, reflection questions, an action plan, resources with QR codes and feedback.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...messages import Language, message
from ...plan import Plan
from ..caches import Caches
from .common import document_basics, qr_column, qr_entry, resource_entry


def handout_content(plan: Plan, assets: Mapping[str, bytes], caches: Caches) -> dict[str, Any]:
    workshop = plan.workshop
    language = workshop.language
    # Participants never get an address nobody has checked; the guide lists those to check.
    resources = [resource_entry(r, language, caches.qr_codes) for r in plan.resources if r.resource.verified]
    feedback = qr_entry(plan.feedback, caches.qr_codes) if plan.feedback else None
    return {
        **document_basics(plan, assets, "handout", "handout_title"),
        "footer": f"{workshop.title} · {message('handout_title', language)}",
        "key_ideas": [idea.text for idea in workshop.key_ideas],
        "agenda": [{"start": s.start, "end": s.end, "title": s.item.title} for s in plan.schedule],
        "end": plan.end,
        "reflection": [q.text for q in workshop.reflection_questions],
        "resources": resources,
        "feedback": feedback,
        # With no form or email of the team's own, the questions come as a paper form to hand in.
        "feedback_form": None if feedback else list(workshop.evaluation.questions),
        "contact": _contact(workshop.event.contact, language),
        **qr_column([feedback, *(r["qr"] for r in resources)]),
    }


def _contact(email: str | None, language: Language) -> dict[str, str] | None:
    """The contact line, split round its address, which is printed as an address (see common.typ)."""
    if not email:
        return None
    before, _, after = message("contact_line", language, email="\0").partition("\0")
    return {"before": before, "email": email, "after": after}
