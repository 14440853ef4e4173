"""Glossary links lead to the entry that explains the word (issue 27): "inriktning" (a direction) is not the level
Regionalt inriktande, "samordning" not Regionalt samordnande, "återrapportering" not hemorganisation. A word with a
meaning of its own has an entry of its own, and no entry lists another entry's word among its forms."""

from __future__ import annotations

import html
import re

from tests.sitebuild import read

# The words the issue found linked to the wrong entry.
OWN_MEANING = ("inriktning", "samordning", "återrapportering")
_LINK = re.compile(r'<a class="handbok-term" href="[^"#]*ordlista\.html#([^"]+)">(.*?)</a>', re.S)


def _words(b) -> set[str]:
    return {w.casefold() for w in (b.term, *b.former)}


def test_each_of_these_words_has_an_entry_of_its_own(real_handbok):
    terms = {b.term.casefold() for b in real_handbok.ordlista}
    assert not set(OWN_MEANING) - terms, f"no entry of its own in data/ordlista.yaml: {set(OWN_MEANING) - terms}"


def test_no_entry_lists_another_entrys_word_as_a_form(real_handbok):
    """Else the first use of that word would link to whichever entry the matcher prefers."""
    owner: dict[str, str] = {}
    shared = []
    for b in real_handbok.ordlista:
        for word in _words(b):
            if word in owner:
                shared.append(f"{word!r}: {owner[word]} and {b.id}")
            owner[word] = b.id
    assert not shared, "a word in two entries of data/ordlista.yaml: " + "; ".join(shared)


def test_every_glossary_link_on_the_site_leads_to_the_entry_of_its_word(real_site, real_handbok):
    by_id = {b.id: _words(b) for b in real_handbok.ordlista}
    wrong, seen = [], 0
    for path in sorted(real_site.rglob("*.html")):
        for ident, text in _LINK.findall(path.read_text(encoding="utf-8")):
            seen += 1
            word = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\u00ad", "").casefold()
            if word not in by_id.get(ident, set()):
                wrong.append(f"{path.relative_to(real_site)}: {word!r} → #{ident}")
    assert seen, "no glossary link on the site: are the glossary links still made (macros/site/termlinks.py)?"
    assert not wrong, "glossary links to an entry that does not explain the word:\n" + "\n".join(wrong)


def test_the_glossary_page_has_each_entry_once(real_site, real_handbok):
    page = read(real_site, "ordlista.html")
    for b in real_handbok.ordlista:
        assert page.count(f'id="{b.id}"') == 1, b.id
