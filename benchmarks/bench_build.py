"""Whole-library build timings, side by side with pandoc, and how they grow with the library.

    .venv/bin/python benchmarks/bench_build.py [--runs 5] [--scales 1,4,16] [--against CLONE]

Every figure is the median of --runs runs of the real command line, in a copy of the library so
the repository is never touched. The user cache (QR codes, handout layouts, compiled web
templates) is the real one, as for a facilitator's second pack; one row runs with an empty one.
The cold build and pandoc take turns within one loop, and their ratio is of the two medians.
Peak memory is the largest resident size of the build process, as the kernel records it; timed
runs are never sampled, as sampling would slow what it measures.

With --against, the first build on a new machine is also timed side by side with another version
of workshopgen: CLONE is a clone of it set up with scripts/setup.sh. Each version builds its own
library with its own code and an empty user cache, turn about with pandoc's decks, so the two are
compared in the same spell of the machine rather than against a ratio measured on another day.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pandoc_deck import pandoc_command, pandoc_version, write_source

from workshopgen.project import CATALOGUE_NAME

REPO = Path(__file__).resolve().parent.parent
WORKSHOPGEN = [sys.executable, "-m", "workshopgen"]


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Seconds taken and peak memory (KiB) of one command, which must succeed.

    The peak is the kernel's own high-water mark of the build's resident memory, read when it
    exits: sampling /proc while it runs would take a core's time and the build's memory lock
    from the very thing being timed. A build is one process (its typesetting runs in threads),
    so its own peak is the whole build's."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err,
                                   env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        if process.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{err.read().decode()}")
    return elapsed, usage.ru_maxrss


def median_of(runs: int, prepare: Callable[[int], None], command: Callable[[int], list[str]],
              cwd: Path, env: Callable[[int], dict[str, str]] | None = None) -> tuple[float, int]:
    times, peaks = [], []
    for n in range(runs):
        prepare(n)
        elapsed, peak = run(command(n), cwd, env(n) if env else None)
        times.append(elapsed)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def make_library(root: Path, copies: int, source: Path = REPO) -> int:
    """A copy of the library in `source` with each workshop repeated `copies` times; returns workshops built."""
    if root.exists():
        shutil.rmtree(root)
    for folder in ("workshops", "teams", "assets", "schema"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, root / folder)
    originals = workshops_in(root)
    for n in range(1, copies):
        for path in originals:
            new_id = f"{path.stem}-copy{n}"
            text = path.read_text().replace(f"id: {path.stem}\n", f"id: {new_id}\n", 1)
            (path.parent / f"{new_id}.yaml").write_text(text)
    return len(workshops_in(root)) + len(list((root / "teams").glob("*/*.yaml")))


def workshops_in(root: Path) -> list[Path]:
    """The workshop files of a library: not the resource catalogue beside them."""
    return sorted(p for p in (root / "workshops").glob("*.yaml") if p.name != CATALOGUE_NAME)


def pandoc_decks(library: Path, out: Path, jobs: int) -> tuple[Callable[[], float], int] | None:
    """A function that makes pandoc decks of the library's slides, `jobs` at a time, and returns
    the seconds taken; and how many slides they hold. Each deck's Markdown holds what ours shows,
    QR codes included as the same pictures (see pandoc_deck.py)."""
    command = pandoc_command()
    if command is None:
        print("pandoc is not installed (apt-get install pandoc): its column is left out.")
        return None
    from workshopgen.compile import Compiler
    from workshopgen.errors import ProblemLog
    from workshopgen.project import Project

    project, log = Project(library), ProblemLog()
    compiled = Compiler(project).compile_all(project.library(), log)
    log.raise_if_errors()
    folders = [write_source(c.plan, out / c.plan.output_id, dict(c.assets)).parent for c in compiled]

    def convert(folder: Path) -> None:
        subprocess.run(command, cwd=folder, check=True)

    def all_decks() -> float:
        started = time.perf_counter()
        with ThreadPoolExecutor(jobs) as pool:
            list(pool.map(convert, folders))
        return time.perf_counter() - started

    return all_decks, sum(len(c.plan.slides) for c in compiled)


def first_builds_side_by_side(other: Path, runs: int, scratch: Path, pandoc: Callable[[], float] | None) -> None:
    """Median first builds (empty user cache) of this version and of the one in `other`, and pandoc's
    decks, taking turns."""
    python = other / ".venv" / "bin" / "python"
    if not python.is_file():
        raise SystemExit(f"{other} has no .venv: run scripts/setup.sh there first")
    versions = {"this version": (REPO, sys.executable), other.name: (other, str(python))}
    libraries = {name: scratch / f"side-by-side-{k}" for k, name in enumerate(versions)}
    for name, (root, _) in versions.items():
        make_library(libraries[name], 1, source=root)
    times: dict[str, list[float]] = {name: [] for name in [*versions, "pandoc"]}
    for n in range(runs):
        for k, (name, (_, interpreter)) in enumerate(versions.items()):
            shutil.rmtree(libraries[name] / "output", ignore_errors=True)
            cache = {"WORKSHOPGEN_CACHE_DIR": str(scratch / f"side-by-side-cache-{k}-{n}")}
            times[name].append(run([interpreter, "-m", "workshopgen", "build"], libraries[name], cache)[0])
        if pandoc:
            times["pandoc"].append(pandoc())
    medians = {name: statistics.median(values) for name, values in times.items() if values}
    print(f"\nFirst build on a new machine, side by side ({runs} turns each, medians):")
    for name, seconds in medians.items():
        ratio = f"{seconds / medians['pandoc']:.2f} x pandoc" if "pandoc" in medians and name != "pandoc" else ""
        print(f"{name:<46}{seconds:>9.3f}   {ratio}")
    ours, theirs = medians["this version"], medians[other.name]
    print(f"{'this version ÷ ' + other.name:<46}{ours / theirs:>9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--against", type=Path, help="a clone of another version, set up, to compare first builds with")
    args = parser.parse_args()
    jobs = len(os.sched_getaffinity(0))
    # As after `pip install` or scripts/setup.sh: workshopgen's modules compiled to bytecode.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src" / "workshopgen")], check=True)
    print(f"Machine: {platform.machine()}, {jobs} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}, {pandoc_version() or 'no pandoc'}")

    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        library = scratch / "library"
        count = make_library(library, 1)
        out = library / "output"

        def fresh(n: int) -> None:
            shutil.rmtree(out, ignore_errors=True)

        # The cold build and pandoc take turns, so a slow spell on a shared machine falls on both.
        pandoc = pandoc_decks(library, scratch / "pandoc", jobs)
        # One build first, untimed, so the user cache holds what this version of workshopgen typesets,
        # as it does for a facilitator's second pack: the first build on a machine has its own row.
        run([*WORKSHOPGEN, "build"], library)
        colds, cold_peaks, pandocs = [], [], []
        for n in range(args.runs):
            fresh(n)
            elapsed, peak = run([*WORKSHOPGEN, "build"], library)
            colds.append(elapsed)
            cold_peaks.append(peak)
            if pandoc:
                pandocs.append(pandoc[0]())
        cold, cold_peak = statistics.median(colds), max(cold_peaks)
        first, _ = median_of(args.runs, fresh, lambda n: [*WORKSHOPGEN, "build"], library,
                             env=lambda n: {"WORKSHOPGEN_CACHE_DIR": str(scratch / f"empty-cache-{n}")})
        noop, _ = median_of(args.runs, lambda n: None, lambda n: [*WORKSHOPGEN, "build"], library)
        target = workshops_in(library)[0]

        def touch(n: int) -> None:
            target.write_text(target.read_text() + f"# edit {n}\n")

        one, _ = median_of(args.runs, touch, lambda n: [*WORKSHOPGEN, "build"], library)
        helptime, _ = median_of(args.runs, lambda n: None, lambda n: [*WORKSHOPGEN, "--help"], library)

        print(f"\nLibrary: {count} workshops and overlays; every output "
              "(deck, guide, handout, print pack, HTML, index).")
        print(f"{'measure':<46}{'seconds':>9}{'target':>10}{'ratio':>8}")
        rows = [("cold build, all outputs (new output folder)", cold, None),
                ("cold build, empty user cache too", first, None), ("no-op rebuild", noop, 0.3),
                ("rebuild after one workshop changed", one, 0.6), ("workshopgen --help", helptime, 0.2)]
        for name, value, limit in rows:
            print(f"{name:<46}{value:>9.3f}{(f'<= {limit}' if limit else ''):>10}"
                  f"{(f'{value / limit:.2f}' if limit else ''):>8}")
        if pandoc:
            seconds, slides = statistics.median(pandocs), pandoc[1]
            turns = sorted(c / p for c, p in zip(colds, pandocs, strict=True))
            print(f"{f'pandoc, decks only ({slides} slides)':<46}{seconds:>9.3f}")
            print(f"{'cold build ÷ pandoc decks only':<46}{'':>9}{'<= 1.0':>10}{cold / seconds:>8.2f}"
                  f"   (turn by turn {turns[0]:.2f} to {turns[-1]:.2f})")
            print(f"{'cold, empty user cache ÷ pandoc decks only':<46}{'':>9}{'<= 1.0':>10}{first / seconds:>8.2f}")
        print(f"{'peak memory of the cold build (MB, RSS)':<46}{cold_peak / 1024:>9.0f}{'<= 300':>10}")

        if args.against:
            first_builds_side_by_side(args.against.resolve(), args.runs, scratch, pandoc[0] if pandoc else None)

        print(f"\n{'library size':<14}{'workshops':>10}{'seconds':>9}{'s/workshop':>11}{'peak MB':>9}")
        for scale in (int(s) for s in args.scales.split(",")):
            count = make_library(library, scale)
            seconds, peak = median_of(max(1, args.runs // 2), fresh, lambda n: [*WORKSHOPGEN, "build"], library)
            print(f"{f'{scale}x':<14}{count:>10}{seconds:>9.2f}{seconds / count:>11.3f}{peak / 1024:>9.0f}")


if __name__ == "__main__":
    main()
