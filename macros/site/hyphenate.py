"""Long Swedish words in headings and tables break with a hyphen, at a place Swedish allows, not anywhere.

A narrow screen breaks a word that does not fit its box: without a hyphen in the middle of a syllable
("Samverkanshand|boken"), or, in a table, not at all, so that the table leaves the screen. `hyphens: auto`
needs the browser's own Swedish dictionary, and Chromium on Linux and Windows has none until it downloads one
(checked: without it, nothing is hyphenated). A soft hyphen (U+00AD) works in every browser: it is invisible
until the line breaks there, and then shows as a hyphen. So each long word in a heading or a table cell gets
soft hyphens where the Swedish hyphenation patterns allow them (pyphen, LibreOffice's sv_SE dictionary).

The search index is written without them (macros/site/sokindex.py, and macros/site/zensical.py for Zensical),
so that a search for "samverkanshandboken" still finds the heading. A Python-Markdown postprocessor, after the
glossary links (macros/site/termlinks.py), so that their terms are matched in the words as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

SOFT_HYPHEN = "\u00ad"
MIN_LETTERS = 10  # a shorter word fits any box the stylesheet makes, a phone's table cell included
# Where a long word can stand in the way of a narrow screen: big type, and table cells side by side.
_TARGETS = {"h1", "h2", "h3", "h4", "th", "td", "caption"}
# Where a word must stay as written: code and markup that is not text.
_SKIP = {"code", "kbd", "pre", "samp", "script", "style", "svg", "textarea", "title"}
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG_NAME = re.compile(r"<(/?)\s*([a-zA-Z0-9]+)")
_LONG_WORD = re.compile(rf"(?<![&#\w])[^\W\d_]{{{MIN_LETTERS},}}(?!\w)")  # not an entity's name (&hellip;)


@lru_cache(maxsize=1)
def _dictionary():
    import pyphen

    # At least three letters on each side of a break: "Sam-verkans…", never "Ö-verens…".
    return pyphen.Pyphen(lang="sv", left=3, right=3)


@lru_cache(maxsize=16384)
def hyphenated(word: str) -> str:
    """The word with a soft hyphen at each place Swedish allows a break."""
    return _dictionary().inserted(word, hyphen=SOFT_HYPHEN)


def soft_hyphens(html: str) -> str:
    """The HTML with soft hyphens in the long words of its headings and table cells (text only, not markup)."""
    parts = _TAG.split(html)  # text, tag, text, tag, ..., text
    inside = skipped = 0
    for i, part in enumerate(parts):
        if i % 2:
            m = _TAG_NAME.match(part)
            if m and not part.endswith("/>"):
                step = -1 if m.group(1) else 1
                name = m.group(2).lower()
                inside += step if name in _TARGETS else 0
                skipped += step if name in _SKIP else 0
        elif inside > 0 and skipped <= 0 and part:
            parts[i] = _LONG_WORD.sub(lambda w: hyphenated(w.group(0)), part)
    return "".join(parts)


def without(text: str) -> str:
    """Text as a reader types it: no soft hyphens (for the search index)."""
    return text.replace(SOFT_HYPHEN, "").replace("&shy;", "")


class _SoftHyphens(Postprocessor):
    def run(self, text: str) -> str:
        return soft_hyphens(text)


class SoftHyphens(Extension):
    """In mkdocs.yml's markdown_extensions as ``macros.site.hyphenate``."""

    def extendMarkdown(self, md) -> None:
        # After the glossary links (priority -100), the last of the page's own postprocessors.
        md.postprocessors.register(_SoftHyphens(md), "handbok_soft_hyphens", -110)


def makeExtension(**kwargs) -> SoftHyphens:
    return SoftHyphens(**kwargs)
