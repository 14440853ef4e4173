"""What several file kinds share (schema/defs.schema.json): the basis of a statement."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Underlag:
    status: str  # "kalla" or "slutsats"
    kallor: tuple[str, ...]
    kommentar: str | None = None
