"""Which layout fitted each handout on two pages, remembered between runs.

The handout template tries its layouts from roomiest to tightest, measuring every piece as it
goes, and that search is two thirds of a handout's typesetting time. Which layout fits depends
only on the content, the templates, Typst's version and the fonts it finds, so the answer is
kept in the user cache under a hash of all of them: a rebuild of unchanged content (into a new
folder, with --force, or after an unrelated change to workshopgen) goes straight to it.
"""

from __future__ import annotations

import hashlib

from ..cache import keep, kept
from .typst_pdf import fonts_fingerprint, template_bytes

CACHE = "handout-layouts"
LABEL = "handout-layout"  # the template records the layout it used as `#metadata(index) <handout-layout>`
SETTING = "layout"  # the sys.inputs key that hands the template a layout to use without searching


def layout_key(content_json: str, logo: bytes | None) -> str:
    digest = hashlib.sha256(fonts_fingerprint().encode())
    for part in (template_bytes("handout.typ"), template_bytes("common.typ"), content_json.encode(), logo or b""):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def remembered_layout(key: str) -> int | None:
    data = kept(CACHE, key)
    return int(data) if data is not None and data.isdigit() and len(data) < 3 else None


def remember_layout(key: str, index: int) -> None:
    keep(CACHE, key, str(index).encode())
