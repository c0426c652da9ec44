"""A diagram as native shapes: one group whose alt text describes the whole, holding a shape for
each part with its own name and text, in reading order, so it can be edited like any drawing."""

from __future__ import annotations

from html import escape  # quotes too, so it serves attributes; xml.sax would load urllib and ssl

from ...layout.diagrams import CORNER, Diagram, DiagramShape
from ...layout.fit import INSET_X, INSET_Y
from .shapes import Drawing, TextWriter, xfrm


def write_diagram(drawing: Drawing, diagram: Diagram) -> None:
    slide = drawing.slide
    group_id = slide.next_id()
    children = "".join(_shape(slide.next_id(), shape, drawing.text) for shape in diagram.shapes)
    frame = diagram.frame
    box = (f'<a:off x="{frame.left}" y="{frame.top}"/><a:ext cx="{frame.width}" cy="{frame.height}"/>'
           f'<a:chOff x="{frame.left}" y="{frame.top}"/><a:chExt cx="{frame.width}" cy="{frame.height}"/>')
    slide.add(f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{group_id}" name="{escape(diagram.name)}" '
              f'descr="{escape(diagram.alt)}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
              f'<p:grpSpPr><a:xfrm>{box}</a:xfrm></p:grpSpPr>{children}</p:grpSp>')


def _colour(value: str) -> str:
    if value.startswith("#"):
        return f'<a:srgbClr val="{value[1:]}"/>'
    return f'<a:schemeClr val="{value}"/>'


def _shape(shape_id: int, shape: DiagramShape, text: TextWriter) -> str:
    adjust = f'<a:gd name="adj" fmla="val {CORNER}"/>' if shape.geometry == "roundRect" else ""
    fill = f"<a:solidFill>{_colour(shape.fill)}</a:solidFill>" if shape.fill else "<a:noFill/>"
    line = (f'<a:ln w="{shape.line_width}"><a:solidFill>{_colour(shape.line)}</a:solidFill></a:ln>' if shape.line
            else "<a:ln><a:noFill/></a:ln>")
    body = ""
    if shape.paras:
        # Written with the insets it was measured with, the room under a label added at the top;
        # the text keeps its measured size, and the shape does not grow.
        paragraphs = "".join(text.paragraph(para, shape.size) for para in shape.paras)
        body = (f'<p:txBody><a:bodyPr wrap="square" lIns="{INSET_X}" tIns="{INSET_Y + shape.top_room}" '
                f'rIns="{INSET_X}" bIns="{INSET_Y}" anchor="ctr" rtlCol="0"><a:noAutofit/></a:bodyPr>'
                f'<a:lstStyle/>{paragraphs}</p:txBody>')
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape(shape.name)}"/><p:cNvSpPr/>'
            f'<p:nvPr/></p:nvSpPr><p:spPr>{xfrm(shape.frame)}<a:prstGeom prst="{shape.geometry}"><a:avLst>{adjust}'
            f'</a:avLst></a:prstGeom>{fill}{line}</p:spPr>{body}</p:sp>')
