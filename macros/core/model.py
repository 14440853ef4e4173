"""The typed model of the agreement: frozen dataclasses whose attribute names are the YAML keys, and the
whole handbook (Handbok) with its queries. Every page is rendered from it; build_model.py makes it from a
checked dataset, and tests/test_model_schema.py keeps its fields equal to the schemas' properties."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from . import tid


@dataclass(frozen=True)
class Kalla:
    id: str
    titel: str
    utgivare: str
    typ: str
    url: str | None = None
    datum: str | None = None
    kommentar: str | None = None


@dataclass(frozen=True)
class Underlag:
    status: str  # "kalla" or "slutsats"
    kallor: tuple[str, ...]
    kommentar: str | None = None


@dataclass(frozen=True)
class SenareNamn:
    namn: str
    kalla: str
    fran: str | None = None
    uppgift_saknas: str | None = None  # why the date of the change is unknown


@dataclass(frozen=True)
class Tidpunkt:
    """When a party joined (ansluten) or left (lamnat): a date with its source, or why it is unknown."""

    datum: str | None = None
    kalla: str | None = None
    kommentar: str | None = None
    uppgift_saknas: str | None = None


# When an organisation is a party, in one place: the model's queries below and the checker's rules on the raw data
# (macros/core/checks/membership.py) both ask these.


def has_left(lamnat: Tidpunkt | None, idag: str) -> bool:
    """Left on or before idag (ISO date); a leaving date that is unknown counts as left."""
    return lamnat is not None and (lamnat.datum is None or lamnat.datum <= idag)


def is_part_in_year(ansluten: Tidpunkt | None, lamnat: Tidpunkt | None, ar: int) -> bool:
    """A party for some day of budget year ar: joined by 31 December and not left by 1 January. No ansluten: a
    party from the agreement's start; no lamnat: a party still. An unknown date does not exclude a year."""
    joined = ansluten.datum if ansluten else None
    left = lamnat.datum if lamnat else None
    return (joined is None or joined <= f"{ar}-12-31") and (left is None or left > f"{ar}-01-01")


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
class Part:
    id: str
    namn: str
    kategori: str
    kallor: tuple[str, ...]
    fil: str  # the data file, for "edit this page" links
    kommunkod: str | None = None
    senare_namn: tuple[SenareNamn, ...] = ()
    sokord: tuple[str, ...] = ()
    folkmangd: tuple[Folkmangd, ...] = ()
    anslutningsbeslut: Anslutningsbeslut | None = None
    ansluten: Tidpunkt | None = None  # None: a party from the agreement's start (galler_fran)
    lamnat: Tidpunkt | None = None  # None: still a party

    def folkmangd_pa(self, datum: str) -> Folkmangd | None:
        return next((f for f in self.folkmangd if f.datum == datum), None)

    def har_lamnat(self, idag: str) -> bool:
        return has_left(self.lamnat, idag)

    def part_under_ar(self, ar: int) -> bool:
        return is_part_in_year(self.ansluten, self.lamnat, ar)


@dataclass(frozen=True)
class Roll:
    part: str | None = None  # None when the source names only the function (a samordningschef leads the office)
    funktion: str | None = None


@dataclass(frozen=True)
class Medlem:
    funktion: str
    mandat: str
    part: str | None = None
    kategori: str | None = None
    deltar: str = "alla"  # "alla": every party of the category; "nagon": one of them, not each


@dataclass(frozen=True)
class Uppgifter:
    ordinarie_lage: tuple[str, ...]
    aktiverat_lage: tuple[str, ...]


@dataclass(frozen=True)
class Forum:
    id: str
    namn: str
    syfte: str
    ordforande: Roll
    sammankallande: Roll
    medlemmar: tuple[Medlem, ...]
    uppgifter: Uppgifter
    aterrapportering: str
    underlag: Underlag
    fil: str
    niva: str | None = None
    rapporterar_till: str | None = None
    underlag_for: dict[str, Underlag] = field(default_factory=dict, hash=False)  # statement key -> its basis

    def slutsats(self, nyckel: str) -> Underlag | None:
        """The basis of one statement (niva, medlemmar, aktiverat_lage, ...) when it is the handbook's reading."""
        u = self.underlag_for.get(nyckel)
        return u if u is not None and u.status == "slutsats" else None


@dataclass(frozen=True)
class Punkt:
    """An item with id, heading and text: a commitment (atagande) or a principle (princip)."""

    id: str
    rubrik: str
    beskrivning: str


