"""How a sentence is made: text, names the site links, the handbook's marker and bold; and plain text for print."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.model import Forum, Handbok, Niva, Underlag
from ...text.format import och

# The marker after a statement that is the handbook's reading; on the site it links to pages.SLUTSATSER.
MARKOR = "(slutsats)"  # the visible marker: text, not colour alone


@dataclass(frozen=True)
class Namn:
    """A party, forum, level or source named in a sentence: on the site a link to its page, in print its name."""

    text: str  # the name as printed
    slag: str  # "part", "forum", "niva" (a level, on the forum overview) or "kalla"
    id: str


@dataclass(frozen=True)
class Markor:
    """The marker after a statement that is the handbook's reading; on the site a link to the reasons."""

    ankare: str  # the statement's anchor on the page Underlag och slutsatser


@dataclass(frozen=True)
class Fet:
    """Words the site sets in bold; print leaves them as they are."""

    text: str


Mening = tuple[str | Namn | Markor | Fet, ...]


def plain(m: Mening | str) -> str:
    """The sentence as plain text, for the PDF: names as names, the marker as its word."""
    if isinstance(m, str):
        return m
    return "".join(f" {MARKOR}" if isinstance(d, Markor) else d if isinstance(d, str) else d.text for d in m)


def listan(delar: list[Mening], mellan: str = ", ") -> Mening:
    """Several sentence parts as one, with `mellan` between them."""
    out: list = []
    for i, d in enumerate(delar):
        out += ([mellan] if i else []) + list(d)
    return tuple(out)


# --- Names, the marker and its legend --------------------------------------------------------------------


def forum_ankare(forum_id: str, nyckel: str) -> str:
    """Anchor on the conclusions page for one statement about a forum, e.g. forum-x-rapporterar-till."""
    return f"forum-{forum_id}-{nyckel.replace('_', '-')}"


def forum_markor(forum: Forum, nyckel: str) -> Mening:
    """The marker for one statement about a forum (niva, medlemmar, ...), if it is the handbook's reading."""
    return (Markor(forum_ankare(forum.id, nyckel)),) if forum.slutsats(nyckel) else ()


def niva_markor(niva: Niva) -> Mening:
    slutsats = niva.underlag is not None and niva.underlag.status == "slutsats"
    return (Markor(f"niva-{niva.id}"),) if slutsats else ()


def forklaring() -> Mening:
    """The marker's legend; each target adds where the reasons stand."""
    return ("Märket ", Fet(MARKOR), " visar att uppgiften är handbokens egen slutsats. Ingen källa säger det rakt ut.")


# The legend of a group of statements (a table, a list) that names which of them are the handbook's reading: one
# marker for the group instead of one after every statement.
SLUTSATSER_I_GRUPPEN = "Handbokens egen slutsats, som ingen källa säger rakt ut:"
LANKARNA_TILL_SKALEN = "Namnen leder till skälen."
LISTAN_AR_SLUTSATSER = "Punkterna nedan är handbokens egen slutsats. Ingen källa säger dem rakt ut."


def grupp_slutsatser(h: Handbok, forum_rader, nycklar: dict[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """For the forums in a table or list: per statement kind (nycklar: key → words, e.g. "niva" → "nivån för"),
    the forums whose statement of that kind is the handbook's reading, as (name, anchor)."""
    out = []
    for nyckel, vad in nycklar.items():
        punkter = [(f.namn, forum_ankare(f.id, nyckel)) for f in forum_rader if f.slutsats(nyckel)]
        out.append((vad, list(dict.fromkeys(punkter))))
    return out


def slutsatser_text(grupper: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """The group legend as plain text, for print: the marker once, then which statements it covers by name
    (the site's Kontext.slutsatser links each name instead). Empty when no statement is a reading."""
    delar = [(vad, [namn for namn, _ in punkter]) for vad, punkter in grupper if punkter]
    if not delar:
        return ""

    text = "; ".join((f"{vad} " if vad else "") + och(namn) for vad, namn in delar)
    return f"{MARKOR} {SLUTSATSER_I_GRUPPEN} {text}."


def underlag(h: Handbok, u: Underlag) -> Mening:
    """What a statement rests on: the comment, then its sources."""
    return ((u.kommentar + " " if u.kommentar else "") + "Källor: ", *kallor(h, u.kallor), ".")


def part(h: Handbok, ident: str) -> Namn:
    return Namn(h.parter[ident].namn, "part", ident)


def forum(h: Handbok, ident: str) -> Namn:
    return Namn(h.forum[ident].namn, "forum", ident)


def kalla(h: Handbok, ident: str) -> Namn:
    """A source: its title and publisher, and whether it is second-hand."""
    k = h.kallor[ident]
    return Namn(f"{k.titel}, {k.utgivare}" + (" (andrahandskälla)" if k.typ == "sekundar" else ""), "kalla", ident)


def kallor(h: Handbok, idents) -> Mening:
    return listan([(kalla(h, i),) for i in idents], "; ")
