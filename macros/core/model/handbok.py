"""The whole handbook, checked (Handbok), with the queries the pages ask of it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .aktivering import Aktivering
from .ansvar import Ansvar
from .avgifter import Avgifter
from .beslut import Beslut
from .forum import Forum, Medlem
from .kalla import Kalla
from .ordlista import Begrepp
from .overenskommelse import Overenskommelse
from .part import Part


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
    ansvar: tuple[Ansvar, ...] = ()  # in the file's order
    ansvar_fil: str = "data/ansvar.yaml"
    aktivering: Aktivering | None = None  # aktiverat läge; None without data/aktivering.yaml
    idag: str = "9999-12-31"  # the day the lists of today's parties are made for (macros/core/tid.py)

    def ansvar_for_part(self, part_id: str) -> tuple[list[Ansvar], list[Ansvar]]:
        """The party's own responsibilities (named, or its category's), then those every party shares."""
        kategori = self.parter[part_id].kategori
        egna = [a for a in self.ansvar if a.vem.part == part_id or a.vem.kategori == kategori]
        gemensamma = [a for a in self.ansvar if a.vem.kategori == "alla"]
        return egna, gemensamma

    def ansvar_for_forum(self, forum_id: str) -> tuple[list[Ansvar], list[Ansvar]]:
        """The forum's own responsibilities, then those every forum shares."""
        return [a for a in self.ansvar if a.vem.forum == forum_id], [a for a in self.ansvar if a.vem.forum == "alla"]

    def parter_idag(self) -> list[Part]:
        """The parties as of today; those still to join and those that have left are apart (kommande_parter,
        tidigare_parter): no count, list or fee of today includes them."""
        return [p for p in self.parter.values() if p.ar_part(self.idag)]

    def kommande_parter(self) -> list[Part]:
        """Parties whose joining date lies after today, by that date."""
        coming = [p for p in self.parter.values() if not p.har_anslutit(self.idag)]
        return sorted(coming, key=lambda p: p.ansluten.datum)

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
        if part.ar_part(self.idag):  # a category means today's parties of that category
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
