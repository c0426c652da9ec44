"""The yardstick both deck benchmarks measure against: pandoc making a deck of the same slides.

A plan's slides are written as pandoc Markdown with what our deck shows (titles, bullets, columns,
tables, quotes, subtitles, captions, speaker notes, and a picture on each slide that has one), so pandoc
lays out and packages the same slides as the deck renderer. pandoc puts at most one picture on a
slide, so where ours shows several QR codes it is given the first and the addresses of all: it
packs fewer pictures than we do, never more.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from workshopgen.layout.diagrams import DIAGRAMS
from workshopgen.plan import Plan
from workshopgen.render.qr import qr_png


def markdown(plan: Plan, folder: Path, assets: dict[str, bytes]) -> str:
    """The plan's slides as pandoc Markdown, pictures and QR codes written beside it in `folder`."""
    workshop = plan.workshop
    # JSON strings are YAML scalars on one line, whatever they hold.
    lines = ["---", f"title: {json.dumps(workshop.title)}", f"subtitle: {json.dumps(workshop.subtitle or '')}",
             f"author: {json.dumps(workshop.branding.organisation)}", "lang: en-GB", "---", ""]

    for slide in plan.slides[1:]:  # the first slide is the title slide pandoc makes from the metadata
        shown = vars(slide)  # each kind of slide has its own fields; any it lacks are not shown
        lines.append(f"# {slide.title}\n")
        if shown.get("kind") == "table":  # a pipe table, which pandoc makes a PowerPoint table of
            cells = [shown["columns"], ["---"] * len(shown["columns"]), *shown["rows"]]
            lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in cells]
            # As the table's caption: pandoc starts a new slide for any other text after a table.
            lines += ["", f": {shown['caption']}"] if shown.get("caption") else []
            shown = {key: value for key, value in shown.items() if key not in ("columns", "rows", "caption")}
        lines += [f"- {clock} {title}" for clock, title in shown.get("rows", [])]
        lines += [f"- {bullet}" for bullet in shown.get("bullets", [])]
        if shown.get("diagram") in DIAGRAMS:  # a diagram's parts, as its shapes show them
            lines += [f"- **{item.label}**: {item.gist}" for item in DIAGRAMS[shown["diagram"]].items]
        if shown.get("columns"):
            lines.append(":::::: columns")
            for heading, bullets in shown["columns"]:
                lines += ["::: column", f"**{heading}**", "", *[f"- {b}" for b in bullets], ":::"]
            lines.append("::::::")
        if shown.get("quote"):
            lines.append(f"> {shown['quote']}\n>\n> — {shown.get('attribution') or ''}")
        if shown.get("subtitle"):
            lines.append(f"\n{shown['subtitle']}")
        lines += [f"\n{code.display}" for code in slide.qr_codes]
        if shown.get("caption"):
            lines.append(f"\n{shown['caption']}")
        if shown.get("minutes"):
            lines.append(f"\n{shown['minutes']} minutes · {shown.get('group') or ''}")
        # pandoc keeps one picture to a slide, after its text (more would start new slides), so
        # it is given the slide's picture or else its first QR code, as the same PNG ours holds.
        if shown.get("image"):
            lines.append(_picture(folder, f"image-{slide.number}.png", assets[shown["image"]], shown.get("alt", "")))
        elif slide.qr_codes:
            code = slide.qr_codes[0]
            lines.append(_picture(folder, f"qr-{slide.number}.png", qr_png(code.payload), code.alt))
        if slide.notes:
            lines += ["", "::: notes", slide.notes, ":::"]
        lines.append("")
    return "\n".join(lines)


def _picture(folder: Path, name: str, data: bytes, alt: str) -> str:
    """A paragraph of its own: pandoc drops a picture that shares one with text."""
    (folder / name).write_bytes(data)
    return f"\n![{alt}]({name})\n"


def write_source(plan: Plan, folder: Path, assets: dict[str, bytes]) -> Path:
    """deck.md, and the pictures it names, in `folder` (made if need be)."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "deck.md"
    source.write_text(markdown(plan, folder, assets), encoding="utf-8")
    return source


def pandoc_command() -> list[str] | None:
    """How to make deck.pptx from deck.md in the same folder, or None without pandoc."""
    pandoc = shutil.which("pandoc")
    return [pandoc, "deck.md", "--slide-level=1", "-o", "deck.pptx"] if pandoc else None


def pandoc_version() -> str | None:
    """pandoc's own first line of `--version`, such as "pandoc 2.17.1.1", for the printed figures."""
    command = pandoc_command()
    if command is None:
        return None
    return subprocess.run([command[0], "--version"], capture_output=True, text=True).stdout.split("\n")[0]
