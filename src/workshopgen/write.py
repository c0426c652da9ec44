"""The only module that writes output, in two phases so a failure never leaves a mixed pack.

Every file is first written in full to a temp file beside its target and flushed to disk, as
soon as it is rendered, so a large library is never held in memory all at once; only when all of
them are there is each renamed over its target. Running out of space, bad input found later in
the build, or any other failure removes the temp files (and the folders made for them) and
leaves every earlier output as it was. A rename is atomic, so a build killed at any moment
leaves each file old or new, never torn.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from itertools import takewhile
from pathlib import Path

_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.tmp$")


def _temp_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def _write_temp(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_for(target)
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def write_atomic(target: Path, data: bytes) -> None:
    """Replace one file so a reader sees the old file or the new one, never a torn one."""
    os.replace(_write_temp(target, data), target)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temps(out_dir: Path) -> None:
    """Temp files left by a build that was killed before its renames."""
    if not out_dir.is_dir():
        return
    for path in out_dir.rglob(".*.tmp"):
        match = _TEMP.match(path.name)
        if match and not _alive(int(match.group("pid"))):
            path.unlink(missing_ok=True)


class Staging:
    """Files written beside their targets as they come; `commit` renames them all into place,
    `discard` takes them away again.

    The writing happens in a thread of its own: flushing each file to disk waits on the disk, and
    the build meanwhile goes on rendering. A write that fails is raised by `add` or `commit`."""

    def __init__(self, out_dir: Path) -> None:
        remove_stale_temps(out_dir)
        self.out_dir = out_dir
        self.staged: list[tuple[Future[Path], Path]] = []
        self.made_folders: list[Path] = []
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="write")
        self.failed: list[Future[Path]] = []

    def add(self, files: dict[str, bytes]) -> None:
        """Stage `files` ({path under the output folder: bytes})."""
        if self.failed:
            self.failed[0].result()
        for relative, data in sorted(files.items()):
            target = self.out_dir / relative
            missing = list(takewhile(lambda folder: not folder.exists(), (target.parent, *target.parent.parents)))
            self.made_folders.extend(reversed(missing))  # outermost first, as mkdir makes them
            target.parent.mkdir(parents=True, exist_ok=True)
            written = self.writer.submit(_write_temp, target, data)
            written.add_done_callback(self._note_failure)
            self.staged.append((written, target))

    def _note_failure(self, written: Future[Path]) -> None:
        if written.exception() is not None:
            self.failed.append(written)

    def commit(self) -> list[Path]:
        temps = [(written.result(), target) for written, target in self.staged]
        for temp, target in temps:
            os.replace(temp, target)
        self.writer.shutdown()
        self.staged, self.made_folders = [], []
        return [target for _, target in temps]

    def discard(self) -> None:
        self.writer.shutdown(wait=True)
        for written, _ in self.staged:
            if written.exception() is None:
                written.result().unlink(missing_ok=True)
        for folder in reversed(self.made_folders):
            with suppress(OSError):  # not empty after all, or already gone
                folder.rmdir()
        self.staged, self.made_folders = [], []
