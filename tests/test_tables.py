"""Table slides: native PowerPoint tables, fitted like text, continued under their header row, on
the built-in template and a team's, opened by LibreOffice, and refused with their line when malformed."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx.util import Emu

from tests.deck_support import (
    LONG_SENTENCE,
    ROLE_OF_KIND,
    build_deck,
    compile_workshop,
    copy_library,
    edit_workshop,
    open_deck,
    soffice,
    to_pdf,
)
from tests.make_alt_template import LAYOUTS, WORDS_BODY, alt_template_bytes
from tests.paths import FIXTURE_PROJECT, FIXTURES, REPO
from workshopgen.cli import main
from workshopgen.colour import MIN_TEXT_CONTRAST, contrast_ratio
from workshopgen.compile import Compiled, Compiler
from workshopgen.deck_template import Frame, deck_geometry
from workshopgen.errors import ProblemLog
from workshopgen.layout.compose import context
from workshopgen.layout.fit import BODY_FLOOR, TABLE_FLOOR, Para, fonts
from workshopgen.layout.kinds import compose
from workshopgen.layout.split import fit_slide
from workshopgen.layout.tables import Grid, Table, column_widths, table_alt, table_colours
from workshopgen.plan.slides import TableSlide
from workshopgen.project import Project

SHORT = {
    "type": "table", "title": "Ratings at a glance", "columns": ["Rating", "What it means", "Example"],
    "rows": [["Green", "Good evidence, from settings like the adopters'", "Three sites, two like ours"],
             ["Amber", "Some evidence, partial or from one site", 2],  # a number is a cell's text too
             ["Red", "Weak evidence, or nobody knows yet", ""]],
    "caption": "The ratings this session uses", "notes": "Read each rating out.",
}
LONG = {
    "type": "table", "title": "Everything we rated", "columns": ["Domain", "Question", "Rating"],
    "rows": [[f"Domain {n}", f"{LONG_SENTENCE}, number {n}?", "Amber"] for n in range(1, 25)],
}
# The seven approaches exactly as NHS Horizons publishes them (facts.md §1.2).
APPROACHES = [
    "Building capacity and capability", "Networking, peer learning and collaboration", "Piloting and rolling out",
    "Coordinating through large scale engagement and national programmes", "Investing and Incentivising",
    "Governing and Assuring", "Identifying and communicating priorities",
]
EMU_PER_PT = 12700
TOLERANCE = 4.0  # points: glyph overhang and anti-aliasing at a box's edge
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)


def _add_tables(data: dict[str, Any]) -> None:
    talk = next(item for item in data["agenda"] if item["id"] == "talk")
    talk["slides"] += [dict(SHORT), dict(LONG)]


def _use_team_template(data: dict[str, Any]) -> None:
    _add_tables(data)
    data["branding"]["template"] = "assets/brand.potx"
    data["branding"]["layouts"] = dict(LAYOUTS)


def _tabled(root: Path, team: bool = False) -> tuple[Compiled, list[str]]:
    project = copy_library(root)
    if team:
        (project.root / "assets" / "brand.potx").write_bytes(alt_template_bytes())
    edit_workshop(project, _use_team_template if team else _add_tables)
    compiled, log = compile_workshop(project)
    assert compiled is not None, log.problems
    assert not log.errors
    return compiled, [str(p) for p in log.warnings]


@pytest.fixture(scope="module")
def tabled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Compiled, list[str]]:
    return _tabled(tmp_path_factory.mktemp("tables") / "library")


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> tuple[Compiled, list[str]]:
    return _tabled(tmp_path_factory.mktemp("team-tables") / "library", team=True)


@pytest.fixture(scope="module")
def deck_bytes(tabled: tuple[Compiled, list[str]]) -> bytes:
    return build_deck(tabled[0])


def _tables(deck: Any, compiled: Compiled) -> list[tuple[TableSlide, Any, Any]]:
    """Each table slide of the plan, its slide in the deck and the table's graphic frame there."""
    found = []
    for slide, planned in zip(deck.slides, compiled.plan.slides, strict=True):
        if isinstance(planned, TableSlide):
            [frame] = [shape for shape in slide.shapes if shape.has_table]
            found.append((planned, slide, frame))
    return found


