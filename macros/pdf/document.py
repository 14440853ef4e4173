"""The model as the data of one PDF: plain JSON that a Typst template (templates/) lays out.

Everything a reader sees is worked out here, with the site's own formatters (numbers, dates, amounts), so
the PDF says what the site says; the templates only place it. Data reaches Typst only as JSON strings and
is set as text, never read as markup (see `as_json` and templates/gemensamt.typ), so a name such as
``#set page(width: 1cm)`` or ``*bold*`` is printed literally.
"""

from __future__ import annotations

import json

from ..core import fees, pages
from ..core.model import Forum, Handbok, Part
from ..core.utgava import Utgava
from ..render import diagram
from ..render.ansvar import grupper
from ..render.common import Kontext
from ..render.sentences.ansvar import ansvar, egna_inledning, gemensamma_inledning
from ..render.sentences.avgifter import (
    avgift_for_ar,
    avgift_okand,
    avrundning,
    folkmangd_saknas,
    hela_kostnaden,
    kommunernas_andel,
    summa_kanda,
    underlagsdag,
    varje_kommun_betalar,
)
from ..render.sentences.mening import MARKOR, forklaring, forum_markor, kalla, plain
from ..render.sentences.overenskommelse import (
    KOMMANDE_PARTER,
    TIDIGARE_PARTER,
    antal_parter,
    ataganden,
    forslag_fran,
    galler_fran,
    kommande,
    parter_sedan,
    rekommenderad_av,
    senare_namn,
)
from ..render.sentences.styrning import (
    ALLA_FORUM_BADA_LAGEN,
    DELVIS_SLUTSATS,
    FUNKTION_INTE_PERSON,
    INGET_FORUM,
    deltar_i_forum,
    deltar_som,
    forum_fakta,
    forum_slutsats,
    inte_part_i_forum,
    kan_sitta_i,
    medlem,
    niva_namn,
    nivaer_slutsats,
    rapporterar_till,
    sammankallande,
    styrning,
)
from ..render.slutsatser import punkter
from ..text.format import SAKNAS, belopp, datum, kanske, kronor, procent, tal, versal
from ..text.kategorier import kategori
from . import FONT_FAMILY

# Appendices after the agreement, in order: (label, title). The fee title gets the latest year.
BILAGOR = (
    ("bilaga-parter", "Parter"),
    ("bilaga-styrning", "Organisationsschema"),
    ("bilaga-forum", "Forumen och deras uppgifter"),
    ("bilaga-ansvar", "Vem ansvarar för vad"),
    ("bilaga-avgifter", "Avgifter {ar}"),
    ("bilaga-slutsatser", "Underlag och slutsatser"),
    ("bilaga-kallor", "Källor"),
)


def _forklaring(var: str) -> str:
    """The marker's legend; `var` says where the reasons stand."""
    return f"{plain(forklaring())} Skälen står i {var}."


def as_json(data: dict) -> str:
    """The document's data as Typst reads it (sys.inputs): one JSON text, keys sorted, so that the same data
    is the same input (and the same cache key)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _titel(h: Handbok) -> str:
    a = h.overenskommelse
    return f"{a.namn} – överenskommelsen, version {a.version}"


def partblad_titel(h: Handbok, p: Part) -> str:
    return f"{p.namn} – partblad, {h.overenskommelse.namn}"


def _gemensamt(h: Handbok, utg: Utgava) -> dict:
    a = h.overenskommelse
    return {
        "namn": a.namn,
        "version": a.version,
        "galler_fran": datum(a.galler_fran),
        "skapad": datum(utg.dag),
        "revision": utg.revision,
        "overenskommelse_pdf": pages.OVERENSKOMMELSE_PDF,
        "atagande": [{"rubrik": x.rubrik, "beskrivning": x.beskrivning} for x in a.atagande],
    }


# --- The agreement --------------------------------------------------------------------------------


def overenskommelse(h: Handbok, utg: Utgava) -> dict:
    """The agreement: cover, the agreement's sections, then the appendices."""
    a = h.overenskommelse
    ar = h.avgifter.budgetar[-1].ar
    bilagor = [{"id": i, "titel": f"Bilaga {n}. {t.format(ar=ar)}"} for n, (i, t) in enumerate(BILAGOR, 1)]
    nr = {i: f"bilaga {n}" for n, (i, _t) in enumerate(BILAGOR, 1)}
    return {
        **_gemensamt(h, utg),
        "titel": _titel(h),
        "beskrivning": a.devis,
        "omslag": _omslag(h, utg),
        "avsnitt": _avsnitt(h, nr),
        "bilagor": bilagor,
        "parter": _parter(h),
        "styrning": _styrning(h),
        "forum": [_forum(h, f) for f in h.forum.values()],
        "forum_inledning": f"{ALLA_FORUM_BADA_LAGEN} {FUNKTION_INTE_PERSON}",
        "ansvar": _ansvar(h),
        "slutsatser": _slutsatser(h),
        "forklaring": _forklaring(nr["bilaga-slutsatser"]),
        "markor": MARKOR,
        "saknas": SAKNAS,
        "avgifter": avgifter(h),
        "kallor": [_kalla(k) for k in h.kallor.values()],
    }


