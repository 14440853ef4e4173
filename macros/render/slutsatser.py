"""Underlag och slutsatser: every statement that is the handbook's reading, with why. Every marker links here.

The PDF's appendix of the same name shows the same statements in the same order (punkter)."""

from __future__ import annotations

from ..core.model import Handbok, Underlag
from ..text import escape
from .common import Kontext
from .sentences.ansvar import ankare as ansvar_ankare
from .sentences.mening import forum_ankare, underlag

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

Punkt = tuple[str, Underlag, str]  # (the statement's name, its basis, its anchor on the site's page)


def _nivaer(h: Handbok) -> list[Punkt]:
    nivaer = h.overenskommelse.styrning.nivaer
    return [(n.namn, n.underlag, f"niva-{n.id}") for n in nivaer if n.underlag and n.underlag.status == "slutsats"]


def _forum(f) -> list[Punkt]:
    return [(NYCKLAR[k], f.slutsats(k), forum_ankare(f.id, k)) for k in NYCKLAR if f.slutsats(k)]


def _avgiften(h: Handbok) -> list[Punkt]:
    u = h.avgifter.avrundning.underlag
    return [("Avrundning", u, "avrundning")] if u.status == "slutsats" else []


def _ansvar(h: Handbok) -> list[Punkt]:
    return [(a.vad.rstrip("."), a.underlag, ansvar_ankare(a)) for a in h.ansvar if a.underlag.status == "slutsats"]


def _aktivering(h: Handbok) -> list[Punkt]:
    a = h.aktivering
    uppgifter = a.uppgifter() if a else []
    return [(_namn(u), u.underlag, ankare) for ankare, u in uppgifter if u.underlag.status == "slutsats"]


def _namn(u) -> str:
    """A statement about aktiverat läge by its name: a route's or an example's, or its text."""
    return getattr(u, "namn", None) or getattr(u, "rubrik", None) or u.text.rstrip(".")


def punkter(h: Handbok) -> list[tuple[str, list[tuple[str, Underlag]]]]:
    """For the PDF: (section, [(statement's name, its basis)]), in the order of the site's page."""
    grupper = [("Nivåerna", _nivaer(h))]
    grupper += [(f.namn, _forum(f)) for f in h.forum.values()]
    grupper += [("Avgiften", _avgiften(h)), ("Ansvar", _ansvar(h)), ("Aktiverat läge", _aktivering(h))]
    return [(rubrik, [(n, u) for n, u, _ in items]) for rubrik, items in grupper if items]


def _punkt(ctx: Kontext, p: Punkt) -> str:
    namn, u, ankare = p
    return f"**{escape.text(namn)}.** {ctx.md(underlag(ctx.handbok, u))}\n{{ #{ankare} }}\n\n"


def slutsatser(ctx: Kontext) -> str:
    """The levels, the forums, the fee rule and the responsibilities: each conclusion with its basis."""
    h = ctx.handbok
    out = ["## Nivåerna { #nivaer }\n\n"]
    out += [_punkt(ctx, p) for p in _nivaer(h)] or ["Beskrivningen av nivåerna står i källorna.\n\n"]
    out.append("## Forumen { #forum }\n\n")
    for f in h.forum.values():
        items = _forum(f)
        if items:
            out.append(f"### {escape.text(f.namn)} {{ #forum-{f.id} }}\n\n")
            out.append(f"Läs mer på sidan om {ctx.forum(f.id)}.\n\n")
            out += [_punkt(ctx, p) for p in items]
    if _avgiften(h):
        out += ["## Avgiften { #avgiften }\n\n", *(_punkt(ctx, p) for p in _avgiften(h))]
    if _ansvar(h):
        out += ["## Ansvar { #ansvar }\n\n", *(_punkt(ctx, p) for p in _ansvar(h))]
    if _aktivering(h):
        out += ["## Aktiverat läge { #aktiverat-lage }\n\n", *(_punkt(ctx, p) for p in _aktivering(h))]
    return "".join(out)
