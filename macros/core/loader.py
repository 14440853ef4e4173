"""The one strict YAML loader: every consumer reads data files through ``load_file``.

PyYAML's defaults (safe_load in PyYAML 6.0) are unsafe for hand-edited data: duplicate keys win silently,
``no`` becomes False, ``0123`` octal, ``12:30`` base 60, dates become ``datetime.date`` and aliases
expand (billion laughs). We compose the node tree with a resolver that knows only YAML 1.2 core
scalars, refuse anchors, aliases, merge keys and explicit tags, and build plain values ourselves,
remembering where each value stood so that every later message can name line and column.

Nothing a file contains may make the loader fail: limits on size, line length, nesting depth and number
of values are checked before the tree is built (a deep tree would exhaust the stack), and characters that
are invisible or reorder text (NUL and other control characters, bidi overrides) are refused wherever they
stand, also when written as an escape sequence such as "\\u202e". Each refusal is a Swedish message with
line and column. The limits and the refused characters are listed in docs/andra-handboken.md.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
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

# Limits: a party file is about 1 KB with lines under 250 characters and values nested 4 deep; the limits
# stop accidents and hostile files, not real data.
MAX_BYTES = 256 * 1024
MAX_LINE = 2000  # characters on one line
MAX_DEPTH = 20  # lists and mappings inside each other
MAX_NODES = 20_000  # values (keys, texts, numbers, lists, mappings) in one file
# More flow brackets than this and libyaml's composer is not used (its recursion is in C, without a check);
# the pure-Python parser then measures the depth first.
_MAX_BRACKETS_FAST = 10_000
BOM = "\ufeff"

# Characters refused anywhere in a file: C0 controls except tab, line feed and the CR of CRLF; DEL and the
# C1 controls; the bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the marks
# U+200E, U+200F and U+061C, which reorder or hide text without showing; the line and paragraph separators
# U+2028/U+2029 (YAML 1.1 counts them as line breaks, editors do not); the non-characters U+FFFE/U+FFFF.
# Swedish text has no use for any of them.
_REFUSED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ufffe\uffff\ud800-\udfff]|\r(?!\n)"
)

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
    if CParser is None or _NEEDS_STRICT.search(text) or text.count("[") + text.count("{") > _MAX_BRACKETS_FAST:
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
    try:
        info = path.lstat()  # never follows a link, never opens: a FIFO cannot make the check wait
    except OSError as exc:
        return None, [_unreadable(name, exc)]
    refused = _not_a_plain_file(name, info)
    if refused:
        return None, [refused]
    if info.st_size > MAX_BYTES:
        return None, [_too_large(name, info.st_size)]
    try:
        raw = _read_plain(path)
    except OSError as exc:
        return None, [_unreadable(name, exc)]
    return load_bytes(raw, name)


def _not_a_plain_file(name: str, info: os.stat_result) -> Problem | None:
    """A link or a special file (FIFO, device, socket) in data/ is refused: only its own files are read."""
    if stat.S_ISLNK(info.st_mode):
        return Problem(
            name,
            1,
            1,
            "symlink",
            "filen är en symbolisk länk; data/ får bara innehålla vanliga filer, så ersätt länken med själva filen",
        )
    if not stat.S_ISREG(info.st_mode):
        return Problem(
            name,
            1,
            1,
            "special-file",
            f"det här är ingen vanlig fil utan {_file_type(info.st_mode)}; ta bort den från data/",
        )
    return None


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "en namngiven rörledning (FIFO)"
    if stat.S_ISSOCK(mode):
        return "en socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhetsfil"
    if stat.S_ISDIR(mode):
        return "en mapp"
    return "en specialfil"


def _read_plain(path: Path) -> bytes:
    """The file's bytes, opened so that a link or FIFO put in its place after the check is not followed
    or waited on, and read no further than one byte past the size limit."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "ingen vanlig fil", str(path))
        return handle.read(MAX_BYTES + 1)


def _unreadable(name: str, exc: OSError) -> Problem:
    reason = exc.strerror or str(exc)
    return Problem(
        name,
        1,
        1,
        "file-unreadable",
        f"filen går inte att läsa ({reason}); kontrollera att den finns och att du får läsa den",
    )


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
        return None, [_too_large(name, len(raw))]
    refused = _refused_characters(text, name) + _long_lines(text, name)
    if refused:
        return None, refused
    if not _has_content(text):
        return None, [Problem(name, 1, 1, "yaml-empty", "filen är tom; fyll i uppgifterna eller ta bort filen")]
    root = _compose_fast(text)
    explicit_tags: set[tuple[int, int]] = set()
    if root is None:
        too_big = _measure_events(text, name)
        if too_big:
            return None, [too_big]
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
        except yaml.YAMLError as exc:  # the reader's own refusals; _refused_characters should catch them first
            return None, [_problem_at(name, getattr(exc, "mark", None), "yaml-syntax", _plain_error(exc))]
        except RecursionError:  # _measure_events should prevent this; a message all the same
            return None, [_too_deep(name, (1, 1))]
        finally:
            loader.dispose()
        explicit_tags = loader.explicit_tags
    if root is None:
        return None, [Problem(name, 1, 1, "yaml-empty", "filen är tom; fyll i uppgifterna eller ta bort filen")]
    too_big = _measure_tree(root, name)
    if too_big:
        return None, [too_big]
    doc = Document(name, None, first_line=text.split("\n", 1)[0].rstrip("\r"))
    problems: list[Problem] = []
    doc.data = _build(root, (), doc, problems, explicit_tags)
    if problems:
        return None, problems
    return doc, []


