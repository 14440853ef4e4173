"""The model as the data of one PDF: plain JSON that a Typst template (templates/) lays out.

Everything a reader sees is worked out here, with the site's own formatters (numbers, dates, amounts), so
the PDF says what the site says; the templates only place it. Data reaches Typst only as JSON strings and
is set as text, never read as markup (see `as_json` and templates/gemensamt.typ), so a name such as
``#set page(width: 1cm)`` or ``*bold*`` is printed literally.
"""

from __future__ import annotations

import json

from ..core import fees, pages
from ..core.model import Forum, Handbok, Part, Roll
from ..core.utgava import Utgava
from ..render import diagram
from ..render.ansvar import ansvar_text, grupper
from ..render.avgifter import AVRUNDNINGSREGEL, andel_text
from ..render.common import MARKOR, Kontext, deltar_som, kategori, niva_namn
from ..render.slutsatser import punkter
from ..text.format import antal, belopp, dag_och_manad, datum, kronor, procent, tal
from . import FONT_FAMILY

SAKNAS = "uppgift saknas"  # an unknown figure, never 0

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
M = " " + MARKOR  # the site's marker for the handbook's own conclusions, as text


def _m(forum: Forum, nyckel: str) -> str:
    """The marker after a statement about a forum, if the statement is the handbook's reading."""
    return M if forum.slutsats(nyckel) else ""


def _niva_m(niva) -> str:
    return M if niva.underlag is not None and niva.underlag.status == "slutsats" else ""


def _forklaring(var: str) -> str:
    """The marker's legend; `var` says where the reasons stand."""
    return (
        f"Märket {MARKOR} visar att uppgiften är handbokens egen slutsats. Ingen källa säger det rakt ut. "
        f"Skälen står i {var}."
    )


SVG_FONT = 'font-family="Arial, Helvetica, sans-serif"'  # what diagram.py names for the site


