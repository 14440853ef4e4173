"""The governance chart: Regionala rådet, the levels as bands, their forums as boxes, reporting lines as arrows.

Drawn as inline SVG in Python, so it shows without JavaScript, in print and in the PDF (as a vector image). Every
shape carries plain colours as presentation attributes, so the SVG also renders on its own; on the site,
docs/assets/diagram.css overrides them with Material's colour variables for the light and dark schemes.
A text version with the same content stands next to the chart.
"""

from __future__ import annotations

from collections.abc import Callable

from ..core import pages
from ..core.model import Handbok
from ..text import escape
from .common import Kontext, html_lank
from .diagram_layout import FONT, MARGINAL, PAD_X, RAD, layout, markt
from .sentences.mening import grupp_slutsatser
from .sentences.styrning import NIVA_FOR_FORUM, PILARNA, RAPPORTVAG_FOR_FORUM, antal_nivaer

# Arrowheads, in SVG user units as the layout (diagram_layout.py).
PILSPETS = 7

# Fallback colours for the standalone SVG (PDF, image viewers); the site's CSS replaces them.
FARG_TEXT = "#1f1f1f"
FARG_BAND = "#eceef8"
FARG_RUTA = "#ffffff"
FARG_KANT = "#3949ab"
FARG_PIL = "#555555"
# The chart's font: system fonts on the site; pdf/bilagor.py puts the PDF's embedded font in its place.
SVG_FONT = 'font-family="Arial, Helvetica, sans-serif"'


def _n(v: float) -> str:
    """A coordinate, short and stable: whole numbers without decimals, else one decimal."""
    v = round(v, 1)
    return str(int(v)) if v == int(v) else f"{v:.1f}"


def _pilar(pilar) -> str:
    """All arrows as one line path and one arrowhead path.

    One path each, because arrows to the same forum share their last stretch: in separate elements the
    overlaps would paint twice and look darker with the site's semi-transparent line colour.
    """
    linjer, spetsar = [], []
    for punkter in map(_rensa, pilar):
        (x1, y1), (x2, y2) = punkter[-2], punkter[-1]
        langd = max(abs(x2 - x1), abs(y2 - y1)) or 1  # segments are horizontal or vertical
        ux, uy = (x2 - x1) / langd, (y2 - y1) / langd
        bx, by = x2 - ux * PILSPETS, y2 - uy * PILSPETS  # the line stops where the arrowhead starts
        linjer.append("M" + " L".join(f"{_n(x)},{_n(y)}" for x, y in [*punkter[:-1], (bx, by)]))
        spetsar.append(
            f"M{_n(x2)},{_n(y2)} L{_n(bx - uy * 4)},{_n(by + ux * 4)} L{_n(bx + uy * 4)},{_n(by - ux * 4)} Z"
        )
    if not linjer:
        return ""
    return (
        f'<path class="pil" d="{" ".join(linjer)}" fill="none" stroke="{FARG_PIL}" stroke-width="1.5"/>\n'
        f'<path class="pilspets" d="{" ".join(dict.fromkeys(spetsar))}" fill="{FARG_PIL}"/>'
    )


def _rensa(punkter):
    """Drop repeated points and the middle of three points on one straight line (a shorter path)."""
    ut = [punkter[0]]
    for p in punkter[1:]:
        if p == ut[-1]:
            continue
        if len(ut) >= 2 and (ut[-2][0] == ut[-1][0] == p[0] or ut[-2][1] == ut[-1][1] == p[1]):
            ut[-1] = p
        else:
            ut.append(p)
    return ut


def beskrivning(h: Handbok) -> str:
    """The chart in words, for <desc>: what a screen reader announces besides the title (plain text)."""
    radet = h.regionala_radet()
    nivaer = h.overenskommelse.styrning.nivaer
    delar = [f"{radet.namn} står överst. Under rådet finns {antal_nivaer(h)}."]
    for n in nivaer:
        delar.append(f"{n.namn}: {', '.join(f.namn for f in h.forum_pa_niva(n.id))}.")
    pilar = [
        f"{f.namn} rapporterar till {h.forum[f.rapporterar_till].namn}" for f in h.forum.values() if f.rapporterar_till
    ]
    if pilar:
        delar.append(PILARNA[:-1] + ": " + "; ".join(pilar) + ".")
    markta = [f.namn for f in h.forum.values() if markt(f)]
    if markta:
        delar.append(f"Handbokens egen slutsats är nivån eller rapportvägen för {', '.join(markta)}.")
    return " ".join(delar)


