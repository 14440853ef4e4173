"""A party (schema/part.schema.json): one file per organisation in data/parter/, and the one rule for when
an organisation is a party."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..convert import SORTED_BY


@dataclass(frozen=True)
class TidigareNamn:
    """A name the party had before today's (Part.namn): the 2015 decision names some parties by such names."""

    namn: str
    kalla: str
    till: str | None = None  # the last day the name was used, included
    uppgift_saknas: str | None = None  # why the date of the change is unknown


@dataclass(frozen=True)
class Tidpunkt:
    """When a party joined (ansluten) or left (lamnat): a date with its source, or why it is unknown."""

    datum: str | None = None
    kalla: str | None = None
    kommentar: str | None = None
    uppgift_saknas: str | None = None


# When an organisation is a party, in one place: the model's queries below and the checker's rules on the raw data
# (macros/core/checks/membership.py) both ask these. ansluten is the first day as a party and lamnat the last, both
# included, as a decision states them ("till och med 31 december 2020"): the party for a day from one to the other.
# No ansluten: a party from the agreement's start; no lamnat: a party still.


def has_joined(ansluten: Tidpunkt | None, idag: str) -> bool:
    """Joined on or before idag (ISO date); a joining date that is unknown counts as joined."""
    return ansluten is None or ansluten.datum is None or ansluten.datum <= idag


def has_left(lamnat: Tidpunkt | None, idag: str) -> bool:
    """Its last day as a party was before idag (ISO date); a leaving date that is unknown counts as left."""
    return lamnat is not None and (lamnat.datum is None or lamnat.datum < idag)


def is_part_in_year(ansluten: Tidpunkt | None, lamnat: Tidpunkt | None, ar: int) -> bool:
    """A party for some day of budget year ar: joined by 31 December and a party still on 1 January or later.
    An unknown date does not exclude a year."""
    joined = ansluten.datum if ansluten else None
    left = lamnat.datum if lamnat else None
    return (joined is None or joined <= f"{ar}-12-31") and (left is None or left >= f"{ar}-01-01")


@dataclass(frozen=True)
class Folkmangd:
    datum: str
    antal: int | None = None
    kalla: str | None = None
    uppgift_saknas: str | None = None
    kallor: tuple[str, ...] = ()  # sources of what uppgift_saknas says, e.g. a figure for another date


@dataclass(frozen=True)
class Anslutningsbeslut:
    organ: str
    kalla: str
    datum: str | None = None
    paragraf: str | None = None
    kommentar: str | None = None


@dataclass(frozen=True)
class Kallelser:
    """The function that receives kallelser to samverkanskonferenser and spreads them in the organisation."""

    funktion: str
    telefon: str | None = None  # a switchboard or a functional number, never a mobile (checks/personal.py)
    epost: str | None = None  # a functional mailbox, never a person's


@dataclass(frozen=True)
class Foretradare:
    """Who represents the party at a level, by function, in each mode; None is still to fill in."""

    niva: str
    ordinarie_lage: str | None = None
    aktiverat_lage: str | None = None


@dataclass(frozen=True)
class Beredskap:
    """How the party is ready for aktiverat läge. Unknown by default: what is missing shows as to fill in."""

    kallelser: Kallelser | None = None
    foretradare: tuple[Foretradare, ...] = ()

    def pa_niva(self, niva: str) -> Foretradare | None:
        return next((f for f in self.foretradare if f.niva == niva), None)


@dataclass(frozen=True)
class Part:
    id: str
    namn: str
    kategori: str
    kallor: tuple[str, ...]
    fil: str  # the data file, for "edit this page" links
    kommunkod: str | None = None
    tidigare_namn: tuple[TidigareNamn, ...] = ()  # oldest first, as the file lists them
    sokord: tuple[str, ...] = ()
    folkmangd: tuple[Folkmangd, ...] = field(default=(), metadata={SORTED_BY: "datum"})
    anslutningsbeslut: Anslutningsbeslut | None = None
    ansluten: Tidpunkt | None = None  # the first day as a party; None: from the agreement's start (galler_fran)
    lamnat: Tidpunkt | None = None  # the last day as a party; None: still a party
    beredskap: Beredskap = Beredskap()  # readiness for aktiverat läge; empty until the party fills it in

    def folkmangd_pa(self, datum: str) -> Folkmangd | None:
        return next((f for f in self.folkmangd if f.datum == datum), None)

    def har_anslutit(self, idag: str) -> bool:
        return has_joined(self.ansluten, idag)

    def har_lamnat(self, idag: str) -> bool:
        return has_left(self.lamnat, idag)

    def ar_part(self, idag: str) -> bool:
        """A party on the day idag: joined, and not yet left."""
        return self.har_anslutit(idag) and not self.har_lamnat(idag)

    def part_under_ar(self, ar: int) -> bool:
        return is_part_in_year(self.ansluten, self.lamnat, ar)
