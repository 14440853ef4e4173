"""The one strict YAML loader: every consumer reads data files through ``load_file``.

PyYAML's defaults are unsafe for hand-edited data (see STACK.md): duplicate keys win silently,
``no`` becomes False, ``0123`` octal, ``12:30`` base 60, dates become ``datetime.date`` and aliases
expand (billion laughs). We compose the node tree with a resolver that knows only YAML 1.2 core
scalars, refuse anchors, aliases, merge keys and explicit tags, and build plain values ourselves,
remembering where each value stood so that every later message can name line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from .problems import Problem

try:
    from yaml._yaml import CParser  # libyaml, shipped in PyYAML's wheels
except ImportError:  # pragma: no cover - a PyYAML built without libyaml: the strict composer reads everything
    CParser = None

MAX_BYTES = 256 * 1024  # a party file is about 1 KB; the limit stops accidents, not real data
BOM = "\ufeff"

Position = tuple[int, int]  # 1-based line and column
PathKey = tuple[Any, ...]  # keys and list indexes from the document root


class _Resolver(BaseResolver):
    """YAML 1.2 core schema, the subset we allow: null, true/false, decimal int and float."""


_Resolver.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|false)$", ["t", "f"]),
    ("tag:yaml.org,2002:int", r"^-?(?:0|[1-9][0-9]*)$", list("-0123456789")),
    ("tag:yaml.org,2002:float", r"^-?(?:0|[1-9][0-9]*)\.[0-9]+$", list("-0123456789")),
]:
    _Resolver.add_implicit_resolver(_tag, re.compile(_regexp), _first)


class _Composer(Composer):
    def compose_node(self, parent, index):
        event = self.peek_event()
        if getattr(event, "tag", None) not in (None, "!"):
            # An explicit tag (!!int, !!bool, !foo) would bypass the strict resolver: remember it, report it
            # with every other problem of the file, and never construct its value.
            self.explicit_tags.add((event.start_mark.line, event.start_mark.column))
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                event.start_mark,
                "ankare (&) och alias (*) är inte tillåtna; skriv ut värdet på varje ställe i stället",
                "yaml-anchor",
            )
        return super().compose_node(parent, index)


class _StrictLoader(Reader, Scanner, Parser, _Composer, _Resolver):
    def __init__(self, text: str):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        _Composer.__init__(self)
        self.explicit_tags: set[tuple[int, int]] = set()
        _Resolver.__init__(self)


class _FastLoader(CParser or object, _Resolver):
    """libyaml's parser and composer (the grammar PyYAML was ported from) with the same strict resolver."""

    def __init__(self, text: str):
        CParser.__init__(self, text)
        _Resolver.__init__(self)


# Anchors (&), aliases (*), tags (!) and tabs get the strict composer, which refuses or explains them.
_NEEDS_STRICT = re.compile(r"[&*!\t]")


def _compose_fast(text: str) -> Node | None:
    """The document's node tree from libyaml, ten times faster than the pure-Python composer; None when
    the text needs the strict composer or has any error, so every message still comes from that one."""
    if CParser is None or _NEEDS_STRICT.search(text):
        return None
    loader = _FastLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


class _Refused(Exception):
    def __init__(self, mark, message: str, rule: str):
        self.mark, self.message, self.rule = mark, message, rule


