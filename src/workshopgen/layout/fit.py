"""Text measurement with real font metrics: wrap, shrink to a floor, then split.

Widths are summed glyph advances without kerning, and lines are broken only at spaces, so a
text that fits here fits in PowerPoint and LibreOffice too. Arial is measured with Liberation
Sans, which has the same advance widths; any other font with DejaVu Sans, which is wider than
most, so what fits there fits in the real font. Line height is taken as 1.2 em, PowerPoint's
single spacing for Arial (LibreOffice spaces lines a little more tightly); for other fonts 1.35 em,
as their own spacing is not known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

EMU_PER_PT = 12700
INSET_X = 91440  # 0.1 in, written on every text frame the deck fills
INSET_Y = 45720  # 0.05 in
LINE_HEIGHT = 1.2
STAND_IN_LINE_HEIGHT = 1.35
WIDTH_SAFETY = 0.97  # room for renderers that round glyph positions to device pixels
FALLBACK_ADVANCE = 0.62  # em per character when no font file is found at all, wider than Arial's widest text

LONG_WORD = 25  # letters; shorter words never break inside (the size shrinks instead), web addresses may
TITLE_FLOOR = 28
BODY_FLOOR = 18
# A table's cells are short and read across a row, so they may go smaller than body text before
# the rows continue on another slide.
TABLE_FLOOR = 14
LAST_RESORT = 10  # text that may not move to another slide shrinks this far, with a warning

_SEGMENT = re.compile(r"[^-/]*[-/]+|[^-/]+")
_ARIAL_LIKE = {"arial", "helvetica", "liberation sans", "arimo", "helvetica neue"}
_FILES = {
    "liberation": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "dejavu": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
}


@dataclass(frozen=True)
class Para:
    """One paragraph as the deck writes it; `scale` multiplies the block's size."""

    text: str
    scale: float = 1.0
    bold: bool | None = None  # None: the template decides, so measure as bold to be safe
    italic: bool = False
    marker: Literal["none", "bullet", "number"] = "none"
    prefix: str = ""  # text before a tab, such as a clock time, inside the hanging indent (always bold)
    prefix_colour: str | None = None
    hang: float = 0.0  # hanging indent in em: where wrapped lines (and text after the prefix) start
    colour: str | None = None  # a theme colour name, or #RRGGBB
    font: Literal["body", "heading"] = "body"
    space_before: float = 0.0  # em
    align: Literal["l", "ctr", "r"] | None = None  # None: as the template aligns it
    link: str | None = None  # the address the text links to, for a web address shown on a slide

    @property
    def measured_bold(self) -> bool:
        return self.bold is not False


class Face:
    """Advance widths of one font family, in em, regular and bold."""

    def __init__(self, family: str) -> None:
        self.family = family
        loaded = _load(family)
        self._fonts = loaded[1] if loaded else None
        self.stand_in = loaded is None or loaded[0] != "liberation" or family.strip().lower() not in _ARIAL_LIKE
        # The real font of a stand-in may space its lines more widely (Calibri 1.22 em, Segoe UI 1.33 em).
        self.line_height = STAND_IN_LINE_HEIGHT if self.stand_in else LINE_HEIGHT

    @lru_cache(maxsize=8192)  # noqa: B019 - faces live for the whole process, cached by family
    def width(self, text: str, bold: bool) -> float:
        font = self._fonts[1 if bold else 0] if self._fonts else None
        if font is None:
            return FALLBACK_ADVANCE * len(text)
        return sum(_advance(font, c) for c in text)


def _load(family: str) -> tuple[str, tuple[object, object]] | None:
    """The font files that measure `family`: Liberation Sans for Arial and its twins, else DejaVu Sans."""
    from PIL import ImageFont

    order = ("liberation", "dejavu") if family.strip().lower() in _ARIAL_LIKE else ("dejavu", "liberation")
    for key in order:
        try:
            return key, (ImageFont.truetype(_FILES[key][0], 1000), ImageFont.truetype(_FILES[key][1], 1000))
        except OSError:
            continue
    return None


@lru_cache(maxsize=16384)
def _advance(font: object, char: str) -> float:
    return float(font.getlength(char)) / 1000  # type: ignore[attr-defined]


@cache
def face(family: str) -> Face:
    return Face(family)


def measuring_font(family: str) -> str:
    """The font file family that measures `family`, for messages and documentation."""
    loaded = face(family)._fonts
    if loaded is None:
        return "a fixed estimate"
    return str(loaded[0].getname()[0])  # type: ignore[attr-defined]


