"""A progress line for long builds on a terminal; silent in pipes, logs and CI."""

from __future__ import annotations

import sys
import time
from typing import TextIO

SHOW_AFTER_SECONDS = 1.0


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() and total > 1
        self.started = time.monotonic()
        self.shown = False

    def advance(self, label: str) -> None:
        self.done += 1
        if not self.enabled or time.monotonic() - self.started < SHOW_AFTER_SECONDS:
            return
        width = 30
        filled = width * self.done // self.total
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {label[:40]:<40}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 80 + "\r")
            self.stream.flush()
