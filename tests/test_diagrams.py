"""Diagrams drawn from data: the seven principles, the seven approaches and the stakeholder grid as
native, grouped, accessible shapes, on the built-in template and a team's, opened by LibreOffice."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.deck_support import (
    build_deck,
    compile_workshop,
    copy_library,
    decks_as_pdfs,
    edit_workshop,
    open_deck,
    soffice,
    words_by_page,
)
from tests.make_alt_template import LAYOUTS, alt_template_bytes
from tests.paths import REPO
from workshopgen import model
from workshopgen.cli import main
from workshopgen.colour import MIN_TEXT_CONTRAST, contrast_ratio
from workshopgen.compile import Compiled, Compiler
from workshopgen.deck_template import deck_geometry
from workshopgen.errors import ProblemLog
from workshopgen.layout.compose import context
from workshopgen.layout.diagrams import DIAGRAM_FLOOR, DIAGRAMS, Diagram
from workshopgen.layout.kinds import compose
from workshopgen.messages import message
from workshopgen.plan.slides import DiagramSlide
from workshopgen.project import Project

PRINCIPLES = ["complexity", "leadership", "individual", "benefit", "adopters", "networks", "learning"]
NAMES = [p.capitalize() for p in PRINCIPLES]
# As NHS Horizons publishes them (facts.md §1.2), capitals included.
APPROACHES = ["Building capacity and capability", "Networking, peer learning and collaboration",
              "Piloting and rolling out", "Coordinating through large scale engagement and national programmes",
              "Investing and Incentivising", "Governing and Assuring", "Identifying and communicating priorities"]
QUADRANTS = ["Keep satisfied", "Involve closely", "Keep in view", "Keep informed"]
GRID_DECKS = ["case-continuing-healthcare", "case-wast-falls", "principle-leadership", "principle-networks",
              "systems-convening"]
NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
THEME_NAME = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}


@cache
def _library(name: str) -> tuple[Compiled, Any]:
    log = ProblemLog()
    project = Project(REPO)
    compiled = Compiler(project).compile(project.workshop_path(name), log)
    assert compiled is not None, [str(p) for p in log.problems]
    return compiled, open_deck(build_deck(compiled))


def _groups(compiled: Compiled, deck: Any, name: str) -> list[tuple[DiagramSlide, Any, Any]]:
    """Each slide showing diagram `name`: the planned slide, the slide and its group shape."""
    found = []
    for planned, slide in zip(compiled.plan.slides, deck.slides, strict=True):
        if isinstance(planned, DiagramSlide) and planned.diagram == name:
            [group] = [s for s in slide.shapes if s.shape_type == 6]  # MSO_SHAPE_TYPE.GROUP
            found.append((planned, slide, group))
    return found


def _alt(group: Any) -> str:
    return str(group._element.xpath("./p:nvGrpSpPr/p:cNvPr/@descr")[0])


def _fill(shape: Any) -> str | None:
    found = shape._element.xpath("./p:spPr/a:solidFill/a:schemeClr/@val")
    return str(found[0]) if found else None


def _parts(group: Any, names: list[str]) -> list[Any]:
    return [s for s in group.shapes if s.name in names]


def _label(group: Any, text: str = "This session") -> list[Any]:
    return [s for s in group.shapes if s.has_text_frame and s.text_frame.text == text]


@pytest.mark.parametrize("principle", PRINCIPLES)
def test_every_principle_deck_shows_the_seven_with_its_own_picked_out(principle: str) -> None:
    compiled, deck = _library(f"principle-{principle}")
    [(planned, _, group)] = _groups(compiled, deck, "principles")
    assert planned.highlight == principle
    parts = _parts(group, NAMES)
    assert [p.name for p in parts] == NAMES  # seven shapes, in the guide's order, which is reading order
    for part, name in zip(parts, NAMES, strict=True):
        assert part.text_frame.paragraphs[0].text == name
        assert part.text_frame.paragraphs[1].text  # its one-line gist
    own = next(p for p in parts if p.name == principle.capitalize())
    others = {_fill(p) for p in parts if p is not own}
    assert len(others) == 1 and _fill(own) not in others, "picked out by colour"
    [label] = _label(group)  # and by a label, for people who cannot tell the colours apart
    children = list(group.shapes)
    assert children.index(label) == children.index(own) + 1, "read straight after its part"
    assert own.left <= label.left and label.left + label.width <= own.left + own.width
    assert label.top < own.top < label.top + label.height, "on the part's top edge"
    alt = _alt(group)
    assert all(name in alt for name in NAMES)
    assert alt.endswith(message("this_session_alt", "en", item=principle.capitalize()))


def test_the_introduction_shows_the_seven_with_none_picked_out() -> None:
    compiled, deck = _library("seven-principles-introduction")
    [(planned, slide, group)] = _groups(compiled, deck, "principles")
    assert planned.highlight is None and planned.caption
    parts = _parts(group, NAMES)
    assert [p.name for p in parts] == NAMES
    assert len({_fill(p) for p in parts}) == 1
    assert not _label(group)
    assert "this session" not in _alt(group).lower()
    # The overview bullet slide it replaced is gone, and the item's own step still names the slide.
    assert not any(s.title == "Seven interconnected principles" and s.kind == "bullets" for s in compiled.plan.slides)
    caption = next(s for s in slide.shapes if s.name == "Caption")
    assert caption.text_frame.text == planned.caption


def test_the_approaches_deck_shows_the_seven_approaches_by_their_published_names() -> None:
    compiled, deck = _library("approaches-to-spread-and-scale")
    [(_, _, group)] = _groups(compiled, deck, "approaches")
    parts = _parts(group, APPROACHES)
    assert [p.name for p in parts] == APPROACHES
    for n, (part, name) in enumerate(zip(parts, APPROACHES, strict=True), start=1):
        assert part.text_frame.paragraphs[0].text == f"{n}. {name}"
    assert all(name in _alt(group) for name in APPROACHES)


@pytest.mark.parametrize("name", GRID_DECKS)
def test_decks_that_map_stakeholders_show_the_grid(name: str) -> None:
    compiled, deck = _library(name)
    [(_, _, group)] = _groups(compiled, deck, "stakeholder-grid")
    texts = [s.text_frame.text for s in group.shapes]
    assert [s.name for s in _parts(group, QUADRANTS)] == QUADRANTS  # row by row, as read
    for axis in ("More influence", "Less influence", "Less interest", "More interest"):
        assert axis in texts
    alt = _alt(group)
    assert "influence up the side, interest along the bottom" in alt
    assert "More influence, more interest: Involve closely" in alt


def test_one_definition_serves_every_deck_that_shows_it() -> None:
    decks = [f"principle-{p}" for p in PRINCIPLES] + ["seven-principles-introduction"]
    shown = {tuple(s.text_frame.text for s in _parts(group, NAMES))
             for compiled, deck in map(_library, decks) for _, _, group in _groups(compiled, deck, "principles")}
    assert len(shown) == 1
    assert set(DIAGRAMS) == set(model.DIAGRAMS)  # every name a workshop may give has a definition


def test_diagram_gists_are_in_their_own_words() -> None:
    """No five words in a row of a part's line are taken from the pages the library was written from."""
    from tests.test_library import source_pages

    def runs(text: str) -> set[str]:
        words = re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))
        return {" ".join(words[i:i + 5]) for i in range(len(words) - 4)}

    source = set().union(*(runs(page.read_text(encoding="utf-8")) for page in source_pages()))
    for definition in DIAGRAMS.values():
        for item in definition.items:
            assert not runs(item.gist) & source, item.id


