"""What each command does, as one function per command that returns what it has to say.

cli.py only parses arguments, calls one of these and prints the outcome. Bad input raises
WorkshopgenError, which the command line reports the same way for every command. Heavy modules
are imported inside each function, so `workshopgen --help` and quick commands stay quick.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Location, Problem, ProblemLog, WorkshopgenError, display_path, writing
from .project import Project

if TYPE_CHECKING:
    from .watch import Report


@dataclass(frozen=True)
class Outcome:
    """What a command that succeeded has to say: its text, and the warnings met on the way."""

    text: str
    warnings: list[Problem] = field(default_factory=list)


def targets(project: Project, names: Sequence[str]) -> list[Path]:
    """The files named on the command line (paths or workshop ids); the whole library if none."""
    return [project.target(n) for n in names] if names else project.library()


def build(project: Project, names: Sequence[str], out_dir: Path | None, outputs: tuple[str, ...],
          overlay: Path | None = None, *, force: bool = False, jobs: int | None = None) -> Outcome:
    from .build import build as run_build

    result = run_build(project, targets(project, names), out_dir or project.output_dir, outputs, overlay,
                       with_index=not names and outputs != ("plan",), force=force, jobs=jobs)
    return Outcome(f"Built {len(result.built)} workshop(s), {len(result.skipped)} up to date: "
                   f"{len(result.written)} file(s) written, {len(result.warnings)} warning(s).", result.warnings)


def watch(project: Project, out_dir: Path | None, outputs: tuple[str, ...], *, interval: float,
          report: Report) -> Outcome:
    """Rebuild on every save until Ctrl+C. Errors in the files are reported and the watch goes on;
    only a folder with no library in it stops it before it starts."""
    from .watch import watch_and_build

    project.require_library()
    report("Watching workshops/, teams/, assets/ and templates; press Ctrl+C to stop.", False)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is how a watch ends
        watch_and_build(project, out_dir or project.output_dir, outputs, interval=interval, report=report)
    return Outcome("Stopped watching.")


CHECKED = "{errors} problem(s) to fix."  # validate writes nothing, so says nothing of writing


def validate(project: Project, names: Sequence[str], *, strict: bool = False) -> Outcome:
    """Check workshops, overlays, method cards and the resource catalogue (all of them if none are named)."""
    from .compile import Compiler

    log = ProblemLog()
    compiler = Compiler(project)
    files = targets(project, names) if names else project.method_files() + project.library()
    cards = [f for f in files if project.is_method_file(f)]
    checked = sum(compiler.methods.check_file(card, log) for card in cards)
    catalogue = [f for f in files if project.is_catalogue_file(f)]
    if catalogue or (not names and project.catalogue_path.is_file()):
        checked += compiler.catalogue.check_file(log)
    compiled = compiler.compile_all([f for f in files if f not in cards and f not in catalogue], log)
    if strict and log.warnings:
        problems = log.errors + [
            Problem(p.location, f"{p.message} (an error under --strict)", p.hint) for p in log.warnings]
        raise WorkshopgenError(problems, closing=CHECKED)
    if log.errors:
        raise WorkshopgenError(log.problems, closing=CHECKED)
    # A team version repeats its workshop's warnings, at the same places; each is said once.
    warnings = list(dict.fromkeys(log.warnings))
    return Outcome(f"{len(compiled) + checked} file(s) valid, {len(warnings)} warning(s).", warnings)


def list_workshops(project: Project, *, as_json: bool = False) -> Outcome:
    """The workshops and team overlays in the library, as a table or as JSON.

    A file with errors is left out, and the rest are still listed above its problems."""
    from .compile import Compiler

    log = ProblemLog()
    rows = []
    compiler = Compiler(project)
    for path in project.library():
        compiled = compiler.compile(path, log)
        if compiled is None:
            continue
        workshop = compiled.plan.workshop
        rows.append({"id": workshop.id, "title": workshop.title, "kind": workshop.kind,
                     "path": display_path(path), "minutes": workshop.duration,
                     "language": workshop.language, "overlay": compiled.overlay})
    if as_json:
        text = json.dumps(rows, indent=2, ensure_ascii=False)
    else:
        text = "\n".join(f"{row['id']:<40} {row['kind']:<11} {row['minutes']:>4} min  {row['title']}"
                         for row in rows)
    if log.errors:
        raise WorkshopgenError(log.errors, output=text, closing=(
            f"{len(log.errors)} problem(s) to fix; the files they are in are not listed."))
    return Outcome(text)


def links(project: Project, names: Sequence[str], *, timeout: float, retries: int, jobs: int) -> Outcome:
    """Ask for every resource and feedback address once; report each broken one where it is written."""
    from .compile import Compiler
    from .links import check_urls, collect_links, link_problems, looks_offline

    log = ProblemLog()
    uses = collect_links(Compiler(project), targets(project, names), log, catalogue=not names)
    results = check_urls((use.url for use in uses), timeout=timeout, retries=retries, jobs=jobs)
    if looks_offline(results):
        raise WorkshopgenError([Problem(
            Location(project.root), f"none of the {len(results)} address(es) could be reached: this machine looks "
            "offline", "connect to the internet and run `workshopgen links` again")],
            closing="Nothing was checked.")
    problems = log.problems + link_problems(uses, results)
    broken = sorted({u.url for u in uses if not results[u.url].ok})
    redirected = sorted({u.url for u in uses if results[u.url].ok and results[u.url].redirects})
    summary = (f"Checked {len(results)} address(es) used {len(uses)} time(s): {len(broken)} broken, "
               f"{len(redirected)} redirected.")
    if log.errors:
        raise WorkshopgenError(problems, output=summary, closing=(
            f"{len(log.errors)} problem(s) kept some workshops from being checked; fix them and run again."))
    if broken:
        raise WorkshopgenError(problems, output=summary,
                               closing=f"{len(broken)} broken address(es) to fix, at the places named above.")
    return Outcome(summary, problems)


def schema(out_file: Path | None = None, *, catalogue: bool = False) -> Outcome:
    """The JSON Schema of workshop files (or of the resource catalogue): the text itself, or written to `out_file`."""
    from .schema import catalogue_schema_json, workshop_schema_json

    text = catalogue_schema_json() if catalogue else workshop_schema_json()
    if out_file is None:
        return Outcome(text.removesuffix("\n"))
    from .write import write_atomic

    with writing(out_file):
        write_atomic(out_file, text.encode())
    return Outcome(f"Wrote {display_path(out_file)}.")


def new(project: Project, workshop_id: str, kind: str, title: str | None = None) -> Outcome:
    from .starters import new_workshop

    path = display_path(new_workshop(project, workshop_id, kind, title))
    return Outcome(f"Wrote {path}. Edit it, then run: {command_name()} validate {path}")


def customise(project: Project, workshop: str, team: str, participants: int | None = None,
              feedback: str | None = None) -> Outcome:
    from .starters import new_overlay

    path = display_path(new_overlay(project, workshop, team, participants, feedback))
    return Outcome(f"Wrote {path}. Edit it where its comments say, then run: {command_name()} build {path}")


def command_name() -> str:
    """workshopgen as the user can type it here: its name when it is on their PATH (the virtual
    environment is active), else its path from this folder, such as `.venv/bin/workshopgen`."""
    invoked = Path(sys.argv[0])
    if invoked.name != "workshopgen":
        return "workshopgen"
    on_path = shutil.which("workshopgen")
    if on_path and Path(on_path).resolve() == invoked.resolve():
        return "workshopgen"
    try:
        return str(invoked.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(invoked)
