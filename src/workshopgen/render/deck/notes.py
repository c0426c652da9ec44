"""Speaker notes as the paragraphs of a notes page: one paragraph a line, in the deck's language."""

from __future__ import annotations

from html import escape  # quotes too, so it serves attributes; xml.sax would load urllib and ssl


def notes_paragraphs(notes: str, lang: str) -> str:
    return "".join(
        (f'<a:p><a:r><a:rPr lang="{lang}" dirty="0"/><a:t>{escape(line)}</a:t></a:r>'
         f'<a:endParaRPr lang="{lang}" dirty="0"/></a:p>') if line else
        f'<a:p><a:endParaRPr lang="{lang}" dirty="0"/></a:p>'
        for line in notes.split("\n"))
