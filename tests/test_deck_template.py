"""Deck templates: the built-in one and its generator, a team's own .potx, and template errors (exit 2)."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner
from pptx import Presentation

from tests.deck_support import ROLE_OF_KIND, build_deck, compile_workshop, copy_library, edit_workshop, open_deck
from tests.make_alt_template import LAYOUTS, WORDS_BODY, alt_template_bytes
from tests.paths import REPO
from workshopgen.cli import main
from workshopgen.deck_template import builtin_info, builtin_template_bytes
from workshopgen.model import _default_layouts
from workshopgen.project import Project

INCH = 914400


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_deck_template", REPO / "tools" / "make_deck_template.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_template_is_what_the_tool_generates() -> None:
    tool = _tool()
    data = tool.template_bytes()
    assert data == tool.template_bytes()  # same bytes every run
    assert data == builtin_template_bytes(), "run tools/make_deck_template.py"
    assert tool.summary_text(data) == (tool.OUT / "deck-16x9.json").read_text(encoding="utf-8")


def test_the_template_is_16_by_9_with_named_full_width_layouts() -> None:
    presentation = Presentation(io.BytesIO(builtin_template_bytes()))
    assert (presentation.slide_width / INCH, presentation.slide_height / INCH) == (pytest.approx(13.333, abs=0.001),
                                                                                  7.5)
    names = [layout.name for layout in presentation.slide_layouts]
    assert set(_default_layouts().values()) <= set(names)
    for layout in presentation.slide_layouts:
        for ph in layout.placeholders:
            assert ph.left + ph.width <= presentation.slide_width
        title = next((ph for ph in layout.placeholders if ph.placeholder_format.idx == 0), None)
        if title is not None:
            assert title.width > 12 * INCH, layout.name  # not squeezed into the left ten inches
    assert len(presentation.slides) == 0


def test_the_template_theme_is_the_nhs_palette_in_arial() -> None:
    info = builtin_info()
    assert (info.heading_font, info.body_font) == ("Arial", "Arial")
    assert info.colours["accent1"] == "#005EB8" and info.colours["dk2"] == "#003087"
    assert info.colours["dk1"] == "#231F20" and info.colours["lt1"] == "#FFFFFF"


@pytest.fixture(scope="module")
def team_library(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_library(tmp_path_factory.mktemp("team") / "library")
    (project.root / "assets" / "brand.potx").write_bytes(alt_template_bytes())

    def use_template(data: dict[str, Any]) -> None:
        data["branding"]["template"] = "assets/brand.potx"
        data["branding"]["layouts"] = dict(LAYOUTS)

    edit_workshop(project, use_template)
    return project


@pytest.fixture(scope="module")
def team_deck(team_library: Project) -> tuple[Any, Any]:
    compiled, log = compile_workshop(team_library)
    assert compiled is not None, log.problems
    assert not log.errors
    return compiled, open_deck(build_deck(compiled))


def test_a_team_potx_is_used_through_the_layout_mapping(team_deck: tuple[Any, Any]) -> None:
    compiled, deck = team_deck
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)  # the template's 4:3, not ours
    assert len(deck.slides) == len(compiled.plan.slides)  # the template's example slide is gone
    for slide, planned in zip(deck.slides, compiled.plan.slides, strict=True):
        assert slide.slide_layout.name == LAYOUTS[ROLE_OF_KIND[planned.kind]]
        assert slide.shapes.title.text_frame.text == planned.title


def test_a_team_template_without_a_notes_master_still_gets_speaker_notes(team_library: Project,
                                                                        team_deck: tuple[Any, Any]) -> None:
    template = (team_library.root / "assets" / "brand.potx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        assert not any(name.startswith("ppt/notesMasters/") for name in archive.namelist())
    compiled, deck = team_deck
    noted = [(slide, planned) for slide, planned in zip(deck.slides, compiled.plan.slides, strict=True)
             if planned.notes]
    assert noted
    for slide, planned in noted:
        assert slide.notes_slide.notes_text_frame.text == planned.notes
    assert deck.notes_master.placeholders  # the built-in notes master, with its body placeholder


def test_text_is_fitted_to_the_team_layouts_frames(team_deck: tuple[Any, Any]) -> None:
    compiled, deck = team_deck
    [number] = [s.number for s in compiled.plan.slides if s.title == "What we know about spread"]
    body = next(ph for ph in deck.slides[number - 1].placeholders if ph.placeholder_format.idx == 1)
    assert (body.left, body.top, body.width, body.height) == WORDS_BODY  # inherited from the layout, not moved
    assert body.text_frame.paragraphs[0].runs[0].font.size.pt == compiled.plan.slides[number - 1].text_sizes["body"]


def _validate(project: Path) -> tuple[int, str]:
    workshop = str(project / "workshops" / "sample.yaml")
    result = CliRunner().invoke(main, ["--project", str(project), "validate", workshop], catch_exceptions=False)
    return result.exit_code, result.stderr


def test_a_missing_layout_is_an_exit_2_error_naming_template_layout_and_what_it_has(tmp_path: Path) -> None:
    project = copy_library(tmp_path / "library")
    (project.root / "assets" / "brand.potx").write_bytes(alt_template_bytes())

    def use_template(data: dict[str, Any]) -> None:
        data["branding"]["template"] = "assets/brand.potx"
        data["branding"]["layouts"] = {**LAYOUTS, "quote": "Big Quote"}

    edit_workshop(project, use_template)
    code, err = _validate(project.root)
    assert code == 2
    assert "assets/brand.potx" in err and "has no layout named \"Big Quote\"" in err
    assert "\"Cover\"" in err and "\"Words\"" in err and "\"Heading Only\"" in err
    assert "sample.yaml:" in err


def test_the_default_names_against_a_team_template_list_what_is_missing(tmp_path: Path) -> None:
    project = copy_library(tmp_path / "library")
    (project.root / "assets" / "brand.pptx").write_bytes(alt_template_bytes(potx=False))
    edit_workshop(project, lambda data: data["branding"].update(template="assets/brand.pptx"))
    code, err = _validate(project.root)
    assert code == 2
    for missing in ("Title Slide", "Section Header", "Title and Content", "Quote"):
        assert f"has no layout named \"{missing}\"" in err


def test_a_layout_without_the_placeholders_a_role_needs_is_an_error(tmp_path: Path) -> None:
    project = copy_library(tmp_path / "library")
    (project.root / "assets" / "brand.potx").write_bytes(alt_template_bytes())

    def use_template(data: dict[str, Any]) -> None:
        data["branding"]["template"] = "assets/brand.potx"
        data["branding"]["layouts"] = {**LAYOUTS, "image": "Words", "two-column": "Heading Only"}

    edit_workshop(project, use_template)
    code, err = _validate(project.root)
    assert code == 2
    assert "layout \"Words\" has no picture placeholder" in err
    assert "layout \"Heading Only\" has no two body text placeholders" in err
    assert "it has: Title 1 (title)" in err


def test_a_template_that_is_not_a_presentation_is_an_error(tmp_path: Path) -> None:
    project = copy_library(tmp_path / "library")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a deck")
    (project.root / "assets" / "broken.pptx").write_bytes(buffer.getvalue())
    edit_workshop(project, lambda data: data["branding"].update(template="assets/broken.pptx"))
    code, err = _validate(project.root)
    assert code == 2 and "cannot be opened as a PowerPoint template" in err


def test_a_template_theme_with_faint_text_is_an_error(tmp_path: Path) -> None:
    project = copy_library(tmp_path / "library")
    data = alt_template_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            body = source.read(entry.filename)
            if entry.filename == "ppt/theme/theme1.xml":
                body = body.replace(b'<a:sysClr val="windowText" lastClr="000000"/>', b'<a:srgbClr val="BBBBBB"/>')
            target.writestr(entry, body)
    (project.root / "assets" / "faint.potx").write_bytes(out.getvalue())

    def use_template(data: dict[str, Any]) -> None:
        data["branding"]["template"] = "assets/faint.potx"
        data["branding"]["layouts"] = dict(LAYOUTS)

    edit_workshop(project, use_template)
    code, err = _validate(project.root)
    assert code == 2 and "theme colour dk1 #BBBBBB on lt1 #FFFFFF has a contrast of" in err


def test_a_layout_mapping_for_the_builtin_template_is_checked_too(tmp_path: Path) -> None:
    project = copy_library(tmp_path / "library")
    edit_workshop(project, lambda data: data["branding"].update(layouts={"quote": "Title Only"}))
    code, err = _validate(project.root)
    assert code == 2
    assert "the built-in template (deck-16x9.pptx) layout \"Title Only\" has no body text placeholder" in err


def test_branding_colours_that_fail_contrast_are_errors(tmp_path: Path) -> None:
    project = copy_library(tmp_path / "library")
    edit_workshop(project, lambda data: data["branding"].update(colours={"secondary": "#A0C4E8"}))
    code, err = _validate(project.root)
    assert code == 2 and "`secondary` #A0C4E8 on #FFFFFF has a contrast of" in err


def test_colours_the_deck_sets_itself_stay_readable_on_any_theme() -> None:
    from workshopgen.layout.compose import palette

    assert palette({"lt1": "#FFFFFF", "dk2": "#003087", "accent1": "#005EB8"}) == {
        "heading": "accent1", "link": "tx2", "on-accent": "#FFFFFF"}
    # A yellow accent and a pale second text colour: fall back to the text colour, and black on yellow.
    assert palette({"lt1": "#FFFFFF", "dk2": "#A5A5A5", "accent1": "#FFC000"}) == {
        "heading": "tx1", "link": "tx1", "on-accent": "#000000"}
