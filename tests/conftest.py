from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.paths import FIXTURE_PROJECT
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
