"""What a build keeps between runs: the manifest in the output folder, and the user cache.

An output is up to date when the files it was made from (the workshop, its overlay, the method
cards and assets it uses) hash as they did, workshopgen's own code and templates are unchanged,
and its files are still there. Such a workshop is not even loaded again.

The user cache (`~/.cache/workshopgen`) keeps work worth keeping (QR codes, the layout each
handout settled on, compiled web templates, charts) in stores the build hands to the renderers.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    from .render.caches import Caches

MANIFEST_NAME = ".workshopgen-manifest.json"
MANIFEST_FORMAT = 1


def user_cache(name: str) -> Path | None:
    """A folder kept between runs for work worth keeping (QR matrices, compiled templates), or
    None when WORKSHOPGEN_CACHE_DIR=off or the folder cannot be made."""
    configured = os.environ.get("WORKSHOPGEN_CACHE_DIR")
    if configured == "off":
        return None
    home_cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    base = Path(configured) if configured else home_cache / "workshopgen"
    folder = base / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


@dataclass(frozen=True)
class DiskStore:
    """One folder of the user cache as a store. Entries are written whole or not at all, as
    runs may share the cache; with `salted`, keys are kept apart by what else decides the entry."""

    folder_name: str
    salted: bool = False
    fonts_matter: bool = True  # with `salted`: the fonts Typst finds decide the entry, as well as the code

    def _path(self, key: str) -> Path | None:
        folder = user_cache(self.folder_name)
        if folder is None:
            return None
        if self.salted:
            salt = environment_fingerprint() if self.fonts_matter else code_fingerprint()
            key = hashlib.sha256(f"{salt}\n{key}".encode()).hexdigest()
        return folder / key

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            return path.read_bytes() if path is not None else None
        except OSError:
            return None

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            temp.write_bytes(data)
            os.replace(temp, path)
        except OSError:
            pass  # a read-only home folder only costs speed


def user_caches() -> Caches:
    """The stores a build hands its renderers. A handout's layout, like any typeset PDF, also depends
    on workshopgen's templates, Typst and the fonts it finds, so those entries are kept apart by all
    three; a chart's parts on the code that writes them, so those are kept apart by the code."""
    from .render.caches import Caches

    return Caches(qr_codes=DiskStore("qr"), handout_layouts=DiskStore("handout-layouts", salted=True),
                  web_templates=DiskStore("jinja"), charts=DiskStore("charts", salted=True, fonts_matter=False),
                  documents=DiskStore("documents", salted=True))


def file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@cache
def code_fingerprint() -> str:
    """workshopgen's version and a hash of its code and templates: a change to either rebuilds."""
    package = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix not in (".pyc",) and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def fonts_fingerprint() -> str:
    """Typst's version and the font files it can see: with the templates and the content, what
    decides the layout."""
    import typst

    digest = hashlib.sha256(str(getattr(typst, "__version__", "")).encode())
    for font in sorted(typst.Fonts().fonts(), key=lambda f: (f.family, f.path or "", f.index)):
        try:
            stamp = os.stat(font.path).st_mtime_ns if font.path else 0
        except OSError:
            stamp = -1
        digest.update(f"{font.family}|{font.style}|{font.weight}|{font.path}|{font.index}|{stamp}\n".encode())
    return digest.hexdigest()


@cache
def environment_fingerprint() -> str:
    return hashlib.sha256(f"{code_fingerprint()}\n{fonts_fingerprint()}".encode()).hexdigest()


def target_key(target: Path, overlay: Path | None, root: Path) -> str:
    """How the manifest names a build target: its path in the project, and any overlay's."""

    def name(path: Path) -> str:
        real = path.resolve()
        return str(real.relative_to(root)) if real.is_relative_to(root) else str(real)

    return name(target) + (f" + {name(overlay)}" if overlay else "")


@dataclass
class TargetRecord:
    """What one target was built from and into."""

    output_id: str
    inputs: dict[str, str]  # path -> sha256
    outputs: dict[str, list[str]]  # output kind -> files under the output folder
    index_entry: dict[str, Any]

    def key(self, kind: str) -> str:
        digest = hashlib.sha256(f"{code_fingerprint()}\n{kind}\n".encode())
        for path, sha in sorted(self.inputs.items()):
            digest.update(f"{path}={sha}\n".encode())
        return digest.hexdigest()


@dataclass
class Manifest:
    targets: dict[str, TargetRecord] = field(default_factory=dict)
    keys: dict[str, dict[str, str]] = field(default_factory=dict)  # target -> kind -> key built

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        try:
            raw = json.loads((out_dir / MANIFEST_NAME).read_text())
            if raw.get("format") != MANIFEST_FORMAT:
                return cls()
            targets = {k: TargetRecord(**v) for k, v in raw["targets"].items()}
            return cls(targets, raw["keys"])
        except (OSError, ValueError, KeyError, TypeError):
            return cls()  # no manifest, or one we cannot read: build everything

    def to_bytes(self) -> bytes:
        raw = {
            "format": MANIFEST_FORMAT,
            "targets": {k: vars(v) for k, v in sorted(self.targets.items())},
            "keys": self.keys,
        }
        return (json.dumps(raw, indent=1, sort_keys=True) + "\n").encode()

    def up_to_date(self, target: str, kinds: tuple[str, ...], out_dir: Path, root: Path) -> bool:
        record = self.targets.get(target)
        if record is None:
            return False
        current = {path: file_hash(root / path) for path in record.inputs}
        if current != record.inputs:
            return False
        built = self.keys.get(target, {})
        return all(
            built.get(kind) == record.key(kind)
            and kind in record.outputs
            and all((out_dir / name).is_file() for name in record.outputs[kind])
            for kind in kinds
        )

    def record(self, target: str, record: TargetRecord, kinds: tuple[str, ...]) -> None:
        old = self.targets.get(target)
        if old is not None and old.inputs == record.inputs:
            record.outputs = {**old.outputs, **record.outputs}
            keys = {k: v for k, v in self.keys.get(target, {}).items() if k not in kinds}
        else:
            keys = {}
        self.targets[target] = record
        self.keys[target] = {**keys, **{kind: record.key(kind) for kind in kinds}}
