"""Session facts in text, what serves an activity, ids on entries, leads by name and timings
inside an activity: a team's version says what its own session is."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from tests.deck_support import build_deck, open_deck
from workshopgen.cli import main
from workshopgen.compile import Compiled, Compiler
from workshopgen.errors import ProblemLog
from workshopgen.project import Project
from workshopgen.render.web.html import render_html


def run(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write_overlay(project: Project, text: str, team: str = "our-team") -> Path:
    path = project.teams_dir / team / "sample.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("extends: sample\n" + text, encoding="utf-8")
    return path


def compile_overlay(project: Project, overlay: Path) -> tuple[Compiled | None, ProblemLog]:
    log = ProblemLog()
    return Compiler(project).compile(overlay, log), log


def deck_words(compiled: Compiled) -> tuple[str, str]:
    """Every slide's text, and every slide's notes."""
    deck = open_deck(build_deck(compiled))
    text = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    notes = "\n".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide)
    return text, notes


def web_words(compiled: Compiled) -> dict[str, str]:
    def words(page: str) -> str:
        page = re.sub(r"<style.*?</style>", " ", page, flags=re.DOTALL)
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))

    return {name.rsplit("-", 1)[-1].removesuffix(".html"): words(page.decode())
            for name, page in render_html(compiled.plan, compiled.assets).items()}


def use_fields(project: Project) -> None:
    """The fixture, written with fields where it states session facts."""
    path = project.workshop_path("sample")
    text = path.read_text(encoding="utf-8")
    for old, new in [
        ("{when: two-weeks-before, task: Book a room with space for tables of four.}",
         "{when: two-weeks-before, task: 'Book a room for {tables} tables of {table_size}.'}"),
        ("  - Spread follows relationships more than plans.",
         "  - Spread follows relationships more than plans, this {time_of_day} and after."),
        ("        say: Welcome everyone, and explain what we will leave with today.",
         "        say: Welcome to {venue}; we finish at {end}, led by {facilitators}."),
        ("        notes: Keep strict time on each round.",
         "        notes: Keep strict time; the whole activity has {minutes} minutes, led by {lead}."),
        ("  - Which relationship could carry your idea further?",
         "  - Which relationship from this {time_of_day} could carry your idea further?"),
        ("          - Share in pairs and build on them.",
         "          - Share in pairs, then at tables of {table_size}."),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_fields_are_filled_in_every_output(project_copy: Project) -> None:
    use_fields(project_copy)
    overlay = write_overlay(project_copy, """\
start: "09:00"
group_size: {small_groups_of: 6}
remove: [lunch]
event:
  participants: 30
  venue: Seminar room 3
  facilitators:
    - {name: Amira Khan, position: co-facilitator}
    - {name: Joe Bell, position: lead}
""")
    compiled, log = compile_overlay(project_copy, overlay)
    assert compiled is not None, log.errors
    text, notes = deck_words(compiled)
    assert "Share in pairs, then at tables of 6." in text
    assert "the whole activity has 40 minutes, led by Joe Bell and Amira Khan" in notes  # lead first
    assert "Welcome to Seminar room 3; we finish at 11:40, led by Amira Khan and Joe Bell." in notes
    web = web_words(compiled)
    assert "Which relationship from this morning could carry your idea further?" in web["handout"]
    assert "Book a room for 5 tables of 6." in web["guide"]
    assert "this morning and after" in web["handout"]
    assert "{" not in text + notes + web["guide"] + web["handout"]
    assert compiled.plan.expected_people == 30 and compiled.plan.expected_groups == 5


def test_fields_without_the_sessions_facts_read_sensibly(project_copy: Project) -> None:
    use_fields(project_copy)
    path = project_copy.workshop_path("sample")
    data = yaml.safe_load(path.read_text())
    data["event"] = {}
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    log = ProblemLog()
    compiled = Compiler(project_copy).compile(path, log)
    assert compiled is not None, log.errors
    web = web_words(compiled)
    assert "Welcome to the venue; we finish at" in web["guide"]
    assert "led by the facilitators" in web["guide"]
    assert "Book a room for 6 tables of 4." in web["guide"]  # 24 at most, at tables of 4
    assert "{" not in web["guide"]


def test_an_afternoon_start_changes_the_time_of_day(project_copy: Project) -> None:
    use_fields(project_copy)
    overlay = write_overlay(project_copy, 'start: "13:00"\nremove: [lunch]\n')
    compiled, _ = compile_overlay(project_copy, overlay)
    assert compiled is not None
    handout = web_words(compiled)["handout"]
    assert "from this afternoon could carry" in handout and "morning" not in handout


def test_an_unknown_field_is_an_error_at_its_own_line_and_column(project_copy: Project) -> None:
    overlay = write_overlay(project_copy, """\
