"""The agreement itself, section by section, from data/overenskommelse.yaml."""

from __future__ import annotations

from ..core import pages
from ..text import escape
from ..text.format import antal, datum
from .avgifter import avgiftsregel
from .common import Kontext


def namn(ctx: Kontext) -> str:
    """The agreement's name and motto, inline."""
    a = ctx.handbok.overenskommelse
    return f"*{escape.text(a.namn)}* – {escape.text(a.devis).lower()}"


def fakta(ctx: Kontext) -> str:
    """Key facts: name, version, the date it applies from, the recommendation."""
    a = ctx.handbok.overenskommelse
    r = a.rekommendation
    f = a.foreslagen_av
    later = f", i dag {escape.text(f.senare_namn)}" if f.senare_namn else ""
    retro = " Den gäller retroaktivt, alltså även för tiden före parternas beslut." if a.retroaktiv else ""
    return (
        f"- **Namn:** {escape.text(a.namn)} – {escape.text(a.devis).lower()}\n"
        f"- **Gäller från:** {datum(a.galler_fran)}.{retro}\n"
        f"- **Förslag från:** {escape.text(f.namn)} ({escape.text(f.forkortning)}{later})\n"
        f"- **Rekommenderad av:** {escape.text(r.organ)} den {datum(r.datum)}\n"
        f"- **Parter:** {len(ctx.handbok.parter_idag())}\n"
        f"- **Version i handboken:** {escape.text(a.version)}\n"
    )


def _ordforande(ctx: Kontext, forum) -> str:
    roll = forum.ordforande
    return ctx.part(roll.part) if roll.part else escape.text(roll.funktion or "")


def overenskommelse(ctx: Kontext) -> str:
    h = ctx.handbok
    a = h.overenskommelse
    s = a.styrning
    out = [fakta(ctx)]
    out.append(f"\n## Syfte {{ #syfte }}\n\n{escape.text(a.syfte)}\n")

    kommuner = len(h.kommuner())
    andra = len(h.parter_idag()) - kommuner
    out.append(
        "\n## Parter { #parter }\n\n"
        f"Överenskommelsen har {kommuner + andra} parter: {kommuner} kommuner och {andra} andra organisationer. "
        f"Fler parter kan ansluta med tiden. Se {ctx.lank(pages.PARTER, 'alla parter')}.\n"
    )

    out.append("\n## Gemensamma utgångspunkter { #utgangspunkter }\n\n")
    out += [f"- {escape.text(u)}\n" for u in a.utgangspunkter]

    out.append("\n## Gemensamma åtaganden { #ataganden }\n\n")
    out.append(f"Alla parter åtar sig {antal(len(a.atagande))} saker:\n\n")
    out += [f"{i}. **{escape.text(x.rubrik)}.** {escape.text(x.beskrivning)}\n" for i, x in enumerate(a.atagande, 1)]

    out.append(f"\n## Organisation och styrning {{ #styrning }}\n\n{escape.text(s.beskrivning)}\n\n")
    out.append(
        "Överenskommelsen nämner rådet och de tre nivåerna. Vad varje nivå gör och vilka forum som hör till "
        "den är till stor del handbokens slutsats.\n\n" + ctx.forklaring()
    )
    radet = h.forum[s.regionala_radet]
    out.append(f"- **Överst:** {ctx.forum(radet.id)}, med {_ordforande(ctx, radet)} som ordförande.\n")
    for niva in s.nivaer:
        forums = ", ".join(ctx.forum(f.id) + ctx.forum_markor(f, "niva") for f in h.forum_pa_niva(niva.id))
        out.append(
            f"- **{escape.text(niva.namn)}:** {escape.text(niva.fokus)}{ctx.niva_markor(niva)} Forum: {forums}.\n"
        )
    out.append(f"\nSe {ctx.lank(pages.FORUM, 'alla forum och hur de hänger ihop')}.\n")

    out.append("\n### Principer för alla forum { #principer }\n\n")
    out += [f"- **{escape.text(p.rubrik)}.** {escape.text(p.beskrivning)}\n" for p in s.principer]

    out.append("\n### Ordinarie och aktiverat läge { #lagen }\n\n")
    out.append(f"- **Ordinarie läge:** {escape.text(s.lagen.ordinarie_lage)}\n")
    out.append(f"- **Aktiverat läge:** {escape.text(s.lagen.aktiverat_lage)}\n")
    out.append(f"\nSammankallande för forumen är {ctx.part(s.sammankallande)}.\n")

    out.append(f"\n## Uppföljning {{ #uppfoljning }}\n\n{escape.text(a.uppfoljning)}\n")
    out.append(f"\n## Ekonomi {{ #ekonomi }}\n\n{escape.text(a.ekonomi)}\n\n")
    out.append(avgiftsregel(ctx))
    out.append(f"\nSe {ctx.lank(pages.AVGIFTER, 'varje kommuns avgift')}.\n")

    out.append(f"\n## Källor {{ #kallor }}\n\n{ctx.kallor(a.kallor)}.\n")
    out.append(ctx.redigera(a.fil))
    return "".join(out)
