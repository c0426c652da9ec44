"""Property tests: whatever a file holds, workshopgen either works or names the line to fix.

Three families of input: text and bytes that look a little like YAML; the library's own workshop
files (and the fixture's) with random mutations, compiled whole; and random team overlays on the
fixture workshop. The property is the same for all: the run succeeds, or every problem it
reports carries a location inside the file it names. Any other exception is a bug.

Each test runs a CI-sized number of examples; set WORKSHOPGEN_FUZZ_EXAMPLES for a long run
(see docs/fuzzing.md).
"""

from __future__ import annotations

import copy
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.paths import FIXTURE_PROJECT, REPO
from workshopgen.compile import Compiler
from workshopgen.errors import Problem, ProblemLog, WorkshopgenError
from workshopgen.load import DataPath, Document, load, parse
from workshopgen.project import Project

LONG_RUN = int(os.environ.get("WORKSHOPGEN_FUZZ_EXAMPLES", "0"))


def fuzz_settings(ci_examples: int) -> settings:
    return settings(
        max_examples=LONG_RUN or ci_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )


# ---------------------------------------------------------------- the property


LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as the end of a line


def _line_count(path: Path, texts: dict[Path, str]) -> int | None:
    if path in texts:
        return len(LINE_BREAK.findall(texts[path])) + 1
    try:
        return len(LINE_BREAK.findall(path.read_bytes().decode("utf-8", "replace"))) + 1
    except OSError:
        return None


def assert_located(problems: list[Problem], texts: dict[Path, str] | None = None) -> None:
    """Every problem names a line and column, inside its file when the file (or its text) is known."""
    for problem in problems:
        where = problem.location
        assert where.line >= 1 and where.column >= 1, f"no usable location: {problem}"
        lines = _line_count(where.path, texts or {})
        # A value missing at the very end of a file is placed just after its last line.
        if lines is not None:
            assert where.line <= lines + 1, f"line {where.line} is past the end ({lines} lines): {problem}"


def expect_success_or_located_error(run: Callable[[], object], texts: dict[Path, str] | None = None) -> object:
    try:
        return run()
    except WorkshopgenError as error:
        assert error.problems
        assert_located(error.problems, texts)
        return None


def compile_checked(project: Project, path: Path, overlay: Path | None = None) -> None:
    log = ProblemLog()
    compiled = expect_success_or_located_error(lambda: Compiler(project).compile(path, log, overlay))
    assert_located(log.problems)
    if compiled is None:
        assert log.errors, "compiling failed without saying why"


def _paths(value: Any, at: DataPath = ()) -> Iterator[DataPath]:
    yield at
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*at, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _paths(item, (*at, n))


def assert_source_map_complete(document: Document, text: str) -> None:
    lines = len(LINE_BREAK.findall(text)) + 1
    for path in _paths(document.data):
        assert 1 <= document.locate(path).line <= lines + 1


# ---------------------------------------------------------------- odd values

ODD_STRINGS = [
    "", " ", "\t", "\u200b", "\u202eevil", "\ufeff", "\u2028", "\x85", "e\u0301", "🙂🙂", "日本語", "Ⅻ",
    "x" * 5000, "1" * 5000, "9" * 40, "0x" + "f" * 4000, "12:30", "25:99", "24:00", "2027-02-30", "0001-01-01",
    "#GGGGGG", "#005eb8", "http://", "https://", "https://exa mple.org", "mailto:someone@nhs.net", "javascript:x",
    "../../etc/passwd", "/etc/passwd", "assets/", "assets\\logo.png", "a" * 300 + ".png",
    "assets/" + "a" * 300 + ".png", "assets/logo.png", "assets/diagram.png", "assets/logo.gif",
    "true", "null", "~", ".nan", "-.inf", "sample", "welcome", "one-two-four-all", "../sample", "x\x00y", "\x07",
    "a" * 300, "methods", "../../../../etc/hostname", ".", "-", "CON", "sample.yaml",
]
KEY_WORDS = [
    "id", "kind", "title", "type", "minutes", "at", "method", "extends", "remove", "insert_after", "insert_before",
    "url", "verified", "agenda", "slides", "resources", "materials", "image", "alt", "path", "logo", "template",
    "layouts", "colours", "primary", "feedback_url", "feedback_email", "date", "start", "duration", "language",
    "group_size", "min", "max", "steps", "do", "say", "bullets", "left", "right", "questions", "<<", "",
]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.integers(10**18, 10**60), st.floats(),
    st.sampled_from(ODD_STRINGS), st.text(max_size=12),
)
ODD_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEY_WORDS), inner, max_size=3),
    max_leaves=6,
)
TAGS = [
    "!!python/object:os.system", "!!python/object/apply:os.system", "!!python/name:os.system", "!!binary",
    "!!str", "!!int", "!!float", "!!map", "!!set", "!!timestamp", "!custom", "!", "!<tag:yaml.org,2002:str>",
]
INSERTS = st.one_of(
    st.sampled_from([
        "\x00", "\x01", "\x1b[31m", "\x7f", "\t", "\r", "\r\n", "\u2028", "\x85", "\ufeff", "\u200d", "\u202e",
        "\U0001f600", "\\", '"', "'", ":", ": ", "- ", "#", "&", "*", "!", "|", ">", "%", "@", "`", "{", "}",
        "[", "]", ",", "?", "---\n", "...\n", "\n  ", "\n- ", "x" * 3000, "1" * 5000, '"\\x01"', '"\\0"',
        '"\\ud800"', '"\\U0001F600"',
    ]),
    st.text(max_size=8),
)


