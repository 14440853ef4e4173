"""The list of parties and one page per party."""

from __future__ import annotations

import posixpath

from .. import escape
from ..fees import avgift
from ..model import Part
from ..pdf import partblad_fil
from .beslut import beslut_avsnitt
from .common import Kontext, antal, belopp, dag_och_manad, datum, deltar_som, kategori, kronor, niva_namn, relpath, tal

OVERENSKOMMELSE = "overenskommelse.md"
AVGIFTER = "avgifter.md"


def partlista(ctx: Kontext) -> str:
    """All parties: municipalities first (they pay the fee), then the other organisations."""
    h = ctx.handbok
    kommuner = h.kommuner()
    andra = [p for p in h.parter.values() if p.kategori != "kommun"]
    out = [
        f"Överenskommelsen har **{len(h.parter)} parter**: {len(kommuner)} kommuner och "
        f"{len(andra)} andra organisationer.\n"
    ]
    out.append(f"\n## Kommuner ({len(kommuner)}) {{ #kommuner }}\n\n")
    out.append("| Kommun | Kommunkod |\n|---|---|\n")
    out += [f"| {ctx.part(p.id)} | {escape.text(p.kommunkod)} |\n" for p in kommuner]
    out.append(f"\n## Andra organisationer ({len(andra)}) {{ #andra-organisationer }}\n\n")
    out.append("| Organisation | Slag | Senare namn |\n|---|---|---|\n")
    for p in andra:
        senare = ", ".join(escape.text(s.namn) for s in p.senare_namn) or "–"
        out.append(f"| {ctx.part(p.id)} | {kategori(p.kategori)} | {senare} |\n")
    return "".join(out)


def partlankar(ctx: Kontext) -> str:
    """Every party as a compact run of links, for the start page: one click to one's own page."""
    h = ctx.handbok
    kommuner = " · ".join(ctx.part(p.id) for p in h.kommuner())
    andra = " · ".join(ctx.part(p.id) for p in h.parter.values() if p.kategori != "kommun")
    return f"**Kommuner:** {kommuner}\n\n**Andra organisationer:** {andra}\n"


def partsida(ctx: Kontext, ident: str) -> str:
    h = ctx.handbok
    p = h.parter[ident]
    out = [f"# {escape.text(p.namn)}\n\n", _ingress(p), "\n", _partblad(ctx, p)]
    out.append(_forum(ctx, p))
    out.append(_atagande(ctx))
    if p.kategori == "kommun":
        out.append(_avgift(ctx, p))
    out.append(_beslut(ctx, p))
    out.append(beslut_avsnitt(ctx, h.beslut_om_part(p.id)))
    out.append("\n## Källor { #kallor }\n\n")
    out.append(f"Att organisationen är part framgår av: {ctx.kallor(p.kallor)}.\n")
    out.append(ctx.redigera(p.fil))
    return "".join(out)


def _partblad(ctx: Kontext, p: Part) -> str:
    """Link to the party's one-page PDF sheet. Raw HTML: the PDF is written after the site build
    (python -m macros pdf), so MkDocs cannot check the link."""
    href = relpath(partblad_fil(p.id), posixpath.dirname(ctx.sida) or ".")
    return (
        f'<p class="handbok-pdf"><a href="{escape.html(href)}">Partblad som PDF</a>: en sida om '
        f"{escape.text(p.namn)} att skriva ut eller lämna till den egna ledningen.</p>\n"
    )


def _ingress(p: Part) -> str:
    rows = [("Slag", kategori(p.kategori))]
    if p.kommunkod:
        rows.append(("Kommunkod", escape.text(p.kommunkod)))
    else:
        rows.append(("Identitet", "Organisationsnummer eller annan kod finns inte i handbokens underlag."))
    if p.senare_namn:
        rows.append(
            (
                "Senare namn",
                ", ".join(escape.text(s.namn) + (f" (från {datum(s.fran)})" if s.fran else "") for s in p.senare_namn),
            )
        )
    if p.sokord:
        rows.append(("Kallas också", ", ".join(escape.text(s) for s in p.sokord)))
    return "".join(f"- **{k}:** {v}\n" for k, v in rows)


