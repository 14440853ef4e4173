"""The glossary page, from data/ordlista.yaml."""

from __future__ import annotations

from ..text import escape
from .common import Kontext


def ordlista(ctx: Kontext) -> str:
    out = []
    for b in ctx.handbok.ordlista:
        # The heading carries the term; other forms are listed so search finds them too.
        out.append(f"\n## {escape.text(_capital(b.term))} {{ #{b.id} }}\n\n{escape.text(b.forklaring)}\n")
        if b.former:
            out.append(f"\nAndra former: {', '.join(escape.text(f) for f in b.former)}.\n")
        if b.kallor:
            out.append(f"\nKälla: {ctx.kallor(b.kallor)}.\n")
    out.append(ctx.redigera(ctx.handbok.ordlista_fil))
    return "".join(out)


def _capital(term: str) -> str:
    return term[:1].upper() + term[1:]
