"""The agreement itself (schema/overenskommelse.schema.json): purpose, commitments, governance and levels."""

from __future__ import annotations

from dataclasses import dataclass

from .defs import Underlag


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
class Lagen:
    """The two modes every forum works in, one text each: what ordinary and activated mode are."""

    ordinarie_lage: str
    aktiverat_lage: str


@dataclass(frozen=True)
class Styrning:
    regionala_radet: str
    sammankallande: str
    beskrivning: str
    principer: tuple[Punkt, ...]
    nivaer: tuple[Niva, ...]
    lagen: Lagen


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
