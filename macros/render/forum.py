"""Forums by level and one page per forum."""

from __future__ import annotations

from ..core import pages
from ..core.model import Forum, Roll
from ..text import escape
from ..text.format import antal
from .ansvar import ansvar_for_forum
from .beslut import beslut_avsnitt
from .common import Kontext, kategori


def forum_ingress(ctx: Kontext) -> str:
    """The forum page's opening, with the structure's names and counts from data."""
    h = ctx.handbok
    n = len(h.overenskommelse.styrning.nivaer)
    k = len(h.forum) - 1
    return (
        f"Samverkan leds av {escape.text(h.regionala_radet().namn)}. Under rådet finns {antal(n)} "
        f"{'nivå' if n == 1 else 'nivåer'} med sammanlagt {antal(k)} forum. "
        "Alla forum arbetar både i ordinarie läge och i aktiverat läge.\n"
    )


def forum_per_niva(ctx: Kontext) -> str:
    """Regionala rådet, then each level with its forums, in the agreement's order."""
    h = ctx.handbok
    radet = h.regionala_radet()
    out = [
        ctx.forklaring(),
        f"## {escape.text(radet.namn)} {{ #regionala-radet }}\n\n",
        f"{ctx.forum(radet.id)} står över nivåerna. {escape.text(radet.syfte)}\n",
    ]
    for niva in h.overenskommelse.styrning.nivaer:
        out.append(
            f"\n## {escape.text(niva.namn)} {{ #{niva.id} }}\n\n{escape.text(niva.fokus)}{ctx.niva_markor(niva)}\n\n"
        )
        forums = h.forum_pa_niva(niva.id)
        if forums:
            out.append(f"{'Forumet' if len(forums) == 1 else 'Forumen'} på nivån:\n\n")
        for f in forums:
            out.append(f"- {ctx.forum(f.id)}{ctx.forum_markor(f, 'niva')}. {escape.text(f.syfte)}\n")
    return "".join(out)


def _roll(ctx: Kontext, roll: Roll) -> str:
    if roll.part is None:  # the source names the function only
        return f"{escape.text(roll.funktion)} (källan anger inte från vilken part)"
    who = ctx.part(roll.part)
    return f"{who} ({escape.text(roll.funktion)})" if roll.funktion else who


def forumsida(ctx: Kontext, ident: str) -> str:
    h = ctx.handbok
    f: Forum = h.forum[ident]
    levels = {n.id: n for n in h.overenskommelse.styrning.nivaer}
    m = lambda nyckel: ctx.forum_markor(f, nyckel)  # noqa: E731 - the marker for one of this forum's statements
    out = [f"# {escape.text(f.namn)}\n\n"]
    if f.niva:
        niva = ctx.lank(pages.FORUM, escape.text(levels[f.niva].namn), f.niva)
        out.append(f"- **Nivå:** {niva}{m('niva')}\n")
    else:
        out.append("- **Nivå:** står över de tre nivåerna\n")
    out.append(f"- **Ordförande:** {_roll(ctx, f.ordforande)}{m('ordforande')}\n")
    out.append(f"- **Sammankallande:** {_roll(ctx, f.sammankallande)}{m('sammankallande')}\n")
    if f.rapporterar_till:
        out.append(f"- **Rapporterar till:** {ctx.forum(f.rapporterar_till)}{m('rapporterar_till')}\n")
    else:
        out.append("- **Rapporterar till:** parternas egna organisationer\n")
    if f.underlag_for and any(f.slutsats(k) for k in f.underlag_for):
        out.append("\n" + ctx.forklaring().rstrip("\n") + "\n")
    out.append(f"\n{escape.text(f.syfte)}\n")

    out.append("\n## Medlemmar { #medlemmar }\n\n")
    out.append("Deltagarna kallas efter funktion och mandat, inte som namngivna personer.\n\n")
    out.append("| Vem | Funktion | Mandat |\n|---|---|---|\n")
    for medlem in f.medlemmar:
        if medlem.part:
            who = ctx.part(medlem.part)
        elif medlem.deltar == "nagon":
            who = f"En part av slaget {kategori(medlem.kategori).lower()}"
        else:
            n = len(h.parter_i_kategori(medlem.kategori))
            who = f"{kategori(medlem.kategori, plural=True)} ({n})"
        out.append(f"| {who}{m('medlemmar')} | {escape.text(medlem.funktion)} | {escape.text(medlem.mandat)} |\n")

    out.append("\n## Uppgifter { #uppgifter }\n\n")
    out.append("### I ordinarie läge { #ordinarie-lage }\n\n")
    out += [f"- {escape.text(t)}{m('ordinarie_lage')}\n" for t in f.uppgifter.ordinarie_lage]
    out.append("\n### I aktiverat läge { #aktiverat-lage }\n\n")
    out += [f"- {escape.text(t)}{m('aktiverat_lage')}\n" for t in f.uppgifter.aktiverat_lage]

    out.append("\n## Återrapportering { #aterrapportering }\n\n")
    out.append(f"{escape.text(f.aterrapportering)}{m('aterrapportering')}\n")
    reporting = [x for x in h.forum.values() if x.rapporterar_till == f.id]
    if reporting:
        out.append("\nForum som rapporterar hit: " + ", ".join(ctx.forum(x.id) for x in reporting) + ".\n")

    out.append(ansvar_for_forum(ctx, f.id))
    out.append(beslut_avsnitt(ctx, h.beslut_om_forum(f.id)))
    out.append("\n## Underlag { #underlag }\n\n")
    if f.underlag.status == "slutsats":
        out.append(
            '!!! note "Delvis handbokens slutsats"\n\n'
            "    Uppgifterna om forumet står inte i sin helhet i någon källa. "
            f"{escape.text(f.underlag.kommentar or '')}\n\n"
        )
    else:
        out.append(f"{escape.text(f.underlag.kommentar or 'Uppgifterna står i källan.')}\n\n")
    out.append(f"Källor: {ctx.kallor(f.underlag.kallor)}.\n")
    out.append(ctx.redigera(f.fil))
    return "".join(out)
