"""One party's activation card as data (templates/aktiveringskort.typ): how to raise aktiverat läge, whom to
reach, the first hour, the party's own readiness and forums, the edition's date, and the card's sources."""

from __future__ import annotations

from ..core import pages
from ..core.model import Handbok, Part
from ..core.utgava import Utgava
from ..render.sentences import aktivering as meningar
from ..render.sentences.mening import MARKOR
from ..render.sentences.styrning import niva_namn
from .document import gemensamt

MIN_FORUM = 1  # a card shows at least this many of the party's forums; all if they fit (aktiveringskort.typ)


def aktiveringskort(h: Handbok, utg: Utgava, p: Part) -> dict:
    """The card: everything on it from the model, each statement with the numbers of its sources."""
    a = h.aktivering
    kallor: list[str] = []

    def belagd(text: str, u) -> str:
        """The statement with its sources' numbers in brackets, and the marker if it is the handbook's reading."""
        nummer = []
        for k in u.kallor:
            if k not in kallor:
                kallor.append(k)
            nummer.append(str(kallor.index(k) + 1))
        markor = f" {MARKOR}" if u.status == "slutsats" else ""
        return f"{text}{markor} [{', '.join(nummer)}]"

    forsta = next((f for f in a.faser if f.id == "forsta-timmen"), None)
    data = {
        **gemensamt(h, utg),
        "titel": f"{p.namn} – aktiveringskort, {h.overenskommelse.namn}",
        "beskrivning": f"Vad {p.namn} gör om något händer: hur aktiverat läge begärs, vem man når och vad som händer.",
        "part": p.namn,
        "inledning": meningar.inledning(),
        "larma": [belagd(u.text, u.underlag) for u in a.larma],
        "kontakt": [
            {
                "namn": k.namn,
                "rader": [k.nar, belagd(k.hur, k.underlag), *meningar.kontakt_detaljer(k)[1:]],
                "saknas": meningar.SAKNAS_PA_KORTET if k.uppgift_saknas else None,
            }
            for k in a.kontaktvagar
        ],
        "forsta_rubrik": forsta.rubrik if forsta else "",
        "forsta": [belagd(s.text, s.underlag) for s in forsta.steg] if forsta else [],
        "kallelser": meningar.kallelser(p),
        "foretradare": [[niva, *(text for _, text in lagen)] for niva, lagen in meningar.foretradare(h, p)],
        "lagen": [namn for _, namn in meningar.LAGEN],
        "att_fylla_i": meningar.att_fylla_i(h, p),
        "fyll_i_forklaring": meningar.fyll_i_forklaring(),
        "forum": [[f.namn, niva_namn(h, f), m.funktion] for f, m in h.sitter_i(p.id)],
        "min_forum": MIN_FORUM,
        "sida": pages.html(pages.AKTIVERAT_LAGE),
        "partsida": pages.html(pages.part_sida(p.id)),
    }
    data["kallor"] = [f"{h.kallor[k].titel}, {h.kallor[k].utgivare}" for k in kallor]
    return data
