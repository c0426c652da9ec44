from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ooxml_check import check_deck
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


@pytest.fixture(autouse=True, scope="session")
def _rendered_decks_are_sound_ooxml(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every deck rendered in this process passes tests/ooxml_check.py as it is made. Session-wide,
    so decks that module-scoped fixtures build are checked too."""
    import workshopgen.render as render

    real = render.renderer

    def checked_renderer(kind: str) -> Any:
        found = real(kind)
        if kind != "deck":
            return found

        def render_checked(*args: Any, **kwargs: Any) -> dict[str, bytes]:
            files: dict[str, bytes] = found(*args, **kwargs)
            for name, data in files.items():
                if name.endswith(".pptx"):
                    check_deck(data)
            return files

        return render_checked

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "renderer", checked_renderer)
        yield
    # Last, what subprocesses wrote into fixtures' temporary folders.
    check_written_decks(tmp_path_factory.getbasetemp())


@pytest.fixture(autouse=True)
def _written_decks_are_sound_ooxml(request: pytest.FixtureRequest) -> Iterator[None]:
    """Decks a subprocess (the CLI) wrote under the test's tmp_path pass tests/ooxml_check.py."""
    # Asked for now, so that tmp_path is still there when this fixture finishes.
    folder = request.getfixturevalue("tmp_path") if "tmp_path" in request.fixturenames else None
    yield
    if folder is not None:
        check_written_decks(folder)


def check_written_decks(folder: Path) -> None:
    # Built decks are named <output id>-deck.pptx; other .pptx files are inputs (team templates, some
    # broken on purpose, in a library's assets) or other tools' decks (the pandoc benchmark's).
    for deck in sorted(folder.rglob("*-deck.pptx")):
        if "assets" not in deck.relative_to(folder).parts:
            check_deck(deck.read_bytes())
