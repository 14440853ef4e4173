"""The fee: the rule in words, how a year's fee is worked out, and what a missing figure means."""

from __future__ import annotations

from fractions import Fraction

from ...core.fees import Avgift, Avgiftstabell
from ...core.model import Handbok
from ...text.format import SAKNAS, belopp, dag_och_manad, datum, kanske, stycken
from .mening import Fet, Mening, kallor

# The rounding rule in words.
AVRUNDNINGSREGEL = {
    "hela-kronor": "Avgiften avrundas till hela kronor; 50 öre avrundas uppåt.",
    "ore": "Avgiften avrundas till hela ören; ett halvt öre avrundas uppåt.",
}

_ANDEL = {
    Fraction(1, 2): "halva kostnaden",
    Fraction(1, 3): "en tredjedel av kostnaden",
    Fraction(1, 4): "en fjärdedel av kostnaden",
    Fraction(1, 1): "hela kostnaden",
}


def andel_text(andel: Fraction) -> str:
    """The municipalities' share in words: halva kostnaden, en tredjedel av kostnaden, ..."""
    return _ANDEL.get(andel, f"{andel.numerator}/{andel.denominator} av kostnaden")


def kommunernas_andel(h: Handbok) -> Mening:
    andel = andel_text(h.avgifter.kommunernas_andel)
    return ("Kommunerna betalar tillsammans ", Fet(andel), " för samverkansfunktionen.")


def varje_kommun_betalar(belopp: str = "") -> str:
    """That the fee is per inhabitant; `belopp`, the rates, in brackets."""
    return "Varje kommun betalar ett belopp per invånare och år" + (f" ({belopp})" if belopp else "") + "."


def underlagsdag(h: Handbok) -> str:
    return f"Folkmängden räknas den {dag_och_manad(h.avgifter.underlagsdag)} året före budgetåret."


def avrundning(h: Handbok) -> str:
    """The rounding rule, and that it is the handbook's choice where no source gives it."""
    a = h.avgifter.avrundning
    val = f" Regeln är handbokens val: {a.underlag.kommentar or ''}" if a.underlag.status == "slutsats" else ""
    return AVRUNDNINGSREGEL[a.regel] + val


def hela_kostnaden(h: Handbok) -> str:
    return f"Hela kostnaden: {SAKNAS}. {h.avgifter.total_kostnad.uppgift_saknas}"


def avgift_for_ar(h: Handbok, t: Avgiftstabell) -> str:
    """How a budget year's fee is worked out: the population on the basis date times the rate, then rounded."""
    return (
        f"Avgift för budgetåret {t.ar}: folkmängden den {datum(t.underlagsdatum)} × "
        f"{kanske(t.belopp_per_invanare, belopp)} per invånare. {AVRUNDNINGSREGEL[h.avgifter.avrundning.regel]}"
    )


def summa_kanda(t: Avgiftstabell) -> str:
    return f"Summa, {stycken(len(t.rader) - t.antal_okanda, 'kommun', 'kommuner')} med känd folkmängd"


def folkmangd_saknas(t: Avgiftstabell) -> str:
    """Which municipalities' fees the sum leaves out, and what that means for the sum and the shares."""
    okanda = [r.part.namn for r in t.rader if r.belopp is None]
    return (
        f"Folkmängden den {datum(t.underlagsdatum)} saknas för {len(okanda)} "
        f"{'kommun' if len(okanda) == 1 else 'kommuner'}: {', '.join(okanda)}. Avgiften kan då inte räknas ut och "
        "ingår inte i summan, som därför är lägre än kommunernas verkliga sammanlagda avgift. Andelen är andel av "
        "den kända summan."
    )


def efter_senaste(h: Handbok, ar: int) -> str:
    """When the calendar has moved past the newest budget year in the data: say so, plainly."""
    i_ar = int(h.idag[:4])
    return (
        f" Handboken har inga avgifter för åren efter {ar}. Beloppet för {i_ar} kan vara ett annat."
        if ar < i_ar
        else ""
    )


def senast_kanda_belopp(h: Handbok, ar: int, rate: str) -> Mening:
    """The newest known rate, labelled so."""
    return ("Senast kända avgift: ", Fet(f"{rate}, budgetåret {ar}"), ".", efter_senaste(h, ar))


def avgift_okand(h: Handbok, x: Avgift) -> Mening:
    """One municipality's fee for a year that cannot be worked out: what is missing, why, and the sources."""
    vad = f"folkmängden den {datum(x.underlagsdatum)}" if x.folkmangd is None else "beloppet per invånare"
    kallor_ = (" Källa: ", *kallor(h, x.kallor), ".") if x.kallor else ()
    return (Fet(f"{x.ar}:"), f" Avgiften kan inte räknas ut eftersom {vad} saknas. {x.uppgift_saknas or ''}", *kallor_)
