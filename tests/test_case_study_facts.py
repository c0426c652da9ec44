"""The fact-checked case studies say what their sources say: each corrected claim as a facilitator
or participant now reads it in the deck and the guide, with its source beside it, in the library's
workshops and in the team versions built on them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tests.deck_support import open_deck
from tests.paths import REPO
from tests.pdf_support import page_texts, run_cli, squashed
from tests.test_library import GUESSED  # the addresses facts.md marks GUESSED
from workshopgen.compile import Compiler
from workshopgen.errors import ProblemLog
from workshopgen.project import Project

CASES = ("case-feno-testing", "case-atrial-fibrillation", "case-continuing-healthcare", "case-futurenhs",
         "case-wast-falls", "case-ed-checklist")
TEAMS = {"case-feno-testing-pcn-north": ("case-feno-testing", REPO / "teams" / "pcn-north" / "case-feno-testing.yaml"),
         "case-wast-falls-wast-south-east": ("case-wast-falls",
                                            REPO / "teams" / "wast-south-east" / "case-wast-falls.yaml")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("facts") / "output"
    done = run_cli(REPO, "build", *CASES, "--only", "deck,guide", "--out", str(out))
    assert done.returncode == 0, done.stderr
    for workshop, overlay in TEAMS.values():
        done = run_cli(REPO, "build", workshop, "--overlay", str(overlay), "--only", "deck,guide", "--out", str(out))
        assert done.returncode == 0, done.stderr
    return out


def slides(out: Path, output_id: str) -> dict[str, tuple[str, str]]:
    """Each slide's text and speaker notes, by its title (the first line of its text)."""
    deck = open_deck((out / output_id / f"{output_id}-deck.pptx").read_bytes())
    found = {}
    for slide in deck.slides:
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        if texts:
            found[texts[0].splitlines()[0]] = ("\n".join(texts), notes)
    return found


def guide(out: Path, output_id: str) -> str:
    return squashed(" ".join(page_texts(out / output_id / f"{output_id}-guide.pdf")))


def test_the_cost_of_asthma_is_the_uk_public_sectors_and_names_its_study(built: Path) -> None:
    text, notes = slides(built, "case-feno-testing")["Why primary care needed it"]
    flat = " ".join(text.split())
    assert "UK public sector at least £1.1bn (Mukherjee et al., BMC Medicine, 2011–12) a year" in flat
    assert "60% (Mukherjee et al., BMC Medicine, 2011–12) of that cost is prescribing" in flat
    assert "5.4 million people (Asthma UK, cited by NHS Horizons, 2018)" in flat
    assert "costs the NHS" not in flat and "90%" not in flat
    assert "disability claims" in notes and "2016" in notes


@pytest.mark.parametrize("output_id", ["case-feno-testing", "case-feno-testing-pcn-north"])
def test_the_wessex_figure_reads_as_england_for_one_year(built: Path, output_id: str) -> None:
    text, _ = slides(built, output_id)["What the national and regional sources report"]
    flat = " ".join(text.split())
    assert "An estimated 102,704 extra patients (Health Innovation Wessex, 2021/22) across England" in flat
    assert "More than 1,200 new devices (Health Innovation Network, 2021–23) in primary care" in flat
    assert "One region" not in flat


def test_the_ed_checklist_keeps_its_dates_and_its_sources(built: Path) -> None:
    text = guide(built, "case-ed-checklist")
    assert "tenyearsbefore" not in text
    assert squashed("to the winter of 2012 that prompted this checklist") in text
    decks = slides(built, "case-ed-checklist")
    assert "25% (West of England AHSN, first year, reported late 2015)" in " ".join(
        decks["The first year at University Hospitals Bristol"][0].split())
    _, notes = decks["What the checklist teaches about spread"]
    assert "less than 0.1% (King's Fund, summarised by Kent Surrey Sussex AHSN, 2018)" in notes


