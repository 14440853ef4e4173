"""A built page's main text as a reader meets it, for measuring: the article element, not navigation.

Headings, paragraphs, list items and table cells end a sentence (a " . " is put at each block's end).
Left out: code blocks, SVG (the chart has a text version beside it), scripts, styles, permalink signs
and visually hidden text (it helps screen readers and is not read on screen).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "caption", "figcaption", "dt", "dd"}
SKIP_TAGS = {"script", "style", "svg", "pre", "nav"}
SKIP_CLASSES = {"handbok-dold", "headerlink", "md-sr-only"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed"}
WORD = re.compile(r"[^\W_]+")
SENTENCE_END = re.compile(r"[.!?:]+")


class _Main(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = 0  # depth of <article> (or <main> when a page has no article)
        self.stack: list[tuple[str, bool]] = []
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        hide = tag in SKIP_TAGS or bool(classes & SKIP_CLASSES)
        self.stack.append((tag, hide))
        self.hidden += hide
        self.inside += tag == "article"
        if tag in BLOCKS and self.inside and not self.hidden:
            self.parts.append(" . ")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag in BLOCKS and self.inside and not self.hidden:
            self.parts.append(" . ")
        while self.stack:
            open_tag, hide = self.stack.pop()
            self.hidden -= hide
            self.inside -= open_tag == "article"
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.inside and not self.hidden:
            self.parts.append(data.replace("\u00ad", ""))  # soft hyphens (macros/site/hyphenate.py) are unseen


def main_text(html: str) -> str:
    """The article's text with a sentence end after each block; empty when the page has no article."""
    parser = _Main()
    parser.feed(html)
    return "".join(parser.parts)


def lix(text: str) -> tuple[float, int, int, int] | None:
    """LIX = words per sentence + 100 × share of long words (more than six letters); None without words.

    Also returns the counts (words, sentences, long words) so a failure can say why."""
    words = WORD.findall(text)
    if not words:
        return None
    sentences = [s for s in SENTENCE_END.split(text) if WORD.search(s)]
    long_words = [w for w in words if len(w) > 6]
    return len(words) / len(sentences) + 100 * len(long_words) / len(words), len(words), len(sentences), len(long_words)


def words(text: str) -> list[str]:
    """Lowercase words, for comparing runs of words with another text."""
    return [w.lower() for w in WORD.findall(text)]
