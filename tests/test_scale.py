"""What keeps the handbook linear in the size of its data (see bench/): the who-sits-where table forum by forum
when a grid would be too large, and the fast paths of the loader and the schema check giving the same answers
as the strict ones."""

from __future__ import annotations

import random
import re

import pytest

from macros.core import loader, pipeline, schemas, yamlparse
from macros.core.model import Begrepp
from macros.render import matris
from macros.render.common import Kontext
from macros.site import termlinks
from tests.helpers import VALID

PAGE = "forum/index.md"


@pytest.fixture(scope="module")
def handbok(valid_handbok):
    return valid_handbok


def test_large_who_sits_where_lists_each_forum_with_the_same_cells(handbok, monkeypatch):
    grid = matris.vem_sitter_var(Kontext(handbok, PAGE))
    monkeypatch.setattr(matris, "MAX_CELLER", 0)
    listed = matris.vem_sitter_var(Kontext(handbok, PAGE))
    assert "<caption>Vem sitter var</caption>" in listed
    cells = re.findall(r'<td><span class="handbok-ja".*?</td>', grid)
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", listed)
    # Every filled cell of the grid is one row of the list, and the list has no "does not take part" rows.
    assert sorted(cells) == sorted(re.search(r'<td><span class="handbok-ja".*?</td>', r).group(0) for r in rows)
    assert "deltar inte" not in listed
    for f in handbok.forum.values():
        if any(f.id in r for r in rows):
            assert f"{f.id}.html" in listed


ROOT = VALID.parent.parent.parent
YAML_FILES = sorted({*ROOT.glob("data/**/*.yaml"), *(ROOT / "tests" / "fixtures").glob("**/*.yaml")})


def _loaded(raw: bytes):
    doc, problems = loader.load_bytes(raw, "x.yaml")
    if doc is None:
        return None, problems
    return (doc.data, doc.positions, doc.key_positions, doc.first_line), problems


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_fast_yaml_path_reads_every_file_as_the_strict_one(path, monkeypatch):
    raw = path.read_bytes()
    fast = _loaded(raw)
    monkeypatch.setattr(yamlparse, "compose_fast", lambda text: None)
    assert fast == _loaded(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "a: 1\nb: '2'\nc: 0x1F\nd: 1.10\ne: no\nf: 2015-01-01\ng: 12:30\nh: ~\ni: -0\n",
        "a:\n  - b: >-\n      folded\n      text\n    c: |\n      kept\n      lines\n",
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "? [a]\n: b\n",
        "a: 'unclosed\n",
        "a: b: c\n",
        "a: 1\n---\nb: 2\n",
        'å: ö\r\nb: "\\u00e4"\r\n',
    ],
)
def test_fast_yaml_path_agrees_on_tricky_input(raw, monkeypatch):
    fast = _loaded(raw.encode())
    monkeypatch.setattr(yamlparse, "compose_fast", lambda text: None)
    assert fast == _loaded(raw.encode())


def _kind(path):
    from macros.core.dataset import FOLDERS, SINGLE_FILES

    return FOLDERS.get(path.parent.name) or SINGLE_FILES.get(path.name)


SCHEMA_CASES = [(p, _kind(p)) for p in YAML_FILES if _kind(p)]


def _agree(data, kind):
    """The fast check may send a valid file to jsonschema, never pass an invalid one."""
    doc = loader.Document("x.yaml", data)
    strict = not list(schemas.validator(kind).iter_errors(data))
    assert strict or not schemas._fast_valid(doc, kind), (kind, data)


@pytest.mark.parametrize(
    ("path", "kind"), SCHEMA_CASES, ids=lambda c: str(c.relative_to(ROOT)) if hasattr(c, "parent") else c
)
def test_fast_schema_check_agrees_with_jsonschema(path, kind):
    doc, _problems = loader.load_file(path)
    if doc is not None:
        _agree(doc.data, kind)


NACKA = {
    "id": "nacka",
    "namn": "Nacka kommun",
    "kategori": "kommun",
    "kommunkod": "0182",
    "kallor": ["k"],
    "folkmangd": [{"datum": "2014-06-30", "antal": 95182, "kalla": "k"}],
}