# ---------------------------------------------------------------- (a) text and bytes

YAML_PIECES = [
    "id", "title", "agenda", "resources", "url", ":", ": ", "- ", "\n", "  ", "    ", "[", "]", "{", "}", ",",
    "&a ", "*a", "*b", "&a [*a]", "!!python/object:os.system ", "!tag ", "!!str ", "? ", "|", ">-", "---",
    "...", "%YAML 1.2\n", "%TAG ! tag:x,2000:\n", "#", "'", '"', "\\", "\t", "0x1F", "0o17", ".nan", ".NaN",
    ".inf", "-.inf", "1e999", "12:30", "2026-10-01", "~", "null", "true", "no", "<<: *a", "\ufeff", "\u2028",
    "\x85", "é", "🙂", "\x00", "\x07", '"\\x01"', '"\\ud800"', "9" * 40, "1" * 5000, "0x" + "f" * 4000,
]
YAMLISH = st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=4)), max_size=40).map("".join)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@fuzz_settings(300)
@given(text=YAMLISH)
def test_yamlish_text_parses_or_fails_with_a_location(text: str, scratch: Path) -> None:
    path = scratch / "text.yaml"
    document = expect_success_or_located_error(lambda: parse(text, path), {path: text})
    if isinstance(document, Document):
        assert isinstance(document.data, dict)
        assert_source_map_complete(document, text)
    path.write_bytes(text.encode("utf-8"))
    expect_success_or_located_error(lambda: load(path))


@fuzz_settings(150)
@given(raw=st.binary(max_size=300) | YAMLISH.map(str.encode),
       noise=st.binary(max_size=4), at=st.integers(min_value=0))
def test_random_bytes_load_or_fail_with_a_location(raw: bytes, noise: bytes, at: int, scratch: Path) -> None:
    cut = at % (len(raw) + 1)
    path = scratch / "bytes.yaml"
    path.write_bytes(raw[:cut] + noise + raw[cut:])
    expect_success_or_located_error(lambda: load(path))


# ---------------------------------------------------------------- (b) mutated library files

Draw = Callable[[st.SearchStrategy[Any]], Any]


def _parent(data: Any, path: DataPath) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _pick(draw: Draw, paths: list[DataPath]) -> DataPath | None:
    return draw(st.sampled_from(paths)) if paths else None


def delete_entry(data: Any, draw: Draw) -> None:
    path = _pick(draw, [p for p in _paths(data) if p])
    if path is not None:
        del _parent(data, path)[path[-1]]


def change_type(data: Any, draw: Draw) -> None:
    path = _pick(draw, [p for p in _paths(data) if p])
    if path is not None:
        _parent(data, path)[path[-1]] = draw(ODD_VALUES)


def duplicate_item(data: Any, draw: Draw) -> None:
    path = _pick(draw, [p for p in _paths(data) if isinstance(_get(data, p), list) and _get(data, p)])
    if path is not None:
        items = _get(data, path)
        n = draw(st.integers(0, len(items) - 1))
        items.insert(n, copy.deepcopy(items[n]))


