"""The fee: population on the basis date × the rate for the budget year, rounded by the stated rule."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .model import Handbok, Part

_QUANTUM = {"hela-kronor": Decimal("1"), "ore": Decimal("0.01")}


@dataclass(frozen=True)
class Avgift:
    """One municipality's fee for one budget year; belopp is None when the population is unknown."""

    part: Part
    ar: int
    underlagsdatum: str
    belopp_per_invanare: Decimal
    folkmangd: int | None
    kalla: str | None  # source of the population figure
    uppgift_saknas: str | None
    belopp: Decimal | None
    kallor: tuple[str, ...] = ()  # sources of what uppgift_saknas says


@dataclass(frozen=True)
class Avgiftstabell:
    ar: int
    underlagsdatum: str
    belopp_per_invanare: Decimal
    rader: tuple[Avgift, ...]
    summa_kanda: Decimal  # the sum of the known fees only
    antal_okanda: int
    folkmangd_kanda: int

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
    belopp = avrunda(antal * budgetar.belopp_per_invanare, regler.avrundning.regel) if antal is not None else None
    return Avgift(
        part=part,
        ar=ar,
        underlagsdatum=datum,
        belopp_per_invanare=budgetar.belopp_per_invanare,
        folkmangd=antal,
        kalla=folkmangd.kalla if folkmangd else None,
        uppgift_saknas=folkmangd.uppgift_saknas if folkmangd else "Ingen uppgift om folkmängden.",
        belopp=belopp,
        kallor=folkmangd.kallor if folkmangd else (),
    )


def avgiftstabell(handbok: Handbok, ar: int) -> Avgiftstabell:
    rader = tuple(avgift(handbok, p, ar) for p in handbok.kommuner())
    kanda = [r for r in rader if r.belopp is not None]
    return Avgiftstabell(
        ar=ar,
        underlagsdatum=handbok.avgifter.underlagsdatum(ar),
        belopp_per_invanare=handbok.avgifter.budgetar_for(ar).belopp_per_invanare,
        rader=rader,
        summa_kanda=sum((r.belopp for r in kanda), Decimal(0)),
        antal_okanda=len(rader) - len(kanda),
        folkmangd_kanda=sum(r.folkmangd for r in kanda),
    )