@dataclass
class Document:
    """A loaded data file: its plain value and where each part of it stood."""

    path: str
    data: Any
    positions: dict[PathKey, Position] = field(default_factory=dict)
    key_positions: dict[PathKey, Position] = field(default_factory=dict)
    first_line: str = ""  # the editor's schema comment is checked against it

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
    size = path.stat().st_size
    if size > MAX_BYTES:
        return None, [
            Problem(
                name,
                1,
                1,
                "yaml-too-large",
                f"filen är {size // 1024} KB, större än gränsen {MAX_BYTES // 1024} KB; "
                "dela upp innehållet eller kontrollera att rätt fil har hamnat här",
            )
        ]
    return load_bytes(path.read_bytes(), name)


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
    if not _has_content(text):
        return None, [Problem(name, 1, 1, "yaml-empty", "filen är tom; fyll i uppgifterna eller ta bort filen")]
    root = _compose_fast(text)
    explicit_tags: set[tuple[int, int]] = set()
    if root is None:
        loader = _StrictLoader(text)
        try:
            root = loader.get_single_node()
        except _Refused as exc:
            return None, [_problem_at(name, exc.mark, exc.rule, exc.message)]
        except yaml.composer.ComposerError as exc:
            if "expected a single document" in str(exc.context):
                return None, [
                    _problem_at(
                        name,
                        exc.problem_mark,
                        "yaml-multiple-documents",
                        "filen innehåller flera dokument (---); en fil ska ha ett enda dokument",
                    )
                ]
            return None, [_syntax_problem(name, exc)]
        except yaml.MarkedYAMLError as exc:
            return None, [_syntax_problem(name, exc)]
        finally:
            loader.dispose()
        explicit_tags = loader.explicit_tags
    if root is None:
        return None, [Problem(name, 1, 1, "yaml-empty", "filen är tom; fyll i uppgifterna eller ta bort filen")]
    doc = Document(name, None, first_line=text.split("\n", 1)[0].rstrip("\r"))
    problems: list[Problem] = []
    doc.data = _build(root, (), doc, problems, explicit_tags)
    if problems:
        return None, problems
    return doc, []


def _has_content(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


def _build(node: Node, path: PathKey, doc: Document, problems: list[Problem], explicit: set) -> Any:
    doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in _ALLOWED_TAGS or (node.start_mark.line, node.start_mark.column) in explicit:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(
            _problem_at(doc.path, node.start_mark, "yaml-tag", f"taggen '{tag}' är inte tillåten; ta bort den")
        )
        return None
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_build(item, (*path, i), doc, problems, explicit) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            problems.append(
                _problem_at(
                    doc.path,
                    key_node.start_mark,
                    "yaml-key",
                    "en nyckel måste vara ett ord, till exempel namn; skriv om nyckeln",
                )
            )
            continue
        key = key_node.value
        if key == "<<":
            problems.append(
                _problem_at(
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
                _problem_at(
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


def _problem_at(name: str, mark, rule: str, message: str) -> Problem:
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(name, line, column, rule, message)


_SYNTAX_HINTS = [
    (
        "while scanning a quoted scalar",
        "citattecknet som börjar här avslutas aldrig; lägg till det avslutande citattecknet",
    ),
    ("found character '\\t'", "tabbtecken får inte användas för indrag; dra in med mellanslag"),
    ("could not find expected ':'", "ett kolon saknas efter nyckeln, eller så är en text inte avslutad"),
    (
        "mapping values are not allowed here",
        "ett kolon står där det inte får stå; sätt texten inom citattecken om den innehåller ': '",
    ),
    ("found undefined tag handle", "okänd tagg (!); ta bort den"),
    ("found unexpected end of stream", "filen tar slut mitt i ett värde; avsluta citattecken eller parenteser"),
    ("found unknown escape character", "okänd escape-sekvens med \\ inom dubbla citattecken; använd enkla citattecken"),
    ("while parsing a block mapping", "indraget stämmer inte; rader på samma nivå ska ha lika många mellanslag"),
    (
        "while parsing a block collection",
        "indraget stämmer inte i listan; varje punkt ska börja med '- ' på samma nivå",
    ),
]


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError) -> Problem:
    text = f"{exc.context or ''} {exc.problem or ''}"
    hint = next((h for needle, h in _SYNTAX_HINTS if needle in text), None)
    detail = (exc.problem or exc.context or "").strip()
    message = hint or f"filen går inte att läsa som YAML ({detail}); kontrollera raden"
    # An unclosed quote is found at the end of the file; point at where it opened.
    opened = "quoted scalar" in (exc.context or "")
    mark = (exc.context_mark if opened else exc.problem_mark) or exc.context_mark
    return _problem_at(name, mark, "yaml-syntax", message)
