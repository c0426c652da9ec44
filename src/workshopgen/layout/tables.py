"""A table slide's table: columns as wide as what their cells say needs, each row as tall as its
fullest cell at the size the text is shown, on the content layout's body frame.

The table measures its own text (`Table.fits`), so the layout sizes it as it sizes body text, from
the layout's body size down to `TABLE_FLOOR`, and below that continues the rows on more slides,
each under the header row again (`layout/split.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from math import ceil, sqrt

from ..colour import MIN_TEXT_CONTRAST, contrast_ratio
from ..deck_template import Frame
from ..messages import Language, message
from ..plan.slides import TableSlide
from .compose import Composition, Context, SlideBuilder
from .fit import (
    EMU_PER_PT,
    INSET_X,
    INSET_Y,
    TABLE_FLOOR,
    WIDTH_SAFETY,
    Para,
    SlideFonts,
    longest_word,
    para_height,
    text_width,
)

CAPTION_GAP = 91440  # 0.1 in between the table and its caption
ALT_ENTRIES = 300  # characters of the rows' first cells the alt text lists, so it stays a summary


@dataclass(frozen=True)
class TableColours:
    """Theme colour names for the cells, each text colour readable (4.5:1) on the fill it is on."""

    header_fill: str
    header_text: str
    fill: str
    text: str
    band: str | None  # the fill of every other row, where the text stays readable on it


@dataclass(frozen=True)
class Table:
    area: Frame  # where it may go: the layout's body frame
    header: tuple[Para, ...]
    rows: tuple[tuple[Para, ...], ...]
    caption: Para | None
    fonts: SlideFonts
    grid: Grid  # the header and every row, over all the table's slides, for the widths
    size: int  # the size its text is shown at: the one the layout fitted, once it has
    max_size: int
    colours: TableColours
    alt: str
    key: str = "table"  # its size's name in the slide's `text_sizes`
    flow: int = 0  # the rows are the slide's first flow
    floor: int = TABLE_FLOOR

    def widths(self, size: int | None = None) -> tuple[int, ...]:
        """Each column's width in EMU at `size` (by default the shown size), together the area's width."""
        return column_widths(self.grid, self.fonts, self.area.width, self.size if size is None else size)

    def row_heights(self, size: int | None = None) -> list[int]:
        """The header row's height, then each row's, in EMU, at `size` (by default the shown size)."""
        pt = self.size if size is None else size
        widths = self.widths(pt)
        return [max(_cell_height(para, self.fonts, pt, width) for para, width in zip(row, widths, strict=True))
                for row in (self.header, *self.rows)]

    def frame(self, size: int | None = None) -> Frame:
        """The table's own frame: the area's width, its rows' height."""
        return self.area.model_copy(update={"height": sum(self.row_heights(size))})

    def caption_frame(self, size: int | None = None) -> Frame | None:
        if self.caption is None:
            return None
        table = self.frame(size)
        return Frame(left=table.left, top=table.top + table.height + CAPTION_GAP, width=table.width,
                     height=_cell_height(self.caption, self.fonts, self.size if size is None else size, table.width))

    def fits(self, size: int) -> bool:
        """Whether every word fits its column and the rows, and any caption, the area, at `size` points."""
        widths = self.widths(size)
        for row in (self.header, *self.rows):
            for para, width in zip(row, widths, strict=True):
                if longest_word(para.text, self.fonts.of(para), para.measured_bold) * size > text_width(width):
                    return False
        caption = self.caption_frame(size)
        bottom = caption.top + caption.height if caption else self.area.top + sum(self.row_heights(size))
        return bottom <= self.area.top + self.area.height


def _cell_height(para: Para, fonts: SlideFonts, size: int, width: int) -> int:
    """EMU a cell (or the caption's box) `width` EMU wide needs for `para`, its margins included."""
    return ceil(para_height(para, fonts, size, width) * EMU_PER_PT) + 2 * INSET_Y


def table_colours(theme: Mapping[str, str]) -> TableColours:
    """The header in the theme's first accent, the rows on the background, every other row on the
    second background where the text stays readable there; a team template's accent may be too
    light for light text or too dark for dark, so the header's text is chosen for contrast."""
    light, dark = theme.get("lt1", "#FFFFFF"), theme.get("dk1", "#000000")
    accent = theme.get("accent1")

    def readable(text: str, fill: str | None) -> bool:
        return fill is not None and contrast_ratio(text, fill) >= MIN_TEXT_CONTRAST

    if readable(light, accent):
        header = ("accent1", "lt1")
    elif readable(dark, accent):
        header = ("accent1", "dk1")
    else:  # text and background are checked against each other when the template is read
        header = ("dk1", "lt1")
    band = "lt2" if readable(dark, theme.get("lt2")) else None
    return TableColours(header[0], header[1], "lt1", "dk1", band)


