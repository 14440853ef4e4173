"""Tables that a phone can read: each data cell of a wide Markdown table carries its column's name, so that on a
narrow screen the stylesheet (docs/assets/tabeller.css) can show each row as a card of "name: value" lines instead
of a table whose answer column lies off the screen.

A table with three columns or more is marked (``data-stack``) and its cells labelled (``data-label``); a table of
two columns fits a phone as a table. The tables written as raw HTML by the renderer (macros/render/matris.py,
avgifter.py) are matrices, read across and down: they keep their shape and their row headers stay in view while
they scroll (the same stylesheet). No ARIA roles are added: the Nu Html Checker refuses them on a table's rows and
cells, and where a browser drops the table's semantics in the card view, a screen reader still reads each value
after its column's name (the label is the card's visible text).

A Python-Markdown extension rather than a hook, so that both builders (MkDocs and Zensical) make the same tables.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import util
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

MIN_COLUMNS = 3  # fewer columns fit a phone's width as a table


def label(cell: ET.Element) -> str:
    """The cell's text, without Python-Markdown's placeholders for raw HTML (a label is plain text)."""
    text = "".join(cell.itertext())
    while util.STX in text and util.ETX in text:
        start = text.index(util.STX)
        text = text[:start] + text[text.index(util.ETX, start) + 1 :]
    return " ".join(text.split())


def mark(table: ET.Element) -> None:
    """Label every data cell with its column's header, if the table is wide enough to need it."""
    header = table.find("thead/tr")
    if header is None or len(header) < MIN_COLUMNS:
        return
    names = [label(th) for th in header]
    table.set("data-stack", "")
    for row in table.iterfind("tbody/tr"):
        for name, cell in zip(names, row, strict=False):
            if name:
                cell.set("data-label", name)


class _Tables(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for table in root.iter("table"):
            mark(table)


class StackedTables(Extension):
    """In mkdocs.yml's markdown_extensions as ``macros.site.tables``."""

    def extendMarkdown(self, md) -> None:
        # After the inline patterns (priority 20), so that a header's text is its final text.
        md.treeprocessors.register(_Tables(md), "handbok_tables", 5)


def makeExtension(**kwargs) -> StackedTables:
    return StackedTables(**kwargs)
