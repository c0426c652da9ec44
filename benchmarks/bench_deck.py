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

from workshopgen.compile import Compiled, Compiler  # noqa: E402
from workshopgen.errors import ProblemLog  # noqa: E402
from workshopgen.plan import Plan  # noqa: E402
from workshopgen.project import Project  # noqa: E402
from workshopgen.render.deck import render_deck  # noqa: E402
from workshopgen.render.qr import qr_png  # noqa: E402

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


def markdown(plan: Plan, folder: Path, assets: dict[str, bytes]) -> str:
    """The plan's slides as pandoc Markdown, pictures and QR codes written beside it."""
    workshop = plan.workshop
    lines = ["---", f"title: {yaml.safe_dump(workshop.title).strip()}",
             f"subtitle: {yaml.safe_dump(workshop.subtitle or '').strip()}",
             f"author: {yaml.safe_dump(workshop.branding.organisation).strip()}", "lang: en-GB", "---", ""]

    def picture(name: str, data: bytes, alt: str) -> str:
        (folder / name).write_bytes(data)
        return f"![{alt}]({name})"

    for slide in plan.slides[1:]:
        lines.append(f"# {slide.title}\n")
        if slide.rows:
            lines += [f"- {clock} {title}" for clock, title in slide.rows]
        for bullet in slide.bullets:
            lines.append(f"- {bullet}")
        if slide.columns:
            lines.append(":::::: columns")
            for heading, bullets in slide.columns:
                lines += ["::: column", f"**{heading}**", "", *[f"- {b}" for b in bullets], ":::"]
            lines.append("::::::")
        if slide.quote:
            lines.append(f"> {slide.quote}\n>\n> — {slide.attribution or ''}")
        if slide.subtitle:
            lines.append(f"\n{slide.subtitle}")
        if slide.image:
            lines.append(picture(f"image-{slide.number}.png", assets[slide.image], slide.alt or ""))
        for n, code in enumerate(slide.qr_codes):
            lines.append(picture(f"qr-{slide.number}-{n}.png", qr_png(code.payload), code.alt))
            lines.append(f"\n{code.display}")
        if slide.caption:
            lines.append(f"\n{slide.caption}")
        if slide.minutes:
            lines.append(f"\n{slide.minutes} minutes · {slide.group or ''}")
        if slide.notes:
            lines += ["", "::: notes", slide.notes, ":::"]
        lines.append("")
    return "\n".join(lines)


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
        (folder / "md").mkdir()
        (folder / "md" / "deck.md").write_text(markdown(plan, folder / "md", assets), encoding="utf-8")

        def ours_render() -> None:
            qr_png.cache_clear()  # with the user cache off, every run makes its QR codes, as a new process would
            render_deck(plan, assets)

        cli = [sys.executable, "-m", "workshopgen", "--project", str(folder / "library"), "build", "sample",
               "--only", "deck", "--force", "--out", str(folder / "out")]
        figures = {
            "workshopgen render": median_seconds(ours_render, args.runs),
            "workshopgen cli": median_seconds(lambda: subprocess.run(cli, check=True, capture_output=True),
                                              args.runs),
        }
        pandoc = shutil.which("pandoc")
        if pandoc:
            version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
            command = [pandoc, "deck.md", "--slide-level=1", "-o", "deck.pptx"]
            figures["pandoc"] = median_seconds(
                lambda: subprocess.run(command, cwd=folder / "md", check=True, capture_output=True), args.runs)
        else:
            version = None
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
