"""Command-line wiring only: each command calls the pipeline and reports in plain words."""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import EXIT_BAD_INPUT, EXIT_BUG, Problem, ProblemLog, WorkshopgenError, display_path

F = TypeVar("F", bound=Callable[..., Any])


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def handles_errors(command: F) -> F:
    """Bad input exits 2 with located messages; anything else is a bug, exit 1, short report."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return command(*args, **kwargs)
        except WorkshopgenError as exc:
            _report(exc.problems)
            errors = sum(not p.warning for p in exc.problems)
            click.echo(f"{errors} problem(s) to fix; nothing was written.", err=True)
            if debug:
                traceback.print_exc()
            sys.exit(EXIT_BAD_INPUT)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception as exc:
            if debug:
                traceback.print_exc()
            click.echo(f"workshopgen {__version__} hit a bug: {type(exc).__name__}: {exc}", err=True)
            click.echo("Nothing was written. Run again with --debug and send the output to the maintainers.",
                       err=True)
            sys.exit(EXIT_BUG)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
@click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path),
              help="The library folder (the one holding workshops/); found from here by default.")
@click.version_option(__version__)
@click.pass_context
def main(ctx: click.Context, debug: bool, project_dir: Path | None) -> None:
    """Compile workshop YAML files into slide decks, facilitator guides and handouts."""
    from .project import Project

    ctx.obj = Project(project_dir.resolve()) if project_dir else Project.find()


def _targets(project: Any, names: tuple[str, ...]) -> list[Path]:
    return [project.target(n) for n in names] if names else project.library()


@main.command()
@click.argument("workshops", nargs=-1)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: output/ in the project).")
@click.option("--overlay", type=click.Path(dir_okay=False, path_type=Path),
              help="A team overlay to apply to the workshop(s) named.")
@click.option("--only", default=None, help="Comma-separated outputs to build, such as deck,guide.")
@click.option("--force", is_flag=True, help="Rebuild everything, even outputs that are up to date.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Threads to typeset guides and handouts with (default: one per core).")
@click.pass_obj
@handles_errors
def build(project: Any, workshops: tuple[str, ...], out_dir: Path | None, overlay: Path | None,
          only: str | None, force: bool, jobs: int | None) -> None:
    """Build decks, guides and handouts (every workshop and team overlay by default).

    Outputs whose inputs have not changed since the last build are skipped; --force rebuilds them."""
    from .build import build as run_build

    outputs = _outputs(only)
    if overlay and not workshops:
        raise click.UsageError(
            "--overlay needs the workshop it applies to, such as `build case-feno-testing --overlay FILE`")
    result = run_build(project, _targets(project, workshops), out_dir or project.root / "output", outputs, overlay,
                       with_index=not workshops and outputs != ("plan",), force=force, jobs=jobs)
    _report(result.warnings)
    click.echo(_summary(result))


def _outputs(only: str | None) -> tuple[str, ...]:
    from .render import DEFAULT_OUTPUTS, RENDERERS

    if not only:
        return DEFAULT_OUTPUTS
    outputs = tuple(o.strip() for o in only.split(",") if o.strip())
    unknown = [o for o in outputs if o not in RENDERERS]
    if unknown:
        raise click.BadParameter(f"unknown output {', '.join(unknown)}; choose from {', '.join(RENDERERS)}",
                                 param_hint="--only")
    return outputs


def _summary(result: Any) -> str:
    return (f"Built {len(result.built)} workshop(s), {len(result.skipped)} up to date: "
            f"{len(result.written)} file(s) written, {len(result.warnings)} warning(s).")


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: output/ in the project).")
@click.option("--only", default=None, help="Comma-separated outputs to build, such as deck,guide.")
@click.option("--interval", type=click.FloatRange(min=0.1), default=0.5, show_default=True,
              help="Seconds between looks for changed files.")
@click.pass_obj
def watch(project: Any, out_dir: Path | None, only: str | None, interval: float) -> None:
    """Rebuild whatever changes, as you save, until Ctrl+C. Errors are shown, not fatal."""
    from .watch import watch_and_build

    outputs = _outputs(only)
    click.echo("Watching workshops/, teams/, assets/ and templates; press Ctrl+C to stop.")
    try:
        watch_and_build(project, out_dir or project.root / "output", outputs, interval=interval,
                        report=lambda text, is_error: click.echo(text, err=is_error))
    except KeyboardInterrupt:
        click.echo("Stopped watching.")


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.pass_obj
@handles_errors
def validate(project: Any, paths: tuple[str, ...], strict: bool) -> None:
    """Check workshops and overlays (the whole library and teams/ by default)."""
    from .compile import Compiler

    log = ProblemLog()
    compiler = Compiler(project)
    targets = _targets(project, paths) if paths else project.method_files() + project.library()
    cards = [t for t in targets if project.is_method_file(t)]
    checked = sum(compiler.methods.check_file(card, log) for card in cards)
    compiled = compiler.compile_all([t for t in targets if t not in cards], log)
    if strict and log.warnings:
        raise WorkshopgenError(log.errors + [
            Problem(p.location, f"{p.message} (an error under --strict)", p.hint) for p in log.warnings])
    _report(log.warnings)
    log.raise_if_errors()
    click.echo(f"{len(compiled) + checked} file(s) valid, {len(log.warnings)} warning(s).")


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
@click.pass_obj
@handles_errors
def list_workshops(project: Any, as_json: bool) -> None:
    """List the workshops and team overlays in the library."""
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
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for row in rows:
            click.echo(f"{row['id']:<40} {row['kind']:<11} {row['minutes']:>4} min  {row['title']}")
    log.raise_if_errors()


@main.command()
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to this file instead of printing it.")
def schema(out_file: Path | None) -> None:
    """Print the JSON Schema of workshop files, for editors that check YAML as you type."""
    from .schema import workshop_schema_json

    text = workshop_schema_json()
    if out_file:
        from .write import write_atomic

        write_atomic(out_file, text.encode())
    else:
        click.echo(text, nl=False)


@main.command()
@click.argument("workshop_id")
@click.option("--kind", type=click.Choice(["principle", "case-study", "topic"]), required=True)
@click.option("--title", default=None, help="The workshop's title.")
@click.pass_obj
@handles_errors
def new(project: Any, workshop_id: str, kind: str, title: str | None) -> None:
    """Start a new workshop file in workshops/ from a complete, valid example."""
    from .starters import new_workshop

    path = new_workshop(project, workshop_id, kind, title)
    click.echo(f"Wrote {display_path(path)}. Edit it, then run: workshopgen validate {display_path(path)}")


@main.command()
@click.argument("workshop")
@click.option("--team", required=True, help="Your team's short name, such as pcn-north.")
@click.pass_obj
@handles_errors
def customise(project: Any, workshop: str, team: str) -> None:
    """Write a starter overlay in teams/TEAM/ to run a workshop your own way."""
    from .starters import new_overlay

    path = new_overlay(project, workshop, team)
    click.echo(f"Wrote {display_path(path)}. Edit it, then run: workshopgen build {display_path(path)}")


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds to wait for each answer.")
@click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True,
              help="Tries again after a timeout or a server fault, pausing longer each time.")
@click.option("--jobs", type=click.IntRange(min=1), default=8, show_default=True,
              help="How many addresses to check at once.")
@click.pass_obj
@handles_errors
def links(project: Any, paths: tuple[str, ...], timeout: float, retries: int, jobs: int) -> None:
    """Check that every resource and feedback address still works (the whole library by default)."""
    from .compile import Compiler
    from .links import check_urls, collect_links, link_problems

    log = ProblemLog()
    uses = collect_links(Compiler(project), _targets(project, paths), log)
    results = check_urls((use.url for use in uses), timeout=timeout, retries=retries, jobs=jobs)
    problems = log.problems + link_problems(uses, results)
    _report(problems)
    broken = sorted({u.url for u in uses if not results[u.url].ok})
    redirected = sorted({u.url for u in uses if results[u.url].ok and results[u.url].redirects})
    click.echo(f"Checked {len(results)} address(es) used {len(uses)} time(s): {len(broken)} broken, "
               f"{len(redirected)} redirected.")
    if log.errors:
        click.echo(f"{len(log.errors)} problem(s) kept some workshops from being checked; fix them and run again.",
                   err=True)
    if broken or log.errors:
        sys.exit(EXIT_BAD_INPUT)


def run() -> None:
    """The `workshopgen` command itself; `main` is the same command for callers in Python.

    A build makes many short-lived objects and few cycles, so Python's collector is asked to
    look far less often. And once the command has finished, every file is written, closed and
    on disk: the process ends there, instead of spending some 50 ms (more than half a no-op
    build) freeing Typst's caches and every module one by one."""
    gc.set_threshold(100_000, 50, 100)
    code: int | str | None = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code or 0)
