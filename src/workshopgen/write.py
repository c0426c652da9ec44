"""The only module that writes output: each file through a temp file and an atomic rename."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(target: Path, data: bytes) -> None:
    """Replace `target` with `data` so a reader sees the old file or the new one, never a torn one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_outputs(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every rendered file under `out_dir`; call only once everything has rendered."""
    written = []
    for relative, data in sorted(files.items()):
        target = out_dir / relative
        write_atomic(target, data)
        written.append(target)
    return written
