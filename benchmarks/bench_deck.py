"""A 30-slide deck built by workshopgen and by pandoc from the same content, side by side.

    .venv/bin/python benchmarks/bench_deck.py [--runs 7]

The fixture library is copied and given bullet slides until its plan holds 30 slides; the same
slides (titles, bullets, columns, quotes, pictures, QR codes, speaker notes) are written as
pandoc Markdown. Figures are medians of --runs runs:

  pandoc             `pandoc deck.md -o deck.pptx`, a fresh process each run
  workshopgen render the deck renderer alone, from the plan to the .pptx bytes, in this process
  workshopgen cli    `workshopgen build --only deck --force`: interpreter start, YAML, checks,
                     plan (text fitting included), render and write, a fresh process each run

The user cache is turned off (WORKSHOPGEN_CACHE_DIR=off), so every run makes its QR codes.
pandoc is skipped, with a message, when it is not installed (`apt-get install pandoc`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))
os.environ["WORKSHOPGEN_CACHE_DIR"] = "off"  # QR codes made afresh, in this process and the command's

from pandoc_deck import pandoc_command, pandoc_version, write_source  # noqa: E402

from workshopgen.compile import Compiled, Compiler  # noqa: E402
from workshopgen.errors import ProblemLog  # noqa: E402
from workshopgen.project import Project  # noqa: E402
from workshopgen.render import qr  # noqa: E402
from workshopgen.render.deck.slides import render_deck  # noqa: E402

SLIDES = 30
FIXTURE = REPO / "tests" / "fixtures" / "project"


def thirty_slide_library(root: Path) -> Compiled:
    """The fixture library, padded with bullet slides until its deck has exactly 30 slides."""
    shutil.copytree(FIXTURE, root)
    project = Project(root)
    path = project.workshop_path("sample")
    compiled = _compile(project, path)
    missing = SLIDES - len(compiled.plan.slides)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    talk = next(item for item in data["agenda"] if item["id"] == "talk")
    talk["slides"] += [{"type": "bullets", "title": f"Lessons from the field, part {n}",
                        "bullets": ["Start with the people who feel the problem most.",
                                    "Test the idea where it is hardest, not where it is easiest.",
                                    "Share what did not work as readily as what did."],
                        "notes": "Ask for one example from the room."} for n in range(1, missing + 1)]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    compiled = _compile(project, path)
    assert len(compiled.plan.slides) == SLIDES, len(compiled.plan.slides)
    return compiled


def _compile(project: Project, path: Path) -> Compiled:
    log = ProblemLog()
    compiled = Compiler(project).compile(path, log)
    log.raise_if_errors()
    assert compiled is not None
    return compiled


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-deck-") as temp:
        folder = Path(temp)
        compiled = thirty_slide_library(folder / "library")
        plan, assets = compiled.plan, dict(compiled.assets)
        source = write_source(plan, folder / "md", assets)

        def ours_render() -> None:
            qr.forget()  # with the user cache off, every run makes its QR codes, as a new process would
            render_deck(plan, assets)

        cli = [sys.executable, "-m", "workshopgen", "--project", str(folder / "library"), "build", "sample",
               "--only", "deck", "--force", "--out", str(folder / "out")]
        figures = {
            "workshopgen render": median_seconds(ours_render, args.runs),
            "workshopgen cli": median_seconds(lambda: subprocess.run(cli, check=True, capture_output=True),
                                              args.runs),
        }
        command, version = pandoc_command(), pandoc_version()
        if command:
            figures["pandoc"] = median_seconds(
                lambda: subprocess.run(command, cwd=source.parent, check=True, capture_output=True), args.runs)
        else:
            print("pandoc is not installed, so there is nothing to compare with: apt-get install -y pandoc")
    print(f"{SLIDES}-slide deck, median of {args.runs} runs ({version or 'no pandoc'}, Python "
          f"{sys.version.split()[0]})")
    print(f"{'':22}{'seconds':>9}{'vs pandoc':>11}")
    for name, seconds in figures.items():
        ratio = f"{seconds / figures['pandoc']:.2f}x" if "pandoc" in figures else "-"
        print(f"{name:22}{seconds:9.3f}{ratio:>11}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
