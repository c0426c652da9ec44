"""Speaker notes: one notes page per slide, made directly from the notes master.

python-pptx's own notes pages search the whole package for a free part name and clone the
master's placeholders one XPath query at a time, which took a third of a deck's build time;
the pages here are numbered as they are made and hold the two placeholders PowerPoint needs.
"""

from __future__ import annotations

from html import escape  # quotes too, so it serves attributes; xml.sax would load urllib and ssl
from typing import Any

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.parts.slide import NotesSlidePart


class NotesWriter:
    def __init__(self, presentation: Any, lang: str) -> None:
        self.package = presentation.part.package
        self.master = presentation.part.notes_master_part  # made from python-pptx's default when missing
        self.lang = lang
        self.count = 0
        self.body_idx = self._master_idx("body", default="1")
        self.image_idx = self._master_idx("sldImg", default=None)

    def _master_idx(self, kind: str, default: str | None) -> str | None:
        for ph in self.master._element.iter(qn("p:ph")):
            if ph.get("type") == kind:
                idx = ph.get("idx")
                return str(idx) if idx is not None else default
        return default

    def add(self, slide: Any, notes: str) -> None:
        """Give `slide` a notes page holding `notes`, one paragraph a line, in the deck's language."""
        self.count += 1
        part = NotesSlidePart(PackURI(f"/ppt/notesSlides/notesSlide{self.count}.xml"), CT.PML_NOTES_SLIDE,
                              self.package, parse_xml(self._xml(notes)))
        part.relate_to(self.master, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)

    def _xml(self, notes: str) -> str:
        paragraphs = "".join(
            (f'<a:p><a:r><a:rPr lang="{self.lang}" dirty="0"/><a:t>{escape(line)}</a:t></a:r>'
             f'<a:endParaRPr lang="{self.lang}" dirty="0"/></a:p>') if line else
            f'<a:p><a:endParaRPr lang="{self.lang}" dirty="0"/></a:p>'
            for line in notes.split("\n"))
        image_idx = f' idx="{self.image_idx}"' if self.image_idx is not None else ""
        return (f'<p:notes {nsdecls("a", "p", "r")}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/>'
                '<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
                '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks '
                f'noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"{image_idx}/>'
                '</p:nvPr></p:nvSpPr><p:spPr/></p:sp>'
                '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
                f'</p:cNvSpPr><p:nvPr><p:ph type="body" idx="{self.body_idx}"/></p:nvPr></p:nvSpPr><p:spPr/>'
                f'<p:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</p:txBody></p:sp>'
                '</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>')
