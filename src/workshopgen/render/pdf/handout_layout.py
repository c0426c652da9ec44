"""Which layout fitted each handout on two pages, remembered between runs.

The handout template tries its layouts from roomiest to tightest, measuring every piece as it
goes, and that search is two thirds of a handout's typesetting time. Which layout fits depends
only on the content, workshopgen's templates, Typst's version and the fonts it finds: the key
here covers the content, and the build's store keeps its entries apart by the rest, so a
rebuild of unchanged content, into a new folder or with --force, goes straight to it.
"""

from __future__ import annotations

import hashlib

from ..caches import Store

LABEL = "handout-layout"  # the template records the layout it used as `#metadata(index) <handout-layout>`
SETTING = "layout"  # the sys.inputs key that hands the template a layout to use without searching


def layout_key(inputs: dict[str, str]) -> str:
    """The key for a handout typeset from `inputs` (its content and logo, as Typst reads them)."""
    digest = hashlib.sha256()
    for name, value in sorted(inputs.items()):
        digest.update(hashlib.sha256(f"{name}\n{value}".encode()).digest())
    return digest.hexdigest()


def remembered_layout(store: Store, key: str) -> int | None:
    data = store.get(key)
    return int(data) if data is not None and data.isdigit() and len(data) < 3 else None


def remember_layout(store: Store, key: str, index: int) -> None:
    store.put(key, str(index).encode())
