"""Whole-library build timings, side by side with pandoc, and how they grow with the library.

    .venv/bin/python benchmarks/bench_build.py [--runs 5] [--scales 1,4,16]

Every figure is the median of --runs runs of the real command line, in a copy of the library so
the repository is never touched. The user cache (QR codes, handout layouts, compiled web
templates) is the real one, as for a facilitator's second pack; one row runs with an empty one.
Peak memory is the largest total PSS of the build's whole process tree, sampled every 10 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORKSHOPGEN = [sys.executable, "-m", "workshopgen"]


def tree_pss_kib(pid: int) -> int:
    """Memory of a process and all its descendants, in KiB, as PSS: pages the processes share
    are divided between them, so the sum is what the tree really occupies."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                total += next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack.extend(int(c) for c in children.read().split())
        except (OSError, ValueError):
            continue
    return total


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Seconds taken and peak tree memory (KiB) of one command, which must succeed."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})})
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_pss_kib(process.pid))
            done.wait(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode()}")
    return elapsed, peak


def median_of(runs: int, prepare: Callable[[int], None], command: Callable[[int], list[str]],
              cwd: Path, env: Callable[[int], dict[str, str]] | None = None) -> tuple[float, int]:
    times, peaks = [], []
    for n in range(runs):
        prepare(n)
        elapsed, peak = run(command(n), cwd, env(n) if env else None)
        times.append(elapsed)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def make_library(root: Path, copies: int) -> int:
    """A copy of the library with each workshop repeated `copies` times; returns workshops built."""
    if root.exists():
        shutil.rmtree(root)
    for folder in ("workshops", "teams", "assets", "schema"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    originals = sorted((root / "workshops").glob("*.yaml"))
    for n in range(1, copies):
        for path in originals:
            new_id = f"{path.stem}-copy{n}"
            text = path.read_text().replace(f"id: {path.stem}\n", f"id: {new_id}\n", 1)
            (path.parent / f"{new_id}.yaml").write_text(text)
    return len(list((root / "workshops").glob("*.yaml"))) + len(list((root / "teams").glob("*/*.yaml")))


def pandoc_markdown(plan: dict[str, object]) -> str:
    """The same slides and notes as our deck, in pandoc's Markdown slide format."""
    lines = [f"---\ntitle: {json.dumps(plan['workshop']['title'])}\n---\n"]  # type: ignore[index]
    for slide in plan["slides"]:  # type: ignore[attr-defined]
        lines.append(f"## {slide['title']}\n")
        for row in slide.get("rows", []):
            lines.append(f"- {row[0]} {row[1]}")
        for bullet in slide.get("bullets", []):
            lines.append(f"- {bullet}")
        for heading, bullets in slide.get("columns", []):
            lines.append(f"\n**{heading}**\n")
            lines.extend(f"- {b}" for b in bullets)
        if slide.get("quote"):
            lines.append(f"> {slide['quote']}")
        for code in slide.get("qr_codes", []):
            lines.append(f"\n{code['display']}")
        if slide.get("notes"):
            lines.append("\n::: notes\n" + slide["notes"] + "\n:::")
        lines.append("")
    return "\n".join(lines)


def time_pandoc(library: Path, out: Path, runs: int, jobs: int) -> tuple[float, int] | None:
    if shutil.which("pandoc") is None:
        print("pandoc is not installed (apt-get install pandoc): its column is left out.")
        return None
    subprocess.run([*WORKSHOPGEN, "build", "--only", "plan", "--out", str(out)], cwd=library, check=True,
                   stdout=subprocess.DEVNULL)
    sources = []
    for plan_file in sorted(out.glob("*/*-plan.json")):
        source = plan_file.with_suffix(".md")
        source.write_text(pandoc_markdown(json.loads(plan_file.read_text())))
        sources.append(source)
    slides = sum(len(json.loads(p.read_text())["slides"]) for p in out.glob("*/*-plan.json"))

    def convert(source: Path) -> None:
        subprocess.run(["pandoc", str(source), "-o", str(source.with_suffix(".pptx"))], check=True)

    def all_decks() -> float:
        started = time.perf_counter()
        with ThreadPoolExecutor(jobs) as pool:
            list(pool.map(convert, sources))
        return time.perf_counter() - started

    times = [all_decks() for _ in range(runs)]
    return statistics.median(times), slides


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="1,4,16")
    args = parser.parse_args()
    jobs = len(os.sched_getaffinity(0))
    # As after `pip install` or scripts/setup.sh: workshopgen's modules compiled to bytecode.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src" / "workshopgen")], check=True)
    print(f"Machine: {platform.machine()}, {jobs} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")

    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        library = scratch / "library"
        count = make_library(library, 1)
        out = library / "output"

        def fresh(n: int) -> None:
            shutil.rmtree(out, ignore_errors=True)

        cold, cold_peak = median_of(args.runs, fresh, lambda n: [*WORKSHOPGEN, "build"], library)
        first, _ = median_of(args.runs, fresh, lambda n: [*WORKSHOPGEN, "build"], library,
                             env=lambda n: {"WORKSHOPGEN_CACHE_DIR": str(scratch / f"empty-cache-{n}")})
        noop, _ = median_of(args.runs, lambda n: None, lambda n: [*WORKSHOPGEN, "build"], library)
        target = sorted((library / "workshops").glob("*.yaml"))[0]

        def touch(n: int) -> None:
            target.write_text(target.read_text() + f"# edit {n}\n")

        one, _ = median_of(args.runs, touch, lambda n: [*WORKSHOPGEN, "build"], library)
        helptime, _ = median_of(args.runs, lambda n: None, lambda n: [*WORKSHOPGEN, "--help"], library)
        pandoc = time_pandoc(library, scratch / "pandoc", args.runs, jobs)

        print(f"\nLibrary: {count} workshops and overlays; every output (deck, guide, handout, HTML, index).")
        print(f"{'measure':<46}{'seconds':>9}{'target':>10}{'ratio':>8}")
        rows = [("cold build, all outputs (new output folder)", cold, None),
                ("cold build, empty user cache too", first, None), ("no-op rebuild", noop, 0.3),
                ("rebuild after one workshop changed", one, 0.6), ("workshopgen --help", helptime, 0.2)]
        for name, value, limit in rows:
            print(f"{name:<46}{value:>9.3f}{(f'<= {limit}' if limit else ''):>10}"
                  f"{(f'{value / limit:.2f}' if limit else ''):>8}")
        if pandoc:
            seconds, slides = pandoc
            print(f"{f'pandoc, decks only ({slides} slides)':<46}{seconds:>9.3f}")
            print(f"{'cold build ÷ pandoc decks only':<46}{'':>9}{'<= 1.0':>10}{cold / seconds:>8.2f}")
            print(f"{'cold, empty user cache ÷ pandoc decks only':<46}{'':>9}{'<= 1.0':>10}{first / seconds:>8.2f}")
        print(f"{'peak memory of the cold build (MB)':<46}{cold_peak / 1024:>9.0f}{'<= 300':>10}")

        print(f"\n{'library size':<14}{'workshops':>10}{'seconds':>9}{'s/workshop':>11}{'peak MB':>9}")
        for scale in (int(s) for s in args.scales.split(",")):
            count = make_library(library, scale)
            seconds, peak = median_of(max(1, args.runs // 2), fresh, lambda n: [*WORKSHOPGEN, "build"], library)
            print(f"{f'{scale}x':<14}{count:>10}{seconds:>9.2f}{seconds / count:>11.3f}{peak / 1024:>9.0f}")


if __name__ == "__main__":
    main()
