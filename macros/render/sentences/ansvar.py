"""Responsibilities: one as a sentence, and the lead-ins of a party's own and shared ones."""

from __future__ import annotations

from ...core.model import Ansvar, Handbok, Part
from .mening import Markor, Mening
from .mening import kallor as kallor_

_LAGEN = {
    ("ordinarie_lage",): "Gäller i ordinarie läge.",
    ("aktiverat_lage",): "Gäller i aktiverat läge.",
    ("ordinarie_lage", "aktiverat_lage"): "Gäller i båda lägena.",
}


def ankare(a: Ansvar) -> str:
    """Anchor of the responsibility's basis on the page Underlag och slutsatser."""
    return f"ansvar-{a.id}"


def ansvar(h: Handbok, a: Ansvar, markor: bool = True) -> Mening:
    """What is to be done, in which modes, and the marker if it is the handbook's reading (markor=False where the
    list's readings stand apart under one legend). The sources stand once under the list (kallor)."""
    lagen = _LAGEN[tuple(sorted(a.lagen, key=("ordinarie_lage", "aktiverat_lage").index))]
    markor = (Markor(ankare(a)),) if markor and a.underlag.status == "slutsats" else ()
    return (f"{a.vad} {lagen}", *markor)


def kallor(h: Handbok, items: list[Ansvar]) -> Mening:
    """The sources of a list of responsibilities, each once, in the order first cited."""
    idents = list(dict.fromkeys(k for a in items for k in a.underlag.kallor))
    if not idents:
        return ()
    return ("Källa: " if len(idents) == 1 else "Källor: ", *kallor_(h, idents), ".")


def egna_inledning(p: Part) -> str:
    return f"Det här ansvarar {p.namn} för särskilt:"


def gemensamma_inledning(p: Part) -> str:
    return f"Det här ansvarar alla parter för, och alltså också {p.namn}:"
