from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.paths import FIXTURE_PROJECT

# QR matrices are cached on disk between runs; tests keep theirs apart from the user's.
os.environ.setdefault("WORKSHOPGEN_CACHE_DIR", tempfile.mkdtemp(prefix="workshopgen-test-cache-"))
from workshopgen.project import Project


@pytest.fixture
def fixture_project() -> Project:
    return Project(FIXTURE_PROJECT)


@pytest.fixture
def project_copy(tmp_path: Path) -> Project:
    """A writable copy of the fixture library, for tests that change files."""
    root = tmp_path / "library"
    shutil.copytree(FIXTURE_PROJECT, root)
    return Project(root)
