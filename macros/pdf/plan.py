"""Which PDFs a build writes, from the model: the agreement, then one sheet per party in the parties' order, then
one activation card per party when the data describes aktiverat läge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from ..core import pages
from ..core.model import Handbok
from ..core.utgava import Utgava
from .aktiveringskort import aktiveringskort
from .document import as_json
from .overenskommelse import overenskommelse
from .partblad import partblad

AGREEMENT_TEMPLATE = "overenskommelse.typ"
SHEET_TEMPLATE = "partblad.typ"
CARD_TEMPLATE = "aktiveringskort.typ"
# The documents that must be exactly one page, by template, with their name in the build's message. A party's
# sheet continues on a second page when its data needs one; the card is what hangs by the phone.
ETT_BLAD = {CARD_TEMPLATE: "aktiveringskortet"}


@dataclass(frozen=True)
class Pdf:
    """One PDF to write: where, from which template and JSON, with which title and creation time."""

    fil: str  # relative to the site root
    mall: str  # a file in templates/
    data: str  # the document's JSON (document.as_json): everything from the model it shows
    titel: str
    tidpunkt: int  # the creation date in the PDF's metadata, as seconds since 1970 (see `tidpunkt`)
    part: str | None = None  # the party whose sheet or card it is; None for the agreement


def tidpunkt(utg: Utgava) -> int:
    """The build's day (in Stockholm) at midnight UTC: a day rather than a moment, so that a PDF rebuilt the
    same day from the same data has the same bytes and can come from the cache."""
    return int(datetime.fromisoformat(utg.dag).replace(tzinfo=UTC).timestamp())


def plan(h: Handbok, utg: Utgava) -> list[Pdf]:
    when = tidpunkt(utg)
    agreement = overenskommelse(h, utg)
    out = [Pdf(pages.OVERENSKOMMELSE_PDF, AGREEMENT_TEMPLATE, as_json(agreement), agreement["titel"], when)]
    for p in h.parter.values():
        sheet = partblad(h, utg, p)
        out.append(Pdf(pages.partblad_fil(p.id), SHEET_TEMPLATE, as_json(sheet), sheet["titel"], when, p.id))
    if h.aktivering is not None:
        for p in h.parter.values():
            card = aktiveringskort(h, utg, p)
            out.append(Pdf(pages.aktiveringskort_fil(p.id), CARD_TEMPLATE, as_json(card), card["titel"], when, p.id))
    return out
