"""Overlays: table tests of the merge rules, and errors that point at the overlay's own lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workshopgen.compile import Compiler
from workshopgen.errors import ProblemLog
from workshopgen.load import parse
from workshopgen.overlay import apply_overlay
from workshopgen.project import Project

BASE = """\
id: base
start: "10:00"
outcomes: [One, Two]
event: {venue: Hall, date: 2027-01-01}
materials:
  - {id: pens, name: Pens}
  - {id: paper, name: Paper}
agenda:
  - {id: a, title: A, minutes: 10}
  - {id: b, title: B, minutes: 20}
  - {id: c, title: C, minutes: 30}
"""


def merged(overlay: str) -> tuple[dict[str, Any], ProblemLog]:
    log = ProblemLog()
    base = parse(BASE, Path("workshops/base.yaml"))
    over = parse("extends: base\n" + overlay, Path("teams/north/base.yaml"))
    return apply_overlay(base, over, log).data, log


def ids(data: dict[str, Any], key: str = "agenda") -> list[str]:
    return [item["id"] for item in data[key]]


@pytest.mark.parametrize("overlay, check", [
    ('start: "13:30"', lambda d: d["start"] == "13:30"),
    ("event: {venue: Library}", lambda d: d["event"] == {"venue": "Library", "date": "2027-01-01"}),
    ("outcomes: [Three]", lambda d: d["outcomes"] == ["Three"]),
    ("agenda: [{id: b, minutes: 5}]",
     lambda d: d["agenda"][1] == {"id": "b", "title": "B", "minutes": 5} and ids(d) == ["a", "b", "c"]),
    ("agenda: [{id: d, title: D, minutes: 1}]", lambda d: ids(d) == ["a", "b", "c", "d"]),
    ("agenda: [{id: d, title: D, minutes: 1, insert_after: a}]", lambda d: ids(d) == ["a", "d", "b", "c"]),
    ("agenda: [{id: d, title: D, minutes: 1, insert_before: a}]", lambda d: ids(d) == ["d", "a", "b", "c"]),
    ("agenda: [{id: c, insert_after: a}]", lambda d: ids(d) == ["a", "c", "b"]),
    ("remove: [b]", lambda d: ids(d) == ["a", "c"]),
    ("remove: [pens, c]", lambda d: ids(d) == ["a", "b"] and ids(d, "materials") == ["paper"]),
    ("id: my-own-id", lambda d: d["id"] == "my-own-id"),
    ("", lambda d: d["id"] == "base-north"),
])
def test_merge_rules(overlay: str, check: Any) -> None:
    data, log = merged(overlay)
    assert log.problems == []
    assert check(data), data


@pytest.mark.parametrize("overlay, line, words", [
    ("remove: [b, zz]", 2, "`remove` names `zz`"),
    ("agenda:\n  - id: d\n    insert_after: nowhere\n", 4, "`insert_after: nowhere` names no item"),
    ("remove: b", 2, "`remove` must be a list"),
])
def test_overlay_mistakes_point_at_the_overlay(overlay: str, line: int, words: str) -> None:
    _, log = merged(overlay)
    problem = log.errors[0]
    assert words in problem.message
    assert problem.location.path == Path("teams/north/base.yaml")
    assert problem.location.line == line


def test_a_transition_into_a_removed_item_goes_with_it_unless_the_overlay_wrote_it() -> None:
    log = ProblemLog()
    base = parse(BASE.replace("minutes: 10}", "minutes: 10, transition: On to B}")
                 .replace("minutes: 20}", "minutes: 20, transition: On to C}"), Path("workshops/base.yaml"))
    over = parse("extends: base\nremove: [b]\n", Path("teams/north/base.yaml"))
    data = apply_overlay(base, over, log).data
    assert ids(data) == ["a", "c"] and "transition" not in data["agenda"][0]
    over = parse("extends: base\nremove: [c]\nagenda: [{id: b, transition: Now to close}]\n",
                 Path("teams/north/base.yaml"))
    data = apply_overlay(base, over, log).data
    assert data["agenda"][0]["transition"] == "On to B"
    assert data["agenda"][1]["transition"] == "Now to close"
    assert log.problems == []


def test_merged_values_keep_their_own_file() -> None:
    log = ProblemLog()
    base = parse(BASE, Path("workshops/base.yaml"))
    over = parse("extends: base\nremove: [a]\nagenda:\n  - id: c\n    minutes: 3\n", Path("teams/north/base.yaml"))
    result = apply_overlay(base, over, log)
    assert result.data["agenda"][1]["id"] == "c"
    assert result.locate(("agenda", 1, "minutes")) .path == Path("teams/north/base.yaml")
    assert result.locate(("agenda", 1, "minutes")).line == 5
    assert result.locate(("agenda", 1, "title")).path == Path("workshops/base.yaml")
    assert result.locate(("agenda", 1, "title")).line == 11
    assert result.locate(("agenda", 0, "title")).line == 10


def test_validation_errors_in_an_overlay_name_the_overlay_line(project_copy: Project) -> None:
    overlay = project_copy.teams_dir / "demo-team" / "sample.yaml"
    overlay.write_text(overlay.read_text().replace("    minutes: 30\n", "    minutes: many\n"))
    log = ProblemLog()
    assert Compiler(project_copy).compile(overlay, log) is None
    [problem] = log.errors
    assert problem.location.path == overlay
    assert (problem.location.line, problem.location.column) == (11, 14)
    assert "must be a whole number" in problem.message


def test_overlay_of_an_unknown_workshop(project_copy: Project) -> None:
    overlay = project_copy.teams_dir / "demo-team" / "sample.yaml"
    overlay.write_text(overlay.read_text().replace("extends: sample", "extends: sampel"))
    log = ProblemLog()
    assert Compiler(project_copy).compile(overlay, log) is None
    assert log.errors[0].location.line == 1
    assert "names no workshop" in log.errors[0].message


def test_fixture_overlay_plan(fixture_project: Project) -> None:
    log = ProblemLog()
    compiled = Compiler(fixture_project).compile(fixture_project.teams_dir / "demo-team" / "sample.yaml", log)
    assert compiled is not None, log.problems
    plan = compiled.plan
    assert plan.output_id == "sample-demo-team"
    assert plan.workshop.language == "cy"
    assert plan.workshop.event.venue == "Canolfan Addysg"
    assert plan.workshop.event.facilitators[0].name == "Sam Patel"
    assert [s.item.id for s in plan.schedule] == ["welcome", "talk", "local-story", "lunch", "build-up", "close"]
    assert [s.start for s in plan.schedule][:4] == ["09:00", "09:15", "10:30", "10:30"]


def _errors_of(overlay_text: str, project: Project, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(project.root)  # paths in messages are shown from where the command runs
    overlay = project.teams_dir / "north" / "sample.yaml"
    overlay.parent.mkdir(parents=True, exist_ok=True)
    overlay.write_text("extends: sample\n" + overlay_text, encoding="utf-8")
    log = ProblemLog()
    assert Compiler(project).compile(overlay, log) is None
    return [str(p) for p in log.errors]


def test_a_new_item_without_an_id_is_one_error_at_the_item(project_copy: Project,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    errors = _errors_of("agenda:\n  - title: Our practice's data\n    kind: discussion\n    minutes: 10\n"
                        "    insert_after: welcome\n", project_copy, monkeypatch)
    assert errors == [
        "teams/north/sample.yaml:3:5: error: this item of `agenda` has no `id`, so it cannot be matched with or "
        "placed among the workshop's items\n    hint: add `id: our-practices-data`"]


def test_a_mistyped_id_is_named_with_the_nearest_one(project_copy: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    errors = _errors_of("agenda:\n  - id: welcom\n    minutes: 20\n", project_copy, monkeypatch)
    assert len(errors) == 1, errors
    assert errors[0].startswith("teams/north/sample.yaml:3:9: error: `welcom` is not an id of the workshop's items")
    assert errors[0].endswith("hint: did you mean `welcome`?")


def test_a_new_item_with_a_new_id_is_still_a_new_item(project_copy: Project) -> None:
    overlay = project_copy.teams_dir / "north" / "sample.yaml"
    overlay.parent.mkdir(parents=True, exist_ok=True)
    overlay.write_text("extends: sample\nagenda:\n  - id: local-data\n    insert_after: welcome\n    kind: discussion\n"
                       "    title: Our data\n    minutes: 0\n", encoding="utf-8")
    log = ProblemLog()
    compiled = Compiler(project_copy).compile(overlay, log)
    assert compiled is not None, log.problems
    assert [s.item.id for s in compiled.plan.schedule][:2] == ["welcome", "local-data"]
