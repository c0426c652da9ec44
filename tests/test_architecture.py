"""The layers of README's "How it works" hold: imports run one way, and no package has a cycle."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.paths import REPO

# What reaches outside the process: the environment, the clock, files (a picture opened from
# bytes in memory, `Image.open(io.BytesIO(...))`, is fine, hence the builtin `open(` alone).
FORBIDDEN = re.compile(r"os\.environ|getenv|user_cache|\.now\(|\.today\(|time\.time\(|(?<![.\w])open\(|"
                       r"read_bytes|write_bytes|read_text|write_text|Path\.home")


def test_imports_keep_to_the_layers() -> None:
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command is not None, "import-linter is missing: run ./scripts/setup.sh --test"
    result = subprocess.run([command, "--config", str(REPO / "pyproject.toml")], cwd=REPO, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout and "kept" in result.stdout


def test_renderers_do_not_reach_for_the_environment_or_the_disk() -> None:
    # Renderers are handed everything; only the build reads the environment, the clock or the user cache.
    found = []
    for path in sorted((REPO / "src" / "workshopgen" / "render").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for needle in FORBIDDEN.findall(text):
            found.append(f"{path.relative_to(REPO)}: {needle}")
    assert not found, found
