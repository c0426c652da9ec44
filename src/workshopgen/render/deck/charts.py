"""Charts on slides: a graphic frame showing a chart part, whose figures are kept in an embedded
workbook, so that PowerPoint's Edit Data opens them.

A chart's parts are made by python-pptx (`chart_xml.py`), imported only when the build's store
does not hold them already: a rebuild of unchanged charts imports nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from html import escape  # quotes too, so it serves attributes; xml.sax would load urllib and ssl

from ...layout.charts import ChartGraphic
from ..caches import Store
from .shapes import Drawing

CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_CHART = f"{_RELS}/chart"
RT_PACKAGE = f"{_RELS}/package"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CHART_PART = "/ppt/charts/chart{}.xml"
WORKBOOK_PART = "/ppt/embeddings/Microsoft_Excel_Worksheet{}.xlsx"
WORKBOOK_RID = "rId1"  # a new chart part's first relationship, which is to its workbook
PARTS_FORMAT = 1  # raised when the parts are made differently, so that stored ones are not reused


def write_chart(drawing: Drawing, chart: ChartGraphic) -> None:
    """The chart and its workbook as parts of the deck, and the frame that shows it on the slide."""
    xml, workbook = chart_parts(chart, drawing.text.lang, drawing.moment, drawing.caches.charts)
    deck, slide = drawing.deck, drawing.slide
    name, rid = deck.add_related_part(slide.name, CHART_PART, xml, CT_CHART, RT_CHART)
    _, workbook_rid = deck.add_related_part(name, WORKBOOK_PART, workbook, CT_WORKBOOK, RT_PACKAGE)
    assert workbook_rid == WORKBOOK_RID, "the chart XML names its workbook by this id"
    shape_id = slide.next_id()
    frame = chart.frame
    # The alt text states every value and the sources, as a screen reader cannot read the chart.
    slide.add(f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="Chart {shape_id}" '
              f'descr="{escape(chart.alt)}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/>'
              '</p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
              f'<p:xfrm><a:off x="{frame.left}" y="{frame.top}"/><a:ext cx="{frame.width}" cy="{frame.height}"/>'
              f'</p:xfrm><a:graphic><a:graphicData uri="{CHART_URI}"><c:chart xmlns:c="{CHART_URI}" r:id="{rid}"/>'
              '</a:graphicData></a:graphic></p:graphicFrame>')


def chart_parts(chart: ChartGraphic, lang: str, moment: dt.datetime, store: Store) -> tuple[bytes, bytes]:
    """The chart part's XML and its workbook: kept ones from `store`, else made and kept there."""
    key = chart_key(chart, lang, moment)
    kept = store.get(key)
    if kept is not None and (unpacked := _unpack(kept)) is not None:
        return unpacked
    from .chart_xml import make_chart_parts

    xml, workbook = make_chart_parts(chart, lang, moment, WORKBOOK_RID)
    store.put(key, b"%d\n" % len(xml) + xml + workbook)
    return xml, workbook


def chart_key(chart: ChartGraphic, lang: str, moment: dt.datetime) -> str:
    """A hash of everything the parts are made from (not where the chart sits on the slide, nor its alt text)."""
    made_from = [PARTS_FORMAT, chart.kind, chart.categories, [repr(v) for v in chart.values], chart.series,
                 chart.number_format, chart.size, chart.plot, chart.axis, chart.colour, lang, moment.isoformat()]
    return hashlib.sha256(json.dumps(made_from, ensure_ascii=False).encode()).hexdigest()


def _unpack(kept: bytes) -> tuple[bytes, bytes] | None:
    """The XML and workbook kept as `length\\n`, the XML, the workbook; None if damaged."""
    length, newline, rest = kept.partition(b"\n")
    if not newline or not length.isdigit() or int(length) > len(rest):
        return None
    xml, workbook = rest[: int(length)], rest[int(length):]
    return (xml, workbook) if xml.startswith(b"<?xml") and workbook.startswith(b"PK") else None
