"""The decision log (schema/beslut.schema.json): one file per decision in data/beslut/."""

from __future__ import annotations

from dataclasses import dataclass


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
    fil: str  # the data file, for "edit" links
    organ: str | None = None
    forum: str | None = None
    paragraf: str | None = None
    referens: str | None = None
    galler_fran: str | None = None
    kommentar: str | None = None
