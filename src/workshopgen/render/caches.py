"""Work worth keeping between runs, handed to renderers by the build.

Renderers never read or write files themselves: they ask a `Store` for what an earlier run kept
and give it what they made. The build hands in stores kept on disk; without them (in tests, or
when the cache is turned off) every run keeps its work in memory only.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Protocol


class Store(Protocol):
    def get(self, key: str) -> bytes | None:
        """What was kept under `key`, if anything."""

    def put(self, key: str, data: bytes) -> None:
        """Keep `data` under `key`; losing it only costs speed."""

    def __hash__(self) -> int: ...  # compiled templates are cached per store


@dataclass
class MemoryStore:
    """A store for one process, safe to share between the typesetting threads."""

    entries: dict[str, bytes] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, key: str) -> bytes | None:
        with self.lock:
            return self.entries.get(key)

    def put(self, key: str, data: bytes) -> None:
        with self.lock:
            self.entries[key] = data

    __hash__ = object.__hash__  # one store, one identity: compiled templates are cached per store


class NoStore:
    """A store that keeps nothing: whole PDFs are worth keeping on disk between builds, but not in
    memory, where a renderer called twice with the same plan should typeset twice."""

    def get(self, key: str) -> bytes | None:
        return None

    def put(self, key: str, data: bytes) -> None:
        pass


@dataclass(frozen=True)
class Caches:
    """The build's stores: QR codes, the layout each handout settled on, compiled web templates, the
    parts of each chart (its XML and workbook), which would otherwise need python-pptx imported, and
    the PDFs typeset, which the same content typesets to byte for byte."""

    qr_codes: Store = field(default_factory=MemoryStore)
    handout_layouts: Store = field(default_factory=MemoryStore)
    web_templates: Store = field(default_factory=MemoryStore)
    charts: Store = field(default_factory=MemoryStore)
    documents: Store = field(default_factory=NoStore)


IN_MEMORY = Caches()  # for renderers called without a build's caches
