"""One family of exceptions for everything a user can get wrong, each problem tied to a place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

EXIT_OK = 0
EXIT_BUG = 1
EXIT_BAD_INPUT = 2


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based line and column in a file, as editors count them."""

    path: Path
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and how to put it right."""

    location: Location
    message: str
    hint: str = ""
    warning: bool = False

    def __str__(self) -> str:
        level = "warning" if self.warning else "error"
        text = f"{self.location}: {level}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class WorkshopgenError(Exception):
    """Bad input: carries every problem found, so a user can fix them all in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("WorkshopgenError needs at least one problem")
        self.problems = sorted(set(problems), key=lambda p: (p.location, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[WorkshopgenError], tuple[list[Problem]]]:
        # Rendering runs in worker processes; the problems must survive the trip back.
        return (WorkshopgenError, (self.problems,))


@dataclass
class ProblemLog:
    """Collects errors and warnings while a stage runs, so one run reports them all."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, location: Location, message: str, hint: str = "") -> None:
        self.problems.append(Problem(location, message, hint))

    def warn(self, location: Location, message: str, hint: str = "") -> None:
        self.problems.append(Problem(location, message, hint, warning=True))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise WorkshopgenError(self.errors)


def display_path(path: Path) -> str:
    """Paths relative to the working directory when they are inside it, as users typed them."""
    return _relative_display(path, os.getcwd())


@lru_cache(maxsize=4096)  # every slide names its source, and resolving a path asks the file system
def _relative_display(path: Path, cwd: str) -> str:
    try:
        return str(path.resolve().relative_to(Path(cwd).resolve()))
    except ValueError:
        return str(path)
