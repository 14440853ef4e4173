"""The decision log's Atom feed: valid Atom (RFC 4287's required elements), stable ids, same bytes each time,
linked from the decisions page and named in every page's head."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import yaml

from macros.outputs import atom
from macros.text.format import datum
from tests.helpers import HOSTILE
from tests.sitebuild import ROOT, read

A = "{http://www.w3.org/2005/Atom}"
TITLE = "Beslut och ändringar (Atom-flöde)"


def _feed(h) -> ET.Element:
    raw = atom.beslut_atom(h)
    assert raw.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n")
    return ET.fromstring(raw)


def _one(parent: ET.Element, tag: str) -> ET.Element:
    found = parent.findall(A + tag)
    assert len(found) == 1, (tag, found)
    return found[0]


def _rfc3339(text: str) -> bool:
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})", text) is not None


def test_feed_has_what_rfc_4287_requires(real_handbok):
    feed = _feed(real_handbok)
    assert feed.tag == A + "feed"
    for tag in ("id", "title", "updated"):  # atom:feed MUST contain exactly one of each
        assert _one(feed, tag).text
    assert _rfc3339(_one(feed, "updated").text)
    assert _one(_one(feed, "author"), "name").text  # an author for the feed covers every entry
    links = {(lnk.get("rel"), lnk.get("href")) for lnk in feed.findall(A + "link")}
    assert ("self", "beslut.atom") in links and ("alternate", "beslut.html") in links
    entries = feed.findall(A + "entry")
    assert len(entries) == len(real_handbok.beslut) > 0
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert _one(entry, tag).text
        assert _rfc3339(_one(entry, "updated").text)
        assert _one(entry, "summary").get("type") == "text"  # no content: a summary and an alternate link
        assert _one(entry, "link").get("rel") == "alternate"


def test_entries_are_the_decisions_newest_first_with_stable_ids_and_links(real_handbok):
    entries = _feed(real_handbok).findall(A + "entry")
    decisions = sorted(real_handbok.beslut, key=lambda b: (b.datum, b.id), reverse=True)
    for entry, b in zip(entries, decisions, strict=True):
        assert _one(entry, "id").text == f"tag:samverkanstockholmsregionen.se,2015:samverkanshandboken/beslut/{b.id}"
        assert _one(entry, "link").get("href") == f"beslut.html#{b.id}"
        assert _one(entry, "title").text == f"{datum(b.datum)}: {b.rubrik}"
        assert _one(entry, "updated").text == f"{b.datum}T00:00:00Z"
        summary = _one(entry, "summary").text
        assert b.sammanfattning in summary and f"Vad som ändras: {b.andrar.beskrivning}" in summary
    assert _one(_feed(real_handbok), "updated").text == f"{decisions[0].datum}T00:00:00Z"


def test_feed_is_deterministic_and_escapes_text(real_handbok):
    from dataclasses import replace

    assert atom.beslut_atom(real_handbok) == atom.beslut_atom(real_handbok)
    first = real_handbok.beslut[0]
    hostile = replace(real_handbok, beslut=(replace(first, rubrik=HOSTILE + " & </title>"),))
    raw = atom.beslut_atom(hostile)
    assert b"<b>" not in raw and b"&lt;b&gt;" in raw
    assert _one(_one(ET.fromstring(raw), "entry"), "title").text.endswith(HOSTILE + " & </title>")


def test_the_site_publishes_the_feed_and_every_page_names_it(real_site):
    feed = ET.fromstring((real_site / "beslut.atom").read_bytes())
    assert feed.tag == A + "feed"
    page = read(real_site, "beslut.html")
    assert 'href="beslut.atom"' in page
    for name in ("index.html", "parter/nacka.html"):
        head = read(real_site, name).split("</head>")[0]
        found = re.findall(
            rf'<link rel="alternate" type="application/atom\+xml" title="{re.escape(TITLE)}" href="([^"]+)">', head
        )
        assert len(found) == 1, (name, found)  # relative, as each builder writes it: ../beslut.atom or ./beslut.atom
        assert posixpath.normpath(posixpath.join(posixpath.dirname(name), found[0])) == "beslut.atom"


def test_with_the_site_address_every_link_is_absolute(real_handbok):
    """Read away from the site, a feed needs absolute links; RFC 4287 wants the self link to be its own address."""
    site = "https://example.org/handbok/"
    feed = ET.fromstring(atom.beslut_atom(real_handbok, site))
    links = {lnk.get("rel"): lnk.get("href") for lnk in feed.findall(A + "link")}
    assert links == {"self": site + "beslut.atom", "alternate": site + "beslut.html"}
    newest_first = sorted(real_handbok.beslut, key=lambda b: (b.datum, b.id), reverse=True)
    for entry, b in zip(feed.findall(A + "entry"), newest_first, strict=True):
        assert _one(entry, "link").get("href") == f"{site}beslut.html#{b.id}"


def test_the_built_feed_and_sitemap_use_site_url(real_site):
    """mkdocs.yml's site_url (a placeholder to replace before publishing) makes the addresses absolute."""
    site_url = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["site_url"]
    feed = ET.fromstring((real_site / "beslut.atom").read_bytes())
    self_link = next(lnk.get("href") for lnk in feed.findall(A + "link") if lnk.get("rel") == "self")
    assert self_link == urljoin(site_url, "beslut.atom")
    sitemap = ET.fromstring((real_site / "sitemap.xml").read_bytes())
    addresses = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert urljoin(site_url, "index.html") in addresses and urljoin(site_url, "parter/nacka.html") in addresses
    assert all(a.startswith(site_url) for a in addresses), addresses[:3]
