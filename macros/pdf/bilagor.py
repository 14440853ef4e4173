"""The agreement's appendices as data, one function each, named as its function in templates/bilagor.typ."""

from __future__ import annotations

from ..core import fees, pages
from ..core.model import Forum, Handbok, Kalla, Underlag
from ..render import diagram
from ..render.ansvar import grupper
from ..render.common import Kontext
from ..render.sentences.ansvar import ansvar
from ..render.sentences.avgifter import avgift_for_ar, folkmangd_saknas, summa_kanda
from ..render.sentences.mening import forum_markor, grupp_slutsatser, plain, slutsatser_text
from ..render.sentences.overenskommelse import (
    KOMMANDE_PARTER,
    TIDIGARE_PARTER,
    antal_parter,
    parter_sedan,
    tidigare_namn,
)
from ..render.sentences.styrning import (
    DELVIS_SLUTSATS,
    FAKTA_VAD,
    NIVA_FOR_FORUM,
    RAPPORTVAG_FOR_FORUM,
    SCHEMA_BILDTEXT,
    forum_fakta,
    forum_slutsats,
    medlem,
    niva_namn,
    rapporterar_till,
)
from ..render.slutsatser import punkter
from ..text.format import SAKNAS, belopp, datum, kanske, kronor, och, procent, tal, versal
from ..text.kategorier import kategori
from . import FONT_FAMILY
from .document import kort_kalla, lamnade, part_sedan


def bilaga_parter(h: Handbok) -> dict:
    """Today's parties; those still to join and those that have left in tables of their own (empty when none)."""
    kommuner = h.kommuner()
    andra = [p for p in h.parter_idag() if p.kategori != "kommun"]
    sedan = [f"{p.namn}: part sedan {part_sedan(h, p)}" for p in h.parter_idag() if p.ansluten is not None]
    inledning = f"{plain(antal_parter(h))} {parter_sedan(h, utom=bool(sedan))}"
    return {
        "inledning": inledning + (" " + "; ".join(sedan) + "." if sedan else ""),
        "kommuner": [[p.namn, p.kommunkod or SAKNAS] for p in kommuner],
        "andra": [[p.namn, kategori(p.kategori), tidigare_namn(p) or "–"] for p in andra],
        "kommande": [[p.namn, kategori(p.kategori), datum(p.ansluten.datum)] for p in h.kommande_parter()],
        "kommande_text": KOMMANDE_PARTER,
        "tidigare": [[p.namn, kategori(p.kategori), lamnade(p)] for p in h.tidigare_parter()],
        "tidigare_text": TIDIGARE_PARTER,
    }


def _diagram_svg(h: Handbok) -> str:
    """The site's governance chart, its text in the embedded font (the site's names system fonts)."""
    svg = diagram.styrningsdiagram_svg(Kontext(h, pages.OVERENSKOMMELSE))
    return svg.replace(diagram.SVG_FONT, f'font-family="{FONT_FAMILY}"', 1)


def bilaga_styrning(h: Handbok) -> dict:
    """The chart, its description as alternative text, and the same as a table of forums and reporting lines."""
    nycklar = {"niva": NIVA_FOR_FORUM, "rapporterar_till": RAPPORTVAG_FOR_FORUM}
    return {
        "svg": _diagram_svg(h),
        "alt": diagram.beskrivning(h),  # the chart's alternative text, for a screen reader: not printed
        "bildtext": SCHEMA_BILDTEXT,
        "rapport": [
            [f.namn, niva_namn(h, f), versal(plain(rapporterar_till(h, f, markor=False)))] for f in h.forum.values()
        ],
        "slutsatser": slutsatser_text(grupp_slutsatser(h, [f for f in h.forum.values() if f.niva], nycklar)),
    }


