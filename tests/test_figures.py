"""Figures as sourced data: each figure's `{id}` printed with its citation, a warning for any
statistic a slide, its notes or a facilitator states without a declared source, the guide's list
of where the figures come from, and method cards that need more people than a workshop may have."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deck_support import compile_workshop, open_deck
from tests.paths import FIXTURE_PROJECT, REPO
from tests.pdf_support import page_texts, run_cli, squashed
from workshopgen.compile import Compiler
from workshopgen.errors import ProblemLog
from workshopgen.model import Workshop
from workshopgen.plan.figures import cited_figures
from workshopgen.project import Project
from workshopgen.statistics import statistics_in

UNDECLARED = "with no declared source"
FIGURE_SOURCE = """  - id: wg-falls
    kind: publication
    title: Written statement on the falls response pilot
    publisher: Welsh Government
    url: https://www.gov.wales/written-statement-update-welsh-ambulance-services-nhs-trust-wast-falls-assistants-response-pilot
"""
FIGURES = """figures:
  - id: pilot-calls
    label: Falls calls attended in the pilot
    value: 1776
    unit: calls
    period: Oct 2018–Mar 2019
    source: wg-falls
  - id: not-conveyed
    label: Not conveyed to hospital
    value: 65
    unit: "%"
    period: Oct 2018–Mar 2019
    source: wg-falls
    cite: Welsh Gov.
"""


def _workshop(figures: list[dict[str, Any]], resources: list[dict[str, Any]]) -> Workshop:
    data = yaml.safe_load((FIXTURE_PROJECT / "workshops" / "sample.yaml").read_text(encoding="utf-8"))
    data["agenda"] = [item for item in data["agenda"] if "method" not in item]
    data["resources"] += resources
    data["figures"] = figures
    return Workshop.model_validate(data)


SOURCES = [
    {"id": "hin", "kind": "website", "title": "Bettering access to FeNO testing",
     "publisher": "Health Innovation Network", "url": "https://thehealthinnovationnetwork.co.uk/"},
    {"id": "edinburgh", "kind": "publication", "title": "The bill for asthma care",
     "publisher": "University of Edinburgh, Usher Institute", "url": "https://www.ed.ac.uk/usher/"},
]


def test_each_figure_is_said_with_its_unit_and_a_short_citation() -> None:
    figures = [
        {"id": "calls", "label": "Calls", "value": 1776, "unit": "calls", "period": "2021/22", "source": "hin"},
        {"id": "share", "label": "Share", "value": 65, "unit": "%", "period": "2021/22", "source": "hin"},
        {"id": "ratio", "label": "Ratio", "value": 2.5, "period": "April 2021", "source": "hin"},
        {"id": "people", "label": "People", "value": 722, "period": "2023", "source": "hin"},
        {"id": "cost", "label": "Cost", "value": 1.1, "unit": "£bn", "period": "2011/12", "source": "edinburgh",
         "cite": "Mukherjee et al."},
        {"id": "pilot", "label": "Pilot", "value": 140000, "unit": "£", "period": "from Dec 2018", "source": "hin"},
        {"id": "rate", "label": "Rate", "value": 0.125, "unit": "per 1,000", "period": "2020", "source": "hin"},
    ]
    assert cited_figures(_workshop(figures, SOURCES)) == {
        "calls": "1,776 calls (Health Innovation Network, 2021/22)",
        "share": "65% (Health Innovation Network, 2021/22)",
        "ratio": "2.5 (Health Innovation Network, April 2021)",
        "people": "722 (Health Innovation Network, 2023)",
        "cost": "£1.1bn (Mukherjee et al., 2011/12)",
        "pilot": "£140,000 (Health Innovation Network, from Dec 2018)",
        "rate": "0.125 per 1,000 (Health Innovation Network, 2020)",
    }


def test_a_figure_whose_source_is_missing_is_left_to_the_source_error() -> None:
    figure = {"id": "calls", "label": "Calls", "value": 10, "period": "2021/22", "source": "nowhere"}
    assert cited_figures(_workshop([figure], SOURCES)) == {}


@pytest.mark.parametrize(("text", "stated"), [
    ("65% of calls were not conveyed", ["65%"]),
    ("about 50 per cent of them", ["50 per cent"]),
    ("1,776 calls in six months", ["1,776"]),
    ("a pilot of £140,000 and £30k more", ["£140,000", "£30k"]),
    ("costs the NHS about £1.1 billion a year", ["£1.1 billion"]),
    ("$5 a test", ["$5"]),
    ("5.4 million people, or 5.4m", ["5.4 million", "5.4m"]),
    ("about 600 people joined", ["600"]),
    ("more than 2,000 staff", ["2,000"]),
    ("12 to 100 people", ["100"]),
])
def test_statistics_are_found_as_written(text: str, stated: list[str]) -> None:
    assert [s.written for s in statistics_in(text)] == stated


@pytest.mark.parametrize("text", [
    "In 2017 the checklist went national; by 2020 it was everywhere.",
    "Compare 2017/18 with 2021/22, and the 1990s.",
    "Start at 09:30, lunch at 12:30, back at 1.30pm.",
    "Call NHS 111 or 999.",
    "See https://www.example.nhs.uk/report-2019/page/12345 or www.gov.wales/statement-2018-140000.",
    "Write to team-1234@nhs.net, or read doi 10.1136/bmj.k2014.",
    "Tables of 5, 12 people, 3 rounds of 20 minutes, 99 ideas, 2.5 times as many.",
    "About {pilot-calls} were attended; {not-conveyed} stayed at home; {minutes} minutes at {table_size}s.",
    "Print on A4, use Q3's data.",
])
def test_years_times_addresses_small_numbers_and_fields_are_not_statistics(text: str) -> None:
    assert statistics_in(text) == []


def _with_figures(project: Project) -> Path:
    """The sample workshop with a source and two figures declared, and its file."""
    path = project.workshop_path("sample")
    text = path.read_text(encoding="utf-8")
    text = text.replace("reflection_questions:\n", FIGURES + "reflection_questions:\n", 1)
    path.write_text(text.replace("resources:\n  - id: weak-ties", "resources:\n" + FIGURE_SOURCE + "  - id: weak-ties",
                                 1), encoding="utf-8")
    return path


def _replace(path: Path, old: str, new: str) -> str:
    """Replace `old` once; the line and column where the text written in its place starts, `12:13`."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    start = text.index(old)
    line_start = text.rindex("\n", 0, start) + 1
    value = re.match(r"(?:- |[a-z_]+: )*", new)
    assert value is not None
    return f"{text[:start].count(chr(10)) + 1}:{start - line_start + value.end() + 1}"


