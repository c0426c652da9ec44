"""The countdown under an activity's timer panel: a thin bar that a click sets emptying over the
activity's minutes, so the facilitator needs no timer of their own. Shown still (printed,
exported, or before the click) it is simply full, and the panel beside it says how long."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..colour import contrast_ratio
from ..deck_template import Frame
from ..messages import Language, message

# WCAG 2.2's least contrast for a graphic that carries meaning (1.4.11); the bar holds no text.
MIN_GRAPHIC_CONTRAST = 3.0
BAR_GAP = 137160  # 0.15 in between the panel and the bar, so the bar reads as a shape of its own
BAR_HEIGHT = 182880  # 0.2 in: thin, and still seen from the back of the room


@dataclass(frozen=True)
class CountdownBar:
    frame: Frame
    minutes: int  # how long it takes to empty
    colour: str  # a theme colour name, such as accent1
    alt: str

    @property
    def duration_ms(self) -> int:
        return self.minutes * 60_000


def countdown_bar(panel: Frame, area: Frame, minutes: int, theme: Mapping[str, str],
                  language: Language) -> CountdownBar | None:
    """A bar as wide as the timer `panel`, just under it and inside `area` (the slide's text area,
    which a template could make too short for both: the bar then overlaps the panel's foot); None
    for an activity without minutes."""
    if minutes < 1:
        return None
    top = min(panel.top + panel.height + BAR_GAP, area.top + area.height - BAR_HEIGHT)
    frame = Frame(left=panel.left, top=top, width=panel.width, height=BAR_HEIGHT)
    return CountdownBar(frame, minutes, bar_colour(theme),
                        message("countdown_alt", language, minutes=minutes))


def bar_colour(theme: Mapping[str, str]) -> str:
    """The timer panel's accent where it stands out from the slide's background, else the text colour."""
    background = theme.get("lt1", "#FFFFFF")
    accent = theme.get("accent1")
    if accent is not None and contrast_ratio(accent, background) >= MIN_GRAPHIC_CONTRAST:
        return "accent1"
    return "tx1"