@pytest.mark.parametrize("name", ["principle-networks", "approaches-to-spread-and-scale", "systems-convening"])
def test_diagram_text_is_sized_at_or_above_its_floor_inside_the_slide(name: str) -> None:
    compiled, deck = _library(name)
    geometry = deck_geometry(compiled.plan.workshop, compiled.assets)
    for planned, slide, group in [g for diagram in DIAGRAMS for g in _groups(compiled, deck, diagram)]:
        assert planned.text_sizes["diagram"] >= DIAGRAM_FLOOR
        sizes = [float(v) / 100 for v in group._element.xpath(".//a:rPr/@sz")]
        assert sizes and min(sizes) >= DIAGRAM_FLOOR
        assert planned.text_sizes["diagram"] in sizes  # the parts are written at the size recorded
        for shape in group.shapes:
            assert shape.left >= 0 and shape.left + shape.width <= geometry.width, shape.name
            assert shape.top >= 0 and shape.top + shape.height <= geometry.height, shape.name
        title = slide.shapes.title
        assert group.top >= title.top + title.height, "under the title"
        langs = set(group._element.xpath(".//a:rPr/@lang"))
        assert langs == {"en-GB"}


def test_diagram_colours_are_the_themes_with_readable_text() -> None:
    compiled, deck = _library("principle-benefit")
    theme = deck_geometry(compiled.plan.workshop, compiled.assets).colours
    [(_, _, group)] = _groups(compiled, deck, "principles")
    assert not group._element.xpath(".//a:srgbClr")  # theme colours only, so a rebrand recolours them
    for shape in group.shapes:
        fill = _fill(shape)
        for colour in shape._element.xpath(".//a:rPr/a:solidFill/a:schemeClr/@val"):
            back = theme[THEME_NAME.get(fill, fill)] if fill else theme["lt1"]
            assert contrast_ratio(theme[THEME_NAME.get(colour, colour)], back) >= MIN_TEXT_CONTRAST, shape.name