def _cells(frame: Any) -> list[list[str]]:
    return [[cell.text_frame.text for cell in row.cells] for row in frame.table.rows]


def _body(compiled: Compiled) -> Frame:
    return deck_geometry(compiled.plan.workshop, compiled.assets).role("content").bodies[0].frame


def _within(inner: tuple[int, int, int, int], outer: Frame) -> bool:
    left, top, width, height = inner
    return (outer.left <= left and left + width <= outer.left + outer.width
            and outer.top <= top and top + height <= outer.top + outer.height)


def test_a_table_is_a_native_table_with_its_header_row_and_every_cell(tabled: tuple[Compiled, list[str]],
                                                                     deck_bytes: bytes) -> None:
    compiled = tabled[0]
    [(planned, slide, frame)] = [t for t in _tables(open_deck(deck_bytes), compiled) if t[0].title == SHORT["title"]]
    assert slide.slide_layout.name == "Title and Content"
    assert _cells(frame) == [SHORT["columns"], *[[str(cell) for cell in row] for row in SHORT["rows"]]]
    properties = frame._element.graphic.graphicData.tbl.tblPr
    assert properties.get("firstRow") == "1", "the header row is marked as one for screen readers"
    descr = frame._element.nvGraphicFramePr.cNvPr.get("descr")
    assert descr.startswith("Table with the columns Rating, What it means, Example; 3 rows: Green; Amber; Red")
    # Reading order: the title, the table, its caption, then the slide number.
    names = [shape.name for shape in slide.shapes]
    assert names.index(frame.name) == 1 and names[2] == "Table caption"
    assert slide.shapes[2].text_frame.text == SHORT["caption"]
    assert planned.notes and "Read each rating out." in planned.notes


def test_cells_are_sized_no_smaller_than_the_floor_and_the_table_stays_in_the_body_frame(
        tabled: tuple[Compiled, list[str]], deck_bytes: bytes) -> None:
    compiled = tabled[0]
    body = _body(compiled)
    tables = _tables(open_deck(deck_bytes), compiled)
    assert len(tables) >= 3
    for planned, slide, frame in tables:
        size = planned.text_sizes["table"]
        assert TABLE_FLOOR <= size <= 28, planned.title
        runs = [run for row in frame.table.rows for cell in row.cells for p in cell.text_frame.paragraphs
                for run in p.runs]
        assert runs and all(run.font.size == Emu(size * EMU_PER_PT) for run in runs), planned.title
        assert all(run._r.rPr.get("lang") == "en-GB" for run in runs)
        assert _within((frame.left, frame.top, frame.width, frame.height), body), planned.title
        captions = [shape for shape in slide.shapes if shape.name == "Table caption"]
        for caption in captions:
            assert _within((caption.left, caption.top, caption.width, caption.height), body)
            assert caption.top >= frame.top + frame.height
    short = next(planned for planned, _, _ in tables if planned.title == SHORT["title"])
    assert short.text_sizes["table"] > BODY_FLOOR, "a short table is shown large"


def test_every_page_fits_at_its_recorded_size(tabled: tuple[Compiled, list[str]]) -> None:
    compiled = tabled[0]
    plan = compiled.plan
    ctx = context(deck_geometry(plan.workshop, compiled.assets), plan.workshop.language, plan.resources)
    for slide in plan.slides:
        if isinstance(slide, TableSlide):
            [table] = compose(slide, ctx).graphics
            assert isinstance(table, Table)
            assert table.size == slide.text_sizes["table"]
            assert table.fits(table.size), slide.title
            assert sum(table.widths()) == table.area.width


