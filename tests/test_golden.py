"""Golden files: the fixture workshop's plan and its slides' XML, so a change in output shows in review.

After a deliberate change, write them anew and read the diff before committing:

    WORKSHOPGEN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.paths import FIXTURE_PROJECT, TESTS
from workshopgen.compile import Compiled, Compiler
from workshopgen.errors import ProblemLog
from workshopgen.project import Project
from workshopgen.render.deck.slides import render_deck
from workshopgen.render.plan_json import render_plan

GOLDEN = TESTS / "golden"
UPDATE = os.environ.get("WORKSHOPGEN_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def compiled() -> Compiled:
    # Paths in the plan are shown relative to where the command runs: the fixture library's folder here.
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(FIXTURE_PROJECT)
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        project = Project(FIXTURE_PROJECT)
        found = Compiler(project).compile(project.target("sample"), ProblemLog())
    assert found is not None
    return found


def _matches(path: Path, text: str) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path.name} is missing: write it with WORKSHOPGEN_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.relative_to(TESTS)} differs from what is built now; if the change is meant, "
        "write it anew with WORKSHOPGEN_UPDATE_GOLDEN=1 and review the diff")


def test_the_plan_is_as_reviewed(compiled: Compiled) -> None:
    [data] = render_plan(compiled.plan, compiled.assets).values()
    assert json.loads(data)["slides"], "the plan holds its slides"
    _matches(GOLDEN / "sample-plan.json", data.decode())


def test_each_slide_is_as_reviewed(compiled: Compiled) -> None:
    [deck] = render_deck(compiled.plan, compiled.assets).values()
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        names = sorted((n for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                       key=lambda n: int(re.findall(r"\d+", n)[0]))
        assert len(names) == len(compiled.plan.slides)
        for name in names:
            root = etree.fromstring(archive.read(name))
            etree.indent(root, space=" ")  # one element a line, so a review shows what changed
            _matches(GOLDEN / "slides" / name.rsplit("/", 1)[1], etree.tostring(root, encoding="unicode") + "\n")
    if UPDATE:
        for stale in (GOLDEN / "slides").glob("slide*.xml"):
            if f"ppt/slides/{stale.name}" not in names:
                stale.unlink()
