"""The resource catalogue (workshops/resources.yaml) and what participants are given: one address,
one title across the library; no unchecked link on a handout or a slide; feedback to the session's
own team or on a paper form, never to a national inbox; the source page's videos; further reading."""

from __future__ import annotations

import html
import re
import zipfile
from functools import cache
from pathlib import Path

import pytest

from tests.paths import REPO
from tests.pdf_support import built_library, handout_pages, page_images, page_texts, qr_codes, run_cli, squashed
from workshopgen.catalogue import ResourceCatalogue
from workshopgen.compile import Compiled, Compiler
from workshopgen.errors import ProblemLog
from workshopgen.links import collect_links
from workshopgen.messages import message
from workshopgen.model import Resource
from workshopgen.project import Project
from workshopgen.schema import catalogue_schema_json

LIBRARY = Project(REPO)
NATIONAL_INBOXES = ("england.si-horizons@nhs.net", "mlcsu.horizons@nhs.net")
pytestmark = pytest.mark.skipif(not LIBRARY.catalogue_path.is_file(), reason="no library in this checkout")


@cache
def library() -> tuple[Compiler, list[Compiled]]:
    compiler = Compiler(LIBRARY)
    log = ProblemLog()
    compiled = compiler.compile_all(LIBRARY.library(), log)
    assert not log.errors, [str(p) for p in log.errors]
    return compiler, compiled


def catalogue() -> list[Resource]:
    log = ProblemLog()
    loaded = ResourceCatalogue(LIBRARY)
    assert loaded.check_file(log), [str(p) for p in log.problems]
    return [r for r, _ in loaded.located(log)]


@pytest.fixture(scope="module")
def out() -> Path:
    return built_library(REPO, "deck,guide,handout,html")  # shared with the handout, index and print tests


def text_of(pdf: Path) -> str:
    return "\n".join(page_texts(pdf))


def web_text(page: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))


def deck_text(deck: Path) -> str:
    """Every slide's XML and relationships: its text, and the targets of its links and codes."""
    with zipfile.ZipFile(deck) as package:
        return "\n".join(html.unescape(package.read(name).decode()) for name in package.namelist()
                         if name.startswith("ppt/slides/"))


@cache
def decoded(pdf: Path) -> frozenset[str]:
    """What every QR code in a PDF decodes to."""
    return frozenset(code.text for code in qr_codes(page_images(pdf, 150)))


# One resource catalogue

def test_one_address_has_one_title_publisher_kind_and_year_across_the_library() -> None:
    _, compiled = library()
    seen: dict[str, tuple[object, ...]] = {r.url: (r.title, r.publisher, r.kind, r.year) for r in catalogue()}
    assert len(seen) == len(catalogue()), "the catalogue names each address once"
    for item in compiled:
        for r in item.plan.workshop.resources:
            described = (r.title, r.publisher, r.kind, r.year)
            assert seen.setdefault(r.url, described) == described, (item.plan.output_id, r.url)


def test_library_workshops_name_catalogue_resources_by_id_and_keep_its_places() -> None:
    _, compiled = library()
    by_url = {r.url: r.id for r in catalogue()}
    named = 0
    for item in compiled:
        for n, r in enumerate(item.plan.workshop.resources):
            if r.url in by_url:
                assert r.id == by_url[r.url], (item.plan.output_id, r.id)
                # The address is placed in resources.yaml, where a broken one is fixed once.
                assert item.document.locate(("resources", n, "url")).path == LIBRARY.catalogue_path
                named += 1
        if not item.overlay:
            assert LIBRARY.catalogue_path in item.inputs, item.plan.output_id  # a change to it rebuilds
    assert named >= 100


def test_links_checks_each_catalogue_address_once_where_it_is_written() -> None:
    compiler, _ = library()
    log = ProblemLog()
    uses = collect_links(compiler, LIBRARY.library(), log, catalogue=True)
    assert not log.errors
    catalogued = {r.url for r in catalogue()}
    for url in catalogued:
        places = {u.location for u in uses if u.url == url}
        assert len(places) == 1 and next(iter(places)).path == LIBRARY.catalogue_path, url


def test_the_catalogue_schema_matches_the_committed_copy() -> None:
    assert (REPO / "schema" / "resources.schema.json").read_text() == catalogue_schema_json(), (
        "run `workshopgen schema --catalogue --out schema/resources.schema.json`")


# Participants never get an unchecked link

