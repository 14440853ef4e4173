"""Responsibilities as data: every responsibility in the decision document is an item,
shown on the page Vem ansvarar för vad and on the pages of those who hold it, one test per holder kind.

Each rule is checked on the small valid dataset, which holds one item of each kind (valid_site), and on the
shipped data for whatever items it holds (real_site)."""

from __future__ import annotations

import re

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
        assert a.underlag.kallor and set(a.underlag.kallor) <= set(real_handbok.kallor) and a.lagen, a.id
        if a.id in FROM_THE_DECISION:
            assert "beslut-nacka-ks" in a.underlag.kallor, a.id


def test_the_responsibility_page_lists_every_item_under_its_holder(valid_site, valid_handbok):
    text = _main(read(valid_site, "ansvar.html"))
    for a in valid_handbok.ansvar:
        assert a.vad in text, a.id
    for heading in ("Alla parter", "Kommunerna", "Länsstyrelsen i Stockholms län", "Alla forum", "Regionala rådet"):
        assert heading in text


def test_the_responsibility_page_lists_every_shipped_item(real_site, real_handbok):
    text = _main(read(real_site, "ansvar.html"))
    for a in real_handbok.ansvar:
        assert a.vad in text, a.id


def _held_by_a_party(site, handbok) -> int:
    """An item a party holds is on that party's page only, before those every party shares."""
    own = [a for a in handbok.ansvar if a.vem.part]
    sections = {ident: _section(read(site, f"parter/{ident}.html")) for ident in handbok.parter}
    for a in own:
        for ident, text in sections.items():
            assert (a.vad in text) == (ident == a.vem.part), (a.id, ident)
        text = sections[a.vem.part]
        if any(x.vem.kategori == "alla" for x in handbok.ansvar):
            assert text.index("särskilt") < text.index("alla parter för"), a.vem.part
    return len(own)


def test_holder_a_party_shows_on_that_party_only(valid_site, valid_handbok):
    assert _held_by_a_party(valid_site, valid_handbok) >= 1


def test_holder_a_shipped_party_shows_on_that_party_only(real_site, real_handbok):
    _held_by_a_party(real_site, real_handbok)


def _held_by_a_category(site, handbok) -> int:
    """An item a category holds is on the page of every party of that category, and of no other party."""
    held = [a for a in handbok.ansvar if a.vem.kategori not in (None, "alla")]
    for ident, p in handbok.parter.items():
        text = _section(read(site, f"parter/{ident}.html"))
        for a in held:
            assert (a.vad in text) == (p.kategori == a.vem.kategori), (a.id, ident)
    return len(held)


def test_holder_a_category_shows_on_every_party_of_it(valid_site, valid_handbok):
    assert _held_by_a_category(valid_site, valid_handbok) >= 1


def test_holder_a_shipped_category_shows_on_every_party_of_it(real_site, real_handbok):
    _held_by_a_category(real_site, real_handbok)


def _held_by_all_parties(site, handbok) -> int:
    shared = [a for a in handbok.ansvar if a.vem.kategori == "alla"]
    for ident in handbok.parter:
        text = _section(read(site, f"parter/{ident}.html"))
        assert all(a.vad in text for a in shared), ident
    return len(shared)


def test_holder_all_parties_shows_on_every_party_page(valid_site, valid_handbok):
    assert _held_by_all_parties(valid_site, valid_handbok) >= 1


def test_holder_all_parties_shows_on_every_shipped_party_page(real_site, real_handbok):
    _held_by_all_parties(real_site, real_handbok)


def _held_by_forums(site, handbok) -> tuple[int, int]:
    own = [a for a in handbok.ansvar if a.vem.forum not in (None, "alla")]
    alla = [a for a in handbok.ansvar if a.vem.forum == "alla"]
    for ident in handbok.forum:
        text = _section(read(site, f"forum/{ident}.html"))
        assert all(a.vad in text for a in alla), ident
        assert all((a.vad in text) == (ident == a.vem.forum) for a in own), ident
    return len(own), len(alla)


def test_holder_a_forum_and_all_forums_show_on_forum_pages(valid_site, valid_handbok):
    own, alla = _held_by_forums(valid_site, valid_handbok)
    assert own and alla


def test_holder_a_forum_and_all_forums_show_on_shipped_forum_pages(real_site, real_handbok):
    _held_by_forums(real_site, real_handbok)


def _inferred_marked(site, handbok) -> int:
    """The handbook's readings stand apart, after a legend that links to why (once per group, not per item);
    each is explained at its own anchor on the page Underlag och slutsatser, and what a source states is never
    under a legend."""
    inferred = [a for a in handbok.ansvar if a.underlag.status == "slutsats"]
    stated = [a for a in handbok.ansvar if a.underlag.status != "slutsats"]
    html = read(site, "ansvar.html")
    explained = read(site, "slutsatser.html")
    legend = 'slutsatser.html#ansvar"'
    groups = []
    for m in re.finditer(re.escape(legend), html):
        end = re.compile(r"<h[1-6]\b").search(html, m.end())
        groups.append(visible_text(html[m.end() : end.start() if end else len(html)]))
    assert bool(groups) == bool(inferred), "a legend exactly where there are readings"
    under_legend = " ".join(groups)
    for a in inferred:
        assert a.vad in under_legend, a.id
        assert f'id="ansvar-{a.id}"' in explained, a.id
    for a in stated:
        assert a.vad not in under_legend, a.id
    return len(inferred)


def test_an_inferred_responsibility_carries_the_marker(valid_site, valid_handbok):
    assert _inferred_marked(valid_site, valid_handbok) >= 1


def test_every_inferred_shipped_responsibility_carries_the_marker(real_site, real_handbok):
    _inferred_marked(real_site, real_handbok)
