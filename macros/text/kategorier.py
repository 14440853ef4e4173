"""What a party category (kategori) is called on a page: singular for one party, plural for a group in a forum.

The set of categories and their order live in schema/part.schema.json (read by macros.core.schemas.kategorier);
this file only names them, in that order, with "alla" (every party) last. tests/test_model_schema.py fails if
the two drift apart.
"""

from __future__ import annotations

KATEGORIER: dict[str, tuple[str, str]] = {
    "kommun": ("Kommun", "Kommunerna"),
    "lansstyrelse": ("Länsstyrelse", "Länsstyrelsen"),
    "region": ("Region", "Regionen"),
    "polis": ("Polis", "Polisen"),
    "raddningstjanst": ("Räddningstjänst", "Räddningstjänsterna"),
    "forsvarsmakten": ("Försvarsmakten", "Försvarsmakten"),
    "larmtjanst": ("Larmtjänst", "Larmtjänsten"),
    "trafikverket": ("Trafikmyndighet", "Trafikverket"),
    "hamn": ("Hamn", "Hamnen"),
    "kustbevakning": ("Kustbevakning", "Kustbevakningen"),
    "alla": ("Alla parter", "Alla parter"),
}


def kategori(ident: str, plural: bool = False) -> str:
    """A category's name: singular for one party, plural for the parties of the category together."""
    return KATEGORIER[ident][1 if plural else 0]
