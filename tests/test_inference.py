"""The handbook's own conclusions are marked where they are shown: the same text marker with a legend,
linking to the statement's basis on the page Underlag och slutsatser.

Which statements are conclusions is data: a source found for one makes it a fact. So where a test needs
conclusions to be there, it reads the small valid dataset's site (valid_site); on the shipped data's site
(real_site) the markers are counted against its model."""

from __future__ import annotations

import re

import pytest

from macros.render.common import MARKOR
from macros.text.format import antal
from tests.helpers import visible_text
from tests.sitebuild import read

MARKER = re.compile(r'<a class="handbok-slutsats" href="([^"]+)">')
LEGEND = 'class="handbok-forklaring"'


def _markers(html: str) -> list[str]:
    return MARKER.findall(html)


def _pages_with_mapping_or_membership(handbok) -> list[str]:
    """Every page that shows which forum sits on which level, or who sits in a forum."""
    pages = ["overenskommelse.html", "forum/index.html"]
    pages += [f"forum/{ident}.html" for ident in handbok.forum]
    pages += [f"parter/{ident}.html" for ident in handbok.parter]
    return pages


def test_every_page_with_the_level_mapping_or_a_membership_shows_the_marker_and_legend(valid_site, valid_handbok):
    for page in _pages_with_mapping_or_membership(valid_handbok):
        html = read(valid_site, page)
        assert _markers(html), f"{page}: no inference marker"
        assert LEGEND in html, f"{page}: markers without the legend"
        assert MARKOR in visible_text(html), f"{page}: the marker is not visible text"


def test_every_marker_links_to_an_explanation_that_exists(real_site):
    target = read(real_site, "slutsatser.html")
    ids = set(re.findall(r'id="([^"]+)"', target))
    for page in sorted(real_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for href in _markers(html):
            path, _, anchor = href.partition("#")
            assert path.endswith("slutsatser.html"), (page, href)
            assert anchor in ids, f"{page.relative_to(real_site)}: marker points at missing #{anchor}"


def test_the_org_chart_marks_inference_in_the_svg_and_its_text_version(real_site, real_handbok):
    html = read(real_site, "forum/index.html")
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="handbok-schema-svg"')
    svg = html[start : html.index("</svg>", start)]
    marked = [f for f in real_handbok.forum.values() if f.slutsats("niva") or f.slutsats("rapporterar_till")]
    # No marker in the picture (one legend per group): its description names the readings in words.
    assert MARKOR not in svg and 'class="markor"' not in svg
    desc = svg[svg.index("<desc") : svg.index("</desc>")]
    if marked:
        assert "Handbokens egen slutsats är nivån eller rapportvägen för" in desc
        assert all(f.namn in desc for f in marked)
    text_version = html[html.index("Schemat i textform") :]
    # the list and the legend under it, which names each forum whose level or reporting line is a reading
    legend = text_version.index(LEGEND)
    assert legend < text_version.index("<h2")
    assert len(_markers(text_version[: text_version.index("</p>", legend)])) >= len(marked)


def _inferred_members_marked(site, handbok) -> int:
    html = read(site, "forum/index.html")
    # the table and the one legend over the section, which names each forum whose members, chair or convener are
    # the handbook's reading
    start = html.index('id="vem-sitter-var"')
    table = html[start : html.index("</table>", start)]
    keys = ("medlemmar", "ordforande", "sammankallande")
    inferred = [(f.id, k) for f in handbok.forum.values() for k in keys if f.slutsats(k)]
    assert len(_markers(table)) == len(inferred)
    return len(inferred)


def test_who_sits_where_marks_forums_whose_members_are_inferred(valid_site, valid_handbok):
    assert _inferred_members_marked(valid_site, valid_handbok) > 0


def test_who_sits_where_marks_the_shipped_forums_whose_members_are_inferred(real_site, real_handbok):
    _inferred_members_marked(real_site, real_handbok)


def test_levels_and_rounding_rule_are_marked(valid_site, valid_handbok):
    agreement = read(valid_site, "overenskommelse.html")
    assert valid_handbok.overenskommelse.styrning.nivaer
    for niva in valid_handbok.overenskommelse.styrning.nivaer:
        assert niva.underlag.status == "slutsats", niva.id
        assert f"slutsatser.html#niva-{niva.id}" in agreement
    assert valid_handbok.avgifter.avrundning.underlag.status == "slutsats"
    assert "slutsatser.html#avrundning" in read(valid_site, "avgifter.html")


def _one_of_a_kind(handbok, ident: str) -> list[str]:
    """Forums where one party of the municipality's category sits, not each: the municipality does not sit there."""
    return [f.id for f, m in handbok.medlemskap(ident) if m.part != ident and m.deltar == "nagon"]


def _counts_only_its_own_seats(site, handbok, ident: str) -> None:
    text = visible_text(read(site, f"parter/{ident}.html"))
    seats = {f.id for f, _ in handbok.sitter_i(ident)}
    assert not seats & set(_one_of_a_kind(handbok, ident)), ident
    if seats:  # the page counts the forums it sits in; with none it says so in other words
        assert f"deltar i {antal(len(seats))} forum" in text, ident


@pytest.mark.parametrize("ident", ["nacka", "salem", "vaxholm"])
def test_a_municipality_is_not_said_to_sit_in_samordningskansliet(valid_site, valid_handbok, ident):
    """As the shipped data's source says: the office aims to have one person from the category Kommun."""
    assert _one_of_a_kind(valid_handbok, ident) == ["samordningskansliet"]
    _counts_only_its_own_seats(valid_site, valid_handbok, ident)
    text = visible_text(read(valid_site, f"parter/{ident}.html"))
    assert "deltar en av kommunerna, men källorna säger inte vilken" in text


def test_no_shipped_municipality_is_said_to_sit_where_one_of_its_kind_does(real_site, real_handbok):
    for p in real_handbok.kommuner():
        _counts_only_its_own_seats(real_site, real_handbok, p.id)


def test_the_model_json_carries_the_basis_of_each_statement(valid_site):
    import json

    model = json.loads(read(valid_site, "data/samverkan-stockholmsregionen.json"))
    kansliet = model["forum"]["samordningskansliet"]
    assert kansliet["underlag_for"]["niva"]["status"] == "slutsats"
    assert [m["deltar"] for m in kansliet["medlemmar"] if m.get("kategori") == "kommun"] == ["nagon"]
    assert all(n["underlag"]["status"] == "slutsats" for n in model["overenskommelse"]["styrning"]["nivaer"])


# --- A few markers a page, every reading still named ----------------------------------------------------

MOST_MARKERS_A_PAGE = 4  # the legends of a page's groups (a table, a list, a section), not one per statement


def _visible_markers(html: str) -> int:
    """How many times a reader sees the marker: the org chart's picture aside (its text version has the legend)
    and the links' hidden words for screen readers aside."""
    html = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)
    html = re.sub(r'<span class="handbok-dold">.*?</span>', "", html)
    return visible_text(html).count(MARKOR)


