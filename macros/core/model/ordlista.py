"""The glossary (schema/ordlista.schema.json)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Begrepp:
    """A glossary term; former are other forms that are linked and searched too."""

    id: str
    term: str
    forklaring: str
    former: tuple[str, ...] = ()
    kallor: tuple[str, ...] = ()
