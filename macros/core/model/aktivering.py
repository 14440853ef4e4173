"""Aktiverat läge (schema/aktivering.schema.json): how it is asked for, whom to reach, what happens in which
order, the rhythm of ordinarie läge, dated examples and the questions no source answers."""

from __future__ import annotations

from dataclasses import dataclass

from .defs import Underlag


@dataclass(frozen=True)
class Uppgift:
    """One statement in the handbook's words, with its basis."""

    id: str
    text: str
    underlag: Underlag


@dataclass(frozen=True)
class Kontaktvag:
    """A route to the collaboration or Länsstyrelsen: a function, a functional mailbox or a switchboard."""

    id: str
    namn: str
    nar: str
    hur: str
    underlag: Underlag
    telefon: str | None = None
    epost: str | None = None
    uppgift_saknas: str | None = None  # what is not known about the route, e.g. whether it is used today


@dataclass(frozen=True)
class Fas:
    """A phase (fore, nar-nagot-hander, forsta-timmen, efter) with its steps in order."""

    id: str
    rubrik: str
    steg: tuple[Uppgift, ...]


@dataclass(frozen=True)
class Exempel:
    """A real event: shown as an example, never as a rule. datum is a day (YYYY-MM-DD) or a year (YYYY)."""

    id: str
    datum: str
    rubrik: str
    text: str
    underlag: Underlag


@dataclass(frozen=True)
class Lucka:
    """A question no source answers, and why."""

    id: str
    fraga: str
    uppgift_saknas: str
    kallor: tuple[str, ...] = ()


@dataclass(frozen=True)
class Aktivering:
    larma: tuple[Uppgift, ...]
    kontaktvagar: tuple[Kontaktvag, ...]
    faser: tuple[Fas, ...]
    ordinarie_lage: tuple[Uppgift, ...]
    exempel: tuple[Exempel, ...]
    luckor: tuple[Lucka, ...]
    fil: str = "data/aktivering.yaml"

    def uppgifter(self) -> list[tuple[str, Uppgift | Kontaktvag | Exempel]]:
        """Every statement with a basis, with the anchor its marker links to, in the page's order."""
        out: list = [*self.larma, *self.kontaktvagar]
        out += [s for f in self.faser for s in f.steg]
        out += [*self.ordinarie_lage, *self.exempel]
        return [(f"aktivering-{u.id}", u) for u in out]
