"""The print pack (output/<id>/<id>-materials.pdf), read as a facilitator prints it and a screen
reader reads it: every library workshop's pack, a team's version of one, and bad input."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.library_support import library_plans
from tests.paths import FIXTURE_PROJECT, FIXTURES, REPO
from tests.pdf_support import (
    built_library,
    page_images,
    page_texts,
    pdf_fonts,
    pdfinfo,
    qr_codes,
    run_cli,
    squashed,
)
from workshopgen.compile import Compiler
from workshopgen.errors import ProblemLog
from workshopgen.model import (
    CardsPrintable,
    CaseSheetPrintable,
    PosterPrintable,
    Printable,
    TableTentPrintable,
    WorksheetPrintable,
)
from workshopgen.plan import Plan
from workshopgen.project import Project
from workshopgen.render.content.pack_labels import hours_and_minutes

A4 = (595, 842)
A3 = (842, 1191)


@pytest.fixture(scope="module")
def out() -> Path:
    return built_library(REPO, "materials")


def pack_of(out: Path, output_id: str) -> Path:
    return out / output_id / f"{output_id}-materials.pdf"


@cache
def pages_of(pdf: Path) -> tuple[str, ...]:
    return tuple(plain(t) for t in page_texts(pdf))


def plain(text: str) -> str:
    """Text as written in the YAML: Typst sets typographic quotes."""
    return text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))


def holds(pages: tuple[str, ...] | list[str], text: str) -> bool:
    return squashed(plain(text)) in squashed("".join(pages))


def printed_words(printable: Printable, name: str) -> Iterator[str]:
    """Every piece of text a printable carries, as its pages must show it."""
    yield printable.title or name
    if isinstance(printable, CardsPrintable):
        for card in printable.cards:
            yield from [*([card.heading] if card.heading else []), *card.text, *([card.back] if card.back else [])]
    elif isinstance(printable, WorksheetPrintable):
        for side in (printable, printable.back):
            if side is None:
                continue
            for words in (side.columns, side.rows, side.boxes, side.choices):
                yield from words or []
            yield from [side.instructions or "", side.title or ""]
            if side.grid:
                yield from [side.grid.up, side.grid.across, *side.grid.boxes, side.grid.beside or ""]
    elif isinstance(printable, CaseSheetPrintable):
        yield from [*printable.text, *printable.questions]
    elif isinstance(printable, PosterPrintable | TableTentPrintable):
        yield from printable.text


def used_printables(plan: Plan) -> list[tuple[str, Printable]]:
    used = {m for item in plan.workshop.agenda for m in item.materials}
    return [(m.name, m.printable) for m in plan.workshop.materials if m.printable and m.id in used]


def library_ids() -> list[str]:
    """The output id of every library workshop and team version, from the file names alone."""
    project = Project(REPO)
    if not project.workshops_dir.is_dir():
        return []
    return sorted([p.stem for p in project.workshop_files()]
                  + [f"{p.stem}-{p.parent.name}" for p in project.overlay_files()])


LIBRARY = library_ids()


@pytest.mark.parametrize("output_id", LIBRARY)
def test_every_pack_is_a_tagged_titled_pdf_with_its_language_and_fonts_embedded(out: Path, output_id: str) -> None:
    pdf = pack_of(out, output_id)
    plan = library_plans()[output_id]
    info = pdfinfo(pdf)
    assert info["Tagged"] == "yes"
    expected = "Pecyn argraffu" if plan.workshop.language == "cy" else "Print pack"
    assert info["Title"] == f"{plan.workshop.title}: {expected}"
    reader = PdfReader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == plan.workshop.language
    assert b"<pdfuaid:part>1</pdfuaid:part>" in reader.trailer["/Root"]["/Metadata"].get_data()
    fonts = pdf_fonts(pdf)
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts


@pytest.mark.parametrize("output_id", LIBRARY)
def test_every_pack_has_its_sign_in_sheet_feedback_form_and_certificates(out: Path, output_id: str) -> None:
    plan = library_plans()[output_id]
    workshop = plan.workshop
    pages = pages_of(pack_of(out, output_id))
    welsh = workshop.language == "cy"
    sign_in = [p for p in pages if ("Taflen gofrestru" if welsh else "Sign-in sheet") in p.split("\n", 1)[0]]
    assert sign_in, "a sign-in sheet"
    for column in (("Enw", "Rôl", "Sefydliad", "E-bost") if welsh else ("Name", "Role", "Organisation", "Email")):
        assert column in sign_in[0]
    assert holds(sign_in, workshop.title)
    if not welsh:
        assert holds(sign_in, "We use your email only to send you this session's resources and feedback form")
    for facilitator in workshop.event.facilitators:
        assert holds(sign_in, facilitator.name)
    if workshop.event.venue:
        assert holds(sign_in, workshop.event.venue)
    people = plan.expected_people
    if not workshop.event.participants and not workshop.event.attendees and people > 13 and not welsh:
        # Planned for no one session: one ruled page to copy, enough copies for everyone expected.
        assert len(sign_in) == 1
        assert holds(sign_in, f"Print {-(-people // 13)} of the page: a row for each of {people} people")

    form = [p for p in pages if ("Ffurflen adborth" if welsh else "Feedback form") in p.split("\n", 1)[0]]
    assert form, "a paper feedback form"
    for question in workshop.evaluation.questions:
        assert holds(form, question), question  # the online form's own words
    if not welsh:
        assert any("Very good" in p and "Neither good nor poor" in p for p in form) or not any(
            "neither good nor poor" in q.casefold() for q in workshop.evaluation.questions)

    certificates = [p for p in pages if ("Tystysgrif presenoldeb" if welsh else "Certificate of attendance") in p]
    assert certificates
    learning = sum(s.item.minutes for s in plan.schedule if s.item.kind != "break")
    for page in certificates:
        assert holds([page], workshop.title)
        assert holds([page], hours_and_minutes(learning, workshop.language))
        assert holds([page], workshop.branding.organisation)
        for outcome in workshop.outcomes:
            assert holds([page], outcome.text)


@pytest.mark.parametrize("output_id", LIBRARY)
def test_every_printable_an_agenda_item_uses_is_in_the_pack_with_its_own_words(out: Path, output_id: str) -> None:
    plan = library_plans()[output_id]
    pages = pages_of(pack_of(out, output_id))
    for name, printable in used_printables(plan):
        for words in printed_words(printable, name):
            if words:
                assert holds(pages, words), f"{name}: {words!r}"


def test_the_library_keeps_its_cards_and_sheets_in_printables_not_notes() -> None:
    plans = library_plans()
    kinds = {p.kind for plan in plans.values() for _, p in used_printables(plan)}
    assert kinds >= {"cards", "worksheet", "case-sheet"}
    complexity = {m.id: m for m in plans["principle-complexity"].workshop.materials}
    sorting = complexity["sorting-cards"]
    assert isinstance(sorting.printable, CardsPrintable) and len(sorting.printable.cards) == 9
    assert sorting.note is None or "hand gel" not in sorting.note
    for case in ("case-feno", "case-ed", "case-basic"):
        assert isinstance(complexity[case].printable, CaseSheetPrintable)
        assert "Text:" not in (complexity[case].note or "")
    ed = {m.id: m for m in plans["case-ed-checklist"].workshop.materials}
    assert isinstance(ed["domain-cards"].printable, CardsPrintable) and len(ed["domain-cards"].printable.cards) == 10
    rating = ed["rating-sheet"].printable
    assert isinstance(rating, WorksheetPrintable) and rating.paper == "a3" and len(rating.rows or []) == 10
    for plan in plans.values():
        for material in plan.workshop.materials:
            note = material.note or ""
            assert not re.search(r"\bText:|\b[A-C]: [a-z]", note), f"{plan.output_id}: {material.id} still holds text"


def page_size(reader: PdfReader, number: int) -> tuple[int, int]:
    box = reader.pages[number].mediabox
    width, height = round(float(box.width)), round(float(box.height))
    return (min(width, height), max(width, height))


def test_a3_pieces_are_on_a3_pages_and_the_rest_on_a4(out: Path) -> None:
    pdf = pack_of(out, "case-ed-checklist")
    reader = PdfReader(pdf)
    pages = pages_of(pdf)
    [rating] = [n for n, p in enumerate(pages) if p.startswith("Was it ready to spread? Rating the checklist")]
    assert page_size(reader, rating) == A3
    assert all(page_size(reader, n) == A4 for n in range(len(pages)) if n != rating)


def test_cards_are_several_to_a_page_and_each_part_says_what_it_is_for_and_how_many_to_print(out: Path) -> None:
    pages = pages_of(pack_of(out, "principle-complexity"))
    cards = [p for p in pages if p.startswith("Sorting cards: simple, complicated or complex?")]
    assert len(cards) == 2  # nine cards, eight to a page
    assert "Used in: Recipe, rocket or child?" in cards[0]
    assert "Print 8 sets: 1 per table, 2 pages a set (8 tables of 5, for up to 40 people)" in squashed_spaces(cards[0])
    assert "Cut along the dashed lines." in cards[0]
    cover = squashed_spaces(pages[0])
    assert "The numbers to print are for up to 40 people at 8 tables of 5, as the number coming is not set." in cover
    for part in ("Sign-in sheet", "Feedback form", "Sorting cards: simple, complicated or complex?",
                 "Case A: fractional exhaled nitric oxide (FeNO) testing in primary care",
                 "Certificates of attendance"):
        assert part in cover


def squashed_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_qr_code_decodes_to_the_address_printed_beside_it(out: Path) -> None:
    pdf = pack_of(out, "principle-complexity")
    texts = pages_of(pdf)
    wanted = [n for n, t in enumerate(texts) if "Sources" in t or "Feedback form" in t.split("\n", 1)[0]]
    images = page_images(pdf, 200)
    found = [c for c in qr_codes([images[n] for n in wanted])]
    assert len(found) >= 3  # one on each case sheet
    for code in found:
        page = texts[wanted[code.page - 1]]
        shown = code.text.split("://", 1)[-1]
        assert squashed(shown) in squashed(page), code.text
        assert code.width_mm(200) >= 20


TEAM = """\
extends: principle-complexity
event:
  date: 2027-05-12
  venue: Seminar room 3, Riverside House
  participants: 15
  attendees: [Amira Khan, Ben Price]
  facilitators:
    - {name: Dana Lee, role: Improvement adviser}
    - {name: Sam Ortiz}
