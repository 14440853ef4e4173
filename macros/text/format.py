"""Numbers, amounts and dates written the Swedish way, for the site, the PDF and the exports alike."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

MANADER = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def tal(n: int | Decimal) -> str:
    """A number the Swedish way: space (no-break) between thousands, comma for decimals."""
    if isinstance(n, Decimal) and n != n.to_integral_value():
        whole, frac = f"{n:.2f}".split(".")
        return f"{tal(int(whole))},{frac}"
    return f"{int(n):,}".replace(",", "\u00a0")


# What a figure that is not known reads as: in a table cell, in a sentence and in the open data. Never 0.
SAKNAS = "uppgift saknas"

_ORD = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"]


def antal(n: int, utrum: bool = False) -> str:
    """A count in running text: words up to twelve, digits above, as Swedish style guides advise.

    utrum: the noun is an en-word (en nivå, en kommun); one is then "en", not "ett" (ett forum)."""
    if n == 1 and utrum:
        return "en"
    return _ORD[n] if 0 <= n < len(_ORD) else tal(n)


def kanske(value, fmt: Callable[..., str]) -> str:
    """A figure written with fmt, or SAKNAS when it is not known."""
    return SAKNAS if value is None else fmt(value)


def versal(text: str) -> str:
    """The text with its first letter upper case, for a phrase that starts a table cell."""
    return text[:1].upper() + text[1:]


def och(delar: list[str]) -> str:
    """A list in running text: "A", "A och B", "A, B och C"."""
    return delar[0] if len(delar) == 1 else f"{', '.join(delar[:-1])} och {delar[-1]}"


def stycken(n: int, ental: str, flertal: str) -> str:
    """A count in digits with its noun in agreement: 1 kommun, 26 kommuner, 1 annan organisation."""
    return f"{n} {ental if n == 1 else flertal}"


def kronor(n: Decimal) -> str:
    return f"{tal(n)}\u00a0kr"


def belopp(n: Decimal) -> str:
    """A rate such as 1,50 kr: always two decimals."""
    whole, frac = f"{n:.2f}".split(".")
    return f"{tal(int(whole))},{frac}\u00a0kr"


def procent(n: Decimal) -> str:
    return f"{n:.1f}".replace(".", ",") + "\u00a0%"


def datum(iso: str) -> str:
    """2015-01-01 → 1 januari 2015."""
    year, month, day = iso.split("-")
    return f"{int(day)} {MANADER[int(month) - 1]} {year}"


def dag_och_manad(mm_dd: str) -> str:
    """06-30 → 30 juni."""
    month, day = mm_dd.split("-")
    return f"{int(day)} {MANADER[int(month) - 1]}"