def test_the_af_figures_name_the_page_that_gives_them(built: Path) -> None:
    text, notes = slides(built, "case-atrial-fibrillation")["Atrial fibrillation and stroke"]
    flat = " ".join(text.split())
    assert "20% (West Midlands AHSN, quoted Dec 2021) of strokes" in flat
    assert "300,000 people (PHE, cited by West Midlands AHSN, quoted Dec 2021)" in flat
    assert "Public Health England" in notes


def test_the_chc_targets_are_nhs_englands_2017_letter(built: Path) -> None:
    text, _ = slides(built, "case-continuing-healthcare")["The national asks, 2017"]
    flat = " ".join(text.split())
    assert "under 15% (NHS England via Care Management Matters, Aug 2017)" in flat
    assert "over 80% (NHS England via Care Management Matters, Aug 2017) of cases" in flat


def test_the_falls_pilot_figures_each_carry_the_statement(built: Path) -> None:
    text, _ = slides(built, "case-wast-falls")["Falls and the Falls Assistant pilot in figures"]
    flat = " ".join(text.split())
    for cited in ("10% (Welsh Government, stated 2019)", "62,000 falls calls (Welsh Government, 2017/18)",
                  "£140,000 (Welsh Government, pilot from Dec 2018)",
                  "1,776 calls (Welsh Government, Oct 2018–Mar 2019)",
                  "24 minutes (Welsh Government, Oct 2018–Mar 2019)"):
        assert cited in flat


def test_the_futurenhs_count_is_dated_by_its_sources(built: Path) -> None:
    text, notes = slides(built, "case-futurenhs")["What FutureNHS is"]
    assert "2,600 workspaces (NHS Horizons, c. 2022, blog undated)" in " ".join(text.split())
    assert "200,000 members (NHS England, October 2021)" in notes


@pytest.mark.parametrize("output_id", ["case-feno-testing", "case-futurenhs", "case-feno-testing-pcn-north"])
def test_the_adopters_card_comes_from_a_named_source_not_an_inference(built: Path, output_id: str) -> None:
    text = guide(built, output_id)
    assert "inference" not in text
    assert squashed("The spread challenge") in text


def test_a_morning_session_says_morning(built: Path) -> None:
    assert squashed("Turn the morning's learning into a conclusion") in guide(built, "case-wast-falls")
    team = guide(built, "case-wast-falls-wast-south-east")
    assert squashed("so the morning's map starts from current practice") in team
    assert "afternoon'smap" not in team


@cache
def _compiled_figures() -> list[tuple[str, str, str, str, bool]]:
    """(workshop, figure, period, source address, verified) for every figure of the case studies."""
    project = Project(REPO)
    found = []
    for path in [*(REPO / "workshops" / f"{name}.yaml" for name in CASES), *(p for _, p in TEAMS.values())]:
        log = ProblemLog()
        compiled = Compiler(project).compile(path, log)
        assert compiled is not None, [str(p) for p in log.errors]
        workshop = compiled.plan.workshop
        resources = {r.id: r for r in workshop.resources}
        found += [(path.stem, f.id, f.period, resources[f.source].url, resources[f.source].verified)
                  for f in workshop.figures]
    return found


def test_every_case_study_figure_has_a_period_and_a_checked_source() -> None:
    figures = _compiled_figures()
    assert len(figures) > 30
    for workshop, figure, period, url, verified in figures:
        assert period.strip(), (workshop, figure)
        assert verified and url not in GUESSED, (workshop, figure, url)


@pytest.mark.parametrize("name", CASES)
def test_the_guide_lists_where_each_case_study_figure_comes_from(built: Path, name: str) -> None:
    text = guide(built, name)
    assert "Wherethefigurescomefrom" in text
    for workshop, figure, _, url, _ in _compiled_figures():
        if workshop == name:
            assert url.split("://", 1)[1][:40] in text, figure