@dataclass(frozen=True)
class Niva:
    id: str
    namn: str
    fokus: str
    underlag: Underlag | None = None  # what the description of the level's focus rests on


@dataclass(frozen=True)
class Styrning:
    regionala_radet: str
    sammankallande: str
    beskrivning: str
    principer: tuple[Punkt, ...]
    nivaer: tuple[Niva, ...]
    lagen: Uppgifter  # same shape: one text for ordinarie_lage and one for aktiverat_lage


@dataclass(frozen=True)
class ForeslagenAv:
    namn: str
    forkortning: str
    senare_namn: str | None = None
    kalla: str | None = None


@dataclass(frozen=True)
class Rekommendation:
    organ: str
    datum: str
    kalla: str


@dataclass(frozen=True)
class Overenskommelse:
    namn: str
    devis: str
    version: str
    syfte: str
    foreslagen_av: ForeslagenAv
    rekommendation: Rekommendation
    galler_fran: str
    retroaktiv: bool
    utgangspunkter: tuple[str, ...]
    atagande: tuple[Punkt, ...]
    styrning: Styrning
    uppfoljning: str
    ekonomi: str
    kallor: tuple[str, ...]
    fil: str


@dataclass(frozen=True)
class Budgetar:
    ar: int
    belopp_per_invanare: Decimal | None  # None: the rate is unknown (uppgift_saknas), never 0
    kalla: str | None = None
    uppgift_saknas: str | None = None


@dataclass(frozen=True)
class Avrundning:
    regel: str  # "hela-kronor" or "ore"
    underlag: Underlag


@dataclass(frozen=True)
class TotalKostnad:
    uppgift_saknas: str  # the data has no figure yet, only why


@dataclass(frozen=True)
class Avgifter:
    kommunernas_andel: Fraction
    underlagsdag: str  # MM-DD in the year before the budget year
    avrundning: Avrundning
    budgetar: tuple[Budgetar, ...]
    total_kostnad: TotalKostnad
    kallor: tuple[str, ...]
    fil: str

    def underlagsdatum(self, ar: int) -> str:
        return tid.underlagsdatum(ar, self.underlagsdag)

    def budgetar_for(self, ar: int) -> Budgetar:
        return next(b for b in self.budgetar if b.ar == ar)

    def senaste(self) -> Budgetar:
        """The newest budget year: what the municipalities pay now."""
        return self.budgetar[-1]


@dataclass(frozen=True)
class Begrepp:
    """A glossary term; former are other forms that are linked and searched too."""

    id: str
    term: str
    forklaring: str
    former: tuple[str, ...] = ()
    kallor: tuple[str, ...] = ()


@dataclass(frozen=True)
class Andrar:
    """What a decision changed: in words, and the parties and forums it concerns."""

    beskrivning: str
    alla_parter: bool = False
    parter: tuple[str, ...] = ()
    forum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Beslut:
    """One entry in the decision log; decided by an organ (free text) or by a forum (an id)."""

    id: str
    datum: str
    rubrik: str
    sammanfattning: str
    andrar: Andrar
    kallor: tuple[str, ...]
    organ: str | None = None
    forum: str | None = None
    paragraf: str | None = None
    referens: str | None = None
    galler_fran: str | None = None
    kommentar: str | None = None


@dataclass(frozen=True)
class Vem:
    """Who holds a responsibility: a party, a category (alla = every party) or a forum (alla = every forum)."""

    part: str | None = None
    kategori: str | None = None
    forum: str | None = None


@dataclass(frozen=True)
class Ansvar:
    """One responsibility under the agreement: what, who holds it, in which modes, and its basis."""

    id: str
    vad: str
    vem: Vem
    lagen: tuple[str, ...]
    underlag: Underlag


