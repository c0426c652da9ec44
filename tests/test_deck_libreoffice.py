"""Decks opened by a real client: LibreOffice converts them, one PDF page per slide, no text outside its box."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.deck_support import (
    build_deck,
    compiled_variant,
    soffice,
    to_pdf,
    words_by_page,
)
from workshopgen.compile import Compiled
from workshopgen.deck_template import Frame, deck_geometry
from workshopgen.layout.compose import context
from workshopgen.layout.kinds import compose

EMU_PER_PT = 12700
TOLERANCE = 4.0  # points: glyph overhang and anti-aliasing at a box's edge




@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Compiled, Path]]:
    soffice()
    root = tmp_path_factory.mktemp("lo")
    decks = {}
    for variant in ("fixture", "crowded", "team"):
        compiled = compiled_variant(root, variant)
        path = root / f"{variant}-deck.pptx"
        path.write_bytes(build_deck(compiled))
        decks[variant] = (compiled, path)
    pdfs = to_pdf([path for _, path in decks.values()], root / "pdf")
    return {variant: (compiled, pdf) for (variant, (compiled, _)), pdf in zip(decks.items(), pdfs, strict=True)}


@pytest.mark.parametrize("variant", ["fixture", "crowded", "team"])
def test_one_pdf_page_per_slide(converted: dict[str, tuple[Compiled, Path]], variant: str) -> None:
    compiled, pdf = converted[variant]
    assert len(words_by_page(pdf)) == len(compiled.plan.slides)


def _inside(word: tuple[float, float, float, float, str], frames: list[Frame]) -> bool:
    x0, y0, x1, y1, _ = word
    return any(f.left / EMU_PER_PT - TOLERANCE <= x0 and x1 <= (f.left + f.width) / EMU_PER_PT + TOLERANCE
               and f.top / EMU_PER_PT - TOLERANCE <= y0 and y1 <= (f.top + f.height) / EMU_PER_PT + TOLERANCE
               for f in frames)


@pytest.mark.parametrize("variant", ["fixture", "crowded", "team"])
def test_no_text_runs_outside_its_box(converted: dict[str, tuple[Compiled, Path]], variant: str) -> None:
    compiled, pdf = converted[variant]
    plan = compiled.plan
    geometry = deck_geometry(plan.workshop, compiled.assets)
    ctx = context(geometry, plan.workshop.language, plan.resources)
    for slide, words in zip(plan.slides, words_by_page(pdf), strict=True):
        composition = compose(slide, ctx)
        frames = [block.frame for block in composition.blocks]
        number = geometry.role(composition.role).slide_number
        if number is not None:
            frames.append(number.frame)
        outside = [w[4] for w in words if not _inside(w, frames)]
        assert not outside, f"slide {slide.number} \"{slide.title}\": {' '.join(outside)[:200]}"
        assert words, f"slide {slide.number} shows no text"


def test_text_a_facilitator_adds_shrinks_to_stay_in_its_box(converted: dict[str, tuple[Compiled, Path]],
                                                            tmp_path: Path) -> None:
    """Editing a built deck as a facilitator would: more points on a full slide still fit when shown."""
    from pptx import Presentation

    compiled, _ = converted["fixture"]
    plan = compiled.plan
    [planned] = [s for s in plan.slides if s.title == "What we know about spread"]
    deck = Presentation(io.BytesIO(build_deck(compiled)))
    body = next(ph for ph in deck.slides[planned.number - 1].placeholders if ph.placeholder_format.idx == 1)
    for n in range(1, 9):
        body.text_frame.add_paragraph().text = f"An extra point added in PowerPoint, number {n}, to see it shrink"
    edited = tmp_path / "edited.pptx"
    deck.save(edited)
    [pdf] = to_pdf([edited], tmp_path / "pdf")
    words = words_by_page(pdf)[planned.number - 1]
    ctx = context(deck_geometry(plan.workshop, compiled.assets), plan.workshop.language, plan.resources)
    frame = next(b.frame for b in compose(planned, ctx).blocks if b.key == "body")
    added = [w for w in words if w[4] == "shrink"]
    assert len(added) == 8, "every added point is shown"
    assert all(_inside(w, [frame]) for w in added), [w for w in added if not _inside(w, [frame])]