def bilaga_forum(h: Handbok, f: Forum) -> dict:
    """One forum as on its page: facts, members, tasks in both modes, reporting, and what no source says."""

    def m(nyckel: str) -> str:
        return plain(forum_markor(f, nyckel))

    delvis = {"rubrik": DELVIS_SLUTSATS, "text": forum_slutsats(f)} if f.underlag.status == "slutsats" else None
    return {
        "id": f"forum-{f.id}",
        "namn": f.namn,
        "syfte": f.syfte,
        "fakta": [[etikett, versal(plain(varde))] for etikett, varde in forum_fakta(h, f, markor=False)],
        "medlemmar": [[plain(medlem(h, f, x, markor=False)), x.funktion, x.mandat] for x in f.medlemmar],
        "ordinarie_lage": list(f.uppgifter.ordinarie_lage),
        "aktiverat_lage": list(f.uppgifter.aktiverat_lage),
        "aterrapportering": f.aterrapportering + m("aterrapportering"),
        "slutsatser": _forum_slutsatser(f),
        "slutsats": delvis,
    }


def _forum_slutsatser(f: Forum) -> str:
    """One legend for a forum's facts, members and tasks, as on its page: which of them are readings."""
    vad = {
        **FAKTA_VAD,
        "medlemmar": "vem som deltar",
        "ordinarie_lage": "uppgifterna i ordinarie läge",
        "aktiverat_lage": "i aktiverat läge",
    }
    return slutsatser_text([("", [(text, k) for k, text in vad.items() if f.slutsats(k)])])


def bilaga_avgifter(h: Handbok) -> dict:
    """The fee appendix: the latest budget year in full, and every year's total when there are more."""
    regler = h.avgifter
    t = fees.avgiftstabell(h, regler.budgetar[-1].ar)
    budget_sources = [b.kalla for b in regler.budgetar if b.ar == t.ar]
    kallor = sorted({r.kalla for r in t.rader if r.kalla} | set(budget_sources))
    rate = kanske(t.belopp_per_invanare, belopp)
    rader = [
        [r.part.namn, SAKNAS, rate, SAKNAS, "–"]
        if r.belopp is None
        else [r.part.namn, tal(r.folkmangd), rate, kronor(r.belopp), procent(t.andel(r))]
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
        "kallor": [kort_kalla(h, k) for k in kallor],
    }


def _alla_ar(h: Handbok) -> list[list[str]]:
    """One row per budget year, newest first: the rate, how many fees are known and their sum."""
    rows = []
    for b in reversed(h.avgifter.budgetar):
        t = fees.avgiftstabell(h, b.ar)
        kanda = len(t.rader) - t.antal_okanda
        rate = kanske(b.belopp_per_invanare, belopp)
        rows.append([str(b.ar), rate, f"{kanda} av {len(t.rader)}", kronor(t.summa_kanda)])
    return rows


def bilaga_kalla(k: Kalla) -> dict:
    """One source in the source appendix (bilaga_kallor): title, publisher, date, and its address if printable."""
    text = k.utgivare + (f", {datum(k.datum)}" if k.datum else "") + "."
    if k.typ == "sekundar":
        text += " Andrahandskälla."
    if k.kommentar:
        text += f" {k.kommentar}"
    # A secondary source's address may carry a private person's name: linked, never written out.
    return {"titel": k.titel, "text": text, "url": k.url, "visa_url": k.typ != "sekundar"}


def bilaga_ansvar(h: Handbok) -> list[dict]:
    """The responsibilities appendix: a group per holder, in the site page's order."""
    return [{"rubrik": rubrik, "punkter": [plain(ansvar(h, a)) for a in items]} for rubrik, items in grupper(h)]


def bilaga_slutsatser(h: Handbok, kallbilaga: str) -> list[dict]:
    """Every statement that is the handbook's reading, with its reasons (the site's Underlag och slutsatser). A
    source is cited by its number in the source appendix (kallbilaga, e.g. "bilaga 8"), where its title stands
    once; statements with the same reasons and sources share one item."""
    nummer = {ident: n for n, ident in enumerate(h.kallor, 1)}

    def grund(u: Underlag) -> str:
        nr = [str(nummer[k]) for k in u.kallor]
        text = u.kommentar or ""
        if nr:
            text += f" {'Källa' if len(nr) == 1 else 'Källor'}: nr {och(nr)} i {kallbilaga}."
        return text.strip()

    out = []
    for rubrik, items in punkter(h):
        samma: dict[str, list[str]] = {}
        for namn, u in items:
            samma.setdefault(grund(u), []).append(namn)
        out.append({"rubrik": rubrik, "punkter": [f"{och(namn)}. {text}" for text, namn in samma.items()]})
    return out
