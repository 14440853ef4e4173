"""Search in Swedish, typed into Material's search box: names, earlier names, abbreviations and keywords from the
data find the right page. Material's search is prefix search over the page text; the party pages show each party's
earlier names ("Tidigare namn") and carry its keywords (the data's ``sokord``) in their front matter, which is what
makes them match.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from macros.core import pipeline
from macros.site.config import data_dir
from tests.helpers import visible_text
from tests.sitebuild import ROOT

from .builtsite import html_pages

HANDBOK = pipeline.load(data_dir(ROOT / "mkdocs.yml"))[0]
GLOSSARY = "ordlista.html"


def party(ident: str) -> str:
    return f"parter/{ident}.html"


FIRE_AND_RESCUE = {party(p.id) for p in HANDBOK.parter.values() if p.kategori == "raddningstjanst"}

# The acceptance queries: the page that must come first (any of a set where several are right).
FIRST = {
    "Nacka": {party("nacka")},
    # The page on what to do, the term explained, or the agreement's section on it.
    "aktiverat läge": {"aktiverat-lage.html", GLOSSARY, "overenskommelse.html"},
    "SLL": {party("stockholms-lans-landsting")},
    "KSL": {GLOSSARY, "overenskommelse.html"},  # KSL/Storsthlm is no party: its glossary entry or the agreement
    "brandförsvar": FIRE_AND_RESCUE,
}


# Where Zensical 0.0.73's search ranks differently from Material's (ZENSICAL.md, "Skillnader"): a later name in
# a page's text but not in its title or headings ("Region Stockholm", "regionen") does not put that page first.
# Strict: when a Zensical release fixes it, the test says so.
ZENSICAL_RANKING = pytest.mark.xfail(strict=True, reason="Zensical's search ranks keywords in the text lower")


# docs/assets/sok.js stems the query and reorders the results for Material's search; Zensical's search has no
# such hook, so the benchmark's inflected, å/ä/ö-less and question-form queries miss there (ZENSICAL.md).
ZENSICAL_NO_QUERY_REWRITE = pytest.mark.xfail(strict=True, reason="docs/assets/sok.js does not reach Zensical's search")


def _known_difference(request, builder: str, mark=ZENSICAL_RANKING) -> None:
    if builder == "zensical":
        request.applymarker(mark)


@pytest.fixture(scope="module")
def search(browser, base_url, search_driver):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "index.html")
    yield search_driver(page, base_url)
    context.close()


@pytest.mark.parametrize("query", FIRST)
def test_acceptance_queries_put_the_right_page_first(search, query):
    results = search.query(query)
    assert results, f"{query!r}: no results"
    assert results[0] in FIRST[query], f"{query!r}: first result {results[0]}, expected one of {FIRST[query]}"


def test_brandforsvar_lists_every_fire_and_rescue_service_first(search):
    results = search.query("brandförsvar")
    assert set(results[: len(FIRE_AND_RESCUE)]) == FIRE_AND_RESCUE, results


def test_every_party_and_forum_comes_first_for_its_name(search):
    wanted = {p.namn: party(p.id) for p in HANDBOK.parter.values()}
    wanted |= {f.namn: f"forum/{f.id}.html" for f in HANDBOK.forum.values()}
    wrong = {}
    for name, page in wanted.items():
        results = search.query(name)
        if not results or results[0] != page:
            wrong[name] = (page, results[:3])
    assert not wrong, "name → (expected first, got):\n" + "\n".join(f"  {k} → {v}" for k, v in wrong.items())


def test_later_names_and_keywords_find_their_party(search, request, builder):
    """A keyword shared by n parties must rank all n first; a unique one puts its party first."""
    _known_difference(request, builder)
    aliases = [
        (alias, p.id) for p in HANDBOK.parter.values() for alias in (*p.sokord, *(t.namn for t in p.tidigare_namn))
    ]
    assert len(aliases) >= 10, "the data has fewer aliases than expected: is sokord still loaded?"
    shared = Counter(alias.casefold() for alias, _ in aliases)
    wrong = {}
    for alias, ident in aliases:
        results = search.query(alias)
        top = results[: shared[alias.casefold()]]
        if party(ident) not in top:
            wrong[f"{alias} ({ident})"] = results[:4]
    assert not wrong, "alias (party) → first results:\n" + "\n".join(f"  {k} → {v}" for k, v in wrong.items())


def test_every_glossary_term_finds_the_glossary(search):
    assert HANDBOK.ordlista, "the glossary is empty"
    wrong = {}
    for term in (b.term for b in HANDBOK.ordlista):
        results = search.query(term)
        if GLOSSARY not in results[:5]:
            wrong[term] = results[:5]
    assert not wrong, "glossary term → first five results:\n" + "\n".join(f"  {k} → {v}" for k, v in wrong.items())


def test_every_other_form_of_a_glossary_term_finds_the_glossary(search, site):
    """The glossary shows each term once, in its heading; its other forms (former: "aktiverade läget") are not
    printed. A form of a term that no other page uses still finds the glossary among the pages a reader sees
    first; where other pages use the term or the form ("budgetår"), it finds them, and may rank the glossary lower."""
    others = [visible_text((site / rel).read_text(encoding="utf-8")).lower() for rel in html_pages(site)]
    others = [text for rel, text in zip(html_pages(site), others, strict=True) if rel != GLOSSARY]
    wrong = {}
    for term, form in ((b.term, f) for b in HANDBOK.ordlista for f in b.former):
        results = search.query(form)
        used_elsewhere = any(word.lower() in text for word in (term, form) for text in others)
        if not results or (not used_elsewhere and GLOSSARY not in results[:10]):
            wrong[form] = results[:10]
    assert not wrong, "glossary form → first ten results:\n" + "\n".join(f"  {k} → {v}" for k, v in wrong.items())


def test_no_results_is_reported_as_such(search):
    """The helper itself: a word in no page gives no results, not the previous query's list."""
    assert search.query("Nacka")
    assert search.query("xyzzyqvarn") == []


