"""Who is responsible for what (schema/ansvar.schema.json)."""

from __future__ import annotations

from dataclasses import dataclass

from .defs import Underlag


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
