"""Forums by level and one page per forum."""

from __future__ import annotations

from ..core.model import Forum
from ..text import escape
from ..text.format import antal
from .ansvar import ansvar_for_forum
from .beslut import beslut_avsnitt
from .common import Kontext
from .sentences import styrning
from .sentences.mening import forum_ankare
from .sentences.styrning import (
    ALLA_FORUM_BADA_LAGEN,
    DELVIS_SLUTSATS,
    FAKTA_VAD,
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
        f"## {escape.text(radet.namn)} {{ #regionala-radet }}\n\n",
        f"{ctx.forum(radet.id)} står över nivåerna. {escape.text(radet.syfte)}\n",
    ]
    for niva in h.overenskommelse.styrning.nivaer:
        out.append(f"\n## {escape.text(niva.namn)} {{ #{niva.id} }}\n\n{escape.text(niva.fokus)}\n\n")
        forums = h.forum_pa_niva(niva.id)
        if forums:
            out.append(f"{'Forumet' if len(forums) == 1 else 'Forumen'} på nivån:\n\n")
        for f in forums:
            out.append(f"- {ctx.forum(f.id)}. {escape.text(f.syfte)}\n")
    # one legend for the levels and their forums, naming each statement that is the handbook's reading
    legend = ctx.slutsatser(styrning.slutsatser_i_styrningen(h))
    return "".join(out) + (f"\n{legend}" if legend else "")


def forumsida(ctx: Kontext, ident: str) -> str:
    h = ctx.handbok
    f: Forum = h.forum[ident]
    out = [f"# {escape.text(f.namn)}\n\n"]
    out += [f"- **{etikett}:** {ctx.md(varde)}\n" for etikett, varde in forum_fakta(h, f, markor=False)]
    fakta = [(vad, forum_ankare(f.id, k)) for k, vad in FAKTA_VAD.items() if f.slutsats(k)]
    if fakta:
        out.append("\n" + ctx.slutsatser([("", fakta)]).rstrip("\n") + "\n")
    out.append(f"\n{escape.text(f.syfte)}\n")

    out.append("\n## Medlemmar { #medlemmar }\n\n")
    out.append(f"{FUNKTION_INTE_PERSON}\n\n")
    out.append("| Vem | Funktion | Mandat |\n|---|---|---|\n")
    for x in f.medlemmar:
        vem = ctx.md(medlem(h, f, x, markor=False))
        out.append(f"| {vem} | {escape.text(x.funktion)} | {escape.text(x.mandat)} |\n")
    if f.slutsats("medlemmar"):
        out.append("\n" + ctx.slutsatser([("", [("vem som deltar", forum_ankare(f.id, "medlemmar"))])]))

    out.append("\n## Uppgifter { #uppgifter }\n\n")
    out.append("### I ordinarie läge { #ordinarie-lage }\n\n")
    out += [f"- {escape.text(t)}\n" for t in f.uppgifter.ordinarie_lage]
    out.append("\n### I aktiverat läge { #aktiverat-lage }\n\n")
    out += [f"- {escape.text(t)}\n" for t in f.uppgifter.aktiverat_lage]
    uppgifter = [
        (vad, forum_ankare(f.id, k))
        for k, vad in (("ordinarie_lage", "uppgifterna i ordinarie läge"), ("aktiverat_lage", "i aktiverat läge"))
        if f.slutsats(k)
    ]
    if uppgifter:
        out.append("\n" + ctx.slutsatser([("", uppgifter)]).rstrip("\n") + "\n")

    out.append("\n## Återrapportering { #aterrapportering }\n\n")
    out.append(f"{escape.text(f.aterrapportering)}{ctx.forum_markor(f, 'aterrapportering')}\n")
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
