"""Responsibilities: one as a sentence, and the lead-ins of a party's own and shared ones."""

from __future__ import annotations

from ...core.model import Ansvar, Handbok, Part
from .mening import Markor, Mening

_LAGEN = {
    ("ordinarie_lage",): "Gäller i ordinarie läge.",
    ("aktiverat_lage",): "Gäller i aktiverat läge.",
    ("ordinarie_lage", "aktiverat_lage"): "Gäller i båda lägena.",
}


def ankare(a: Ansvar) -> str:
    """Anchor of the responsibility's basis on the page Underlag och slutsatser."""
    return f"ansvar-{a.id}"


def ansvar(h: Handbok, a: Ansvar) -> Mening:
    """What is to be done, in which modes, by whose word, and the marker if it is the handbook's reading."""
    lagen = _LAGEN[tuple(sorted(a.lagen, key=("ordinarie_lage", "aktiverat_lage").index))]
    kallor = ", ".join(h.kallor[k].utgivare for k in a.underlag.kallor)
    markor = (Markor(ankare(a)),) if a.underlag.status == "slutsats" else ()
    return (f"{a.vad} {lagen} Källa: {kallor}.", *markor)


def egna_inledning(p: Part) -> str:
    return f"Det här ansvarar {p.namn} för särskilt:"


def gemensamma_inledning(p: Part) -> str:
    return f"Det här ansvarar alla parter för, och alltså också {p.namn}:"
