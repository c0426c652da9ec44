"""Crashes the property tests in test_fuzz.py found, each kept as a plain example.

Each test names the defect: what input once raised something other than WorkshopgenError, and
the located message it gives now.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from workshopgen.compile import Compiler
from workshopgen.errors import Location, ProblemLog, WorkshopgenError
from workshopgen.load import load, parse
from workshopgen.project import Project

HERE = Path("regression.yaml")


def parse_error(text: str) -> tuple[Location, str]:
    with pytest.raises(WorkshopgenError) as caught:
        parse(text, HERE)
    [problem] = caught.value.problems
    return problem.location, problem.message


def compile_errors(project: Project, path: Path) -> list[tuple[Location, str]]:
    log = ProblemLog()
    assert Compiler(project).compile(path, log) is None
    return [(p.location, p.message) for p in log.errors]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize("character", ["\ufffe", "\x9b", "\x1f"])
def test_a_character_yaml_refuses_is_located_not_a_reader_error(character: str) -> None:
    # PyYAML's reader raised ReaderError before parsing began, outside parse's error handling.
    where, message = parse_error(f"id: sample\ntitle: A{character}B\n")
    assert (where.line, where.column) == (2, 9)
    assert f"U+{ord(character):04X}" in message


def test_a_file_holding_a_character_yaml_refuses_is_located(tmp_path: Path) -> None:
    path = tmp_path / "noncharacter.yaml"
    path.write_text("id: sample\ntitle: A\ufffeB\n", encoding="utf-8")
    with pytest.raises(WorkshopgenError) as caught:
        load(path)
    assert str(caught.value.problems[0].location).endswith(":2:9")


def test_dot_nan_is_read_as_a_number_not_a_value_error() -> None:
    # `.nan` matched the float pattern, but float(".nan") raised ValueError.
    assert math.isnan(parse("minutes: .nan\n", HERE).data["minutes"])
    assert math.isnan(parse("minutes: .NaN\n", HERE).data["minutes"])


@pytest.mark.parametrize("text", ["loop: &a [*a]\n", "loop: &a {again: *a}\n"])
def test_an_alias_inside_its_own_anchor_is_located_not_a_recursion_error(text: str) -> None:
    # The composer allows a node to contain itself; converting it recursed until RecursionError.
    where, message = parse_error(text)
    assert (where.line, where.column) == (1, 7)
    assert "nests more than 64 levels" in message


@pytest.mark.parametrize("number", ["1" * 5000, "0x" + "f" * 4000, "9" * 101])
def test_a_number_too_long_to_read_is_located_not_a_value_error(number: str) -> None:
    # Python refuses to read an integer of more than 4,300 digits, and cannot print one it built
    # from hexadecimal, so a pasted run of digits raised ValueError while loading or reporting.
    where, message = parse_error(f"id: sample\nminutes: {number}\n")
    assert (where.line, where.column) == (2, 10)
    assert "too many to read" in message


@pytest.mark.parametrize("escape, code", [("\\0", "0000"), ("\\x01", "0001"), ("\\ud800", "D800")])
def test_an_escaped_control_character_is_located(escape: str, code: str) -> None:
    # Double-quoted escapes wrote NUL, control characters and lone surrogates into the data, which
    # crashed path handling (`embedded null byte`) and cannot be written to any document.
    where, message = parse_error(f'id: sample\ntitle: "A{escape}B"\n')
    assert (where.line, where.column) == (2, 8)
    assert f"U+{code}" in message


def test_an_escaped_nul_in_an_image_path_is_located(project_copy: Project) -> None:
    workshop = project_copy.workshops_dir / "sample.yaml"
    edit(workshop, "image: assets/diagram.png", 'image: "assets/diagram\\0.png"')
    [(where, message)] = compile_errors(project_copy, workshop)
    assert where.line == line_of(workshop, "image: ")
    assert "U+0000" in message


def test_an_overlay_without_an_id_on_a_workshop_without_one_compiles(project_copy: Project) -> None:
    # The id made for the overlay had no key in the overlay's source map: KeyError in the merge.
    # The workshop's file name stands in for its missing id, so the overlay still has its own.
    workshop = project_copy.workshops_dir / "sample.yaml"
    edit(workshop, "id: sample\n", "")
    log = ProblemLog()
    compiled = Compiler(project_copy).compile(project_copy.teams_dir / "demo-team" / "sample.yaml", log)
    assert compiled is not None, log.problems
    assert compiled.plan.workshop.id == "sample-demo-team"


def test_an_overlay_whose_agenda_is_empty_is_located(project_copy: Project) -> None:
    # The agenda's order was read before removals as a list, and `agenda:` alone is null: TypeError.
    overlay = project_copy.teams_dir / "demo-team" / "sample.yaml"
    overlay.write_text("extends: sample\nagenda:\n", encoding="utf-8")
    errors = compile_errors(project_copy, overlay)
    assert errors and all(where.path == overlay for where, _ in errors), errors


def test_an_overlay_item_whose_id_is_a_list_is_located(project_copy: Project) -> None:
    # Items were indexed by id, and a list cannot be a dictionary key: TypeError in the merge.
    overlay = project_copy.teams_dir / "demo-team" / "sample.yaml"
    overlay.write_text("extends: sample\nmaterials:\n  - id: [pens]\n    name: Pens\n", encoding="utf-8")
    errors = compile_errors(project_copy, overlay)
    assert any(where.path == overlay and where.line == 3 and "must be text" in message for where, message in errors)


def test_a_method_name_too_long_for_a_file_is_located(project_copy: Project) -> None:
    # The name was looked up on disk before validation: OSError "File name too long".
    workshop = project_copy.workshops_dir / "sample.yaml"
    edit(workshop, "method: one-two-four-all", "method: " + "a" * 300)
    [(where, message)] = compile_errors(project_copy, workshop)
    assert where.line == line_of(workshop, "method: ")
    assert "is too long (300 characters; the limit is 60)" in message


def test_a_method_name_with_a_path_is_not_loaded_as_a_card(project_copy: Project) -> None:
    # `method: ../sample` loaded the workshop itself as a method card and reported its lines.
    workshop = project_copy.workshops_dir / "sample.yaml"
    edit(workshop, "method: one-two-four-all", "method: ../sample")
    [(where, message)] = compile_errors(project_copy, workshop)
    assert where.path == workshop
    assert "must be lower-case letters, digits and single hyphens" in message


def test_an_extends_too_long_for_a_file_is_located(project_copy: Project) -> None:
    overlay = project_copy.teams_dir / "demo-team" / "sample.yaml"
    edit(overlay, "extends: sample", "extends: " + "a" * 300)
    [(where, message)] = compile_errors(project_copy, overlay)
    assert (where.path, where.line, where.column) == (overlay, 1, 10)
    assert re.search(r"`extends: a+` names no workshop", message)


def test_an_asset_name_too_long_for_a_file_is_located(project_copy: Project) -> None:
    workshop = project_copy.workshops_dir / "sample.yaml"
    edit(workshop, "image: assets/diagram.png", "image: assets/" + "a" * 280 + ".png")
    [(where, message)] = compile_errors(project_copy, workshop)
    assert where.line == line_of(workshop, "image: ")
    assert "cannot be opened" in message
