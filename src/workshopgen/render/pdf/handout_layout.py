"""Which layout fitted each handout on two pages, remembered between runs.

The handout template tries its layouts from roomiest to tightest, measuring every piece as it
goes, and that search is two thirds of a handout's typesetting time. Which layout fits depends
only on the content, workshopgen's templates, Typst's version and the fonts it finds, so the
answer is kept in the user cache under a hash of all of them (the templates through the hash of
workshopgen's own files): a rebuild of unchanged content, into a new folder or with --force,
goes straight to it.
"""

from __future__ import annotations

import hashlib

from ...cache import code_fingerprint, keep, kept
from .typesetting import fonts_fingerprint

CACHE = "handout-layouts"
LABEL = "handout-layout"  # the template records the layout it used as `#metadata(index) <handout-layout>`
SETTING = "layout"  # the sys.inputs key that hands the template a layout to use without searching


def layout_key(inputs: dict[str, str]) -> str:
    """The key for a handout typeset from `inputs` (its content and logo, as Typst reads them)."""
    digest = hashlib.sha256(f"{code_fingerprint()}\n{fonts_fingerprint()}\n".encode())
    for name, value in sorted(inputs.items()):
        digest.update(hashlib.sha256(f"{name}\n{value}".encode()).digest())
    return digest.hexdigest()


def remembered_layout(key: str) -> int | None:
    data = kept(CACHE, key)
    return int(data) if data is not None and data.isdigit() and len(data) < 3 else None


def remember_layout(key: str, index: int) -> None:
    keep(CACHE, key, str(index).encode())