def _with_diagrams(data: dict[str, Any], *, welsh: bool = False) -> None:
    talk = next(item for item in data["agenda"] if item["id"] == "talk")
    talk["slides"] += [
        {"type": "diagram", "title": "Where today sits", "diagram": "principles", "highlight": "networks",
         "caption": "The seven work together; today we look at one of them."},
        {"type": "diagram", "title": "The seven approaches", "diagram": "approaches"},
        {"type": "diagram", "title": "Who to involve", "diagram": "stakeholder-grid",
         "highlight": "involve-closely"},
    ]
    if welsh:
        data["language"] = "cy"


def _use_team_template(project: Project) -> None:
    (project.root / "assets" / "brand.potx").write_bytes(alt_template_bytes())

    def change(data: dict[str, Any]) -> None:
        _with_diagrams(data)
        data["branding"]["template"] = "assets/brand.potx"
        data["branding"]["layouts"] = dict(LAYOUTS)

    edit_workshop(project, change)


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> tuple[Compiled, bytes]:
    project = copy_library(tmp_path_factory.mktemp("diagrams-team") / "library")
    _use_team_template(project)
    compiled, log = compile_workshop(project)
    assert compiled is not None, [str(p) for p in log.problems]
    assert not log.errors
    return compiled, build_deck(compiled)


def test_diagrams_fit_a_team_template_of_another_shape(team: tuple[Compiled, bytes]) -> None:
    compiled, data = team
    deck = open_deck(data)
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)
    shown = {name: _groups(compiled, deck, name) for name in DIAGRAMS}
    assert all(len(found) == 1 for found in shown.values())
    for planned, slide, group in (found[0] for found in shown.values()):
        assert slide.slide_layout.name == LAYOUTS["title-only"]
        assert planned.text_sizes["diagram"] >= DIAGRAM_FLOOR
        for shape in group.shapes:
            assert shape.left >= 0 and shape.left + shape.width <= deck.slide_width
            assert shape.top >= 0 and shape.top + shape.height <= deck.slide_height
    [(_, _, principles)] = shown["principles"]
    assert [p.name for p in _parts(principles, NAMES)] == NAMES
    assert _label(principles)
    [(_, _, approaches)] = shown["approaches"]
    assert [p.name for p in _parts(approaches, APPROACHES)] == APPROACHES  # names alone, where gists do not fit


def test_the_label_and_alt_text_follow_the_workshop_language(tmp_path: Path) -> None:
    project = copy_library(tmp_path / "library")
    edit_workshop(project, lambda data: _with_diagrams(data, welsh=True))
    compiled, log = compile_workshop(project)
    assert compiled is not None, [str(p) for p in log.problems]
    deck = open_deck(build_deck(compiled))
    [(_, _, group)] = _groups(compiled, deck, "principles")
    assert _label(group, "Y sesiwn hon")
    assert _alt(group).endswith(message("this_session_alt", "cy", item="Networks"))
    assert set(group._element.xpath(".//a:rPr/@lang")) == {"cy-GB"}


def test_a_diagram_deck_rebuilds_byte_for_byte() -> None:
    compiled, _ = _library("principle-networks")
    assert build_deck(compiled) == build_deck(compiled)


def _validate(project: Path) -> tuple[int, str]:
    workshop = str(project / "workshops" / "sample.yaml")
    result = CliRunner().invoke(main, ["--project", str(project), "validate", workshop], catch_exceptions=False)
    return result.exit_code, result.stderr


