"""Where the governance chart's boxes, bands and arrows go (diagram.py draws them): plain geometry over the model.

Regionala rådet stands in the top row, each level is a band below it, its forums are boxes in the band, and each
reporting line is an arrow from a forum to the one it reports to.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import Forum, Handbok
from .textmatt import radbryt, textbredd

# Geometry in SVG user units (px at 100 %). Names wrap at NAMN_BREDD; boxes grow in height instead.
FONT = 14
RAD = 18  # line height
MARGINAL = 8
PAD_X, PAD_Y = 12, 10
NAMN_BREDD = 200
MIN_RUTA = 120
MELLANRUM = 28  # between boxes in a band
ETIKETT_BREDD = 132  # wrap width for level names in the band's left column
BAND_PAD = 14


@dataclass(frozen=True)
class Ruta:
    """One forum's box."""

    forum: Forum
    rad: int  # 0 = Regionala rådet, 1.. = the levels in order
    x: float
    y: float
    w: float
    h: float
    rader: tuple[str, ...]

    @property
    def cx(self) -> float:
        return self.x + self.w / 2


@dataclass(frozen=True)
class Band:
    namn: tuple[str, ...]  # the level's name, wrapped
    y: float
    h: float


@dataclass(frozen=True)
class Diagram:
    bredd: float
    hojd: float
    hoger: float  # right edge of the bands; the gutter lies beyond it
    band: tuple[Band, ...]
    rutor: dict[str, Ruta]
    pilar: tuple[tuple[tuple[float, float], ...], ...]  # polylines, child → parent


def layout(h: Handbok) -> Diagram:
    """Place every box, band and arrow. Deterministic: forums keep the model's order within a level."""
    rader: list[list[Forum]] = [[h.regionala_radet()]]
    rader += [h.forum_pa_niva(n.id) for n in h.overenskommelse.styrning.nivaer]
    rad_av = {f.id: i for i, rad in enumerate(rader) for f in rad}
    text = {f.id: radbryt(f.namn, NAMN_BREDD, FONT) for rad in rader for f in rad}
    bredd = {i: max(MIN_RUTA, *(textbredd(t, FONT) for t in text[i])) + 2 * PAD_X for i in text}
    etiketter = [radbryt(n.namn, ETIKETT_BREDD, FONT, fet=True) for n in h.overenskommelse.styrning.nivaer]
    etikett_w = max(textbredd(t, FONT, fet=True) for e in etiketter for t in e) + 2 * PAD_X

    # Which arrows go where: to the band above (a shared line in the gap), within a band (a U below the
    # boxes), or anywhere else (a lane in the right-hand gutter, so it never crosses a box).
    lankar = [(f.id, f.rapporterar_till) for rad in rader for f in rad if f.rapporterar_till]
    upp = [(c, p) for c, p in lankar if rad_av[p] == rad_av[c] - 1]
    sida = [(c, p) for c, p in lankar if rad_av[p] == rad_av[c]]
    ranna = [(c, p) for c, p in lankar if (c, p) not in upp and (c, p) not in sida]

    x0 = MARGINAL + etikett_w
    innehall = max(sum(bredd[f.id] for f in rad) + MELLANRUM * (len(rad) - 1) for rad in rader)
    hoger = x0 + innehall + PAD_X  # right edge of the bands
    total_bredd = hoger + (14 + 10 * len(ranna) if ranna else 0) + MARGINAL

    def foraldrar(lista, r):  # parents in row r with arrows of this kind, left to right
        return [p for p in dict.fromkeys(p for c, p in lista if rad_av[p] == r)]

    def rannor(r):  # gutter arrows that start or end in row r
        return [i for i, (c, p) in enumerate(ranna) if r in (rad_av[c], rad_av[p])]

    rutor: dict[str, Ruta] = {}
    band: list[Band] = []
    topp: dict[int, float] = {}
    y = MARGINAL
    for r, rad in enumerate(rader):
        hojd = max(len(text[f.id]) for f in rad) * RAD + 2 * PAD_Y
        ovan = 6 * len(rannor(r)) + (4 if rannor(r) else 0)  # room for gutter lanes above the boxes
        if r == 0:
            box_y = y + ovan
            botten = box_y + hojd
        else:
            y += max(40, 28 + 10 * len(foraldrar(upp, r - 1)))  # the gap with the shared lines
            under = 10 * len(foraldrar(sida, r))
            etikett = etiketter[r - 1]
            inre = max(len(etikett) * RAD, ovan + hojd + under)
            box_y = y + BAND_PAD + ovan
            band.append(Band(tuple(etikett), y, inre + 2 * BAND_PAD))
            botten = y + inre + 2 * BAND_PAD
        topp[r] = box_y
        radbredd = sum(bredd[f.id] for f in rad) + MELLANRUM * (len(rad) - 1)
        x = x0 + (innehall - radbredd) / 2
        for f in rad:
            rutor[f.id] = Ruta(f, r, x, box_y, bredd[f.id], hojd, tuple(text[f.id]))
            x += bredd[f.id] + MELLANRUM
        y = botten
    total_hojd = y + MARGINAL

    pilar = []
    for c, p in lankar:
        cr, pr = rutor[c], rutor[p]
        if (c, p) in upp:
            gap_botten = band[cr.rad - 1].y
            ly = gap_botten - 14 - 10 * foraldrar(upp, pr.rad).index(p)
            pilar.append(((cr.cx, cr.y), (cr.cx, ly), (pr.cx, ly), (pr.cx, pr.y + pr.h)))
        elif (c, p) in sida:
            ly = cr.y + cr.h + 10 + 10 * foraldrar(sida, pr.rad).index(p)
            pilar.append(((cr.cx, cr.y + cr.h), (cr.cx, ly), (pr.cx, ly), (pr.cx, pr.y + pr.h)))
        else:
            j = ranna.index((c, p))
            lx = hoger + 14 + 10 * j
            cy = cr.y - 5 - 6 * rannor(cr.rad).index(j)
            py = pr.y - 5 - 6 * rannor(pr.rad).index(j)
            cx, px = _faste(ranna, j, c), _faste(ranna, j, p)
            pilar.append(
                ((cx + cr.cx, cr.y), (cx + cr.cx, cy), (lx, cy), (lx, py), (px + pr.cx, py), (px + pr.cx, pr.y))
            )
    return Diagram(total_bredd, total_hojd, hoger, tuple(band), rutor, tuple(pilar))


def markt(f: Forum) -> bool:
    """The box's place or arrow is the handbook's reading: the chart's description and the legend under its text
    version say so (the picture itself carries no markers: one legend per group)."""
    return bool(f.slutsats("niva") or f.slutsats("rapporterar_till"))


def _faste(ranna: list[tuple[str, str]], j: int, forum: str) -> float:
    """Where gutter arrow j meets a forum's box, from its centre: apart when several meet the same box."""
    mina = [i for i, (c, p) in enumerate(ranna) if forum in (c, p)]
    return 12 * (mina.index(j) - (len(mina) - 1) / 2)