@lru_cache(maxsize=512)
def column_widths(grid: Grid, fonts: SlideFonts, width: int, size: int) -> tuple[int, ...]:
    """Widths for the columns of `grid` (the header row first) across `width` EMU at `size` points.

    Where every cell fits on one line, the columns are in proportion to their longest cells. Else
    each column is at least as wide as its longest word, and a few ways of sharing out the rest are
    measured: as a browser does (in proportion to how much more the longest cell needs), in
    proportion to the cells' average length, with all but the longest columns on one line, and
    balanced to the cells that decide the rows' heights. The one that makes the table shortest
    wins, then the one with fewest lines, so no column wraps for nothing."""

    def needed(para: Para, em: float | None = None) -> float:
        used = fonts.of(para).width(para.text, para.measured_bold) if em is None else em
        return used * size * EMU_PER_PT / WIDTH_SAFETY + 2 * INSET_X + 1  # + 1: widths are rounded to whole EMU

    columns = list(zip(*grid.rows, strict=True))
    natural = [[needed(p) for p in column] for column in columns]
    least = [max(needed(p, longest_word(p.text, fonts.of(p), p.measured_bold)) for p in column) for column in columns]
    most = [max(*cells, low) for cells, low in zip(natural, least, strict=True)]
    if sum(most) <= width:
        return _rounded([high * width / sum(most) for high in most], width)
    if sum(least) >= width:  # some word cannot fit at this size, whatever the widths; `Table.fits` says so
        return _rounded([low * width / sum(least) for low in least], width)
    average = [sum(cells) / len(cells) for cells in natural]
    candidates = [_shared(least, most, [high - low for high, low in zip(most, least, strict=True)], width),
                  _shared(least, most, [max(mean - low, 0.0) for mean, low in zip(average, least, strict=True)],
                          width)]
    by_length = sorted(range(len(columns)), key=lambda c: most[c])
    for keep in range(1, len(columns)):  # the `keep` shortest columns on one line, the rest sharing what is left
        short = set(by_length[:keep])
        floor = [most[c] if c in short else least[c] for c in range(len(columns))]
        if sum(floor) < width:
            candidates.append(_shared(floor, most, [0.0 if c in short else most[c] - least[c]
                                                    for c in range(len(columns))], width))
    candidates += _balanced(natural, least, most, width, candidates[0])
    return min(candidates, key=lambda widths: _table_height(grid.rows, fonts, size, widths))


