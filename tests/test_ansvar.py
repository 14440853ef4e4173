"""Responsibilities as data: every responsibility in the decision document is an item,
shown on the page Vem ansvarar för vad and on the pages of those who hold it, one test per holder kind."""

from __future__ import annotations

import pytest

from tests.helpers import visible_text
from tests.sitebuild import read

# What the decision document makes someone responsible for, as ids in data/ansvar.yaml.
FROM_THE_DECISION = {
    "regionala-radet-overgripande",
    "ordforande-regionala-radet",
    "sammankalla-forum",
    "halva-kostnaden",
    "eget-ansvar",
    "rutiner-och-processer",
    "representation-i-forum",
    "gemensamma-utbildningar",
    "dela-resurser",
    "funktion-och-mandat",
    "driva-och-folja-upp",
    "aterrapportering",
    "bada-lagen",
}


def _main(html: str) -> str:
    return visible_text(html[html.index("<article") : html.index("</article>")])


def _section(html: str) -> str:
    """The party's or forum's Ansvar section only."""
    text = _main(html)
    start = text.index("Det här ansvarar")
    return text[start : text.index("vem som ansvarar för vad", start)]


def test_every_responsibility_in_the_decision_is_an_item_with_a_source(real_handbok):
    items = {a.id: a for a in real_handbok.ansvar}
    assert set(items) >= FROM_THE_DECISION
    for a in items.values():
        assert "beslut-nacka-ks" in a.underlag.kallor and a.lagen


def test_the_responsibility_page_lists_every_item_under_its_holder(real_site, real_handbok):
    text = _main(read(real_site, "ansvar.html"))
    for a in real_handbok.ansvar:
        assert a.vad in text, a.id
    for heading in ("Alla parter", "Kommunerna", "Länsstyrelsen i Stockholms län", "Alla forum", "Regionala rådet"):
        assert heading in text


def test_holder_a_party_shows_on_that_party_only(real_site, real_handbok):
    own = [a for a in real_handbok.ansvar if a.vem.part == "lansstyrelsen-stockholm"]
    assert own
    lst = _section(read(real_site, "parter/lansstyrelsen-stockholm.html"))
    nacka = _section(read(real_site, "parter/nacka.html"))
    for a in own:
        assert a.vad in lst and a.vad not in nacka
    # the party's own responsibilities come before those every party shares
    assert lst.index("särskilt") < lst.index("alla parter för")


@pytest.mark.parametrize("ident", ["nacka", "vaxholm", "osteraker"])
def test_holder_a_category_shows_on_every_party_of_it(real_site, real_handbok, ident):
    kommun = [a for a in real_handbok.ansvar if a.vem.kategori == "kommun"]
    assert kommun
    text = _section(read(real_site, f"parter/{ident}.html"))
    for a in kommun:
        assert a.vad in text
    assert all(a.vad not in _section(read(real_site, "parter/trafikverket.html")) for a in kommun)


def test_holder_all_parties_shows_on_every_party_page(real_site, real_handbok):
    shared = [a for a in real_handbok.ansvar if a.vem.kategori == "alla"]
    assert len(shared) >= 4
    for ident in real_handbok.parter:
        text = _section(read(real_site, f"parter/{ident}.html"))
        assert all(a.vad in text for a in shared), ident


def test_holder_a_forum_and_all_forums_show_on_forum_pages(real_site, real_handbok):
    radet = [a for a in real_handbok.ansvar if a.vem.forum == "regionala-radet"]
    alla = [a for a in real_handbok.ansvar if a.vem.forum == "alla"]
    assert radet and alla
    for ident in real_handbok.forum:
        text = _section(read(real_site, f"forum/{ident}.html"))
        assert all(a.vad in text for a in alla), ident
        assert all((a.vad in text) == (ident == "regionala-radet") for a in radet), ident


def test_an_inferred_responsibility_carries_the_marker(real_site, real_handbok):
    inferred = [a for a in real_handbok.ansvar if a.underlag.status == "slutsats"]
    assert inferred
    html = read(real_site, "ansvar.html")
    for a in inferred:
        assert f"slutsatser.html#ansvar-{a.id}" in html
        assert f'id="ansvar-{a.id}"' in read(real_site, "slutsatser.html")
