"""Typst compilation shared by the guide and the handout.

The content goes in as JSON through `sys.inputs`, never spliced into markup, so nothing a
workshop says can change how a template is read. One compiler is kept for the whole run: it
loads the system fonts once, and Typst reuses its layout work between compiles.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import typst

from ..errors import Location, Problem, WorkshopgenError
from ..plan import Plan

# Arial's metrics under its free name first, so text measures the same as in the decks; DejaVu
# Sans has every glyph the others lack (Welsh ŵ and ŷ included).
FALLBACK_FONTS = ("Liberation Sans", "Arimo", "Arial", "DejaVu Sans")
PDF_STANDARD: Literal["ua-1"] = "ua-1"  # tagged, titled, alt text on every image


# The process that first compiled. Typst's worker threads do not survive a fork, so a forked
# child of that process would wait forever on its first compile; it fails at once instead.
_compiled_in: int | None = None


class ForkedAfterTypstError(RuntimeError):
    """Typst was asked to compile in a process forked from one that had already compiled."""


@cache
def _compiler() -> typst.Compiler:
    return typst.Compiler()


def _ready_compiler() -> typst.Compiler:
    global _compiled_in
    if _compiled_in is None:
        _compiled_in = os.getpid()
    elif _compiled_in != os.getpid():
        raise ForkedAfterTypstError(
            "Typst cannot run in a process forked from one that has already run it (it would wait for ever); "
            "start worker processes with 'spawn' or 'forkserver', or typeset only in the workers")
    return _compiler()


@cache
def _template(name: str) -> bytes:
    return files("workshopgen.templates").joinpath(name).read_bytes()


def font_stack(preferred: str) -> list[str]:
    """The branding font if the machine has it, then fonts that degrade gracefully."""
    return [preferred, *(f for f in FALLBACK_FONTS if f.casefold() != preferred.casefold())]


def document_time(plan: Plan) -> dt.datetime:
    """The PDF's creation date: the workshop version's own date, so rebuilds give the same bytes."""
    day = plan.workshop.date
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def typeset(plan: Plan, template: str, content: dict[str, Any], logo: bytes | None, what: str) -> bytes:
    """A tagged PDF/UA-1 of `template` filled with `content`, or a located error for bad input."""
    sources = {"main.typ": _template(template), "common.typ": _template("common.typ")}
    inputs = {"content": json.dumps(content, ensure_ascii=False)}
    if logo is not None:
        # sys.inputs holds text only, so the picture travels as a JSON list of byte values.
        inputs["logo"] = json.dumps(list(logo))
    try:
        # Warnings (a branding font the machine lacks, say, which the stack falls back from) are not errors.
        pdf, _warnings = _ready_compiler().compile_with_warnings(
            input=sources,  # type: ignore[type-var]  # the stubs omit the multi-file form
            format="pdf", sys_inputs=inputs, pdf_standards=PDF_STANDARD, timestamp=document_time(plan),
        )
    except typst.TypstError as exc:
        raise WorkshopgenError([_problem(plan, exc, what, logo is not None)]) from None
    assert isinstance(pdf, bytes)
    return pdf


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