def test_a_long_table_continues_under_its_header_row(tabled: tuple[Compiled, list[str]], deck_bytes: bytes) -> None:
    compiled, warnings = tabled
    pages = [t for t in _tables(open_deck(deck_bytes), compiled) if t[0].title.startswith(LONG["title"])]
    assert len(pages) >= 2
    assert [planned.title for planned, _, _ in pages] == [
        LONG["title"], f"{LONG['title']} (continued)", *[f"{LONG['title']} (continued {n})" for n in
                                                          range(2, len(pages))]]
    shown = []
    for planned, _, frame in pages:
        header, *rows = _cells(frame)
        assert header == LONG["columns"], "the header row is repeated on every page"
        assert rows == planned.rows and rows
        assert planned.list_start == len(shown) + 1
        shown += rows
    assert shown == LONG["rows"], "every row is shown once, in order"
    assert len({planned.text_sizes["table"] for planned, _, _ in pages}) == 1, "the pages share one size"
    descr = pages[1][2]._element.nvGraphicFramePr.cNvPr.get("descr")
    assert f"rows {pages[1][0].list_start} to {len(shown[:pages[1][0].list_start - 1]) + len(pages[1][0].rows)} of " \
           f"{len(LONG['rows'])}" in descr
    assert any(f"\"{LONG['title']}\" does not fit on one slide at {TABLE_FLOOR} pt, so it continues" in w
               for w in warnings)


def test_a_facilitator_can_edit_a_cell(tabled: tuple[Compiled, list[str]], deck_bytes: bytes, tmp_path: Path) -> None:
    deck = open_deck(deck_bytes)
    [(planned, _, frame)] = [t for t in _tables(deck, tabled[0]) if t[0].title == SHORT["title"]]
    frame.table.cell(3, 2).text_frame.text = "Not known yet"
    edited = tmp_path / "edited.pptx"
    deck.save(edited)
    reopened = open_deck(edited.read_bytes())
    [again] = [shape for shape in reopened.slides[planned.number - 1].shapes if shape.has_table]
    assert _cells(again)[3] == ["Red", "Weak evidence, or nobody knows yet", "Not known yet"]


def test_alt_text_says_which_rows_a_slide_shows_in_the_deck_language() -> None:
    whole = [["Green", "Good"], ["Amber", "Partial"], ["Red", "Weak"]]
    part = TableSlide(title="Ratings", columns=["Rating", "Meaning"], rows=whole[2:], whole=whole, list_start=3)
    assert table_alt(part, "en") == "Table with the columns Rating, Meaning; row 3 of 3: Red"
    assert table_alt(part, "cy") == "Tabl gyda'r colofnau Rating, Meaning; rhes 3 o 3: Red"
    assert table_alt(TableSlide(title="Ratings", columns=["Rating", "Meaning"], rows=whole), "en") == (
        "Table with the columns Rating, Meaning; 3 rows: Green; Amber; Red")


def test_header_text_is_readable_on_its_fill_whatever_the_theme() -> None:
    themes = [
        {"lt1": "#FFFFFF", "dk1": "#231F20", "lt2": "#E8EDEE", "accent1": "#005EB8"},  # the NHS palette
        {"lt1": "#FFFFFF", "dk1": "#000000", "lt2": "#44546A", "accent1": "#FFC000"},  # a light accent
        {"lt1": "#FFFFFF", "dk1": "#222222", "lt2": "#EEEEEE", "accent1": "#767676"},  # a mid grey
        {"lt1": "#FFFFFF", "dk1": "#000000", "accent1": "#808080"},  # no second background
    ]
    for theme in themes:
        colours = table_colours(theme)
        pairs = [(colours.header_text, colours.header_fill), (colours.text, colours.fill)]
        if colours.band:
            pairs.append((colours.text, colours.band))
        for text, fill in pairs:
            assert contrast_ratio(theme[text], theme[fill]) >= MIN_TEXT_CONTRAST, (theme, text, fill)
    assert table_colours(themes[0]).header_text == "lt1" and table_colours(themes[1]).header_text == "dk1"
    assert table_colours(themes[1]).band is None, "no banding where the text would not read on it"


