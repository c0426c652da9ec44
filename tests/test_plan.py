"""The plan: clock times, fixed times, buffer, materials totals, QR payloads and slide numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workshopgen.compile import Compiler
from workshopgen.errors import ProblemLog
from workshopgen.plan import Plan
from workshopgen.project import Project


def compile_sample(project: Project, edit: tuple[str, str] | None = None) -> tuple[Plan | None, ProblemLog]:
    path = project.workshop_path("sample")
    if edit:
        text = path.read_text()
        assert edit[0] in text
        path.write_text(text.replace(edit[0], edit[1]))
    log = ProblemLog()
    compiled = Compiler(project).compile(path, log)
    return (compiled.plan if compiled else None), log


@pytest.fixture(scope="module")
def plan() -> Plan:
    from tests.paths import FIXTURE_PROJECT

    result, log = compile_sample(Project(FIXTURE_PROJECT))
    assert result is not None, log.problems
    return result


def test_clock_times_follow_on_and_honour_fixed_lunch(plan: Plan) -> None:
    times = [(s.item.id, s.start, s.end, s.locked) for s in plan.schedule]
    assert times == [
        ("welcome", "10:00", "10:15", False), ("talk", "10:15", "11:30", False),
        ("lunch", "11:30", "12:00", True), ("build-up", "12:00", "12:40", False),
        ("discuss", "12:40", "13:00", False), ("close", "13:00", "13:10", False),
    ]
    assert (plan.start, plan.end, plan.total_minutes, plan.buffer_minutes) == ("10:00", "13:10", 190, 0)
    assert plan.schedule[1].timing == "10:15–11:30 (75 min)"


def test_method_card_fills_the_item(plan: Plan) -> None:
    item = plan.schedule[3].item
    assert item.title == "Building ideas together"  # its own title wins
    assert item.steps[0].say and "on your own" in item.steps[0].say  # steps come from the card
    assert item.if_late


def test_materials_totals(plan: Plan) -> None:
    lines = {m.id: m for m in plan.materials}
    assert plan.expected_groups == 6  # 24 people in tables of 4
    assert lines["flipchart"].total == 12  # 2 per group
    assert lines["sticky-notes"].total == 24  # 1 per person
    assert lines["projector"].total == 1
    assert lines["flipchart"].used_in == ["Building ideas together"]


def test_qr_payloads(plan: Plan) -> None:
    codes = {r.resource.id: r.qr for r in plan.resources}
    assert codes["cqc-2021"] is None  # unverified: no code
    weak = codes["weak-ties"]
    assert weak is not None
    assert weak.payload == "http://horizonsnhs.com/the-strength-of-weak-ties/"
    assert weak.display == "horizonsnhs.com/the-strength-of-weak-ties/"
    assert weak.alt == "QR code: horizonsnhs.com/the-strength-of-weak-ties/"
    assert plan.feedback.payload == "https://forms.example.nhs.uk/workshop-feedback"


def test_slides_are_numbered_and_titled_uniquely(plan: Plan) -> None:
    numbers = [s.number for s in plan.slides]
    assert numbers == list(range(1, len(plan.slides) + 1))
    titles = [s.title.casefold() for s in plan.slides]
    assert len(set(titles)) == len(titles)
    assert plan.slides[0].kind == "title" and plan.slides[-1].kind == "closing"
    for scheduled in plan.schedule:
        assert scheduled.slide_numbers, scheduled.item.id
        for number in scheduled.slide_numbers:
            slide = plan.slides[number - 1]
            assert slide.item_id == scheduled.item.id
            assert scheduled.timing in slide.notes


def test_first_slide_of_an_item_carries_do_and_say(plan: Plan) -> None:
    first = plan.slides[plan.schedule[0].slide_numbers[0] - 1]
    assert "DO: Show the title slide as people arrive." in first.notes
    assert "SAY: Welcome everyone" in first.notes
    assert "Keep the opening brief." in first.notes


def test_break_without_slides_gets_one(plan: Plan) -> None:
    [number] = plan.schedule[2].slide_numbers
    slide = plan.slides[number - 1]
    assert (slide.kind, slide.title, slide.subtitle) == ("break", "Lunch", "Back at 12:00")


def test_overrun_before_a_fixed_time_names_the_items(project_copy: Project) -> None:
    plan, log = compile_sample(project_copy, ("    minutes: 75\n", "    minutes: 95\n"))
    assert plan is None
    messages = [p.message for p in log.errors]
    assert any("`lunch` is fixed at 11:30, but the items before it (`welcome`, `talk`) run until 11:50" in m
               for m in messages), messages


def test_gap_before_a_fixed_time_is_a_warning(project_copy: Project) -> None:
    plan, log = compile_sample(project_copy, ('at: "11:30"', 'at: "11:40"'))
    assert plan is None  # the fixed time now pushes the day past its duration
    assert any("10 minutes are free before `lunch`" in p.message for p in log.warnings)
    assert any("runs 10:00–13:20, 200 minutes" in p.message for p in log.errors)


def test_short_agenda_is_a_warning_and_shows_as_buffer(project_copy: Project) -> None:
    plan, log = compile_sample(project_copy, ("duration: 190", "duration: 200"))
    assert plan is not None
    assert plan.buffer_minutes == 10
    assert [p.message for p in log.warnings] == ["the agenda takes 190 of 200 minutes, leaving 10 spare"]


def test_feedback_by_email_becomes_a_mailto_code(project_copy: Project) -> None:
    plan, _ = compile_sample(project_copy, ("feedback_url: https://forms.example.nhs.uk/workshop-feedback",
                                            "feedback_email: team@nhs.net"))
    assert plan is not None
    assert plan.feedback.payload.startswith("mailto:team@nhs.net?subject=Feedback%3A%20Sample")
    assert plan.feedback.display == "team@nhs.net"


def test_plan_round_trips_through_json(plan: Plan) -> None:
    again = Plan.model_validate_json(plan.model_dump_json())
    assert again == plan
    assert Path(plan.source).name == "sample.yaml"


def test_each_slide_keeps_its_own_notes_apart_from_the_speaker_notes(plan: Plan) -> None:
    by_title = {s.title: s for s in plan.slides}
    assert by_title["Why spread is hard"].own_notes == "Keep the opening brief."
    assert by_title["Lunch"].own_notes is None  # generated break slide
    assert by_title["Agenda"].own_notes is None


def test_a_slide_continued_over_several_keeps_its_notes_on_the_first(project_copy: Project) -> None:
    long_bullets = "\n".join(f"          - Point number {n} about how spread really happens in practice here."
                             for n in range(14))
    plan, log = compile_sample(project_copy, (
        "          - Adopters reshape what they adopt.\n",
        "          - Adopters reshape what they adopt.\n" + long_bullets + "\n"))
    assert plan is not None, log.problems
    pages = [s for s in plan.slides if s.title.startswith("What we know about spread")]
    assert len(pages) >= 2
    assert pages[0].own_notes == "Give one local example for each point."
    assert all(p.own_notes is None for p in pages[1:])
    assert all("Give one local example" in p.notes for p in pages)


def test_a_slide_titled_like_another_gets_a_title_of_its_own(project_copy: Project) -> None:
    from tests.deck_support import build_deck, edit_workshop, open_deck
    from workshopgen.compile import Compiled

    def add_agenda_slide(data: dict[str, Any]) -> None:
        talk = next(item for item in data["agenda"] if item["id"] == "talk")
        talk["slides"].append({"type": "bullets", "title": "agenda", "bullets": ["Our own running order."]})

    edit_workshop(project_copy, add_agenda_slide)
    log = ProblemLog()
    compiled = Compiler(project_copy).compile(project_copy.workshop_path("sample"), log)
    assert isinstance(compiled, Compiled), log.problems
    titles = [s.title for s in compiled.plan.slides]
    assert "Agenda" in titles and "agenda (2)" in titles  # screen readers list slides by title
    assert len({t.casefold() for t in titles}) == len(titles)
    shown = [slide.shapes.title.text_frame.text for slide in open_deck(build_deck(compiled)).slides]
    assert shown == titles