key_ideas:
  - Tables of {tabel_size} work best.
  - id: later
    text: >-
      A folded idea that runs on
      and names {minutes} here.
""")
    code, _, err = run(project_copy.root, "build", str(overlay), "--out", str(project_copy.root / "out"))
    assert code == 2
    assert "our-team/sample.yaml:3:15: error: `{tabel_size}` is not a field this workshop knows" in err
    assert "did you mean `table_size`?" in err
    assert "our-team/sample.yaml:7:17: error: `{minutes}` is an agenda item's own field" in err
    assert not (project_copy.root / "out").exists()


def test_removing_an_item_takes_what_served_it_alone(project_copy: Project) -> None:
    path = project_copy.workshop_path("sample")
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - {when: on-the-day, task: Set out flipcharts and pens on every table.}",
                        "  - {when: on-the-day, task: Set out flipcharts and pens on every table., for: build-up}\n"
                        "  - {when: on-the-day, task: Cue the video with subtitles on., for: [build-up, discuss]}")
    text = text.replace("room_setup: Tables of four with a clear view of the screen; a wall for posting flipcharts.",
                        "room_setup:\n  - Tables of four with a clear view of the screen.\n"
                        "  - {text: A wall for posting flipcharts., for: build-up}")
    path.write_text(text, encoding="utf-8")
    overlay = write_overlay(project_copy, "remove: [build-up]\n")
    compiled, log = compile_overlay(project_copy, overlay)
    assert compiled is not None, log.errors
    web = web_words(compiled)["guide"]
    assert "Set out flipcharts" not in web and "A wall for posting flipcharts" not in web
    assert "Cue the video with subtitles on." in web  # `discuss` still uses it
    assert "Tables of four with a clear view" in web  # the whole session's
    assert {m.id for m in compiled.plan.materials} == {"projector"}  # flipcharts and sticky notes went with it


def test_any_entry_is_removed_or_changed_by_its_id(project_copy: Project) -> None:
    overlay = write_overlay(project_copy, """\
key_ideas:
  - id: local-adaptation-is-part-of-adoption
    text: Adapting it locally is how it is adopted.
remove: [spread-follows-relationships-more-than-plans, talk/push-and-pull]
""")
    compiled, log = compile_overlay(project_copy, overlay)
    assert compiled is not None, log.errors
    assert [k.text for k in compiled.plan.workshop.key_ideas] == ["Adapting it locally is how it is adopted."]
    assert "Push and pull" not in [s.title for s in compiled.plan.slides]


def test_text_still_naming_a_removed_activity_is_a_warning_at_its_line(project_copy: Project) -> None:
    path = project_copy.workshop_path("sample")
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - {when: day-before, task: Print handouts and test the slides.}",
                        "  - {when: day-before, task: Print handouts and the sheets for building ideas together.}")
    path.write_text(text, encoding="utf-8")
    overlay = write_overlay(project_copy, "remove: [build-up]\n")
    _, log = compile_overlay(project_copy, overlay)
    [stale] = [w for w in log.warnings if "still names" in w.message]
    [(number, line)] = [(n, line) for n, line in enumerate(text.splitlines(), 1) if "building ideas" in line]
    assert str(stale.location).endswith(f"workshops/sample.yaml:{number}:{line.index('building ideas') + 1}")
    assert "“building ideas together”" in stale.message and "`build-up`" in stale.message
    assert "add `print-handouts-and-the-sheets-for` to `remove:`" in stale.hint


def test_the_run_sheet_names_who_leads_each_item(project_copy: Project) -> None:
    compiled, _ = compile_overlay(project_copy, project_copy.workshop_path("sample"))
    assert compiled is not None
    leads = {s.item.id: s.lead for s in compiled.plan.schedule}
    assert leads["welcome"] == "Sam Patel" and leads["talk"] == "Alex Morgan"
    assert "Lead: Sam Patel" in web_words(compiled)["guide"]
    path = project_copy.workshop_path("sample")
    data = yaml.safe_load(path.read_text())
    data["event"] = {}
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    compiled, _ = compile_overlay(project_copy, path)
    assert compiled is not None
    leads = {s.item.id: s.lead for s in compiled.plan.schedule}
    assert leads["welcome"] == "Lead facilitator" and leads["talk"] == "Co-facilitator"


def test_steps_that_need_more_than_the_item_has_are_flagged(project_copy: Project) -> None:
    overlay = write_overlay(project_copy, """\
