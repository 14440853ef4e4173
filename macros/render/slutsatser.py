"""Underlag och slutsatser: every statement that is the handbook's reading, with why. Every marker links here."""

from __future__ import annotations

from ..core.model import Handbok, Underlag
from ..text import escape
from .common import Kontext, forum_ankare

# A forum's statements in the order its page shows them, with their names for a reader.
NYCKLAR = {
    "niva": "Nivå",
    "ordforande": "Ordförande",
    "sammankallande": "Sammankallande",
    "medlemmar": "Medlemmar",
    "ordinarie_lage": "Uppgifter i ordinarie läge",
    "aktiverat_lage": "Uppgifter i aktiverat läge",
    "rapporterar_till": "Rapporterar till",
    "aterrapportering": "Återrapportering",
}


def punkter(h: Handbok) -> list[tuple[str, list[tuple[str, str]]]]:
    """Plain text for the PDF: (section, [(statement, reasons with sources)]), as on the site's page."""
    out = []

    def text(u: Underlag) -> str:
        kallor = "; ".join(f"{h.kallor[k].titel}, {h.kallor[k].utgivare}" for k in u.kallor)
        return f"{u.kommentar + ' ' if u.kommentar else ''}Källor: {kallor}."

    nivaer = [n for n in h.overenskommelse.styrning.nivaer if n.underlag and n.underlag.status == "slutsats"]
    if nivaer:
        out.append(("Nivåerna", [(n.namn, text(n.underlag)) for n in nivaer]))
    for f in h.forum.values():
        items = [(NYCKLAR[k], text(f.slutsats(k))) for k in NYCKLAR if f.slutsats(k)]
        if items:
            out.append((f.namn, items))
    if h.avgifter.avrundning.underlag.status == "slutsats":
        out.append(("Avgiften", [("Avrundning", text(h.avgifter.avrundning.underlag))]))
    ansvar = [a for a in h.ansvar if a.underlag.status == "slutsats"]
    if ansvar:
        out.append(("Ansvar", [(a.vad.rstrip("."), text(a.underlag)) for a in ansvar]))
    return out


def _punkt(ctx: Kontext, rubrik: str, u: Underlag, ankare: str) -> str:
    kommentar = escape.text(u.kommentar) + " " if u.kommentar else ""
    return f"**{rubrik}.** {kommentar}Källor: {ctx.kallor(u.kallor)}.\n{{ #{ankare} }}\n\n"


def slutsatser(ctx: Kontext) -> str:
    """The levels, the forums, the fee rule and the responsibilities: each conclusion with its basis."""
    h = ctx.handbok
    out = ["## Nivåerna { #nivaer }\n\n"]
    nivaer = [n for n in h.overenskommelse.styrning.nivaer if n.underlag and n.underlag.status == "slutsats"]
    out += [_punkt(ctx, escape.text(n.namn), n.underlag, f"niva-{n.id}") for n in nivaer]
    if not nivaer:
        out.append("Beskrivningen av nivåerna står i källorna.\n\n")
    out.append("## Forumen { #forum }\n\n")
    for f in h.forum.values():
        punkter = [(k, f.slutsats(k)) for k in NYCKLAR if f.slutsats(k)]
        if not punkter:
            continue
        out.append(f"### {escape.text(f.namn)} {{ #forum-{f.id} }}\n\n")
        out.append(f"Läs mer på sidan om {ctx.forum(f.id)}.\n\n")
        out += [_punkt(ctx, NYCKLAR[k], u, forum_ankare(f.id, k)) for k, u in punkter]
    a = h.avgifter.avrundning
    if a.underlag.status == "slutsats":
        out.append("## Avgiften { #avgiften }\n\n")
        out.append(_punkt(ctx, "Avrundning", a.underlag, "avrundning"))
    ansvar = [x for x in h.ansvar if x.underlag.status == "slutsats"]
    if ansvar:
        out.append("## Ansvar { #ansvar }\n\n")
        out += [_punkt(ctx, escape.text(x.vad.rstrip(".")), x.underlag, f"ansvar-{x.id}") for x in ansvar]
    return "".join(out)