@dataclass(frozen=True)
class SlideFonts:
    heading: Face
    body: Face

    def of(self, para: Para) -> Face:
        return self.heading if para.font == "heading" else self.body


def fonts(heading: str, body: str) -> SlideFonts:
    return SlideFonts(face(heading), face(body))


def text_width(frame_width: int) -> float:
    """Points available for text across a frame `frame_width` EMU wide."""
    return (frame_width - 2 * INSET_X) / EMU_PER_PT * WIDTH_SAFETY


def text_height(frame_height: int) -> float:
    return (frame_height - 2 * INSET_Y) / EMU_PER_PT


def wrap(text: str, face_: Face, bold: bool, size: float, width: float) -> list[str]:
    """Lines as a renderer breaks them: greedily at spaces, long words broken between letters."""
    if width <= 0:
        return [text] if text else [""]
    space = face_.width(" ", bold) * size
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split():
        wide = face_.width(word, bold) * size
        if wide > width:
            if current:
                lines.append(" ".join(current))
                current, used = [], 0.0
            pieces = _break_word(word, face_, bold, size, width)
            lines.extend(pieces[:-1])
            current, used = [pieces[-1]], face_.width(pieces[-1], bold) * size
            continue
        if current and used + space + wide > width:
            lines.append(" ".join(current))
            current, used = [], 0.0
        used += (space if current else 0.0) + wide
        current.append(word)
    lines.append(" ".join(current))
    return lines


def _break_word(word: str, face_: Face, bold: bool, size: float, width: float) -> list[str]:
    """A word too long for a line (a web address) broken after its hyphens and slashes, as renderers
    do, and between letters only where a stretch between those is itself too long."""
    pieces: list[str] = []
    current = ""
    for segment in _SEGMENT.findall(word):
        if current and face_.width(current + segment, bold) * size <= width:
            current += segment
            continue
        if current:
            pieces.append(current)
        if face_.width(segment, bold) * size <= width:
            current = segment
            continue
        letters = _break_letters(segment, face_, bold, size, width)
        pieces.extend(letters[:-1])
        current = letters[-1]
    pieces.append(current)
    return pieces


def _break_letters(word: str, face_: Face, bold: bool, size: float, width: float) -> list[str]:
    pieces, start, used = [], 0, 0.0
    for i, char in enumerate(word):
        wide = face_.width(char, bold) * size
        if used + wide > width and i > start:
            pieces.append(word[start:i])
            start, used = i, 0.0
        used += wide
    pieces.append(word[start:])
    return pieces


@lru_cache(maxsize=16384)
def para_lines(para: Para, fonts_: SlideFonts, size: float, frame_width: int) -> list[str]:
    pt = size * para.scale
    width = text_width(frame_width) - para.hang * pt
    return wrap(para.text, fonts_.of(para), para.measured_bold, pt, width)


@lru_cache(maxsize=16384)
def longest_word(text: str, face_: Face, bold: bool) -> float:
    """Width in em of the widest word short enough that breaking it inside would look wrong."""
    return max((face_.width(w, bold) for w in text.split() if len(w) < LONG_WORD), default=0.0)


def para_height(para: Para, fonts_: SlideFonts, size: float, frame_width: int) -> float:
    pt = size * para.scale
    line = fonts_.of(para).line_height
    return len(para_lines(para, fonts_, size, frame_width)) * line * pt + para.space_before * pt


def fits(paras: Sequence[Para], fonts_: SlideFonts, size: float, frame_width: int, frame_height: int) -> bool:
    """True when `paras` at `size` points fit inside the frame, prefixes inside their hanging indents."""
    room = text_height(frame_height)
    used = 0.0
    for para in paras:
        if para.prefix:
            pt = size * para.scale
            if fonts_.of(para).width(para.prefix, True) * pt > (para.hang - 0.4) * pt:
                return False
        pt = size * para.scale
        if longest_word(para.text, fonts_.of(para), para.measured_bold) * pt > text_width(frame_width) - para.hang * pt:
            return False
        used += para_height(para, fonts_, size, frame_width)
        if used > room:
            return False
    return True


def largest_size(blocks: Sequence[tuple[Sequence[Para], int, int]], fonts_: SlideFonts, top: int,
                 bottom: int) -> int | None:
    """The largest whole point size from `top` down to `bottom` at which every block fits."""
    for size in range(top, bottom - 1, -1):
        if all(fits(paras, fonts_, size, width, height) for paras, width, height in blocks):
            return size
    return None