def _too_large(name: str, size: int) -> Problem:
    return Problem(
        name,
        1,
        1,
        "yaml-too-large",
        f"filen är {size // 1024} KB, större än gränsen {MAX_BYTES // 1024} KB; "
        "dela upp innehållet eller kontrollera att rätt fil har hamnat här",
    )


def _char_name(char: str) -> str:
    names = {"\x00": "NUL", "\r": "CR, vagnretur utan radslut", "\t": "TAB"}
    return names.get(char) or unicodedata.name(char, "") or "styrtecken"


def _refused_characters(text: str, name: str) -> list[Problem]:
    """Every line with a refused character, at its first one."""
    problems: list[Problem] = []
    seen_lines: set[int] = set()
    for found in _REFUSED.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        if line in seen_lines:
            continue
        seen_lines.add(line)
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        problems.append(_character_problem(name, line, column, found.group(0)[0], escaped=False))
    return problems


def _character_problem(name: str, line: int, column: int, char: str, escaped: bool) -> Problem:
    what = f"U+{ord(char):04X} ({_char_name(char)})"
    message = (
        f"värdet får tecknet {what} genom en escape-sekvens; tecknet syns inte eller vänder på texten, så ta bort det"
        if escaped
        else f"tecknet {what} syns inte eller vänder på texten och är inte tillåtet; ta bort det"
    )
    return Problem(name, line, column, "control-character", message)


def _long_lines(text: str, name: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line.rstrip("\r")) > MAX_LINE:
            problems.append(
                Problem(
                    name,
                    number,
                    MAX_LINE + 1,
                    "yaml-line-too-long",
                    f"raden har {len(line.rstrip(chr(13)))} tecken, fler än gränsen {MAX_LINE}; "
                    "dela upp texten på flera rader med > eller |",
                )
            )
    return problems


def _too_deep(name: str, position: Position) -> Problem:
    return Problem(
        name,
        position[0],
        position[1],
        "yaml-too-deep",
        f"värdena ligger mer än {MAX_DEPTH} nivåer inuti varandra; gör strukturen plattare, "
        "till exempel genom att ta bort klamrar [ ] och { } som inte behövs",
    )


def _too_many(name: str, position: Position) -> Problem:
    return Problem(
        name,
        position[0],
        position[1],
        "yaml-too-many-nodes",
        f"filen har fler än {MAX_NODES} värden; dela upp innehållet på flera filer eller "
        "kontrollera att rätt fil har hamnat här",
    )


def _measure_events(text: str, name: str) -> Problem | None:
    """Depth and number of values, read from the parser's events before any tree is built (the parser
    keeps its own stack, so any depth is safe here). A syntax error ends the count; the composer reports it."""
    loader = _EventLoader(text)
    depth = nodes = 0
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return None
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                continue
            elif not isinstance(event, yaml.NodeEvent):
                continue
            nodes += 1
            position = (event.start_mark.line + 1, event.start_mark.column + 1)
            if depth > MAX_DEPTH:
                return _too_deep(name, position)
            if nodes > MAX_NODES:
                return _too_many(name, position)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


class _EventLoader(Reader, Scanner, Parser):
    def __init__(self, text: str):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)


def _measure_tree(root: Node, name: str) -> Problem | None:
    """The same limits on a tree libyaml built (fast, and safe to its depth: see _MAX_BRACKETS_FAST)."""
    stack = [(root, 1)]
    nodes = 0
    while stack:
        node, depth = stack.pop()
        nodes += 1
        position = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, (SequenceNode, MappingNode)):
            if depth > MAX_DEPTH:
                return _too_deep(name, position)
            children = node.value if isinstance(node, SequenceNode) else [n for pair in node.value for n in pair]
            stack.extend((child, depth + 1) for child in reversed(children))
        if nodes > MAX_NODES:
            return _too_many(name, position)
    return None


def _plain_error(exc: yaml.YAMLError) -> str:
    return f"filen går inte att läsa som YAML ({str(exc).splitlines()[-1].strip()}); kontrollera raden"


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
        _check_escaped(node, doc, problems)
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
        _check_escaped(key_node, doc, problems)
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


def _check_escaped(node: ScalarNode, doc: Document, problems: list[Problem]) -> None:
    """A refused character that only appears after escapes ("\\u202e", "\\0") is refused at its value."""
    found = _REFUSED.search(node.value.replace("\r\n", "\n"))
    if found:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        problems.append(_character_problem(doc.path, line, column, found.group(0)[0], escaped=True))


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
