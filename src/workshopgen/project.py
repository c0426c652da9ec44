"""Where a workshop library keeps its files, and how a name on the command line finds one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Location, Problem, WorkshopgenError, did_you_mean

CATALOGUE_NAME = "resources.yaml"


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The nearest folder at or above `start` that holds `workshops/`; else `start` itself."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "workshops").is_dir():
                return cls(folder)
        return cls(here)

    @property
    def workshops_dir(self) -> Path:
        return self.root / "workshops"

    @property
    def methods_dir(self) -> Path:
        return self.workshops_dir / "methods"

    @property
    def catalogue_path(self) -> Path:
        """workshops/resources.yaml: the resources workshops name by id (see catalogue.py)."""
        return self.workshops_dir / CATALOGUE_NAME

    @property
    def teams_dir(self) -> Path:
        return self.root / "teams"

    @property
    def output_dir(self) -> Path:
        return self.root / "output"

    def workshop_files(self) -> list[Path]:
        return sorted(p for p in self.workshops_dir.glob("*.yaml") if p.name != CATALOGUE_NAME)

    def overlay_files(self) -> list[Path]:
        return sorted(self.teams_dir.glob("*/*.yaml")) if self.teams_dir.is_dir() else []

    def method_files(self) -> list[Path]:
        return sorted(self.methods_dir.glob("*.yaml")) if self.methods_dir.is_dir() else []

    def is_method_file(self, path: Path) -> bool:
        return path.resolve().parent == self.methods_dir.resolve()

    def is_catalogue_file(self, path: Path) -> bool:
        return path.resolve() == self.catalogue_path.resolve()

    def library(self) -> list[Path]:
        """Every workshop and every team overlay: what `build` and `validate` take by default."""
        self.require_library()
        return self.workshop_files() + self.overlay_files()

    def require_library(self) -> None:
        """A folder with no workshops/ is no library: run from the wrong folder, a command would
        otherwise report nothing wrong and build an empty pack."""
        if not self.workshops_dir.is_dir():
            raise WorkshopgenError([Problem(
                Location(self.workshops_dir), f"there is no workshops/ folder in {self.root}",
                "run workshopgen in your library's folder (the one holding workshops/) or a folder inside "
                "it, or name that folder with --project")])

    def workshop_path(self, workshop_id: str) -> Path:
        return self.workshops_dir / f"{workshop_id}.yaml"

    def method_path(self, method_id: str) -> Path:
        return self.methods_dir / f"{method_id}.yaml"

    def target(self, name: str) -> Path:
        """A command-line argument as a file: a path, or the id of a workshop in the library."""
        as_path = Path(name)
        if as_path.suffix in (".yaml", ".yml") or _exists(as_path):
            return as_path
        by_id = self.workshop_path(name)
        if _exists(by_id):
            return by_id
        ids = [p.stem for p in self.workshop_files()]
        shown = name if len(name) <= 80 else name[:77] + "..."
        raise WorkshopgenError([Problem(
            Location(self.workshops_dir), f"no workshop called `{shown}`",
            did_you_mean(name, ids) or f"give a file path or one of these ids: {', '.join(ids) or 'none yet'}",
        )])


def _exists(path: Path) -> bool:
    """Whether a path exists; a name the file system cannot even hold (too long) does not."""
    try:
        return path.exists()
    except OSError:
        return False
