"""Chart slides: the chart in the picture area of the `image` layout, its caption and sources in
the text area beside it.

PowerPoint and LibreOffice lay out a chart's own text, so the plot area is placed here, by
measuring that text: the largest size at which every category label and value label fits, room
kept beside the longest bar (or above the tallest column) for its value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..deck_template import Frame
from ..plan.figures import PlannedFigure, chart_alt, shared_places, source_line, unit_parts, value_text
from ..plan.slides import ChartSlide
from .compose import Composition, Context, SlideBuilder
from .fit import EMU_PER_PT, Face, Para, wrap

CHART_SIZES = (20, 14)  # largest and smallest size of a chart's labels, in points
MAX_LABEL_LINES = 3
MARGIN = 0.03  # of the chart's width and height, kept clear around the plot area
LABEL_COLUMN_SHARE = 0.45  # the most of a bar chart's width its category labels may take
LINE = 1.2  # em
GAP_WIDTH = 60  # percent of a bar's width left between bars


@dataclass(frozen=True)
class ChartGraphic:
    """A chart of one series, and where its plot area goes (fractions of `frame`, the inner plot area)."""

    frame: Frame
    kind: Literal["column", "bar"]
    categories: tuple[str, ...]
    values: tuple[float, ...]
    series: str  # the series' name, shown in PowerPoint's data sheet
    number_format: str  # Excel's format for the values, unit included
    size: int  # points, of the category and value labels
    plot: tuple[float, float, float, float]  # x, y, width, height
    axis: tuple[float, float]  # the value axis' minimum and maximum, room left for the value labels
    colour: str  # theme colour of the bars
    alt: str
    warnings: tuple[str, ...] = ()  # what did not fit, for the layout to report


def chart(slide: ChartSlide, ctx: Context) -> Composition:
    """The chart where the layout has its picture, then the caption and sources in its text area."""
    out = SlideBuilder(slide, "image", ctx)
    paras = [Para(" ".join(slide.caption.split()), bold=False)] if slide.caption else []
    paras.append(Para(source_line(slide.figures, ctx.language), bold=False, space_before=0.6 if paras else 0.0))
    out.body(paras, flow=None)
    place = out.layout.picture
    assert place is not None  # the template check makes sure the image layout has one
    out.graphics.append(chart_graphic(slide, place.frame, ctx))
    return out.done()


def chart_graphic(slide: ChartSlide, frame: Frame, ctx: Context) -> ChartGraphic:
    figures = slide.figures
    places = shared_places(figures)
    labels = [value_text(f.figure.value, f.figure.unit, places) for f in figures]
    categories = [" ".join(f.figure.label.split()) for f in figures]
    values = [f.figure.value for f in figures]
    measure = _columns if slide.chart == "column" else _bars
    face = ctx.fonts.body
    size, found = CHART_SIZES[1], None
    warnings: tuple[str, ...] = ()
    for candidate in range(CHART_SIZES[0], CHART_SIZES[1] - 1, -1):
        found = measure(categories, labels, face, candidate, frame)
        if found is not None:
            size = candidate
            break
    if found is None:  # too much text even at the smallest size: PowerPoint turns or cuts the labels
        found = measure(categories, labels, face, size, frame, force=True)
        other = "fewer figures" if slide.chart == "bar" else "`chart: bar`, fewer figures"
        warnings = (f"its chart's labels do not fit even at {size} pt, so they may be turned, cut short or "
                    f"overlap; use {other} or shorter labels",)
    assert found is not None
    plot, room = found
    return ChartGraphic(frame=frame, kind=slide.chart, categories=tuple(categories), values=tuple(values),
                        series=_series_name(figures), number_format=number_format(figures, places), size=size,
                        plot=plot, axis=_axis(values, room), colour=ctx.palette["heading"],
                        alt=chart_alt(slide.chart, figures, ctx.language), warnings=warnings)


Measured = tuple[tuple[float, float, float, float], float] | None


def _columns(categories: Sequence[str], labels: Sequence[str], face: Face, size: int, frame: Frame,
             force: bool = False) -> Measured:
    """Columns side by side: each category label under its column in at most three lines, each value
    label on one line above its column, within the column's share of the width."""
    width, height = frame.width / EMU_PER_PT, frame.height / EMU_PER_PT
    slot = width * (1 - 2 * MARGIN) / len(categories)
    lines = max(_lines(text, face, size, slot * 0.9) for text in categories)
    widest = max(face.width(text, True) * size for text in labels)
    band = (min(lines, MAX_LABEL_LINES) * LINE + 0.6) * size  # the category labels under the axis
    plot = height * (1 - 2 * MARGIN) - band
    if not force and (lines > MAX_LABEL_LINES or widest > slot * 0.95 or plot < 0.4 * height):
        return None
    plot = max(plot, 0.2 * height)
    label = LINE * size * 1.4  # a value label's height, with its gap above the column
    return (MARGIN, MARGIN, 1 - 2 * MARGIN, plot / height), min(label / plot, 0.6)


def _bars(categories: Sequence[str], labels: Sequence[str], face: Face, size: int, frame: Frame,
          force: bool = False) -> Measured:
    """Bars one under another: category labels in a column on the left, wrapped within their bar's
    height, and each value label after its bar."""
    width, height = frame.width / EMU_PER_PT, frame.height / EMU_PER_PT
    row = height * (1 - 2 * MARGIN) / len(categories)
    column = min(max(face.width(text, False) * size for text in categories) + size * 0.6, width * LABEL_COLUMN_SHARE)
    lines = max(_lines(text, face, size, column * 0.95) for text in categories)
    bars = width * (1 - 2 * MARGIN) - column
    label = max(face.width(text, True) * size for text in labels) + size * 0.8
    if not force and (lines * LINE * size > row * 0.95 or bars - label < 0.35 * bars):
        return None
    left = MARGIN + column / width
    return (left, MARGIN, 1 - MARGIN - left, 1 - 2 * MARGIN), min(label / max(bars, 1.0), 0.65)


def _lines(text: str, face: Face, size: int, width: float) -> int:
    """Lines the text wraps to; a word wider than the line counts as too many."""
    if any(face.width(word, False) * size > width for word in text.split()):
        return MAX_LABEL_LINES + 1
    return len(wrap(text, face, False, size, width))


def _axis(values: Sequence[float], room: float) -> tuple[float, float]:
    """The value axis from zero (or the lowest value) to beyond the highest, leaving `room` (a share
    of the plot) for the labels outside the bars' ends."""
    low, high = min(0.0, *values), max(0.0, *values)
    span = (high - low) or 1.0
    stretch = span / (1 - room) - span
    return (float(f"{low - stretch:.6g}") if low < 0 else 0.0), (float(f"{high + stretch:.6g}") if high > 0 else 0.0)


def _series_name(figures: Sequence[PlannedFigure]) -> str:
    unit = figures[0].figure.unit if figures else None
    return unit or "Value"


def number_format(figures: Sequence[PlannedFigure], places: int) -> str:
    """Excel's number format for the chart's values, with the unit as the value labels show it."""
    number = "#,##0" + ("." + "0" * places if places else "")
    unit = figures[0].figure.unit if figures else None
    if not unit:
        return number
    # Excel quotes literal text in a format, so quotes and backslashes in the unit are dropped.
    before, after = (part.replace('"', "").replace("\\", "") for part in unit_parts(unit))
    return (f'"{before}"' if before else "") + number + (f'"{after}"' if after else "")
