"""Who sits where, told by what differs: the forums where every party takes part alike are one list, the chairs
and conveners one sentence per party, and a table only for the forums where the parties take part differently,
with the parties that take part alike on one row.

The table is raw HTML, because Markdown tables have no caption and no row headers. Markdown leaves raw HTML
blocks alone, so text from data is escaped for HTML there.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core import pages
from ..core.model import Forum, Handbok, Part
from ..core.schemas import kategorier
from ..text import escape
from ..text.format import och, versal
from .common import Kontext, html_lank
from .sentences.mening import grupp_slutsatser


@dataclass(frozen=True)
class Grupp:
    alla: str  # row label when every party of the category takes part alike
    ovriga: str  # row label when some differ and get rows of their own
    lank: str  # the part of the party list that lists the category
    forklaring: str  # one sentence for the reading guide above the table


# Categories shown as one row when their parties take part alike: the municipalities are many and take part as a
# group. Other organisations that take part alike share a row too, each named.
GRUPPERAS = {
    "kommun": Grupp(
        "Kommunerna",
        "Övriga kommuner",
        pages.PARTER + "#kommuner",
        "För kommunerna står antalet inom parentes.",
    )
}

# A forum's cell for one row: the functions that take part (chairs and conveners are told apart, in a sentence).
Cell = tuple[str, ...]
TOM: Cell = ()
# The grid (a column per forum) while it has at most this many cells; a larger one would grow with
# parties x forums, so the same content is then listed forum by forum, one row per participant.
MAX_CELLER = 5000


@dataclass(frozen=True)
class Rad:
    etiketter: tuple[tuple[str, str], ...]  # (label as plain text, page in docs/ with anchor) per party or group
    deltar: tuple[tuple[int, Cell], ...]  # (forum's place in the model, cell) where the row takes part

    def celler(self, platser: list[int]) -> tuple[Cell, ...]:
        """One cell per forum at the given places, empty where the row does not take part."""
        cells = dict(self.deltar)
        return tuple(cells.get(i, TOM) for i in platser)


def _deltar(h: Handbok, p: Part, place: dict[str, int]) -> tuple[tuple[int, Cell], ...]:
    """The functions the party takes part with, per forum; in a forum where it has none but chairs or convenes,
    that role (the sentence on roles names it everywhere)."""
    funktioner: dict[int, dict[str, None]] = {}
    for f, m in h.medlemskap(p.id):
        alla = m.part == p.id or m.deltar == "alla"
        som = m.funktion if alla else f"{m.funktion} (en av dem, inte varje)"
        funktioner.setdefault(place[f.id], {})[som] = None
    for f in h.forum.values():
        roller = _roller_i(f).get(p.id)
        if roller and place[f.id] not in funktioner:
            funktioner[place[f.id]] = {" och ".join(roller): None}
    return tuple((i, tuple(funktioner[i])) for i in sorted(funktioner))


def _roller_i(f: Forum) -> dict[str, list[str]]:
    """Party id -> its roles in the forum: ordförande, sammankallande or both."""
    out: dict[str, list[str]] = {}
    for namn, roll in (("ordförande", f.ordforande), ("sammankallande", f.sammankallande)):
        if roll.part is not None:
            out.setdefault(roll.part, []).append(namn)
    return out


def rader(h: Handbok) -> list[Rad]:
    """One row per party in category order (as in part.schema.json), by name within a category; the most common
    way a grouped category takes part is one row for its parties, and a party that differs has a row of its own."""
    out: list[Rad] = []
    place = {f.id: i for i, f in enumerate(h.forum.values())}
    for kat in kategorier():
        parter = [p for p in h.parter_idag() if p.kategori == kat]
        if kat not in GRUPPERAS or not parter:
            out += [Rad(((p.namn, pages.part_sida(p.id)),), _deltar(h, p, place)) for p in parter]
            continue
        monster: dict[tuple, list[Part]] = {}
        for p in parter:
            monster.setdefault(_deltar(h, p, place), []).append(p)
        vanligast = max(monster, key=lambda k: len(monster[k]))  # first seen wins a tie: stable
        grupp = monster[vanligast]
        g = GRUPPERAS[kat]
        namn = g.alla if len(grupp) == len(parter) else g.ovriga
        out.append(Rad(((f"{namn} ({len(grupp)})", g.lank),), vanligast))
        out += [Rad(((p.namn, pages.part_sida(p.id)),), _deltar(h, p, place)) for p in parter if p not in grupp]
    return out


def lika_for_alla(h: Handbok, alla: list[Rad]) -> dict[int, Cell]:
    """Forum's place -> the functions every row takes part with, for the forums where all take part alike."""
    out = {}
    for i in range(len(h.forum)):
        cells = {r.celler([i])[0] for r in alla}
        if len(cells) == 1 and (cell := cells.pop()):
            out[i] = cell
    return out


def slagna_samman(alla: list[Rad], platser: list[int]) -> list[Rad]:
    """The rows that take part alike in the forums at these places, as one row naming each; rows that take part in
    none of them are left out (a sentence names them)."""
    samman: dict[tuple[Cell, ...], list[Rad]] = {}
    for r in alla:
        if any(r.celler(platser)):
            samman.setdefault(r.celler(platser), []).append(r)
    return [
        Rad(tuple(e for r in rows for e in r.etiketter), tuple(zip(platser, cells, strict=True)))
        for cells, rows in samman.items()
    ]


