"""A team's version of each library workshop reads as written for that team: with an activity
removed, at another table size, or in the afternoon, no output still speaks of what changed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.deck_support import build_deck, open_deck
from tests.paths import REPO
from workshopgen.compile import Compiled, Compiler
from workshopgen.errors import ProblemLog
from workshopgen.model import Workshop
from workshopgen.project import Project
from workshopgen.render.caches import IN_MEMORY
from workshopgen.render.content.materials import materials_content
from workshopgen.render.web.html import render_html

LIBRARY = Project(REPO)
WORKSHOPS = sorted(p.stem for p in LIBRARY.workshop_files())
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
                10: "ten"}
# Items that frame every session rather than teach; a team keeps them.
FRAMING = ("welcome", "close")


def compile_team(tmp_path: Path, workshop: str, overlay: dict[str, object]) -> tuple[Compiled, ProblemLog]:
    path = tmp_path / "teams" / "our-team" / f"{workshop}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({"extends": workshop, **overlay}, sort_keys=False), encoding="utf-8")
    log = ProblemLog()
    compiled = Compiler(LIBRARY).compile(LIBRARY.workshop_path(workshop), log, overlay=path)
    assert compiled is not None, "\n".join(map(str, log.errors))
    return compiled, log


def everything_said(compiled: Compiled) -> str:
    """The words of every output: each slide's text and notes, the guide and the handout."""
    deck = open_deck(build_deck(compiled))
    words = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                words.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                words += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            words.append(slide.notes_slide.notes_text_frame.text)
    for page in render_html(compiled.plan, compiled.assets).values():
        page_text = re.sub(r"<style.*?</style>", " ", page.decode(), flags=re.DOTALL)
        words.append(re.sub(r"<[^>]+>", " ", page_text))
    return "\n".join(words)


def library_workshop(workshop: str) -> Workshop:
    log = ProblemLog()
    compiled = Compiler(LIBRARY).compile(LIBRARY.workshop_path(workshop), log)
    assert compiled is not None
    return compiled.plan.workshop


def names_of(workshop: Workshop, item_id: str, method_titles: dict[str, str]) -> list[str]:
    """What would name the item in text: its title (when more than a word) and its method's name
    when no other item uses that method."""
    item = next(i for i in workshop.agenda if i.id == item_id)
    names = [item.title] if len(item.title.split()) > 1 else []
    others = {i.method for i in workshop.agenda if i.id != item_id}
    if item.method and item.method not in others:
        names.append(method_titles[item.method])
    return names


@pytest.mark.parametrize("workshop", WORKSHOPS)
def test_no_output_shows_a_field_unfilled(workshop: str) -> None:
    log = ProblemLog()
    compiled = Compiler(LIBRARY).compile(LIBRARY.workshop_path(workshop), log)
    assert compiled is not None
    content = materials_content(compiled.plan, compiled.assets, IN_MEMORY)
    # The pack's own labels are templates Typst fills in; the workshop's words are the rest.
    pack = json.dumps({k: v for k, v in content.items() if k not in ("labels", "pack")}, ensure_ascii=False)
    raw = re.findall(r"\{[A-Za-z0-9_-]+\}", everything_said(compiled) + pack)
    assert not raw, f"{workshop} prints {raw}"


@pytest.mark.parametrize("workshop", WORKSHOPS)
def test_removing_any_activity_leaves_no_trace_of_it(tmp_path: Path, workshop: str) -> None:
    base = library_workshop(workshop)
    titles = {card.stem: yaml.safe_load(card.read_text())["title"] for card in LIBRARY.methods_dir.glob("*.yaml")}
    for item in base.agenda:
        if item.kind in FRAMING or item.kind == "break":
            continue
        compiled, log = compile_team(tmp_path, workshop, {"remove": [item.id]})
        stale = [w for w in log.warnings if "still names" in w.message]
        assert not stale, f"removing `{item.id}`:\n" + "\n".join(map(str, stale))
        said = everything_said(compiled).casefold()
        for name in names_of(base, item.id, titles):
            assert name.casefold() not in said, f"removing `{item.id}` leaves “{name}” in {workshop}'s outputs"
        # The transition that led into it leads nowhere now.
        before = base.agenda[base.agenda.index(item) - 1]
        if before.transition:
            assert " ".join(before.transition.split()).casefold() not in " ".join(said.split()), (
                f"removing `{item.id}` leaves `{before.id}`'s transition into it")


@pytest.mark.parametrize("workshop", WORKSHOPS)
def test_a_new_table_size_is_the_only_one_any_output_gives(tmp_path: Path, workshop: str) -> None:
    old = library_workshop(workshop).group_size.small_groups_of
    new = 7 if old != 7 else 4
    compiled, _ = compile_team(tmp_path, workshop, {"group_size": {"small_groups_of": new}})
    said = everything_said(compiled)
    stale = re.compile(rf"\b(?:tables?|groups?) of (?:{old}|{NUMBER_WORDS[old]})\b", re.IGNORECASE)
    assert not stale.findall(said), f"{workshop} at tables of {new} still says: {stale.findall(said)}"
    assert re.search(rf"\b(?:tables?|groups?) of {new}\b", said, re.IGNORECASE), \
        f"{workshop} at tables of {new} never says so"


@pytest.mark.parametrize("workshop", WORKSHOPS)
def test_an_afternoon_session_never_speaks_of_the_morning(tmp_path: Path, workshop: str) -> None:
    compiled, _ = compile_team(tmp_path, workshop, {"start": "13:30"})
    said = everything_said(compiled)
    assert not re.findall(r"[^.\n]*\bmorning\b[^.\n]*", said, re.IGNORECASE), workshop
    assert compiled.plan.start == "13:30"