def test_cells_are_filled_with_theme_colours(deck_bytes: bytes, tabled: tuple[Compiled, list[str]]) -> None:
    [(_, _, frame), *_] = _tables(open_deck(deck_bytes), tabled[0])
    xml = frame._element.xml
    assert "srgbClr" not in xml, "theme colours only, so a brand's colours carry into the table"
    header = frame.table.rows[0].cells[0]._tc
    assert 'schemeClr val="accent1"' in header.tcPr.xml
    assert header.txBody.xpath(".//a:rPr/a:solidFill/a:schemeClr/@val") == ["lt1"]


def test_column_widths_leave_short_columns_on_one_line() -> None:
    arial = fonts("Arial", "Arial")
    short, long = "Amber", " ".join([LONG_SENTENCE] * 2)
    grid = Grid(((Para("Rating", bold=True), Para("What it means", bold=True)),
                 (Para(short, bold=False), Para(long, bold=False))))
    width = 11094720
    for size in (14, 20, 28):
        first, second = column_widths(grid, arial, width, size)
        assert first + second == width
        needed = arial.body.width("Rating", True) * size * EMU_PER_PT
        assert needed < first < width / 4, "the short column is as wide as its words, and no wider than it needs"


@pytest.fixture(scope="module")
def builtin_context(tabled: tuple[Compiled, list[str]]) -> Any:
    plan = tabled[0].plan
    return context(deck_geometry(plan.workshop, {}), "en", [])


# Short words first, as examples shrink towards the first; then the longest a cell is likely to hold.
_WORDS = ["a", "to", "fit", "own", "ideas", "change", "setting", "reshape", "instructions", "Relationships"]
_ADDRESS = "https://example.org/" + "a" * 70


def _table_shapes(words: list[str], heading_words: int, cell_words: int,
                  rows: int) -> st.SearchStrategy[tuple[list[str], list[list[str]]]]:
    # As long as the schema lets headings (200 characters) and cells (300) be.
    heading = st.lists(st.sampled_from(words), min_size=1, max_size=heading_words).map(" ".join).filter(
        lambda text: len(text) <= 200)
    cell = st.lists(st.sampled_from(words), min_size=0, max_size=cell_words).map(" ".join).filter(
        lambda text: len(text) <= 300)
    return st.integers(2, 5).flatmap(lambda n: st.tuples(st.lists(heading, min_size=n, max_size=n),
                                                         st.lists(st.lists(cell, min_size=n, max_size=n),
                                                                  min_size=1, max_size=rows)))


def _check_pages(ctx: Any, columns: list[str], rows: list[list[str]], caption: str | None) -> int:
    """The table fitted: every row shown once, in order, each page fitting at the one size they share."""
    result = fit_slide(TableSlide(title="Rows", columns=columns, rows=rows, caption=caption), ctx)
    assert not result.overflow
    assert [row for page in result.pages for row in page.rows] == rows
    [size] = {page.text_sizes["table"] for page in result.pages}
    for page in result.pages:
        [table] = compose(page, ctx).graphics
        assert isinstance(table, Table) and table.fits(table.size)
        assert [p.text for p in table.header] == [" ".join(c.split()) for c in columns]
    assert (size < TABLE_FLOOR) == bool(result.shrunk)
    return size


@given(shape=_table_shapes(_WORDS, heading_words=4, cell_words=12, rows=25),
       caption=st.none() | st.sampled_from([LONG_SENTENCE]))
@settings(max_examples=30, deadline=None)
def test_any_table_of_short_cells_is_split_into_pages_that_fit(builtin_context: Any,
                                                               shape: tuple[list[str], list[list[str]]],
                                                               caption: str | None) -> None:
    assert TABLE_FLOOR <= _check_pages(builtin_context, *shape, caption) <= 28


