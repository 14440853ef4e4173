"""macros/site/sokindex.py: the search index gets each entry's words without å, ä, ö, and each page's keywords."""

from __future__ import annotations

import json

import pytest

from macros.site import sokindex


def test_fold_writes_the_letters_without_diacritics():
    assert sokindex.fold("Södertälje Ekerö Åre café") == "Sodertalje Ekero Are cafe"


def test_folded_words_are_only_those_that_change_once_each_without_markup():
    text = "<p>Täby och <b>Täby</b> kommun, län</p>"
    assert sokindex.folded_words(text) == ["taby", "lan"]


def test_augment_adds_the_three_fields_and_the_page_keywords_to_its_first_entry_only():
    index = {
        "docs": [
            {"location": "avgifter.html", "title": "Avgifter", "text": "Kommunerna betalar"},
            {"location": "avgifter.html#regler", "title": "Regler", "text": "Folkmängden"},
        ]
    }
    out = sokindex.augment(index, {"avgifter.html": ["kostnad", "kostar", "pengar", "årsavgift"]})
    assert out["docs"][0]["sokord"] == "kostnad kostar pengar årsavgift arsavgift"
    assert out["docs"][0]["sokrubrik"] == out["docs"][0]["soktext"] == ""
    assert out["docs"][1] | {} == {
        "location": "avgifter.html#regler",
        "title": "Regler",
        "text": "Folkmängden",
        "sokord": "",
        "sokrubrik": "",
        "soktext": "folkmangden",
    }


def test_augment_takes_the_soft_hyphens_out_of_titles_and_texts():
    index = {
        "docs": [
            {
                "location": "x.html",
                "title": "Sam\u00adver\u00adkans\u00adhand\u00adbo\u00adken",
                "text": "Läns&shy;styrelsen",
            }
        ]
    }
    doc = sokindex.augment(index, {})["docs"][0]
    assert (doc["title"], doc["text"], doc["soktext"]) == ("Samverkanshandboken", "Länsstyrelsen", "lansstyrelsen")


def test_rewrite_refuses_an_index_without_the_fields_declared(tmp_path):
    (tmp_path / "search").mkdir()
    index = {"config": {"fields": {"title": {}, "text": {}}}, "docs": []}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    with pytest.raises(ValueError, match=r"plugins\.search\.fields"):
        sokindex.rewrite(tmp_path, {})


def test_rewrite_leaves_a_site_without_search_alone(tmp_path):
    sokindex.rewrite(tmp_path, {})
    assert not list(tmp_path.iterdir())


def test_zensical_index_gets_the_keywords_of_the_pages_front_matter_escaped_in_their_first_entry(tmp_path):
    (tmp_path / "parter").mkdir()
    (tmp_path / "parter" / "sll.md").write_text(
        '---\ntitle: "Region"\nsokord: ["SLL", "<b>x</b>"]\n---\n# Region\n', encoding="utf-8"
    )
    (tmp_path / "index.md").write_text("# Start\n\nsokord: inte i front matter\n", encoding="utf-8")
    keywords = sokindex.keywords_in(tmp_path)
    assert keywords == {"parter/sll.html": ["SLL", "<b>x</b>"]}
    index = {
        "items": [
            {"location": "parter/sll.html", "title": "Re\u00adgion", "text": "<p>Text</p>"},
            {"location": "parter/sll.html#forum", "title": "Forum", "text": "<p>Forum</p>"},
        ]
    }
    first, second = sokindex.augment_zensical(index, keywords)["items"]
    assert first["title"] == "Region"
    assert first["text"] == "<p>Text</p><p hidden>Sökord: SLL, &lt;b&gt;x&lt;/b&gt;</p>"
    assert second["text"] == "<p>Forum</p>"
