"""One page per party (parter/<id>.md): answers first, then the detail and the evidence."""

from __future__ import annotations

import posixpath

from ..core import pages
from ..core.fees import avgift
from ..core.model import Part
from ..text import escape
from ..text.format import SAKNAS, belopp, dag_och_manad, datum, kanske, kronor, tal
from ..text.kategorier import kategori
from .aktivering import om_nagot_hander
from .ansvar import ansvar_for_part
from .beslut import beslut_avsnitt
from .common import Kontext, relpath
from .sentences import sammanfattning
from .sentences.avgifter import avgift_okand
from .sentences.mening import grupp_slutsatser
from .sentences.styrning import INGET_FORUM, deltar_i_forum, deltar_som, inte_part_i_forum, kan_sitta_i, niva_namn


def partsida(ctx: Kontext, ident: str) -> str:
    """A party's page, answers first: the summary says what the party commits to, where it sits, what it pays;
    the sections after it give the detail and the evidence."""
    h = ctx.handbok
    p = h.parter[ident]
    out = [f"# {escape.text(p.namn)}\n\n", _notis(ctx, p), _sammanfattning(ctx, p), "\n", _partblad(ctx, p)]
    out.append(om_nagot_hander(ctx, p))  # what to do when something happens: second, after the summary
    forum = _forum(ctx, p)
    out.append(forum)
    out.append(ansvar_for_part(ctx, p.id) if h.ansvar else _atagande(ctx))
    if p.kategori == "kommun":
        out.append(_avgift(ctx, p))
    out.append(_om_parten(ctx, p))
    out.append(beslut_avsnitt(ctx, h.beslut_om_part(p.id)))
    out.append("\n## Källor { #kallor }\n\n")
    out.append(f"Att organisationen är part framgår av: {ctx.kallor(p.kallor)}.\n")
    out.append(ctx.redigera(p.fil))
    return "".join(out)


def _sammanfattning(ctx: Kontext, p: Part) -> str:
    """The page's answers in a few sentences, each with a link to its section: since when a party, what it
    commits to, which forums it sits in, and for a municipality its newest known fee."""
    h = ctx.handbok
    out = [ctx.md(sammanfattning.part_sedan(h, p))]
    if p.ar_part(h.idag) and sammanfattning.ataganden(h):
        out.append(
            f" {ctx.md(sammanfattning.ataganden(h))} [Vad det innebär](#{'ansvar' if h.ansvar else 'ataganden'})."
        )
    out.append("\n\n")
    rows = h.sitter_i(p.id)
    if rows:
        sitter = sammanfattning.sitter_i(h, p, [f.id for f, _ in rows])
        out.append(f"{ctx.md(sitter)} [Med vilken funktion](#forum).\n\n")
    if p.kategori == "kommun":
        out.append(_senaste_avgift(ctx, p))
    return "".join(out)


def _senaste_avgift(ctx: Kontext, p: Part) -> str:
    """The newest budget year in the data with this municipality's fee, called what it is: the newest known."""
    h = ctx.handbok
    years = [b for b in reversed(h.avgifter.budgetar) if p.part_under_ar(b.ar)]
    if not years:
        return ""
    a = avgift(h, p, years[0].ar)
    summa = kronor(a.belopp) if a.belopp is not None else "går inte att räkna ut"
    return f"{ctx.md(sammanfattning.senast_kanda_avgift(h, years[0].ar, summa))} [Så räknas avgiften](#avgift).\n\n"


def _partblad(ctx: Kontext, p: Part) -> str:
    """Link to the party's one-page PDF sheet. Raw HTML: the PDF is not a page of MkDocs's but written
    beside it (python -m macros build, or pdf), so MkDocs cannot check the link."""
    href = relpath(pages.partblad_fil(p.id), posixpath.dirname(ctx.sida) or ".")
    return (
        f'<p class="handbok-pdf"><a href="{escape.html(href)}">Partblad som PDF</a>: ett blad om '
        f"{escape.text(p.namn)} att skriva ut eller lämna till den egna ledningen.</p>\n"
    )


