"""The list of parties (parter/index.md) and the start page's run of party links; each party's own page is
partsida.py."""

from __future__ import annotations

from ..core.model import Part
from ..text import escape
from ..text.format import datum, kanske
from ..text.kategorier import kategori
from .common import Kontext
from .partsida import ansluten
from .sentences.overenskommelse import (
    KOMMANDE_PARTER,
    TIDIGARE_PARTER,
    antal_parter,
    kommande,
    parter_sedan,
    tidigare_namn,
)


def partlista(ctx: Kontext) -> str:
    """Today's parties: municipalities first (they pay the fee), then the other organisations; those still to join
    and those that have left last."""
    h = ctx.handbok
    idag = h.parter_idag()
    kommuner = [p for p in idag if p.kategori == "kommun"]
    andra = [p for p in idag if p.kategori != "kommun"]
    coming = f" {ctx.md(kommande(h))}" if h.kommande_parter() else ""
    out = [f"{ctx.md(antal_parter(h, fet=True))}{coming}\n", _sedan(ctx, idag)]
    out.append(f"\n## Kommuner ({len(kommuner)}) {{ #kommuner }}\n\n")
    out.append("| Kommun | Kommunkod |\n|---|---|\n")
    out += [f"| {ctx.part(p.id)} | {escape.text(p.kommunkod)} |\n" for p in kommuner]
    out.append(f"\n## Andra organisationer ({len(andra)}) {{ #andra-organisationer }}\n\n")
    out.append("| Organisation | Slag | Tidigare namn |\n|---|---|---|\n")
    for p in andra:
        tidigare = escape.text(tidigare_namn(p)) or "–"
        out.append(f"| {ctx.part(p.id)} | {kategori(p.kategori)} | {tidigare} |\n")
    out.append(kommande_parter(ctx))
    out.append(tidigare_parter(ctx))
    return "".join(out)


def _sedan(ctx: Kontext, parter: list[Part]) -> str:
    """When today's parties joined: from the start unless the data says otherwise, and the gaps named."""
    andra = [p for p in parter if p.ansluten is not None]
    out = [f"\n{ctx.md(parter_sedan(ctx.handbok, utom=bool(andra)))}\n"]
    if not andra:
        return out[0]
    out.append("\n")
    out += [f"- {ctx.part(p.id)}: part sedan {ansluten(ctx, p)}\n" for p in andra]
    return "".join(out)


def kommande_parter(ctx: Kontext) -> str:
    """Parties whose first day lies ahead: a section of their own, empty when there are none."""
    coming = ctx.handbok.kommande_parter()
    if not coming:
        return ""
    out = [
        f"\n## Kommande parter ({len(coming)}) {{ #kommande-parter }}\n\n{ctx.md(KOMMANDE_PARTER)}\n\n",
        "| Organisation | Ansluter |\n|---|---|\n",  # two columns: the date stays in view on a phone
    ]
    out += [f"| {ctx.part(p.id)} | {datum(p.ansluten.datum)} |\n" for p in coming]
    return "".join(out)


def tidigare_parter(ctx: Kontext) -> str:
    """Parties that have left: a section of their own, empty when there are none."""
    former = ctx.handbok.tidigare_parter()
    if not former:
        return ""
    out = [
        f"\n## Tidigare parter ({len(former)}) {{ #tidigare-parter }}\n\n",
        f"{ctx.md(TIDIGARE_PARTER)} Deras sidor visar vad som gällde medan de var parter.\n\n",
        "| Organisation | Part till och med |\n|---|---|\n",  # two columns: the date stays in view on a phone
    ]
    for p in former:
        when = kanske(p.lamnat.datum, datum)
        out.append(f"| {ctx.part(p.id)} | {when} |\n")
    return "".join(out)


def partlankar(ctx: Kontext) -> str:
    """Today's parties as a compact run of links, for the start page: one click to one's own page."""
    h = ctx.handbok
    idag = h.parter_idag()
    kommuner = " · ".join(ctx.part(p.id) for p in idag if p.kategori == "kommun")
    andra = " · ".join(ctx.part(p.id) for p in idag if p.kategori != "kommun")
    out = f"**Kommuner:** {kommuner}\n\n**Andra organisationer:** {andra}\n"
    coming = h.kommande_parter()
    if coming:
        listed = " · ".join(f"{ctx.part(p.id)} (ansluter {datum(p.ansluten.datum)})" for p in coming)
        out += f"\n**Kommande parter:** {listed}\n"
    former = h.tidigare_parter()
    if former:
        out += f"\n**Tidigare parter:** {' · '.join(ctx.part(p.id) for p in former)}\n"
    return out
