"""Vem ansvarar för vad: every responsibility by holder, and each party's and forum's own part of it."""

from __future__ import annotations

from ..core import pages
from ..core.model import Ansvar, Handbok, Vem
from ..text import escape
from ..text.kategorier import kategori
from .common import Kontext
from .sentences import ansvar as meningar


def _punkt(ctx: Kontext, a: Ansvar) -> str:
    """One responsibility as a list item: what, and in which modes."""
    return f"- {ctx.md(meningar.ansvar(ctx.handbok, a, markor=False))}\n"


def _punkter(ctx: Kontext, items: list[Ansvar]) -> str:
    """A list of responsibilities: those a source states, then those that are the handbook's reading apart, under
    one legend, so the marker stands once and every reading is still told apart."""
    kalla = [a for a in items if a.underlag.status != "slutsats"]
    slutsats = [a for a in items if a.underlag.status == "slutsats"]
    out = [_punkt(ctx, a) for a in kalla]
    if slutsats:
        out.append(("\n" if kalla else "") + ctx.slutsats_lista("ansvar"))
        out += [_punkt(ctx, a) for a in slutsats]
    return "".join(out)


def grupper(h: Handbok) -> list[tuple[str, list[Ansvar]]]:
    """(holder's name, its responsibilities): all parties, categories, parties, all forums, then each forum."""
    groups: dict[Vem, list[Ansvar]] = {}
    for a in h.ansvar:
        groups.setdefault(a.vem, []).append(a)
    return [(_rubrik(h, v), groups[v]) for v in sorted(groups, key=lambda v: _ordning(h, v))]


def _ordning(h: Handbok, v: Vem) -> tuple:
    if v.kategori == "alla":
        return (0, "")
    if v.kategori:
        return (1, v.kategori)
    if v.part:
        return (2, h.parter[v.part].namn)
    return (3, "") if v.forum == "alla" else (4, list(h.forum).index(v.forum))


def vem(ctx: Kontext, v: Vem) -> str:
    """The holder in words, linked to its page where it has one."""
    if v.part:
        return ctx.part(v.part)
    if v.forum:
        return "Alla forum" if v.forum == "alla" else ctx.forum(v.forum)
    return kategori(v.kategori, plural=True)


def ansvarssida(ctx: Kontext) -> str:
    """Every responsibility, grouped by holder: all parties first, then categories, parties and forums."""
    h = ctx.handbok
    out = []
    for rubrik, items in grupper(h):
        v = items[0].vem
        out.append(f"\n## {escape.text(rubrik)} {{ #{_id(v)} }}\n\n")
        if v.part or (v.forum and v.forum != "alla"):
            out.append(f"Se också sidan om {vem(ctx, v)}.\n\n")
        out.append(_punkter(ctx, items))
    out.append(f"\n## Källor {{ #kallor }}\n\n{ctx.md(meningar.kallor(h, list(h.ansvar)))}\n")
    return "".join(out)


def _rubrik(h: Handbok, v: Vem) -> str:
    """The holder's name as plain text."""
    if v.part:
        return h.parter[v.part].namn
    if v.forum:
        return "Alla forum" if v.forum == "alla" else h.forum[v.forum].namn
    return kategori(v.kategori, plural=True)


def _id(v: Vem) -> str:
    if v.part:
        return f"part-{v.part}"
    if v.forum:
        return "alla-forum" if v.forum == "alla" else f"forum-{v.forum}"
    return "alla-parter" if v.kategori == "alla" else f"kategori-{v.kategori}"


def ansvar_for_part(ctx: Kontext, part_id: str) -> str:
    """The party page's section: what falls on this party in particular, then what every party shares."""
    h = ctx.handbok
    p = h.parter[part_id]
    egna, gemensamma = h.ansvar_for_part(part_id)
    if not egna and not gemensamma:
        return ""
    out = ["\n## Ansvar { #ansvar }\n\n"]
    if egna:
        out.append(f"{ctx.md(meningar.egna_inledning(p))}\n\n")
        out.append(_punkter(ctx, egna))
        out.append("\n")
    if gemensamma:
        out.append(f"{ctx.md(meningar.gemensamma_inledning(p))}\n\n")
        out.append(_punkter(ctx, gemensamma))
    out.append(f"\n{ctx.md(meningar.kallor(h, egna + gemensamma))}")
    out.append(f" Se {ctx.lank(pages.ANSVAR, 'vem som ansvarar för vad')} för alla parter och forum.\n")
    return "".join(out)


def ansvar_for_forum(ctx: Kontext, forum_id: str) -> str:
    """The forum page's section: the forum's own responsibilities, then those of every forum."""
    h = ctx.handbok
    egna, gemensamma = h.ansvar_for_forum(forum_id)
    if not egna and not gemensamma:
        return ""
    out = ["\n## Ansvar { #ansvar }\n\n"]
    if egna:
        out.append("Det här ansvarar forumet för särskilt:\n\n")
        out.append(_punkter(ctx, egna))
        out.append("\n")
    if gemensamma:
        out.append("Det här ansvarar alla forum för:\n\n")
        out.append(_punkter(ctx, gemensamma))
    out.append(f"\n{ctx.md(meningar.kallor(h, egna + gemensamma))}")
    out.append(f" Se {ctx.lank(pages.ANSVAR, 'vem som ansvarar för vad')} för alla parter och forum.\n")
    return "".join(out)