@pytest.mark.parametrize(
    "change",
    [
        {},
        {"id": "nacka\n"},  # Python's $ matches before a final newline, Rust's does not
        {"kommunkod": "0182\n"},
        {"folkmangd": [{"datum": "2015-02-30", "antal": 1, "kalla": "k"}]},
        {"folkmangd": [{"datum": "2016-02-29", "antal": 1, "kalla": "k"}]},
        {"folkmangd": [{"datum": "2014-06-30", "antal": 1.0, "kalla": "k"}]},
        {"folkmangd": [{"datum": "2014-06-30", "antal": True, "kalla": "k"}]},
        {"folkmangd": [{"datum": "2014-06-30", "antal": 10**30, "kalla": "k"}]},
        {"folkmangd": [{"datum": "2014-06-30", "antal": 1, "kalla": "k", "uppgift_saknas": "x" * 20}]},
        {"sokord": ["ab", "ab"]},
        {"sokord": ["å" * 60]},
        {"sokord": ["å" * 61]},
        {"namn": ""},
        {"kallor": []},
        {"okand": 1},
        {"anslutningsbeslut": {"organ": "KS", "kalla": "k", "paragraf": "§ 77"}},
        {"anslutningsbeslut": {"organ": "KS", "kalla": "k", "paragraf": "§ 77\n"}},
    ],
)
def test_fast_schema_check_agrees_on_edge_values(change):
    _agree({**NACKA, **change}, "part")


@pytest.mark.parametrize("url", ["https://example.org/a", "https://a b", "https://a\u00a0b", "https://a\u2003b"])
def test_fast_schema_check_agrees_on_whitespace_in_addresses(url):
    _agree({"id": "k", "titel": "T", "utgivare": "U", "typ": "primar", "url": url}, "kalla")


@pytest.mark.parametrize("char", ["\x1c", "\x1d", "\x1e", "\x1f"])
@pytest.mark.parametrize("written", ["raw", "escaped"])
def test_the_spaces_only_python_calls_spaces_never_reach_the_schema_check(char, written):
    """Python's \\s matches U+001C-U+001F and Rust's does not, so the two validators would disagree on them in an
    address; the loader refuses them, however written, so the fast check needs no exception for them."""
    value = char if written == "raw" else f"\\x{ord(char):02x}"
    raw = f'kallor:\n  - id: k\n    url: "https://a{value}b"\n'.encode()
    doc, problems = loader.load_bytes(raw, "x.yaml")
    assert doc is None and [p.rule for p in problems] == ["control-character"]


def _reference_link_terms(html, terms, href):
    """The term-by-term algorithm link_terms must agree with (one search per term per piece of text)."""
    patterns = termlinks._patterns(tuple(terms))
    done: set[str] = set()
    depth = 0
    out = []
    for part in termlinks._TAG.split(html):
        if part.startswith("<"):
            depth += termlinks._depth_change(part)
        elif depth == 0 and part.strip():
            part = termlinks._link_first(part, patterns, done, href)
        out.append(part)
    return "".join(out)


def test_glossary_links_match_the_term_by_term_search():
    h, _problems = pipeline.check(ROOT / "data")
    words = [w for t in h.ordlista for w in (t.term, *t.former)]
    pieces = [f"<p>{' '.join(words[i : i + 5])} och {words[i].upper()}.</p>" for i in range(0, len(words), 3)]
    pieces += ["<h2>" + words[0] + "</h2><p>" + words[0] + "</p>", "<a href='x'>" + words[1] + "</a> " + words[1]]
    html = "\n".join(pieces * 2)
    assert termlinks.link_terms(html, h.ordlista, "ordlista.html") == _reference_link_terms(
        html, h.ordlista, "ordlista.html"
    )
    assert 'class="handbok-term"' in termlinks.link_terms(html, h.ordlista, "ordlista.html")


def test_glossary_links_match_the_term_by_term_search_where_words_overlap():
    """Words inside other words ("kris" in "kris ledning"), and a term already linked where a pending one starts."""
    rnd = random.Random(3)
    vocab = ["kris", "kris ledning", "ledning", "RSIB", "a&b", "läge", "aktiverat läge", "aktiverat", "regionala rådet"]
    filler = [" ", ", ", ".", "<p>", "</p>", "<a href='x'>", "</a>", "<h2>", "</h2>", "<code>", "</code>", "X", "Kris "]
    for _ in range(500):
        words = rnd.sample(vocab, rnd.randint(1, len(vocab)))  # each word in one term only: no ambiguity
        terms = [Begrepp(f"t{i}", w, "x", tuple(words[i + 1 : i + 2])) for i, w in enumerate(words) if i % 2 == 0]
        html = "".join(rnd.choice(vocab if rnd.random() < 0.5 else filler) for _ in range(rnd.randint(0, 40)))
        assert termlinks.link_terms(html, terms, "o.html") == _reference_link_terms(html, terms, "o.html"), html


def test_glossary_links_a_shorter_pending_term_inside_a_linked_one():
    terms = (Begrepp("lage", "aktiverat läge", "x"), Begrepp("akt", "aktiverat", "x"))
    out = termlinks.link_terms("<p>Aktiverat läge, sedan aktiverat läge.</p>", terms, "o.html")
    assert out == (
        '<p><a class="handbok-term" href="o.html#lage">Aktiverat läge</a>, sedan '
        '<a class="handbok-term" href="o.html#akt">aktiverat</a> läge.</p>'
    )
