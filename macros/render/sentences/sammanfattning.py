"""A party page's first sentences: the answers a newcomer came for, each a link away from its evidence."""

from __future__ import annotations

from ...core.model import Handbok, Part
from ...text.format import antal, datum
from .avgifter import efter_senaste
from .mening import Fet, Mening, forum


def och(delar: list[Mening]) -> Mening:
    """Parts of a sentence as a Swedish list: A, B och C."""
    out: list = []
    for i, d in enumerate(delar):
        out += ([" och " if i == len(delar) - 1 else ", "] if i else []) + list(d)
    return tuple(out)


def part_sedan(h: Handbok, p: Part) -> str:
    """Since when the organisation is a party, will be one, or was one."""
    namn = h.overenskommelse.namn
    if not p.har_anslutit(h.idag):
        return f"{p.namn} blir part i {namn} den {datum(p.ansluten.datum)}."
    if p.har_lamnat(h.idag):
        slut = f" till och med {datum(p.lamnat.datum)}" if p.lamnat.datum else ""
        return f"{p.namn} var part i {namn}{slut}."
    start = p.ansluten.datum if p.ansluten and p.ansluten.datum else h.overenskommelse.galler_fran
    if p.ansluten and p.ansluten.datum is None:
        return f"{p.namn} är part i {namn}. Sedan när står inte i handbokens källor."
    return f"{p.namn} är part i {namn} sedan {datum(start)}."


def ataganden(h: Handbok) -> str:
    """That the party commits to what every party does; the commitments themselves stand in their section."""
    n = len(h.overenskommelse.atagande)
    if n == 0:
        return ""
    if n == 1:
        return "Organisationen har samma åtagande som alla parter."
    return f"Organisationen har samma {antal(n)} åtaganden som alla parter."


def sitter_i(h: Handbok, p: Part, forum_ids: list[str]) -> Mening:
    return (f"{p.namn} sitter i ", *och([(forum(h, f),) for f in forum_ids]), ".")


def senast_kanda_avgift(h: Handbok, ar: int, summa: str) -> Mening:
    """The newest known fee, labelled so, and plainly how old it is when the calendar has moved on."""
    return ("Senast kända avgift: ", Fet(f"{summa}, budgetåret {ar}"), ".", efter_senaste(h, ar))
