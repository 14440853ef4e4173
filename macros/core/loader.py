"""The one strict YAML loader: every consumer reads data files through ``load_file``.

PyYAML's defaults (safe_load in PyYAML 6.0) are unsafe for hand-edited data: duplicate keys win silently,
``no`` becomes False, ``0123`` octal, ``12:30`` base 60, dates become ``datetime.date`` and aliases
expand (billion laughs). The file is read only if it is a plain file (``plainfile``), within the limits
(``limits``), without Git's conflict markers (``conflicts``) and without refused characters (``characters``);
its node tree comes from a resolver that knows only YAML 1.2 core scalars (``yamlparse``), and the plain values
are built here, remembering where each value stood so that every later message can name line and column.

Nothing a file contains may make the loader fail: each refusal is a Swedish message with line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import yamlparse
from .characters import REFUSED, character_problem, refused_characters
from .conflicts import conflict_markers
from .limits import MAX_BYTES, Position, long_lines, measure_tree, too_large
from .plainfile import read_plain, refusal, unreadable
from .problems import Problem
from .yamlmessages import problem_at

BOM = "\ufeff"

PathKey = tuple[Any, ...]  # keys and list indexes from the document root


@dataclass
class Document:
    """A loaded data file: its plain value and where each part of it stood."""

    path: str
    data: Any
    positions: dict[PathKey, Position] = field(default_factory=dict)
    key_positions: dict[PathKey, Position] = field(default_factory=dict)
    first_line: str = ""  # the editor's schema comment is checked against it
    written: dict[PathKey, str] = field(default_factory=dict)  # each number as the file writes it (1.50, 95.182)
    # Texts with a space or line break at an end, reported with the schema's problems (schemas.validate), so that
    # a value the schema refuses anyway gets one message, the schema's.
    text_problems: list[Problem] = field(default_factory=list)

    def position(self, path: PathKey) -> Position:
        """Position of the value at ``path``, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def key_position(self, path: PathKey) -> Position:
        """Position of a mapping key (for messages about the key itself, such as a typo)."""
        return self.key_positions.get(tuple(path)) or self.position(path)