def _omslag(h: Handbok, utg: Utgava) -> dict:
    a = h.overenskommelse
    fakta = [
        ("Version", a.version),
        ("Gäller från", galler_fran(h)),
        ("Förslag från", forslag_fran(h)),
        ("Rekommenderad av", rekommenderad_av(h)),
        ("Parter", str(len(h.parter_idag()))),
        ("Utskriften skapad", datum(utg.dag)),
        ("Datans version", utg.revision),
    ]
    return {"devis": a.devis, "fakta": [list(x) for x in fakta]}


def _avsnitt(h: Handbok, nr: dict[str, str]) -> dict:
    a = h.overenskommelse
    s = a.styrning
    av = h.avgifter
    rates = ", ".join(f"{b.ar}: {_rate(b.belopp_per_invanare)} per invånare" for b in av.budgetar)
    if len(av.budgetar) > 3:  # the agreement's running text names the first and the latest
        first, last = av.budgetar[0], av.budgetar[-1]
        rates = (
            f"{first.ar}: {_rate(first.belopp_per_invanare)}, {last.ar}: {_rate(last.belopp_per_invanare)} "
            f"per invånare; alla år i {nr['bilaga-avgifter']}"
        )
    return {
        "bilaga": nr,
        "syfte": a.syfte,
        "parter": f"{plain(antal_parter(h))} {plain(kommande(h))}",
        "utgangspunkter": list(a.utgangspunkter),
        "atagande_inledning": ataganden(h),
        "styrning": s.beskrivning,
        "nivaer": [{"rubrik": rubrik, "text": plain(text)} for rubrik, text in styrning(h)],
        "slutsats": f"{nivaer_slutsats(h)} {_forklaring(nr['bilaga-slutsatser'])}",
        "principer": [{"rubrik": p.rubrik, "beskrivning": p.beskrivning} for p in s.principer],
        "ordinarie_lage": s.lagen.ordinarie_lage,
        "aktiverat_lage": s.lagen.aktiverat_lage,
        "sammankallande": plain(sammankallande(h)),
        "uppfoljning": a.uppfoljning,
        "ekonomi": a.ekonomi,
        "ekonomi_punkter": [
            plain(kommunernas_andel(h)),
            varje_kommun_betalar(rates),
            underlagsdag(h),
            avrundning(h).strip(),
            hela_kostnaden(h),
        ],
        "avgift_ar": str(h.avgifter.budgetar[-1].ar),
        "kallor": [f"{plain((kalla(h, k),))}." for k in a.kallor],
    }


def _parter(h: Handbok) -> dict:
    """Today's parties; those still to join and those that have left in tables of their own (empty when none)."""
    kommuner = h.kommuner()
    andra = [p for p in h.parter_idag() if p.kategori != "kommun"]
    sedan = [f"{p.namn}: part sedan {_sedan(h, p)}" for p in h.parter_idag() if p.ansluten is not None]
    inledning = f"{plain(antal_parter(h))} {parter_sedan(h, utom=bool(sedan))}"
    return {
        "inledning": inledning + (" " + "; ".join(sedan) + "." if sedan else ""),
        "kommuner": [[p.namn, p.kommunkod or SAKNAS] for p in kommuner],
        "andra": [[p.namn, kategori(p.kategori), senare_namn(p) or "–"] for p in andra],
        "kommande": [[p.namn, kategori(p.kategori), datum(p.ansluten.datum)] for p in h.kommande_parter()],
        "kommande_text": KOMMANDE_PARTER,
        "tidigare": [[p.namn, kategori(p.kategori), _lamnade(p)] for p in h.tidigare_parter()],
        "tidigare_text": TIDIGARE_PARTER,
    }


