"""The limits on a data file, checked before its values are built: size, line length, nesting depth and number
of values. They stop accidents and hostile files, not real data: a deep tree would exhaust the stack, a huge
one the memory. docs/andra-handboken.md lists them."""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from .problems import Problem

# A party file is about 1 KB with lines under 250 characters and values nested 4 deep.
MAX_BYTES = 256 * 1024
MAX_LINE = 2000  # characters on one line
MAX_DEPTH = 20  # lists and mappings inside each other
MAX_NODES = 20_000  # values (keys, texts, numbers, lists, mappings) in one file

Position = tuple[int, int]  # 1-based line and column


def too_large(name: str, size: int) -> Problem:
    return Problem(
        name,
        1,
        1,
        "yaml-too-large",
        f"filen är {size // 1024} KB, större än gränsen {MAX_BYTES // 1024} KB; "
        "dela upp innehållet eller kontrollera att rätt fil har hamnat här",
    )


def long_lines(text: str, name: str) -> list[Problem]:
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


def too_deep(name: str, position: Position) -> Problem:
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


class _EventLoader(Reader, Scanner, Parser):
    def __init__(self, text: str):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)


def measure_events(text: str, name: str) -> Problem | None:
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
                return too_deep(name, position)
            if nodes > MAX_NODES:
                return _too_many(name, position)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def measure_tree(root: Node, name: str) -> Problem | None:
    """The same limits on a tree libyaml built (fast, and safe to its depth: see yamlparse.MAX_BRACKETS_FAST)."""
    stack = [(root, 1)]
    nodes = 0
    while stack:
        node, depth = stack.pop()
        nodes += 1
        position = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, (SequenceNode, MappingNode)):
            if depth > MAX_DEPTH:
                return too_deep(name, position)
            children = node.value if isinstance(node, SequenceNode) else [n for pair in node.value for n in pair]
            stack.extend((child, depth + 1) for child in reversed(children))
        if nodes > MAX_NODES:
            return _too_many(name, position)
    return None