def _notis(ctx: Kontext, p: Part) -> str:
    """A note at the top of the page of a party that is not one today: still to join, or left."""
    h = ctx.handbok
    if not p.har_anslutit(h.idag):
        return (
            f'!!! note "Kommande part"\n    {escape.text(p.namn)} blir part i överenskommelsen den '
            f"{datum(p.ansluten.datum)}. Till dess räknas organisationen inte med bland parterna.\n\n"
        )
    if not p.har_lamnat(h.idag):
        return ""
    return (
        f'!!! note "Tidigare part"\n    {escape.text(p.namn)} är inte längre part i överenskommelsen. '
        "Sidan visar vad som gällde medan organisationen var part.\n\n"
    )


def _om_parten(ctx: Kontext, p: Part) -> str:
    """Who the party is: its kind, code, earlier names, since when it is a party and its own decision to join."""
    rows = [("Slag", kategori(p.kategori))]
    if p.kommunkod:
        rows.append(("Kommunkod", escape.text(p.kommunkod)))
    for t in p.tidigare_namn:  # search keywords (sokord) are words people search for, not names: never shown
        if t.till:
            text = f"{escape.text(t.namn)}, till och med {datum(t.till)} enligt {ctx.kalla(t.kalla)}."
        else:
            text = f"{escape.text(t.namn)} enligt {ctx.kalla(t.kalla)}. {escape.text(t.uppgift_saknas)}"
        rows.append(("Tidigare namn", text))
    rows.append(("Part sedan" if p.har_anslutit(ctx.handbok.idag) else "Blir part", ansluten(ctx, p)))
    if p.lamnat is not None:
        rows.append(("Part till och med", _lamnat(ctx, p)))
    rows.append(("Beslut att ingå", _beslut(ctx, p)))
    out = "".join(f"- **{k}:** {v}\n" for k, v in rows)
    return f"\n## Om organisationen {{ #om-parten }}\n\n{out}"


def _forum(ctx: Kontext, p: Part) -> str:
    h = ctx.handbok
    rows = h.sitter_i(p.id)
    kanske = h.kan_sitta_i(p.id)
    out = ["\n## Forum och funktioner { #forum }\n\n"]
    if not rows and inte_part_i_forum(h, p):
        return out[0] + f"{ctx.md(inte_part_i_forum(h, p))}\n"
    if not rows and not kanske:
        return out[0] + f"{ctx.md(INGET_FORUM)}\n"
    if rows:
        out.append(f"{ctx.md(deltar_i_forum(p, len(rows)))}\n\n")
        # A list, not a four-column table: on a phone the function is the answer, and a table hid it off-screen.
        for forum, member in rows:
            som = deltar_som(p.id, forum, member)
            out.append(
                f"- {ctx.forum(forum.id)} ({escape.text(niva_namn(h, forum)).lower()}, {som}): "
                f"**{escape.text(member.funktion)}.** {escape.text(member.mandat)}\n"
            )
    out += [f"\n{ctx.md(kan_sitta_i(h, forum, member, p))}\n" for forum, member in kanske]
    # one legend for the table and the sentences under it, naming each statement that is the handbook's reading
    niva = grupp_slutsatser(h, [f for f, _ in rows], {"niva": "nivån för"})
    vem = grupp_slutsatser(h, [f for f, _ in rows + kanske], {"medlemmar": "vem som deltar i"})
    legend = ctx.slutsatser(niva + vem)
    return "".join(out) + (f"\n{legend}" if legend else "")


def _atagande(ctx: Kontext) -> str:
    a = ctx.handbok.overenskommelse
    out = [
        "\n## Åtaganden { #ataganden }\n\n",
        f"Som part i {escape.text(a.namn)} åtar sig organisationen, liksom alla parter, att:\n\n",
    ]
    out += [f"- **{escape.text(x.rubrik)}:** {escape.text(x.beskrivning)}\n" for x in a.atagande]
    out.append(f"\nLäs mer om åtagandena i {ctx.lank(pages.OVERENSKOMMELSE, 'överenskommelsen', 'ataganden')}.\n")
    return "".join(out)


