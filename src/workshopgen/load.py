"""Read a YAML file into plain data and a source map (data path -> file:line:col).

Only a safe, small YAML is accepted: no tags, one document, bounded nesting and alias expansion,
and YAML 1.2 core scalars, so `12:30` stays a time and `no` stays a word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner
from yaml.tokens import ScalarToken

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: the checked composer does all the work
    CParser = None  # type: ignore[assignment, misc]

from .errors import Location, Problem, WorkshopgenError

DataPath = tuple[str | int, ...]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 64
MAX_NODES = 100_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of a document stands in its file."""

    values: dict[DataPath, Location] = field(default_factory=dict)
    keys: dict[DataPath, Location] = field(default_factory=dict)

    def locate(self, path: DataPath, *, key: bool = False) -> Location:
        """The place of `path`, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in table:
                return table[prefix]
            if prefix in self.values:
                return self.values[prefix]
        raise KeyError(path)

    def rebased(self, old: DataPath, new: DataPath) -> SourceMap:
        """The entries under `old`, moved to stand under `new`."""
        n = len(old)
        return SourceMap(
            {new + p[n:]: loc for p, loc in self.values.items() if p[:n] == old},
            {new + p[n:]: loc for p, loc in self.keys.items() if p[:n] == old},
        )

    def update(self, other: SourceMap) -> None:
        self.values.update(other.values)
        self.keys.update(other.keys)

    def drop(self, prefix: DataPath) -> None:
        n = len(prefix)
        for table in (self.values, self.keys):
            for p in [p for p in table if p[:n] == prefix]:
                del table[p]


@dataclass
class Document:
    """A loaded YAML mapping with the places of its values."""

    path: Path
    data: dict[str, Any]
    source: SourceMap
    # Agenda items a team's overlay removed, so later checks can find text that still names them.
    removed: list[dict[str, Any]] = field(default_factory=list)

    def locate(self, path: DataPath, *, key: bool = False) -> Location:
        return self.source.locate(path, key=key)


class _CoreResolver(BaseResolver):
    """YAML 1.2 core schema: only null, booleans, integers and floats are implied."""


_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


class _Problem(Exception):
    def __init__(self, mark: Any, message: str, hint: str = "") -> None:
        self.mark = mark
        self.message = message
        self.hint = hint


class _SafeComposer(Reader, Scanner, Parser, Composer, _CoreResolver):
    """PyYAML's composer, refusing tags and bounding depth before any object is built."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _CoreResolver.__init__(self)
        self._depth = 0

    def scan_plain(self) -> ScalarToken:
        """PyYAML's plain-scalar scanner, letting `?` stand inside [...] as YAML 1.2 does.

        Facilitators write questions in lists (`debrief: [What changed?]`); PyYAML alone ends the
        scalar at the `?` and reports a syntax error the author cannot see a reason for.
        """
        chunks: list[Any] = []
        start_mark = self.get_mark()
        end_mark = start_mark
        indent = self.indent + 1
        spaces: list[Any] = []
        breaks = "\0 \t\r\n\x85\u2028\u2029"
        while True:
            length = 0
            if self.peek() == "#":
                break
            while True:
                ch = self.peek(length)
                if (ch in breaks
                        or (ch == ":" and self.peek(length + 1) in breaks + (",[]{}" if self.flow_level else ""))
                        or (self.flow_level and ch in ",[]{}")):
                    break
                length += 1
            if length == 0:
                break
            self.allow_simple_key = False
            chunks.extend(spaces)
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self.scan_plain_spaces(indent, start_mark) or []
            if not spaces or self.peek() == "#" or (not self.flow_level and self.column < indent):
                break
        return ScalarToken("".join(chunks), True, start_mark, end_mark)

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _Problem(
                event.start_mark,
                f"YAML tags such as `{tag}` are not allowed",
                "remove the tag; workshop files hold plain text, numbers, lists and mappings",
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Problem(
                event.start_mark,
                f"the file nests more than {MAX_DEPTH} levels deep",
                "workshop files need only a few levels; check the indentation",
            )
        try:
            node: Node | None = super().compose_node(parent, index)
            assert node is not None  # PyYAML returns None only at the end of a stream
            return node
        finally:
            self._depth -= 1


def _loc(path: Path, mark: Any) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def _position(text: str | bytes, offset: int) -> tuple[int, int]:
    before = text[:offset]
    newline = "\n" if isinstance(before, str) else b"\n"
    line = before.count(newline) + 1  # type: ignore[arg-type]
    column = offset - (before.rfind(newline) + 1) + 1  # type: ignore[arg-type]
    return line, column


def _fail(path: Path, line: int, column: int, message: str, hint: str) -> WorkshopgenError:
    return WorkshopgenError([Problem(Location(path, line, column), message, hint)])


def read_text(path: Path) -> str:
    """The file as text, refusing what is not a small UTF-8 text file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _fail(path, 1, 1, "file not found", "check the path and file name") from None
    except IsADirectoryError:
        raise _fail(path, 1, 1, "this is a folder, not a YAML file", "name a .yaml file") from None
    except OSError as exc:
        raise _fail(path, 1, 1, f"cannot read the file ({exc.strerror})", "check it") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _fail(
            path, 1, 1, f"the file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}",
            "split the workshop or remove pasted material",
        )
    if b"\x00" in raw:
        line, col = _position(raw, raw.index(b"\x00"))
        raise _fail(path, line, col, "the file contains a NUL byte", "save it as plain UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(raw, exc.start)
        raise _fail(
            path, line, col, "the file is not valid UTF-8 text",
            "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)",
        ) from None
    text = text.removeprefix("\ufeff")
    bad = _CONTROL.search(text)
    if bad:
        line, col = _position(text, bad.start())
        raise _fail(
            path, line, col, f"the file contains the control character U+{ord(bad.group()):04X}",
            "delete it; it is invisible in most editors, so retype the text around it",
        )
    return text


_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    ("'\\t'", "indent with spaces, not tabs"),
    ("mapping values are not allowed", "put a space after each colon, and quote text that contains ': '"),
    ("could not find expected ':'", "every line of a mapping needs `key: value`; check the line above"),
    ("expected a single document", "a workshop file holds one document; remove the extra `---`"),
    ("found undefined alias", "an `*alias` needs a matching `&anchor` earlier in the file"),
    ("expected ',' or ']'", "inside [square brackets], quote items that hold commas, colons or question marks"),
    ("expected ',' or '}'", "inside {braces}, quote values that hold commas, colons or question marks"),
    ("did not find expected key", "check the indentation: items of one list line up"),
    ("did not find expected '-'", "check the indentation: items of one list line up"),
)


def _syntax_hint(message: str) -> str:
    for needle, hint in _SYNTAX_HINTS:
        if needle in message:
            return hint
    return "check the indentation, and quote text that starts with a symbol such as `*`, `&` or `@`"


if CParser is not None:

    class _FastComposer(CParser, _CoreResolver):
        """libyaml's parser with the core-schema resolver."""

        def __init__(self, source: str) -> None:
            CParser.__init__(self, source)
            _CoreResolver.__init__(self)


def _compose_fast(text: str) -> Node | None:
    """Compose with libyaml when it is there, or None when the checked composer must look.

    libyaml is some twenty times faster, but it cannot bound depth or refuse tags as it goes, so
    its tree is inspected afterwards; anything unusual is composed again by `_SafeComposer`,
    which reports the problem at its exact place.
    """
    if CParser is None:
        return None
    try:
        node: Node | None = _FastComposer(text).get_single_node()
    except (yaml.YAMLError, RecursionError):
        return None
    if node is None:
        return None
    stack: list[tuple[Node, int]] = [(node, 1)]
    seen: set[int] = set()
    while stack:
        current, depth = stack.pop()
        if depth > MAX_DEPTH or current.tag not in _PLAIN_TAGS:
            return None
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, SequenceNode):
            stack.extend((child, depth + 1) for child in current.value)
        elif isinstance(current, MappingNode):
            for key, value in current.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))
    return node


