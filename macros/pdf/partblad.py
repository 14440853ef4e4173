"""One party's sheet as data (templates/partblad.typ): who it is, where it sits, what it has promised, its fee."""

from __future__ import annotations

from ..core import fees, pages
from ..core.model import Handbok, Part
from ..core.utgava import Utgava
from ..render.sentences.ansvar import ansvar, egna_inledning, gemensamma_inledning
from ..render.sentences.ansvar import kallor as ansvar_kallor
from ..render.sentences.avgifter import avgift_okand
from ..render.sentences.mening import grupp_slutsatser, plain, slutsatser_text
from ..render.sentences.overenskommelse import tidigare_namn
from ..render.sentences.styrning import (
    INGET_FORUM,
    deltar_i_forum,
    deltar_som,
    inte_part_i_forum,
    kan_sitta_i,
    niva_namn,
)
from ..text.format import belopp, datum, kanske, kronor, tal
from ..text.kategorier import kategori
from .document import gemensamt, lamnade, markor_forklaring, part_sedan

MIN_AR = 3  # a sheet always shows at least this many budget years; more if they fit (templates/partblad.typ)


def partblad(h: Handbok, utg: Utgava, p: Part) -> dict:
    """One party's sheet: who it is, where it sits, what it has promised, and its fee by budget year."""
    egna, gemensamma = h.ansvar_for_part(p.id)
    rows = _forum(h, p)
    return {
        **gemensamt(h, utg),
        "titel": f"{p.namn} – partblad, {h.overenskommelse.namn}",
        "beskrivning": f"{p.namn} i {h.overenskommelse.namn}: forum, åtaganden och avgift.",
        "part": p.namn,
        "fakta": _fakta(h, p),
        "forum": rows,
        "forum_text": deltar_i_forum(p, len(rows)) if rows else inte_part_i_forum(h, p) or INGET_FORUM,
        "kanske": [plain(kan_sitta_i(h, f, m, p)) for f, m in h.kan_sitta_i(p.id)],
        "forklaring": _forklaring(h, p),
        "ansvar_egna_inledning": egna_inledning(p),
        "ansvar_egna": [plain(ansvar(h, a)) for a in egna],
        "ansvar_gemensamma_inledning": gemensamma_inledning(p),
        "ansvar_gemensamma": [plain(ansvar(h, a)) for a in gemensamma],
        "ansvar_kallor": plain(ansvar_kallor(h, egna + gemensamma)),
        "avgifter": _avgifter(h, p) if p.kategori == "kommun" else [],
        "min_ar": MIN_AR,
        "sida": pages.html(pages.part_sida(p.id)),
    }


def _forklaring(h: Handbok, p: Part) -> str:
    """One legend under the forum table, as on the site: which statements in it are the handbook's reading, then
    where the reasons stand (the responsibilities keep their own marker)."""
    niva = grupp_slutsatser(h, [f for f, _ in h.sitter_i(p.id)], {"niva": "nivån för"})
    shown = [f for f, _ in h.sitter_i(p.id) + h.kan_sitta_i(p.id)]
    vem = grupp_slutsatser(h, shown, {"medlemmar": "vem som deltar i"})
    grupp = slutsatser_text(niva + vem)
    skal = f"Skälen står i bilagan Underlag och slutsatser i {pages.OVERENSKOMMELSE_PDF}."
    return (
        f"{grupp} {skal}"
        if grupp
        else markor_forklaring(f"bilagan Underlag och slutsatser i {pages.OVERENSKOMMELSE_PDF}")
    )


def _fakta(h: Handbok, p: Part) -> list[list[str]]:
    fakta = [["Slag", kategori(p.kategori)]]
    if p.kommunkod:
        fakta.append(["Kommunkod", p.kommunkod])
    if p.tidigare_namn:
        fakta.append(["Tidigare namn", tidigare_namn(p)])
    fakta.append(["Part sedan" if p.har_anslutit(h.idag) else "Blir part", part_sedan(h, p)])
    if p.lamnat is not None:
        fakta.append(["Part till och med", lamnade(p)])
    return fakta


def _forum(h: Handbok, p: Part) -> list[list[str]]:
    """A row per forum the party sits in: level, as what, the function and its mandate."""
    return [
        [
            f.namn,
            niva_namn(h, f),
            deltar_som(p.id, f, m),
            m.funktion,
            m.mandat,
        ]
        for f, m in h.sitter_i(p.id)
    ]


def _avgifter(h: Handbok, p: Part) -> list[dict]:
    """The municipality's fee for every budget year it was a party, with why where it cannot be worked out."""
    out = []
    for b in (b for b in h.avgifter.budgetar if p.part_under_ar(b.ar)):
        x = fees.avgift(h, p, b.ar)
        out.append(
            {
                "ar": str(x.ar),
                "folkmangd": f"{kanske(x.folkmangd, tal)} ({datum(x.underlagsdatum)})",
                "per_invanare": kanske(x.belopp_per_invanare, belopp),
                "avgift": kanske(x.belopp, kronor),
                "anmarkning": None if x.belopp is not None else plain(avgift_okand(h, x)),
            }
        )
    return out
