"""The web versions of the guide and handout: headings, language, alt text, contrast, and codes that scan."""

from __future__ import annotations

import itertools
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tests.paths import FIXTURE_PROJECT
from tests.pdf_support import built_library, chromium, plan_of, qr_codes, screenshot
from workshopgen.colour import contrast_ratio
from workshopgen.compile import Compiler
from workshopgen.errors import ProblemLog
from workshopgen.project import Project
from workshopgen.render.web.html import render_html


@dataclass
class Page(HTMLParser):
    """What a screen reader gets from a page: language, title, headings, images, table headers, text."""

    lang: str | None = None
    title: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)
    images: list[dict[str, str | None]] = field(default_factory=list)
    header_cells: list[dict[str, str | None]] = field(default_factory=list)
    style: str = ""
    text: str = ""
    _open: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        elif tag == "img":
            self.images.append(found)
        elif tag == "th":
            self.header_cells.append(found)
        if tag not in ("img", "br", "meta"):
            self._open.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((int(tag[1]), ""))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        current = self._open[-1] if self._open else ""
        if current == "title":
            self.title += data
        elif current == "style":
            self.style += data
        else:
            self.text += data
            if re.fullmatch(r"h[1-6]", current):
                level, text = self.headings[-1]
                self.headings[-1] = (level, text + data)


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.text = re.sub(r"\s+", " ", page.text)
    return page


@pytest.fixture(scope="module")
def out() -> Path:
    return built_library()


@pytest.fixture(scope="module")
def guide(out: Path) -> Page:
    return read_page(out / "sample" / "sample-guide.html")


@pytest.fixture(scope="module")
def handout(out: Path) -> Page:
    return read_page(out / "sample" / "sample-handout.html")


def test_pages_have_a_language_a_title_and_one_main_heading(guide: Page, handout: Page) -> None:
    assert guide.lang == handout.lang == "en"
    assert guide.title == "Sample workshop on spreading improvement: Facilitator guide"
    assert handout.title == "Sample workshop on spreading improvement: Participant handout"
    for page in (guide, handout):
        assert [text for level, text in page.headings if level == 1] == ["Sample workshop on spreading improvement"]


def test_heading_levels_never_skip(guide: Page, handout: Page) -> None:
    for page in (guide, handout):
        levels = [level for level, _ in page.headings]
        assert levels[0] == 1
        assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels))


def test_guide_sections_match_the_printed_guide(guide: Page) -> None:
    headings = [text for _, text in guide.headings]
    for expected in ["At a glance", "Preparation", "Materials", "Room setup", "Run sheet", "Activities step by step",
                     "Welcome and purpose", "Steps", "Debrief", "If running late", "On screen", "Resources",
                     "Evaluation", "Notes"]:
        assert expected in headings
    for expected in ["8 to 24 people, at tables of 4", "2 per group",
                     "Totals are for 24 people in 6 groups of up to 4.", "DO: Show the title slide as people arrive.",
                     "Slide 4: Why spread is hard — Keep the opening brief.", "10:00–10:15", "11–12"]:
        assert expected in guide.text


def test_handout_has_the_participant_parts_and_no_facilitator_notes(handout: Page) -> None:
    headings = [text for _, text in handout.headings]
    assert headings[1:] == ["Agenda", "Key ideas", "Reflection", "My action plan", "Resources", "Feedback"]
    assert "Which relationship could carry your idea further?" in handout.text
    assert "Show the title slide as people arrive." not in handout.text
    assert "DO:" not in handout.text


def test_every_image_has_alt_text_and_codes_name_their_address(out: Path, guide: Page, handout: Page) -> None:
    plan = plan_of(out, "sample")
    alts = {r["qr"]["alt"] for r in plan["resources"] if r["qr"]} | {plan["feedback"]["alt"]}
    for page in (guide, handout):
        assert page.images
        assert all(image.get("alt") for image in page.images)
        qr_alts = {image["alt"] for image in page.images if "qr" in (image.get("class") or "")}
        assert qr_alts == alts
        assert "Sample NHS Trust logo" in {image["alt"] for image in page.images}


def test_table_header_cells_say_what_they_head(guide: Page, handout: Page) -> None:
    for page in (guide, handout):
        assert page.header_cells
        assert all(cell.get("scope") in ("col", "row") for cell in page.header_cells)


def test_text_colours_meet_wcag_aa_contrast(guide: Page) -> None:
    colours = dict(re.findall(r"--(primary|ink|paper|muted|pale):\s*(#[0-9A-Fa-f]{6})", guide.style))
    assert contrast_ratio(colours["ink"], colours["paper"]) >= 4.5
    assert contrast_ratio(colours["primary"], colours["paper"]) >= 4.5
    assert contrast_ratio(colours["ink"], colours["pale"]) >= 4.5  # table headers
    assert contrast_ratio(colours["muted"], "#FFFFFF") >= 4.5
    assert "@media print" in guide.style and "size: A4" in guide.style


def test_codes_on_the_web_handout_scan_from_the_browser(out: Path) -> None:
    plan = plan_of(out, "sample")
    image = screenshot(out / "sample" / "sample-handout.html")
    expected = {r["resource"]["url"] for r in plan["resources"] if r["qr"]} | {plan["feedback"]["payload"]}
    assert {code.text for code in qr_codes([image])} == expected


def test_the_web_guide_prints_on_a4_with_its_notes_page(out: Path, tmp_path: Path) -> None:
    target = tmp_path / "printed.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={target}", (out / "sample" / "sample-guide.html").as_uri())
    reader = PdfReader(target)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)
    assert "Notes" in reader.pages[-1].extract_text()


def test_welsh_pages_say_so(out: Path) -> None:
    page = read_page(out / "sample-demo-team" / "sample-demo-team-guide.html")
    assert page.lang == "cy"
    assert "Taflen amseru" in [text for _, text in page.headings]


def test_user_text_is_escaped_everywhere(tmp_path: Path) -> None:
    root = tmp_path / "library"
    shutil.copytree(FIXTURE_PROJECT, root)
    path = root / "workshops" / "sample.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = 'Spread <script>alert("x")</script> & adoption'
    data["branding"]["fonts"] = {"body": "Arial</style><script>alert(1)</script>", "heading": "Arial"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    log = ProblemLog()
    compiled = Compiler(Project(root)).compile(path, log)
    assert compiled is not None, [str(p) for p in log.problems]
    for html in render_html(compiled.plan, compiled.assets).values():
        text = html.decode()
        assert "<script>" not in text
        assert "Spread &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; adoption" in text
        assert text.count("</style>") == 1
