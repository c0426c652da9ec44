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

Rendered = dict[tuple[str, str], dict[str, bytes]]  # (output id, kind) -> {path under output/: bytes}


def render_one(kind: str, plan: Plan, assets: Mapping[str, bytes]) -> dict[str, bytes]:
    from .render import renderer

    return {f"{plan.output_id}/{name}": data for name, data in renderer(kind)(plan, assets).items()}


class RenderQueue:
    """Every requested output of each workshop handed to `add`; `results` waits for them all.

    With `threads` at 1 everything renders in the calling thread, one output after another."""

    def __init__(self, outputs: tuple[str, ...], threads: int, progress: Progress | None = None) -> None:
        from .render import TYPESET

        self.outputs = outputs
        self.progress = progress
        self.typeset = TYPESET if threads > 1 else frozenset()
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="typeset") if self.typeset else None
        self.pending: dict[tuple[str, str], Future[dict[str, bytes]]] = {}
        self.rendered: Rendered = {}
        self.lock = threading.Lock()  # progress is advanced from the typesetting threads too

    def add(self, item: Compiled) -> None:
        plan, assets = item.plan, item.assets
        for kind in sorted(self.outputs, key=lambda k: k not in self.typeset):  # start Typst first
            if self.pool is not None and kind in self.typeset:
                future = self.pool.submit(render_one, kind, plan, assets)
                future.add_done_callback(self._on_done(f"{kind} {plan.output_id}"))
                self.pending[plan.output_id, kind] = future
            else:
                self.rendered[plan.output_id, kind] = render_one(kind, plan, assets)
                self._advance(f"{kind} {plan.output_id}")

    def _on_done(self, label: str) -> Callable[[Future[dict[str, bytes]]], None]:
        return lambda _: self._advance(label)

    def _advance(self, label: str) -> None:
        if self.progress is not None:
            with self.lock:
                self.progress.advance(label)

    def results(self) -> Rendered:
        """Everything rendered; the first error raised by any output is raised here."""
        for key, future in self.pending.items():
            self.rendered[key] = future.result()
        self.pending.clear()
        return self.rendered

    def close(self) -> None:
        """Stop: outputs not yet started are dropped (after an error, nothing is written anyway)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
