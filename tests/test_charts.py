"""Sourced figures and the charts that show them: native PowerPoint charts whose data is the
workshop's figures, with an embedded workbook, alt text stating the numbers, and the source and
period beside the chart and in the notes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pptx.enum.chart import XL_CHART_TYPE

from tests.deck_support import (
    build_deck,
    compile_workshop,
    copy_library,
    decks_as_pdfs,
    edit_workshop,
    open_deck,
    words_by_page,
)
from tests.make_alt_template import LAYOUTS, alt_template_bytes
from tests.paths import FIXTURE_PROJECT, FIXTURES, REPO
from workshopgen.cli import main
from workshopgen.compile import Compiled, Compiler
from workshopgen.deck_template import Frame, deck_geometry
from workshopgen.errors import ProblemLog
from workshopgen.layout.charts import ChartGraphic, chart_graphic, number_format
from workshopgen.layout.compose import context
from workshopgen.layout.kinds import compose
from workshopgen.plan.figures import PlannedFigure, places, value_text
from workshopgen.plan.slides import ChartSlide
from workshopgen.project import Project
from workshopgen.render.caches import Caches, MemoryStore
from workshopgen.render.deck.charts import chart_parts
from workshopgen.render.deck.slides import render_deck

CHARTED = ("case-wast-falls", "case-atrial-fibrillation", "case-feno-testing")
EMU_PER_PT = 12700
TOLERANCE = 4.0  # points, as in test_deck_libreoffice


@cache
def library_workshop(name: str) -> Compiled:
    log = ProblemLog()
    compiled = Compiler(Project(REPO)).compile(REPO / "workshops" / f"{name}.yaml", log)
    assert compiled is not None, [str(p) for p in log.problems]
    assert log.problems == []
    return compiled


@cache
def library_deck(name: str) -> bytes:
    return build_deck(library_workshop(name))


def chart_slides(compiled: Compiled) -> list[ChartSlide]:
    return [s for s in compiled.plan.slides if isinstance(s, ChartSlide)]


def chart_shapes(data: bytes) -> list[tuple[int, Any]]:
    """(slide number, shape) of every chart in the deck."""
    return [(n, shape) for n, slide in enumerate(open_deck(data).slides, start=1) for shape in slide.shapes
            if shape.has_chart]


@pytest.mark.parametrize("name", CHARTED)
def test_case_studies_chart_their_declared_figures(name: str) -> None:
    compiled = library_workshop(name)
    declared = {f.id: f for f in compiled.plan.workshop.figures}
    planned = chart_slides(compiled)
    assert planned, f"{name} shows no chart"
    shapes = dict(chart_shapes(library_deck(name)))
    assert sorted(shapes) == [s.number for s in planned]
    for slide in planned:
        chart = shapes[slide.number].chart
        figures = [declared[f.figure.id] for f in slide.figures]
        categories, values = list(chart.plots[0].categories), list(chart.plots[0].series[0].values)
        if slide.chart == "bar":  # a bar chart holds its data bottom up, so the first figure is on top
            categories, values = categories[::-1], values[::-1]
            assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
        else:
            assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
        assert categories == [f.label for f in figures]
        assert values == [f.value for f in figures]
        plot = chart.plots[0]
        assert plot.has_data_labels and plot.data_labels.show_value
        assert chart.has_legend is False


@pytest.mark.parametrize("name", CHARTED)
def test_each_chart_embeds_a_workbook_of_its_figures(name: str) -> None:
    compiled = library_workshop(name)
    for (_, shape), slide in zip(chart_shapes(library_deck(name)), chart_slides(compiled), strict=True):
        workbook = shape.chart.part.chart_workbook.xlsx_part
        assert workbook is not None and workbook.partname.startswith("/ppt/embeddings/Microsoft_Excel_Worksheet")
        assert workbook.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        with zipfile.ZipFile(io.BytesIO(workbook.blob)) as xlsx:
            strings = xlsx.read("xl/sharedStrings.xml").decode()
            sheet = xlsx.read("xl/worksheets/sheet1.xml").decode()
            core = xlsx.read("docProps/core.xml").decode()
        for planned in slide.figures:
            assert planned.figure.label.replace("'", "&apos;") in strings or planned.figure.label in strings
            assert f"<v>{planned.figure.value:g}</v>" in sheet
        # Dated from the pack, not the clock, so the deck rebuilds byte for byte.
        assert compiled.plan.moment.strftime("%Y-%m-%dT%H:%M:%SZ") in core


@pytest.mark.parametrize("name", CHARTED)
def test_alt_text_caption_and_notes_name_the_numbers_sources_and_periods(name: str) -> None:
    compiled = library_workshop(name)
    deck = open_deck(library_deck(name))
    for slide in chart_slides(compiled):
        shown = deck.slides[slide.number - 1]
        [frame] = [shape for shape in shown.shapes if shape.has_chart]
        alt = frame._element.nvGraphicFramePr.cNvPr.get("descr")
        kind = "Column chart" if slide.chart == "column" else "Bar chart"
        assert alt.startswith(f"{kind}: ")
        text = " ".join(shape.text_frame.text for shape in shown.shapes if shape.has_text_frame)
        notes = shown.notes_slide.notes_text_frame.text
        for planned in slide.figures:
            figure = planned.figure
            assert f"{figure.label} {planned.text}" in alt
            # Beside the chart and in its alt text, by the figure's short `cite:` name where it has one.
            assert f"{figure.cite or planned.publisher}, {figure.period}" in text
            assert f"{figure.cite or planned.publisher}, {figure.period}" in alt
            assert f"{figure.label}: {planned.text}" in notes
            assert f"{planned.publisher}, “{planned.source_title}”, {figure.period}: {planned.url}" in notes
        assert "Source" in text


def test_the_wast_chart_reads_as_the_brief_wants() -> None:
    [slide] = chart_slides(library_workshop("case-wast-falls"))
    [(_, shape)] = chart_shapes(library_deck("case-wast-falls"))
    alt = shape._element.nvGraphicFramePr.cNvPr.get("descr")
    assert alt.startswith("Column chart: Not conveyed to hospital 65%, Conveyed to hospital 35%. "
                          "Source: Welsh Government, Oct 2018–Mar 2019")
    assert [r.publisher for r in slide.figures] == ["Welsh Government"] * 2


def test_chart_figures_come_from_the_facts_and_name_their_resources() -> None:
    """Each charted figure's source is a resource of its workshop with the address facts.md gives."""
    expected = {
        "case-wast-falls": {"wg-falls": "https://www.gov.wales/written-statement-update-welsh-ambulance-services-"
                                        "nhs-trust-wast-falls-assistants-response-pilot"},
        "case-atrial-fibrillation": {"wm-af": "https://wmahsn.org/our_work/atrial-fibrillation/"},
        "case-feno-testing": {
            "wx-feno-lens": "https://healthinnovationwessex.org.uk/our-work/case-studies/leading-the-spread-and-"
                            "adoption-of-innovation-and-improvement-insights-through-the-national-fractional-"
                            "exhaled-nitric-oxide-feno-testing-programme",
            "hin-feno": "https://thehealthinnovationnetwork.co.uk/programmes/respiratory-disease/bettering-access-to-"
                        "feno-testing-in-primary-care"},
    }
    for name, sources in expected.items():
        workshop = library_workshop(name).plan.workshop
        resources = {r.id: r for r in workshop.resources}
        charted = {planned.figure.source for slide in chart_slides(library_workshop(name)) for planned in slide.figures}
        assert charted == set(sources)
        for source, url in sources.items():
            assert resources[source].url == url and resources[source].verified


