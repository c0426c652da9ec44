"""The command line: exit codes, messages, and nothing written when anything is wrong."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.paths import FIXTURE_PROJECT, FIXTURES, REPO
from workshopgen.cli import main
from workshopgen.project import Project
from workshopgen.schema import workshop_schema_json


def run(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_validate_the_fixture_library() -> None:
    code, out, err = run(FIXTURE_PROJECT, "validate", "--strict")
    assert (code, err) == (0, "")
    assert "3 file(s) valid, 0 warning(s)" in out  # a workshop, an overlay and a method card


def test_a_method_card_is_validated_as_a_card(project_copy: Project) -> None:
    card = project_copy.method_path("one-two-four-all")
    assert run(project_copy.root, "validate", str(card)) == (0, "1 file(s) valid, 0 warning(s).\n", "")
    card.write_text(card.read_text().replace("minutes: 15", "minutes: a quarter hour"))
    code, _, err = run(project_copy.root, "validate", str(card))
    assert code == 2
    assert "one-two-four-all.yaml:" in err and "`minutes` must be a whole number" in err
    assert "missing `agenda`" not in err


def test_bad_input_exits_2_with_located_messages() -> None:
    bad = FIXTURES / "invalid" / "wrong-type-minutes.yaml"
    code, _, err = run(FIXTURE_PROJECT, "validate", str(bad))
    assert code == 2
    assert "wrong-type-minutes.yaml:19:14: error:" in err
    assert "hint:" in err
    assert "Traceback" not in err


def test_strict_turns_warnings_into_errors(project_copy: Project) -> None:
    path = project_copy.workshop_path("sample")
    path.write_text(path.read_text().replace("duration: 190", "duration: 200"))
    assert run(project_copy.root, "validate", str(path))[0] == 0
    code, _, err = run(project_copy.root, "validate", "--strict", str(path))
    assert code == 2
    assert "leaving 10 spare (an error under --strict)" in err


def test_build_writes_the_plan(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, _ = run(FIXTURE_PROJECT, "build", "--only", "plan", "--out", str(out))
    assert code == 0, stdout
    plan = json.loads((out / "sample" / "sample-plan.json").read_text())
    assert plan["schedule"][0]["start"] == "10:00"
    assert (out / "sample-demo-team" / "sample-demo-team-plan.json").is_file()
    assert "Built 2 workshop(s)" in stdout


def test_a_bad_file_anywhere_means_nothing_is_written(project_copy: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(project_copy.root, "build", "--only", "plan", "--out", str(out))[0] == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # Change the good workshop, break the overlay: neither may reach the output folder.
    sample = project_copy.workshop_path("sample")
    sample.write_text(sample.read_text().replace("Sample workshop on spreading", "Changed workshop on spreading"))
    overlay = project_copy.teams_dir / "demo-team" / "sample.yaml"
    overlay.write_text(overlay.read_text().replace("minutes: 30", "minutes: lots"))
    code, _, err = run(project_copy.root, "build", "--only", "plan", "--out", str(out))
    assert code == 2
    assert "nothing was written" in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_bug_exits_1_with_a_short_report(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import workshopgen.render.plan_json as plan_json

    def broken(*_: object) -> dict[str, bytes]:
        raise RuntimeError("renderer fell over")

    monkeypatch.setattr(plan_json, "render_plan", broken)
    code, _, err = run(FIXTURE_PROJECT, "build", "--only", "plan", "--out", str(tmp_path / "o"))
    assert code == 1
    assert "hit a bug: RuntimeError: renderer fell over" in err
    assert "Traceback" not in err
    assert not (tmp_path / "o").exists()
    code, _, err = run(FIXTURE_PROJECT, "--debug", "build", "--only", "plan", "--out", str(tmp_path / "o"))
    assert code == 1 and "Traceback" in err


def test_unknown_output_kind_is_a_usage_error() -> None:
    code, _, err = run(FIXTURE_PROJECT, "build", "--only", "slides")
    assert code == 2
    assert "unknown output slides" in err


def test_unknown_workshop_name() -> None:
    code, _, err = run(FIXTURE_PROJECT, "build", "no-such-thing")
    assert code == 2
    assert "no workshop called `no-such-thing`" in err and "sample" in err


def test_names_too_long_for_a_file_are_bad_input_not_a_bug(project_copy: Project) -> None:
    long_name = "a" * 300
    for args in (["build", long_name], ["new", long_name, "--kind", "topic"],
                 ["customise", "sample", "--team", long_name]):
        code, _, err = run(project_copy.root, *args)
        assert code == 2, (args, err)
        assert "hit a bug" not in err


def test_list_json() -> None:
    code, out, _ = run(FIXTURE_PROJECT, "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["sample", "sample-demo-team"]
    assert rows[0] | {"path": None} == {"id": "sample", "title": "Sample workshop on spreading improvement",
                                        "kind": "topic", "path": None, "minutes": 190, "language": "en",
                                        "overlay": False}
    assert rows[0]["path"].endswith("workshops/sample.yaml")
    assert rows[1]["overlay"] is True and rows[1]["language"] == "cy"


def test_schema_matches_the_committed_copy() -> None:
    code, out, _ = run(FIXTURE_PROJECT, "schema")
    assert code == 0
    assert json.loads(out)["properties"]["agenda"]["description"] == "The activities, in order."
    assert (REPO / "schema" / "workshop.schema.json").read_text() == workshop_schema_json(), (
        "run `workshopgen schema --out schema/workshop.schema.json`")


def test_new_writes_a_workshop_that_validates(project_copy: Project) -> None:
    code, out, _ = run(project_copy.root, "new", "my-session", "--kind", "topic", "--title", "My session")
    assert code == 0, out
    path = project_copy.workshop_path("my-session")
    assert "title: My session" in path.read_text()
    assert run(project_copy.root, "validate", "--strict", str(path))[0] == 0
    code, _, err = run(project_copy.root, "new", "my-session", "--kind", "topic")
    assert code == 2 and "already exists" in err
    assert run(project_copy.root, "new", "Bad Id", "--kind", "topic")[0] == 2


def test_customise_writes_an_overlay_that_validates(project_copy: Project) -> None:
    code, out, _ = run(project_copy.root, "customise", "sample", "--team", "east-team")
    assert code == 0, out
    path = project_copy.teams_dir / "east-team" / "sample.yaml"
    text = path.read_text()
    assert text.startswith("# How east-team runs `sample`")
    assert "#   - id: welcome" in text
    assert run(project_copy.root, "validate", "--strict", str(path))[0] == 0
    assert run(project_copy.root, "build", "--only", "plan", str(path))[0] == 0
    assert (project_copy.root / "output" / "sample-east-team" / "sample-east-team-plan.json").is_file()


def test_overlay_option(tmp_path: Path) -> None:
    overlay = tmp_path / "mine.yaml"
    overlay.write_text('extends: sample\nid: sample-mine\nstart: "13:00"\n')
    out = tmp_path / "out"
    code, stdout, err = run(FIXTURE_PROJECT, "build", "sample", "--overlay", str(overlay), "--only", "plan",
                            "--out", str(out))
    assert code == 2, stdout
    assert "runs 13:00" not in err  # the fixed lunch time is what fails, named at its line
    assert "`lunch` is fixed at 11:30" in err
    overlay.write_text('extends: sample\nid: sample-mine\nstart: "09:00"\nduration: 250\n')
    code, stdout, err = run(FIXTURE_PROJECT, "build", "sample", "--overlay", str(overlay), "--only", "plan",
                            "--out", str(out))
    assert code == 0, err
    assert json.loads((out / "sample-mine" / "sample-mine-plan.json").read_text())["start"] == "09:00"


def test_help_and_version() -> None:
    assert run(FIXTURE_PROJECT, "--help")[0] == 0
    code, out, _ = run(FIXTURE_PROJECT, "--version")
    assert code == 0 and "0.1.0" in out


def test_the_installed_command_delivers_its_output_and_exit_code() -> None:
    """`workshopgen` as run from a shell ends its process at once, so what it printed must all
    arrive through a pipe, and its exit code must be the command's own."""

    def command(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "workshopgen", "--project", str(FIXTURE_PROJECT), *args],
                              capture_output=True, text=True, timeout=120)

    listed = command("list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == json.loads(run(FIXTURE_PROJECT, "list", "--json")[1])
    schema = command("schema")
    assert schema.returncode == 0 and json.loads(schema.stdout)["title"]  # tens of kilobytes, all delivered
    bad = command("validate", str(FIXTURES / "invalid" / "wrong-type-minutes.yaml"))
    assert bad.returncode == 2
    assert "wrong-type-minutes.yaml:" in bad.stderr and "problem(s) to fix" in bad.stderr
    usage = command("build", "--only", "slides")
    assert usage.returncode == 2 and "unknown output slides" in usage.stderr
    assert command("--version").stdout.strip().endswith("0.1.0")


def test_schema_out_makes_missing_folders(tmp_path: Path) -> None:
    target = tmp_path / "editor" / "settings" / "workshop.schema.json"
    code, out, err = run(FIXTURE_PROJECT, "schema", "--out", str(target))
    assert (code, err) == (0, "")
    assert out == f"Wrote {target}.\n"
    assert target.read_text() == workshop_schema_json()


def test_schema_out_where_a_file_stands_for_its_folder_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("a file, not a folder")
    target = tmp_path / "notes" / "workshop.schema.json"
    code, out, err = run(FIXTURE_PROJECT, "schema", "--out", str(target))
    assert code == 2
    assert f"{target}:1:1: error: cannot write this file: part of its folder's path is a file" in err
    assert "nothing was written" in err
    assert "Traceback" not in err and "hit a bug" not in err
    assert out == ""


@pytest.mark.parametrize("command", [["watch", "--interval", "0.1"], ["build"], ["validate"], ["list"], ["links"]])
def test_a_folder_with_no_library_is_bad_input(tmp_path: Path, command: list[str]) -> None:
    code, out, err = run(tmp_path, *command)
    assert code == 2, (out, err)
    assert f"{tmp_path / 'workshops'}:1:1: error: there is no workshops/ folder in {tmp_path}" in err
    assert "hint: run workshopgen in your library's folder" in err
    assert "Traceback" not in err and "hit a bug" not in err
    assert "Watching" not in out
    assert list(tmp_path.iterdir()) == []  # no output folder, no index


def test_list_shows_the_good_workshops_and_the_bad_file(project_copy: Project) -> None:
    overlay = project_copy.teams_dir / "demo-team" / "sample.yaml"
    overlay.write_text(overlay.read_text().replace("minutes: 30", "minutes: lots"))
    code, out, err = run(project_copy.root, "list")
    assert code == 2
    assert out.startswith("sample ") and "sample-demo-team" not in out
    assert "sample.yaml:11:14: error:" in err
    assert "1 problem(s) to fix; the files they are in are not listed." in err


def test_an_unknown_workshop_name_close_to_one_is_suggested() -> None:
    code, _, err = run(FIXTURE_PROJECT, "build", "sampel")
    assert code == 2
    assert "no workshop called `sampel`" in err and "hint: did you mean `sample`?" in err


@pytest.mark.parametrize("command, module, function", [
    (["validate"], "workshopgen.compile", "Compiler"),
    (["schema"], "workshopgen.schema", "workshop_schema_json"),
    (["watch", "--interval", "0.1"], "workshopgen.watch", "watch_and_build"),
    (["list"], "workshopgen.commands", "list_workshops"),
])
def test_a_bug_in_any_command_exits_1_with_a_short_report(monkeypatch: pytest.MonkeyPatch, command: list[str],
                                                          module: str, function: str) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("something inside fell over")

    monkeypatch.setattr(f"{module}.{function}", broken)
    result = CliRunner().invoke(main, ["--project", str(FIXTURE_PROJECT), *command])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "workshopgen 0.1.0 hit a bug: RuntimeError: something inside fell over" in result.stderr
    assert "Run again with --debug" in result.stderr
    assert "Traceback" not in result.stderr
    debug = CliRunner().invoke(main, ["--debug", "--project", str(FIXTURE_PROJECT), *command])
    assert debug.exit_code == 1
    assert "Traceback" in debug.stderr and "RuntimeError: something inside fell over" in debug.stderr


def test_help_loads_neither_the_models_nor_the_renderers() -> None:
    script = ("import sys\nfrom workshopgen.cli import main\n"
              "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in ('pydantic', 'yaml', 'pptx', 'typst', 'jinja2') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "Commands:" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_watch_says_when_it_starts_and_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    def until_ctrl_c(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("workshopgen.watch.watch_and_build", until_ctrl_c)
    code, out, err = run(FIXTURE_PROJECT, "watch")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["Watching workshops/, teams/, assets/ and templates; press Ctrl+C to stop.",
                                "Stopped watching."]


def test_a_team_name_that_cannot_be_a_folder_is_refused_at_the_argument(project_copy: Project) -> None:
    code, _, err = run(project_copy.root, "customise", "sample", "--team", "Bristol ED")
    assert code == 2
    assert "Invalid value for '--team'" in err and "use `bristol-ed`" in err, err
    assert not (project_copy.teams_dir / "Bristol ED").exists() and "Traceback" not in err
    code, _, err = run(project_copy.root, "customise", "sample", "--team", "bristol-ed")
    assert code == 0 and (project_copy.teams_dir / "bristol-ed" / "sample.yaml").is_file(), err


def test_validate_reports_problems_without_saying_anything_was_written(project_copy: Project) -> None:
    path = project_copy.workshop_path("sample")
    path.write_text(path.read_text(encoding="utf-8").replace("minutes: 15", "minutes: fifteen", 1), encoding="utf-8")
    code, _, err = run(project_copy.root, "validate")
    assert code == 2
    assert err.rstrip().endswith("1 problem(s) to fix.") and "written" not in err, err
