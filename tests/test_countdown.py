"""The countdown on every activity slide: a bar under the timer that one click empties over the
activity's minutes, on the built-in and a team template, in the fixture and the real library,
with the slide still reading "N minutes" when LibreOffice prints it."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from tests.deck_support import (
    build_deck,
    compile_workshop,
    compiled_variant,
    copy_library,
    edit_workshop,
    to_pdf,
)
from tests.paths import REPO
from workshopgen.compile import Compiled, Compiler
from workshopgen.deck_template import Frame, deck_geometry
from workshopgen.errors import ProblemLog
from workshopgen.layout.compose import context
from workshopgen.layout.countdown import CountdownBar, bar_colour
from workshopgen.layout.kinds import compose
from workshopgen.plan.slides import COUNTDOWN_LIMIT, ActivitySlide
from workshopgen.project import Project

NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
BAR = "Countdown"




@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Compiled, bytes]]:
    root = tmp_path_factory.mktemp("countdown")
    built = {}
    for variant in ("fixture", "crowded", "team"):
        compiled = compiled_variant(root, variant)
        built[variant] = (compiled, build_deck(compiled))
    return built


def _slide_xml(deck: bytes, number: int) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(deck)) as package:
        return etree.fromstring(package.read(f"ppt/slides/slide{number}.xml"))


def _frame(shape: etree._Element) -> Frame:
    off, ext = shape.find("p:spPr/a:xfrm/a:off", NS), shape.find("p:spPr/a:xfrm/a:ext", NS)
    return Frame(left=int(off.get("x")), top=int(off.get("y")), width=int(ext.get("cx")), height=int(ext.get("cy")))


def _overlap(a: Frame, b: Frame) -> bool:
    return (a.left < b.left + b.width and b.left < a.left + a.width
            and a.top < b.top + b.height and b.top < a.top + a.height)


def _countdown(root: etree._Element) -> tuple[etree._Element, int, etree._Element]:
    """The slide's bar, the duration of its click effect in ms, and that effect's time node."""
    [bar] = [sp for sp in root.iterfind(".//p:spTree/p:sp", NS) if sp.find("p:nvSpPr/p:cNvPr", NS).get("name") == BAR]
    bar_id = bar.find("p:nvSpPr/p:cNvPr", NS).get("id")
    [main] = root.findall("p:timing/p:tnLst/p:par/p:cTn[@nodeType='tmRoot']/p:childTnLst/p:seq/p:cTn"
                          "[@nodeType='mainSeq']", NS)
    [click] = main.findall("p:childTnLst/p:par/p:cTn", NS)
    assert [c.get("delay") for c in click.findall("p:stCondLst/p:cond", NS)] == ["indefinite"], "waits for a click"
    [effect] = click.findall("p:childTnLst/p:par/p:cTn/p:childTnLst/p:par/p:cTn", NS)
    assert (effect.get("nodeType"), effect.get("presetClass"), effect.get("presetID")) == ("clickEffect", "exit", "22")
    [wipe] = effect.findall("p:childTnLst/p:animEffect", NS)
    assert wipe.get("transition") == "out" and wipe.get("filter", "").startswith("wipe(")
    duration = int(wipe.find("p:cBhvr/p:cTn", NS).get("dur"))
    [hide] = effect.findall("p:childTnLst/p:set", NS)
    assert hide.find("p:to/p:strVal", NS).get("val") == "hidden"
    assert hide.findtext("p:cBhvr/p:attrNameLst/p:attrName", namespaces=NS) == "style.visibility"
    assert int(hide.find("p:cBhvr/p:cTn/p:stCondLst/p:cond", NS).get("delay")) == duration - 1, "hidden at the end"
    targets = {t.get("spid") for t in effect.iterfind(".//p:spTgt", NS)}
    assert targets == {bar_id}, "the effect animates the bar and nothing else"
    ids = [sp.get("id") for sp in root.iterfind(".//p:cNvPr", NS)]
    assert ids.count(bar_id) == 1
    return bar, duration, effect


def _check_deck(compiled: Compiled, deck: bytes) -> int:
    """Every activity slide of `deck` has its countdown; returns how many there are."""
    plan = compiled.plan
    geometry = deck_geometry(plan.workshop, compiled.assets)
    ctx = context(geometry, plan.workshop.language, plan.resources)
    slide_area = Frame(left=0, top=0, width=geometry.width, height=geometry.height)
    found = 0
    for planned in plan.slides:
        root = _slide_xml(deck, planned.number)
        if not isinstance(planned, ActivitySlide):
            names = {c.get("name") for c in root.iterfind(".//p:cNvPr", NS)}
            assert BAR not in names, f"slide {planned.number} \"{planned.title}\" has a countdown"
            continue
        where = f"{plan.output_id} slide {planned.number} \"{planned.title}\""
        bar, duration, _ = _countdown(root)
        assert duration == min(planned.minutes, COUNTDOWN_LIMIT) * 60_000, where
        alt = bar.find("p:nvSpPr/p:cNvPr", NS).get("descr")
        assert alt and str(min(planned.minutes, COUNTDOWN_LIMIT)) in alt, where
        frame = _frame(bar)
        assert frame.width > 0 and frame.height > 0
        assert (frame.left >= 0 and frame.top >= 0 and frame.left + frame.width <= slide_area.width
                and frame.top + frame.height <= slide_area.height), f"{where}: the bar is off the slide"
        blocks = compose(planned, ctx).blocks
        for block in blocks:
            if block.key in ("body", "panel"):
                assert not _overlap(frame, block.frame), f"{where}: the bar covers the {block.key}"
        panel = next(b.frame for b in blocks if b.key == "panel")
        assert (frame.left, frame.width) == (panel.left, panel.width) and frame.top >= panel.top + panel.height
        assert bar.find("p:spPr/a:solidFill/a:schemeClr", NS) is not None, "filled with a theme colour"
        found += 1
    return found


@pytest.mark.parametrize("variant", ["fixture", "crowded", "team"])
def test_every_activity_slide_of_the_sample_counts_down(samples: dict[str, tuple[Compiled, bytes]],
                                                        variant: str) -> None:
    compiled, deck = samples[variant]
    count = _check_deck(compiled, deck)
    activities = [s for s in compiled.plan.slides if isinstance(s, ActivitySlide)]
    assert count == len(activities) >= (2 if variant == "crowded" else 1)  # crowded instructions continue


def test_every_activity_slide_of_the_library_counts_down() -> None:
    project = Project(REPO)
    log = ProblemLog()
    library = Compiler(project).compile_all(project.library(), log)
    assert library, log.problems
    counted = sum(_check_deck(compiled, build_deck(compiled)) for compiled in library)
    assert counted >= len(library)


def test_the_bar_follows_the_slide_order_and_is_built_as_powerpoint_lists_it(
        samples: dict[str, tuple[Compiled, bytes]]) -> None:
    compiled, deck = samples["fixture"]
    [planned] = [s for s in compiled.plan.slides if isinstance(s, ActivitySlide)]
    root = _slide_xml(deck, planned.number)
    names = [c.get("name") for c in root.iterfind("p:cSld/p:spTree/*/*/p:cNvPr", NS)]
    assert names.index("Timer") + 1 == names.index(BAR), "read just after the timer it belongs to"
    bar, _, effect = _countdown(root)
    bar_id = bar.find("p:nvSpPr/p:cNvPr", NS).get("id")
    [build] = root.findall("p:timing/p:bldLst/p:bldP", NS)
    assert (build.get("spid"), build.get("grpId")) == (bar_id, effect.get("grpId"))
    assert bar.find("p:txBody/a:p/a:endParaRPr", NS).get("lang") == "en-GB"


def test_the_notes_say_a_click_starts_the_countdown(samples: dict[str, tuple[Compiled, bytes]]) -> None:
    for variant in ("fixture", "crowded"):
        compiled, _ = samples[variant]
        for slide in compiled.plan.slides:
            said = "Click once to start the countdown" in slide.notes
            assert said == isinstance(slide, ActivitySlide), (variant, slide.title)
            if said:
                assert f"empties over {slide.minutes} minutes" in slide.notes


def _with_activity(tmp_path: Path, minutes: int, language: str = "en") -> Compiled:
    project = copy_library(tmp_path / "library")

    def change(data: dict[str, Any]) -> None:
        data["language"] = language
        item = next(item for item in data["agenda"] if item["id"] == "build-up")
        data["duration"] += max(0, minutes - item["minutes"])  # the session makes room for a long activity
        item["minutes"] = max(item["minutes"], minutes)
        item["slides"][0]["minutes"] = minutes

    edit_workshop(project, change)
    compiled, log = compile_workshop(project)
    assert compiled is not None, log.problems
    return compiled


def test_a_long_activity_counts_down_for_just_under_an_hour_and_says_so(tmp_path: Path) -> None:
    compiled = _with_activity(tmp_path, 90)
    [planned] = [s for s in compiled.plan.slides if isinstance(s, ActivitySlide)]
    _, duration, _ = _countdown(_slide_xml(build_deck(compiled), planned.number))
    assert duration == COUNTDOWN_LIMIT * 60_000 < 60 * 60_000
    assert f"empties over {COUNTDOWN_LIMIT} minutes" in planned.notes and "other 31 minutes" in planned.notes


def test_an_activity_without_minutes_has_no_countdown(tmp_path: Path) -> None:
    compiled = _with_activity(tmp_path, 0)
    [planned] = [s for s in compiled.plan.slides if isinstance(s, ActivitySlide)]
    root = _slide_xml(build_deck(compiled), planned.number)
    assert root.find("p:timing", NS) is None and BAR not in etree.tostring(root).decode()
    assert "countdown" not in planned.notes


def test_a_welsh_deck_describes_its_countdown_in_welsh(tmp_path: Path) -> None:
    compiled = _with_activity(tmp_path, 12, "cy")
    [planned] = [s for s in compiled.plan.slides if isinstance(s, ActivitySlide)]
    bar, _, _ = _countdown(_slide_xml(build_deck(compiled), planned.number))
    assert bar.find("p:nvSpPr/p:cNvPr", NS).get("descr") == "Bar cyfrif i lawr: yn gwagio dros 12 munud"
    assert "Cliciwch unwaith i gychwyn y cyfrif i lawr" in planned.notes


def test_the_bar_keeps_to_a_colour_that_stands_out_from_the_background() -> None:
    assert bar_colour({"lt1": "#FFFFFF", "accent1": "#005EB8"}) == "accent1"
    assert bar_colour({"lt1": "#FFFFFF", "accent1": "#FFEB3B"}) == "tx1"  # pale yellow vanishes on white
    assert bar_colour({"lt1": "#000000", "accent1": "#41B6E6"}) == "accent1"
    assert CountdownBar(Frame(left=0, top=0, width=1, height=1), 16, "accent1", "").duration_ms == 960_000


def test_libreoffice_prints_every_slide_and_the_timer_still_reads_its_minutes(
        samples: dict[str, tuple[Compiled, bytes]], tmp_path: Path) -> None:
    decks = {}
    for variant, (_, deck) in samples.items():
        decks[variant] = tmp_path / f"{variant}-deck.pptx"
        decks[variant].write_bytes(deck)
    pdfs = dict(zip(decks, to_pdf(list(decks.values()), tmp_path / "pdf"), strict=True))
    for variant, (compiled, _) in samples.items():
        text = subprocess.run(["pdftotext", str(pdfs[variant]), "-"], check=True, capture_output=True,
                              text=True).stdout
        pages = [" ".join(page.split()) for page in text.split("\f")[:-1]]  # a narrow panel wraps the words
        assert len(pages) == len(compiled.plan.slides), variant
        for slide in compiled.plan.slides:
            if isinstance(slide, ActivitySlide):
                assert f"{slide.minutes} minutes" in pages[slide.number - 1], (variant, slide.title)
