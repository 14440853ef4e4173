"""Who sits where: parties (municipalities as one group) against forums, each cell the function that takes part.

A raw HTML table, because Markdown tables have no caption and no row headers. Markdown leaves raw HTML
blocks alone, so text from data is escaped for HTML here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core import pages
from ..core.model import Handbok, Part
from ..core.schemas import kategorier
from ..text import escape
from ..text.format import versal
from .common import Kontext, html_lank
from .sentences.mening import grupp_slutsatser


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
        pages.PARTER + "#kommuner",
        "Kommuner som deltar på samma sätt visas på en gemensam rad, med antalet inom parentes.",
    )
}

# A forum's cell for one row: the functions that take part, then chair/convener roles.
Cell = tuple[tuple[str, ...], tuple[str, ...]]
TOM: Cell = ((), ())
# The grid (a column per forum) while it has at most this many cells; a larger one would grow with
# parties x forums, so the same content is then listed forum by forum, one row per participant.
MAX_CELLER = 5000


@dataclass(frozen=True)
class Rad:
    etikett: str  # plain text, escaped when rendered
    lank: str  # page in docs/ (with anchor) the row header links to
    deltar: tuple[tuple[int, Cell], ...]  # (forum's place in the model, cell) where the row takes part
    grupp: bool = False  # a row for several parties of one category

    def celler(self, antal_forum: int) -> tuple[Cell, ...]:
        """One cell per forum, empty where the row does not take part."""
        cells = dict(self.deltar)
        return tuple(cells.get(i, TOM) for i in range(antal_forum))


def _deltar(
    h: Handbok, p: Part, place: dict[str, int], roller: dict[str, list[tuple[int, str]]]
) -> tuple[tuple[int, Cell], ...]:
    funktioner: dict[int, dict[str, None]] = {}
    for f, m in h.medlemskap(p.id):
        alla = m.part == p.id or m.deltar == "alla"
        som = m.funktion if alla else f"{m.funktion} (en av dem, inte varje)"
        funktioner.setdefault(place[f.id], {})[som] = None
    egna: dict[int, list[str]] = {}
    for i, roll in roller.get(p.id, ()):
        egna.setdefault(i, []).append(roll)
    return tuple((i, (tuple(funktioner.get(i, ())), tuple(egna.get(i, ())))) for i in sorted({*funktioner, *egna}))


def _roller(h: Handbok) -> dict[str, list[tuple[int, str]]]:
    """Party id -> (forum's place, role) for chairs and conveners, in forum order."""
    out: dict[str, list[tuple[int, str]]] = {}
    for i, f in enumerate(h.forum.values()):
        for r, roll in (("ordförande", f.ordforande), ("sammankallande", f.sammankallande)):
            if roll.part is not None:
                out.setdefault(roll.part, []).append((i, r))
    return out


def rader(h: Handbok) -> list[Rad]:
    """Rows in category order (as in part.schema.json), parties by name within a category."""
    out: list[Rad] = []
    roller = _roller(h)
    place = {f.id: i for i, f in enumerate(h.forum.values())}
    for kat in kategorier():
        parter = [p for p in h.parter_idag() if p.kategori == kat]
        if kat not in GRUPPERAS or not parter:
            out += [Rad(p.namn, pages.part_sida(p.id), _deltar(h, p, place, roller)) for p in parter]
            continue
        # The most common pattern becomes the group row; a party that differs gets a row of its own.
        monster: dict[tuple, list[Part]] = {}
        for p in parter:
            monster.setdefault(_deltar(h, p, place, roller), []).append(p)
        vanligast = max(monster, key=lambda k: len(monster[k]))  # first seen wins a tie: stable
        grupp = monster[vanligast]
        g = GRUPPERAS[kat]
        namn = g.alla if len(grupp) == len(parter) else g.ovriga
        out.append(Rad(f"{namn} ({len(grupp)})", g.lank, vanligast, grupp=True))
        out += [Rad(p.namn, pages.part_sida(p.id), _deltar(h, p, place, roller)) for p in parter if p not in grupp]
    return out


def _cell(cell: Cell) -> str:
    funktioner, roller = cell
    if not funktioner and not roller:
        return '<td><span aria-hidden="true">–</span><span class="handbok-dold">deltar inte</span></td>'
    text = "; ".join(funktioner)
    if roller:
        text += (", " if text else "") + " och ".join(roller)
    return f'<td><span class="handbok-ja" aria-hidden="true">✓ </span>{escape.html(versal(text))}</td>'


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
    if len(alla) * len(h.forum) > MAX_CELLER:
        return _per_forum(ctx, alla)
    out = [
        " ".join(guide) + "\n\n",
        _slutsatser(ctx),
        '<div class="handbok-matris">\n<table>\n',
        "<caption>Vem sitter var</caption>\n",
        '<thead>\n<tr><th scope="col">Part</th>',
    ]
    out += [
        f'<th scope="col"><a href="{_href(ctx, pages.forum_sida(f.id))}">{escape.html(f.namn)}</a></th>'
        for f in h.forum.values()
    ]
    out.append("</tr>\n</thead>\n<tbody>\n")
    for r in alla:
        out.append(f'<tr><th scope="row"><a href="{_href(ctx, r.lank)}">{escape.html(r.etikett)}</a></th>')
        out += [_cell(c) for c in r.celler(len(h.forum))]
        out.append("</tr>\n")
    out.append("</tbody>\n</table>\n</div>\n")
    return "".join(out)


def _slutsatser(ctx: Kontext) -> str:
    """One legend over the table: the forums whose members are the handbook's reading."""
    legend = ctx.slutsatser(
        grupp_slutsatser(ctx.handbok, ctx.handbok.forum.values(), {"medlemmar": "vem som sitter i"})
    )
    return legend


def _per_forum(ctx: Kontext, alla: list[Rad]) -> str:
    """Too many parties and forums for a grid: each forum with the rows that take part in it, and as what."""
    h = ctx.handbok
    forum = list(h.forum.values())
    per_forum: dict[int, list[tuple[Rad, Cell]]] = {}
    for r in alla:
        for i, cell in r.deltar:
            per_forum.setdefault(i, []).append((r, cell))
    guide = [
        "Tabellen visar forum för forum vilka parter som deltar och med vilken funktion.",
        *(g.forklaring for k, g in GRUPPERAS.items() if any(p.kategori == k for p in h.parter.values())),
    ]
    out = [
        " ".join(guide) + "\n\n",
        _slutsatser(ctx),
        '<div class="handbok-matris">\n<table>\n',
        "<caption>Vem sitter var</caption>\n",
        '<thead>\n<tr><th scope="col">Forum</th><th scope="col">Part</th><th scope="col">Deltar som</th></tr>\n'
        "</thead>\n<tbody>\n",
    ]
    for i, f in enumerate(forum):
        for r, cell in per_forum.get(i, ()):
            out.append(
                f'<tr><th scope="row"><a href="{_href(ctx, pages.forum_sida(f.id))}">{escape.html(f.namn)}</a></th>'
                f'<td><a href="{_href(ctx, r.lank)}">{escape.html(r.etikett)}</a></td>{_cell(cell)}</tr>\n'
            )
    out.append("</tbody>\n</table>\n</div>\n")
    return "".join(out)