def test_the_deck_rebuilds_byte_for_byte_whether_or_not_its_charts_were_kept() -> None:
    compiled = library_workshop("case-feno-testing")
    store = MemoryStore()
    first = render_deck(compiled.plan, compiled.assets, Caches(charts=store))
    assert len(store.entries) == 1
    again = render_deck(compiled.plan, compiled.assets, Caches(charts=store))  # the kept parts
    fresh = render_deck(compiled.plan, compiled.assets, Caches())  # made again
    assert first == again == fresh


def test_a_damaged_stored_chart_is_made_again() -> None:
    compiled = library_workshop("case-wast-falls")
    ctx = context(deck_geometry(compiled.plan.workshop, compiled.assets), "en", compiled.plan.resources)
    [slide] = chart_slides(compiled)
    [graphic] = [g for g in compose(slide, ctx).graphics if isinstance(g, ChartGraphic)]
    store = MemoryStore()
    made = chart_parts(graphic, "en-GB", compiled.plan.moment, store)
    [key] = store.entries
    store.entries[key] = b"12\n<?xml"
    assert chart_parts(graphic, "en-GB", compiled.plan.moment, store) == made


def test_a_rebuild_of_unchanged_charts_does_not_import_python_pptx(tmp_path: Path) -> None:
    script = (
        "import sys\nfrom workshopgen.cli import main\n"
        f"try:\n    main(['--project', {str(REPO)!r}, 'build', 'case-wast-falls', '--only', 'deck', '--force', "
        f"'--out', sys.argv[1]])\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print(sorted(m for m in ('pptx', 'typst') if m in sys.modules))\n"
    )
    env = {**os.environ, "WORKSHOPGEN_CACHE_DIR": str(tmp_path / "cache")}

    def build(out: str) -> tuple[str, bytes]:
        done = subprocess.run([sys.executable, "-c", script, str(tmp_path / out)], capture_output=True, text=True,
                              check=True, env=env)
        return done.stdout.strip().splitlines()[-1], (tmp_path / out / "case-wast-falls" /
                                                      "case-wast-falls-deck.pptx").read_bytes()

    imported_first, first = build("first")
    imported_again, again = build("again")
    assert (imported_first, imported_again) == ("['pptx']", "[]")
    assert first == again
    assert list((tmp_path / "cache" / "charts").iterdir())