def swap_number_and_text(data: Any, draw: Draw) -> None:
    leaves = [p for p in _paths(data) if p and isinstance(_get(data, p), (int, float, str))]
    path = _pick(draw, leaves)
    if path is None:
        return
    value = _get(data, path)
    if isinstance(value, str):
        replacement = draw(st.integers(-5, 10**9) | st.floats() | st.just(10**40))
    else:
        replacement = draw(st.sampled_from([str(value), "ten", "15 minutes", "", "1,5", f"{value} "]))
    _parent(data, path)[path[-1]] = replacement


def rename_key(data: Any, draw: Draw) -> None:
    path = _pick(draw, [p for p in _paths(data) if p and isinstance(p[-1], str)])
    if path is None:
        return
    parent, key = _parent(data, path), path[-1]
    new = draw(st.sampled_from([key[:-1], key.upper(), key + "s", key.replace("_", "-"), *KEY_WORDS]))
    parent[new] = parent.pop(key)


def add_key(data: Any, draw: Draw) -> None:
    path = _pick(draw, [p for p in _paths(data) if isinstance(_get(data, p), dict)])
    if path is not None:
        _get(data, path)[draw(st.sampled_from(KEY_WORDS) | st.text(min_size=1, max_size=6))] = draw(ODD_VALUES)


# Values that name a file, an item or a time: where a bad value travels furthest before it is caught.
REFERENCE_KEYS = frozenset({
    "id", "method", "extends", "image", "path", "template", "resource", "resources", "materials", "url",
    "feedback_url", "at", "start", "date", "insert_after", "insert_before", "remove", "type", "language",
})


def _replace_under(data: Any, draw: Draw, names: frozenset[str], values: st.SearchStrategy[Any]) -> None:
    # The key first, then one of its places, so a key used once is as likely as `id`, used everywhere.
    places = [p for p in _paths(data) if p and p[-1] in names]
    keys = sorted({str(p[-1]) for p in places})
    key = draw(st.sampled_from(keys)) if keys else None
    path = _pick(draw, [p for p in places if p[-1] == key])
    if path is not None:
        _parent(data, path)[path[-1]] = draw(values)


def odd_reference(data: Any, draw: Draw) -> None:
    _replace_under(data, draw, REFERENCE_KEYS, st.sampled_from(ODD_STRINGS) | ODD_VALUES)


# Values that name a file: each is joined to a folder and looked up on disk.
FILE_KEYS = frozenset({"method", "extends", "image", "path", "template", "logo"})
FILE_VALUES = [
    "a" * 300, "assets/" + "a" * 300 + ".png", "../sample", "../../../../etc/hostname", "/etc/hostname",
    "assets", "methods", "sample.yaml", "", ".",
]


def odd_file_reference(data: Any, draw: Draw) -> None:
    _replace_under(data, draw, FILE_KEYS, st.sampled_from(FILE_VALUES))


def _get(data: Any, path: DataPath) -> Any:
    for part in path:
        data = data[part]
    return data


DATA_MUTATIONS = [delete_entry, change_type, duplicate_item, swap_number_and_text, rename_key, add_key, odd_reference,
                  odd_file_reference]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _value_lines(lines: list[str]) -> list[int]:
    return [n for n, line in enumerate(lines) if re.match(r"^\s*(?:- )?[\w-]+: \S", line)]


def reindent(text: str, draw: Draw) -> str:
    lines = _lines(text)
    n = draw(st.integers(0, len(lines) - 1))
    change = draw(st.sampled_from(["add", "remove", "tab", "flush"]))
    line = lines[n]
    if change == "add":
        lines[n] = " " * draw(st.integers(1, 3)) + line
    elif change == "remove":
        lines[n] = line[min(draw(st.integers(1, 3)), len(line) - len(line.lstrip(" "))):]
    elif change == "tab":
        lines[n] = "\t" + line
    else:
        lines[n] = line.lstrip()
    return "\n".join(lines)


def insert_text(text: str, draw: Draw) -> str:
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(INSERTS) + text[at:]


def add_tag(text: str, draw: Draw) -> str:
    lines = _lines(text)
    candidates = _value_lines(lines)
    if not candidates:
        return text
    n = draw(st.sampled_from(candidates))
    lines[n] = lines[n].replace(": ", f": {draw(st.sampled_from(TAGS))} ", 1)
    return "\n".join(lines)


