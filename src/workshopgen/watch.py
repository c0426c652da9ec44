"""`workshopgen watch`: rebuild on save. Polling keeps it dependency-free and works on shared drives."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from .errors import WorkshopgenError
from .project import Project

Report = Callable[[str, bool], None]  # (text, is_error)


def snapshot(project: Project) -> dict[Path, tuple[int, int]]:
    """Modification time and size of every file a build reads, so any save is noticed."""
    package_templates = Path(__file__).parent / "templates"
    folders = [project.workshops_dir, project.teams_dir, project.root / "assets", package_templates]
    seen: dict[Path, tuple[int, int]] = {}
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*"):
                try:
                    stat = path.stat()
                except OSError:
                    continue  # deleted between listing and looking
                if path.is_file():
                    seen[path] = (stat.st_mtime_ns, stat.st_size)
    return seen


def watch_and_build(project: Project, out_dir: Path, outputs: tuple[str, ...], *, interval: float,
                    report: Report, stop: threading.Event | None = None) -> None:
    """Build the library now and after every change, until `stop` is set (or Ctrl+C)."""
    from .build import build

    stop = stop or threading.Event()
    last: dict[Path, tuple[int, int]] | None = None
    while not stop.is_set():
        current = snapshot(project)
        if current != last:
            last = current
            try:
                result = build(project, project.library(), out_dir, outputs,
                               with_index=outputs != ("plan",), show_progress=False)
            except WorkshopgenError as exc:
                for problem in exc.problems:
                    report(str(problem), True)
                report("Nothing was written. Fix the above and save; still watching.", True)
            except Exception as exc:  # a bug must not end the watch
                report(f"workshopgen hit a bug: {type(exc).__name__}: {exc}", True)
            else:
                for problem in result.warnings:
                    report(str(problem), False)
                rebuilt = ", ".join(result.built) or "nothing changed"
                report(f"Rebuilt: {rebuilt} ({len(result.written)} file(s) written).", False)
        stop.wait(interval)
