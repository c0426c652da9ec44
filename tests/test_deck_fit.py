"""Text fitting: real font metrics, shrinking to the floors, and splitting onto "(continued)" slides at plan time."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ImageFont

from tests.deck_support import LONG_SENTENCE, compile_workshop, copy_library, crowd, edit_workshop
from workshopgen.compile import Compiled
from workshopgen.deck_template import deck_geometry
from workshopgen.layout.compose import Context, context
from workshopgen.layout.fit import (
    BODY_FLOOR,
    EMU_PER_PT,
    INSET_X,
    INSET_Y,
    TITLE_FLOOR,
    face,
    fits,
    fonts,
    wrap,
)
from workshopgen.layout.kinds import compose
from workshopgen.layout.split import fit_slide
from workshopgen.plan import Plan, PlannedSlide
from workshopgen.plan.slides import ActivitySlide, DiscussionSlide, ListSlide

# Regular and bold Liberation Sans, which has Arial's measurements (fonts-liberation2).
SINGLE_SPACING = 1.2  # em: PowerPoint's single line spacing for Arial
LIBERATION = {False: "LiberationSans-Regular.ttf", True: "LiberationSans-Bold.ttf"}
ARIAL = {"H": 0.722, "e": 0.556, "l": 0.222, "o": 0.556, "W": 0.944, "i": 0.222, " ": 0.278}


def test_arial_is_measured_with_arial_metrics() -> None:
    arial = face("Arial")
    for char, width in ARIAL.items():
        assert arial.width(char, False) == pytest.approx(width, abs=0.001)
    assert arial.width("Hello", False) == pytest.approx(2.278, abs=0.002)
    assert arial.width("Hello", True) > arial.width("Hello", False)


def test_other_fonts_are_measured_wider() -> None:
    assert face("Frutiger").width(LONG_SENTENCE, False) > face("Arial").width(LONG_SENTENCE, False) * 1.05


@given(st.lists(st.text(alphabet="abcdefghij klmnopqrstuvwxyzWM/-.", min_size=1, max_size=60), min_size=1,
                max_size=6), st.integers(min_value=40, max_value=500), st.integers(min_value=8, max_value=40))
@settings(max_examples=150, deadline=None)
def test_wrapping_keeps_every_letter_and_each_line_within_the_width(words: list[str], width: int, size: int) -> None:
    text = " ".join(words)
    arial = face("Arial")
    lines = wrap(text, arial, False, size, width)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for line in lines:
        assert arial.width(line, False) * size <= width + 0.01 or len(line) == 1


@given(st.lists(st.sampled_from(LONG_SENTENCE.split()), min_size=1, max_size=80),
       st.integers(min_value=10, max_value=40))
@settings(max_examples=100, deadline=None)
def test_what_fits_at_a_size_fits_at_every_smaller_size(words: list[str], size: int) -> None:
    from workshopgen.layout.fit import Para

    measure = fonts("Arial", "Arial")
    paras = [Para(" ".join(words), bold=False, marker="bullet", hang=1.0, space_before=0.45)]
    if fits(paras, measure, size, 4_000_000, 2_000_000):
        assert all(fits(paras, measure, smaller, 4_000_000, 2_000_000) for smaller in range(8, size))


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Compiled, list[str]]:
    project = copy_library(tmp_path_factory.mktemp("fit") / "library")
    edit_workshop(project, crowd)
    compiled, log = compile_workshop(project)
    assert compiled is not None, log.problems
    return compiled, [str(p) for p in log.warnings]


def _slides(plan: Plan, title: str) -> list[PlannedSlide]:
    return [s for s in plan.slides if s.title == title or s.title.startswith(f"{title} (continued")]


def test_long_bullets_continue_on_following_slides(crowded: tuple[Compiled, list[str]]) -> None:
    compiled, warnings = crowded
    pages = _slides(compiled.plan, "Everything we know about spread")
    assert len(pages) >= 2
    assert [p.title for p in pages[:3]] == ["Everything we know about spread",
                                            "Everything we know about spread (continued)",
                                            "Everything we know about spread (continued 2)"][:len(pages[:3])]
    shown = " ".join(" ".join(p.bullets) for p in pages)
    assert shown == " ".join(f"{n}. {LONG_SENTENCE}." for n in range(1, 21))
    assert [p.number for p in pages] == list(range(pages[0].number, pages[0].number + len(pages)))
    talk = next(s for s in compiled.plan.schedule if s.item.id == "talk")
    assert {p.number for p in pages} <= set(talk.slide_numbers)
    assert all(talk.timing in p.notes for p in pages)
    assert any("\"Everything we know about spread\" does not fit on one slide at 18 pt" in w for w in warnings)


def test_split_warnings_name_the_yaml_line(crowded: tuple[Compiled, list[str]]) -> None:
    compiled, warnings = crowded
    source = next(s.source for s in compiled.plan.slides if s.title == "Everything we know about spread")
    assert source is not None
    [warning] = [w for w in warnings if "\"Everything we know about spread\" does not fit" in w]
    assert warning.startswith(source.rsplit(":", 1)[0] + ":")  # file:line of the slide in the YAML


def test_every_split_kind_keeps_its_text(crowded: tuple[Compiled, list[str]]) -> None:
    plan = crowded[0].plan
    columns = _slides(plan, "Pushing and pulling, at length")
    assert len(columns) >= 2 and all(p.columns[0][0] == "Push" for p in columns)
    assert sum(len(p.columns[0][1]) for p in columns) >= 12
    quote = _slides(plan, "A long thought")
    assert len(quote) >= 2 and quote[-1].attribution == "Workshop team" and quote[0].attribution is None
    assert " ".join(p.quote or "" for p in quote) == " ".join([LONG_SENTENCE + "."] * 14)
    agenda = _slides(plan, "Agenda")
    assert len(agenda) >= 2 and sum(len(p.rows) for p in agenda) == len(plan.schedule) + 1


def test_numbered_lists_carry_on_counting(crowded: tuple[Compiled, list[str]]) -> None:
    pages = _slides(crowded[0].plan, "One, two, four, all")
    assert len(pages) >= 2
    assert pages[0].list_start == 1
    assert pages[1].list_start == len(pages[0].bullets) + 1


def test_every_page_fits_at_its_recorded_sizes(crowded: tuple[Compiled, list[str]]) -> None:
    compiled = crowded[0]
    plan = compiled.plan
    ctx = context(deck_geometry(plan.workshop, compiled.assets), plan.workshop.language, plan.resources)
    for slide in plan.slides:
        for block in compose(slide, ctx).blocks:
            size = slide.text_sizes[block.key]
            assert fits(block.paras, ctx.fonts, size, block.frame.width, block.frame.height), (slide.title, block.key)
            floor = TITLE_FLOOR if block.key == "title" else 14 if block.key == "label" else BODY_FLOOR
            if "very long slide title" not in slide.title:
                assert size >= floor, (slide.title, block.key, size)


def test_a_title_too_long_for_the_floor_shrinks_with_a_warning(crowded: tuple[Compiled, list[str]]) -> None:
    compiled, warnings = crowded
    [slide] = [s for s in compiled.plan.slides if "very long slide title" in s.title]
    assert slide.text_sizes["title"] < TITLE_FLOOR
    assert any("below the 28 pt floor" in w and "very long slide title" in w for w in warnings)


@pytest.fixture(scope="module")
def builtin_context() -> Context:
    from tests.paths import FIXTURE_PROJECT
    from workshopgen.project import Project

    compiled, _ = compile_workshop(Project(FIXTURE_PROJECT))
    assert compiled is not None
    return context(deck_geometry(compiled.plan.workshop, {}), "en", [])


@given(bullets=st.lists(st.lists(st.sampled_from([*LONG_SENTENCE.split(), "https://example.org/" + "a" * 70]),
                                 min_size=1, max_size=40).map(" ".join), min_size=1, max_size=25),
       kind=st.sampled_from(["bullets", "discussion", "activity", "outcomes"]))
@settings(max_examples=40, deadline=None)
def test_any_list_is_split_into_pages_that_fit(builtin_context: Context, bullets: list[str], kind: str) -> None:
    ctx = builtin_context
    slide: PlannedSlide
    if kind == "activity":
        slide = ActivitySlide(title="Points", bullets=bullets, minutes=10, group="pairs")
    elif kind == "discussion":
        slide = DiscussionSlide(title="Points", bullets=bullets)
    else:
        slide = ListSlide(kind=kind, title="Points", bullets=bullets)
    result = fit_slide(slide, ctx)
    assert not result.overflow
    assert " ".join(" ".join(p.bullets) for p in result.pages) == " ".join(" ".join(b.split()) for b in bullets)
    for page in result.pages:
        for block in compose(page, ctx).blocks[1:]:
            assert fits(block.paras, ctx.fonts, page.text_sizes[block.key], block.frame.width, block.frame.height)
        assert page.text_sizes["body"] >= BODY_FLOOR


def test_no_split_for_the_fixture(tmp_path: Path) -> None:
    compiled, log = compile_workshop(copy_library(tmp_path / "library"))
    assert compiled is not None
    assert not [w for w in log.warnings if "continues on" in str(w) or "floor" in str(w)]
    assert not any("(continued" in s.title for s in compiled.plan.slides if s.kind != "resources")


def _lines_measured_apart(text: str, font: ImageFont.FreeTypeFont, width: float) -> int:
    """Lines `text` takes at `width` points, wrapped greedily at spaces by Pillow's own layout of
    each whole line; a word wider than the line is cut between letters, as renderers do."""
    lines, line = 0, ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines += 1
        while font.getlength(word) > width:
            cut = max(1, max(n for n in range(1, len(word) + 1) if font.getlength(word[:n]) <= width or n == 1))
            lines, word = lines + 1, word[cut:]
        line = word
    return lines + (1 if line else 0)


def test_every_fitted_block_fits_by_a_measurement_of_its_own(crowded: tuple[Compiled, list[str]]) -> None:
    """The fitter's sizes checked against Pillow laying out whole lines in Liberation Sans (the
    fixture's Arial), not against the fitter's own sums of glyph advances."""
    compiled = crowded[0]
    plan = compiled.plan
    ctx = context(deck_geometry(plan.workshop, compiled.assets), plan.workshop.language, plan.resources)
    checked = 0
    for slide in plan.slides:
        for block in compose(slide, ctx).blocks:
            size = slide.text_sizes[block.key]
            room = (block.frame.height - 2 * INSET_Y) / EMU_PER_PT
            used = 0.0
            for para in block.paras:
                pt = size * para.scale
                font = ImageFont.truetype(LIBERATION[para.bold is not False], pt)
                width = (block.frame.width - 2 * INSET_X) / EMU_PER_PT - para.hang * pt
                used += _lines_measured_apart(para.text, font, width) * SINGLE_SPACING * pt + para.space_before * pt
            assert used <= room + 0.5, (slide.title, block.key, size, used, room)
            checked += 1
    assert checked > 50
