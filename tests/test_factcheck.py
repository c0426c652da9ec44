"""Claims the library's fact-check found wrong, or could not trace to a source the pack names, stay
out of everything a library workshop or team version says: slides, speaker notes, guide and handout."""

from __future__ import annotations

import re

import pytest

from tests.deck_support import build_deck, open_deck
from tests.paths import REPO
from workshopgen.compile import Compiled, Compiler
from workshopgen.errors import ProblemLog
from workshopgen.project import Project
from workshopgen.render.web.html import render_html

LIBRARY = Project(REPO)

# Each pattern, and why it may not come back (facts.md section and verdict).
WITHDRAWN = {
    r"all seven (EDs|emergency departments)": "sources differ on how many departments (§10.4)",
    r"innovators to late adopters": "Rogers' last category is laggards (§2)",
    r"ten years before (this|the) checklist": "the story starts in 2012, the national step is 2017 (§10.4)",
    r"costs the NHS (about )?£1\.1": "the 2016 study counted UK-wide costs (§10.4)",
    r"england\.si-horizons@nhs\.net": "no national inbox was found published (§10.4)",
    r"renamed health innovation networks in 2023": "no source in the pack gives the date",
    r"Granovetter|Edmondson|COM-B|Barry Johnson": "named, but no source in the pack",
    r"Mendelow, 1991": "sources disagree on the year",
    r"the chef, rather than": "from book reviews, not the NHS Horizons blog (§4)",
}


def _outputs(path_and_overlay: tuple[str, str | None]) -> str:
    workshop, overlay = path_and_overlay
    log = ProblemLog()
    compiled: Compiled | None = Compiler(LIBRARY).compile(
        LIBRARY.workshop_path(workshop), log, overlay=REPO / overlay if overlay else None)
    assert compiled is not None, "\n".join(map(str, log.errors))
    words = []
    for slide in open_deck(build_deck(compiled)).slides:
        words += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            words.append(slide.notes_slide.notes_text_frame.text)
    for page in render_html(compiled.plan, compiled.assets).values():
        words.append(re.sub(r"<[^>]+>", " ", page.decode()))
    return " ".join(" ".join(words).split())


SESSIONS = [(p.stem, None) for p in LIBRARY.workshop_files()] + [
    (p.stem, str(p.relative_to(REPO))) for p in sorted((REPO / "teams").rglob("*.yaml"))]


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s[1] or s[0])
def test_withdrawn_claims_are_said_nowhere(session: tuple[str, str | None]) -> None:
    said = _outputs(session)
    found = [f"“{m.group(0)}”: {why}" for pattern, why in WITHDRAWN.items()
             for m in [re.search(pattern, said, re.IGNORECASE)] if m]
    assert not found, "\n".join(found)
