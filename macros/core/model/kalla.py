"""A source (schema/kalla.schema.json): one file per source in data/kallor/; every figure and statement refers to one
by its id."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kalla:
    id: str
    titel: str
    utgivare: str
    typ: str
    url: str | None = None
    datum: str | None = None
    kommentar: str | None = None
