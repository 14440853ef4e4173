"""The levels and the forums: the structure, a forum's facts and its members."""

from __future__ import annotations

from ...core.model import Forum, Handbok, Medlem, Part, Roll
from ...text.format import antal, datum, versal
from ...text.kategorier import kategori
from .mening import Mening, Namn, forum, forum_markor, grupp_slutsatser, listan, niva_markor, part

ALLA_FORUM_BADA_LAGEN = "Alla forum arbetar både i ordinarie läge och i aktiverat läge."
FUNKTION_INTE_PERSON = "Deltagarna kallas efter funktion och mandat, inte som namngivna personer."
DELVIS_SLUTSATS = "Delvis handbokens slutsats"  # the heading of a forum's note on what no source says
INGET_FORUM = "Parten sitter inte i något forum enligt handbokens data."


def inte_part_i_forum(h: Handbok, p: Part) -> str:
    """Why a party that is not one today sits in no forum; empty for today's parties."""
    if not p.har_anslutit(h.idag):
        return f"Organisationen blir part den {datum(p.ansluten.datum)} och sitter inte i något forum före den dagen."
    if p.har_lamnat(h.idag):
        return "Organisationen är inte längre part och sitter därför inte i något forum."
    return ""


def antal_nivaer(h: Handbok) -> str:
    """tre nivåer, en nivå: the count from the data."""
    n = len(h.overenskommelse.styrning.nivaer)
    return f"{antal(n, utrum=True)} {'nivå' if n == 1 else 'nivåer'}"


def nivaerna(h: Handbok) -> str:
    """de tre nivåerna, or nivån when there is one."""
    n = len(h.overenskommelse.styrning.nivaer)
    return "nivån" if n == 1 else f"de {antal(n)} nivåerna"


def nivaer_slutsats(h: Handbok) -> str:
    return (
        f"Överenskommelsen nämner rådet och {nivaerna(h)}. Vad varje nivå gör och vilka forum som hör till den är "
        "till stor del handbokens slutsats."
    )


def niva_namn(h: Handbok, forum: Forum) -> str:
    """The level a forum sits on, by name; Regionala rådet stands above the levels."""
    if forum.niva is None:
        return "Över nivåerna"
    return next(n.namn for n in h.overenskommelse.styrning.nivaer if n.id == forum.niva)


def roll_namn(h: Handbok, r: Roll) -> Mening:
    """Who holds a role: the party, or the function when the source names no party."""
    return (part(h, r.part),) if r.part else (f"{r.funktion} (källan anger inte från vilken part)",)


def roll(h: Handbok, r: Roll) -> Mening:
    """A forum's chair or convener: the party and its function, as far as the source says."""
    return (*roll_namn(h, r), f" ({r.funktion})") if r.part and r.funktion else roll_namn(h, r)


def styrning(h: Handbok, markor: bool = True) -> list[tuple[str, Mening]]:
    """The structure as (heading, text): Regionala rådet at the top, then each level with its focus and forums.
    markor=False where one legend under the list names the readings (slutsatser_i_styrningen)."""
    radet = h.regionala_radet()
    out = [("Överst", (forum(h, radet.id), ", med ", *roll_namn(h, radet.ordforande), " som ordförande."))]
    for n in h.overenskommelse.styrning.nivaer:
        fm = (lambda f: forum_markor(f, "niva")) if markor else (lambda f: ())
        forums = listan([(forum(h, f.id), *fm(f)) for f in h.forum_pa_niva(n.id)])
        out.append((n.namn, (n.fokus, *(niva_markor(n) if markor else ()), " Forum: ", *forums, ".")))
    return out


def slutsatser_i_styrningen(h: Handbok) -> list[tuple[str, list[tuple[str, str]]]]:
    """The legend's groups for the structure: the levels whose work, and the forums whose level, is a reading."""
    nivaer = [(n.namn, f"niva-{n.id}") for n in h.overenskommelse.styrning.nivaer if niva_markor(n)]
    forum_ = [f for f in h.forum.values() if f.niva]
    return [("vad nivån gör för", nivaer), *grupp_slutsatser(h, forum_, {"niva": NIVA_FOR_FORUM})]


NIVA_FOR_FORUM = "vilken nivå dessa forum hör till:"
PILARNA = "Pilarna visar vem som rapporterar till vem."
# Under the printed chart: its alternative text is the image's alt text, for a screen reader, not a paragraph.
SCHEMA_BILDTEXT = f"{PILARNA} Samma uppgifter står i tabellen under schemat."
RAPPORTVAG_FOR_FORUM = "vart dessa rapporterar:"