@given(shape=_table_shapes([*_WORDS, _ADDRESS], heading_words=12, cell_words=40, rows=12))
@settings(max_examples=15, deadline=None)
def test_even_a_table_of_long_cells_fits_each_of_its_pages(builtin_context: Any,
                                                          shape: tuple[list[str], list[list[str]]]) -> None:
    """A row too full for a slide at the floor (with the columns as wide as the whole table needs)
    shrinks below it, with a warning."""
    assert _check_pages(builtin_context, *shape, None) >= 10


def test_a_team_template_gets_the_table_in_its_own_body_frame(team: tuple[Compiled, list[str]]) -> None:
    compiled = team[0]
    deck = open_deck(build_deck(compiled))
    tables = _tables(deck, compiled)
    assert len(tables) >= 3
    words = Frame(left=WORDS_BODY[0], top=WORDS_BODY[1], width=WORDS_BODY[2], height=WORDS_BODY[3])
    for planned, slide, frame in tables:
        assert slide.slide_layout.name == LAYOUTS[ROLE_OF_KIND[planned.kind]] == "Words"
        assert _within((frame.left, frame.top, frame.width, frame.height), words), planned.title
        assert planned.text_sizes["table"] >= TABLE_FLOOR
        assert _cells(frame)[0] == (SHORT if planned.title == SHORT["title"] else LONG)["columns"]


def test_bad_tables_are_refused_at_their_line_with_exit_2() -> None:
    for name, place, words in (
            ("table-ragged-row", ":27:13:", "has 2 cells, but the table has 3 columns"),
            ("table-no-rows", ":25:15:", "needs at least 1 item(s)")):
        path = FIXTURES / "invalid" / f"{name}.yaml"
        result = CliRunner().invoke(main, ["--project", str(FIXTURE_PROJECT), "validate", str(path)],
                                    catch_exceptions=False)
        assert result.exit_code == 2, result.output
        assert f"{name}.yaml{place} error:" in result.stderr and words in result.stderr, result.stderr
        assert "hint:" in result.stderr
    ragged = CliRunner().invoke(main, ["--project", str(FIXTURE_PROJECT), "validate",
                                       str(FIXTURES / "invalid" / "table-ragged-row.yaml")])
    assert "one cell per column" in ragged.stderr


def test_a_table_with_too_few_or_too_many_columns_is_refused(project_copy: Project) -> None:
    for columns in (["Only"], ["A", "B", "C", "D", "E", "F"]):
        def change(data: dict[str, Any], columns: list[str] = columns) -> None:
            talk = next(item for item in data["agenda"] if item["id"] == "talk")
            talk["slides"].append({"type": "table", "title": "Odd", "columns": columns, "rows": [columns]})

        edit_workshop(project_copy, change)
        compiled, log = compile_workshop(project_copy)
        assert compiled is None
        assert any("columns" in p.message and p.location.line > 1 for p in log.errors), log.problems
        edit_workshop(project_copy, lambda data: next(item for item in data["agenda"]
                                                      if item["id"] == "talk")["slides"].pop())


def test_the_same_input_gives_the_same_bytes(tabled: tuple[Compiled, list[str]], deck_bytes: bytes) -> None:
    assert build_deck(tabled[0]) == deck_bytes


def _library_tables(workshop: str) -> list[tuple[TableSlide, Any, Any]]:
    project = Project(REPO)
    log = ProblemLog()
    compiled = Compiler(project).compile(project.workshop_path(workshop), log)
    assert compiled is not None and not log.problems, log.problems
    return _tables(open_deck(build_deck(compiled)), compiled)