BENCHMARK = Path(__file__).with_name("search_queries.yaml")
QUERIES = yaml.safe_load(BENCHMARK.read_text(encoding="utf-8"))


# The coordinators' pages: first only for a question about them (its answers name one of them).
COORDINATORS = {"andra-handboken.html", "datareferens.html", "oppna-data.html"}
TOP1_SHARE = 0.95  # of the queries answered by the first result (issue 27); all of them within the first three


def run_benchmark(search) -> tuple[int, int, dict[str, list[str]], dict[str, list[str]]]:
    """(hits in top 1, hits in top 3, misses: query -> the first three results, and a reader's questions that a
    coordinators' page answered first: query -> the first three results)."""
    top1 = top3 = 0
    misses, coordinators_first = {}, {}
    for item in QUERIES:
        results = search.query(str(item["q"]))
        top1 += bool(results) and results[0] in item["a"]
        if set(results[:3]) & set(item["a"]):
            top3 += 1
        else:
            misses[str(item["q"])] = results[:3]
        if results and results[0] in COORDINATORS and not COORDINATORS & set(item["a"]):
            coordinators_first[str(item["q"])] = results[:3]
    return top1, top3, misses, coordinators_first


def check_benchmark(search, where: str, capsys) -> None:
    assert len(QUERIES) >= 40, f"{BENCHMARK.name}: keep at least 40 queries"
    top1, top3, misses, coordinators_first = run_benchmark(search)
    with capsys.disabled():
        print(f"\nsearch benchmark ({where}): {len(QUERIES)} queries, top 1: {top1}, top 3: {top3}")
    assert not misses, f"{where}: {len(misses)} of {len(QUERIES)} queries not answered in the top 3 " + (
        "(query → first three results):\n" + "\n".join(f"  {q} → {r}" for q, r in misses.items())
    )
    assert not coordinators_first, f"{where}: a coordinators' page first for a reader's question:\n" + "\n".join(
        f"  {q} → {r}" for q, r in coordinators_first.items()
    )
    assert top1 >= TOP1_SHARE * len(QUERIES), f"{where}: {top1} of {len(QUERIES)} answered by the first result"


def test_benchmark_every_query_answered_in_the_top_three(search, capsys, request, builder):
    _known_difference(request, builder, ZENSICAL_NO_QUERY_REWRITE)
    check_benchmark(search, "served site", capsys)


def test_benchmark_the_same_from_the_offline_archive(browser, unpacked, capsys, search_driver, request, builder):
    _known_difference(request, builder, ZENSICAL_NO_QUERY_REWRITE)
    context = browser.new_context()
    try:
        page = context.new_page()
        root = unpacked.as_uri() + "/"
        page.goto(root + "index.html")
        check_benchmark(search_driver(page, root), "offline archive, file://", capsys)
    finally:
        context.close()


# Issue 26: what someone types when something has happened puts the page Aktiverat läge first, online and offline.
AKTIVERING = yaml.safe_load(Path(__file__).with_name("search_queries_aktivering.yaml").read_text(encoding="utf-8"))


