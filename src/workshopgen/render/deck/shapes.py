"""The XML of a slide's shapes: text bodies with their paragraphs and runs, text boxes,
placeholders and frames, shared by every writer of a kind of slide or graphic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape  # quotes too, so it serves attributes; xml.sax would load urllib and ssl

from ...deck_template import Frame, PlaceholderInfo
from ...layout.compose import TextBlock
from ...layout.fit import EMU_PER_PT, INSET_X, INSET_Y, Para
from ..caches import Caches
from .package import DeckPackage, SlidePart


@dataclass(frozen=True)
class Drawing:
    """What the writer of a graphic is handed: the deck being made, the slide, its text writer, the
    build's stores, and the pack's date for anything that would otherwise carry the clock."""

    deck: DeckPackage
    slide: SlidePart
    text: TextWriter
    caches: Caches = field(default_factory=Caches)
    moment: dt.datetime = dt.datetime(1980, 1, 1)


class TextWriter:
    """Paragraphs as the layout measured them, in the deck's language; `link` gives the
    relationship id of an address on the slide being written."""

    def __init__(self, lang: str, link: Callable[[str], str]) -> None:
        self.lang = lang
        self.link = link

    def body(self, block: TextBlock, size: int, list_start: int = 1) -> str:
        """A `p:txBody` holding `block` at `size` points, numbered lists starting at `list_start`."""
        # The insets are written even where they equal OOXML's defaults: a slide's frame otherwise
        # inherits its layout's, which need not be the ones the text was measured with. The text
        # was measured to fit and is written at its measured size; body text also shrinks on
        # overflow, so lines a facilitator adds in PowerPoint stay inside the box. Titles, the
        # timer and labels keep their size, and no box grows.
        anchor = ' anchor="ctr"' if block.key == "panel" else ""
        fit = "<a:normAutofit/>" if block.key == "body" else "<a:noAutofit/>"
        return (f'<p:txBody><a:bodyPr wrap="square" lIns="{INSET_X}" tIns="{INSET_Y}" rIns="{INSET_X}" '
                f'bIns="{INSET_Y}"{anchor}>{fit}</a:bodyPr><a:lstStyle/>'
                f'{"".join(self.paragraph(para, size, list_start) for para in block.paras)}</p:txBody>')

    def paragraph(self, para: Para, size: int, list_start: int = 1) -> str:
        pt = size * para.scale
        margin = round(para.hang * pt * EMU_PER_PT)
        align = f' algn="{para.align}"' if para.align else ""
        if para.marker == "bullet":
            marker = '<a:buFont typeface="Arial"/><a:buChar char="•"/>'
        elif para.marker == "number":
            start = f' startAt="{list_start}"' if list_start > 1 else ""
            marker = f'<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod"{start}/>'
        else:
            marker = "<a:buNone/>"
        tabs = runs = ""
        if para.prefix:
            tabs = f'<a:tabLst><a:tab pos="{margin}" algn="l"/></a:tabLst>'
            runs = self.run(f"{para.prefix}\t", pt, bold=True, italic=False, colour=para.prefix_colour)
        link = self.link(para.link) if para.link else None
        runs += self.run(para.text, pt, bold=para.bold, italic=para.italic, colour=para.colour, link=link)
        return (f'<a:p><a:pPr marL="{margin}" indent="{-margin}"{align}><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
                f'<a:spcBef><a:spcPts val="{round(para.space_before * pt * 100)}"/></a:spcBef>{marker}{tabs}</a:pPr>'
                f'{runs}<a:endParaRPr lang="{self.lang}" sz="{round(pt * 100)}" dirty="0"/></a:p>')

    def run(self, text: str, pt: float, *, bold: bool | None, italic: bool, colour: str | None,
             link: str | None = None) -> str:
        """One run of text; `link` is the relationship id of the address a click on it opens."""
        weight = "" if bold is None else f' b="{1 if bold else 0}"'
        slant = ' i="1"' if italic else ""
        if not colour:
            fill = ""
        elif colour.startswith("#"):
            fill = f'<a:solidFill><a:srgbClr val="{colour[1:]}"/></a:solidFill>'
        else:
            fill = f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>'
        click = f'<a:hlinkClick r:id="{link}"/>' if link else ""
        return (f'<a:r><a:rPr lang="{self.lang}" sz="{round(pt * 100)}"{weight}{slant} dirty="0">{fill}{click}'
                f'</a:rPr><a:t>{escape(text, quote=False)}</a:t></a:r>')


def contained(frame: Frame, width: int, height: int) -> Frame:
    """The largest box of the picture's proportions inside `frame`, centred in it."""
    scale = min(frame.width / max(width, 1), frame.height / max(height, 1))
    w, h = round(width * scale), round(height * scale)
    return Frame(left=frame.left + (frame.width - w) // 2, top=frame.top + (frame.height - h) // 2, width=w, height=h)


def xfrm(frame: Frame) -> str:
    return (f'<a:xfrm><a:off x="{frame.left}" y="{frame.top}"/><a:ext cx="{frame.width}" cy="{frame.height}"/>'
            '</a:xfrm>')


def text_placeholder(info: PlaceholderInfo, shape_id: int, frame: Frame | None, body: str) -> str:
    """A placeholder of the layout's, which inherits its styles from it, and its frame too unless
    `frame` moves it."""
    kind = "" if info.type == "obj" else f' type="{info.type}"'
    idx = f' idx="{info.idx}"' if info.idx else ""
    shape_properties = f"<p:spPr>{xfrm(frame)}</p:spPr>" if frame is not None else "<p:spPr/>"
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape(info.name)}"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
            f'</p:cNvSpPr><p:nvPr><p:ph{kind}{idx}/></p:nvPr></p:nvSpPr>{shape_properties}{body}</p:sp>')


def text_box(shape_id: int, name: str, frame: Frame, body: str) -> str:
    """A free text box, as PowerPoint's Insert > Text Box makes one."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape(name)}"/><p:cNvSpPr txBox="1"/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr>{xfrm(frame)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            f'{body}</p:sp>')


def panel(shape_id: int, frame: Frame, body: str) -> str:
    """The timer: a plain rectangle in the theme's first accent, its text area the whole shape,
    exactly the frame the text was measured in."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Timer"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>'
            f'{xfrm(frame)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="accent1"/>'
            f'</a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>{body}</p:sp>')