def _balanced(natural: list[list[float]], least: list[float], most: list[float], width: int,
              start: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Widths that keep rows short. A row is as tall as its fullest cell, so each column gets width
    in proportion to the square root of the text in the cells by which it decides rows' heights
    (were lines text over width, that makes the rows' summed heights least). Which cell decides a
    row changes with the widths, so a few rounds from `start`, each one a candidate."""
    pad = 2 * INSET_X
    count = len(natural)
    widths: list[float] = list(start)
    found = []
    for _ in range(4):
        decides = [0.0] * count
        for row in zip(*natural, strict=True):
            fullest = max(range(count), key=lambda c: (row[c] - pad) / max(widths[c] - pad, 1.0))
            decides[fullest] += row[fullest] - pad
        widths = _clamped([sqrt(text) for text in decides], least, most, width)
        found.append(_rounded(widths, width))
    return found


def _clamped(targets: list[float], least: list[float], most: list[float], width: int) -> list[float]:
    """`width` shared in proportion to `targets`, every column between its `least` and `most`."""
    fixed: dict[int, float] = {}
    while True:
        free = [c for c in range(len(targets)) if c not in fixed]
        room = width - sum(fixed.values())
        total = sum(targets[c] for c in free)
        shares = {c: room * targets[c] / total if total > 0 else room / len(free) for c in free}
        short = {c for c in free if shares[c] < least[c]}
        over = {c for c in free if shares[c] > most[c]} if not short else set()
        if not free or not (short or over):
            break
        fixed.update({c: least[c] for c in short} | {c: most[c] for c in over})
    widths = [fixed[c] if c in fixed else shares[c] for c in range(len(targets))]
    spare = width - sum(widths)  # left only where every column reached a bound
    return [w + spare * w / sum(widths) for w in widths]


def _shared(least: list[float], most: list[float], weights: list[float], width: int) -> tuple[int, ...]:
    """`least`, and the rest of `width` shared out by `weights`, no column past its `most` while
    another is short of its own."""
    widths = list(least)
    growing = {c for c, weight in enumerate(weights) if weight > 0}
    while growing:
        spare = width - sum(widths)
        total = sum(weights[c] for c in growing)
        full = {c for c in growing if widths[c] + spare * weights[c] / total >= most[c]}
        if not full:
            for c in growing:
                widths[c] += spare * weights[c] / total
            break
        for c in full:
            widths[c] = most[c]
        growing -= full
    spare = width - sum(widths)  # left where nothing was to grow: shared in proportion
    return _rounded([w + spare * w / sum(widths) for w in widths], width)


def _rounded(shares: list[float], width: int) -> tuple[int, ...]:
    """Whole EMU, the last column taking what rounding (or sharing) left, so they add up to `width`."""
    widths = [round(share) for share in shares]
    widths[-1] = width - sum(widths[:-1])
    return tuple(widths)


def _table_height(grid: tuple[tuple[Para, ...], ...], fonts: SlideFonts, size: int,
                  widths: tuple[int, ...]) -> tuple[int, int]:
    """The table's height and, between equally tall ones, its cells' (the fewer lines, the tidier)."""
    heights = [[_cell_height(para, fonts, size, width) for para, width in zip(row, widths, strict=True)]
               for row in grid]
    return sum(max(row) for row in heights), sum(sum(row) for row in heights)


def _clean(text: str) -> str:
    return " ".join(text.split())


def table_alt(slide: TableSlide, language: Language) -> str:
    """A summary for screen readers and the Alt Text pane: the columns, which rows, and what they are."""
    total = len(slide.whole or slide.rows)
    first, last = slide.list_start, slide.list_start + len(slide.rows) - 1
    if len(slide.rows) == total:
        rows = message("table_row" if total == 1 else "table_rows", language, count=total)
    elif first == last:
        rows = message("table_row_part", language, first=first, total=total)
    else:
        rows = message("table_rows_part", language, first=first, last=last, total=total)
    entries = "; ".join(_clean(row[0]) for row in slide.rows if row and row[0].strip())
    if len(entries) > ALT_ENTRIES:
        entries = entries[:ALT_ENTRIES].rsplit(" ", 1)[0] + " …"
    return message("table_alt", language, headings=", ".join(_clean(c) for c in slide.columns), rows=rows,
                   entries=entries)


@dataclass(frozen=True, eq=False)
class Grid:
    """The header row and every row of a table, over all its slides: what its columns' widths are
    chosen from. Compared by identity, so caching by it costs nothing per cell: `_grid` makes one
    per table and hands it out again each time the table is composed."""

    rows: tuple[tuple[Para, ...], ...]


@lru_cache(maxsize=1024)
def _row(cells: tuple[str, ...], colour: str, bold: bool = False) -> tuple[Para, ...]:
    return tuple(Para(_clean(cell), bold=bold, colour=colour) for cell in cells)


@lru_cache(maxsize=64)
def _grid(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...], colours: TableColours) -> Grid:
    return Grid((_row(columns, colours.header_text, bold=True), *(_row(cells, colours.text) for cells in rows)))


def table(slide: TableSlide, ctx: Context) -> Composition:
    """The title, then (in reading order too) the table and any caption under it, in the body frame."""
    out = SlideBuilder(slide, "content", ctx)
    body = out.layout.bodies[0]
    colours = table_colours(ctx.geometry.colours)
    grid = _grid(tuple(slide.columns), tuple(tuple(cells) for cells in slide.whole or slide.rows), colours)
    rows = tuple(_row(tuple(cells), colours.text) for cells in slide.rows)
    top = max(round(body.size), TABLE_FLOOR)
    caption = Para(_clean(slide.caption), bold=False, colour="tx1") if slide.caption else None
    out.graphics.append(Table(body.frame, grid.rows[0], rows, caption, ctx.fonts, grid,
                              slide.text_sizes.get("table", top), top, colours, table_alt(slide, ctx.language)))
    return out.done()
