"""Every file in fixtures/invalid/ has one defect; each must be reported at its exact place."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from tests.paths import FIXTURE_PROJECT, FIXTURES
from workshopgen.compile import Compiler
from workshopgen.errors import Location, Problem, ProblemLog, WorkshopgenError, did_you_mean
from workshopgen.project import Project

INVALID = FIXTURES / "invalid"

# file -> (line, column, words the message must contain)
EXPECTED: dict[str, tuple[int, int, str]] = {
    "empty": (1, 1, "the file is empty"),
    "comments-only": (1, 1, "the file is empty"),
    "syntax-unclosed-bracket": (12, 10, "expected ',' or ']'"),
    "tab-indentation": (12, 1, "'\\t'"),
    "top-level-list": (1, 1, "the top level is a list"),
    "top-level-scalar": (1, 1, "the top level is a single value"),
    "not-utf8": (7, 27, "not valid UTF-8"),
    "nul-byte": (7, 15, "NUL byte"),
    "control-character": (7, 15, "control character U+0007"),
    "yaml-tag": (3, 8, "YAML tags"),
    "alias-bomb": (1, 35, "expands to more than 100,000 values"),
    "deep-nesting": (2, 73, "nests more than 64 levels"),
    "multiple-documents": (43, 1, "expected a single document"),
    "duplicate-key": (4, 1, "`title` is given twice in this mapping (first at line 3)"),
    "non-string-key": (8, 1, "keys must be words"),
    "unknown-key": (3, 1, "unknown key `titel`"),
    "unknown-nested-key": (29, 5, "unknown key `minuets` in agenda › `work`"),
    "missing-title": (1, 1, "the file is missing `title`"),
    "wrong-type-minutes": (19, 14, "`agenda › `welcome` › minutes` must be a whole number (got 'ten')"),
    "wrong-type-outcomes": (11, 11, "`outcomes` must be a list"),
    "bad-kind": (2, 7, "`kind` must be one of 'principle', 'case-study' or 'topic' (got 'seminar')"),
    "bad-agenda-kind": (26, 11, "(got 'game')"),
    "bad-clock-time": (10, 8, "24-hour clock time"),
    "unquoted-number-time": (10, 8, "24-hour clock time"),
    "bad-date": (6, 7, "must be a date"),
    "bad-slide-type": (22, 9, "unknown `type:` 'hologram'"),
    "group-size-reversed": (8, 13, "`group_size` has `min` larger than `max`"),
    "id-not-file-name": (1, 5, "differs from the file name `id-not-file-name.yaml`"),
    "duplicate-agenda-id": (30, 9, "two items in `agenda` have the id `welcome` (the first at line 16)"),
    "unknown-material": (20, 17, "`pencils` is not in `materials`"),
    "unknown-resource": (30, 17, "`guidance` is not in `resources`"),
    "unknown-method": (29, 13, "no method card called `one-two-for-all`"),
    "over-duration": (9, 11, "the agenda takes 60 minutes, 15 more than `duration: 45`"),
    "locked-time-unreachable": (34, 9, "`close` is fixed at 10:30, but the items before it (`welcome`, `work`)"),
    "javascript-url": (39, 10, "must be a web address starting with https://"),
    "mailto-resource-url": (39, 10, "must be a web address starting with https://"),
    "url-too-long": (39, 10, "is too long (1227 characters; the limit is 1000)"),
    "asset-parent-dir": (41, 16, "steps outside the project"),
    "asset-absolute": (41, 16, "is an absolute path"),
    "asset-missing": (41, 16, "does not exist"),
    "asset-not-image": (41, 16, "is not a PNG or JPEG"),
    "image-without-alt": (22, 9, "slides › item 1 is missing `alt`"),
    "duplicate-slide-title": (31, 32, "two slides are titled"),
    "low-contrast-colour": (41, 22, "contrast of 2.32:1"),
    "video-slide-not-video": (22, 15, "which is a website, not a video"),
    "figure-unknown-source": (47, 13, "the source `guidance` of figure `share-yes` is not in `resources`"),
    "figure-without-period": (42, 5, "figures › `share-yes` is missing `period`"),
    "figure-value-not-number": (44, 12, "must be a number, without commas or units"),
    "chart-unknown-figure": (25, 30, "`share-maybe` is not in `figures`"),
    "chart-mixed-units": (25, 30, "`share-no` is in `people` but `share-yes` is in `%`"),
    "table-ragged-row": (27, 13, "`agenda › `welcome` › slides › item 1 › rows › item 2` has 2 cells, but the table "
                                 "has 3 columns"),
    "table-no-rows": (25, 15, "`agenda › `welcome` › slides › item 1 › rows` needs at least 1 item(s)"),
    "printable-no-cards": (20, 14, "`materials › `cards` › printable › cards` needs at least 1 item(s)"),
    "printable-bad-paper": (19, 14, "`materials › `sheet` › printable › paper` must be one of 'a4' or 'a3' (got 'a2')"),
    "printable-unknown-kind": (18, 7, "`materials › `sheet` › printable` has an unknown `kind:` 'leaflet'"),
    "printable-unknown-resource": (20, 19, "`guidance` is not in `resources`"),
}


def test_every_fixture_has_an_expectation() -> None:
    on_disk = {p.stem for p in INVALID.glob("*.yaml")}
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_defect_is_reported_at_its_place(name: str) -> None:
    line, column, words = EXPECTED[name]
    path = INVALID / f"{name}.yaml"
    log = ProblemLog()
    assert Compiler(Project(FIXTURE_PROJECT)).compile(path, log) is None
    matching = [p for p in log.errors if words in p.message]
    assert matching, [str(p) for p in log.errors]
    problem = matching[0]
    assert problem.location.path == path
    assert (problem.location.line, problem.location.column) == (line, column), str(problem)
    assert problem.hint, "every error says how to fix it"


def test_the_base_of_the_fixtures_is_valid() -> None:
    log = ProblemLog()
    assert Compiler(Project(FIXTURE_PROJECT)).compile(FIXTURES / "minimal.yaml", log) is not None
    assert log.problems == []


def test_symlink_out_of_the_project_is_refused(project_copy: Project, tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes((project_copy.root / "assets" / "logo.png").read_bytes())
    (project_copy.root / "assets" / "linked.png").symlink_to(outside)
    path = project_copy.workshop_path("sample")
    path.write_text(path.read_text().replace("path: assets/logo.png", "path: assets/linked.png"))
    log = ProblemLog()
    assert Compiler(project_copy).compile(path, log) is None
    assert any("a link to a file outside the project" in p.message for p in log.errors)


def test_a_picture_that_is_not_a_picture_is_refused(project_copy: Project) -> None:
    (project_copy.root / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n but not really")
    log = ProblemLog()
    assert Compiler(project_copy).compile(project_copy.workshop_path("sample"), log) is None
    assert any("is not a readable picture" in p.message for p in log.errors)


def test_every_problem_of_a_file_is_reported_in_one_run(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.yaml").read_text()
    text = text.replace("kind: topic", "kind: seminar").replace("    minutes: 40", "    minutes: forty")
    path = tmp_path / "minimal.yaml"
    path.write_text(text)
    log = ProblemLog()
    Compiler(Project(FIXTURE_PROJECT)).compile(path, log)
    assert {p.location.line for p in log.errors} == {2, 28}



def test_a_picture_that_cannot_be_read_is_refused(project_copy: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    logo = (project_copy.root / "assets" / "logo.png").resolve()
    real_read = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path == logo:
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    log = ProblemLog()
    assert Compiler(project_copy).compile(project_copy.workshop_path("sample"), log) is None
    [problem] = log.errors
    assert "`assets/logo.png` cannot be read (Permission denied)" in problem.message


# A misspelt name is answered with the name meant, the same way wherever names are looked up.
NEAR_MISSES = {
    "unknown-key": "did you mean `title`?",
    "unknown-nested-key": "did you mean `minutes`?",
    "unknown-material": "did you mean `pens`?",
    "unknown-resource": "did you mean `guide`?",
    "figure-unknown-source": "did you mean `guide`?",
    "chart-unknown-figure": "did you mean `share-yes`?",
    "unknown-method": "did you mean `one-two-four-all`?",
}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_a_near_miss_name_is_answered_with_the_name_meant(name: str) -> None:
    log = ProblemLog()
    Compiler(Project(FIXTURE_PROJECT)).compile(INVALID / f"{name}.yaml", log)
    words = EXPECTED[name][2]
    [problem] = [p for p in log.errors if words in p.message]
    assert problem.hint == NEAR_MISSES[name]


def test_an_overlay_naming_an_item_nearly_is_answered_with_the_item_meant(tmp_path: Path) -> None:
    from workshopgen.load import parse
    from workshopgen.overlay import apply_overlay

    base = parse("id: base\nagenda:\n  - {id: welcome, minutes: 10}\n  - {id: close, minutes: 5}\n",
                 tmp_path / "base.yaml")
    overlay = parse("extends: base\nremove: [welcom]\nagenda:\n  - {id: extra, minutes: 5, insert_after: clos}\n",
                    tmp_path / "team.yaml")
    log = ProblemLog()
    apply_overlay(base, overlay, log)
    assert sorted(p.hint for p in log.errors) == ["did you mean `close`?", "did you mean `welcome`?"]


def test_did_you_mean_offers_only_a_close_name() -> None:
    assert did_you_mean("minuets", ["minutes", "title", "steps"]) == "did you mean `minutes`?"
    assert did_you_mean("colour", iter(["agenda", "title"])) is None
    assert did_you_mean("anything", []) is None


def test_a_user_error_survives_the_trip_from_a_worker_process() -> None:
    error = WorkshopgenError([Problem(Location(Path("a.yaml"), 3, 4), "wrong", "fix it")], output="listed",
                             closing="done")
    again = pickle.loads(pickle.dumps(error))
    assert (again.problems, again.output, again.closing, str(again)) == (error.problems, "listed", "done", str(error))