@pytest.fixture(scope="module")
def team_chart(tmp_path_factory: pytest.TempPathFactory) -> tuple[Compiled, bytes]:
    """The fixture workshop on the 4:3 team template, with a bar chart of three figures added."""
    project = copy_library(tmp_path_factory.mktemp("charts") / "library")
    (project.root / "assets" / "brand.potx").write_bytes(alt_template_bytes())

    def add_chart(data: dict[str, Any]) -> None:
        data["branding"]["template"] = "assets/brand.potx"
        data["branding"]["layouts"] = dict(LAYOUTS)
        source = data["resources"][0]["id"]
        data["figures"] = [{"id": f"share-{n}", "label": label, "value": value, "unit": "%", "period": "2025/26",
                            "source": source}
                           for n, (label, value) in enumerate((("Tried it", 52.5), ("Heard of it", 30),
                                                               ("Never heard of it", 17.5)))]
        data["agenda"][0].setdefault("slides", []).append(
            {"type": "chart", "title": "Who has tried it", "chart": "bar",
             "figures": ["share-0", "share-1", "share-2"], "caption": "Staff asked in one survey."})

    edit_workshop(project, add_chart)
    compiled, log = compile_workshop(project)
    assert compiled is not None, [str(p) for p in log.problems]
    return compiled, build_deck(compiled)


