"""Forums by level and one page per forum."""

from __future__ import annotations

from ..core.model import Forum
from ..text import escape
from ..text.format import antal
from .ansvar import ansvar_for_forum
from .beslut import beslut_avsnitt
from .common import Kontext
from .sentences import styrning
from .sentences.styrning import (
    ALLA_FORUM_BADA_LAGEN,
    DELVIS_SLUTSATS,
    FUNKTION_INTE_PERSON,
    antal_nivaer,
    forum_fakta,
    forum_slutsats,
    medlem,
)


def forum_ingress(ctx: Kontext) -> str:
    """The forum page's opening, with the structure's names and counts from data."""
    h = ctx.handbok
    return (
        f"Samverkan leds av {escape.text(h.regionala_radet().namn)}. Under rådet finns {antal_nivaer(h)} "
        f"med sammanlagt {antal(len(h.forum) - 1)} forum. {ALLA_FORUM_BADA_LAGEN}\n"
    )


def nivaerna(ctx: Kontext) -> str:
    """The levels by their number, for running text: de tre nivåerna."""
    return ctx.md(styrning.nivaerna(ctx.handbok))


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


def forumsida(ctx: Kontext, ident: str) -> str:
    h = ctx.handbok
    f: Forum = h.forum[ident]
    m = lambda nyckel: ctx.forum_markor(f, nyckel)  # noqa: E731 - the marker for one of this forum's statements
    out = [f"# {escape.text(f.namn)}\n\n"]
    out += [f"- **{etikett}:** {ctx.md(varde)}\n" for etikett, varde in forum_fakta(h, f)]
    if f.underlag_for and any(f.slutsats(k) for k in f.underlag_for):
        out.append("\n" + ctx.forklaring().rstrip("\n") + "\n")
    out.append(f"\n{escape.text(f.syfte)}\n")

    out.append("\n## Medlemmar { #medlemmar }\n\n")
    out.append(f"{FUNKTION_INTE_PERSON}\n\n")
    out.append("| Vem | Funktion | Mandat |\n|---|---|---|\n")
    for x in f.medlemmar:
        out.append(f"| {ctx.md(medlem(h, f, x))} | {escape.text(x.funktion)} | {escape.text(x.mandat)} |\n")

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
        out.append(f'!!! note "{DELVIS_SLUTSATS}"\n\n    {ctx.md(forum_slutsats(f))}\n\n')
    else:
        out.append(f"{escape.text(f.underlag.kommentar or 'Uppgifterna står i källan.')}\n\n")
    out.append(f"Källor: {ctx.kallor(f.underlag.kallor)}.\n")
    out.append(ctx.redigera(f.fil))
    return "".join(out)