def _sedan(h: Handbok, p: Part) -> str:
    """When a party joined: the agreement's first day, a date, or that it is unknown."""
    a = p.ansluten
    if a is None:
        return datum(h.overenskommelse.galler_fran)
    return datum(a.datum) if a.datum else f"{SAKNAS} ({a.uppgift_saknas})"


def _lamnade(p: Part) -> str:
    return kanske(p.lamnat.datum, datum)


def _rate(value) -> str:
    return kanske(value, belopp)


def _diagram_svg(h: Handbok) -> str:
    """The site's governance chart, its text in the embedded font (the site's names system fonts)."""
    svg = diagram.styrningsdiagram_svg(Kontext(h, pages.OVERENSKOMMELSE))
    return svg.replace(diagram.SVG_FONT, f'font-family="{FONT_FAMILY}"', 1)


def _styrning(h: Handbok) -> dict:
    return {
        "svg": _diagram_svg(h),
        "alt": diagram.beskrivning(h),
        "rapport": [
            [
                f.namn,
                plain((niva_namn(h, f), *forum_markor(f, "niva"))),
                versal(plain(rapporterar_till(h, f))),
            ]
            for f in h.forum.values()
        ],
    }


def _forum(h: Handbok, f: Forum) -> dict:
    def m(nyckel: str) -> str:
        return plain(forum_markor(f, nyckel))

    return {
        "id": f"forum-{f.id}",
        "namn": f.namn,
        "syfte": f.syfte,
        "fakta": [[etikett, versal(plain(varde))] for etikett, varde in forum_fakta(h, f)],
        "medlemmar": [[plain(medlem(h, f, x)), x.funktion, x.mandat] for x in f.medlemmar],
        "ordinarie_lage": [t + m("ordinarie_lage") for t in f.uppgifter.ordinarie_lage],
        "aktiverat_lage": [t + m("aktiverat_lage") for t in f.uppgifter.aktiverat_lage],
        "aterrapportering": f.aterrapportering,
        "slutsats": {"rubrik": DELVIS_SLUTSATS, "text": forum_slutsats(f)} if f.underlag.status == "slutsats" else None,
    }


def avgifter(h: Handbok) -> dict:
    """The fee appendix: the latest budget year in full, and every year's total when there are more."""
    regler = h.avgifter
    t = fees.avgiftstabell(h, regler.budgetar[-1].ar)
    budget_sources = [b.kalla for b in regler.budgetar if b.ar == t.ar]
    kallor = sorted({r.kalla for r in t.rader if r.kalla} | set(budget_sources))
    rader = [
        [r.part.namn, SAKNAS, _rate(t.belopp_per_invanare), SAKNAS, "–"]
        if r.belopp is None
        else [r.part.namn, tal(r.folkmangd), _rate(t.belopp_per_invanare), kronor(r.belopp), procent(t.andel(r))]
        for r in t.rader
    ]
    return {
        "ar": str(t.ar),
        "underlagsdatum": datum(t.underlagsdatum),
        "inledning": avgift_for_ar(h, t),
        "rader": rader,
        "summa": [summa_kanda(t), tal(t.folkmangd_kanda), "", kronor(t.summa_kanda), procent(100)],
        "okanda": folkmangd_saknas(t) if t.antal_okanda else None,
        "alla_ar": _alla_ar(h) if len(regler.budgetar) > 1 else None,
        "kallor": [_kort_kalla(h, k) for k in kallor],
    }


def _kort_kalla(h: Handbok, ident: str) -> str:
    return f"{kalla(h, ident).text}."


def _alla_ar(h: Handbok) -> list[list[str]]:
    """One row per budget year, newest first: the rate, how many fees are known and their sum."""
    rows = []
    for b in reversed(h.avgifter.budgetar):
        t = fees.avgiftstabell(h, b.ar)
        kanda = len(t.rader) - t.antal_okanda
        rows.append([str(b.ar), _rate(b.belopp_per_invanare), f"{kanda} av {len(t.rader)}", kronor(t.summa_kanda)])
    return rows


