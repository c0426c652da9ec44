"""A build: compile every target, render everything in memory, and only then write."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .compile import Compiled, Compiler
from .errors import Problem, ProblemLog
from .project import Project
from .render import renderer
from .write import write_outputs


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    compiled: list[Compiled] = field(default_factory=list)


def render_all(compiled: list[Compiled], outputs: tuple[str, ...]) -> dict[str, bytes]:
    """Every requested file for every workshop, keyed by its path under the output folder."""
    files: dict[str, bytes] = {}
    for item in compiled:
        for kind in outputs:
            for name, data in renderer(kind)(item.plan, item.assets).items():
                files[f"{item.plan.output_id}/{name}"] = data
    return files


def build(project: Project, targets: list[Path], out_dir: Path, outputs: tuple[str, ...],
          overlay: Path | None = None, *, with_index: bool = False) -> BuildResult:
    """Build `targets` into `out_dir`; raises WorkshopgenError, having written nothing, on bad input.

    `with_index` adds output/index.html listing every workshop built, so it is asked for only
    when the whole library is built."""
    log = ProblemLog()
    compiled = Compiler(project).compile_all(targets, log, overlay)
    log.raise_if_errors()
    files = render_all(compiled, outputs)
    if with_index:
        from .render.index import render_index

        files["index.html"] = render_index([c.plan for c in compiled], outputs)
    return BuildResult(write_outputs(out_dir, files), log.warnings, compiled)
