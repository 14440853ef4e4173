"""Escaping for every place data lands. Data is text, never markup, template or formula.

Macro output is Markdown that Python-Markdown then turns into HTML, and page titles pass through
Jinja once more in mkdocs-macros. So text from data is written with HTML entities for every
character that means something to HTML, Markdown, attribute lists or Jinja: it shows as itself
everywhere and can start nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
    # Markdown (with the extensions in mkdocs.yml), attr_list and Jinja syntax characters:
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "|": "&#124;",
    "#": "&#35;",
    "{": "&#123;",
    "}": "&#125;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
}
_TABLE = str.maketrans(_ENTITIES)
_SPACE = re.compile(r"\s+")
_SPACE_NOT_NBSP = re.compile(r"[^\S\u00a0]+")
# What makes a line a block when it begins one: a list item or a rule (- + 1. 1)), an admonition (!!!). A text
# from data often begins a line (a list item's content, a table cell, a sentence that opens with a name), so its
# first character, or the dot after a first number that stands alone, is written as an entity: "- 1. Täby" stays
# text, "1.0" is left as it is. (# > | = * _ and the rest are entities wherever they stand: _ENTITIES.)
_BLOCK_START = re.compile(r"^(?:[-+!]|(?P<number>[0-9]+)[.)](?=\s|$))")


def text(value: object) -> str:
    """Inline text for Markdown or HTML: one line, every special character as an entity, and nothing at its start
    that would make the line a list, a heading, a quote or a table row."""
    return _text(value if isinstance(value, str) else str(value))


@lru_cache(maxsize=8192)
def _text(value: str) -> str:  # the same names and functions recur on thousands of pages
    return _no_block(_SPACE.sub(" ", value).strip().translate(_TABLE))


def inline(value: str) -> str:
    """A sentence, or a piece of one between two links, escaped as text() but with a space at either end kept
    and with no-break spaces kept: the handbook's own numbers carry them (format.tal: 1 250 000)."""
    return _no_block(_SPACE_NOT_NBSP.sub(" ", value).translate(_TABLE))


def _no_block(escaped: str) -> str:
    return _BLOCK_START.sub(_as_entity, escaped, count=1)


def _as_entity(found: re.Match) -> str:
    number = found.group("number") or ""
    return f"{number}&#{ord(found.group(0)[-1])};"


def html(value: object) -> str:
    """Plain HTML escaping, for HTML that Markdown does not process (SVG, attributes in raw HTML)."""
    return (
        str(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def title(value: object) -> str:
    """A page title for front matter: entities like text(), so nav, <title> and Jinja show it as written."""
    return text(value)


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text: no formula can start (=, +, -, @, tab, CR), also not after
    spaces, which spreadsheets skip (" =HYPERLINK(...)")."""
    s = "" if value is None else str(value)
    if s[:1] in ("\t", "\r") or s.lstrip()[:1] in ("=", "+", "-", "@"):
        s = "'" + s
    return s


# Characters that could end a Markdown link destination or an HTML attribute, percent-encoded: a URL
# such as https://x/a)[y](javascript:...) then stays one harmless https link.
_URL_UNSAFE = {c: f"%{ord(c):02X}" for c in "()[]<>\"'`\\ {}|^"}
_URL_TABLE = str.maketrans(_URL_UNSAFE)
_URL_SPACE_OR_CONTROL = re.compile(r"[\x00-\x20\x7f]")  # one C search, not a Python test per character


def url(value: str) -> str:
    """An https URL from data (the schema allows nothing else), safe as a Markdown link target and in href."""
    if not value.startswith("https://") or _URL_SPACE_OR_CONTROL.search(value):
        raise ValueError(f"bara https-adresser utan mellanrum får länkas: {value!r}")
    return html(value.translate(_URL_TABLE))
