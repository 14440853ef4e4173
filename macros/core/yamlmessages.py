"""PyYAML's errors as one Swedish sentence at the place they concern: what is wrong and how to write it."""

from __future__ import annotations

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


def syntax_problem(name: str, exc: yaml.MarkedYAMLError) -> Problem:
    text = f"{exc.context or ''} {exc.problem or ''}"
    hint = next((h for needle, h in _SYNTAX_HINTS if needle in text), None)
    detail = (exc.problem or exc.context or "").strip()
    message = hint or f"filen går inte att läsa som YAML ({detail}); kontrollera raden"
    # An unclosed quote is found at the end of the file; point at where it opened.
    opened = "quoted scalar" in (exc.context or "")
    mark = (exc.context_mark if opened else exc.problem_mark) or exc.context_mark
    return problem_at(name, mark, "yaml-syntax", message)
