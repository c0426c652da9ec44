"""One name for one thing across the library: café, the seven approaches as NHS Horizons publishes
them, the Welsh Ambulance Services NHS Trust, and method cards that agree with the items using them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.paths import REPO
from workshopgen.layout.diagrams import DIAGRAMS

# facts.md §1.2, exactly as published, capitals included.
APPROACHES = ("Building capacity and capability", "Networking, peer learning and collaboration",
              "Piloting and rolling out", "Coordinating through large scale engagement and national programmes",
              "Investing and Incentivising", "Governing and Assuring", "Identifying and communicating priorities")
# The trust's name when the falls work took place, and since April 2024 (facts.md §5, §10.4).
WAST_NAMES = ("Welsh Ambulance Services NHS Trust", "Welsh Ambulance Services University NHS Trust")


def _yaml_files() -> list[Path]:
    return sorted([*(REPO / "workshops").rglob("*.yaml"), *(REPO / "teams").rglob("*.yaml")])


def _strings(node: Any) -> Iterator[str]:
    """Every string in the data, whitespace made single; resources' titles are left out, as they
    are the publishers' own (a news headline may say "Welsh Ambulance Service")."""
    if isinstance(node, str):
        yield " ".join(node.split())
    elif isinstance(node, dict):
        for name, value in node.items():
            if name == "resources" and isinstance(value, list):
                for resource in value:
                    yield from _strings({k: v for k, v in resource.items() if k != "title"}
                                        if isinstance(resource, dict) else resource)
            else:
                yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def library_texts() -> list[tuple[str, str]]:
    """(file, text) for every string in the library's YAML, and for the docs and README."""
    texts = [(str(p.relative_to(REPO)), s) for p in _yaml_files()
             for s in _strings(yaml.safe_load(p.read_text(encoding="utf-8")))]
    for doc in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        texts.append((str(doc.relative_to(REPO)), " ".join(doc.read_text(encoding="utf-8").split())))
    return texts


def test_cafe_is_spelt_one_way() -> None:
    # Ids (`cafe-rounds`, `case-cafe`) are file and item names, not words people read.
    plain = re.compile(r"(?<![-\w])cafe(?![-\w])", re.IGNORECASE)
    assert [(f, t) for f, t in library_texts() if plain.search(t)] == []


def test_the_approaches_diagram_uses_the_published_names() -> None:
    assert tuple(item.label for item in DIAGRAMS["approaches"].items) == APPROACHES


@pytest.mark.parametrize("name", APPROACHES)
def test_each_approach_is_named_as_published_wherever_it_is_named(name: str) -> None:
    anywhere = re.compile(re.escape(name), re.IGNORECASE)
    wrong = [(f, found.group()) for f, t in library_texts() for found in anywhere.finditer(t)
             if found.group() != name]
    assert wrong == []


def test_no_approach_goes_by_a_shortened_name() -> None:
    shortened = re.compile(r"coordinating through national programmes|networking and peer learning(?!,)"
                           r"|governing and incentivising|building capability\b", re.IGNORECASE)
    assert [(f, t) for f, t in library_texts() if shortened.search(t)] == []


def test_the_welsh_ambulance_trust_has_one_name() -> None:
    mentions = [(f, t[found.start():found.start() + 45]) for f, t in library_texts()
                for found in re.finditer(r"Welsh Ambulance", t, re.IGNORECASE)]
    assert mentions, "the library tells the WAST falls story"
    assert [(f, m) for f, m in mentions if not m.startswith(WAST_NAMES)] == []


def test_cafe_items_keep_their_hosts_as_the_card_says() -> None:
    card = yaml.safe_load((REPO / "workshops" / "methods" / "cafe-rounds.yaml").read_text(encoding="utf-8"))
    assert any("Hosts stay put" in (step.get("say") or "") for step in card["steps"])
    changing = re.compile(r"new host|hosts? (?:change|swap)|(?:change|swap) (?:the )?hosts?", re.IGNORECASE)
    wrong = []
    for path in _yaml_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data.get("agenda") or []:
            if isinstance(item, dict) and item.get("method") == "cafe-rounds":
                wrong += [(path.name, item.get("id"), s) for s in _strings(item) if changing.search(s)]
    assert wrong == []