def parse(text: str, path: Path) -> Document:
    """Parse YAML text that must hold one mapping."""
    fast = _compose_fast(text)
    if fast is not None:
        return _document(fast, path)
    try:
        composer = _SafeComposer(text)
    except yaml.reader.ReaderError as exc:  # a character YAML refuses outright, such as U+FFFE or U+0080
        line, col = _position(text, exc.position)
        raise _fail(path, line, col,
                    f"the file contains the character U+{exc.character:04X}, which YAML does not allow",
                    "delete it; it is invisible in most editors, so retype the text around it") from None
    try:
        node = composer.get_single_node()
    except _Problem as exc:
        raise WorkshopgenError([Problem(_loc(path, exc.mark), exc.message, exc.hint)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or ""
        # PyYAML splits some messages in two ("expected a single document", "but found another").
        joined = f"{exc.context} {problem}" if problem.startswith("but") and exc.context else problem
        message = f"YAML syntax: {joined or exc.context}"
        location = _loc(path, mark) if mark else Location(path)
        raise WorkshopgenError([Problem(location, message, _syntax_hint(message))]) from None
    except yaml.YAMLError as exc:
        raise _fail(path, 1, 1, f"YAML error: {exc}", "save the file as plain UTF-8 text") from None
    finally:
        composer.dispose()
    return _document(node, path)


def _document(node: Node | None, path: Path) -> Document:
    if node is None:
        raise _fail(path, 1, 1, "the file is empty", "start from `workshopgen new ID --kind KIND`")
    if not isinstance(node, MappingNode):
        what = "a list" if isinstance(node, SequenceNode) else "a single value"
        raise WorkshopgenError([Problem(
            _loc(path, node.start_mark), f"the top level is {what}, not a mapping of keys",
            "a workshop file starts with keys such as `id:` and `title:` at the left margin",
        )])
    source = SourceMap()
    counter = [0]
    try:
        data = _convert(node, (), path, source, counter)
    except _Problem as exc:
        raise WorkshopgenError([Problem(_loc(path, exc.mark), exc.message, exc.hint)]) from None
    return Document(path, data, source)


def load(path: Path) -> Document:
    """Read and parse one YAML file."""
    return parse(read_text(path), path)


def _scalar_int(value: str) -> int:
    if len(value) > 100:  # far past any count a workshop holds, and past what Python will print
        raise ValueError(value)
    return int(value, 0) if value[:2] in ("0o", "0x") else int(value)


def _scalar_float(value: str) -> float:
    lowered = value.lower()
    if lowered == ".nan":
        return float("nan")
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    return float(value)


_SCALAR_TAGS = ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_SCALARS: dict[str, Callable[[str], Any]] = {
    "tag:yaml.org,2002:null": lambda _v: None,
    "tag:yaml.org,2002:bool": lambda v: v.lower() == "true",
    "tag:yaml.org,2002:int": _scalar_int,
    "tag:yaml.org,2002:float": _scalar_float,
}
_PLAIN_TAGS = frozenset({*_SCALAR_TAGS, "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})


# Escapes in double-quoted text (`"\\x01"`, `"\\0"`, `"\\ud800"`) can write what a file may not hold.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _text(node: ScalarNode) -> str:
    bad = _UNWRITABLE.search(node.value)
    if bad:
        raise _Problem(
            node.start_mark, f"the text holds the character U+{ord(bad.group()):04X}, which documents cannot show",
            "remove the escape that writes it, such as `\\x01` or `\\0`",
        )
    return str(node.value)


def _scalar(node: ScalarNode) -> Any:
    if node.tag not in _SCALARS:
        return _text(node)
    try:
        return _SCALARS[node.tag](node.value)
    except ValueError:  # an integer longer than `_scalar_int` reads
        raise _Problem(
            node.start_mark, f"this number has {len(node.value):,} characters, too many to read",
            "shorten it, or put it in quotes if it is text",
        ) from None


def _convert(node: Node, at: DataPath, path: Path, source: SourceMap, counter: list[int]) -> Any:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise _Problem(
            node.start_mark, f"the file expands to more than {MAX_NODES:,} values",
            "anchors and aliases (`&name`, `*name`) multiply what they repeat; write the values out",
        )
    source.values[at] = _loc(path, node.start_mark)
    if len(at) >= MAX_DEPTH:  # only an alias inside the node it names gets past the composer's own check
        raise _Problem(
            node.start_mark, f"the file nests more than {MAX_DEPTH} levels deep",
            "an alias (`*name`) inside the list or mapping its anchor (`&name`) marks repeats it without end",
        )
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_convert(child, at + (i,), path, source, counter) for i, child in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            raise _Problem(
                key_node.start_mark, "keys must be words such as `title`",
                "a key cannot be a number, a list or empty; check for a stray colon",
            )
        key = _text(key_node)
        if key in result:
            first = source.keys[at + (key,)]
            raise _Problem(
                key_node.start_mark, f"`{key}` is given twice in this mapping (first at line {first.line})",
                "keep one of them",
            )
        source.keys[at + (key,)] = _loc(path, key_node.start_mark)
        result[key] = _convert(value_node, at + (key,), path, source, counter)
    return result


def locate_text(where: Location, needle: str, *, within: int = 60) -> Location:
    """Where `needle` first appears in the file at or after `where`, so a message can point into a
    value (a `{field}` in a folded paragraph, say); `where` itself when it is not found nearby."""
    try:
        lines = where.path.read_text(encoding="utf-8").splitlines()[where.line - 1:where.line - 1 + within]
    except (OSError, UnicodeDecodeError):
        return where
    for n, line in enumerate(lines):
        column = line.find(needle, where.column - 1 if n == 0 else 0)
        if column >= 0:
            return Location(where.path, where.line + n, column + 1)
    return where


# Keys whose values are names, addresses, paths or ids, never words anyone reads; and keys whose
# lists may hold ids alone (an item's `materials: [flipchart]`) or whole entries with words in them.
NOT_PROSE = frozenset({"id", "url", "feedback_url", "feedback_email", "email", "image", "path", "template",
                       "method", "resource", "source", "type", "kind", "insert_after", "insert_before", "for",
                       "extends", "remove"})
ID_LISTS = frozenset({"materials", "resources", "figures", "principles"})


def prose(node: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str, dict[Any, Any] | list[Any], Any]]:
    """Every string of words in loaded data: its path, the text, and the mapping or list holding it
    with its key there, so a caller may put other text in its place."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in NOT_PROSE:
                continue
            if isinstance(value, str):
                yield path + (key,), value, node, key
            elif key in ID_LISTS and isinstance(value, list):
                for n, entry in enumerate(value):
                    if not isinstance(entry, str):
                        yield from prose(entry, path + (key, n))
            else:
                yield from prose(value, path + (key,))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            if isinstance(value, str):
                yield path + (n,), value, node, n
            else:
                yield from prose(value, path + (n,))
