"""Rendering as workshops are compiled, across the cores of one process.

Typst typesets outside Python's global interpreter lock, so guides and handouts go to worker
threads and use the other cores while this thread compiles the next workshop and renders its
deck and HTML, which are Python through and through. One process means the libraries load once,
nothing is copied between processes, and memory stays that of one build.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from .progress import Progress

if TYPE_CHECKING:
    from .compile import Compiled
    from .plan import Plan
    from .render.caches import Caches

Files = dict[str, bytes]  # path under the output folder -> bytes
Produced = dict[tuple[str, str], list[str]]  # (output id, kind) -> paths under the output folder


def render_one(kind: str, plan: Plan, assets: Mapping[str, bytes], caches: Caches) -> Files:
    from .render import renderer

    return {f"{plan.output_id}/{name}": data for name, data in renderer(kind)(plan, assets, caches).items()}


class RenderQueue:
    """Every requested output of each workshop handed to `add`, each passed to `take` (in this
    thread) as soon as it is rendered, so the files need not all be held until the end.

    With `threads` at 1 everything renders in the calling thread, one output after another."""

    def __init__(self, outputs: tuple[str, ...], threads: int, take: Callable[[Files], None], caches: Caches,
                 progress: Progress | None = None) -> None:
        from .render import TYPESET

        self.outputs = outputs
        self.caches = caches
        self.take = take
        self.progress = progress
        self.typeset = TYPESET if threads > 1 else frozenset()
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="typeset") if self.typeset else None
        self.pending: dict[tuple[str, str], Future[Files]] = {}
        self.produced: Produced = {}
        self.lock = threading.Lock()  # progress is advanced from the typesetting threads too

    def add(self, item: Compiled) -> None:
        plan, assets = item.plan, item.assets
        for kind in sorted(self.outputs, key=lambda k: k not in self.typeset):  # start Typst first
            if self.pool is not None and kind in self.typeset:
                future = self.pool.submit(render_one, kind, plan, assets, self.caches)
                future.add_done_callback(self._on_done(f"{kind} {plan.output_id}"))
                self.pending[plan.output_id, kind] = future
            else:
                self._keep((plan.output_id, kind), render_one(kind, plan, assets, self.caches))
                self._advance(f"{kind} {plan.output_id}")
        for key in [key for key, future in self.pending.items() if future.done()]:
            self._keep(key, self.pending.pop(key).result())

    def _keep(self, key: tuple[str, str], files: Files) -> None:
        self.take(files)
        self.produced[key] = sorted(files)

    def _on_done(self, label: str) -> Callable[[Future[Files]], None]:
        return lambda _: self._advance(label)

    def _advance(self, label: str) -> None:
        if self.progress is not None:
            with self.lock:
                self.progress.advance(label)

    def finish(self) -> Produced:
        """Wait for every output; the first error any of them raised is raised here."""
        for key, future in list(self.pending.items()):
            self._keep(key, future.result())
            del self.pending[key]
        return self.produced

    def close(self) -> None:
        """Stop: outputs not yet started are dropped (after an error, nothing is written anyway)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
