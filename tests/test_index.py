"""output/index.html: every workshop listed, every link opened in Chromium leads to a file."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.paths import REPO
from tests.pdf_support import built_library, chromium
from workshopgen.catalogue import ResourceCatalogue
from workshopgen.errors import ProblemLog
from workshopgen.plan import PackEntry
from workshopgen.project import Project
from workshopgen.render.web.index import render_index

# Appended to a copy of the index beside it, so Chromium itself resolves every link on the page.
LINK_PROBE = """<script>
document.body.setAttribute("data-links", JSON.stringify(Array.from(document.links, a => a.href)));
</script>"""


def links_in_chromium(index: Path) -> list[str]:
    probe = index.with_name("index-link-probe.html")
    probe.write_text(index.read_text(encoding="utf-8").replace("</body>", LINK_PROBE + "</body>"), encoding="utf-8")
    try:
        dom = chromium("--dump-dom", probe.as_uri()).stdout
    finally:
        probe.unlink()
    found = re.search(r'data-links="([^"]*)"', dom)
    assert found, dom[:500]
    links: list[str] = json.loads(html.unescape(found.group(1)))
    return links


def assert_every_link_is_a_file(index: Path, further_reading: frozenset[str] = frozenset()) -> list[str]:
    """Every link but the addresses of the further reading leads to a file; the files linked."""
    links = links_in_chromium(index)
    assert further_reading <= set(links)
    links = [link for link in links if link not in further_reading]
    assert links
    for link in links:
        parts = urlsplit(link)
        assert parts.scheme == "file", link
        assert Path(unquote(parts.path)).is_file(), link
    return links


@pytest.fixture(scope="module")
def out() -> Path:
    return built_library()


def test_index_lists_every_workshop_with_kind_and_duration(out: Path) -> None:
    text = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in text
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", text, flags=re.S)
    assert len(rows) == 2
    for row in rows:
        assert "Sample workshop on spreading improvement" in row
        assert "Topic" in row and "190 minutes" in row
    assert "Team version for Sample NHS Trust" in rows[1] and "Cymraeg" in rows[1]


def test_each_workshop_links_its_deck_guide_and_handout_in_pdf_and_html(out: Path) -> None:
    links = [link.split("/output/", 1)[1] for link in assert_every_link_is_a_file(out / "index.html")]
    for output_id in ("sample", "sample-demo-team"):
        for name in ("deck.pptx", "guide.pdf", "guide.html", "handout.pdf", "handout.html"):
            assert f"{output_id}/{output_id}-{name}" in links
    assert len(links) == 10


def test_links_are_relative_and_name_their_workshop_for_screen_readers(out: Path) -> None:
    text = (out / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]+)"', text)
    assert hrefs and all(not h.startswith(("/", "file:", "http")) for h in hrefs)
    assert '<span class="visually-hidden">: Facilitator guide, Sample workshop on spreading improvement</span>' in text


def test_only_the_outputs_built_are_linked() -> None:
    entry = PackEntry(output_id="w", title="A workshop", subtitle=None, kind="principle", minutes=90,
                      language="en", organisation="NHS England", event_date=None, venue=None, overlay=False)
    text = render_index([entry], ("guide",)).decode()
    hrefs = re.findall(r'href="([^"]+)"', text)
    assert hrefs == ["w/w-guide.pdf"]
    assert "Slides" not in text and "Participant handout" not in text
    text = render_index([entry], ("deck", "html")).decode()
    assert re.findall(r'href="([^"]+)"', text) == ["w/w-deck.pptx", "w/w-guide.html", "w/w-handout.html"]


@pytest.mark.skipif(not (REPO / "workshops").is_dir(), reason="no library in this checkout")
def test_the_whole_library_gets_a_place_in_the_index_and_every_file_it_links() -> None:
    out = built_library(REPO, "deck,guide,handout,html")
    reading = frozenset(r.url for r in ResourceCatalogue(Project(REPO)).further_reading(ProblemLog()))
    links = assert_every_link_is_a_file(out / "index.html", reading)
    library = Project(REPO).library()
    assert len(links) == 5 * len(library)
    built = {path.parent.name for path in out.glob("*/*-guide.pdf")}
    assert len(built) == len(library)
    for output_id in built:
        for name in ("deck.pptx", "guide.pdf", "guide.html", "handout.pdf", "handout.html"):
            assert (out / output_id / f"{output_id}-{name}").is_file()
