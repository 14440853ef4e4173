"""What a change does to the fees: for each budget year in either version, each municipality's fee before and after,
and the sum of the known fees (core/compare.py puts it beside the changes to the data)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .fees import avgift, avgiftstabell
from .model import Handbok, Part

ABSENT = "absent"  # in a fee comparison: the municipality is not a party in that version
NO_YEAR = "no-year"  # in a fee comparison: that version has no such budget year


@dataclass(frozen=True)
class AvgiftRad:
    part: Part
    fore: Decimal | str | None  # None = population unknown; ABSENT or NO_YEAR: no fee in that version
    efter: Decimal | str | None


@dataclass(frozen=True)
class AvgiftAr:
    ar: int
    rader: list[AvgiftRad]
    summa: tuple[Decimal | None, Decimal | None]  # the known fees' sum; None when the year is not in that version
    okanda: tuple[int | None, int | None]


def avgiftsandringar(old: Handbok, new: Handbok) -> list[AvgiftAr]:
    """The budget years whose fees change, in order."""
    years = sorted({b.ar for b in old.avgifter.budgetar} | {b.ar for b in new.avgifter.budgetar})
    return [y for y in (_avgift_ar(old, new, ar) for ar in years) if y]


def belopp_for(h: Handbok, ident: str, ar: int) -> Decimal | str | None:
    """A municipality's fee for a budget year in one version: an amount, None (unknown), ABSENT or NO_YEAR."""
    if ar not in {b.ar for b in h.avgifter.budgetar}:
        return NO_YEAR
    part = h.parter.get(ident)
    if part is None or part.kategori != "kommun" or not part.part_under_ar(ar):
        return ABSENT
    return avgift(h, part, ar).belopp


def _table(h: Handbok, ar: int):
    return avgiftstabell(h, ar) if ar in {b.ar for b in h.avgifter.budgetar} else None


def _kommuner(h: Handbok) -> list[Part]:
    """Every municipality in the data, former and coming parties too: their fees for some years may change."""
    return [p for p in h.parter.values() if p.kategori == "kommun"]


def _avgift_ar(old: Handbok, new: Handbok, ar: int) -> AvgiftAr | None:
    # The new version's municipalities in its order, then those no longer municipality parties.
    parts = [*_kommuner(new), *(p for p in _kommuner(old) if p.id not in {k.id for k in _kommuner(new)})]
    rows = [AvgiftRad(p, belopp_for(old, p.id, ar), belopp_for(new, p.id, ar)) for p in parts]
    rows = [r for r in rows if r.fore != r.efter]
    t_old, t_new = _table(old, ar), _table(new, ar)
    year = AvgiftAr(
        ar,
        rows,
        summa=(t_old.summa_kanda if t_old else None, t_new.summa_kanda if t_new else None),
        okanda=(t_old.antal_okanda if t_old else None, t_new.antal_okanda if t_new else None),
    )
    same = year.summa[0] == year.summa[1] and year.okanda[0] == year.okanda[1]
    return None if not rows and same else year