def load_file(path: Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one data file strictly. Returns the document, or None and the problems found."""
    name = display or str(path)
    try:
        info = path.lstat()  # never follows a link, never opens: a FIFO cannot make the check wait
    except OSError as exc:
        return None, [unreadable(name, exc)]
    refused = refusal(name, info)
    if refused:
        return None, [refused]
    if info.st_size > MAX_BYTES:
        return None, [too_large(name, info.st_size)]
    try:
        raw = read_plain(path, MAX_BYTES + 1)
    except OSError as exc:
        return None, [unreadable(name, exc)]
    return load_bytes(raw, name)


def load_bytes(raw: bytes, name: str) -> tuple[Document | None, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                name,
                line,
                column,
                "yaml-encoding",
                f"filen är inte UTF-8 (byte 0x{raw[exc.start]:02X}); spara den som UTF-8 i din redigerare",
            )
        ]
    if text.startswith(BOM):
        text = text[1:]
    if len(raw) > MAX_BYTES:  # load_file checks the size first; this is for callers with bytes in hand
        return None, [too_large(name, len(raw))]
    conflicts = conflict_markers(text, name)  # an unresolved merge first: YAML would misread its markers
    if conflicts:
        return None, conflicts
    refused = refused_characters(text, name) + long_lines(text, name)
    if refused:
        return None, refused
    if not _has_content(text):
        return None, [_empty(name)]
    root, explicit_tags, problems = yamlparse.compose(text, name)
    if problems:
        return None, problems
    if root is None:
        return None, [_empty(name)]
    too_big = measure_tree(root, name)
    if too_big:
        return None, [too_big]
    doc = Document(name, None, first_line=text.split("\n", 1)[0].rstrip("\r"))
    problems = []
    doc.data = _build(root, (), doc, problems, explicit_tags)
    if problems:
        return None, problems
    return doc, []


def _empty(name: str) -> Problem:
    return Problem(name, 1, 1, "yaml-empty", "filen är tom; fyll i uppgifterna eller ta bort filen")


def _has_content(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


def _build(node: Node, path: PathKey, doc: Document, problems: list[Problem], explicit: set) -> Any:
    doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in _ALLOWED_TAGS or (node.start_mark.line, node.start_mark.column) in explicit:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(
            problem_at(doc.path, node.start_mark, "yaml-tag", f"taggen '{tag}' är inte tillåten; ta bort den")
        )
        return None
    if isinstance(node, ScalarNode):
        _check_escaped(node, doc, problems)
        if node.tag in _NUMBER_TAGS:  # a message can then quote 1.50 as written, not as the float 1.5
            doc.written[path] = node.value
        _check_edges(node, doc)
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_build(item, (*path, i), doc, problems, explicit) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            problems.append(
                problem_at(
                    doc.path,
                    key_node.start_mark,
                    "yaml-key",
                    "en nyckel måste vara ett ord, till exempel namn; skriv om nyckeln",
                )
            )
            continue
        key = key_node.value
        _check_escaped(key_node, doc, problems)
        _check_edges(key_node, doc)
        if key == "<<":
            problems.append(
                problem_at(
                    doc.path,
                    key_node.start_mark,
                    "yaml-anchor",
                    "sammanslagning med << är inte tillåten; skriv ut nycklarna i stället",
                )
            )
            continue
        if key in result:
            first_line = doc.key_positions[(*path, key)][0]
            problems.append(
                problem_at(
                    doc.path,
                    key_node.start_mark,
                    "yaml-duplicate-key",
                    f"nyckeln '{key}' finns redan på rad {first_line}; ta bort den ena eller slå ihop dem",
                )
            )
            continue
        doc.key_positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        result[key] = _build(value_node, (*path, key), doc, problems, explicit)
    return result


def _check_escaped(node: ScalarNode, doc: Document, problems: list[Problem]) -> None:
    """A refused character that only appears after escapes ("\\u202e", "\\0") is refused at its value."""
    found = REFUSED.search(node.value.replace("\r\n", "\n"))
    if found:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        problems.append(character_problem(doc.path, line, column, found.group(0)[0], escaped=True))


_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


def _check_edges(node: ScalarNode, doc: Document) -> None:
    """A text is never empty and never begins or ends with a space or a line break. YAML's | and > keep a final
    line break (a URL or a kommunkod that ends in one passes a schema pattern's $, in Python's re), and quotes
    keep spaces that no reader sees."""
    value = node.value
    if node.tag != "tag:yaml.org,2002:str" or (value and value == value.strip()):
        return
    if not value.strip():
        message = "texten är tom eller bara mellanslag; skriv ut texten eller ta bort raden"
    elif node.style in ("|", ">") and value.endswith("\n") and value[:-1] == value[:-1].strip():
        message = f"texten slutar med en radbrytning; skriv {node.style}- i stället för {node.style}"
    else:
        where = "börjar" if value[:1].isspace() else "slutar"
        message = f"texten {where} med mellanslag eller radbrytning; ta bort dem"
        if node.style in ("|", ">"):
            message += f" (skriv {node.style}- i stället för {node.style} så tas den sista radbrytningen bort)"
    doc.text_problems.append(problem_at(doc.path, node.start_mark, "text-whitespace", message))


_ALLOWED_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "float", "str", "seq", "map")}


def _scalar(node: ScalarNode) -> Any:
    if node.tag == "tag:yaml.org,2002:null":
        return None
    if node.tag == "tag:yaml.org,2002:bool":
        return node.value == "true"
    if node.tag == "tag:yaml.org,2002:int":
        return int(node.value)
    if node.tag == "tag:yaml.org,2002:float":
        return float(node.value)
    return node.value
