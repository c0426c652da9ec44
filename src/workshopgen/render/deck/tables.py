"""A table as PowerPoint's Insert > Table makes one: a graphic frame holding an `a:tbl`, so it
stays a table people can edit, its header row marked as one so screen readers announce each cell
with its column's heading, and every cell's text at the size the layout measured."""

from __future__ import annotations

from html import escape  # quotes too, so it serves attributes; xml.sax would load urllib and ssl

from ...layout.compose import TextBlock
from ...layout.fit import INSET_X, INSET_Y, Para
from ...layout.tables import Table
from .shapes import Drawing, text_box

TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
# Cell margins as measured; anchored at the top, so a row's shorter cells line up with its fullest.
CELL_PROPERTIES = f'marL="{INSET_X}" marR="{INSET_X}" marT="{INSET_Y}" marB="{INSET_Y}" anchor="t"'


def write_table(drawing: Drawing, table: Table) -> None:
    """The table, then its caption, in reading order after the title."""
    slide, size = drawing.slide, table.size
    heights = table.row_heights()
    frame = table.frame()
    colours = table.colours
    rows = [_row(drawing, table.header, heights[0], size, colours.header_fill)]
    for n, (cells, height) in enumerate(zip(table.rows, heights[1:], strict=True)):
        rows.append(_row(drawing, cells, height, size, colours.band if n % 2 and colours.band else colours.fill))
    banded = ' bandRow="1"' if colours.band else ""
    grid = "".join(f'<a:gridCol w="{width}"/>' for width in table.widths())
    shape_id = slide.next_id()
    slide.add(
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="Table {shape_id - 1}" '
        f'descr="{escape(table.alt)}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr>'
        f'<p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="{frame.left}" y="{frame.top}"/>'
        f'<a:ext cx="{frame.width}" cy="{frame.height}"/></p:xfrm><a:graphic><a:graphicData uri="{TABLE_URI}">'
        f'<a:tbl><a:tblPr firstRow="1"{banded}/><a:tblGrid>{grid}</a:tblGrid>{"".join(rows)}</a:tbl>'
        '</a:graphicData></a:graphic></p:graphicFrame>')
    caption = table.caption_frame()
    if table.caption is not None and caption is not None:
        body = drawing.text.body(TextBlock("label", caption, (table.caption,)), size)
        slide.add(text_box(slide.next_id(), "Table caption", caption, body))


def _row(drawing: Drawing, cells: tuple[Para, ...], height: int, size: int, fill: str) -> str:
    return f'<a:tr h="{height}">{"".join(_cell(drawing, para, size, fill) for para in cells)}</a:tr>'


def _cell(drawing: Drawing, para: Para, size: int, fill: str) -> str:
    return (f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{drawing.text.paragraph(para, size)}</a:txBody>'
            f'<a:tcPr {CELL_PROPERTIES}><a:solidFill><a:schemeClr val="{fill}"/></a:solidFill></a:tcPr></a:tc>')