def test_no_handout_or_slide_shows_an_unchecked_link_and_the_guide_lists_it_to_check(out: Path) -> None:
    _, compiled = library()
    checked = 0
    for item in compiled:
        unchecked = [r for r in item.plan.workshop.resources if not r.verified]
        folder = out / item.plan.output_id
        handout, web = text_of(folder / f"{item.plan.output_id}-handout.pdf"), web_text(
            folder / f"{item.plan.output_id}-handout.html")
        deck = deck_text(folder / f"{item.plan.output_id}-deck.pptx")
        guide = text_of(folder / f"{item.plan.output_id}-guide.pdf")
        assert "not yet checked" not in handout.lower() and "not yet checked" not in web.lower()
        for r in unchecked:
            address = r.url.split("://", 1)[1]
            assert squashed(address) not in squashed(handout), (item.plan.output_id, r.id)
            assert squashed(address) not in squashed(web), (item.plan.output_id, r.id)
            assert address not in deck and r.title not in deck, (item.plan.output_id, r.id)
            language = item.plan.workshop.language
            section = guide[guide.index(f"\n{message('check_before', language)}\n"):
                            guide.index(f"\n{message('materials', language)}\n")]
            assert squashed(address) in squashed(section), (item.plan.output_id, r.id)
            checked += 1
    assert checked >= 3


def test_a_slide_naming_an_unchecked_resource_is_left_out_with_a_warning_at_its_line(tmp_path: Path) -> None:
    from tests.paths import FIXTURE_PROJECT

    text = (FIXTURE_PROJECT / "workshops" / "sample.yaml").read_text(encoding="utf-8")
    slide = "      - type: resource\n        title: A page to check\n        resource: cqc-2021\n"
    marker = "    slides:\n"
    at = text.index(marker) + len(marker)
    path = tmp_path / "sample.yaml"
    path.write_text(text[:at] + slide + text[at:], encoding="utf-8")
    log = ProblemLog()
    compiled = Compiler(Project(FIXTURE_PROJECT)).compile(path, log)
    assert compiled is not None
    line = text[:at].count("\n") + 3
    [warning] = [p for p in log.warnings if "cqc-2021" in p.message]
    assert (warning.location.path, warning.location.line) == (path, line)
    assert "left out of the deck" in warning.message
    assert "A page to check" not in [s.title for s in compiled.plan.slides]


# Feedback goes to whoever runs the session

def test_no_library_handout_sends_feedback_to_a_national_inbox(out: Path) -> None:
    _, compiled = library()
    payloads: set[str] = set()
    for item in compiled:
        evaluation = item.plan.workshop.evaluation
        assert evaluation.feedback_email not in NATIONAL_INBOXES, item.plan.output_id
        codes = decoded(out / item.plan.output_id / f"{item.plan.output_id}-handout.pdf")
        assert codes, item.plan.output_id
        assert not [c for c in codes if any(inbox in c for inbox in NATIONAL_INBOXES)], item.plan.output_id
        if not item.overlay:  # a team's version may give its own team's address
            assert evaluation.feedback_url is None and evaluation.feedback_email is None, item.plan.output_id
            payloads |= codes
    assert payloads and not [p for p in payloads if p.startswith("mailto:")]


def test_without_a_feedback_address_the_handout_carries_a_paper_form(out: Path) -> None:
    _, compiled = library()
    formed = 0
    for item in compiled:
        plan, language = item.plan, item.plan.workshop.language
        if plan.feedback is not None:
            continue
        folder = out / plan.output_id
        pages = page_texts(folder / f"{plan.output_id}-handout.pdf")
        form = [page for page in pages[len(handout_pages(pages)):] if len(page.strip().splitlines()) > 1]
        assert len(form) == 1, plan.output_id  # a page of its own, to hand in
        assert pages.index(form[0]) % 2 == 0, plan.output_id  # on the front of a sheet of its own
        assert form[0].startswith(message("feedback_form", language))
        for question in plan.workshop.evaluation.questions:
            assert squashed(question) in squashed(form[0]), (plan.output_id, question)
        web = web_text(folder / f"{plan.output_id}-handout.html")
        assert message("feedback_form_intro", language) in " ".join(web.split())
        guide = " ".join(text_of(folder / f"{plan.output_id}-guide.pdf").split())
        assert message("feedback_form_guide", language) in guide
        formed += 1
    assert formed >= 18


def test_a_feedback_address_gives_a_code_and_no_paper_form() -> None:
    out = built_library()  # the fixture library, whose sample names its own feedback form
    pages = page_texts(out / "sample" / "sample-handout.pdf")
    assert handout_pages(pages) == pages
    assert "https://forms.example.nhs.uk/workshop-feedback" in decoded(out / "sample" / "sample-handout.pdf")


