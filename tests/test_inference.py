"""The handbook's own conclusions are marked where they are shown: the same text marker with a legend,
linking to the statement's basis on the page Underlag och slutsatser."""

from __future__ import annotations

import re

import pytest

from macros.render.common import MARKOR
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


def test_every_page_with_the_level_mapping_or_a_membership_shows_the_marker_and_legend(real_site, real_handbok):
    for page in _pages_with_mapping_or_membership(real_handbok):
        html = read(real_site, page)
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
    assert svg.count('class="markor" text-anchor="middle" fill="#1f1f1f"><tspan') == len(marked)
    assert f"Märket {MARKOR}" in svg  # the chart's description says what the marker means
    text_version = html[html.index("Schemat i textform") :]
    assert len(_markers(text_version[: text_version.index("</ul>\n</li>\n</ul>")])) >= len(marked)


def test_who_sits_where_marks_forums_whose_members_are_inferred(real_site, real_handbok):
    html = read(real_site, "forum/index.html")
    table = html[html.index("<caption>Vem sitter var</caption>") : html.index("</thead>")]
    inferred = [f for f in real_handbok.forum.values() if f.slutsats("medlemmar")]
    assert len(_markers(table)) == len(inferred) > 0


def test_levels_and_rounding_rule_are_marked(real_site, real_handbok):
    agreement = read(real_site, "overenskommelse.html")
    for niva in real_handbok.overenskommelse.styrning.nivaer:
        assert f"slutsatser.html#niva-{niva.id}" in agreement
    assert "slutsatser.html#avrundning" in read(real_site, "avgifter.html")


@pytest.mark.parametrize("ident", ["osteraker", "nacka", "vaxholm"])
def test_a_municipality_is_not_said_to_sit_in_samordningskansliet(real_site, real_handbok, ident):
    """The source says only that the office aims to have one person from the category Kommun."""
    text = visible_text(read(real_site, f"parter/{ident}.html"))
    n = len(real_handbok.sitter_i(ident))
    assert "samordningskansliet" not in {f.id for f, _ in real_handbok.sitter_i(ident)}
    assert n == 5 and "deltar i fem forum" in text
    assert "deltar en part av slaget kommun, inte varje" in text


def test_the_model_json_carries_the_basis_of_each_statement(real_site):
    import json

    model = json.loads(read(real_site, "data/samverkan-stockholmsregionen.json"))
    kansliet = model["forum"]["samordningskansliet"]
    assert kansliet["underlag_for"]["niva"]["status"] == "slutsats"
    assert all(m["deltar"] == "nagon" for m in kansliet["medlemmar"])
    assert all(n["underlag"]["status"] == "slutsats" for n in model["overenskommelse"]["styrning"]["nivaer"])
