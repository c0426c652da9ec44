"""Typst compilation shared by the guide and the handout.

The content goes in as JSON through `sys.inputs`, never spliced into markup, so nothing a
workshop says can change how a template is read. Each thread keeps one compiler for the whole
run: it loads the system fonts once, and Typst reuses its layout work between compiles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import threading
from pathlib import Path
from typing import Any, Literal

import typst

from ...errors import Location, Problem, WorkshopgenError
from ...plan import Plan
from ..caches import Store

PDF_STANDARD: Literal["ua-1"] = "ua-1"  # tagged, titled, alt text on every image


# The process that first compiled. Typst's worker threads do not survive a fork, so a forked
# child of that process would wait forever on its first compile; it fails at once instead.
_compiled_in: int | None = None


class ForkedAfterTypstError(RuntimeError):
    """Typst was asked to compile in a process forked from one that had already compiled."""


_per_thread = threading.local()


def _compiler() -> typst.Compiler:
    """This thread's compiler, as one may not be used by two threads at once."""
    compiler = getattr(_per_thread, "compiler", None)
    if compiler is None:
        compiler = _per_thread.compiler = typst.Compiler(root=str(TEMPLATES))
    return compiler


def _ready_compiler() -> typst.Compiler:
    global _compiled_in
    if _compiled_in is None:
        _compiled_in = os.getpid()
    elif _compiled_in != os.getpid():
        raise ForkedAfterTypstError(
            "Typst cannot run in a process forked from one that has already run it (it would wait for ever); "
            "start worker processes with 'spawn' or 'forkserver', or typeset only in the workers")
    return _compiler()


# Typst reads the templates from disk by path, which lets a value the last document recorded be
# asked for afterwards (see `recorded`).
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def typst_inputs(content: dict[str, Any], logo: bytes | None) -> dict[str, str]:
    """What a template reads from `sys.inputs`: the content as JSON and any logo."""
    inputs = {"content": json.dumps(content, ensure_ascii=False)}
    if logo is not None:
        # sys.inputs holds text only, so the picture travels as a JSON list of byte values.
        inputs["logo"] = json.dumps(list(logo))
    return inputs


def document_key(template: str, inputs: dict[str, str], moment: dt.datetime) -> str:
    """What a typeset PDF depends on besides workshopgen, Typst and the fonts, which the build's store adds."""
    digest = hashlib.sha256(f"{template}\n{PDF_STANDARD}\n{moment.isoformat()}".encode())
    for name, value in sorted(inputs.items()):
        digest.update(hashlib.sha256(f"{name}\n{value}".encode()).digest())
    return digest.hexdigest()


def _sound_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def typeset(plan: Plan, template: str, inputs: dict[str, str], what: str, store: Store | None = None) -> bytes:
    """A tagged PDF/UA-1 of `template` filled from `inputs`, or a located error for bad input.

    With a `store`, the PDF an earlier run typeset from the same inputs is used again: Typst gives
    the same bytes for the same inputs, templates, version and fonts, so only the time is saved."""
    key = document_key(template, inputs, plan.moment) if store is not None else ""
    if store is not None and (kept := store.get(key)) is not None and _sound_pdf(kept):
        return kept
    try:
        # Warnings (a branding font the machine lacks, say, which the stack falls back from) are not errors.
        pdf, _warnings = _ready_compiler().compile_with_warnings(
            input=str(TEMPLATES / template), format="pdf", sys_inputs=inputs,
            pdf_standards=PDF_STANDARD, timestamp=plan.moment.replace(tzinfo=dt.UTC),
        )
    except typst.TypstError as exc:
        raise WorkshopgenError([_problem(plan, exc, what, "logo" in inputs)]) from None
    assert isinstance(pdf, bytes)
    if store is not None:
        store.put(key, pdf)
    return pdf


def recorded(label: str) -> Any:
    """The value the document this thread typeset last recorded as `#metadata(value) <label>`.

    Typst keeps that document's layout, so asking costs a fraction of a millisecond."""
    return json.loads(_compiler().query(f"<{label}>", field="value", one=True))


def _problem(plan: Plan, exc: typst.TypstError, what: str, has_logo: bool) -> Problem:
    message = str(getattr(exc, "message", exc)).strip()
    if has_logo and "image" in message.casefold():
        hint = "the logo may be damaged: open it in an image editor and save it again as PNG or JPEG"
    else:
        hint = "shorten or simplify the text named in the message; if it persists, report it with this file"
    return Problem(_location(plan.source), f"the {what} could not be typeset: {message}", hint)


def _location(source: str) -> Location:
    """A Location from `file`, `file:line` or `file:line:column`."""
    match = re.fullmatch(r"(.+?)(?::(\d+))?(?::(\d+))?", source)
    assert match is not None
    path, line, column = match.groups()
    return Location(Path(path), int(line or 1), int(column or 1))
