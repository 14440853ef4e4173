"""Numbers, amounts and dates written the Swedish way, for the site, the PDF and the exports alike."""

from __future__ import annotations

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


_ORD = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"]


def antal(n: int) -> str:
    """A count in running text: words up to twelve, digits above, as Swedish style guides advise."""
    return _ORD[n] if 0 <= n < len(_ORD) else tal(n)


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