def test_a_reader_meets_a_few_markers_a_page(real_site, valid_site):
    for site in (real_site, valid_site):
        for page in sorted(site.rglob("*.html")):
            n = _visible_markers(page.read_text(encoding="utf-8"))
            assert n <= MOST_MARKERS_A_PAGE, f"{page.relative_to(site)}: the marker {n} times"


def _readings_on_a_party_page(handbok, ident: str) -> set[str]:
    """The anchors of the statements about forums that a party page shows and that are the handbook's reading."""
    seats = [f for f, _ in handbok.sitter_i(ident)]
    maybe = [f for f, _ in handbok.kan_sitta_i(ident)]
    out = {f"forum-{f.id}-niva" for f in seats if f.slutsats("niva")}
    return out | {f"forum-{f.id}-medlemmar" for f in seats + maybe if f.slutsats("medlemmar")}


def test_every_reading_on_a_page_is_still_named_and_linked(valid_site, valid_handbok):
    """Fewer markers, nothing lost: each statement that is the handbook's reading is named in its group's legend
    with a link to its own reasons."""
    h = valid_handbok
    checked = 0
    for ident in h.parter:
        links = set(a.partition("#")[2] for a in _markers(read(valid_site, f"parter/{ident}.html")))
        missing = _readings_on_a_party_page(h, ident) - links
        assert not missing, f"parter/{ident}.html: readings without their link: {sorted(missing)}"
        checked += len(_readings_on_a_party_page(h, ident))
    for f in h.forum.values():
        links = set(a.partition("#")[2] for a in _markers(read(valid_site, f"forum/{f.id}.html")))
        keys = [k for k in ("niva", "ordforande", "sammankallande", "rapporterar_till", "medlemmar") if f.slutsats(k)]
        assert {f"forum-{f.id}-{k.replace('_', '-')}" for k in keys} <= links, f.id
        checked += len(keys)
    for page in ("forum/index.html", "overenskommelse.html"):
        links = set(a.partition("#")[2] for a in _markers(read(valid_site, page)))
        levels = {f"forum-{f.id}-niva" for f in h.forum.values() if f.slutsats("niva")}
        assert levels <= links, f"{page}: {sorted(levels - links)}"
    assert checked > 0, "the valid dataset has no readings to check"


def test_a_responsibility_that_is_a_reading_stands_under_the_legend(valid_site, valid_handbok):
    html = read(valid_site, "ansvar.html")
    readings = [a for a in valid_handbok.ansvar if a.underlag.status == "slutsats"]
    assert readings
    for a in readings:
        i = html.index(a.vad.split(".")[0][:40])
        section = html[html.rindex("<h2", 0, i) : i]
        assert LEGEND in section, f"{a.id}: not under the legend of its section"
