"""Checks across a validated workshop: ids, references, timings, assets and colour contrast."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .assets import read_image, read_template, resolve_asset
from .colour import MIN_TEXT_CONTRAST, contrast_ratio
from .deck_template import check_template
from .errors import ProblemLog, did_you_mean
from .load import DataPath, Document
from .model import (
    CaseSheetPrintable,
    ChartSlide,
    Entry,
    ImageSlide,
    PosterPrintable,
    PreparationItem,
    ResourceSlide,
    SlideBase,
    Step,
    TableTentPrintable,
    Workshop,
)


def check_workshop(workshop: Workshop, document: Document, root: Path, log: ProblemLog,
                   *, expected_id: str | None) -> dict[str, bytes]:
    """Log every cross-field problem; return the assets read, keyed by the path the YAML gives."""
    if expected_id is not None and workshop.id != expected_id:
        log.error(document.locate(("id",)),
                  f"the id `{workshop.id}` differs from the file name `{expected_id}.yaml`",
                  f"make it `id: {expected_id}`, or rename the file")
    for name in ("agenda", "materials", "resources", "figures", "preparation", "room_setup", "key_ideas",
                 "reflection_questions"):
        _unique((item.id for item in getattr(workshop, name)), name, document, log)
    _references(workshop, document, log)
    _figures(workshop, document, log)
    _printables(workshop, document, log)
    _timing(workshop, document, log)
    _slide_titles(workshop, document, log)
    _contrast(workshop, document, log)
    assets = _assets(workshop, document, root, log)
    template = workshop.branding.template
    check_template(workshop, document, assets.get(template) if template else None, log)
    return assets


def _unique(ids: Iterable[str], name: str, document: Document, log: ProblemLog) -> None:
    seen: dict[str, int] = {}
    for n, item_id in enumerate(ids):
        if item_id in seen:
            first = document.locate((name, seen[item_id], "id"))
            log.error(document.locate((name, n, "id")),
                      f"two items in `{name}` have the id `{item_id}` (the first at line {first.line})",
                      "give each item its own id")
        else:
            seen[item_id] = n


def _references(workshop: Workshop, document: Document, log: ProblemLog) -> None:
    materials = {m.id for m in workshop.materials}
    resources = {r.id for r in workshop.resources}

    def check(value: str, known: set[str], what: str, path: DataPath) -> None:
        if value not in known:
            hint = did_you_mean(value, sorted(known)) or f"add it under `{what}:` or fix the id"
            log.error(document.locate(path), f"`{value}` is not in `{what}`", hint)

    agenda = sorted(item.id for item in workshop.agenda)
    owned: list[tuple[DataPath, Sequence[PreparationItem | Entry | Step | SlideBase]]] = [
        (("preparation",), workshop.preparation), (("room_setup",), workshop.room_setup),
        (("key_ideas",), workshop.key_ideas), (("reflection_questions",), workshop.reflection_questions),
        (("outcomes",), workshop.outcomes)]
    owned += [(("agenda", n, name), getattr(item, name)) for n, item in enumerate(workshop.agenda)
              for name in ("steps", "slides", "debrief", "prompts", "tips")]
    for at, entries in owned:
        for n, entry in enumerate(entries):
            for k, item_id in enumerate(entry.serves):
                if item_id not in agenda:
                    hint = did_you_mean(item_id, agenda) or "agenda items here: " + ", ".join(agenda)
                    log.error(document.locate(at + ((n, "for", k) if len(entry.serves) > 1 else (n, "for"))),
                              f"`for: {item_id}` names no agenda item", hint)
    for n, item in enumerate(workshop.agenda):
        for k, material in enumerate(item.materials):
            check(material, materials, "materials", ("agenda", n, "materials", k))
        for k, resource in enumerate(item.resources):
            check(resource, resources, "resources", ("agenda", n, "resources", k))
        for k, slide in enumerate(item.slides):
            if isinstance(slide, ResourceSlide):
                check(slide.resource, resources, "resources", ("agenda", n, "slides", k, "resource"))
                kind = next((r.kind for r in workshop.resources if r.id == slide.resource), None)
                if slide.type == "video" and kind not in (None, "video"):
                    log.error(document.locate(("agenda", n, "slides", k, "type")),
                              f"a video slide shows `{slide.resource}`, which is a {kind}, not a video",
                              "use `type: resource` for blogs and publications")
                if any(r.id == slide.resource and not r.verified for r in workshop.resources):
                    log.warn(document.locate(("agenda", n, "slides", k, "resource")),
                             f"`{slide.resource}` is marked `verified: false`, so this slide is left out of the deck",
                             "open the address; once it is the right page, remove `verified: false` from the "
                             "resource and the slide comes back")


def _figures(workshop: Workshop, document: Document, log: ProblemLog) -> None:
    """Every figure names a resource as its source; every chart shows known figures in one unit."""
    resources = sorted(r.id for r in workshop.resources)
    for n, figure in enumerate(workshop.figures):
        if figure.source not in resources:
            log.error(document.locate(("figures", n, "source")),
                      f"the source `{figure.source}` of figure `{figure.id}` is not in `resources`",
                      did_you_mean(figure.source, resources)
                      or "add the publication it comes from under `resources:`, with its address, or fix the id")
    figures = {f.id: f for f in workshop.figures}
    for n, item in enumerate(workshop.agenda):
        for k, slide in enumerate(item.slides):
            if not isinstance(slide, ChartSlide):
                continue
            first = None
            for j, figure_id in enumerate(slide.figures):
                path: DataPath = ("agenda", n, "slides", k, "figures", j)
                found = figures.get(figure_id)
                if found is None:
                    log.error(document.locate(path), f"`{figure_id}` is not in `figures`",
                              did_you_mean(figure_id, sorted(figures))
                              or "add it under `figures:`, with its value, period and source")
                elif figure_id in slide.figures[:j]:
                    log.error(document.locate(path), f"the chart shows `{figure_id}` twice", "list each figure once")
                elif first is None:
                    first = found
                elif found.unit != first.unit:
                    log.error(document.locate(path),
                              f"`{figure_id}` is in {_unit(found.unit)} but `{first.id}` is in {_unit(first.unit)}; "
                              "the figures on one chart share a unit",
                              "chart figures of different units on slides of their own")


def _unit(unit: str | None) -> str:
    return f"`{unit}`" if unit else "no unit"


def _timing(workshop: Workshop, document: Document, log: ProblemLog) -> None:
    total = sum(item.minutes for item in workshop.agenda)
    if total > workshop.duration:
        log.error(document.locate(("duration",)),
                  f"the agenda takes {total} minutes, "
                  f"{total - workshop.duration} more than `duration: {workshop.duration}`",
                  "shorten or remove agenda items, or raise the duration")
    elif total < workshop.duration:
        log.warn(document.locate(("duration",)),
                 f"the agenda takes {total} of {workshop.duration} minutes, leaving {workshop.duration - total} spare",
                 "that spare time shows as buffer on the run sheet; lower `duration` if it is not wanted")


def _slide_titles(workshop: Workshop, document: Document, log: ProblemLog) -> None:
    seen: dict[str, DataPath] = {}
    for n, item in enumerate(workshop.agenda):
        for k, slide in enumerate(item.slides):
            path: DataPath = ("agenda", n, "slides", k, "title")
            key = slide.title.casefold()
            if key in seen:
                first = document.locate(seen[key]).line
                log.error(document.locate(path), f"two slides are titled \"{slide.title}\" (the first at line {first})",
                          "every slide needs its own title so screen-reader users can tell them apart")
            else:
                seen[key] = path


def _contrast(workshop: Workshop, document: Document, log: ProblemLog) -> None:
    colours = workshop.branding.colours
    # Text colour and headings sit on the background; white headings sit on the primary colour;
    # the deck prints web addresses and clock times in the secondary colour.
    pairs = (("text", colours.text, colours.background), ("primary", colours.primary, colours.background),
             ("primary", colours.primary, "#FFFFFF"), ("secondary", colours.secondary, colours.background))
    for name, foreground, background in pairs:
        ratio = contrast_ratio(foreground, background)
        if ratio < MIN_TEXT_CONTRAST:
            log.error(document.locate(("branding", "colours", name)),
                      f"`{name}` {foreground} on {background} has a contrast of {ratio:.2f}:1; "
                      f"text needs {MIN_TEXT_CONTRAST}:1",
                      "choose a darker colour (NHS Blue #005EB8 gives 6.38:1 on white)")


def _assets(workshop: Workshop, document: Document, root: Path, log: ProblemLog) -> dict[str, bytes]:
    assets: dict[str, bytes] = {}
    images: list[tuple[str, DataPath]] = []
    if workshop.branding.logo:
        images.append((workshop.branding.logo.path, ("branding", "logo", "path")))
    for n, item in enumerate(workshop.agenda):
        for k, slide in enumerate(item.slides):
            if isinstance(slide, ImageSlide):
                images.append((slide.image, ("agenda", n, "slides", k, "image")))
    for value, path in images:
        where = document.locate(path)
        real = resolve_asset(root, value, where, log)
        data = read_image(real, value, where, log) if real else None
        if data is not None:
            assets[value] = data
    template = workshop.branding.template
    if template:
        where = document.locate(("branding", "template"))
        real = resolve_asset(root, template, where, log)
        data = read_template(real, template, where, log) if real else None
        if data is not None:
            assets[template] = data
    return assets


def _printables(workshop: Workshop, document: Document, log: ProblemLog) -> None:
    """Every printable is used by an agenda item (else the print pack leaves it out), and names
    resources the workshop has."""
    used = {m for item in workshop.agenda for m in item.materials}
    resources = sorted(r.id for r in workshop.resources)
    for n, material in enumerate(workshop.materials):
        printable = material.printable
        if printable is None:
            continue
        if material.id not in used:
            log.warn(document.locate(("materials", n, "printable")),
                     f"the printable `{material.id}` is used by no agenda item, so the print pack leaves it out",
                     f"add `{material.id}` to the `materials:` of the agenda item that uses it, or remove it "
                     f"(a team overlay: `remove: [{material.id}]`)")
        named: list[tuple[str, DataPath]] = []
        if isinstance(printable, CaseSheetPrintable):
            named = [(r, ("materials", n, "printable", "resources", k)) for k, r in enumerate(printable.resources)]
        elif isinstance(printable, PosterPrintable | TableTentPrintable) and printable.qr not in (None, "feedback"):
            named = [(str(printable.qr), ("materials", n, "printable", "qr"))]
        feedback = workshop.evaluation.feedback_url or workshop.evaluation.feedback_email
        if isinstance(printable, PosterPrintable | TableTentPrintable) and printable.qr == "feedback" and not feedback:
            log.error(document.locate(("materials", n, "printable", "qr")),
                      "`qr: feedback` asks for the feedback code, but the workshop has no feedback form or email",
                      "add `feedback_url:` or `feedback_email:` under `evaluation:`, or name a resource here")
        for resource, path in named:
            if resource not in resources:
                log.error(document.locate(path), f"`{resource}` is not in `resources`",
                          did_you_mean(resource, [*resources, "feedback"])
                          or "add it under `resources:`, or write `feedback` for the feedback form's code")