agenda:
  - id: discuss
    minutes: 10
    debrief_minutes: 4
    steps:
      - {do: Ask each table the first question., minutes: 5}
      - {do: Ask the second., minutes: 4}
""")
    compiled, log = compile_overlay(project_copy, overlay)
    assert compiled is not None
    [overrun] = [w for w in log.warnings if "steps and debrief" in w.message]
    assert "`discuss` has 10 minutes, but its steps and debrief need 13, 3 more" in overrun.message
    assert str(overrun.location).endswith("our-team/sample.yaml:4:14")


def test_the_activity_timer_shows_the_working_time(project_copy: Project) -> None:
    path = project_copy.workshop_path("sample")
    text = path.read_text(encoding="utf-8").replace("        minutes: 12\n        group: pairs, then fours",
                                                   "        group: pairs, then fours")
    path.write_text(text.replace("    method: one-two-four-all\n", "    method: one-two-four-all\n"
                                                                     "    debrief_minutes: 10\n"), encoding="utf-8")
    compiled, _ = compile_overlay(project_copy, path)
    assert compiled is not None
    [activity] = [s for s in compiled.plan.slides if s.kind == "activity"]
    assert activity.minutes == 30  # 40 minutes less a 10-minute debrief
    overlay = write_overlay(project_copy, "agenda:\n  - id: build-up\n    minutes: 25\n")
    compiled, _ = compile_overlay(project_copy, overlay)
    assert compiled is not None
    [activity] = [s for s in compiled.plan.slides if s.kind == "activity"]
    assert activity.minutes == 15


def test_the_starter_overlay_is_valid_and_covers_what_teams_change(project_copy: Project) -> None:
    code, out, _ = run(project_copy.root, "customise", "sample", "--team", "bristol-ed", "--participants", "18",
                       "--feedback", "https://forms.example.nhs.uk/bristol")
    assert code == 0
    starter = project_copy.teams_dir / "bristol-ed" / "sample.yaml"
    text = starter.read_text()
    for key in ("start:", "duration:", "small_groups_of:", "date:", "venue:", "participants: 18", "position: lead",
                "position: co-facilitator", "feedback_url: https://forms.example.nhs.uk/bristol",
                "logo: {path: assets/", "resources:", "remove: [", "insert_after:"):
        assert key in text, key
    assert re.search(r"run: \S*workshopgen build \S*teams/bristol-ed/sample.yaml$", out.strip())
    assert run(project_copy.root, "validate", "--strict", str(starter))[0] == 0
    # Uncommented where the comments say, it still builds: the local resource, the new item, the removal.
    block = re.search(r"^# resources:\n(?:#.*\n)*", text, flags=re.MULTILINE)
    assert block
    edited = text.replace(block.group(0), re.sub(r"^# ", "", block.group(0), flags=re.MULTILINE))
    edited = edited.replace("# remove: [", "remove: [")
    starter.write_text(edited)
    code, _, err = run(project_copy.root, "build", str(starter), "--out", str(project_copy.root / "out"),
                       "--only", "guide,html")
    assert code == 0, err
