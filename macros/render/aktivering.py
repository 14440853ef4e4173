"""Aktiverat läge: the page (how to raise it and whom to reach first, then step by step), and each party page's
short "Om något händer" with the party's own readiness and a link to the page and its card."""

from __future__ import annotations

import posixpath
import re

from ..core import pages
from ..core.model import Aktivering, Handbok, Kontaktvag, Part, Underlag
from ..text import escape
from ..text.format import datum
from .common import Kontext, relpath
from .sentences import aktivering as meningar

# Python-Markdown's footnotes extension puts the numbered notes here, under the heading Källor.
NOTER_HAR = "///Footnotes Go Here///"


def _not(ident: str) -> str:
    return f"[^kalla-{ident}]"


def _belagd(ctx: Kontext, text: str, u: Underlag, ankare: str) -> str:
    """A statement, its numbered source notes and, when it is the handbook's reading, the marker."""
    noter = "".join(_not(k) for k in u.kallor)
    markor = ctx.markor(ankare) if u.status == "slutsats" else ""
    return f"{escape.inline(text).strip()}{noter}{markor}"


def _kallor(a: Aktivering) -> list[str]:
    """Every source the page cites, in the order the page first cites it (as the notes are numbered)."""
    seen: dict[str, None] = {}
    for _, u in a.uppgifter():
        seen.update(dict.fromkeys(u.underlag.kallor))
    for lucka in a.luckor:
        seen.update(dict.fromkeys(lucka.kallor))
    return list(seen)


def _kalla_not(ctx: Kontext, ident: str) -> str:
    k = ctx.handbok.kallor[ident]
    nar = f"Daterad {datum(k.datum)}." if k.datum else "Utan datum."
    kommentar = f" {escape.text(k.kommentar)}" if k.kommentar else ""
    return f"[^kalla-{ident}]: {ctx.kalla(ident)}. {nar}{kommentar}\n"


def tel(nummer: str) -> str:
    """A telephone number as a tel: address: digits only, the leading 0 as +46."""
    digits = re.sub(r"[^0-9+]", "", nummer)
    return "+46" + digits[1:] if digits.startswith("0") else digits


def _kontaktvag(ctx: Kontext, k: Kontaktvag) -> str:
    out = [f"### {escape.text(k.namn)} {{ #kontakt-{k.id} }}\n\n", f"{escape.text(k.nar)}\n\n"]
    out.append(f"{_belagd(ctx, k.hur, k.underlag, f'aktivering-{k.id}')}\n\n")
    if k.telefon:
        out.append(f'Telefon: <a href="tel:{escape.html(tel(k.telefon))}">{escape.html(k.telefon)}</a>\n\n')
    if k.epost:
        out.append(f'E-post: <a href="mailto:{escape.html(k.epost)}">{escape.html(k.epost)}</a>\n\n')
    if k.uppgift_saknas:
        out.append(f"**Uppgift saknas:** {escape.text(k.uppgift_saknas)}\n\n")
    return "".join(out)


def _kortlank(ctx: Kontext, ident: str, text: str) -> str:
    """Raw HTML: the cards are written beside the site (python -m macros build, or pdf), not pages of MkDocs's."""
    href = relpath(pages.aktiveringskort_fil(ident), posixpath.dirname(ctx.sida) or ".")
    return f'<a href="{escape.html(href)}">{text}</a>'