def add_alias(text: str, draw: Draw) -> str:
    lines = _lines(text)
    candidates = _value_lines(lines)
    if not candidates:
        return text
    n = draw(st.sampled_from(candidates))
    key, _, value = lines[n].partition(": ")
    form = draw(st.sampled_from(["anchor-and-alias", "undefined", "recursive-list", "recursive-map", "merge"]))
    if form == "anchor-and-alias":
        lines[n] = f"{key}: &fuzz {value}"
        m = draw(st.sampled_from(candidates))
        other_key, _, _ = lines[m].partition(": ")
        lines[m] = f"{other_key}: *fuzz"
    elif form == "undefined":
        lines[n] = f"{key}: *nowhere"
    elif form == "recursive-list":
        lines[n] = f"{key}: &loop [*loop]"
    elif form == "recursive-map":
        lines[n] = f"{key}: &loop {{again: *loop}}"
    else:
        indent = len(key) - len(key.lstrip(" -"))
        lines[n] = f"{key}: &fuzz {{title: Merged}}"
        lines.insert(n + 1, " " * indent + "<<: *fuzz")
    return "\n".join(lines)


def duplicate_or_drop_line(text: str, draw: Draw) -> str:
    lines = _lines(text)
    n = draw(st.integers(0, len(lines) - 1))
    if draw(st.booleans()):
        lines.insert(n, lines[n])
    else:
        del lines[n]
    return "\n".join(lines)


def number_to_word(text: str, draw: Draw) -> str:
    numbers = list(re.finditer(r"(?<![\w.-])\d+(?![\w.:-])", text))
    if not numbers:
        return text
    match = draw(st.sampled_from(numbers))
    word = draw(st.sampled_from(["ten", "1.5", "-5", "0x10", "0o7", "1e3", ".nan", ".inf", "''", "9" * 40, "1" * 5000]))
    return text[:match.start()] + word + text[match.end():]


def truncate(text: str, draw: Draw) -> str:
    return text[:draw(st.integers(0, len(text)))]


TEXT_MUTATIONS = [reindent, insert_text, add_tag, add_alias, duplicate_or_drop_line, number_to_word, truncate]


@dataclass(frozen=True)
class Target:
    """A file to mutate, and the workshops or overlays to compile once it has changed."""

    library: str
    file: str
    compile: tuple[str, ...]


def _targets_in(library: str, root: Path) -> list[Target]:
    project = Project(root)
    texts = {p: p.read_text(encoding="utf-8", errors="replace") for p in project.library()}
    targets = []
    for path in project.library():
        pattern = re.compile(rf"^extends:\s*{re.escape(path.stem)}\s*$", re.M)
        extends_it = [q for q, text in texts.items() if pattern.search(text)]
        to_compile = [path] + (extends_it if path.parent == project.workshops_dir else [])
        targets.append(Target(library, str(path.relative_to(root)),
                              tuple(str(p.relative_to(root)) for p in to_compile)))
    for card in sorted(project.methods_dir.glob("*.yaml")) if project.methods_dir.is_dir() else []:
        users = [p for p, text in texts.items() if re.search(rf"method:\s*{re.escape(card.stem)}\b", text)]
        if users:
            targets.append(Target(library, str(card.relative_to(root)),
                                  tuple(str(p.relative_to(root)) for p in users[:3])))
    return targets


def _library_folders() -> list[str]:
    return [name for name in ("workshops", "teams", "assets") if (REPO / name).is_dir()]


# The real library grows while it is written; whatever exists when the tests start is fuzzed too.
MUTATION_TARGETS = _targets_in("fixture", FIXTURE_PROJECT) + (
    _targets_in("library", REPO) if (REPO / "workshops").is_dir() else [])


@pytest.fixture(scope="module")
def libraries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    fixture = tmp_path_factory.mktemp("fixture") / "project"
    shutil.copytree(FIXTURE_PROJECT, fixture)
    library = tmp_path_factory.mktemp("library") / "project"
    library.mkdir()
    for name in _library_folders():
        shutil.copytree(REPO / name, library / name)
    return {"fixture": fixture, "library": library}


