"""The agreement itself, section by section, from data/overenskommelse.yaml."""

from __future__ import annotations

from ..core import pages
from ..text import escape
from .avgifter import avgiftsregel
from .common import Kontext
from .sentences.overenskommelse import antal_parter, ataganden, forslag_fran, galler_fran, kommande, rekommenderad_av
from .sentences.styrning import nivaer_slutsats, sammankallande, slutsatser_i_styrningen, styrning


def namn(ctx: Kontext) -> str:
    """The agreement's name and motto, inline."""
    a = ctx.handbok.overenskommelse
    return f"*{escape.text(a.namn)}* – {escape.text(a.devis).lower()}"


def fakta(ctx: Kontext) -> str:
    """Key facts: name, version, the date it applies from, the recommendation."""
    h = ctx.handbok
    a = h.overenskommelse
    return (
        f"- **Namn:** {escape.text(a.namn)} – {escape.text(a.devis).lower()}\n"
        f"- **Gäller från:** {ctx.md(galler_fran(h))}\n"
        f"- **Förslag från:** {ctx.md(forslag_fran(h))}\n"
        f"- **Rekommenderad av:** {ctx.md(rekommenderad_av(h))}\n"
        f"- **Parter:** {len(h.parter_idag())}\n"
        f"- **Version i handboken:** {escape.text(a.version)}\n"
    )


def overenskommelse(ctx: Kontext) -> str:
    h = ctx.handbok
    a = h.overenskommelse
    s = a.styrning
    out = [fakta(ctx)]
    out.append(f"\n## Syfte {{ #syfte }}\n\n{escape.text(a.syfte)}\n")

    out.append(
        f"\n## Parter {{ #parter }}\n\n{ctx.md(antal_parter(h))} {ctx.md(kommande(h))} "
        f"Se {ctx.lank(pages.PARTER, 'alla parter')}.\n"
    )

    out.append("\n## Gemensamma utgångspunkter { #utgangspunkter }\n\n")
    out += [f"- {escape.text(u)}\n" for u in a.utgangspunkter]

    out.append("\n## Gemensamma åtaganden { #ataganden }\n\n")
    out.append(f"{ctx.md(ataganden(h))}\n\n")
    out += [f"{i}. **{escape.text(x.rubrik)}.** {escape.text(x.beskrivning)}\n" for i, x in enumerate(a.atagande, 1)]

    out.append(f"\n## Organisation och styrning {{ #styrning }}\n\n{escape.text(s.beskrivning)}\n\n")
    out.append(f"{ctx.md(nivaer_slutsats(h))}\n\n")
    out += [f"- **{escape.text(rubrik)}:** {ctx.md(text)}\n" for rubrik, text in styrning(h, markor=False)]
    legend = ctx.slutsatser(slutsatser_i_styrningen(h))
    out.append(f"\n{legend}" if legend else "")
    out.append(f"\nSe {ctx.lank(pages.FORUM, 'alla forum och hur de hänger ihop')}.\n")

    out.append("\n### Principer för alla forum { #principer }\n\n")
    out += [f"- **{escape.text(p.rubrik)}.** {escape.text(p.beskrivning)}\n" for p in s.principer]

    out.append("\n### Ordinarie och aktiverat läge { #lagen }\n\n")
    out.append(f"- **Ordinarie läge:** {escape.text(s.lagen.ordinarie_lage)}\n")
    out.append(f"- **Aktiverat läge:** {escape.text(s.lagen.aktiverat_lage)}\n")
    out.append(f"\n{ctx.md(sammankallande(h))}\n")

    out.append(f"\n## Uppföljning {{ #uppfoljning }}\n\n{escape.text(a.uppfoljning)}\n")
    out.append("\n## Ekonomi { #ekonomi }\n\n")  # the rule as a list; data's ekonomi says the same in prose
    out.append(avgiftsregel(ctx))
    out.append(f"\nSe {ctx.lank(pages.AVGIFTER, 'varje kommuns avgift')}.\n")

    out.append(f"\n## Källor {{ #kallor }}\n\n{ctx.kallor(a.kallor)}.\n")
    out.append(ctx.redigera(a.fil))
    return "".join(out)