def _first_misses(search) -> dict[str, list[str]]:
    """query -> the first three results, for every query whose first result is not one of its answers."""
    misses = {}
    for item in AKTIVERING:
        results = search.query(str(item["q"]))
        if not results or results[0] not in item["a"]:
            misses[str(item["q"])] = results[:3]
    return misses


def test_what_to_do_when_something_happens_comes_first(search, request, builder):
    _known_difference(request, builder, ZENSICAL_NO_QUERY_REWRITE)
    assert len(AKTIVERING) >= 6
    misses = _first_misses(search)
    assert not misses, "query → first three results:\n" + "\n".join(f"  {q} → {r}" for q, r in misses.items())


def test_what_to_do_when_something_happens_comes_first_offline(browser, unpacked, search_driver, request, builder):
    _known_difference(request, builder, ZENSICAL_NO_QUERY_REWRITE)
    context = browser.new_context()
    try:
        page = context.new_page()
        root = unpacked.as_uri() + "/"
        page.goto(root + "index.html")
        misses = _first_misses(search_driver(page, root))
    finally:
        context.close()
    assert not misses, "offline archive, query → first three results:\n" + "\n".join(
        f"  {q} → {r}" for q, r in misses.items()
    )


# Material only, not skipped on Zensical: docs/assets/sok.js rewrites the query for Material's lunr worker, and
# Zensical's search has none (its misses are the strict xfails above).
@pytest.mark.parametrize("builder", ["mkdocs"], indirect=True)
def test_the_query_side_sends_stemmed_forms(search, builder):
    """docs/assets/sok.js: each word stemmed (once and twice) by lunr.sv and as typed with a boost; a word typed
    with å, ä, ö not folded as well ("händer" must not find "handboken"); stop words left out; lunr syntax as
    typed."""
    rewrite = search.page.evaluate("q => window.__sokfraga(q)", "Räddningstjänsten i Täby? +kommun")
    assert rewrite.split() == ["räddningstjänst", "räddningstjänsten^10", "täby", "täby^10", "+kommun"]


def _pages_with_a_word_beginning(prefix: str, site) -> set[str]:
    """The pages whose title or text (as indexed) has a word that begins with prefix, exactly as written."""
    import re

    from tests.sitebuild import search_docs

    word = re.compile(rf"(?<!\w){re.escape(prefix)}", re.I)
    return {
        d["location"].split("#")[0]
        for d in search_docs(site)
        if word.search(re.sub(r"<[^>]+>", " ", d.get("title", "") + " " + d.get("text", "")))
    }


@pytest.mark.parametrize("builder", ["mkdocs"], indirect=True)
@pytest.mark.parametrize(("query", "exact", "folded"), [("kallar", "kall", "käll"), ("händer", "händ", "hand")])
def test_an_exact_swedish_form_ranks_above_a_folded_one(search, site, builder, query, exact, folded):
    """A page with the word as typed ranks above a page that matches only once å, ä and ö are folded away
    ("kallar" must not put "källor" first, nor "händer" "handboken"): no page that has only the folded form's
    words comes before one that has the typed form's."""
    typed = _pages_with_a_word_beginning(exact, site)
    only_folded = _pages_with_a_word_beginning(folded, site) - typed
    results = search.query(query)
    assert results and results[0] in typed, f"{query!r}: first result {results[:3]}, none has a word {exact}…"
    last_typed = max(i for i, page in enumerate(results) if page in typed)
    early = [page for page in results[:last_typed] if page in only_folded]
    assert not early, f"{query!r}: pages with only {folded}… rank above pages with {exact}…: {early} in {results}"


@pytest.mark.parametrize("builder", ["mkdocs"], indirect=True)
def test_the_result_list_names_only_words_the_reader_typed(search, builder):
    """Under a result Material lists the query's words that it lacks ("Finns inte med: …"). They are the words
    the reader typed, never the stems and forms that docs/assets/sok.js sends ("möt möte mot mote")."""
    for query, missing in (("Nacka xyzzyqvarn", "xyzzyqvarn"), ("vem kallar till möte", None)):
        search.query(query)
        shown = {t.strip().lower() for t in search.page.locator(".md-search-result__terms del").all_text_contents()}
        assert shown <= set(query.lower().split()), f"{query!r}: the results name {sorted(shown)} as missing"
        if missing:
            assert missing in shown, f"{query!r}: {missing!r} is not named as missing under any result"
