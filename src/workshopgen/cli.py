"""Command-line wiring only: each command parses its arguments, calls one function in
`commands` and prints what it returns. Errors are reported in one place, for every command."""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import sys
import traceback
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__, commands
from .errors import EXIT_BAD_INPUT, EXIT_BUG, Problem, WorkshopgenError


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def _say(outcome: commands.Outcome) -> None:
    _report(outcome.warnings)
    if outcome.text:
        click.echo(outcome.text)


def _echo(text: str, is_error: bool) -> None:
    click.echo(text, err=is_error)


class _Workshopgen(click.Group):
    """Bad input exits 2 with every problem located; anything else is a bug: exit 1 and a short
    report, with the traceback only under --debug. Click's own usage errors and exits pass through."""

    def invoke(self, ctx: click.Context) -> Any:
        debug = bool(ctx.params.get("debug"))
        try:
            return super().invoke(ctx)
        except WorkshopgenError as exc:
            _report(exc.problems)
            if exc.output:
                click.echo(exc.output)
            click.echo(exc.closing, err=True)
            if debug:
                traceback.print_exc()
            ctx.exit(EXIT_BAD_INPUT)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # the reader went away (`| head`); click ends quietly
                raise
            _bug(ctx, exc, debug)
        except Exception as exc:
            _bug(ctx, exc, debug)


def _bug(ctx: click.Context, exc: Exception, debug: bool) -> NoReturn:
    if debug:
        traceback.print_exc()
    click.echo(f"workshopgen {__version__} hit a bug: {type(exc).__name__}: {exc}", err=True)
    click.echo("Nothing was written. Run again with --debug and send the output to the maintainers.", err=True)
    ctx.exit(EXIT_BUG)


def _outputs(ctx: click.Context, param: click.Parameter, only: str | None) -> tuple[str, ...]:
    from .render import DEFAULT_OUTPUTS, RENDERERS

    if not only:
        return DEFAULT_OUTPUTS
    outputs = tuple(o.strip() for o in only.split(",") if o.strip())
    unknown = [o for o in outputs if o not in RENDERERS]
    if unknown:
        raise click.BadParameter(f"unknown output {', '.join(unknown)}; choose from {', '.join(RENDERERS)}")
    return outputs


_ONLY_HELP = "Comma-separated outputs to build, such as deck,guide; materials is the print pack."


@click.group(cls=_Workshopgen, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
@click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path),
              help="The library folder (the one holding workshops/); found from here by default.")
@click.version_option(__version__)
@click.pass_context
def main(ctx: click.Context, debug: bool, project_dir: Path | None) -> None:
    """Compile workshop YAML files into slide decks, facilitator guides and handouts."""
    from .project import Project

    ctx.obj = Project(project_dir.resolve()) if project_dir else Project.find()


@main.command()
@click.argument("workshops", nargs=-1)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: output/ in the project).")
@click.option("--overlay", type=click.Path(dir_okay=False, path_type=Path),
              help="A team overlay to apply to the workshop(s) named.")
@click.option("--only", "outputs", callback=_outputs, help=_ONLY_HELP)
@click.option("--force", is_flag=True, help="Rebuild everything, even outputs that are up to date.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Threads to typeset guides, handouts and print packs with (default: one per core).")
@click.pass_obj
def build(project: Any, workshops: tuple[str, ...], out_dir: Path | None, overlay: Path | None,
          outputs: tuple[str, ...], force: bool, jobs: int | None) -> None:
    """Build decks, guides, handouts and print packs (every workshop and team overlay by default).

    Outputs whose inputs have not changed since the last build are skipped; --force rebuilds them."""
    if overlay and not workshops:
        raise click.UsageError(
            "--overlay needs the workshop it applies to, such as `build case-feno-testing --overlay FILE`")
    _say(commands.build(project, workshops, out_dir, outputs, overlay, force=force, jobs=jobs))


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: output/ in the project).")
@click.option("--only", "outputs", callback=_outputs, help=_ONLY_HELP)
@click.option("--interval", type=click.FloatRange(min=0.1), default=0.5, show_default=True,
              help="Seconds between looks for changed files.")
@click.pass_obj
def watch(project: Any, out_dir: Path | None, outputs: tuple[str, ...], interval: float) -> None:
    """Rebuild whatever changes, as you save, until Ctrl+C. Errors are shown, not fatal."""
    _say(commands.watch(project, out_dir, outputs, interval=interval, report=_echo))


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.pass_obj
def validate(project: Any, paths: tuple[str, ...], strict: bool) -> None:
    """Check workshops and overlays (the whole library and teams/ by default)."""
    _say(commands.validate(project, paths, strict=strict))


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
@click.pass_obj
def list_workshops(project: Any, as_json: bool) -> None:
    """List the workshops and team overlays in the library."""
    _say(commands.list_workshops(project, as_json=as_json))


@main.command()
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to this file instead of printing it.")
@click.option("--catalogue", is_flag=True, help="The schema of workshops/resources.yaml instead.")
def schema(out_file: Path | None, catalogue: bool) -> None:
    """Print the JSON Schema of workshop files, for editors that check YAML as you type."""
    _say(commands.schema(out_file, catalogue=catalogue))


@main.command()
@click.argument("workshop_id")
@click.option("--kind", type=click.Choice(["principle", "case-study", "topic"]), required=True)
@click.option("--title", default=None, help="The workshop's title.")
@click.pass_obj
def new(project: Any, workshop_id: str, kind: str, title: str | None) -> None:
    """Start a new workshop file in workshops/ from a complete, valid example."""
    _say(commands.new(project, workshop_id, kind, title))


def _slug(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A name that becomes a folder or file in the library, refused at the argument it came in."""
    from .model import MAX_SLUG_LENGTH, as_slug, is_slug

    if not is_slug(value):
        suggestion = as_slug(value)
        instead = f"use `{suggestion}`" if is_slug(suggestion) else "use a name such as `pcn-north`"
        raise click.BadParameter(f"`{value[:80]}` cannot be a file name in the library: {instead} (lower-case "
                                 f"letters, digits and single hyphens, at most {MAX_SLUG_LENGTH} characters)")
    return value


@main.command()
@click.argument("workshop")
@click.option("--team", required=True, callback=_slug, help="Your team's short name, such as pcn-north.")
@click.option("--participants", type=click.IntRange(1, 500),
              help="How many people are coming (asked for on a terminal).")
@click.option("--feedback", help="Your feedback form's address or an email for feedback (asked for on a terminal).")
@click.pass_obj
def customise(project: Any, workshop: str, team: str, participants: int | None, feedback: str | None) -> None:
    """Write a starter overlay in teams/TEAM/ to run a workshop your own way."""
    if sys.stdin.isatty():
        if participants is None:
            participants = click.prompt("How many people are coming? (Enter to fill in later)", default=0,
                                        type=click.IntRange(0, 500), show_default=False) or None
        if feedback is None:
            feedback = click.prompt("Your feedback form's address or email (Enter for a paper form)", default="",
                                    show_default=False).strip() or None
    _say(commands.customise(project, workshop, team, participants, feedback))


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds to wait for each answer.")
@click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True,
              help="Tries again after a timeout or a server fault, pausing longer each time.")
@click.option("--jobs", type=click.IntRange(min=1), default=8, show_default=True,
              help="How many addresses to check at once.")
@click.pass_obj
def links(project: Any, paths: tuple[str, ...], timeout: float, retries: int, jobs: int) -> None:
    """Check that every resource and feedback address still works (the whole library by default)."""
    _say(commands.links(project, paths, timeout=timeout, retries=retries, jobs=jobs))


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
