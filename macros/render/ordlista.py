"""The glossary page, from data/ordlista.yaml."""

from __future__ import annotations

from ..text import escape
from .common import Kontext


def ordlista(ctx: Kontext) -> str:
    """The glossary: each term and its explanation; the sources once, at the end of the page."""
    out = []
    for b in ctx.handbok.ordlista:
        # The heading carries the term. Its other forms (former) are for the glossary links and for search, not a
        # word list for the reader: a hidden paragraph, which both builders' search indexes read and nobody sees.
        out.append(f"\n## {escape.text(_capital(b.term))} {{ #{b.id} }}\n\n{escape.text(b.forklaring)}\n")
        if b.former:
            out.append(f"\n<p hidden>{escape.html(', '.join(b.former))}</p>\n")
    kallor = list(dict.fromkeys(k for b in ctx.handbok.ordlista for k in b.kallor))
    if kallor:
        out.append(f"\n## Källor {{ #kallor }}\n\nOrdlistans förklaringar bygger på {ctx.kallor(kallor)}.\n")
    out.append(ctx.redigera(ctx.handbok.ordlista_fil))
    return "".join(out)


def _capital(term: str) -> str:
    return term[:1].upper() + term[1:]
