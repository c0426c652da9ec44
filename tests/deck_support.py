"""Helpers for the deck tests: compile a fixture library, edit its workshop, open decks in LibreOffice."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pptx import Presentation

from tests.ooxml_check import check_deck
from tests.paths import FIXTURE_PROJECT
from workshopgen.compile import Compiled, Compiler
from workshopgen.errors import ProblemLog
from workshopgen.project import Project
from workshopgen.render.deck.slides import render_deck

LONG_SENTENCE = ("Relationships carry ideas further than instructions, and the people who adopt a change "
                 "reshape it to fit their own setting")


def copy_library(target: Path) -> Project:
    shutil.copytree(FIXTURE_PROJECT, target)
    return Project(target)


def edit_workshop(project: Project, change: Callable[[dict[str, Any]], None], name: str = "sample") -> None:
    """Rewrite a workshop file after `change` has edited its data."""
    path = project.workshop_path(name)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def compile_workshop(project: Project, name: str = "sample", overlay: Path | None = None) -> tuple[Compiled | None,
                                                                                                    ProblemLog]:
    log = ProblemLog()
    path = overlay or project.workshop_path(name)
    return Compiler(project).compile(path, log), log


def build_deck(compiled: Compiled) -> bytes:
    [data] = render_deck(compiled.plan, compiled.assets).values()
    check_deck(data)
    return data


def open_deck(data: bytes) -> Any:
    return Presentation(io.BytesIO(data))


def iter_runs(slide: Any) -> Iterator[Any]:
    for shape in slide.shapes:
        if shape.has_text_frame:
            for paragraph in shape.text_frame.paragraphs:
                yield from paragraph.runs


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:  # a failure, as for Chromium: a skip would let a run pass without the check
        pytest.fail("LibreOffice is not installed: run ./scripts/setup.sh --test, which installs the Debian "
                    "package libreoffice-impress", pytrace=False)
    return found


def to_pdf(decks: list[Path], out_dir: Path) -> list[Path]:
    """Convert with LibreOffice headless, in a profile of its own so runs never share state."""
    profile = out_dir / "lo-profile"
    subprocess.run([soffice(), "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                    "--outdir", str(out_dir), *map(str, decks)], check=True, capture_output=True, timeout=300)
    pdfs = [out_dir / (deck.stem + ".pdf") for deck in decks]
    for pdf in pdfs:
        assert pdf.is_file(), f"LibreOffice made no PDF of {pdf.stem}"
    return pdfs


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)
Word = tuple[float, float, float, float, str]


def words_by_page(pdf: Path) -> list[list[Word]]:
    """Each page's words with their boxes in points (left, top, right, bottom), as pdftotext places them."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [[(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in _WORD.findall(page)]
            for page in _PAGE.findall(xml)]


def decks_as_pdfs(decks: dict[str, tuple[Compiled, bytes]], root: Path) -> dict[str, tuple[Compiled, Path]]:
    """Each named deck written out and converted by LibreOffice in one run, with its PDF."""
    paths = []
    for name, (_, data) in decks.items():
        path = root / f"{name}.pptx"
        path.write_bytes(data)
        paths.append(path)
    pdfs = to_pdf(paths, root / "pdf")
    return {name: (compiled, pdf) for (name, (compiled, _)), pdf in zip(decks.items(), pdfs, strict=True)}


def crowd(data: dict[str, Any]) -> None:
    """Fill the sample workshop with more text than its slides hold, so slides must shrink and split."""
    talk = next(item for item in data["agenda"] if item["id"] == "talk")
    talk["slides"] += [
        {"type": "bullets", "title": "Everything we know about spread",
         "bullets": [f"{n}. {LONG_SENTENCE}." for n in range(1, 21)]},
        {"type": "two-column", "title": "Pushing and pulling, at length",
         "left": {"heading": "Push", "bullets": [f"Push {n}: {LONG_SENTENCE}." for n in range(1, 13)]},
         "right": {"heading": "Pull", "bullets": [f"Pull {n}." for n in range(1, 4)]}},
        {"type": "quote", "title": "A long thought", "quote": " ".join([LONG_SENTENCE + "."] * 14),
         "attribution": "Workshop team"},
        {"type": "bullets", "title": "A very long slide title that goes on and on about the spread and adoption "
                                    "of innovation and improvement across the whole of health and care in England",
         "bullets": ["One point."]},
    ]
    build = next(item for item in data["agenda"] if item["id"] == "build-up")
    build["slides"][0]["instructions"] = [f"Step {n}: {LONG_SENTENCE}." for n in range(1, 13)]
    close = next(item for item in data["agenda"] if item["id"] == "close")
    index = data["agenda"].index(close)
    data["agenda"][index:index] = [
        {"id": f"extra-{n}", "kind": "talk", "title": f"A short extra item number {n} with a longer name than most",
         "minutes": 0} for n in range(1, 11)]


# The layout role each kind of slide is shown on, as the README's template guide promises.
ROLE_OF_KIND = {
    "title": "title", "agenda": "content", "outcomes": "content", "section": "section", "break": "section",
    "bullets": "content", "two-column": "two-column", "quote": "quote", "image": "image",
    "resource": "image", "video": "image", "activity": "content", "discussion": "content",
    "reflection": "content", "resources": "title-only", "closing": "image", "table": "content",
    "diagram": "title-only",
}


def compiled_variant(root: Path, variant: str) -> Compiled:
    """The fixture workshop as it is ("fixture"), over-full ("crowded"), or on a 4:3 team template ("team")."""
    from tests.make_alt_template import LAYOUTS, alt_template_bytes

    project = copy_library(root / variant)
    if variant == "crowded":
        edit_workshop(project, crowd)
    elif variant == "team":
        (project.root / "assets" / "brand.potx").write_bytes(alt_template_bytes())

        def use_template(data: dict[str, Any]) -> None:
            data["branding"]["template"] = "assets/brand.potx"
            data["branding"]["layouts"] = dict(LAYOUTS)

        edit_workshop(project, use_template)
    compiled, log = compile_workshop(project)
    assert compiled is not None, log.problems
    return compiled