@dataclass
class Handbok:
    """The whole agreement, checked. Lists are sorted by a stable key so output is deterministic."""

    overenskommelse: Overenskommelse
    avgifter: Avgifter
    kallor: dict[str, Kalla]
    parter: dict[str, Part]
    forum: dict[str, Forum]
    ordlista: tuple[Begrepp, ...] = ()
    ordlista_fil: str = "data/ordlista.yaml"
    beslut: tuple[Beslut, ...] = ()  # by date, then id
    beslut_fil: str = "data/beslut.yaml"
    ansvar: tuple[Ansvar, ...] = ()  # in the file's order
    ansvar_fil: str = "data/ansvar.yaml"

    def ansvar_for_part(self, part_id: str) -> tuple[list[Ansvar], list[Ansvar]]:
        """The party's own responsibilities (named, or its category's), then those every party shares."""
        kategori = self.parter[part_id].kategori
        egna = [a for a in self.ansvar if a.vem.part == part_id or a.vem.kategori == kategori]
        gemensamma = [a for a in self.ansvar if a.vem.kategori == "alla"]
        return egna, gemensamma

    def ansvar_for_forum(self, forum_id: str) -> tuple[list[Ansvar], list[Ansvar]]:
        """The forum's own responsibilities, then those every forum shares."""
        return [a for a in self.ansvar if a.vem.forum == forum_id], [a for a in self.ansvar if a.vem.forum == "alla"]

    idag: str = "9999-12-31"  # the day the lists of today's parties are made for (macros/core/tid.py)

    def parter_idag(self) -> list[Part]:
        """The parties as of today; former parties are left out (see tidigare_parter)."""
        return [p for p in self.parter.values() if not p.har_lamnat(self.idag)]

    def tidigare_parter(self) -> list[Part]:
        return [p for p in self.parter.values() if p.har_lamnat(self.idag)]

    def parter_i_kategori(self, kategori: str) -> list[Part]:
        return [p for p in self.parter_idag() if kategori in ("alla", p.kategori)]

    def kommuner(self) -> list[Part]:
        """Today's municipalities."""
        return self.parter_i_kategori("kommun")

    def kommuner_under_ar(self, ar: int) -> list[Part]:
        """The municipalities that were parties in a budget year, former ones included: they pay that year."""
        return [p for p in self.parter.values() if p.kategori == "kommun" and p.part_under_ar(ar)]

    def forum_pa_niva(self, niva: str | None) -> list[Forum]:
        return [f for f in self.forum.values() if f.niva == niva]

    def regionala_radet(self) -> Forum:
        return self.forum[self.overenskommelse.styrning.regionala_radet]

    def medlemskap(self, part_id: str) -> list[tuple[Forum, Medlem]]:
        """The forums a party sits in and as what: directly, through its category, or as one of all parties.

        Includes members with deltar "nagon" (one party of the category, not each): callers that count the
        forums a party sits in use ``sitter_i``."""
        part = self.parter[part_id]
        index = self._medlemskap_index
        places = {}  # (forum index, member index) -> row: model order, each member once
        keys = [("part", part_id)]
        if not part.har_lamnat(self.idag):  # a category means today's parties of that category
            keys += [("kategori", "alla"), ("kategori", part.kategori)]
        for key in keys:
            for i, j, f, m in index.get(key, ()):
                places[i, j] = (f, m)
        return [places[k] for k in sorted(places)]

    def sitter_i(self, part_id: str) -> list[tuple[Forum, Medlem]]:
        """The forums the party itself sits in: named, or every party of its category (not 'one of them')."""
        return [(f, m) for f, m in self.medlemskap(part_id) if m.part == part_id or m.deltar == "alla"]

    def kan_sitta_i(self, part_id: str) -> list[tuple[Forum, Medlem]]:
        """Forums where one party of the category takes part, which may or may not be this one."""
        return [(f, m) for f, m in self.medlemskap(part_id) if m.part != part_id and m.deltar == "nagon"]

    @cached_property
    def _medlemskap_index(self) -> dict[tuple[str, str], list[tuple[int, int, Forum, Medlem]]]:
        """("part", id) or ("kategori", id) -> where it sits: built once, not forums x members per party."""
        index: dict[tuple[str, str], list[tuple[int, int, Forum, Medlem]]] = {}
        for i, f in enumerate(self.forum.values()):
            for j, m in enumerate(f.medlemmar):
                for key in (("part", m.part), ("kategori", m.kategori)):
                    if key[1] is not None:
                        index.setdefault(key, []).append((i, j, f, m))
        return index

    def beslut_om_part(self, part_id: str) -> list[Beslut]:
        return [b for b in self.beslut if b.andrar.alla_parter or part_id in b.andrar.parter]

    def beslut_om_forum(self, forum_id: str) -> list[Beslut]:
        """Decisions that changed the forum or that the forum took."""
        return [b for b in self.beslut if forum_id in b.andrar.forum or b.forum == forum_id]
