"""One family of exceptions for everything a user can get wrong, each problem tied to a place."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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
    """Bad input: carries every problem found, so a user can fix them all in one pass.

    `output` is what the command found all the same (the workshops it could list, the links it
    checked), shown with the problems; `closing` replaces the usual last line, in which `{errors}`
    stands for the number of errors."""

    def __init__(self, problems: list[Problem], *, output: str = "", closing: str = "") -> None:
        if not problems:
            raise ValueError("WorkshopgenError needs at least one problem")
        self.problems = sorted(set(problems), key=lambda p: (p.location, p.message))
        self.output = output
        errors = sum(not p.warning for p in self.problems)
        self.closing = (closing or "{errors} problem(s) to fix; nothing was written.").replace("{errors}", str(errors))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[object, ...]:
        # Rendering runs in worker processes; the problems must survive the trip back.
        return (_rebuild_error, (self.problems, self.output, self.closing))


def _rebuild_error(problems: list[Problem], output: str, closing: str) -> WorkshopgenError:
    return WorkshopgenError(problems, output=output, closing=closing)


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """A file that cannot be written (no permission, no space, a file where a folder should be)
    is a problem at that path for the user to fix, not a bug."""
    try:
        yield
    except (FileExistsError, NotADirectoryError) as exc:  # from making its folders
        raise WorkshopgenError([Problem(
            Location(path), "cannot write this file: part of its folder's path is a file, not a folder",
            "choose another place for it")]) from exc
    except OSError as exc:
        raise WorkshopgenError([Problem(
            Location(path), f"cannot write this file: {exc.strerror or exc}",
            "check that its folder can be written to and that the disk has space")]) from exc


def did_you_mean(value: str, choices: Iterable[str]) -> str | None:
    """The hint for a name that is nearly one of `choices`, such as a misspelt key or id."""
    import difflib

    close = difflib.get_close_matches(value, list(choices), n=1)
    return f"did you mean `{close[0]}`?" if close else None


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