def test_a_chart_on_a_team_template_sits_in_its_picture_area(team_chart: tuple[Compiled, bytes]) -> None:
    compiled, data = team_chart
    geometry = deck_geometry(compiled.plan.workshop, compiled.assets)
    assert geometry.width * 3 == geometry.height * 4
    [(number, shape)] = chart_shapes(data)
    place = geometry.role("image").picture
    assert place is not None
    assert (shape.left, shape.top, shape.width, shape.height) == (place.frame.left, place.frame.top,
                                                                  place.frame.width, place.frame.height)
    assert [c for c in shape.chart.plots[0].categories][::-1] == ["Tried it", "Heard of it", "Never heard of it"]
    number_format = shape.chart.plots[0].data_labels.number_format
    assert number_format == '#,##0.0"%"'
    [slide] = chart_slides(compiled)
    assert slide.number == number and "body" in slide.text_sizes


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory,
              team_chart: tuple[Compiled, bytes]) -> dict[str, tuple[Compiled, Path]]:
    root = tmp_path_factory.mktemp("charts-lo")
    decks = {name: (library_workshop(name), library_deck(name)) for name in CHARTED}
    decks["team"] = team_chart
    return decks_as_pdfs(decks, root)


def _inside(word: tuple[float, float, float, float, str], frames: list[Frame]) -> bool:
    x0, y0, x1, y1, _ = word
    return any(f.left / EMU_PER_PT - TOLERANCE <= x0 and x1 <= (f.left + f.width) / EMU_PER_PT + TOLERANCE
               and f.top / EMU_PER_PT - TOLERANCE <= y0 and y1 <= (f.top + f.height) / EMU_PER_PT + TOLERANCE
               for f in frames)


@pytest.mark.parametrize("name", [*CHARTED, "team"])
def test_libreoffice_draws_every_slide_and_every_chart_value(converted: dict[str, tuple[Compiled, Path]],
                                                             name: str) -> None:
    compiled, pdf = converted[name]
    plan = compiled.plan
    pages = words_by_page(pdf)
    assert len(pages) == len(plan.slides)
    ctx = context(deck_geometry(plan.workshop, compiled.assets), plan.workshop.language, plan.resources)
    for slide in chart_slides(compiled):
        words = pages[slide.number - 1]
        composition = compose(slide, ctx)
        [graphic] = [g for g in composition.graphics if isinstance(g, ChartGraphic)]
        in_chart = " ".join(w[4] for w in words if _inside(w, [graphic.frame]))
        for planned in slide.figures:
            shown = value_text(planned.figure.value, planned.figure.unit, max(places(p.figure.value)
                                                                               for p in slide.figures))
            assert shown.split()[0] in in_chart, (slide.title, shown, in_chart)
            assert planned.figure.label.split()[-1] in in_chart, (slide.title, planned.figure.label, in_chart)
        frames = [block.frame for block in composition.blocks] + [graphic.frame]
        number = ctx.geometry.role(composition.role).slide_number
        frames += [number.frame] if number is not None else []
        outside = [w[4] for w in words if not _inside(w, frames)]
        assert not outside, (slide.title, outside)


def test_values_are_written_with_their_units() -> None:
    assert value_text(1776, "calls", 0) == "1,776 calls"
    assert value_text(65, "%", 0) == "65%"
    assert value_text(1.1, "£", 1) == "£1.1"
    assert value_text(-2.5, "£", 1) == "-£2.5"
    assert value_text(134000, None, 0) == "134,000"
    assert (places(65), places(2.5), places(0.125), places(1 / 3)) == (0, 1, 3, 3)


def _planned(values: list[float], unit: str | None) -> list[PlannedFigure]:
    from workshopgen.model import Figure

    return [PlannedFigure(figure=Figure(id=f"f{n}", label=f"Figure {n}", value=v, unit=unit, period="2024",
                                        source="s"), publisher="P", source_title="T", url="https://example.org/")
            for n, v in enumerate(values)]


def test_the_number_format_carries_the_unit_as_excel_writes_it() -> None:
    assert number_format(_planned([65, 35], "%"), 0) == '#,##0"%"'
    assert number_format(_planned([1776, 10], "calls"), 0) == '#,##0" calls"'
    assert number_format(_planned([1.5, 2], "£"), 1) == '"£"#,##0.0'
    assert number_format(_planned([3, 4], None), 0) == "#,##0"