def as_json(data: dict) -> str:
    """The document's data as Typst reads it (sys.inputs): one JSON text, keys sorted, so that the same data
    is the same input (and the same cache key)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _kanske(value, fmt) -> str:
    return SAKNAS if value is None else fmt(value)


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


def _senare_namn(p: Part) -> str:
    return ", ".join(s.namn + (f" sedan {datum(s.fran)}" if s.fran else "") for s in p.senare_namn)


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
        "ansvar": _ansvar(h),
        "slutsatser": _slutsatser(h),
        "forklaring": _forklaring(nr["bilaga-slutsatser"]),
        "avgifter": avgifter(h),
        "kallor": [_kalla(k) for k in h.kallor.values()],
    }


def _omslag(h: Handbok, utg: Utgava) -> dict:
    a = h.overenskommelse
    f = a.foreslagen_av
    fakta = [
        ("Version", a.version),
        ("Gäller från", datum(a.galler_fran) + (", retroaktivt" if a.retroaktiv else "")),
        ("Förslag från", f"{f.namn} ({f.forkortning})" + (f", i dag {f.senare_namn}" if f.senare_namn else "")),
        ("Rekommenderad av", f"{a.rekommendation.organ} den {datum(a.rekommendation.datum)}"),
        ("Parter", str(len(h.parter_idag()))),
        ("Utskriften skapad", datum(utg.dag)),
        ("Datans version", utg.revision),
    ]
    return {"devis": a.devis, "fakta": [list(x) for x in fakta]}


def _avsnitt(h: Handbok, nr: dict[str, str]) -> dict:
    a = h.overenskommelse
    s = a.styrning
    av = h.avgifter
    radet = h.regionala_radet()
    kommuner = len(h.kommuner())
    idag = len(h.parter_idag())
    rates = ", ".join(f"{b.ar}: {_rate(b.belopp_per_invanare)} per invånare" for b in av.budgetar)
    if len(av.budgetar) > 3:  # the agreement's running text names the first and the latest
        first, last = av.budgetar[0], av.budgetar[-1]
        rates = (
            f"{first.ar}: {_rate(first.belopp_per_invanare)}, {last.ar}: {_rate(last.belopp_per_invanare)} "
            f"per invånare; alla år i {nr['bilaga-avgifter']}"
        )
    regel = AVRUNDNINGSREGEL[av.avrundning.regel]
    if av.avrundning.underlag.status == "slutsats":
        regel += f" Regeln är handbokens val: {av.avrundning.underlag.kommentar or ''}"
    return {
        "bilaga": nr,
        "syfte": a.syfte,
        "parter": f"Överenskommelsen har {idag} parter: {kommuner} kommuner och "
        f"{idag - kommuner} andra organisationer. Fler parter kan ansluta med tiden.",
        "utgangspunkter": list(a.utgangspunkter),
        "atagande_inledning": f"Alla parter åtar sig {antal(len(a.atagande))} saker:",
        "styrning": s.beskrivning,
        "nivaer": [{"rubrik": "Överst", "text": f"{radet.namn}, med {_namn(h, radet.ordforande)} som ordförande."}]
        + [
            {
                "rubrik": n.namn,
                "text": f"{n.fokus}{_niva_m(n)} Forum: "
                f"{', '.join(f.namn + _m(f, 'niva') for f in h.forum_pa_niva(n.id))}.",
            }
            for n in s.nivaer
        ],
        "slutsats": "Överenskommelsen nämner rådet och de tre nivåerna. Vad varje nivå gör och vilka forum som "
        "hör till den är till stor del handbokens slutsats. " + _forklaring(nr["bilaga-slutsatser"]),
        "principer": [{"rubrik": p.rubrik, "beskrivning": p.beskrivning} for p in s.principer],
        "ordinarie_lage": s.lagen.ordinarie_lage,
        "aktiverat_lage": s.lagen.aktiverat_lage,
        "sammankallande": f"Sammankallande för forumen är {h.parter[s.sammankallande].namn}.",
        "uppfoljning": a.uppfoljning,
        "ekonomi": a.ekonomi,
        "ekonomi_punkter": [
            f"Kommunerna betalar tillsammans {andel_text(av.kommunernas_andel)} för samverkansfunktionen.",
            f"Varje kommun betalar ett belopp per invånare och år ({rates}).",
            f"Folkmängden räknas den {dag_och_manad(av.underlagsdag)} året före budgetåret.",
            regel.strip(),
            f"Hela kostnaden: uppgift saknas. {av.total_kostnad.uppgift_saknas}",
        ],
        "avgift_ar": str(h.avgifter.budgetar[-1].ar),
        "kallor": [f"{h.kallor[k].titel}, {h.kallor[k].utgivare}." for k in a.kallor],
    }


def _namn(h: Handbok, r: Roll) -> str:
    return h.parter[r.part].namn if r.part else f"{r.funktion} (källan anger inte från vilken part)"


def _roll(h: Handbok, r: Roll) -> str:
    if r.part is None:  # the source names the function only
        return _namn(h, r)
    return f"{_namn(h, r)} ({r.funktion})" if r.funktion else _namn(h, r)


def _parter(h: Handbok) -> dict:
    """Today's parties; those that have left in a table of their own (empty when none has)."""
    kommuner = h.kommuner()
    andra = [p for p in h.parter_idag() if p.kategori != "kommun"]
    sedan = [f"{p.namn}: part sedan {_sedan(h, p)}" for p in h.parter_idag() if p.ansluten is not None]
    inledning = (
        f"Överenskommelsen har {len(kommuner) + len(andra)} parter: {len(kommuner)} kommuner och "
        f"{len(andra)} andra organisationer. Alla är med sedan överenskommelsen började gälla den "
        f"{datum(h.overenskommelse.galler_fran)}" + (", utom: " + "; ".join(sedan) if sedan else "") + "."
    )
    return {
        "inledning": inledning,
        "kommuner": [[p.namn, p.kommunkod or SAKNAS] for p in kommuner],
        "andra": [[p.namn, kategori(p.kategori), _senare_namn(p) or "–"] for p in andra],
        "tidigare": [[p.namn, kategori(p.kategori), _lamnade(p)] for p in h.tidigare_parter()],
    }


def _sedan(h: Handbok, p: Part) -> str:
    """When a party joined: the agreement's first day, a date, or that it is unknown."""
    a = p.ansluten
    if a is None:
        return datum(h.overenskommelse.galler_fran)
    return datum(a.datum) if a.datum else f"{SAKNAS} ({a.uppgift_saknas})"


def _lamnade(p: Part) -> str:
    return datum(p.lamnat.datum) if p.lamnat.datum else SAKNAS


def _rate(value) -> str:
    return _kanske(value, belopp)


