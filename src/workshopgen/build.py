"""A build: skip what is up to date, compile the rest and render it across the cores, staging
each file beside its target as it comes, and only when all is well put the files in place and
write the manifest."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import MANIFEST_NAME, Manifest, TargetRecord, file_hash, target_key, user_caches
from .errors import Location, Problem, ProblemLog, WorkshopgenError
from .progress import Progress
from .project import Project
from .render_queue import RenderQueue
from .write import Staging, write_atomic

if TYPE_CHECKING:  # the models load only when something needs building, so a no-op build is quick
    from .compile import Compiled
    from .model import Resource


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    built: list[str] = field(default_factory=list)  # output ids built this time
    skipped: list[str] = field(default_factory=list)  # output ids already up to date
    warnings: list[Problem] = field(default_factory=list)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def compile_and_render(project: Project, targets: list[Path], overlay: Path | None, outputs: tuple[str, ...],
                       staging: Staging, jobs: int, show_progress: bool) -> tuple[list[TargetRecord], ProblemLog]:
    """Each target compiled in turn, its outputs rendering while the next one compiles and staged
    as they come; what each target was made from and into, for the manifest.

    Once any workshop has an error the rest are still compiled, so every error is reported at
    once, but no more rendering is started; the caller discards what was staged."""
    from .compile import Compiler, duplicate_outputs

    log = ProblemLog()
    records: list[TargetRecord] = []
    made: list[tuple[str, str]] = []  # (output id, source file) of each workshop compiled
    progress = Progress(len(targets) * len(outputs)) if show_progress else None
    queue = RenderQueue(outputs, jobs, staging.add, user_caches(), progress)
    try:
        compiler = Compiler(project)
        for target in targets:
            item = compiler.compile(target, log, overlay)
            if item is not None and not log.errors:
                records.append(_record(item, project.root.resolve()))
                made.append((item.plan.output_id, item.plan.source))
                queue.add(item)
        duplicate_outputs(made, log)
        log.raise_if_errors()
        produced = queue.finish()
    finally:
        queue.close()
        if progress:
            progress.close()
    for record in records:
        record.outputs = {kind: produced[record.output_id, kind] for kind in outputs}
    return records, log


def _record(item: Compiled, root: Path) -> TargetRecord:
    """What `item` was made from; the files it is made into are added once it has rendered."""
    inputs = {}
    for path in item.inputs:
        real = path.resolve()
        name = str(real.relative_to(root)) if real.is_relative_to(root) else str(real)
        inputs[name] = file_hash(real) or ""
    return TargetRecord(item.plan.output_id, inputs, {},
                        item.plan.pack_entry(overlay=item.overlay).model_dump(mode="json"))


INDEX_NAME = "index.html"


def further_reading(project: Project) -> list[Resource]:
    """The catalogue's further reading, for the index; a catalogue with errors stops the build."""
    from .catalogue import ResourceCatalogue

    log = ProblemLog()
    found = ResourceCatalogue(project).further_reading(log)
    log.raise_if_errors()
    return list(found)


def build(project: Project, targets: list[Path], out_dir: Path, outputs: tuple[str, ...],
          overlay: Path | None = None, *, with_index: bool = False, force: bool = False,
          jobs: int | None = None, show_progress: bool = True) -> BuildResult:
    """Build `targets` into `out_dir`; raises WorkshopgenError, having written nothing, on bad input.

    `with_index` adds output/index.html listing every workshop built, so it is asked for only
    when the whole library is built."""
    root = project.root.resolve()
    manifest = Manifest() if force else Manifest.load(out_dir)
    keys = {target_key(t, overlay, root): t for t in targets}
    stale = [t for k, t in keys.items() if not manifest.up_to_date(k, outputs, out_dir, root)]
    fresh = [k for k in keys if keys[k] not in stale]

    staging = Staging(out_dir)
    try:
        records: list[TargetRecord] = []
        log = ProblemLog()
        if stale:
            records, log = compile_and_render(project, stale, overlay, outputs, staging, jobs or default_jobs(),
                                              show_progress)
        for record, target in zip(records, stale, strict=True):
            manifest.record(target_key(target, overlay, root), record, outputs)
        # The index lists the catalogue's further reading too, so a change to the catalogue remakes it.
        catalogue = {"catalogue": file_hash(project.catalogue_path) or ""}
        if with_index and (records or not (out_dir / "index.html").is_file()
                           or manifest.keys.get(INDEX_NAME) != catalogue):
            from .plan import PackEntry
            from .render.web.index import render_index

            entries = [PackEntry(**manifest.targets[k].index_entry) for k in keys]
            staging.add({INDEX_NAME: render_index(entries, outputs, user_caches(),
                                                  further_reading=further_reading(project))})
            manifest.keys[INDEX_NAME] = catalogue
        written = staging.commit()
        write_atomic(out_dir / MANIFEST_NAME, manifest.to_bytes())
    except OSError as exc:
        staging.discard()
        raise WorkshopgenError([Problem(
            Location(out_dir), f"could not write the outputs: {exc.strerror or exc}",
            "free some disk space or choose another folder with --out; the earlier outputs are unchanged",
        )]) from None
    except BaseException:
        staging.discard()
        raise
    skipped = [manifest.targets[k].output_id for k in fresh]
    return BuildResult(written, [r.output_id for r in records], skipped, log.warnings)