def _forum(ctx: Kontext, p: Part) -> str:
    h = ctx.handbok
    rows = h.medlemskap(p.id)
    out = ["\n## Forum och funktioner { #forum }\n\n"]
    if not rows:
        return out[0] + "Parten sitter inte i något forum enligt handbokens data.\n"
    out.append(
        f"{escape.text(p.namn)} deltar i {antal(len(rows))} forum. Deltagarna utses efter funktion och mandat, "
        "inte som namngivna personer.\n\n"
    )
    out.append("| Forum | Nivå | Deltar som | Funktion och mandat |\n|---|---|---|---|\n")
    for forum, member in rows:
        niva = escape.text(niva_namn(h, forum))
        som = deltar_som(p.id, forum, member)
        out.append(
            f"| {ctx.forum(forum.id)} | {niva} | {som} | **{escape.text(member.funktion)}.** "
            f"{escape.text(member.mandat)} |\n"
        )
    return "".join(out)


def _atagande(ctx: Kontext) -> str:
    a = ctx.handbok.overenskommelse
    out = [
        "\n## Åtaganden { #ataganden }\n\n",
        f"Som part i {escape.text(a.namn)} åtar sig organisationen, liksom alla parter, att:\n\n",
    ]
    out += [f"- **{escape.text(x.rubrik)}:** {escape.text(x.beskrivning)}\n" for x in a.atagande]
    out.append(f"\nLäs mer om åtagandena i {ctx.lank(OVERENSKOMMELSE, 'överenskommelsen', 'ataganden')}.\n")
    return "".join(out)


def _avgift(ctx: Kontext, p: Part) -> str:
    h = ctx.handbok
    out = ["\n## Avgift { #avgift }\n\n", "| Budgetår | Folkmängd | Per invånare | Avgift |\n|---|---|---|---|\n"]
    notes = []
    for b in h.avgifter.budgetar:
        a = avgift(h, p, b.ar)
        if a.belopp is None:
            out.append(
                f"| {b.ar} | uppgift saknas ({datum(a.underlagsdatum)}) | {belopp(b.belopp_per_invanare)} "
                "| uppgift saknas |\n"
            )
            notes.append(
                f"**{b.ar}:** Avgiften kan inte räknas ut eftersom folkmängden den "
                f"{datum(a.underlagsdatum)} saknas. {escape.text(a.uppgift_saknas)}"
                + (f" Källa: {ctx.kallor(a.kallor)}." if a.kallor else "")
            )
        else:
            out.append(
                f"| {b.ar} | {tal(a.folkmangd)} ({datum(a.underlagsdatum)}) | {belopp(b.belopp_per_invanare)} "
                f"| {kronor(a.belopp)} |\n"
            )
            notes.append(
                f"**{b.ar}:** {tal(a.folkmangd)} invånare × {belopp(b.belopp_per_invanare)} = "
                f"**{kronor(a.belopp)}**. Folkmängden den {datum(a.underlagsdatum)} enligt "
                f"{ctx.kalla(a.kalla)}. Beloppet per invånare enligt {ctx.kalla(b.kalla)}."
            )
    out.append("\n" + "\n\n".join(notes) + "\n\n")
    out.append(
        f"Avgiften bygger på folkmängden den {dag_och_manad(h.avgifter.underlagsdag)} året före budgetåret. "
        f"Se {ctx.lank(AVGIFTER, 'alla kommuners avgifter')}.\n"
    )
    return "".join(out)


def _beslut(ctx: Kontext, p: Part) -> str:
    out = ["\n## Beslut att ingå överenskommelsen { #beslut }\n\n"]
    b = p.anslutningsbeslut
    if b is None:
        out.append("Partens eget beslut att ingå överenskommelsen finns inte i handbokens underlag.\n")
        return "".join(out)
    when = f" den {datum(b.datum)}" if b.datum else ""
    ref = f", {escape.text(b.paragraf)}" if b.paragraf else ""
    out.append(f"{escape.text(b.organ)} beslutade{when}{ref} att ingå överenskommelsen.")
    if b.kommentar:
        out.append(f" {escape.text(b.kommentar)}")
    out.append(f" Källa: {ctx.kalla(b.kalla)}.\n")
    return "".join(out)
