"""Link each glossary term's first use on a page to its explanation in the glossary.

Works on a page's rendered HTML (its content, not navigation): only text outside links, headings,
code, SVG and other elements where a link would be wrong or impossible is touched. The text there is
already escaped HTML, and the terms are matched as whole words in that escaped text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from . import escape
from .model import Begrepp

_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
# Inside these a link is wrong (headings, existing links, code) or invalid (svg, button, title).
_SKIP = {
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "code",
    "pre",
    "kbd",
    "script",
    "style",
    "svg",
    "button",
    "label",
    "title",
    "abbr",
    "summary",
    "th",
    "caption",
    "figcaption",
    "select",
    "textarea",
    "dfn",
}


def _pattern(words: Iterable[str]) -> re.Pattern:
    alternatives = sorted({escape.html(w) for w in words}, key=len, reverse=True)  # longest form wins
    return re.compile(r"(?<![\w&#])(" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w])", re.I)


@lru_cache(maxsize=8)
def _patterns(terms: tuple[Begrepp, ...]) -> list[tuple[Begrepp, re.Pattern]]:
    """Each term's pattern, compiled once per glossary rather than once per page."""
    return [(t, _pattern([t.term, *t.former])) for t in terms]


Pending = tuple[re.Pattern, dict[str, Begrepp]] | None


@lru_cache(maxsize=8)
def _memo(terms: tuple[Begrepp, ...]) -> dict[frozenset[str], Pending]:
    """Per glossary: the pending pattern for each set of already linked terms seen so far."""
    return {}


def _pending(terms: tuple[Begrepp, ...], memo: dict[frozenset[str], Pending], done: frozenset[str]) -> Pending:
    """One pattern for every term not yet linked, and which term each of its words belongs to. Its leftmost
    match is the earliest term, with its longest form: the term _link_first would choose. Pages link their
    terms in much the same order, so the same few sets of linked terms recur and each is compiled once."""
    if done not in memo:
        if len(memo) > 4096:
            memo.clear()
        forms = [(w, t) for t in terms if t.id not in done for w in (t.term, *t.former)]
        words = {escape.html(w).casefold(): t for w, t in forms}
        memo[done] = (_pattern(w for w, _t in forms), words) if forms else None
    return memo[done]


def link_terms(html: str, terms: Iterable[Begrepp], href: str) -> str:
    """``href`` is the glossary page relative to this page; each term gets #id appended."""
    terms = tuple(terms)
    if not terms:
        return html
    memo = _memo(terms)
    done: set[str] = set()
    pending = _pending(terms, memo, frozenset())
    depth = 0
    out = []
    for part in _TAG.split(html):
        if part.startswith("<"):
            depth += _depth_change(part)
            out.append(part)
            continue
        if depth == 0 and pending is not None and pending[0].search(part):
            part, pending = _link_pending(part, terms, memo, pending, done, href)
        out.append(part)
    return "".join(out)


def _link_pending(text, terms, memo, pending: Pending, done: set[str], href: str) -> tuple[str, Pending]:
    """_link_first with one search per link instead of one per term; returns the text and what is still pending."""
    m = pending[0].search(text) if pending else None
    if m is None:
        return text, pending
    term = pending[1].get(m.group(1).casefold())
    if term is None:  # a case the casefold map does not cover: the term-by-term search decides
        text = _link_first(text, _patterns(terms), done, href)
        return text, _pending(terms, memo, frozenset(done))
    done.add(term.id)
    link = f'<a class="handbok-term" href="{escape.html(href)}#{term.id}">{m.group(1)}</a>'
    rest, pending = _link_pending(text[m.end() :], terms, memo, _pending(terms, memo, frozenset(done)), done, href)
    return text[: m.start()] + link + rest, pending


@lru_cache(maxsize=4096)
def _depth_change(tag: str) -> int:
    m = _TAG_NAME.match(tag)
    if not m or m.group(1).lower() not in _SKIP or tag.endswith("/>"):
        return 0
    return -1 if tag.startswith("</") else 1


def _link_first(text: str, patterns, done: set[str], href: str) -> str:
    """Link the earliest not-yet-linked term in text, then go on after it (never inside the new link)."""
    found = [
        (m.start(), term, m) for term, pattern in patterns if term.id not in done for m in [pattern.search(text)] if m
    ]
    if not found:
        return text
    _start, term, m = min(found, key=lambda f: (f[0], -len(f[2].group(1))))
    done.add(term.id)
    link = f'<a class="handbok-term" href="{escape.html(href)}#{term.id}">{m.group(1)}</a>'
    return text[: m.start()] + link + _link_first(text[m.end() :], patterns, done, href)