def _cell(cell: Cell) -> str:
    if not cell:
        return '<td><span aria-hidden="true">–</span><span class="handbok-dold">deltar inte</span></td>'
    return f'<td><span class="handbok-ja" aria-hidden="true">✓ </span>{escape.html(versal("; ".join(cell)))}</td>'


def _href(ctx: Kontext, target: str) -> str:
    sida, _, ankare = target.partition("#")
    return escape.html(html_lank(ctx, sida) + (f"#{ankare}" if ankare else ""))


def _rubrik(ctx: Kontext, r: Rad) -> str:
    return och([f'<a href="{_href(ctx, lank)}">{escape.html(text)}</a>' for text, lank in r.etiketter])


def vem_sitter_var(ctx: Kontext) -> str:
    """The forums all take part in alike, the chairs and conveners, then the table of what differs."""
    h = ctx.handbok
    forum = list(h.forum.values())
    alla = rader(h)
    lika = lika_for_alla(h, alla)
    olika = [i for i in range(len(forum)) if i not in lika]
    out = [_slutsatser(ctx)]
    if lika:
        out.append("Alla parter deltar med samma funktion i de här forumen:\n\n")
        out += [f"- {ctx.forum(forum[i].id)}: {escape.text(versal('; '.join(lika[i])))}\n" for i in lika]
        out.append("\n")
    out.append(_roller(ctx, forum))
    if not olika:
        return "".join(out)
    rows = slagna_samman(alla, olika)
    guide = [
        "I de här forumen deltar parterna på olika sätt." if lika else "Parterna deltar på olika sätt i forumen.",
        "Varje cell visar vilken funktion hos parten som deltar i forumet, och ett streck att parten inte deltar.",
        "Parter som deltar på samma sätt står på samma rad.",
        *(g.forklaring for k, g in GRUPPERAS.items() if any(p.kategori == k for p in h.parter.values())),
    ]
    out.append(" ".join(guide) + "\n\n")
    if len(rows) * len(olika) > MAX_CELLER:
        out.append(_per_forum(ctx, rows, olika))
    else:
        out.append(_tabell(ctx, rows, olika))
    utanfor = [e for r in alla if not any(r.celler(olika)) for e in r.etiketter]
    if utanfor:
        namn = och(
            [ctx.lank(lank.partition("#")[0], escape.text(text), lank.partition("#")[2]) for text, lank in utanfor]
        )
        out.append(f"\n{namn} deltar inte i något av forumen i tabellen.\n")
    return "".join(out)


def _tabell(ctx: Kontext, rows: list[Rad], olika: list[int]) -> str:
    forum = list(ctx.handbok.forum.values())
    out = [
        '<div class="handbok-matris">\n<table>\n<caption>Vem sitter var</caption>\n',
        '<thead>\n<tr><th scope="col">Part</th>',
    ]
    out += [
        f'<th scope="col"><a href="{_href(ctx, pages.forum_sida(forum[i].id))}">{escape.html(forum[i].namn)}</a></th>'
        for i in olika
    ]
    out.append("</tr>\n</thead>\n<tbody>\n")
    for r in rows:
        out.append(f'<tr><th scope="row">{_rubrik(ctx, r)}</th>')
        out += [_cell(c) for c in r.celler(olika)]
        out.append("</tr>\n")
    out.append("</tbody>\n</table>\n</div>\n")
    return "".join(out)


def _roller(ctx: Kontext, forum: list[Forum]) -> str:
    """Each party that chairs or convenes a forum, in one sentence: which role in which forums."""
    per_part: dict[str, dict[str, list[str]]] = {}
    for f in forum:
        for part, namn in _roller_i(f).items():
            per_part.setdefault(part, {}).setdefault(" och ".join(namn), []).append(ctx.forum(f.id))
    out = []
    for part, per_roll in per_part.items():
        delar = [f"{som} i {och(forum_)}" for som, forum_ in per_roll.items()]
        out.append(f"{ctx.part(part)} är {', samt '.join(delar)}.\n\n")
    return "".join(out)


def _slutsatser(ctx: Kontext) -> str:
    """One legend over the section: the forums whose members are the handbook's reading."""
    return ctx.slutsatser(
        grupp_slutsatser(
            ctx.handbok,
            ctx.handbok.forum.values(),
            {"medlemmar": "vem som sitter i", "ordforande": "vem som leder", "sammankallande": "vem som kallar till"},
        )
    )


def _per_forum(ctx: Kontext, rows: list[Rad], olika: list[int]) -> str:
    """Too many parties and forums for a grid: each forum with the rows that take part in it, and as what."""
    forum = list(ctx.handbok.forum.values())
    out = [
        "Tabellen visar forum för forum vilka parter som deltar och med vilken funktion.\n\n",
        '<div class="handbok-matris">\n<table>\n<caption>Vem sitter var</caption>\n',
        '<thead>\n<tr><th scope="col">Forum</th><th scope="col">Part</th><th scope="col">Deltar som</th></tr>\n'
        "</thead>\n<tbody>\n",
    ]
    for i in olika:
        for r in rows:
            (cell,) = r.celler([i])
            if cell:
                out.append(
                    f'<tr><th scope="row"><a href="{_href(ctx, pages.forum_sida(forum[i].id))}">'
                    f"{escape.html(forum[i].namn)}</a></th><td>{_rubrik(ctx, r)}</td>{_cell(cell)}</tr>\n"
                )
    out.append("</tbody>\n</table>\n</div>\n")
    return "".join(out)