def mutate(text: str, draw: Draw) -> str:
    for _ in range(draw(st.integers(1, 3))):
        try:
            data = parse(text, Path("mutating.yaml")).data
        except WorkshopgenError:
            break
        draw(st.sampled_from(DATA_MUTATIONS))(data, draw)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    for _ in range(draw(st.integers(0, 2))):
        text = draw(st.sampled_from(TEXT_MUTATIONS))(text, draw)
    return text


def test_every_mutation_target_exists() -> None:
    assert any(t.library == "fixture" and t.file == "workshops/sample.yaml" for t in MUTATION_TARGETS)
    assert any(t.library == "fixture" and t.file.startswith("workshops/methods/") for t in MUTATION_TARGETS)


@fuzz_settings(150)
@given(target=st.sampled_from(MUTATION_TARGETS), data=st.data())
def test_mutated_workshops_compile_or_fail_with_a_location(target: Target, data: st.DataObject,
                                                            libraries: dict[str, Path]) -> None:
    root = libraries[target.library]
    path = root / target.file
    original = path.read_bytes()
    try:
        path.write_bytes(mutate(original.decode("utf-8"), data.draw).encode("utf-8"))
        project = Project(root)
        for name in target.compile:
            compile_checked(project, root / name)
    finally:
        path.write_bytes(original)


# ---------------------------------------------------------------- (c) random overlays

FIXTURE_WORKSHOP = load(FIXTURE_PROJECT / "workshops" / "sample.yaml").data


def _ids(name: str) -> list[str]:
    return [item["id"] for item in FIXTURE_WORKSHOP.get(name, [])]


