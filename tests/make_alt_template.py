"""Make a second deck template, laid out unlike the built-in one, to prove the layout mapping.

    .venv/bin/python tests/make_alt_template.py OUT.potx

It starts from python-pptx's own 4:3 Office template (Calibri, other layout names), renames its
layouts, moves the body of the text layout into a narrow right-hand column, mirrors the picture
layout, keeps an example
slide (which the deck must drop) and saves the result as a .potx, as PowerPoint would.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.util import Inches

from workshopgen.deck_template import PRESENTATION_MAIN, TEMPLATE_MAIN, relabel_main_part

RENAMED = {
    "Title Slide": "Cover", "Section Header": "Divider", "Title and Content": "Words",
    "Two Content": "Side by Side", "Picture with Caption": "Picture and Words", "Title Only": "Heading Only",
}
# The `branding: layouts:` a workshop gives to use this template; quotes go on the text layout.
LAYOUTS = {
    "title": "Cover", "section": "Divider", "content": "Words", "two-column": "Side by Side",
    "quote": "Words", "image": "Picture and Words", "title-only": "Heading Only",
}
WORDS_BODY = (Inches(4.5), Inches(1.6), Inches(5.0), Inches(5.4))  # left, top, width, height
# The picture layout mirrored: words on the left under a full-width title, the picture on the right.
PICTURE_FRAMES = {0: (Inches(0.5), Inches(0.3), Inches(9.0), Inches(1.1)),
                  2: (Inches(0.5), Inches(1.6), Inches(4.3), Inches(5.4)),
                  1: (Inches(5.2), Inches(1.6), Inches(4.3), Inches(5.4))}


def alt_template_bytes(*, potx: bool = True) -> bytes:
    presentation = alt_presentation()
    example = presentation.slides.add_slide(presentation.slide_layouts[0])
    example.shapes.title.text = "Example slide the team left in the template"
    buffer = io.BytesIO()
    presentation.save(buffer)
    return as_potx(buffer.getvalue()) if potx else buffer.getvalue()


def alt_presentation() -> Any:
    """The template's masters and layouts, with no slides yet."""
    presentation = Presentation()
    for layout in presentation.slide_layouts:
        if layout.name in RENAMED:
            layout.name = RENAMED[layout.name]
    words = next(layout for layout in presentation.slide_layouts if layout.name == "Words")
    body = next(ph for ph in words.placeholders if ph.placeholder_format.idx == 1)
    body.left, body.top, body.width, body.height = WORDS_BODY
    picture = next(layout for layout in presentation.slide_layouts if layout.name == "Picture and Words")
    for ph in picture.placeholders:
        if ph.placeholder_format.idx in PICTURE_FRAMES:
            ph.left, ph.top, ph.width, ph.height = PICTURE_FRAMES[ph.placeholder_format.idx]
    return presentation


def as_potx(data: bytes) -> bytes:
    return relabel_main_part(data, PRESENTATION_MAIN, TEMPLATE_MAIN)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "alt-template.potx")
    target.write_bytes(alt_template_bytes(potx=target.suffix.lower() == ".potx"))
    print(f"wrote {target}")
