"""The fee (schema/avgifter.schema.json): the rate per inhabitant for each budget year and how it is shared."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from .. import tid
from ..convert import SORTED_BY
from .defs import Underlag


@dataclass(frozen=True)
class Budgetar:
    ar: int
    belopp_per_invanare: Decimal | None = None  # None: the rate is unknown (uppgift_saknas), never 0
    kalla: str | None = None
    uppgift_saknas: str | None = None


@dataclass(frozen=True)
class Avrundning:
    regel: str  # "hela-kronor" or "ore"
    underlag: Underlag


@dataclass(frozen=True)
class TotalKostnad:
    uppgift_saknas: str  # the data has no figure yet, only why


@dataclass(frozen=True)
class Avgifter:
    kommunernas_andel: Fraction
    underlagsdag: str  # MM-DD in the year before the budget year
    avrundning: Avrundning
    budgetar: tuple[Budgetar, ...] = field(metadata={SORTED_BY: "ar"})
    total_kostnad: TotalKostnad
    kallor: tuple[str, ...]
    fil: str

    def underlagsdatum(self, ar: int) -> str:
        return tid.underlagsdatum(ar, self.underlagsdag)

    def budgetar_for(self, ar: int) -> Budgetar:
        return next(b for b in self.budgetar if b.ar == ar)

    def senaste(self) -> Budgetar:
        """The newest budget year: what the municipalities pay now."""
        return self.budgetar[-1]
