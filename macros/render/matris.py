"""Who sits where: parties (municipalities as one group) against forums, each cell the function that takes part.

A raw HTML table, because Markdown tables have no caption and no row headers. Markdown leaves raw HTML
blocks alone, so text from data is escaped for HTML here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import escape
from ..model import KATEGORIER, Handbok, Part
from .common import Kontext, forum_sida, part_sida
from .diagram import html_lank


@dataclass(frozen=True)
class Grupp:
    alla: str  # row label when every party of the category takes part alike
    ovriga: str  # row label when some differ and get rows of their own
    lank: str  # the part of the party list that lists the category
    forklaring: str  # one sentence for the reading guide above the table


# Categories shown as one row when their parties sit in the same forums with the same functions: the
# municipalities are many and take part as a group. Other organisations each have a row of their own.
GRUPPERAS = {
    "kommun": Grupp(
        "Kommunerna",
        "Övriga kommuner",
        "parter/index.md#kommuner",
        "Kommuner som deltar på samma sätt visas på en gemensam rad, med antalet inom parentes.",
    )
}

# A forum's cell for one row: the functions that take part, then chair/convener roles.
Cell = tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class Rad:
    etikett: str  # plain text, escaped when rendered
    lank: str  # page in docs/ (with anchor) the row header links to
    celler: tuple[Cell, ...]
    grupp: bool = False  # a row for several parties of one category


def _celler(h: Handbok, p: Part) -> tuple[Cell, ...]:
    medlemskap = h.medlemskap(p.id)
    out = []
    for f in h.forum.values():
        funktioner = tuple(dict.fromkeys(m.funktion for g, m in medlemskap if g.id == f.id))
        roller = tuple(
            r for r, roll in (("ordförande", f.ordforande), ("sammankallande", f.sammankallande)) if roll.part == p.id
        )
        out.append((funktioner, roller))
    return tuple(out)


def rader(h: Handbok) -> list[Rad]:
    """Rows in category order (as in the model's KATEGORIER), parties by name within a category."""
    out: list[Rad] = []
    for kat in KATEGORIER:
        parter = [p for p in h.parter.values() if p.kategori == kat]
        if kat not in GRUPPERAS or not parter:
            out += [Rad(p.namn, part_sida(p.id), _celler(h, p)) for p in parter]
            continue
        # The most common pattern becomes the group row; a party that differs gets a row of its own.
        monster: dict[tuple, list[Part]] = {}
        for p in parter:
            monster.setdefault(_celler(h, p), []).append(p)
        vanligast = max(monster, key=lambda k: len(monster[k]))  # first seen wins a tie: stable
        grupp = monster[vanligast]
        g = GRUPPERAS[kat]
        namn = g.alla if len(grupp) == len(parter) else g.ovriga
        out.append(Rad(f"{namn} ({len(grupp)})", g.lank, vanligast, grupp=True))
        out += [Rad(p.namn, part_sida(p.id), _celler(h, p)) for p in parter if p not in grupp]
    return out


def _cell(cell: Cell) -> str:
    funktioner, roller = cell
    if not funktioner and not roller:
        return '<td><span aria-hidden="true">–</span><span class="handbok-dold">deltar inte</span></td>'
    text = "; ".join(funktioner)
    if roller:
        text += (", " if text else "") + " och ".join(roller)
    return f'<td><span class="handbok-ja" aria-hidden="true">✓ </span>{escape.html(text[:1].upper() + text[1:])}</td>'


def _href(ctx: Kontext, target: str) -> str:
    sida, _, ankare = target.partition("#")
    return escape.html(html_lank(ctx, sida) + (f"#{ankare}" if ankare else ""))


def vem_sitter_var(ctx: Kontext) -> str:
    """The matrix as an HTML table with a caption, column headers (forums) and row headers (parties)."""
    h = ctx.handbok
    alla = rader(h)
    # The reading guide stands above the table, so the caption stays short enough to show on a narrow screen.
    guide = [
        "Varje cell visar vilken funktion hos parten som deltar i forumet.",
        "Ett streck betyder att parten inte deltar.",
        *(g.forklaring for k, g in GRUPPERAS.items() if any(p.kategori == k for p in h.parter.values())),
    ]
    out = [
        " ".join(guide) + "\n\n",
        '<div class="handbok-matris">\n<table>\n',
        "<caption>Vem sitter var</caption>\n",
        '<thead>\n<tr><th scope="col">Part</th>',
    ]
    out += [
        f'<th scope="col"><a href="{_href(ctx, forum_sida(f.id))}">{escape.html(f.namn)}</a></th>'
        for f in h.forum.values()
    ]
    out.append("</tr>\n</thead>\n<tbody>\n")
    for r in alla:
        out.append(f'<tr><th scope="row"><a href="{_href(ctx, r.lank)}">{escape.html(r.etikett)}</a></th>')
        out += [_cell(c) for c in r.celler]
        out.append("</tr>\n")
    out.append("</tbody>\n</table>\n</div>\n")
    return "".join(out)
