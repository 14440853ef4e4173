"""Aktiverat läge and a party's readiness: the sentences the page, the party page and the activation card share."""

from __future__ import annotations

from ...core.model import Exempel, Handbok, Kontaktvag, Part
from ...text.format import datum

# What a readiness item the party has not given the handbook reads as, on the site and on the card.
ATT_FYLLA_I = "att fylla i"

RUBRIK = "Aktiverat läge"
# On the card, a route's gap points to the page, where the reason stands whole.
SAKNAS_PA_KORTET = f"Uppgift saknas; läs mer på sidan {RUBRIK}."
KALLELSER = "Tar emot kallelser"
LAGEN = (("ordinarie_lage", "Ordinarie läge"), ("aktiverat_lage", "Aktiverat läge"))


def inledning() -> str:
    """The page's and the card's first sentence: what aktiverat läge is for."""
    return "Aktiverat läge är samverkan när något har hänt. Parterna möts oftare och arbetar mot ett gemensamt mål."


def kontakt_detaljer(k: Kontaktvag) -> list[str]:
    """How the route is reached, then its number or mailbox, as short lines."""
    out = [k.hur]
    if k.telefon:
        out.append(f"Telefon: {k.telefon}")
    if k.epost:
        out.append(f"E-post: {k.epost}")
    return out


def exempel_datum(e: Exempel) -> str:
    """7 april 2017, or the year alone when only the year is known."""
    return datum(e.datum) if len(e.datum) == 10 else e.datum


def kallelser(p: Part) -> str:
    """The function that receives kallelser, with its number and mailbox, or that it is still to fill in."""
    k = p.beredskap.kallelser
    if k is None:
        return ATT_FYLLA_I
    delar = [k.funktion]
    if k.telefon:
        delar.append(f"telefon {k.telefon}")
    if k.epost:
        delar.append(f"e-post {k.epost}")
    return ", ".join(delar)


def foretradare(h: Handbok, p: Part) -> list[tuple[str, list[tuple[str, str]]]]:
    """For each level (name), the function that represents the party in each mode, or that it is to fill in."""
    out = []
    for niva in h.overenskommelse.styrning.nivaer:
        f = p.beredskap.pa_niva(niva.id)
        lagen = [(namn, (getattr(f, key) if f else None) or ATT_FYLLA_I) for key, namn in LAGEN]
        out.append((niva.namn, lagen))
    return out


def att_fylla_i(h: Handbok, p: Part) -> int:
    """How many of the party's readiness items are still to fill in."""
    rows = [kallelser(p)] + [text for _, lagen in foretradare(h, p) for _, text in lagen]
    return sum(text == ATT_FYLLA_I for text in rows)


def fyll_i_forklaring() -> str:
    """What "att fylla i" means, where a readiness item is still missing."""
    return f"Det som står som {ATT_FYLLA_I} har parten ännu inte lämnat till handboken."


def beredskap_inledning(h: Handbok, p: Part) -> str:
    inledning = f"Så har {p.namn} ordnat sin beredskap för aktiverat läge."
    return f"{inledning} {fyll_i_forklaring()}" if att_fylla_i(h, p) else inledning