def _kalla(k) -> dict:
    text = k.utgivare + (f", {datum(k.datum)}" if k.datum else "") + "."
    if k.typ == "sekundar":
        text += " Andrahandskälla."
    if k.kommentar:
        text += f" {k.kommentar}"
    # A secondary source's address may carry a private person's name: linked, never written out.
    return {"titel": k.titel, "text": text, "url": k.url, "visa_url": k.typ != "sekundar"}


def _ansvar(h: Handbok) -> list[dict]:
    """The responsibilities appendix: a group per holder, in the site page's order."""
    return [{"rubrik": rubrik, "punkter": [plain(ansvar(h, a)) for a in items]} for rubrik, items in grupper(h)]


def _slutsatser(h: Handbok) -> list[dict]:
    """Every statement that is the handbook's reading, with its reasons (the site's Underlag och slutsatser)."""
    return [{"rubrik": rubrik, "punkter": items} for rubrik, items in punkter(h)]


# --- The party sheets -----------------------------------------------------------------------------

MIN_AR = 3  # a sheet always shows at least this many budget years; more if they fit (templates/partblad.typ)


def partblad(h: Handbok, utg: Utgava, p: Part) -> dict:
    """One party's sheet: who it is, where it sits, what it has promised, and its fee by budget year."""
    a = h.overenskommelse
    fakta = [["Slag", kategori(p.kategori)]]
    if p.kommunkod:
        fakta.append(["Kommunkod", p.kommunkod])
    if p.senare_namn:
        fakta.append(["Senare namn", senare_namn(p)])
    fakta.append(["Part sedan" if p.har_anslutit(h.idag) else "Blir part", _sedan(h, p)])
    if p.lamnat is not None:
        fakta.append(["Part till och med", _lamnade(p)])
    rows = [
        [
            forum.namn,
            plain((niva_namn(h, forum), *forum_markor(forum, "niva"))),
            deltar_som(p.id, forum, m),
            m.funktion,
            plain((m.mandat, *forum_markor(forum, "medlemmar"))),
        ]
        for forum, m in h.sitter_i(p.id)
    ]
    kanske_i = [
        plain((*kan_sitta_i(h, forum, m), *forum_markor(forum, "medlemmar"))) for forum, m in h.kan_sitta_i(p.id)
    ]
    egna, gemensamma = h.ansvar_for_part(p.id)
    avgift_rader = []
    if p.kategori == "kommun":
        for b in (b for b in h.avgifter.budgetar if p.part_under_ar(b.ar)):  # only years as a party
            x = fees.avgift(h, p, b.ar)
            avgift_rader.append(
                {
                    "ar": str(x.ar),
                    "folkmangd": f"{kanske(x.folkmangd, tal)} ({datum(x.underlagsdatum)})",
                    "per_invanare": kanske(x.belopp_per_invanare, belopp),
                    "avgift": kanske(x.belopp, kronor),
                    "anmarkning": None if x.belopp is not None else plain(avgift_okand(h, x)),
                }
            )
    return {
        **_gemensamt(h, utg),
        "titel": partblad_titel(h, p),
        "beskrivning": f"{p.namn} i {a.namn}: forum, åtaganden och avgift på en sida.",
        "part": p.namn,
        "fakta": fakta,
        "forum": rows,
        "forum_text": deltar_i_forum(p, len(rows)) if rows else inte_part_i_forum(h, p) or INGET_FORUM,
        "kanske": kanske_i,
        "forklaring": _forklaring(f"bilagan Underlag och slutsatser i {pages.OVERENSKOMMELSE_PDF}"),
        "ansvar_egna_inledning": egna_inledning(p),
        "ansvar_egna": [plain(ansvar(h, a)) for a in egna],
        "ansvar_gemensamma_inledning": gemensamma_inledning(p),
        "ansvar_gemensamma": [plain(ansvar(h, a)) for a in gemensamma],
        "avgifter": avgift_rader,
        "min_ar": MIN_AR,
        "sida": pages.html(pages.part_sida(p.id)),
    }