def styrningsdiagram_svg(
    ctx: Kontext, lank: Callable[[str], str] | None = None, idprefix: str = "styrningsschema"
) -> str:
    """The chart as one standalone SVG element. With `lank` (forum id → href) each box is a link.

    A chart without links is an image (role="img"). With links it is a group instead: ARIA makes an
    image's children presentational, which would hide the links from screen readers and keyboards.
    `idprefix` starts the ids of the title and description; the default, and the CSS classes
    handbok-schema*, keep the published pages' old word so that their HTML stays the same.
    """
    h = ctx.handbok
    s = layout(h)
    titel = f"Styrningen i {h.overenskommelse.namn}"
    roll = "group" if lank else "img"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="handbok-schema-svg" width="{_n(s.bredd)}" '
        f'height="{_n(s.hojd)}" viewBox="0 0 {_n(s.bredd)} {_n(s.hojd)}" role="{roll}" '
        f'aria-labelledby="{idprefix}-titel" aria-describedby="{idprefix}-beskrivning" '
        f'{SVG_FONT} font-size="{FONT}">',
        f'<title id="{idprefix}-titel">{escape.html(titel)}</title>',
        f'<desc id="{idprefix}-beskrivning">{escape.html(beskrivning(h))}</desc>',
    ]
    for b in s.band:
        out.append(
            f'<g class="niva"><rect class="band" x="{MARGINAL}" y="{_n(b.y)}" '
            f'width="{_n(s.hoger - MARGINAL)}" height="{_n(b.h)}" rx="6" fill="{FARG_BAND}"/>'
        )
        ty = b.y + b.h / 2 - (len(b.namn) - 1) * RAD / 2 + FONT * 0.35
        out.append(_text(b.namn, MARGINAL + PAD_X, ty, "niva-namn", anchor="start", fet=True) + "</g>")
    if s.pilar:
        out.append(_pilar(s.pilar))
    for r in s.rutor.values():
        klass = "ruta radet" if r.rad == 0 else "ruta"
        ty = r.y + r.h / 2 - (len(r.rader) - 1) * RAD / 2 + FONT * 0.35
        box = (
            f'<g class="forum"><rect class="{klass}" x="{_n(r.x)}" y="{_n(r.y)}" width="{_n(r.w)}" '
            f'height="{_n(r.h)}" rx="4" fill="{FARG_RUTA}" stroke="{FARG_KANT}" '
            f'stroke-width="{2.5 if r.rad == 0 else 1.5}"/>' + _text(r.rader, r.cx, ty, "namn", fet=r.rad == 0) + "</g>"
        )
        out.append(f'<a href="{escape.html(lank(r.forum.id))}">{box}</a>' if lank else box)
    out.append("</svg>")
    return "\n".join(out)


def _text(rader, x: float, y: float, klass: str, anchor: str = "middle", fet: bool = False) -> str:
    weight = ' font-weight="bold"' if fet else ""
    spans = "".join(f'<tspan x="{_n(x)}" y="{_n(y + i * RAD)}">{escape.html(t)}</tspan>' for i, t in enumerate(rader))
    return f'<text class="{klass}" text-anchor="{anchor}" fill="{FARG_TEXT}"{weight}>{spans}</text>'


def textversion(ctx: Kontext) -> str:
    """The chart as a nested Markdown list: rådet → level → forum, each with whom it reports to."""
    h = ctx.handbok
    radet = h.regionala_radet()
    out = [f"- {ctx.forum(radet.id)} står överst\n"]
    for n in h.overenskommelse.styrning.nivaer:
        out.append(f"    - Nivån {escape.text(n.namn)}\n")
        for f in h.forum_pa_niva(n.id):
            till = f" – rapporterar till {ctx.forum(f.rapporterar_till)}" if f.rapporterar_till else ""
            out.append(f"        - {ctx.forum(f.id)}{till}\n")
    # one legend under the list, naming each forum whose level or reporting line is the handbook's reading
    forum = [f for f in h.forum.values() if f.niva]
    nycklar = {"niva": NIVA_FOR_FORUM, "rapporterar_till": RAPPORTVAG_FOR_FORUM}
    legend = ctx.slutsatser(grupp_slutsatser(h, forum, nycklar))
    return "".join(out) + (f"\n{legend}" if legend else "")


def styrningsdiagram(ctx: Kontext) -> str:
    """The chart for a site page: the SVG with links in a figure, then the same content as a list."""
    svg = styrningsdiagram_svg(ctx, lank=lambda ident: html_lank(ctx, pages.forum_sida(ident)))
    return (
        '<figure class="handbok-schema">\n'
        f"{svg}\n"
        f"<figcaption>{PILARNA} Varje forum i schemat länkar till sin sida. "
        "Samma uppgifter finns i listan under schemat, och under listan står vilka nivåer och rapportvägar som är "
        "handbokens egen slutsats.</figcaption>\n"
        "</figure>\n\n"
        "**Schemat i textform:**\n\n"
        f"{textversion(ctx)}"
    )