AGENDA_IDS = _ids("agenda")
EVERY_ID = AGENDA_IDS + _ids("materials") + _ids("resources")
def mostly(usual: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Usually a value a team might write, now and then an odd one, so most overlays reach the plan."""
    return st.sampled_from([True] * 7 + [False]).flatmap(lambda usually: usual if usually else odd)


PLAIN_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=30)
SOME_TEXT = mostly(PLAIN_TEXT, st.sampled_from(ODD_STRINGS))
SOME_ID = mostly(st.sampled_from([*EVERY_ID, "new-item"]), ODD_VALUES)
AGENDA_ID = mostly(st.sampled_from(AGENDA_IDS), SOME_ID)
RESOURCE_ID = mostly(st.sampled_from(_ids("resources")), SOME_ID)
MATERIAL_ID = mostly(st.sampled_from(_ids("materials")), SOME_ID)
SOME_MINUTES = mostly(st.integers(0, 30), st.integers(-5, 700) | ODD_VALUES)
CLOCK = mostly(st.sampled_from(["08:30", "09:00", "10:30", "11:30", "13:00", "23:50"]),
               st.sampled_from(["12:60", "noon", "7", "24:00"]) | ODD_VALUES)
TEXT_LIST = mostly(st.lists(SOME_TEXT, min_size=1, max_size=3), ODD_VALUES)


def _slide(kind: str, **fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"type": st.just(kind), "title": SOME_TEXT, **fields},
                                 optional={"notes": SOME_TEXT})


COLUMN = st.fixed_dictionaries({"heading": SOME_TEXT, "bullets": TEXT_LIST})
SLIDES = st.one_of(
    _slide("title"), _slide("section", subtitle=SOME_TEXT), _slide("bullets", bullets=TEXT_LIST),
    _slide("two-column", left=mostly(COLUMN, ODD_VALUES), right=COLUMN), _slide("quote", quote=SOME_TEXT),
    _slide("image", image=mostly(st.just("assets/diagram.png"), st.sampled_from(ODD_STRINGS + FILE_VALUES)),
           alt=SOME_TEXT),
    _slide("resource", resource=RESOURCE_ID), _slide("video", resource=RESOURCE_ID),
    _slide("activity", instructions=TEXT_LIST, minutes=SOME_MINUTES, group=SOME_TEXT),
    _slide("discussion", questions=TEXT_LIST),
    st.dictionaries(st.sampled_from(KEY_WORDS), ODD_VALUES, max_size=4),
)
PLACEMENT = {"insert_after": AGENDA_ID, "insert_before": AGENDA_ID}
AGENDA_PATCH = st.fixed_dictionaries(
    {"id": AGENDA_ID},
    optional={**PLACEMENT, "minutes": SOME_MINUTES, "title": SOME_TEXT, "at": CLOCK,
              "slides": st.lists(SLIDES, max_size=2),
              "kind": mostly(st.sampled_from(["talk", "break", "exercise"]), ODD_VALUES),
              "method": mostly(st.just("one-two-four-all"), st.sampled_from(["missing-card", *FILE_VALUES]))},
)
NEW_AGENDA_ITEM = st.fixed_dictionaries(
    {"id": st.sampled_from(["local-story", "extra"]), "kind": st.sampled_from(["talk", "discussion", "break"]),
     "title": SOME_TEXT, "minutes": SOME_MINUTES},
    optional={**PLACEMENT, "slides": st.lists(SLIDES, max_size=2), "method": st.just("one-two-four-all"),
              "materials": st.lists(MATERIAL_ID, max_size=2), "resources": st.lists(RESOURCE_ID, max_size=2)},
)
RESOURCE_PATCH = st.fixed_dictionaries(
    {"id": RESOURCE_ID},
    optional={"title": SOME_TEXT, "verified": mostly(st.booleans(), ODD_VALUES),
              "url": mostly(st.just("https://example.org/a"), st.sampled_from(ODD_STRINGS))},
)
NEW_RESOURCE = st.fixed_dictionaries(
    {"id": st.just("local-guide"), "kind": mostly(st.sampled_from(["tool", "video"]), ODD_VALUES), "title": SOME_TEXT,
     "publisher": SOME_TEXT, "url": mostly(st.just("https://example.org/guide"), st.sampled_from(ODD_STRINGS))},
    optional={"verified": st.booleans(), "insert_before": RESOURCE_ID},
)
OVERLAYS = st.fixed_dictionaries(
    {"extends": mostly(st.just("sample"), st.sampled_from(["missing", "../workshops/sample"]) | ODD_VALUES)},
    optional={
        "id": mostly(st.sampled_from(["sample-north", "sample-south"]), st.sampled_from(["sample", "Bad Id"])),
        "language": mostly(st.sampled_from(["en", "cy"]), ODD_VALUES),
        "start": CLOCK,
        "duration": mostly(st.integers(150, 400), SOME_MINUTES),
        "remove": mostly(st.lists(mostly(st.sampled_from(EVERY_ID), SOME_ID), max_size=2), ODD_VALUES),
        "agenda": mostly(st.lists(AGENDA_PATCH | NEW_AGENDA_ITEM, max_size=4), ODD_VALUES),
        "resources": mostly(st.lists(RESOURCE_PATCH | NEW_RESOURCE, max_size=2), ODD_VALUES),
        "materials": st.lists(st.fixed_dictionaries({"id": MATERIAL_ID}, optional={"quantity": SOME_MINUTES}),
                              max_size=2),
        "event": st.fixed_dictionaries({}, optional={
            "venue": SOME_TEXT, "date": mostly(st.just("2027-05-01"), SOME_TEXT),
            "facilitators": st.lists(st.fixed_dictionaries({"name": SOME_TEXT}), max_size=2)}),
        "branding": st.fixed_dictionaries({}, optional={
            "organisation": SOME_TEXT,
            "logo": st.fixed_dictionaries({"path": mostly(st.just("assets/logo.png"), st.sampled_from(FILE_VALUES)),
                                           "alt": SOME_TEXT}),
            "colours": st.fixed_dictionaries({"primary": mostly(st.just("#003087"), st.sampled_from(
                ["#FFFFFF", "#GGGGGG", "#fff", "blue"]))})}),
        "title": SOME_TEXT,
    },
)


@fuzz_settings(150)
@given(overlay=OVERLAYS, team=st.sampled_from(["north", "Pen y Bont", "x" * 80]), as_option=st.booleans())
def test_random_overlays_compile_or_fail_with_a_location(overlay: dict[str, Any], team: str, as_option: bool,
                                                          libraries: dict[str, Path]) -> None:
    root = libraries["fixture"]
    folder = root / "teams" / team
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sample.yaml"
    path.write_text(yaml.safe_dump(overlay, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        project = Project(root)
        if as_option:
            compile_checked(project, root / "workshops" / "sample.yaml", overlay=path)
        else:
            compile_checked(project, path)
    finally:
        shutil.rmtree(folder)
