"""The decision log page, and the short list of decisions on a party's or a forum's page."""

from __future__ import annotations

from ..core import pages
from ..core.model import Beslut
from ..text import escape
from ..text.format import datum
from .common import Kontext


def beslutslogg(ctx: Kontext) -> str:
    """Every decision, oldest first, with who decided, what it changed and its sources."""
    h = ctx.handbok
    if not h.beslut:
        return "Inga beslut finns i handbokens data ännu. Lägg till dem som filer i <code>data/beslut/</code>.\n"
    out = [_innehall(ctx)]
    out += [_beslut(ctx, b) for b in h.beslut]
    return "".join(out)


def _rubrik(b: Beslut) -> str:
    return f"{datum(b.datum)}: {escape.text(b.rubrik)}"


def _innehall(ctx: Kontext) -> str:
    rows = [f"| {datum(b.datum)} | [{escape.text(b.rubrik)}](#{b.id}) | {_vem(ctx, b)} |\n" for b in ctx.handbok.beslut]
    return "| Datum | Beslut | Beslutade |\n|---|---|---|\n" + "".join(rows)


def _vem(ctx: Kontext, b: Beslut) -> str:
    return ctx.forum(b.forum) if b.forum else escape.text(b.organ)


def _beslut(ctx: Kontext, b: Beslut) -> str:
    out = [f"\n## {_rubrik(b)} {{ #{b.id} }}\n\n", f"- **Beslutade:** {_vem(ctx, b)}\n"]
    if b.paragraf or b.referens:
        ref = ", ".join(escape.text(x) for x in (b.paragraf, b.referens) if x)
        out.append(f"- **Paragraf eller beteckning:** {ref}\n")
    if b.galler_fran:
        out.append(f"- **Gäller från:** {datum(b.galler_fran)}\n")
    out.append(f"- **Gäller:** {_galler(ctx, b)}\n")
    out.append(f"\n{escape.text(b.sammanfattning)}\n\n**Vad som ändrades:** {escape.text(b.andrar.beskrivning)}\n")
    if b.kommentar:
        out.append(f"\n*Anmärkning:* {escape.text(b.kommentar)}\n")
    out.append(f"\nKällor: {ctx.kallor(b.kallor)}.\n")
    out.append(ctx.redigera(b.fil, "Beslutet står i datafilen"))
    return "".join(out)


def _galler(ctx: Kontext, b: Beslut) -> str:
    a = b.andrar
    parts = []
    if a.alla_parter:
        parts.append(ctx.lank(pages.PARTER, "alla parter"))
    elif a.parter:
        parts.append("parter: " + ", ".join(ctx.part(p) for p in a.parter))
    if a.forum:
        parts.append("forum: " + ", ".join(ctx.forum(f) for f in a.forum))
    return "; ".join(parts) if parts else "överenskommelsen som helhet"


def beslut_avsnitt(ctx: Kontext, beslut: list[Beslut]) -> str:
    """A section for a party's or forum's page linking to the decisions about it; empty when there are none."""
    if not beslut:
        return ""
    out = ["\n## Beslut och ändringar { #beslut-och-andringar }\n\n"]
    out += [f"- {ctx.lank(pages.BESLUT, _rubrik(b), b.id)}\n" for b in beslut]
    out.append(f"\nAlla beslut finns på sidan {ctx.lank(pages.BESLUT, 'Beslut och ändringar')}.\n")
    return "".join(out)