def _diagram_svg(h: Handbok) -> str:
    """The site's governance chart, its text in the embedded font (the site's names system fonts)."""
    svg = diagram.styrningsdiagram_svg(Kontext(h, pages.OVERENSKOMMELSE))
    if svg.count(SVG_FONT) != 1:
        raise ValueError("diagram.py names another font than document.py expects; update SVG_FONT")
    return svg.replace(SVG_FONT, f'font-family="{FONT_FAMILY}"')


def _styrning(h: Handbok) -> dict:
    return {
        "svg": _diagram_svg(h),
        "alt": diagram.beskrivning(h),
        "rapport": [
            [
                f.namn,
                niva_namn(h, f) + _m(f, "niva"),
                _rapporterar_till(h, f) + _m(f, "rapporterar_till"),
            ]
            for f in h.forum.values()
        ],
    }


def _rapporterar_till(h: Handbok, f: Forum) -> str:
    return h.forum[f.rapporterar_till].namn if f.rapporterar_till else "Parternas egna organisationer"


def _forum(h: Handbok, f: Forum) -> dict:
    nivanamn = {n.id: n.namn for n in h.overenskommelse.styrning.nivaer}
    medlemmar = []
    for m in f.medlemmar:
        if m.part:
            vem = h.parter[m.part].namn
        elif m.deltar == "nagon":
            vem = f"En part av slaget {kategori(m.kategori).lower()}"
        else:
            vem = f"{kategori(m.kategori, True)} ({len(h.parter_i_kategori(m.kategori))})"
        medlemmar.append([vem + _m(f, "medlemmar"), m.funktion, m.mandat])
    return {
        "id": f"forum-{f.id}",
        "namn": f.namn,
        "syfte": f.syfte,
        "fakta": [
            ["Nivå", (nivanamn[f.niva] if f.niva else "Står över de tre nivåerna") + _m(f, "niva")],
            ["Ordförande", _roll(h, f.ordforande) + _m(f, "ordforande")],
            ["Sammankallande", _roll(h, f.sammankallande) + _m(f, "sammankallande")],
            ["Rapporterar till", _rapporterar_till(h, f) + _m(f, "rapporterar_till")],
        ],
        "medlemmar": medlemmar,
        "ordinarie_lage": [t + _m(f, "ordinarie_lage") for t in f.uppgifter.ordinarie_lage],
        "aktiverat_lage": [t + _m(f, "aktiverat_lage") for t in f.uppgifter.aktiverat_lage],
        "aterrapportering": f.aterrapportering,
        "slutsats": (
            "Uppgifterna om forumet står inte i sin helhet i någon källa. " + (f.underlag.kommentar or "")
        ).strip()
        if f.underlag.status == "slutsats"
        else None,
    }


def avgifter(h: Handbok) -> dict:
    """The fee appendix: the latest budget year in full, and every year's total when there are more."""
    regler = h.avgifter
    t = fees.avgiftstabell(h, regler.budgetar[-1].ar)
    budget_sources = [b.kalla for b in regler.budgetar if b.ar == t.ar]
    kallor = sorted({r.kalla for r in t.rader if r.kalla} | set(budget_sources))
    rate = _rate(t.belopp_per_invanare)
    rader = [
        [r.part.namn, SAKNAS, rate, SAKNAS, "–"]
        if r.belopp is None
        else [r.part.namn, tal(r.folkmangd), rate, kronor(r.belopp), procent(t.andel(r))]
        for r in t.rader
    ]
    okanda = [r.part.namn for r in t.rader if r.belopp is None]
    return {
        "ar": str(t.ar),
        "underlagsdatum": datum(t.underlagsdatum),
        "inledning": f"Avgift för budgetåret {t.ar}: folkmängden den {datum(t.underlagsdatum)} × {rate} per "
        f"invånare. {AVRUNDNINGSREGEL[regler.avrundning.regel]}",
        "rader": rader,
        "summa": [
            f"Summa, {len(t.rader) - t.antal_okanda} kommuner med känd folkmängd",
            tal(t.folkmangd_kanda),
            "",
            kronor(t.summa_kanda),
            procent(100),
        ],
        "okanda": (
            f"Folkmängden den {datum(t.underlagsdatum)} saknas för {len(okanda)} "
            f"{'kommun' if len(okanda) == 1 else 'kommuner'}: {', '.join(okanda)}. Deras avgift kan inte räknas ut "
            "och ingår inte i summan, som därför är lägre än kommunernas verkliga sammanlagda avgift. Andelen är "
            "andel av den kända summan."
        )
        if okanda
        else None,
        "alla_ar": _alla_ar(h) if len(regler.budgetar) > 1 else None,
        "kallor": [_kort_kalla(h, k) for k in kallor],
    }