def aktiverat_lage(ctx: Kontext) -> str:
    """The page: how to raise it and whom to reach first, then before, when, the first hour, after; the rhythm of
    ordinarie läge, dated examples as examples, what no source says, and the sources as numbered notes."""
    h = ctx.handbok
    a = h.aktivering
    if a is None:  # the start page links to #kontakt: the heading stays, with the gap
        return (
            "Handbokens data beskriver ännu inte aktiverat läge: filen data/aktivering.yaml saknas.\n\n"
            "## Vem ni når { #kontakt }\n\nUppgift saknas.\n"
        )
    akut = a.kontaktvagar[0]
    larma = " ".join(_belagd(ctx, u.text, u.underlag, f"aktivering-{u.id}") for u in a.larma)
    out = [
        f"**Så begär ni aktiverat läge:** {larma}\n\n",
        f"**Vem ni når när något händer:** {escape.text(akut.namn)}. {escape.text(akut.hur)} "
        f"[Alla kontaktvägar](#kontakt).\n\n",
        f"{escape.text(meningar.inledning())}\n\n",
    ]
    if any(u.underlag.status == "slutsats" for _, u in a.uppgifter()):
        out.append(ctx.forklaring())
    out.append("## Vem ni når { #kontakt }\n\n")
    out += [_kontaktvag(ctx, k) for k in a.kontaktvagar]
    out.append("## Steg för steg { #steg }\n\n")
    for fas in a.faser:
        out.append(f"### {escape.text(fas.rubrik)} {{ #{fas.id} }}\n\n")
        out += [f"{i}. {_belagd(ctx, s.text, s.underlag, f'aktivering-{s.id}')}\n" for i, s in enumerate(fas.steg, 1)]
        out.append("\n")
    out.append(_kort(ctx))
    if a.ordinarie_lage:
        out.append("## I ordinarie läge { #ordinarie-lage }\n\n")
        out += [f"- {_belagd(ctx, u.text, u.underlag, f'aktivering-{u.id}')}\n" for u in a.ordinarie_lage]
        out.append("\n")
    if a.exempel:
        out.append("## Exempel från verkliga händelser { #exempel }\n\n")
        out.append("Exemplen visar hur det gick till vid de här tillfällena. De är inga regler.\n\n")
        for e in a.exempel:
            rubrik = f"{escape.text(e.rubrik)}, {escape.text(meningar.exempel_datum(e))}"
            out.append(f"**{rubrik}.** {_belagd(ctx, e.text, e.underlag, f'aktivering-{e.id}')}\n\n")
    if a.luckor:
        out.append("## Det här vet vi inte { #luckor }\n\n")
        for lucka in a.luckor:
            noter = "".join(_not(k) for k in lucka.kallor)
            out.append(f"- **{escape.text(lucka.fraga)}** Uppgift saknas: {escape.text(lucka.uppgift_saknas)}{noter}\n")
        out.append("\n")
    out.append(f"## Källor {{ #kallor }}\n\n{NOTER_HAR}\n\n")
    out += [_kalla_not(ctx, k) for k in _kallor(a)]
    out.append(ctx.redigera(a.fil))
    return "".join(out)


def _kort(ctx: Kontext) -> str:
    """Every party's activation card, one line of links."""
    h = ctx.handbok
    kort = " · ".join(_kortlank(ctx, p.id, escape.text(p.namn)) for p in h.parter_idag())
    return (
        "## Aktiveringskort { #aktiveringskort }\n\n"
        "Varje part har ett aktiveringskort: en sida som PDF att skriva ut och ha nära till hands. Kortet säger hur "
        "ni larmar, vem ni når, vad som händer den första timmen och vad er organisation har ordnat.\n\n"
        f"{kort}\n\n"
    )


def om_nagot_hander(ctx: Kontext, p: Part) -> str:
    """The party page's "Om något händer": where to read how to raise it, the card, and the party's readiness."""
    h = ctx.handbok
    if h.aktivering is None:
        return ""
    sida = ctx.lank(pages.AKTIVERAT_LAGE, "Så larmar ni och vem ni når")  # one tap from every party page
    out = [
        "\n## Om något händer { #om-nagot-hander }\n\n",
        f"Läs {sida} på sidan Aktiverat läge. {_kortlank(ctx, p.id, 'Aktiveringskort som PDF')}: en sida om "
        f"{escape.text(p.namn)} att skriva ut och ha nära till hands.\n\n",
        f"{escape.text(meningar.beredskap_inledning(h, p))}\n\n",
        beredskap_lista(h, p),
    ]
    if meningar.att_fylla_i(h, p):
        guide = ctx.lank(pages.ANDRA_HANDBOKEN, "Så fyller ni i beredskapen", "beredskap")
        out.append(f"\n{guide}.\n")
    return "".join(out)


def beredskap_lista(h: Handbok, p: Part) -> str:
    """The readiness as a description list: the function for kallelser, then each level's representatives."""
    out = ['<dl class="handbok-beredskap">\n']
    out.append(f"<dt>{meningar.KALLELSER}</dt><dd>{_fyll(meningar.kallelser(p))}</dd>\n")
    for niva, lagen in meningar.foretradare(h, p):
        rader = "<br>".join(f"{escape.html(namn)}: {_fyll(text)}" for namn, text in lagen)
        out.append(f"<dt>{escape.html(niva)}</dt><dd>{rader}</dd>\n")
    out.append("</dl>\n")
    return "".join(out)


def _fyll(text: str) -> str:
    """A readiness value, with "att fylla i" set apart so that a gap is seen as one."""
    if text == meningar.ATT_FYLLA_I:
        return f'<em class="handbok-fyll-i">{escape.html(text)}</em>'
    return escape.html(text)
