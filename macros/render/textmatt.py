"""Rough text widths and line wrapping for SVG labels, which cannot wrap themselves.

Widths are Arial's advance widths (1/1000 em; DejaVu Sans's for symbols, which it draws much wider) with
a safety margin, so a label also fits in wider system fonts such as DejaVu Sans. Labels are centred, so a
small error shows as equal space on both sides.
"""

from __future__ import annotations

import unicodedata

_BREDDER = {
    191: "'",
    222: "ijl",
    260: "|",
    278: " ftI.,:;!/\\[]",
    333: "r-()`",
    355: '"',
    389: "*",
    469: "^",
    500: "ckvxyzsJ",
    556: "abdeghnopqu0123456789L_?$",
    611: "FTZ",
    667: "ABEKPSVXY&",
    722: "CDHNRUw",
    778: "GOQ",
    833: "mM",
    944: "W",
    1015: "@",
    # Symbols are far wider in DejaVu Sans (a common Linux sans-serif) than in Arial: use its widths.
    636: "{}",
    838: "<>=+~#",
}
_BREDD = {c: w for w, tecken in _BREDDER.items() for c in tecken}
_OKAND = 600  # any other character
_FET = 1.08  # bold is about this much wider
_MARGINAL = 1.15


def textbredd(text: str, storlek: float, fet: bool = False) -> float:
    """Estimated width of one line of text in px at font size `storlek`."""
    # Accented letters (å, ä, ö, é) are as wide as their base letter.
    bas = unicodedata.normalize("NFD", text)
    tusendelar = sum(_BREDD.get(c, 0 if unicodedata.combining(c) else _OKAND) for c in bas)
    return tusendelar / 1000 * storlek * _MARGINAL * (_FET if fet else 1)


def radbryt(text: str, maxbredd: float, storlek: float, fet: bool = False) -> list[str]:
    """Greedy word wrap to lines no wider than `maxbredd`; a word longer than a line is split."""
    rader: list[str] = []
    rad = ""
    for ord_ in text.split():
        while textbredd(ord_, storlek, fet) > maxbredd:  # split an overlong word where it overflows
            if rad:
                rader.append(rad)
                rad = ""
            n = max(1, next(i for i in range(1, len(ord_) + 1) if textbredd(ord_[:i], storlek, fet) > maxbredd) - 1)
            rader.append(ord_[:n])
            ord_ = ord_[n:]
        kandidat = f"{rad} {ord_}" if rad else ord_
        if textbredd(kandidat, storlek, fet) <= maxbredd:
            rad = kandidat
        else:
            rader.append(rad)
            rad = ord_
    if rad:
        rader.append(rad)
    return rader or [""]
