"""The decision log as an Atom feed (RFC 4287), so that a feed reader or an intranet shows new decisions.

Deterministic: the same decisions give the same bytes (no build time in it; ``updated`` is the newest
decision's date). Each entry's id is a tag URI (RFC 4151) made from the decision's id, so it stays the same
when the text of a decision is corrected. Links are absolute when the site's address is known (mkdocs.yml's
``site_url``): a feed is read away from the site, and RFC 4287 wants the self link to be the feed's own address.
Without it they are relative to the feed, which lies beside beslut.html.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from ..core import pages
from ..core.model import Beslut, Handbok
from ..text.format import datum as datum_text

PAGE = pages.html(pages.BESLUT)  # the feed lies beside the decisions page
ATOM = "http://www.w3.org/2005/Atom"
# Tag URIs need a domain and a date: the collaboration's own site (facts.md §3) and the agreement's first year.
TAG = "tag:samverkanstockholmsregionen.se,2015:samverkanshandboken"


def _time(iso_date: str) -> str:
    return f"{iso_date}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def beslut_atom(handbok: Handbok, site_url: str = "") -> bytes:
    """The feed: every decision, newest first, with its date, what it changes and a link to it. ``site_url`` is
    the site's address ending in / (links relative to the feed without it)."""
    ET.register_namespace("", ATOM)
    a = handbok.overenskommelse
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "sv"})
    _sub(feed, "id", f"{TAG}/beslut")
    _sub(feed, "title", f"{a.namn}: beslut och ändringar")
    _sub(feed, "subtitle", "Besluten bakom överenskommelsen och bakom varje ändring i den, från Samverkanshandboken.")
    newest = max((b.datum for b in handbok.beslut), default=a.galler_fran)
    _sub(feed, "updated", _time(newest))
    author = _sub(feed, "author")
    _sub(author, "name", f"Parterna i {a.namn}")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=urljoin(site_url, pages.BESLUT_ATOM))
    page = urljoin(site_url, PAGE)
    _sub(feed, "link", rel="alternate", type="text/html", href=page)
    for b in sorted(handbok.beslut, key=lambda b: (b.datum, b.id), reverse=True):
        _entry(feed, b, handbok, page)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(feed: ET.Element, b: Beslut, handbok: Handbok, page: str) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "id", f"{TAG}/beslut/{b.id}")
    _sub(entry, "title", f"{datum_text(b.datum)}: {b.rubrik}")
    _sub(entry, "published", _time(b.datum))
    _sub(entry, "updated", _time(b.datum))
    _sub(entry, "link", rel="alternate", type="text/html", href=f"{page}#{b.id}")
    who = handbok.forum[b.forum].namn if b.forum else b.organ
    lines = [
        f"Beslutade: {who}.",
        f"Datum: {datum_text(b.datum)}." + (f" Gäller från {datum_text(b.galler_fran)}." if b.galler_fran else ""),
        b.sammanfattning,
        f"Vad som ändras: {b.andrar.beskrivning}",
        f"Gäller: {_galler(b, handbok)}.",
    ]
    _sub(entry, "summary", "\n\n".join(lines), type="text")
    for ident in ("alla-parter",) if b.andrar.alla_parter else b.andrar.parter:
        _sub(entry, "category", term=f"part:{ident}")
    for ident in b.andrar.forum:
        _sub(entry, "category", term=f"forum:{ident}")


def _galler(b: Beslut, handbok: Handbok) -> str:
    a = b.andrar
    parts = []
    if a.alla_parter:
        parts.append("alla parter")
    elif a.parter:
        parts.append("parterna " + ", ".join(handbok.parter[p].namn for p in a.parter))
    if a.forum:
        parts.append("forumen " + ", ".join(handbok.forum[f].namn for f in a.forum))
    return "; ".join(parts) if parts else "överenskommelsen som helhet"