def _add_slide(project: Project, slide: dict[str, str]) -> int:
    """Add `slide` to the sample's talk; the line its last key is written on."""
    def change(data: dict[str, Any]) -> None:
        next(item for item in data["agenda"] if item["id"] == "talk")["slides"].append(slide)

    edit_workshop(project, change)
    lines = project.workshop_path("sample").read_text(encoding="utf-8").splitlines()
    key, value = list(slide.items())[-1]
    return next(n for n, line in enumerate(lines, start=1) if line.strip() == f"{key}: {value}")


def test_an_unknown_diagram_is_an_error_at_its_line_with_the_name_meant(tmp_path: Path) -> None:
    project = copy_library(tmp_path / "library")
    line = _add_slide(project, {"type": "diagram", "title": "Seven", "diagram": "principle"})
    code, err = _validate(project.root)
    assert code == 2
    assert re.search(rf"sample\.yaml:{line}:\d+: error: `agenda › `talk` › slides › item \d+ › diagram` must be one "
                     "of 'principles', 'approaches' or 'stakeholder-grid' \\(got 'principle'\\)", err)
    assert "hint: did you mean `principles`?" in err


def test_an_unknown_highlight_is_an_error_at_its_line_with_the_part_meant(tmp_path: Path) -> None:
    project = copy_library(tmp_path / "library")
    line = _add_slide(project, {"type": "diagram", "title": "Seven", "diagram": "principles",
                                "highlight": "netwroks"})
    code, err = _validate(project.root)
    assert code == 2
    assert f"sample.yaml:{line}:" in err
    assert "`highlight: netwroks` is not a part of the `principles` diagram" in err
    assert "hint: did you mean `networks`?" in err


# LibreOffice: every slide a page, every word of a diagram inside its shape.

EMU_PER_PT = 12700
TOLERANCE = 4.0


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory,
              team: tuple[Compiled, bytes]) -> dict[str, tuple[Compiled, Path]]:
    soffice()
    root = tmp_path_factory.mktemp("diagrams-lo")
    decks: dict[str, tuple[Compiled, bytes]] = {
        name: (compiled, build_deck(compiled))
        for name in ("principle-networks", "approaches-to-spread-and-scale", "seven-principles-introduction")
        for compiled in [_library(name)[0]]}
    decks["team"] = team
    return decks_as_pdfs(decks, root)


def _inside(word: tuple[float, float, float, float, str], frames: list[Any]) -> bool:
    x0, y0, x1, y1, _ = word
    return any(f.left / EMU_PER_PT - TOLERANCE <= x0 and x1 <= (f.left + f.width) / EMU_PER_PT + TOLERANCE
               and f.top / EMU_PER_PT - TOLERANCE <= y0 and y1 <= (f.top + f.height) / EMU_PER_PT + TOLERANCE
               for f in frames)


@pytest.mark.parametrize("name", ["principle-networks", "approaches-to-spread-and-scale",
                                  "seven-principles-introduction", "team"])
def test_libreoffice_shows_every_diagram_word_inside_its_shape(converted: dict[str, tuple[Compiled, Path]],
                                                               name: str) -> None:
    compiled, pdf = converted[name]
    plan = compiled.plan
    pages = words_by_page(pdf)
    assert len(pages) == len(plan.slides)  # one page a slide
    geometry = deck_geometry(plan.workshop, compiled.assets)
    ctx = context(geometry, plan.workshop.language, plan.resources)
    diagrams = [s for s in plan.slides if isinstance(s, DiagramSlide)]
    assert diagrams
    for slide in diagrams:
        composition = compose(slide, ctx)
        [diagram] = [g for g in composition.graphics if isinstance(g, Diagram)]
        frames = [b.frame for b in composition.blocks] + [s.frame for s in diagram.shapes]
        number = geometry.role(composition.role).slide_number
        if number is not None:
            frames.append(number.frame)
        words = pages[slide.number - 1]
        outside = [w[4] for w in words if not _inside(w, frames)]
        assert not outside, f"slide {slide.number} \"{slide.title}\": {' '.join(outside)}"
        text = " ".join(w[4] for w in words)
        labels = {"principles": NAMES, "approaches": APPROACHES, "stakeholder-grid": QUADRANTS}[slide.diagram]
        for label in labels:
            assert " ".join(label.split()) in text, label
