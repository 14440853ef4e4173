"""A forum (schema/forum.schema.json): one file per forum in data/forum/."""

from __future__ import annotations

from dataclasses import dataclass, field

from .defs import Underlag


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
