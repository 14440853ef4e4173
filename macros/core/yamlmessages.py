"""PyYAML's errors as one Swedish sentence at the place they concern: what is wrong and how to write it."""

from __future__ import annotations

import re

import yaml

from .problems import Problem


def problem_at(name: str, mark, rule: str, message: str) -> Problem:
    """A problem at a PyYAML mark (0-based), or at the file's start without one."""
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(name, line, column, rule, message)


def plain_error(exc: yaml.YAMLError) -> str:
    return f"filen går inte att läsa som YAML ({str(exc).splitlines()[-1].strip()}); kontrollera raden"


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


# PyYAML's words for a line that does not fit the structure above it: often a key indented by mistake.
_INDENT_ERRORS = ("mapping values are not allowed here", "while parsing a block mapping", "while parsing a block")


def syntax_problem(name: str, exc: yaml.MarkedYAMLError, source: str = "") -> Problem:
    text = f"{exc.context or ''} {exc.problem or ''}"
    opened = exc.problem_mark and "quoted scalar" not in text and open_quote(source.split("\n"), exc.problem_mark.line)
    if opened:  # the text ran on from an earlier line: the mistake is there, whatever YAML found here
        line, column = opened
        return Problem(
            name,
            line + 1,
            column + 1,
            "yaml-syntax",
            "citattecknet här avslutas inte på samma rad, så texten fortsätter till nästa citattecken på rad "
            f"{exc.problem_mark.line + 1}; avsluta texten med ett citattecken på den här raden",
        )
    if exc.problem_mark and any(needle in text for needle in _INDENT_ERRORS):
        found = indentation_hint(source.split("\n"), exc.problem_mark.line)
        if found:
            return Problem(name, exc.problem_mark.line + 1, found[0], "yaml-syntax", found[1])
    hint = next((h for needle, h in _SYNTAX_HINTS if needle in text), None)
    detail = (exc.problem or exc.context or "").strip()
    message = hint or f"filen går inte att läsa som YAML ({detail}); kontrollera raden"
    # An unclosed quote is found at the end of the file; point at where it opened.
    opened = "quoted scalar" in (exc.context or "")
    mark = (exc.context_mark if opened else exc.problem_mark) or exc.context_mark
    return problem_at(name, mark, "yaml-syntax", message)


def open_quote(lines: list[str], index: int) -> tuple[int, int] | None:
    """Where a double-quoted text opened (0-based line and column) that ran on past its own line and ended on line
    ``index`` or not at all; None when no text did. Our data writes long texts with >- and never runs a quoted one
    over lines, so one that does lacks its closing quote."""
    inside = None
    for i, line in enumerate(lines[: index + 1]):
        j = 0
        while j < len(line):
            char = line[j]
            if inside is not None:
                if char == "\\":
                    j += 1  # an escape: the next character is text
                elif char == '"':
                    if inside[0] < i:
                        return inside
                    inside = None
            elif char == "#" and (j == 0 or line[j - 1] in " \t"):
                break  # a comment
            elif char == "'" and (j == 0 or line[j - 1] in " -[{,"):
                end = line.find("'", j + 1)  # a single-quoted text on its line: a double quote in it is text
                j = end if end > 0 else len(line)
            elif char == '"':
                inside = (i, j)
            j += 1
    return inside if inside is not None and inside[0] < index else None


# A line that is a key: indent, an optional list dash, a key as the schemas write them (a-z, digits, _), a colon.
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[a-z][a-z0-9_]*):(?:\s+(?P<value>.*))?$")


def _key_line(line: str) -> re.Match | None:
    return _KEY_LINE.match(line.rstrip("\r"))


def _key_column(m: re.Match) -> int:
    """1-based column of the key, after any list dash."""
    return len(m.group("indent")) + len(m.group("dash") or "") + 1


def _has_value(m: re.Match) -> bool:
    """The key has a value on its own line (not a block text | or > and not only a comment)."""
    value = (m.group("value") or "").strip()
    return bool(value) and not value.startswith(("#", "|", ">"))


def indentation_hint(lines: list[str], index: int) -> tuple[int, str] | None:
    """Where a key on line ``index`` (0-based) is indented wrongly, and how to place it: (column, message).

    None when the line is no key or its indentation fits one of the levels above, so another hint applies."""
    if index >= len(lines) or not (here := _key_line(lines[index])) or here.group("dash"):
        return None
    key, column = here.group("key"), _key_column(here)
    above = [(i, m) for i in range(index - 1, -1, -1) if (m := _key_line(lines[i]))]
    content = [i for i in range(index) if lines[i].strip() and not lines[i].lstrip().startswith("#")]
    if above and content and above[0][0] == content[-1] and _has_value(above[0][1]):
        previous = above[0][1]
        if column > _key_column(previous):
            return column, (
                f"'{key}' står längre in än '{previous.group('key')}' på raden ovanför och läses därför som en "
                f"del av dess värde; flytta '{key}' till samma kolumn som '{previous.group('key')}' "
                f"(kolumn {_key_column(previous)})"
            )
    keys, lists = _levels(above)
    if column in keys or not keys:
        return None
    if column in lists:
        item = min((c for c in keys if c > column), default=None)  # the key of the list's item
        parent = max((c for c in keys if c < column), default=None)  # the key the list belongs to
        if item is not None and parent is not None:
            return column, (
                f"'{key}' står i samma kolumn som punkterna i listan ovanför men har inget '- '; flytta '{key}' till "
                f"samma kolumn som '{keys[item]}' (kolumn {item}) om den hör till punkten, annars till samma "
                f"kolumn som '{keys[parent]}' (kolumn {parent})"
            )
    nearest = min(keys, key=lambda c: (abs(c - column), -c))
    return column, (
        f"'{key}' står i kolumn {column}, mellan nycklarna ovanför; flytta '{key}' till samma kolumn som "
        f"'{keys[nearest]}' (kolumn {nearest}) eller som en annan nyckel på den nivå där den hör hemma"
    )


def _levels(above: list[tuple[int, re.Match]]) -> tuple[dict[int, str], set[int]]:
    """The enclosing levels of a line, read upwards: key columns (with the nearest key there) and list columns."""
    keys: dict[int, str] = {}
    lists: set[int] = set()
    limit = None
    for _i, m in above:
        start = len(m.group("indent")) + 1
        if limit is not None and start >= limit:
            continue
        limit = start
        keys.setdefault(_key_column(m), m.group("key"))
        if m.group("dash"):
            lists.add(start)
    return keys, lists