def sammankallande(h: Handbok) -> Mening:
    return ("Sammankallande för forumen är ", part(h, h.overenskommelse.styrning.sammankallande), ".")


def rapporterar_till(h: Handbok, f: Forum, markor: bool = True) -> Mening:
    """Where a forum reports, with the marker if that is the handbook's reading (and markor)."""
    till = (forum(h, f.rapporterar_till),) if f.rapporterar_till else ("parternas egna organisationer",)
    return (*till, *(forum_markor(f, "rapporterar_till") if markor else ()))


# What each of a forum's facts is, in a legend that names the ones that are the handbook's reading.
FAKTA_VAD = {
    "niva": "nivån",
    "ordforande": "vem som leder",
    "sammankallande": "vem som kallar",
    "rapporterar_till": "vart forumet rapporterar",
}


def forum_fakta(h: Handbok, f: Forum, markor: bool = True) -> list[tuple[str, Mening]]:
    """A forum's place in the structure, as (label, value); a value may start in lower case. markor=False leaves
    the markers to one legend under the list (FAKTA_VAD)."""
    nivaer = {n.id: n.namn for n in h.overenskommelse.styrning.nivaer}
    niva = (Namn(nivaer[f.niva], "niva", f.niva),) if f.niva else (f"står över {nivaerna(h)}",)
    m = (lambda nyckel: forum_markor(f, nyckel)) if markor else (lambda nyckel: ())
    return [
        ("Nivå", (*niva, *m("niva"))),
        ("Leds av", (*roll(h, f.ordforande), *m("ordforande"))),
        ("Sammankallande", (*roll(h, f.sammankallande), *m("sammankallande"))),
        ("Rapporterar till", rapporterar_till(h, f, markor)),
    ]


def en_av(h: Handbok, kat: str) -> Mening:
    """One party of a category, not every one: "en av kommunerna", or the party itself when it is the only one."""
    parter = h.parter_i_kategori(kat)
    if len(parter) == 1:
        return (part(h, parter[0].id),)
    return (f"en av {kategori(kat, plural=True).lower()}",)


def medlem(h: Handbok, f: Forum, m: Medlem, markor: bool = True) -> Mening:
    """Who a member of a forum is: a party, one party of a category, or every party of it (with their number);
    markor=False where one legend under the table says it instead."""
    if m.part:
        vem: Mening = (part(h, m.part),)
    elif m.deltar == "nagon":
        vem = en_av(h, m.kategori)
        vem = (versal(vem[0]),) if isinstance(vem[0], str) else vem
    else:
        vem = (f"{kategori(m.kategori, plural=True)} ({len(h.parter_i_kategori(m.kategori))})",)
    return (*vem, *(forum_markor(f, "medlemmar") if markor else ()))


def forum_slutsats(f: Forum) -> str:
    """A forum whose description is partly the handbook's reading: why."""
    return f"Uppgifterna om forumet står inte i sin helhet i någon källa. {f.underlag.kommentar or ''}".strip()


def deltar_som(part_id: str, f: Forum, m: Medlem) -> str:
    """How a party takes part in a forum: with a seat of its own or as every party (of its kind) does, and as
    chair or convener."""
    if m.part:
        som = "egen plats"
    elif m.kategori == "alla":
        som = "som alla parter"
    else:
        som = f"som {kategori(m.kategori, plural=True).lower()}"
    roles = [
        name
        for name, role in (("ordförande", f.ordforande), ("sammankallande", f.sammankallande))
        if role.part == part_id
    ]
    return som + (", " + " och ".join(roles) if roles else "")


def kan_sitta_i(h: Handbok, f: Forum, m: Medlem, p: Part) -> Mening:
    """A forum with a seat for one party of the category: this one when it is the only party of its kind,
    otherwise perhaps this one."""
    if len(h.parter_i_kategori(m.kategori)) == 1:
        slag = kategori(m.kategori).lower()
        return (forum(h, f.id), f" har en plats för en {slag}, och {p.namn} är den enda parten av det slaget.")
    return (
        "I ",
        forum(h, f.id),
        f" deltar en av {kategori(m.kategori, plural=True).lower()}, men källorna säger inte vilken. "
        f"Det kan vara {p.namn}.",
    )


def deltar_i_forum(p: Part, n: int) -> str:
    return f"{p.namn} deltar i {antal(n)} forum. {FUNKTION_INTE_PERSON}"
