"""A chart part and its workbook, made by python-pptx's chart writer from the chart's figures.

Importing python-pptx takes about 0.2 s, so this module is imported only when a deck has a chart
whose parts the build's store does not hold already (see `charts.py`).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from lxml import etree
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.chart.xmlwriter import ChartXmlWriter
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_TICK_MARK
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.oxml import parse_xml
from pptx.util import Pt

from ...layout.charts import GAP_WIDTH, ChartGraphic

_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def make_chart_parts(chart: ChartGraphic, lang: str, moment: dt.datetime, workbook_rid: str) -> tuple[bytes, bytes]:
    """The chart part's XML, naming its workbook by `workbook_rid`, and the workbook's bytes."""
    data = _DatedChartData(moment, number_format=chart.number_format)
    # A bar chart draws its first category at the bottom. Turning the axis round would put the first
    # figure on top, but LibreOffice does not honour that in these charts, so the data is reversed.
    order = slice(None, None, -1) if chart.kind == "bar" else slice(None)
    data.categories = chart.categories[order]
    data.add_series(chart.series, chart.values[order])  # type: ignore[no-untyped-call]
    kind = XL_CHART_TYPE.COLUMN_CLUSTERED if chart.kind == "column" else XL_CHART_TYPE.BAR_CLUSTERED
    space = parse_xml(ChartXmlWriter(kind, data).xml.encode())  # type: ignore[no-untyped-call]
    _style(Chart(space, None), chart)  # type: ignore[no-untyped-call]
    _plot_area(space, chart.plot)
    _chart_space(space, lang)
    space._add_externalData().rId = workbook_rid
    xml: bytes = etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)
    workbook: bytes = data.xlsx_blob
    return xml, workbook


def _style(view: Any, chart: ChartGraphic) -> None:
    """No title or legend (the slide has both), values on the bars, text in the theme's text colour."""
    size = Pt(chart.size)
    view.has_title = False
    view.has_legend = False
    view.font.size = size
    view.font.color.theme_color = MSO_THEME_COLOR.TEXT_1
    plot = view.plots[0]
    plot.gap_width = GAP_WIDTH
    plot.vary_by_categories = False
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.show_value = True
    labels.number_format = chart.number_format
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = size
    labels.font.bold = True
    labels.font.color.theme_color = MSO_THEME_COLOR.TEXT_1
    series = plot.series[0]
    series.invert_if_negative = False
    series.format.fill.solid()
    series.format.fill.fore_color.theme_color = MSO_THEME_COLOR.from_xml(chart.colour)
    values = view.value_axis
    values.minimum_scale, values.maximum_scale = chart.axis
    values.has_major_gridlines = False
    # Each bar carries its value, so the value axis shows nothing. It is kept, with labels in a
    # format that shows nothing, as LibreOffice leaves out the category labels of a chart whose
    # value axis is deleted or has no labels.
    values.tick_labels.number_format = ";;;"
    values.tick_labels.number_format_is_linked = False
    values.major_tick_mark = XL_TICK_MARK.NONE
    values.format.line.fill.background()
    categories = view.category_axis
    categories.major_tick_mark = XL_TICK_MARK.NONE
    categories.tick_labels.font.size = size
    categories.format.line.color.theme_color = MSO_THEME_COLOR.TEXT_1
    categories.format.line.width = Pt(1)


def _plot_area(space: Any, plot: tuple[float, float, float, float]) -> None:
    """The inner plot area where the layout measured room for the labels around it."""
    x, y, w, h = (f"{value:.4f}" for value in plot)
    layout = etree.fromstring(
        f'<c:layout xmlns:c="{_C}"><c:manualLayout><c:layoutTarget val="inner"/><c:xMode val="edge"/>'
        f'<c:yMode val="edge"/><c:x val="{x}"/><c:y val="{y}"/><c:w val="{w}"/><c:h val="{h}"/>'
        '</c:manualLayout></c:layout>')
    area = space.plotArea
    existing = area.find(f"{{{_C}}}layout")
    if existing is not None:
        area.remove(existing)
    area.insert(0, layout)


def _chart_space(space: Any, lang: str) -> None:
    """The chart's language, square corners, and no fill or border of its own, so it sits on the slide."""
    space.insert_element_before(etree.fromstring(f'<c:lang xmlns:c="{_C}" val="{lang}"/>'), "c:roundedCorners",
                                "c:style", "c:clrMapOvr", "c:pivotSource", "c:protection", "c:chart")
    space.insert_element_before(etree.fromstring(f'<c:roundedCorners xmlns:c="{_C}" val="0"/>'), "c:style",
                                "c:clrMapOvr", "c:pivotSource", "c:protection", "c:chart")
    space.insert_element_before(
        etree.fromstring(f'<c:spPr xmlns:c="{_C}" xmlns:a="{_A}"><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'),
        "c:txPr", "c:externalData", "c:printSettings", "c:userShapes", "c:extLst")
    for labels in space.iter(f"{{{_C}}}dLbls"):  # a value on one line, as it was measured
        body = labels.find(f"c:txPr/{{{_A}}}bodyPr", {"c": _C})
        if body is not None:
            body.set("wrap", "none")
    for element in space.iter(f"{{{_A}}}endParaRPr", f"{{{_A}}}defRPr"):
        if element.get("lang") is not None:
            element.set("lang", lang)
    # python-pptx numbers the axes as signed integers; the standard has them unsigned.
    for element in space.iter(f"{{{_C}}}axId", f"{{{_C}}}crossAx"):
        number = int(element.get("val", "0"))
        if number < 0:
            element.set("val", str(number + 2**32))


class _DatedWorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's workbook writer, dating the workbook from the pack rather than the clock."""

    def __init__(self, chart_data: Any, created: dt.datetime) -> None:
        super().__init__(chart_data)  # type: ignore[no-untyped-call]
        self._created = created

    @contextmanager
    def _open_worksheet(self, xlsx_file: io.BytesIO) -> Iterator[tuple[Any, Any]]:
        with super()._open_worksheet(xlsx_file) as (workbook, worksheet):
            workbook.set_properties({"created": self._created})
            yield workbook, worksheet


class _DatedChartData(CategoryChartData):
    def __init__(self, created: dt.datetime, number_format: str) -> None:
        super().__init__(number_format=number_format)  # type: ignore[no-untyped-call]
        self._created = created

    @property
    def _workbook_writer(self) -> _DatedWorkbookWriter:
        return _DatedWorkbookWriter(self, self._created)