def _warnings(log: ProblemLog, at: Path | None = None) -> list[str]:
    """The undeclared-statistic warnings, those placed in the file `at` if given."""
    return [str(p) for p in log.warnings if UNDECLARED in p.message and at in (None, p.location.path)]


def test_an_undeclared_statistic_is_a_warning_at_its_text_and_an_error_under_strict(project_copy: Project) -> None:
    from tests.test_cli import run

    path = _with_figures(project_copy)
    bullet = _replace(path, "- Relationships carry ideas further than instructions.",
                      "- Relationships carried 65% of ideas further than instructions.")
    notes = _replace(path, "notes: Give one local example for each point.",
                     "notes: Give one local example for each point; £1.1 billion is spent each year, 1,776 calls.")
    say = _replace(path, "say: Explain that success in one place does not copy across by itself.",
                   "say: Explain that 722 people joined, and that success does not copy across by itself.")
    code, out, err = run(project_copy.root, "validate", str(path))
    assert code == 0, err
    assert f"sample.yaml:{bullet}: warning: `65%` in this slide's text is a statistic with no declared " \
           "source" in err
    assert "hint: write `{not-conveyed}` in place of the number: it is declared under `figures:`" in err
    assert f"sample.yaml:{notes}: warning: `£1.1 billion` and `1,776` in these speaker notes are statistics " \
           "with no declared source" in err
    assert "hint: write `{pilot-calls}` in place of the number" in err
    assert f"sample.yaml:{say}: warning:" in err and "`722` in what the facilitator says is a statistic" in err
    assert "declare it under `figures:` with its source and period and write `{id}` in its place, or remove it" in err
    assert "3 warning(s)" in out

    code, out, err = run(project_copy.root, "validate", "--strict", str(path))
    assert code == 2
    assert err.count("with no declared source (an error under --strict)") == 3
    assert f"sample.yaml:{bullet}: error: `65%`" in err


def test_a_declared_figure_written_as_its_id_is_no_warning_and_shows_with_its_citation(
        project_copy: Project) -> None:
    path = _with_figures(project_copy)
    _replace(path, "- Relationships carry ideas further than instructions.",
             "- In the pilot, {not-conveyed} of {pilot-calls} stayed at home.")
    _replace(path, "notes: Give one local example for each point.",
             "notes: Ask what {pilot-calls} would mean for your own service.")
    compiled, log = compile_workshop(project_copy)
    assert compiled is not None and _warnings(log) == []
    slide = next(s for s in open_deck(_deck(compiled)).slides
                 if any(sh.has_text_frame and sh.text_frame.text == "What we know about spread" for sh in s.shapes))
    shown = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    assert ("In the pilot, 65% (Welsh Gov., Oct 2018–Mar 2019) of 1,776 calls (Welsh Government, "
            "Oct 2018–Mar 2019) stayed at home.") in shown
    assert "1,776 calls (Welsh Government, Oct 2018–Mar 2019) would mean" in slide.notes_slide.notes_text_frame.text