def _avgift(ctx: Kontext, p: Part) -> str:
    """The municipality's whole fee history, newest first; the newest year worked out in words."""
    h = ctx.handbok
    years = [b for b in reversed(h.avgifter.budgetar) if p.part_under_ar(b.ar)]
    out = ["\n## Avgift { #avgift }\n\n"]
    if not years and not p.har_anslutit(h.idag):
        first = p.ansluten.datum
        return out[0] + f"Kommunen blir part den {datum(first)} och betalar avgift från budgetåret {first[:4]}.\n"
    if not years:
        return out[0] + "Kommunen har inte varit part under något av budgetåren i handbokens data.\n"
    out.append("| Budgetår | Folkmängd | Per invånare | Avgift |\n|---|---|---|---|\n")
    notes = []
    for i, b in enumerate(years):
        a = avgift(h, p, b.ar)
        folk = f"{kanske(a.folkmangd, tal)} ({datum(a.underlagsdatum)})"
        out.append(f"| {b.ar} | {folk} | {kanske(b.belopp_per_invanare, belopp)} | {kanske(a.belopp, kronor)} |\n")
        if a.belopp is None:
            notes.append(ctx.md(avgift_okand(h, a)))
        elif i == 0:
            notes.append(
                f"**{b.ar}:** {tal(a.folkmangd)} invånare × {belopp(b.belopp_per_invanare)} = "
                f"**{kronor(a.belopp)}**. Folkmängden den {datum(a.underlagsdatum)} enligt "
                f"{ctx.kalla(a.kalla)}. Beloppet per invånare enligt {ctx.kalla(b.kalla)}."
            )
    out.append("\n" + "\n\n".join(notes) + "\n\n")
    out.append(
        f"Avgiften bygger på folkmängden den {dag_och_manad(h.avgifter.underlagsdag)} året före budgetåret. "
        f"Se {ctx.lank(pages.AVGIFTER, 'alla kommuners avgifter')}.\n"
    )
    return "".join(out)


def _beslut(ctx: Kontext, p: Part) -> str:
    """The party's own decision to join, in a sentence with its source."""
    b = p.anslutningsbeslut
    if b is None:
        return "Handboken har inte partens eget beslut att ingå överenskommelsen."
    when = f" den {datum(b.datum)}" if b.datum else ""
    ref = f", {escape.text(b.paragraf)}" if b.paragraf else ""
    out = f"{escape.text(b.organ)} beslutade{when}{ref} att ingå överenskommelsen enligt {ctx.kalla(b.kalla)}."
    return out + (f" {escape.text(b.kommentar)}" if b.kommentar else "")


def ansluten(ctx: Kontext, p: Part) -> str:
    """When the party joined, to follow "part sedan"."""
    a = p.ansluten
    if a is None:
        return f"{datum(ctx.handbok.overenskommelse.galler_fran)}, då överenskommelsen började gälla."
    if a.datum is None:
        return f"{SAKNAS}. {escape.text(a.uppgift_saknas)}"
    return f"{datum(a.datum)} enligt {ctx.kalla(a.kalla)}." + _kommentar(a)


def _lamnat(ctx: Kontext, p: Part) -> str:
    """The party's last day as a party (lamnat), to follow "part till och med"."""
    a = p.lamnat
    if a.datum is None:
        return f"datum saknas. {escape.text(a.uppgift_saknas)}"
    future = " (i framtiden: parten är med till och med den dagen)" if a.datum >= ctx.handbok.idag else ""
    return f"{datum(a.datum)}{future} enligt {ctx.kalla(a.kalla)}." + _kommentar(a)


def _kommentar(a) -> str:
    return f" {escape.text(a.kommentar)}" if a.kommentar else ""
