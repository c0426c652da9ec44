"""The pandoc decks the benchmarks time against: the same slides as ours, and no more pictures."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from tests.paths import REPO
from workshopgen.compile import Compiled, Compiler
from workshopgen.errors import ProblemLog
from workshopgen.plan.slides import ImageSlide
from workshopgen.project import Project

PICTURE = re.compile(r"^!\[[^\]]*\]\(([^)]+)\)$", re.MULTILINE)


@pytest.fixture(scope="module")
def pandoc_deck() -> ModuleType:
    """benchmarks/pandoc_deck.py, which lives outside the package."""
    spec = importlib.util.spec_from_file_location("pandoc_deck", REPO / "benchmarks" / "pandoc_deck.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pandoc_deck"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def library() -> list[Compiled]:
    project, log = Project(REPO), ProblemLog()
    compiled = Compiler(project).compile_all(project.library(), log)
    log.raise_if_errors()
    return compiled


def test_each_slide_is_one_pandoc_slide_with_at_most_one_picture(pandoc_deck: ModuleType, library: list[Compiled],
                                                                 tmp_path: Path) -> None:
    pictures = 0
    for item in library:
        plan = item.plan
        source = pandoc_deck.write_source(plan, tmp_path / plan.output_id, dict(item.assets))
        text = source.read_text(encoding="utf-8")
        front, body = text.removeprefix("---\n").split("\n---\n", 1)
        assert yaml.safe_load(front)["title"] == plan.workshop.title
        slides = re.split(r"^# ", body, flags=re.MULTILINE)[1:]
        assert [s.split("\n", 1)[0] for s in slides] == [s.title for s in plan.slides[1:]]
        for slide, planned in zip(slides, plan.slides[1:], strict=True):
            names = PICTURE.findall(slide)
            assert len(names) == (1 if isinstance(planned, ImageSlide) or planned.qr_codes else 0), planned.title
            assert all((source.parent / name).read_bytes().startswith(b"\x89PNG") for name in names)
            assert all(code.display in slide for code in planned.qr_codes)
            pictures += len(names)
    on_our_slides = sum(len(s.qr_codes) + isinstance(s, ImageSlide) for item in library for s in item.plan.slides)
    assert 0 < pictures <= on_our_slides


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is only needed for the benchmarks")
def test_pandoc_makes_exactly_our_slides(pandoc_deck: ModuleType, library: list[Compiled], tmp_path: Path) -> None:
    item = max(library, key=lambda c: sum(len(s.qr_codes) for s in c.plan.slides))
    source = pandoc_deck.write_source(item.plan, tmp_path, dict(item.assets))
    subprocess.run(pandoc_deck.pandoc_command(), cwd=source.parent, check=True)
    with zipfile.ZipFile(source.parent / "deck.pptx") as deck:
        names = deck.namelist()
    assert sum(bool(re.fullmatch(r"ppt/slides/slide\d+\.xml", n)) for n in names) == len(item.plan.slides)
    assert sum(n.startswith("ppt/media/") for n in names) == sum(
        bool(s.qr_codes) or isinstance(s, ImageSlide) for s in item.plan.slides)