# The source page's videos, and further reading

def test_at_least_eight_distinct_videos_reach_the_handouts(out: Path) -> None:
    _, compiled = library()
    videos = {r.url: r for r in catalogue() if r.kind == "video"}
    reached: set[str] = set()
    for item in compiled:
        pdf = out / item.plan.output_id / f"{item.plan.output_id}-handout.pdf"
        codes = decoded(pdf)
        text = squashed(text_of(pdf))
        for r in item.plan.workshop.resources:
            if r.url in videos and r.url in codes and squashed(r.url.split("://", 1)[1]) in text:
                reached.add(r.url)
    assert len(reached) >= 8, sorted(reached)
    for url in reached:
        assert "this page" in (videos[url].description or ""), url  # says the video is on the page it opens


def test_the_index_lists_all_further_reading_with_addresses(out: Path) -> None:
    reading = ResourceCatalogue(LIBRARY).further_reading(ProblemLog())
    assert len(reading) >= 10
    page = (out / "index.html").read_text(encoding="utf-8")
    section = page[page.index('<section aria-labelledby="further-reading">'):page.index("</section>")]
    assert "<h2 id=\"further-reading\">Further reading</h2>" in section
    for r in reading:
        assert html.escape(r.title, quote=False) in section, r.id
        assert f'href="{html.escape(r.url)}"' in section, r.id
        assert squashed(r.url.split("://", 1)[1]) in squashed(web_text_of(section)), r.id
    years = [int(y) for y in re.findall(r"<p>Publication, [^<]*?, (\d{4})</p>", section)]
    assert years == sorted(years, reverse=True)  # newest first


def web_text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


# Mistakes are reported where they are written

CATALOGUE = """resources:
  - id: weak-ties
    kind: blog
    title: The Strength of Weak Ties
    publisher: NHS Horizons
    url: http://horizonsnhs.com/the-strength-of-weak-ties/
    description: Why loose connections carry new ideas further.
  - id: hz-feno
    kind: video
    title: Insights through the national FeNO testing programme
    publisher: NHS Horizons
    url: https://horizonsnhs.com/feno-insights/
    further_reading: true
    description: A conversation about the national programme; the video is on this page.
"""


def with_catalogue(root: Path, catalogue_text: str = CATALOGUE) -> Path:
    """The fixture library's sample, naming its first resource from a catalogue by id."""
    (root / "workshops" / "resources.yaml").write_text(catalogue_text, encoding="utf-8")
    sample = root / "workshops" / "sample.yaml"
    text = sample.read_text(encoding="utf-8")
    start = text.index("  - id: weak-ties\n")
    end = text.index("  - id: story-video\n")
    sample.write_text(text[:start] + "  - weak-ties\n" + text[end:], encoding="utf-8")
    return sample


def test_an_unknown_catalogue_id_is_an_error_at_its_line_with_the_id_meant(project_copy: Project) -> None:
    sample = with_catalogue(project_copy.root)
    text = sample.read_text(encoding="utf-8").replace("  - weak-ties\n", "  - weak-tie\n")
    sample.write_text(text, encoding="utf-8")
    line = text[:text.index("  - weak-tie\n")].count("\n") + 1
    code, err = _cli(project_copy.root, "build", "--out", str(project_copy.root / "out"))
    assert code == 2
    assert f"workshops/sample.yaml:{line}:5: error: `weak-tie` is not in the resource catalogue" in err
    assert "hint: did you mean `weak-ties`?" in err
    assert not (project_copy.root / "out").exists()


def test_a_mistake_in_a_catalogue_entry_is_reported_in_resources_yaml(project_copy: Project) -> None:
    with_catalogue(project_copy.root, CATALOGUE.replace("url: http://horizonsnhs.com/the-strength-of-weak-ties/",
                                                        "url: horizonsnhs.com/the-strength-of-weak-ties/"))
    code, err = _cli(project_copy.root, "validate")
    assert code == 2
    assert "workshops/resources.yaml:6:10: error:" in err and "https://" in err