def _deck(compiled: Any) -> bytes:
    from tests.deck_support import build_deck

    return build_deck(compiled)


def test_a_method_card_statistic_is_reported_once_at_the_card(project_copy: Project) -> None:
    from tests.test_cli import run

    card = project_copy.method_path("one-two-four-all")
    text = card.read_text(encoding="utf-8")
    say = re.search(r"say: (.*)", text)
    assert say is not None
    line = text[:say.start()].count("\n") + 1
    card.write_text(text.replace(say.group(0), f"say: Over 250 teams have used this. {say.group(1)}", 1),
                    encoding="utf-8")
    code, _, err = run(project_copy.root, "validate")  # the card, the workshop and its team version
    assert code == 0
    assert err.count(UNDECLARED) == 1, err
    assert f"one-two-four-all.yaml:{line}:" in err and "`250` in what the facilitator says" in err


def test_a_method_needing_more_people_than_the_workshop_may_have_is_a_warning_at_its_method(
        project_copy: Project) -> None:
    from tests.test_cli import run

    path = project_copy.workshop_path("sample")
    _replace(path, "group_size: {min: 8,", "group_size: {min: 3,")
    line = _replace(path, "method: one-two-four-all", "method: one-two-four-all")
    code, _, err = run(project_copy.root, "validate", str(path))
    assert code == 0
    assert (f"sample.yaml:{line}: warning: `one-two-four-all` needs at least 4 people (4 to 60 people), but this "
            "workshop runs with as few as 3 (`group_size: min`)") in err
    assert "hint: raise `group_size: min` to 4, or use a method that works with 3 people" in err
    assert run(project_copy.root, "validate", "--strict", str(path))[0] == 2
    _replace(path, "group_size: {min: 3,", "group_size: {min: 4,")
    assert run(project_copy.root, "validate", "--strict", str(path))[0] == 0


@cache
def _guide_with_figures(root: Path) -> Path:
    out = root / "output"
    done = run_cli(root, "build", "sample", "--only", "guide,html", "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out / "sample"


def test_the_guide_lists_where_each_figure_comes_from(project_copy: Project) -> None:
    _with_figures(project_copy)
    out = _guide_with_figures(project_copy.root)
    text = "\n".join(page_texts(out / "sample-guide.pdf"))
    section = text[text.index("Where the figures come from"):]
    address = "www.gov.wales/written-statement-update-welsh-ambulance-services-nhs-trust-wast-falls-assistants-" \
              "response-pilot"
    for label, value in (("Falls calls attended in the pilot", "1,776 calls"), ("Not conveyed to hospital", "65%")):
        assert f"{label}: {value}" in section
    entry = section[:section.index("Resources")]
    assert squashed(entry).count(squashed(
        "Welsh Government, “Written statement on the falls response pilot”, Oct 2018–Mar 2019")) == 2
    assert squashed(entry).count(address) == 2
    html = (out / "sample-guide.html").read_text(encoding="utf-8")
    assert "<h2 id=\"figures\">Where the figures come from</h2>" in html
    assert "Not conveyed to hospital: 65%" in html
    assert "Welsh Government, “Written statement on the falls response pilot”, Oct 2018–Mar 2019" in html


def test_a_guide_without_figures_has_no_figures_section() -> None:
    from tests.pdf_support import built_library

    text = "\n".join(page_texts(built_library() / "sample" / "sample-guide.pdf"))
    assert "Where the figures come from" not in text


# The library: every statistic its slides, notes and facilitators state is a declared figure.
@cache
def _library() -> dict[str, list[str]]:
    project = Project(REPO)
    compiler = Compiler(project)
    found: dict[str, list[str]] = {}
    for card in project.method_files():
        log = ProblemLog()
        compiler.methods.check_file(card, log)
        found[f"methods/{card.stem}"] = _warnings(log, card)
    for path in project.library():
        log = ProblemLog()
        compiler.compile(path, log)
        # A team version is held to its own lines; its workshop's are reported with the workshop.
        found[str(path.relative_to(REPO))] = _warnings(log, path)
    return found


def _library_files() -> list[str]:
    project = Project(REPO)
    return ([f"methods/{p.stem}" for p in project.method_files()]
            + [str(p.relative_to(REPO)) for p in project.library()])


@pytest.mark.parametrize("name", _library_files())
def test_every_statistic_in_the_library_is_a_declared_figure(name: str) -> None:
    assert _library()[name] == []
