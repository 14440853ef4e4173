"""What every PDF's data shares: plain JSON that a Typst template (templates/) lays out.

Each document's data is worked out in the module named after its template (overenskommelse.py with bilagor.py,
partblad.py), from the site's own sentences (render/sentences/) and formatters, so the PDF says what the site
says; the templates only place it. Data reaches Typst only as JSON strings and is set as text, never read as
markup (see `as_json` and templates/gemensamt.typ), so a name such as ``#set page(width: 1cm)`` or ``*bold*``
is printed literally.
"""

from __future__ import annotations

import json

from ..core import pages
from ..core.model import Handbok, Part
from ..core.utgava import Utgava
from ..render.sentences.mening import forklaring, kalla, plain
from ..text.format import SAKNAS, datum, kanske


def as_json(data: dict) -> str:
    """The document's data as Typst reads it (sys.inputs): one JSON text, keys sorted, so that the same data
    is the same input (and the same cache key)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def gemensamt(h: Handbok, utg: Utgava) -> dict:
    """What every document shows: the agreement's name, version and date, and when and from what it was made."""
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


def markor_forklaring(var: str) -> str:
    """The marker's legend; `var` says where the reasons stand."""
    return f"{plain(forklaring())} Skälen står i {var}."


def part_sedan(h: Handbok, p: Part) -> str:
    """When a party joined: the agreement's first day, a date, or that it is unknown."""
    a = p.ansluten
    if a is None:
        return datum(h.overenskommelse.galler_fran)
    return datum(a.datum) if a.datum else f"{SAKNAS} ({a.uppgift_saknas})"


def lamnade(p: Part) -> str:
    return kanske(p.lamnat.datum, datum)


def kort_kalla(h: Handbok, ident: str) -> str:
    """A source as a list item: title, publisher, whether second-hand."""
    return f"{kalla(h, ident).text}."
