"""Loading: YAML 1.2 core scalars, exact source positions, and refusals of unsafe YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshopgen.errors import WorkshopgenError
from workshopgen.load import SourceMap, parse

HERE = Path("w.yaml")


def test_times_and_words_stay_text() -> None:
    data = parse("start: 12:30\nanswer: no\ncountry: NO\nversion: 1.0\nn: 3\nok: true\nnothing: ~\n", HERE).data
    assert data == {"start": "12:30", "answer": "no", "country": "NO", "version": 1.0, "n": 3,
                    "ok": True, "nothing": None}


def test_dates_stay_text_for_the_schema_to_read() -> None:
    assert parse("date: 2026-11-01\n", HERE).data["date"] == "2026-11-01"


def test_question_marks_inside_flow_lists() -> None:
    data = parse("debrief: [What changed?, Why now?]\n", HERE).data
    assert data["debrief"] == ["What changed?", "Why now?"]


def test_source_map_gives_one_based_lines_and_columns() -> None:
    doc = parse("title: A\nagenda:\n  - id: welcome\n    minutes: 10\n", HERE)
    assert doc.locate(("agenda", 0, "minutes")).line == 4
    assert doc.locate(("agenda", 0, "minutes")).column == 14
    assert doc.locate(("agenda", 0, "minutes"), key=True).column == 5
    # A path that does not exist is placed at its nearest ancestor.
    assert doc.locate(("agenda", 0, "slides", 3)).line == 3


def test_rebased_moves_entries_between_paths() -> None:
    doc = parse("a:\n  b: 1\n", HERE)
    moved = doc.source.rebased(("a",), ("x", 0))
    assert isinstance(moved, SourceMap)
    assert moved.locate(("x", 0, "b")).line == 2


def test_a_small_alias_is_fine() -> None:
    assert parse("a: &x [1, 2]\nb: *x\n", HERE).data["b"] == [1, 2]


@pytest.mark.parametrize("text, words", [
    ("a: !!binary aGVsbG8=\n", "YAML tags"),
    ("a: !custom x\n", "YAML tags"),
    ("a: 1\na: 2\n", "given twice"),
    ("[1, 2]\n", "the top level is a list"),
    ("a: [\n", "YAML syntax"),
    ("? [a, b]\n: c\n", "keys must be words"),
])
def test_refusals(text: str, words: str) -> None:
    with pytest.raises(WorkshopgenError) as caught:
        parse(text, HERE)
    problem = caught.value.problems[0]
    assert words in problem.message
    assert problem.location.line >= 1 and problem.location.column >= 1


def test_nesting_thousands_deep_is_refused_quickly() -> None:
    with pytest.raises(WorkshopgenError, match="nests more than"):
        parse("a:" + " [" * 10_000 + "]" * 10_000, HERE)
