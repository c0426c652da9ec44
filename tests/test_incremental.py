"""Incremental builds, rendering in threads, watch mode and lazy imports."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.paths import FIXTURE_PROJECT, FIXTURES
from workshopgen import cache
from workshopgen.build import build
from workshopgen.project import Project
from workshopgen.watch import watch_and_build

PLAN = ("plan",)


def add_workshop_without_method(project: Project) -> None:
    text = (FIXTURES / "minimal.yaml").read_text().replace("id: minimal", "id: other")
    text = text.replace("    method: one-two-four-all\n", "")
    project.workshop_path("other").write_text(text)


def rebuilt(project: Project, out: Path, *, force: bool = False) -> set[str]:
    result = build(project, project.library(), out, PLAN, force=force, jobs=1, show_progress=False)
    return set(result.built)


@pytest.fixture
def built(project_copy: Project, tmp_path: Path) -> tuple[Project, Path]:
    add_workshop_without_method(project_copy)
    out = tmp_path / "out"
    assert rebuilt(project_copy, out) == {"sample", "sample-demo-team", "other"}
    return project_copy, out


def test_nothing_changed_nothing_rebuilt(built: tuple[Project, Path]) -> None:
    project, out = built
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*-plan.json")}
    assert rebuilt(project, out) == set()
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*-plan.json")} == before


def test_a_method_change_rebuilds_exactly_its_users(built: tuple[Project, Path]) -> None:
    project, out = built
    card = project.method_path("one-two-four-all")
    card.write_text(card.read_text().replace("minutes: 15", "minutes: 12"))
    assert rebuilt(project, out) == {"sample", "sample-demo-team"}


def test_an_asset_change_rebuilds_its_users(built: tuple[Project, Path]) -> None:
    project, out = built
    logo = project.root / "assets" / "diagram.png"
    logo.write_bytes((project.root / "assets" / "logo.png").read_bytes())
    assert rebuilt(project, out) == {"sample", "sample-demo-team"}


def test_an_overlay_change_rebuilds_only_the_overlay(built: tuple[Project, Path]) -> None:
    project, out = built
    overlay = project.teams_dir / "demo-team" / "sample.yaml"
    overlay.write_text(overlay.read_text().replace("Canolfan Addysg", "Neuadd y Dref"))
    assert rebuilt(project, out) == {"sample-demo-team"}


def test_a_change_to_workshopgen_itself_rebuilds_everything(built: tuple[Project, Path],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    project, out = built
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "a different version")
    assert rebuilt(project, out) == {"sample", "sample-demo-team", "other"}


def test_force_and_missing_files(built: tuple[Project, Path]) -> None:
    project, out = built
    assert rebuilt(project, out, force=True) == {"sample", "sample-demo-team", "other"}
    (out / "other" / "other-plan.json").unlink()
    assert rebuilt(project, out) == {"other"}


def test_a_new_output_folder_is_a_cold_build(built: tuple[Project, Path], tmp_path: Path) -> None:
    project, _ = built
    assert rebuilt(project, tmp_path / "elsewhere") == {"sample", "sample-demo-team", "other"}


def test_a_broken_manifest_means_a_full_build(built: tuple[Project, Path]) -> None:
    project, out = built
    (out / cache.MANIFEST_NAME).write_text("{not json")
    assert rebuilt(project, out) == {"sample", "sample-demo-team", "other"}


def test_typesetting_in_threads_gives_the_same_bytes_as_one_thread(project_copy: Project, tmp_path: Path) -> None:
    outputs = ("deck", "guide", "handout", "html")
    for jobs in (1, 2):
        build(project_copy, project_copy.library(), tmp_path / f"j{jobs}", outputs, jobs=jobs, show_progress=False)
    one = {p.relative_to(tmp_path / "j1"): p.read_bytes() for p in (tmp_path / "j1").rglob("*") if p.is_file()}
    two = {p.relative_to(tmp_path / "j2"): p.read_bytes() for p in (tmp_path / "j2").rglob("*") if p.is_file()}
    assert len(one) > 8
    assert one == two


def test_watch_rebuilds_on_save_and_survives_errors(built: tuple[Project, Path]) -> None:
    project, out = built
    lines: list[tuple[str, bool]] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch_and_build, args=(project, out, PLAN),
                              kwargs={"interval": 0.05, "report": lambda t, e: lines.append((t, e)), "stop": stop})
    thread.start()

    def wait_for(words: str) -> None:
        deadline = time.monotonic() + 20
        while not any(words in text for text, _ in lines):
            assert time.monotonic() < deadline, lines
            time.sleep(0.02)

    try:
        wait_for("Rebuilt: nothing changed")
        sample = project.workshop_path("sample")
        sample.write_text(sample.read_text().replace("minutes: 40", "minutes: forty"))
        wait_for("Fix the above and save; still watching.")
        time.sleep(0.3)  # several more looks at the unchanged files
        # One save, each problem once: the team version that inherits the mistake does not repeat it.
        assert sum("must be a whole number" in text and is_error for text, is_error in lines) == 1, lines
        sample.write_text(sample.read_text().replace("minutes: forty", "minutes: 40 "))
        wait_for("Rebuilt: sample, sample-demo-team")
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()


@pytest.mark.parametrize("command", [["--help"], ["list"], ["validate"]])
def test_quick_commands_do_not_load_the_renderers(command: list[str]) -> None:
    script = (
        "import sys\nfrom workshopgen.cli import main\n"
        f"try:\n    main({['--project', str(FIXTURE_PROJECT), *command]!r})\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pptx', 'typst', 'jinja2', 'zxingcpp', 'PIL') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    loaded = out.strip().splitlines()[-1]
    assert "pptx" not in loaded and "typst" not in loaded and "jinja2" not in loaded, loaded
