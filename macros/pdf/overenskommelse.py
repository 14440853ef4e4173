"""The agreement's data (templates/overenskommelse.typ): the cover, the agreement's sections, the appendices."""

from __future__ import annotations

from ..core.model import Handbok
from ..core.utgava import Utgava
from ..render.sentences.avgifter import (
    avrundning,
    hela_kostnaden,
    kommunernas_andel,
    underlagsdag,
    varje_kommun_betalar,
)
from ..render.sentences.mening import MARKOR, plain
from ..render.sentences.overenskommelse import (
    antal_parter,
    ataganden,
    forslag_fran,
    galler_fran,
    kommande,
    rekommenderad_av,
)
from ..render.sentences.styrning import (
    ALLA_FORUM_BADA_LAGEN,
    FUNKTION_INTE_PERSON,
    nivaer_slutsats,
    sammankallande,
    styrning,
)
from ..text.format import SAKNAS, belopp, datum, kanske
from . import bilagor
from .document import gemensamt, kort_kalla, markor_forklaring

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


def overenskommelse(h: Handbok, utg: Utgava) -> dict:
    """The agreement: cover, the agreement's sections, then the appendices."""
    a = h.overenskommelse
    ar = h.avgifter.budgetar[-1].ar
    titlar = [{"id": i, "titel": f"Bilaga {n}. {t.format(ar=ar)}"} for n, (i, t) in enumerate(BILAGOR, 1)]
    nr = {i: f"bilaga {n}" for n, (i, _t) in enumerate(BILAGOR, 1)}
    return {
        **gemensamt(h, utg),
        "titel": f"{a.namn} – överenskommelsen, version {a.version}",
        "beskrivning": a.devis,
        "omslag": _omslag(h, utg),
        "avsnitt": _avsnitt(h, nr),
        "bilagor": titlar,
        "parter": bilagor.bilaga_parter(h),
        "styrning": bilagor.bilaga_styrning(h),
        "forum": [bilagor.bilaga_forum(h, f) for f in h.forum.values()],
        "forum_inledning": f"{ALLA_FORUM_BADA_LAGEN} {FUNKTION_INTE_PERSON}",
        "ansvar": bilagor.bilaga_ansvar(h),
        "slutsatser": bilagor.bilaga_slutsatser(h, nr["bilaga-kallor"]),
        "forklaring": markor_forklaring(nr["bilaga-slutsatser"]),
        "markor": MARKOR,
        "saknas": SAKNAS,
        "avgifter": bilagor.bilaga_avgifter(h),
        "kallor": [bilagor.bilaga_kalla(k) for k in h.kallor.values()],
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
        *([("Datans version", utg.revision)] if utg.revision else []),
    ]
    return {"devis": a.devis, "fakta": [list(x) for x in fakta]}


def _belopp(h: Handbok, bilaga: str) -> str:
    """Every year's rate; from four years on the first and the latest, and where the others stand."""
    budgetar = h.avgifter.budgetar
    if len(budgetar) <= 3:
        return ", ".join(f"{b.ar}: {kanske(b.belopp_per_invanare, belopp)} per invånare" for b in budgetar)
    first, last = budgetar[0], budgetar[-1]
    return (
        f"{first.ar}: {kanske(first.belopp_per_invanare, belopp)}, {last.ar}: "
        f"{kanske(last.belopp_per_invanare, belopp)} per invånare; alla år i {bilaga}"
    )


def _avsnitt(h: Handbok, nr: dict[str, str]) -> dict:
    """The agreement's sections (templates/avsnitt_overenskommelse.typ), as on the site's page."""
    a = h.overenskommelse
    s = a.styrning
    return {
        "bilaga": nr,
        "syfte": a.syfte,
        "parter": f"{plain(antal_parter(h))} {plain(kommande(h))}",
        "utgangspunkter": list(a.utgangspunkter),
        "atagande_inledning": ataganden(h),
        "styrning": s.beskrivning,
        "nivaer": [{"rubrik": rubrik, "text": plain(text)} for rubrik, text in styrning(h)],
        "slutsats": f"{nivaer_slutsats(h)} {markor_forklaring(nr['bilaga-slutsatser'])}",
        "principer": [{"rubrik": p.rubrik, "beskrivning": p.beskrivning} for p in s.principer],
        "ordinarie_lage": s.lagen.ordinarie_lage,
        "aktiverat_lage": s.lagen.aktiverat_lage,
        "sammankallande": plain(sammankallande(h)),
        "uppfoljning": a.uppfoljning,
        "ekonomi": a.ekonomi,
        "ekonomi_punkter": [
            plain(kommunernas_andel(h)),
            varje_kommun_betalar(_belopp(h, nr["bilaga-avgifter"])),
            underlagsdag(h),
            avrundning(h).strip(),
            hela_kostnaden(h),
        ],
        "avgift_ar": str(h.avgifter.budgetar[-1].ar),
        "kallor": [kort_kalla(h, k) for k in a.kallor],
    }