def test_the_seven_approaches_are_compared_in_tables_under_their_published_names() -> None:
    tables = {planned.title: _cells(frame) for planned, _, frame in _library_tables("approaches-to-spread-and-scale")}
    glance = tables["The seven approaches at a glance"]
    assert [row[0] for row in glance[1:]] == APPROACHES
    limits = tables["Limits to watch for"]
    assert [row[0] for row in limits[1:]] == APPROACHES
    assert all(row[2] for row in limits[1:]), "every limit says where it comes from"


def test_the_scalability_questions_and_ratings_are_tables() -> None:
    tables = {planned.title: _cells(frame) for planned, _, frame in _library_tables("scalability-assessment")}
    parts = ("Part A questions: setting the scene", "Part B questions: what scaling up would take")
    domains = [row[0] for title in parts for row in tables[title][1:]]
    assert domains == ["The problem", "The intervention", "Strategic and political context",
                       "Evidence of effectiveness", "Costs and benefits", "Fidelity and adaptation",
                       "Reach and acceptability", "Delivery setting and workforce", "Implementation infrastructure",
                       "Sustainability"]
    assert [row[0] for row in tables["Rating each answer"][1:]] == ["Green", "Amber", "Red"]
    assert [row[0] for row in tables["Three possible recommendations"][1:]] == ["Ready", "Ready with conditions",
                                                                                "Not yet"]


# LibreOffice opens the decks: one page a slide, and every cell's words inside the table's frame.

@pytest.fixture(scope="module")
def converted(tabled: tuple[Compiled, list[str]], team: tuple[Compiled, list[str]],
              tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Compiled, Path]]:
    soffice()
    root = tmp_path_factory.mktemp("tables-lo")
    decks = {"builtin": tabled[0], "team": team[0]}
    paths = []
    for name, compiled in decks.items():
        path = root / f"{name}-deck.pptx"
        path.write_bytes(build_deck(compiled))
        paths.append(path)
    pdfs = to_pdf(paths, root / "pdf")
    return {name: (compiled, pdf) for (name, compiled), pdf in zip(decks.items(), pdfs, strict=True)}


def _pages(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [[(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in _WORD.findall(page)]
            for page in _PAGE.findall(xml)]


def _inside(word: tuple[float, float, float, float, str], frame: Frame) -> bool:
    x0, y0, x1, y1, _ = word
    return (frame.left / EMU_PER_PT - TOLERANCE <= x0 and x1 <= (frame.left + frame.width) / EMU_PER_PT + TOLERANCE
            and frame.top / EMU_PER_PT - TOLERANCE <= y0 and y1 <= (frame.top + frame.height) / EMU_PER_PT + TOLERANCE)


@pytest.mark.parametrize("variant", ["builtin", "team"])
def test_libreoffice_shows_every_cell_inside_the_table(converted: dict[str, tuple[Compiled, Path]],
                                                       variant: str) -> None:
    compiled, pdf = converted[variant]
    plan = compiled.plan
    pages = _pages(pdf)
    assert len(pages) == len(plan.slides)
    geometry = deck_geometry(plan.workshop, compiled.assets)
    ctx = context(geometry, plan.workshop.language, plan.resources)
    checked = 0
    for slide, words in zip(plan.slides, pages, strict=True):
        if not isinstance(slide, TableSlide):
            continue
        composition = compose(slide, ctx)
        [table] = composition.graphics
        assert isinstance(table, Table)
        frame = table.frame()
        cells = Counter(word for row in (slide.columns, *slide.rows) for cell in row for word in str(cell).split())
        inside = Counter(w[4] for w in words if _inside(w, frame))
        assert not cells - inside, f"{slide.title}: {sorted((cells - inside).elements())[:10]}"
        frames = [composition.blocks[0].frame, frame]
        caption = table.caption_frame()
        if caption is not None:
            frames.append(caption)
        number = geometry.role("content").slide_number
        if number is not None:
            frames.append(number.frame)
        outside = [w[4] for w in words if not any(_inside(w, f) for f in frames)]
        assert not outside, f"{slide.title}: {' '.join(outside)[:200]}"
        checked += 1
    assert checked >= 3