@pytest.mark.parametrize("kind", ["column", "bar"])
@pytest.mark.parametrize("count", [2, 8])
def test_labels_are_measured_to_fit_between_14_and_20_pt(fixture_project: Project, kind: str, count: int) -> None:
    compiled, _ = compile_workshop(fixture_project)
    assert compiled is not None
    plan = compiled.plan
    ctx = context(deck_geometry(plan.workshop, compiled.assets), "en", plan.resources)
    slide = ChartSlide(title="Chart", chart=kind, figures=_planned([1200.0 * (n + 1) for n in range(count)], "calls"))
    frame = ctx.geometry.role("image").picture
    assert frame is not None
    graphic = chart_graphic(slide, frame.frame, ctx)
    assert 14 <= graphic.size <= 20
    x, y, w, h = graphic.plot
    assert x > 0 and y > 0 and x + w <= 1 and y + h <= 1
    low, high = graphic.axis
    assert low == 0 and high > max(graphic.values), "room is left for the value labels"
    if count == 2:
        assert graphic.size == 20


@pytest.mark.parametrize(("name", "where"), [("figure-unknown-source", "47:13"), ("figure-without-period", "42:5"),
                                             ("chart-unknown-figure", "25:30")])
def test_a_figure_without_a_known_source_or_period_is_a_located_error(name: str, where: str) -> None:
    result = CliRunner().invoke(main, ["--project", str(FIXTURE_PROJECT), "validate",
                                       str(FIXTURES / "invalid" / f"{name}.yaml")])
    assert result.exit_code == 2
    assert f"{name}.yaml:{where}: error:" in result.output
    assert "hint:" in result.output


@pytest.mark.parametrize(("kind", "warned"), [("column", True), ("bar", False)])
def test_labels_too_long_for_columns_are_a_warning_at_the_slide(project_copy: Project, kind: str,
                                                                warned: bool) -> None:
    def add_chart(data: dict[str, Any]) -> None:
        source = data["resources"][0]["id"]
        data["figures"] = [{"id": f"site-{n}", "label": f"Organisations of the kind numbered {n}", "value": 1000 + n,
                            "unit": "sites", "period": "2024/25", "source": source} for n in range(8)]
        data["agenda"][0].setdefault("slides", []).append(
            {"type": "chart", "title": "Sites by kind", "chart": kind, "figures": [f"site-{n}" for n in range(8)]})

    edit_workshop(project_copy, add_chart)
    compiled, log = compile_workshop(project_copy)
    assert compiled is not None, [str(p) for p in log.problems]
    found = [p for p in log.warnings if "Sites by kind" in p.message]
    assert bool(found) == warned, [str(p) for p in log.warnings]
    if warned:
        assert "use `chart: bar`" in found[0].message
        assert found[0].location.line > 1
    build_deck(compiled)


@pytest.mark.parametrize("name", CHARTED)
def test_python_pptx_saves_the_charts_and_workbooks_again_as_they_were(name: str) -> None:
    """python-pptx saves only the parts it reaches by relationships, under the content types it read."""
    from tests.test_deck import _content_types, _relationships

    data = library_deck(name)
    resaved = io.BytesIO()
    open_deck(data).save(resaved)
    ours, theirs = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(resaved)
    assert sorted(ours.namelist()) == sorted(theirs.namelist())
    assert _content_types(ours) == _content_types(theirs)
    charts = [n for n in ours.namelist() if n.startswith(("ppt/charts/", "ppt/embeddings/"))]
    assert len(charts) == 3 * len(chart_slides(library_workshop(name)))  # chart, its rels, its workbook
    for part in charts:
        if part.endswith(".rels"):
            assert _relationships(ours.read(part)) == _relationships(theirs.read(part)), part