def _kort_kalla(h: Handbok, ident: str) -> str:
    k = h.kallor[ident]
    return f"{k.titel}, {k.utgivare}" + (" (andrahandskälla)" if k.typ == "sekundar" else "") + "."


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
    return [{"rubrik": rubrik, "punkter": [ansvar_text(h, a) for a in items]} for rubrik, items in grupper(h)]


def _slutsatser(h: Handbok) -> list[dict]:
    """Every statement that is the handbook's reading, with its reasons (the site's Underlag och slutsatser)."""
    return [{"rubrik": rubrik, "punkter": [f"{namn}. {text}" for namn, text in items]} for rubrik, items in punkter(h)]


# --- The party sheets -----------------------------------------------------------------------------

MIN_AR = 3  # a sheet always shows at least this many budget years; more if they fit (templates/partblad.typ)


def partblad(h: Handbok, utg: Utgava, p: Part) -> dict:
    """One party's sheet: who it is, where it sits, what it has promised, and its fee by budget year."""
    a = h.overenskommelse
    fakta = [["Slag", kategori(p.kategori)]]
    if p.kommunkod:
        fakta.append(["Kommunkod", p.kommunkod])
    if p.senare_namn:
        fakta.append(["Senare namn", _senare_namn(p)])
    fakta.append(["Part sedan", _sedan(h, p)])
    if p.lamnat is not None:
        fakta.append(["Lämnade" if p.har_lamnat(h.idag) else "Lämnar", _lamnade(p)])
    rows = [
        [
            forum.namn,
            niva_namn(h, forum) + _m(forum, "niva"),
            deltar_som(p.id, forum, medlem),
            medlem.funktion,
            medlem.mandat + _m(forum, "medlemmar"),
        ]
        for forum, medlem in h.sitter_i(p.id)
    ]
    kanske = [
        f"I {forum.namn} deltar en part av slaget {kategori(medlem.kategori).lower()}, inte varje. Källorna "
        f"säger inte vilken.{_m(forum, 'medlemmar')}"
        for forum, medlem in h.kan_sitta_i(p.id)
    ]
    egna, gemensamma = h.ansvar_for_part(p.id)
    avgift_rader = []
    if p.kategori == "kommun":
        for b in (b for b in h.avgifter.budgetar if p.part_under_ar(b.ar)):  # only years as a party
            x = fees.avgift(h, p, b.ar)
            avgift_rader.append(
                {
                    "ar": str(x.ar),
                    "folkmangd": f"{_kanske(x.folkmangd, tal)} ({datum(x.underlagsdatum)})",
                    "per_invanare": _kanske(x.belopp_per_invanare, belopp),
                    "avgift": _kanske(x.belopp, kronor),
                    "anmarkning": None
                    if x.belopp is not None
                    else (
                        f"{x.ar}: Avgiften kan inte räknas ut eftersom "
                        + (
                            f"folkmängden den {datum(x.underlagsdatum)}"
                            if x.folkmangd is None
                            else "beloppet per invånare"
                        )
                        + f" saknas. {x.uppgift_saknas or ''}".rstrip()
                        + "".join(f" Källa: {h.kallor[k].titel}, {h.kallor[k].utgivare}." for k in x.kallor)
                    ),
                }
            )
    return {
        **_gemensamt(h, utg),
        "titel": partblad_titel(h, p),
        "beskrivning": f"{p.namn} i {a.namn}: forum, åtaganden och avgift på en sida.",
        "part": p.namn,
        "fakta": fakta,
        "forum": rows,
        "forum_text": f"{p.namn} deltar i {antal(len(rows))} forum. Deltagarna utses efter funktion och mandat, "
        "inte som namngivna personer.",
        "kanske": kanske,
        "forklaring": _forklaring(f"bilagan Underlag och slutsatser i {pages.OVERENSKOMMELSE_PDF}"),
        "ansvar_egna": [ansvar_text(h, a) for a in egna],
        "ansvar_gemensamma": [ansvar_text(h, a) for a in gemensamma],
        "avgifter": avgift_rader,
        "min_ar": MIN_AR,
        "sida": pages.html(pages.part_sida(p.id)),
    }
