"""Every guide and handout of the library and its team versions, read page by page as a facilitator
prints them: no page left nearly empty, the run sheet of a session up to three hours on one page,
handout text of 11 pt or more, and addresses broken only where a reader can tell they go on."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.library_support import library_plans
from tests.paths import FIXTURE_PROJECT, REPO
from tests.pdf_support import (
    address_breaks,
    built_library,
    handout_pages,
    page_fills,
    page_texts,
    pdfinfo,
    run_cli,
    text_sizes,
)
from workshopgen.messages import message
from workshopgen.plan import Plan

NEARLY_EMPTY = 0.25  # of a page's body
HANDOUT_SMALLEST_PT = 11
pytestmark = pytest.mark.skipif(not (REPO / "workshops").is_dir(), reason="no library in this checkout")


@pytest.fixture(scope="module")
def out() -> Path:
    return built_library(REPO, "deck,guide,handout,html")  # shared with the handout and index tests


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    """The plan of every workshop and team version, by output id."""
    return library_plans()


def documents(out: Path, plans: dict[str, Plan], kind: str) -> list[tuple[str, Path]]:
    found = [(output_id, out / output_id / f"{output_id}-{kind}.pdf") for output_id in sorted(plans)]
    assert found and all(pdf.is_file() for _, pdf in found)
    return found


@pytest.mark.parametrize("kind", ["guide", "handout"])
def test_no_page_but_the_notes_page_is_nearly_empty(out: Path, plans: dict[str, Plan], kind: str) -> None:
    sparse = []
    for _, pdf in documents(out, plans, kind):
        pages = page_texts(pdf)
        # A paper feedback form starts a sheet of its own: pages from it on are for writing, and a
        # page left blank (but for its footer) to put it on a fresh sheet is meant.
        written = len(handout_pages(pages)) if kind == "handout" else len(pages)
        for number, fill in enumerate(page_fills(pdf), start=1):
            notes = kind == "guide" and number == len(pages)
            if fill < NEARLY_EMPTY and not notes and number <= written:
                sparse.append(f"{pdf.name} page {number}: {fill:.0%} of the page")
    assert not sparse


def test_the_notes_page_ends_the_guide(out: Path, plans: dict[str, Plan]) -> None:
    for output_id, pdf in documents(out, plans, "guide"):
        notes = message("notes", plans[output_id].workshop.language)
        assert notes in page_texts(pdf)[-1].splitlines(), pdf.name


def test_a_run_sheet_of_up_to_three_hours_is_on_one_page(out: Path, plans: dict[str, Plan]) -> None:
    checked = 0
    for output_id, pdf in documents(out, plans, "guide"):
        plan = plans[output_id]
        if plan.workshop.duration > 180:
            continue
        language = plan.workshop.language
        pages = page_texts(pdf)
        heading = message("run_sheet", language)
        [page] = [p for p in pages if heading in p.splitlines()]
        sheet = page[page.index(heading):]
        for row in plan.schedule:
            assert f"{row.start}–{row.end}" in sheet, f"{pdf.name}: {row.item.title}"
        assert re.search(rf"{plan.end}\s+{message('end', language)}", sheet), pdf.name
        checked += 1
    assert checked >= 15


def test_page_numbers_settle(out: Path, plans: dict[str, Plan]) -> None:
    """Pages are laid out until nothing moves: a layout that never settled shows wrong page numbers."""
    for kind in ("guide", "handout"):
        for output_id, pdf in documents(out, plans, kind):
            pages = page_texts(pdf)
            language = plans[output_id].workshop.language
            for number, page in enumerate(pages, start=1):
                assert message("page_of", language, page=number, total=len(pages)) in page, f"{pdf.name} {number}"


def test_handout_text_is_never_below_11_pt(out: Path, plans: dict[str, Plan]) -> None:
    for _, pdf in documents(out, plans, "handout"):
        small = [(size, text) for size, text in text_sizes(pdf) if size < HANDOUT_SMALLEST_PT]
        assert not small, f"{pdf.name}: {small[:5]}"


def test_a_handout_fits_two_pages_or_takes_a_third(out: Path, plans: dict[str, Plan]) -> None:
    # A handout names the source of every claim, and some sessions rest on many: those take a
    # third page rather than smaller type or fewer sources, and never a fourth.
    counts = {}
    for output_id, pdf in documents(out, plans, "handout"):
        pages = page_texts(pdf)
        counts[output_id] = len(handout_pages(pages))
        headings = {message("feedback_form", "en"), message("feedback_form", "cy")}
        form = [n for n, page in enumerate(pages) if page.splitlines()[:1] and page.splitlines()[0] in headings]
        if plans[output_id].feedback is None:  # the paper form starts a sheet of its own, to hand in
            assert form and form[0] % 2 == 0, f"{output_id}: the form is on the back of the handout's last page"
    assert all(count <= 3 for count in counts.values()), counts


@pytest.mark.parametrize("kind", ["guide", "handout"])
def test_addresses_never_break_after_one_of_their_hyphens(out: Path, plans: dict[str, Plan], kind: str) -> None:
    for output_id, pdf in documents(out, plans, kind):
        plan = plans[output_id]
        shown = [r for r in plan.resources if r.resource.verified or kind == "guide"]
        addresses = [r.display_url for r in shown] + ([plan.feedback.display] if plan.feedback else [])
        text = "\n".join(page_texts(pdf))
        for address in addresses:
            printed = address_breaks(text, address)
            assert printed, f"{pdf.name}: {address} is not printed whole"
            for lines in printed:
                assert not re.search(r"-\|", lines), f"{pdf.name}: {lines}"
                assert lines.replace("|", "") == address  # nothing added where it breaks


def test_addresses_break_only_after_a_slash_or_a_full_stop_or_before_a_hyphen(out: Path,
                                                                              plans: dict[str, Plan]) -> None:
    broken = 0
    for output_id, pdf in documents(out, plans, "handout"):
        plan = plans[output_id]
        text = "\n".join(page_texts(pdf))
        for resource in plan.resources:
            for lines in address_breaks(text, resource.display_url):
                for before, after in zip(lines.split("|"), lines.split("|")[1:], strict=False):
                    assert before[-1] in "/." or after[0] == "-", lines
                    broken += 1
    assert broken > 20


def test_a_long_run_sheet_repeats_its_header_and_keeps_each_row_whole(tmp_path: Path) -> None:
    """A full day runs over two pages: the header row is on both, and no row is split between them."""
    root = tmp_path / "library"
    shutil.copytree(FIXTURE_PROJECT, root)
    path = root / "workshops" / "sample.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    title = "Round {n}: what did we learn from the table next to ours, and what would we try first"
    rounds = [{"id": f"round-{n}", "kind": "discussion", "title": title.format(n=n), "minutes": 20,
               "lead": "both", "materials": ["flipchart", "sticky-notes"]}
              for n in range(1, 15)]
    data["agenda"] += rounds
    data["duration"] += 20 * len(rounds)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = run_cli(root, "build", "sample", "--only", "guide", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr

    pages = page_texts(tmp_path / "out" / "sample" / "sample-guide.pdf")
    text = "\f".join(pages)
    run_sheet = text[text.index("Run sheet\n"):text.index("Activities step by step\n")]
    sheet = [part for part in run_sheet.split("\f") if part.strip()]  # its part of each page it is on
    assert len(sheet) >= 2
    for part in sheet:
        assert re.search(r"Time\s+Activity\s+Materials\s+Lead\s+Slides", part)
    for n in range(1, 15):
        assert sum(title.format(n=n) in " ".join(part.split()) for part in sheet) == 1, n


def test_a_handout_two_sides_cannot_hold_at_11_pt_takes_a_third_page(tmp_path: Path) -> None:
    """Rather than smaller text: three pages, none of them nearly empty, nothing below 11 pt."""
    root = tmp_path / "library"
    shutil.copytree(FIXTURE_PROJECT, root)
    path = root / "workshops" / "sample.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["key_ideas"] = [f"Key idea {n}: spread follows relationships more than plans, so map who trusts whom "
                         "before you decide who should carry the change to the next team." for n in range(1, 7)]
    data["reflection_questions"] = [f"Question {n}: which relationship could carry your idea further, and what "
                                    "would you ask of it?" for n in range(1, 7)]
    data["resources"] += [{"id": f"extra-{n}", "kind": "publication", "title": f"Extra reading {n} on the spread "
                           "and adoption of innovation and improvement across health and care systems",
                           "publisher": "NHS Horizons", "year": 2024,
                           "url": f"https://horizonsnhs.com/extra-reading-{n}-on-the-spread-and-adoption-of-"
                                  "innovation-and-improvement-across-health-and-care-systems/"} for n in range(1, 9)]
    data["agenda"][-1]["resources"] = [f"extra-{n}" for n in range(1, 9)]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = run_cli(root, "build", "sample", "--only", "handout", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr

    pdf = tmp_path / "out" / "sample" / "sample-handout.pdf"
    assert int(pdfinfo(pdf)["Pages"]) == 3
    assert min(size for size, _ in text_sizes(pdf)) >= HANDOUT_SMALLEST_PT
    assert min(page_fills(pdf)) >= NEARLY_EMPTY
    assert all(f"Extra reading {n} on the spread" in " ".join("\n".join(page_texts(pdf)).split()) for n in range(1, 9))