remove: [case-cafe, case-feno, case-ed, case-basic]
"""


@pytest.fixture(scope="module")
def team_pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Plan]:
    root = tmp_path_factory.mktemp("team") / "library"
    for folder in ("workshops", "assets"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    overlay = root / "teams" / "riverside" / "principle-complexity.yaml"
    overlay.parent.mkdir(parents=True)
    overlay.write_text(TEAM)
    done = run_cli(root, "build", str(overlay), "--only", "materials", "--out", str(root / "output"))
    assert done.returncode == 0, done.stderr
    project = Project(root)
    compiled = Compiler(project).compile(overlay, ProblemLog())
    assert compiled is not None
    return pack_of(root / "output", compiled.plan.output_id), compiled.plan


def test_a_teams_numbers_names_date_and_venue_flow_into_every_piece(team_pack: tuple[Path, Plan]) -> None:
    pdf, plan = team_pack
    pages = pages_of(pdf)
    text = squashed_spaces("".join(pages))
    assert "The numbers to print are for 15 people at 3 tables of 5." in squashed_spaces(pages[0])
    assert "Print 3 sets: 1 per table, 2 pages a set (3 tables of 5, for 15 people)" in text
    assert "Print 15: 1 per person (for 15 people)" in text  # the feedback form
    sign_in = [p for p in pages if p.startswith("Sign-in sheet")]
    assert len(sign_in) == 2  # a row for each of 15 people, 13 rows to a page
    assert "Amira Khan" in sign_in[0] and "Ben Price" in sign_in[0]
    for words in ("12 May 2027", "Seminar room 3, Riverside House", "Dana Lee, Sam Ortiz"):
        assert words in squashed_spaces(sign_in[0])
    certificates = [p for p in pages if "Certificate of attendance" in p]
    assert len(certificates) == 15  # a page for each person expected: two named, 13 to write a name on
    assert "Amira Khan" in certificates[0] and "Ben Price" in certificates[1]
    assert not any(name in page for page in certificates[2:] for name in ("Amira Khan", "Ben Price"))
    assert "Print once: a page for each of the 15 expected" in text
    learning = sum(s.item.minutes for s in plan.schedule if s.item.kind != "break")
    for page in certificates:
        flat = squashed_spaces(page)
        assert "on 12 May 2027 at Seminar room 3, Riverside House" in flat
        assert f"{hours_and_minutes(learning, 'en')} of participatory learning" in flat
        assert "Dana Lee, Improvement adviser; Sam Ortiz" in flat


def test_a_removed_activitys_printables_leave_the_pack(team_pack: tuple[Path, Plan]) -> None:
    pages = pages_of(team_pack[0])
    assert not any("Case A:" in p or "Case B:" in p for p in pages)
    assert any(p.startswith("Sorting cards") for p in pages)


def test_build_only_materials_writes_the_pack_alone_records_it_and_skips_it_when_up_to_date(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_cli(FIXTURE_PROJECT, "build", "sample", "--only", "materials", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (out / "sample").iterdir()) == ["sample-materials.pdf"]
    assert "materials" in (out / ".workshopgen-manifest.json").read_text()
    again = run_cli(FIXTURE_PROJECT, "build", "sample", "--only", "materials", "--out", str(out))
    assert again.returncode == 0 and "Built 0 workshop(s), 1 up to date" in again.stdout + again.stderr
    # The feedback form carries the online form's code, with its address beside it.
    pdf = out / "sample" / "sample-materials.pdf"
    texts = pages_of(pdf)
    [form] = [n for n, t in enumerate(texts) if t.startswith("Feedback form")]
    [code] = qr_codes([page_images(pdf, 200)[form]])
    assert code.text == "https://forms.example.nhs.uk/workshop-feedback"
    assert "forms.example.nhs.uk/workshop-feedback" in squashed(texts[form]) and code.width_mm(200) >= 20
    # The team's logo is on what participants are handed: the sign-in sheet and the feedback form.
    reader = PdfReader(pdf)
    sign_in = next(n for n, t in enumerate(texts) if t.startswith("Sign-in sheet"))
    for page in (sign_in, form):
        assert any(image.image is not None and image.image.size[0] > 50 for image in reader.pages[page].images)


def test_the_pack_index_links_every_print_pack(out: Path) -> None:
    text = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+-materials\.pdf)"', text)
    assert len(links) == len(LIBRARY)
    assert all((out / link).is_file() for link in links)
    assert "<th scope=\"col\">Print pack</th>" in text


def test_the_guide_says_where_each_printable_is_in_the_pack(out: Path) -> None:
    from workshopgen.render.content.guide import guide_content
    from workshopgen.render.content.materials import pack_parts

    plan = library_plans()["principle-complexity"]
    rows = {row["name"]: row["pack"] for row in guide_content(plan, {}, _caches())["materials"]["rows"]}
    pages = pages_of(pack_of(out, "principle-complexity"))
    parts = pack_parts(plan.workshop)
    for part in parts:
        if part.material is None:
            continue
        assert rows[part.material.name] == f"In the print pack: part {part.number}"
        assert part.material.printable is not None
        title = part.material.printable.title or part.material.name
        assert any(squashed(p).startswith(squashed(title)) and f"Part {part.number} of {len(parts)}" in p
                   for p in pages)
    assert rows["Marker pens"] is None


def _caches() -> Any:
    from workshopgen.render.caches import Caches

    return Caches()


def test_a_printable_no_agenda_item_uses_is_a_warning_at_its_line(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.yaml").read_text().replace(
        "  - {id: pens, name: Pens, quantity: 1, per: person}\n",
        "  - {id: pens, name: Pens, quantity: 1, per: person}\n"
        "  - id: spare\n    name: Spare cards\n    printable: {kind: cards, cards: [One, Two]}\n")
    path = tmp_path / "minimal.yaml"
    path.write_text(text)
    log = ProblemLog()
    assert Compiler(Project(FIXTURE_PROJECT)).compile(path, log) is not None
    [warning] = [p for p in log.warnings if "spare" in p.message]
    assert (warning.location.line, warning.location.column) == (17, 16)
    assert "used by no agenda item, so the print pack leaves it out" in warning.message
    strict = run_cli(FIXTURE_PROJECT, "validate", "--strict", str(path))
    assert strict.returncode == 2


def test_a_typeset_pdf_is_kept_and_a_damaged_copy_is_made_again(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "WORKSHOPGEN_CACHE_DIR": str(tmp_path / "cache")}

    def build(folder: str) -> Path:
        out = tmp_path / folder
        subprocess.run([sys.executable, "-m", "workshopgen", "--project", str(FIXTURE_PROJECT), "build", "sample",
                        "--only", "guide,materials", "--out", str(out)], env=env, check=True, capture_output=True)
        return out / "sample"

    first = build("one")
    kept = list((tmp_path / "cache" / "documents").iterdir())
    assert len(kept) == 2
    for entry in kept:
        entry.write_bytes(entry.read_bytes()[:500])  # a copy cut short, as by a full disk
    second = build("two")
    for name in ("sample-guide.pdf", "sample-materials.pdf"):
        assert (second / name).read_bytes() == (first / name).read_bytes()
        assert (second / name).read_bytes().rstrip().endswith(b"%%EOF")


def test_a_second_build_typesets_nothing_the_first_typeset(tmp_path: Path) -> None:
    """A handout searched for its layout in the first build; the second, into a new folder, finds
    the PDF it would make, byte for byte, and runs no Typst at all."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "WORKSHOPGEN_CACHE_DIR": str(tmp_path / "cache")}
    script = (
        "import sys\n"
        "from workshopgen.cli import main\n"
        "from workshopgen.render.pdf import typesetting\n"
        "calls = []\n"
        "ready = typesetting._ready_compiler\n"
        "typesetting._ready_compiler = lambda: calls.append(1) or ready()\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('typeset', len(calls))\n"
    )

    def build(folder: str) -> tuple[Path, int]:
        out = tmp_path / folder
        done = subprocess.run([sys.executable, "-c", script, "--project", str(FIXTURE_PROJECT), "build", "sample",
                               "--only", "guide,handout,materials", "--out", str(out)],
                              env=env, check=True, capture_output=True, text=True)
        return out / "sample", int(done.stdout.split()[-1])

    first, typeset_first = build("one")
    second, typeset_second = build("two")
    assert (typeset_first, typeset_second) == (3, 0)
    for name in ("sample-guide.pdf", "sample-handout.pdf", "sample-materials.pdf"):
        assert (second / name).read_bytes() == (first / name).read_bytes()
