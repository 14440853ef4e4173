"""Link each glossary term's first use on a page to its explanation in the glossary.

Works on a page's rendered HTML (its content, not navigation): only text outside links, headings,
code, SVG and other elements where a link would be wrong or impossible is touched. The text there is
already escaped HTML, and the terms are matched as whole words in that escaped text.
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from ..core import pages
from ..core.model import Begrepp
from ..text import escape

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


class _Glossary:
    """One glossary's patterns, compiled once per process.

    What is linked is defined by one pattern over the words of the terms not yet linked on the page (_pattern):
    its leftmost match, with the longest word. Compiling that pattern for each set of pending terms cost more
    than the search (regex compilation is Python code, ~1 ms each). Instead ``any`` finds the places where
    some word matches, and ``each`` tells which words match at such a place; the longest pending one is what
    the pending pattern would have matched.
    """

    def __init__(self, terms: tuple[Begrepp, ...]):
        forms = [(escape.html(w), t) for t in terms for w in (t.term, *t.former)]
        self.words = sorted({w for w, _t in forms}, key=len, reverse=True)  # as in _pattern: longest first
        self.owners: dict[str, set[str]] = {w: set() for w in self.words}  # word -> ids of the terms it belongs to
        self.by_key: dict[str, list[Begrepp]] = {}  # casefolded word -> its terms; the last pending one is linked
        for w, t in forms:
            self.owners[w].add(t.id)
            self.by_key.setdefault(w.casefold(), []).append(t)
        self.ids = {t.id for t in terms}
        # The same matches as the alternation of the words, three times faster: places that cannot begin a word
        # are passed over by one test of their first character, and words with a common beginning share it.
        first = "".join(sorted({re.escape(w[:1]) for w in self.words}))
        first = f"(?=[{first}])" if all(self.words) else ""  # (the schema has no empty word; the tests may)
        self.any = re.compile(rf"{first}(?<![\w&#])(?:{_trie(self.words)})(?![\w])", re.I)
        # Zero width; group i+1 is set if word i matches here as a whole word.
        self.each = re.compile("".join(f"(?=({re.escape(w)})(?!\\w)|)" for w in self.words), re.I)

    def first_pending(self, text: str, done: set[str]) -> tuple[int, str, Begrepp | None] | None:
        """Where the leftmost word of a term not in done matches, the text matched, and its term (None if the
        casefolded text names no pending term: then _link_first decides, as before)."""
        pos = 0
        while pos <= len(text) and (m := self.any.search(text, pos)) is not None:
            start = m.start()
            for word, found in zip(self.words, self.each.match(text, start).groups(), strict=True):
                if found is not None and self.owners[word] - done:
                    pending = [t for t in self.by_key.get(found.casefold(), ()) if t.id not in done]
                    return start, found, pending[-1] if pending else None
            pos = start + 1  # only terms already linked match here
        return None


def _trie(words: list[str]) -> str:
    """A pattern matching exactly the given words, with their common beginnings shared."""
    root: dict = {}
    for w in words:
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def alternation(node: dict) -> str:
        branches = [re.escape(c) + alternation(sub) for c, sub in node.items() if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return alternation(root)


@lru_cache(maxsize=8)
def _glossary(terms: tuple[Begrepp, ...]) -> _Glossary:
    return _Glossary(terms)


def link_terms(html: str, terms: Iterable[Begrepp], href: str) -> str:
    """``href`` is the glossary page relative to this page; each term gets #id appended."""
    terms = tuple(terms)
    if not terms:
        return html
    glossary = _glossary(terms)
    parts = _TAG.split(html)  # text, tag, text, tag, ..., text
    depths = accumulate(map(_depth_change, parts[1::2]), initial=0)  # how many skipped elements each text is in
    texts = zip(range(0, len(parts), 2), depths, strict=True)
    # A text piece starting with < is a < without a closing >: like a tag, never linked.
    linkable = [i for i, d in texts if d == 0 and not parts[i].startswith("<")]
    # One search over all linkable text, joined by <, finds the few pieces with a term (most have none). A word
    # never contains <, and its lookarounds treat < like the start or end of the piece.
    starts = [m.start() for m in glossary.any.finditer("<".join(parts[i] for i in linkable))]
    if not starts or not linkable:  # (an empty word matches the empty join)
        return html
    ends = list(accumulate(len(parts[i]) + 1 for i in linkable))
    done: set[str] = set()
    for k in sorted({bisect_right(ends, s) for s in starts}):
        if len(done) == len(glossary.ids):
            break
        i = linkable[k]
        parts[i] = _link_pending(parts[i], terms, glossary, done, href)
    return "".join(parts)


def _link_pending(text: str, terms, glossary: _Glossary, done: set[str], href: str) -> str:
    """_link_first with one search per link instead of one per term."""
    found = glossary.first_pending(text, done)
    if found is None:
        return text
    start, word, term = found
    if term is None:  # a case the casefold map does not cover: the term-by-term search decides
        return _link_first(text, _patterns(terms), done, href)
    done.add(term.id)
    link = f'<a class="handbok-term" href="{escape.html(href)}#{term.id}">{word}</a>'
    end = start + len(word)
    return text[:start] + link + _link_pending(text[end:], terms, glossary, done, href)


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


class TermLinks(Extension):
    """The glossary links as a Python-Markdown extension, so that every site builder makes them.

    In mkdocs.yml's markdown_extensions as ``macros.site.termlinks``. Its postprocessor runs last, on the HTML that
    Markdown returns for the page, which is the HTML an MkDocs ``on_page_content`` hook would see.
    """

    def extendMarkdown(self, md) -> None:
        md.postprocessors.register(_TermLinker(md), "handbok_termlinks", -100)


class _TermLinker(Postprocessor):
    def run(self, text: str) -> str:
        page = _page(self.md)
        if page is None or page[0] == pages.ORDLISTA:
            return text
        src_uri, conf = page
        href = posixpath.relpath(_url(pages.ORDLISTA), posixpath.dirname(_url(src_uri)) or ".")
        return link_terms(text, _terms(conf), href)


def _terms(conf) -> tuple[Begrepp, ...]:
    """The glossary of the build that conf belongs to (its model: macros/site/state.py)."""
    from . import state

    return state.model(conf).ordlista


def _page(md) -> tuple[str, object] | None:
    """(the page's path in docs/, the builder's config) of the page being converted, or None.

    MkDocs's relative-link processor carries the page's file and the config; Zensical's context preprocessor
    the page and its project folder. Neither builder offers a public way yet.
    """
    for processor in md.treeprocessors:
        file, config = getattr(processor, "file", None), getattr(processor, "config", None)
        if file is not None and hasattr(file, "src_uri") and config is not None:
            return file.src_uri, config
    for processor in md.preprocessors:
        page, config = getattr(processor, "page", None), getattr(processor, "config", None)
        if page is not None and hasattr(page, "path") and isinstance(config, dict):
            return page.path.replace("\\", "/"), config
    return None


def _url(src_uri: str) -> str:
    """A page's address with use_directory_urls: false (mkdocs.yml), which both builders follow."""
    return pages.html(src_uri) if src_uri.endswith(".md") else src_uri


def makeExtension(**kwargs) -> TermLinks:
    return TermLinks(**kwargs)
