"""The fee: population on the basis date × the rate for the budget year, rounded by the stated rule."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .model import Handbok, Part

_QUANTUM = {"hela-kronor": Decimal("1"), "ore": Decimal("0.01")}


@dataclass(frozen=True)
class Avgift:
    """One municipality's fee for one budget year; belopp is None when the population or the rate is unknown."""

    part: Part
    ar: int
    underlagsdatum: str
    belopp_per_invanare: Decimal | None  # None: the year's rate is unknown
    folkmangd: int | None
    kalla: str | None  # source of the population figure
    uppgift_saknas: str | None
    belopp: Decimal | None
    kallor: tuple[str, ...] = ()  # sources of what uppgift_saknas says


@dataclass(frozen=True)
class Avgiftstabell:
    ar: int
    underlagsdatum: str
    belopp_per_invanare: Decimal | None
    rader: tuple[Avgift, ...]
    summa_kanda: Decimal  # the sum of the known fees only
    antal_okanda: int
    folkmangd_kanda: int
    uppgift_saknas: str | None = None  # why the year's rate is unknown

    def andel(self, avgift: Avgift) -> Decimal | None:
        """A municipality's share of the known sum, in percent."""
        if avgift.belopp is None or not self.summa_kanda:
            return None
        return avgift.belopp * 100 / self.summa_kanda


def avrunda(belopp: Decimal, regel: str) -> Decimal:
    return belopp.quantize(_QUANTUM[regel], rounding=ROUND_HALF_UP)


def avgift(handbok: Handbok, part: Part, ar: int) -> Avgift:
    regler = handbok.avgifter
    budgetar = regler.budgetar_for(ar)
    datum = regler.underlagsdatum(ar)
    folkmangd = part.folkmangd_pa(datum)
    antal = folkmangd.antal if folkmangd else None
    rate = budgetar.belopp_per_invanare
    known = antal is not None and rate is not None
    belopp = avrunda(antal * rate, regler.avrundning.regel) if known else None
    saknas = None
    if antal is None:
        saknas = folkmangd.uppgift_saknas if folkmangd else "Ingen uppgift om folkmängden."
    elif rate is None:
        saknas = f"Beloppet per invånare för {ar} saknas. {budgetar.uppgift_saknas}"
    return Avgift(
        part=part,
        ar=ar,
        underlagsdatum=datum,
        belopp_per_invanare=rate,
        folkmangd=antal,
        kalla=folkmangd.kalla if folkmangd else None,
        uppgift_saknas=saknas,
        belopp=belopp,
        kallor=folkmangd.kallor if folkmangd else (),
    )


def avgiftstabell(handbok: Handbok, ar: int) -> Avgiftstabell:
    rader = tuple(avgift(handbok, p, ar) for p in handbok.kommuner_under_ar(ar))
    kanda = [r for r in rader if r.belopp is not None]
    return Avgiftstabell(
        ar=ar,
        underlagsdatum=handbok.avgifter.underlagsdatum(ar),
        belopp_per_invanare=handbok.avgifter.budgetar_for(ar).belopp_per_invanare,
        rader=rader,
        summa_kanda=sum((r.belopp for r in kanda), Decimal(0)),
        antal_okanda=len(rader) - len(kanda),
        folkmangd_kanda=sum(r.folkmangd for r in kanda),
        uppgift_saknas=handbok.avgifter.budgetar_for(ar).uppgift_saknas,
    )
