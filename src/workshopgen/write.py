"""The only module that writes output, in two phases so a failure never leaves a mixed pack.

Every file is first written in full to a temp file beside its target and flushed to disk; only
when all of them are there is each renamed over its target. Running out of space, or any other
failure while writing, removes the temp files and leaves every earlier output as it was. A
rename is atomic, so a build killed at any moment leaves each file old or new, never torn.
"""

from __future__ import annotations

import os
import re
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


def write_outputs(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every rendered file under `out_dir`; call only once everything has rendered."""
    remove_stale_temps(out_dir)
    staged: list[tuple[Path, Path]] = []
    try:
        for relative, data in sorted(files.items()):
            target = out_dir / relative
            staged.append((_write_temp(target, data), target))
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    for temp, target in staged:
        os.replace(temp, target)
    return [target for _, target in staged]