def test_validate_checks_the_catalogue_even_where_no_workshop_uses_it(project_copy: Project) -> None:
    duplicate = CATALOGUE + CATALOGUE.split("resources:\n", 1)[1].replace("hz-feno", "other-feno", 1)
    (project_copy.root / "workshops" / "resources.yaml").write_text(duplicate, encoding="utf-8")
    code, err = _cli(project_copy.root, "validate")
    assert code == 2
    assert "workshops/resources.yaml:15:9: error: two resources have the id `weak-ties` (the first at line 2)" in err
    assert "two resources have the address https://horizonsnhs.com/feno-insights/" in err


def test_a_workshop_may_give_a_catalogue_resource_only_its_own_description(project_copy: Project) -> None:
    sample = with_catalogue(project_copy.root)
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("  - weak-ties\n", "  - id: weak-ties\n    description: Ours, for today.\n"
                                                      "    title: Another title\n"), encoding="utf-8")
    log = ProblemLog()
    assert Compiler(project_copy).compile(sample, log) is None
    [error] = log.errors
    assert "`title` of `weak-ties` comes from the resource catalogue" in error.message
    assert error.location.path == sample
    sample.write_text(text.replace("  - weak-ties\n", "  - id: weak-ties\n    description: Ours, for today.\n"),
                      encoding="utf-8")
    log = ProblemLog()
    compiled = Compiler(project_copy).compile(sample, log)
    assert compiled is not None and not log.errors
    [weak] = [r for r in compiled.plan.workshop.resources if r.id == "weak-ties"]
    assert (weak.title, weak.description) == ("The Strength of Weak Ties", "Ours, for today.")


def test_a_workshop_resource_at_a_catalogue_address_is_pointed_to_the_catalogue(project_copy: Project) -> None:
    (project_copy.root / "workshops" / "resources.yaml").write_text(CATALOGUE, encoding="utf-8")
    log = ProblemLog()
    assert Compiler(project_copy).compile(project_copy.workshop_path("sample"), log) is not None
    [warning] = [p for p in log.warnings if "catalogue" in p.message]
    assert warning.message == "this address is in the resource catalogue as `weak-ties`"
    assert warning.hint.startswith("write `- weak-ties`")


def test_an_overlay_adds_describes_and_removes_catalogue_resources_by_id(project_copy: Project) -> None:
    with_catalogue(project_copy.root)
    overlay = project_copy.root / "teams" / "demo-team" / "sample.yaml"
    overlay.write_text(overlay.read_text(encoding="utf-8").replace("remove: [discuss]", "remove: [discuss, cqc-2021]")
                       + "resources:\n  - hz-feno\n  - {id: weak-ties, description: Our own words.}\n",
                       encoding="utf-8")
    log = ProblemLog()
    compiled = Compiler(project_copy).compile(overlay, log)
    assert compiled is not None, [str(p) for p in log.errors]
    resources = {r.id: r for r in compiled.plan.workshop.resources}
    assert "hz-feno" in resources and "cqc-2021" not in resources
    assert resources["weak-ties"].title == "The Strength of Weak Ties"
    assert resources["weak-ties"].description == "Our own words."
    assert project_copy.catalogue_path in compiled.inputs


def test_a_change_to_the_catalogue_rebuilds_the_workshops_that_use_it_and_the_index(project_copy: Project) -> None:
    with_catalogue(project_copy.root)
    out = project_copy.root / "out"
    assert _cli(project_copy.root, "build", "--only", "plan,html", "--out", str(out))[0] == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Insights through the national FeNO testing programme" in index  # further reading
    assert "Built 0 workshop(s), 2 up to date" in _cli(project_copy.root, "build", "--only", "plan,html", "--out",
                                                       str(out))[1]
    catalogue_file = project_copy.catalogue_path
    catalogue_file.write_text(catalogue_file.read_text().replace("Why loose connections carry new ideas further.",
                                                                 "Why loose ties carry ideas."), encoding="utf-8")
    done = run_cli(project_copy.root, "build", "--only", "plan,html", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Built 2 workshop(s), 0 up to date" in done.stdout  # the sample and its team version
    assert "Why loose ties carry ideas." in (out / "sample" / "sample-handout.html").read_text(encoding="utf-8")
    catalogue_file.write_text(catalogue_file.read_text().replace("Insights through", "Looking back on"),
                              encoding="utf-8")
    done = run_cli(project_copy.root, "build", "--only", "plan,html", "--out", str(out))
    assert done.returncode == 0, done.stderr  # no workshop uses that entry, but the index lists it
    assert "Looking back on the national FeNO" in (out / "index.html").read_text(encoding="utf-8")


def _cli(root: Path, *args: str) -> tuple[int, str]:
    done = run_cli(root, *args)
    return done.returncode, done.stderr + done.stdout
