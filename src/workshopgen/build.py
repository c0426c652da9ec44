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
          overlay: Path | None = None) -> BuildResult:
    """Build `targets` into `out_dir`; raises WorkshopgenError, having written nothing, on bad input."""
    log = ProblemLog()
    compiled = Compiler(project).compile_all(targets, log, overlay)
    log.raise_if_errors()
    files = render_all(compiled, outputs)
    return BuildResult(write_outputs(out_dir, files), log.warnings, compiled)
