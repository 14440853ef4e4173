"""Characters that are invisible or reorder text are refused wherever they stand in a data file, also when
written as an escape sequence such as "\\u202e"; each refusal names the character and where it stood.
docs/andra-handboken.md lists them."""

from __future__ import annotations

import re
import unicodedata

from .problems import Problem

# Characters refused anywhere in a file: C0 controls except tab, line feed and the CR of CRLF; DEL and the
# C1 controls; the bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the marks
# U+200E, U+200F and U+061C, which reorder or hide text without showing; the line and paragraph separators
# U+2028/U+2029 (YAML 1.1 counts them as line breaks, editors do not); the non-characters U+FFFE/U+FFFF.
# Swedish text has no use for any of them.
REFUSED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ufffe\uffff\ud800-\udfff]|\r(?!\n)"
)


def _char_name(char: str) -> str:
    names = {"\x00": "NUL", "\r": "CR, vagnretur utan radslut", "\t": "TAB"}
    return names.get(char) or unicodedata.name(char, "") or "styrtecken"


def refused_characters(text: str, name: str) -> list[Problem]:
    """Every line with a refused character, at its first one. One pass over the text: after a line's first
    character the search goes on at the next line, and lines are counted from the previous find only."""
    problems: list[Problem] = []
    line, line_start, pos = 1, 0, 0
    while (found := REFUSED.search(text, pos)) is not None:
        start = found.start()
        if newlines := text.count("\n", line_start, start):
            line += newlines
            line_start = text.rfind("\n", line_start, start) + 1
        problems.append(character_problem(name, line, start - line_start + 1, found.group(0)[0], escaped=False))
        end = text.find("\n", start)
        if end < 0:
            break
        pos = end + 1
    return problems


def character_problem(name: str, line: int, column: int, char: str, escaped: bool) -> Problem:
    what = f"U+{ord(char):04X} ({_char_name(char)})"
    message = (
        f"värdet får tecknet {what} genom en escape-sekvens; tecknet syns inte eller vänder på texten, så ta bort det"
        if escaped
        else f"tecknet {what} syns inte eller vänder på texten och är inte tillåtet; ta bort det"
    )
    return Problem(name, line, column, "control-character", message)
