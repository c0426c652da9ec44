"""A build: skip what is up to date, compile the rest, render it all in memory across the
cores, and only then write the files and the manifest."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import MANIFEST_NAME, Manifest, TargetRecord, file_hash, target_key
from .errors import Location, Problem, ProblemLog, WorkshopgenError
from .progress import Progress
from .project import Project
from .write import write_atomic, write_outputs

if TYPE_CHECKING:  # the models load only when something needs building, so a no-op build is quick
    from .compile import Compiled
    from .plan import Plan


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # output ids already up to date
    warnings: list[Problem] = field(default_factory=list)
    compiled: list[Compiled] = field(default_factory=list)


Rendered = dict[tuple[str, str], dict[str, bytes]]  # (output id, kind) -> {path under output/: bytes}


def _render_one(kind: str, plan: Plan, assets: Mapping[str, bytes]) -> dict[str, bytes]:
    from .render import renderer

    return {f"{plan.output_id}/{name}": data for name, data in renderer(kind)(plan, assets).items()}


POOL_MIN_TASKS = 8  # below this, starting worker processes costs more than it saves


def render_all(compiled: list[Compiled], outputs: tuple[str, ...], pool: ProcessPoolExecutor | None = None,
               progress: Progress | None = None) -> Rendered:
    """Every requested output of every workshop, rendered in memory, in `pool` if one is given."""
    tasks = [(kind, item.plan, item.assets) for item in compiled for kind in outputs]
    rendered: Rendered = {}
    if pool is None:
        for kind, plan, assets in tasks:
            rendered[plan.output_id, kind] = _render_one(kind, plan, assets)
            if progress:
                progress.advance(f"{kind} {plan.output_id}")
        return rendered
    futures: list[tuple[str, str, Future[dict[str, bytes]]]] = [
        (kind, plan.output_id, pool.submit(_render_one, kind, plan, assets)) for kind, plan, assets in tasks
    ]
    for kind, output_id, future in futures:
        rendered[output_id, kind] = future.result()
        if progress:
            progress.advance(f"{kind} {output_id}")
    return rendered


def _load_renderers(outputs: tuple[str, ...]) -> None:
    from .render import renderer

    for kind in outputs:
        renderer(kind)


def start_pool(jobs: int, outputs: tuple[str, ...]) -> ProcessPoolExecutor:
    """Worker processes, started at once so they load while the parent compiles.

    They fork from a clean server process that has imported the renderers but never run them:
    forking a process after Typst has run can copy its thread pool's locks mid-use."""
    from .render import RENDERERS

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([RENDERERS[kind].split(":")[0] for kind in outputs])
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    for _ in range(jobs):
        pool.submit(_load_renderers, outputs)
    return pool


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _record(item: Compiled, outputs: tuple[str, ...], rendered: Rendered, root: Path) -> TargetRecord:
    inputs = {}
    for path in item.inputs:
        real = path.resolve()
        name = str(real.relative_to(root)) if real.is_relative_to(root) else str(real)
        inputs[name] = file_hash(real) or ""
    produced = {kind: sorted(rendered[item.plan.output_id, kind]) for kind in outputs}
    return TargetRecord(item.plan.output_id, inputs, produced,
                        item.plan.pack_entry(overlay=item.overlay).model_dump(mode="json"))


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

    jobs = jobs or default_jobs()
    pool = start_pool(jobs, outputs) if jobs > 1 and len(stale) * len(outputs) >= POOL_MIN_TASKS else None
    try:
        log = ProblemLog()
        compiled: list[Compiled] = []
        if stale:
            from .compile import Compiler

            compiled = Compiler(project).compile_all(stale, log, overlay)
        log.raise_if_errors()
        progress = Progress(len(compiled) * len(outputs)) if show_progress else None
        rendered = render_all(compiled, outputs, pool, progress)
        if progress:
            progress.close()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    files = {name: data for produced in rendered.values() for name, data in produced.items()}

    for item, target in zip(compiled, stale, strict=True):
        manifest.record(target_key(target, overlay, root), _record(item, outputs, rendered, root), outputs)
    if with_index and (compiled or not (out_dir / "index.html").is_file()):
        from .plan import PackEntry
        from .render.index import render_index

        entries = [PackEntry(**manifest.targets[k].index_entry) for k in keys]
        files["index.html"] = render_index(entries, outputs)
    try:
        written = write_outputs(out_dir, files)
        write_atomic(out_dir / MANIFEST_NAME, manifest.to_bytes())
    except OSError as exc:
        raise WorkshopgenError([Problem(
            Location(out_dir), f"could not write the outputs: {exc.strerror or exc}",
            "free some disk space or choose another folder with --out; the earlier outputs are unchanged",
        )]) from None
    skipped = [manifest.targets[k].output_id for k in fresh]
    return BuildResult(written, skipped, log.warnings, compiled)
