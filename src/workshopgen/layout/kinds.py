"""Each kind of slide and the function that lays it out: adding a kind adds a line here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..plan.slides import (
    ActivitySlide,
    AgendaSlide,
    ChartSlide,
    ClosingSlide,
    DiagramSlide,
    DiscussionSlide,
    ImageSlide,
    ListSlide,
    PlannedSlide,
    QuoteSlide,
    ResourceSlide,
    ResourcesSlide,
    SectionSlide,
    TableSlide,
    TitleSlide,
    TwoColumnSlide,
)
from . import compose as basic
from .charts import chart
from .compose import Composition, Context
from .diagrams import diagram_slide
from .tables import table

Composer = Callable[[Any, Context], Composition]

COMPOSERS: dict[type[PlannedSlide], Composer] = {
    TitleSlide: basic.title, AgendaSlide: basic.agenda, ListSlide: basic.bullets, DiscussionSlide: basic.discussion,
    ActivitySlide: basic.activity, SectionSlide: basic.section, QuoteSlide: basic.quote,
    TwoColumnSlide: basic.two_column, ImageSlide: basic.image, ResourceSlide: basic.resource,
    ResourcesSlide: basic.resource_grid, ClosingSlide: basic.closing,
    TableSlide: table,
    ChartSlide: chart,
    DiagramSlide: diagram_slide,
}


def compose(slide: PlannedSlide, ctx: Context) -> Composition:
    """The blocks, pictures and graphics of `slide` in the frames of its layout."""
    return COMPOSERS[type(slide)](slide, ctx)
