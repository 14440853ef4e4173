"""What `check` passes, `build` can publish: the rules that move late build failures into the checker.

Texts with a space or line break at an end (a YAML block `|` keeps its last line break, and Python's `$` in a
schema pattern accepts it), whitespace-only names and glossary words, numbers written with a decimal point where
a whole number belongs, and party names that a reader cannot tell apart. Each case runs the checker in-process
on the valid fixture with one file changed; the whole build on such data runs in tests/test_hostile.py.
"""

from __future__ import annotations

import re

import pytest

from macros.core.loader import load_bytes
from macros.core.schemas import validate
from tests.helpers import make_data, run_check

PROBLEM = re.compile(r"^(data/\S+):(\d+):(\d+): fel: (.+) \[([a-z0-9-]+)\]$", re.M)


def _check(tmp_path, rel: str, old: str, new: str) -> list[tuple[str, int, int, str, str]]:
    data = make_data(tmp_path)
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, out, err = run_check(tmp_path, "--data", "data")
    found = [(m[1], int(m[2]), int(m[3]), m[4], m[5]) for m in PROBLEM.finditer(out)]
    assert (code, err) == ((1 if found else 0), ""), out
    return found


def _rules(found) -> list[str]:
    return [f[4] for f in found]


@pytest.mark.parametrize(
    ("rel", "old", "new", "fix"),
    [
        # A source URL written as a block keeps its line break and crashed the build.
        (
            "kallor/scb-folkmangd-2014-06-30.yaml",
            "url: https://web.archive.org",
            "url: |\n  https://web.archive.org",
            "skriv |- i stället för |",
        ),
        (
            "kallor/scb-folkmangd-2014-06-30.yaml",
            "url: https://web.archive.org",
            "url: >\n  https://web.archive.org",
            "skriv >- ",
        ),
        # Kommunkod "0182\n" reached the CSV.
        ("parter/salem.yaml", 'kommunkod: "0128"', 'kommunkod: "0128\\n"', "ta bort dem"),
        ("parter/salem.yaml", "namn: Salems kommun", 'namn: " Salems kommun"', "texten börjar med"),
        ("parter/salem.yaml", "namn: Salems kommun", 'namn: "Salems kommun\\u00a0"', "texten slutar med"),
        # Whitespace-only names and glossary terms passed.
        ("parter/salem.yaml", "namn: Salems kommun", 'namn: "   "', "texten är tom eller bara mellanslag"),
        ("parter/salem.yaml", "namn: Salems kommun", 'namn: "\\u00a0"', "texten är tom eller bara mellanslag"),
        ("ordlista.yaml", "term: aktiverat läge", 'term: "\\t"', "texten är tom eller bara mellanslag"),
    ],
)
def test_a_text_with_space_at_an_end_is_refused_with_the_fix(tmp_path, rel, old, new, fix):
    found = _check(tmp_path, rel, old, new)
    assert _rules(found) == ["text-whitespace"], found
    path, line, _column, message, _rule = found[0]
    assert path == f"data/{rel}"
    written = (tmp_path / "data" / rel).read_text(encoding="utf-8").split("\n")
    assert new.split("\n")[0].strip() in written[line - 1]
    assert fix in message


def test_a_text_refused_by_its_schema_gets_one_message(tmp_path):
    """A | before a list makes the list a text: the schema says it is not a list, and that is the one message."""
    old = 'folkmangd:\n  - datum: "2014-06-30"'
    found = _check(tmp_path, "parter/salem.yaml", old, 'folkmangd: |\n  - datum: "2014-06-30"')
    assert _rules(found) == ["schema"]


def test_texts_inside_and_keys_are_checked_too():
    doc, problems = load_bytes(b'a:\n  - b: ok\n  - "c ": x\n  - [y, "z\\n"]\n', "x.yaml")
    assert problems == []
    assert [(p.line, p.column, p.rule) for p in doc.text_problems] == [
        (3, 5, "text-whitespace"),
        (4, 9, "text-whitespace"),
    ]


def test_inner_line_breaks_and_spaces_stay():
    """Paragraphs in a folded text (a blank line) and spaces inside are the writer's: only the ends matter."""
    doc, problems = load_bytes(b"a: >-\n  Ett stycke.\n\n  Ett till, med  tv\xc3\xa5 mellanslag.\n", "x.yaml")
    assert problems == [] and doc.text_problems == []
    assert doc.data["a"] == "Ett stycke.\nEtt till, med  två mellanslag."


@pytest.mark.parametrize("written", ["16076.0", "16076.5", "-1.0"])
def test_a_whole_number_written_with_decimals_is_refused(tmp_path, written):
    """Antal 95182.0 passed the schema (JSON Schema counts it as an integer) and ended the build, diff and
    the preview in a TypeError."""
    found = _check(tmp_path, "parter/salem.yaml", "antal: 16076", f"antal: {written}")
    assert set(_rules(found)) == {"schema"}, found
    assert any("ska vara ett heltal" in f[3] for f in found)
    if written == "16076.0":
        assert found[0][3].endswith("skriv heltalet utan decimaler: 16076")


def test_a_budget_year_with_decimals_is_refused(tmp_path):
    found = _check(tmp_path, "avgifter.yaml", "- ar: 2015", "- ar: 2015.0")
    assert _rules(found) == ["schema"] and "skriv heltalet utan decimaler: 2015" in found[0][3]


def test_the_fast_validator_never_passes_a_float_as_an_integer():
    doc, _ = load_bytes(b"antal: 3.0\n", "x.yaml")
    # Any schema with an integer: the compiled validator alone would pass 3.0, the slow path refuses it.
    assert doc.data == {"antal": 3.0}
    from macros.core import schemas

    assert schemas._has_float(doc.data)
    party = (make_data.__globals__["VALID"] / "parter" / "salem.yaml").read_bytes().replace(b"16076", b"16076.0")
    party_doc, _ = load_bytes(party, "data/parter/salem.yaml")
    assert [p.rule for p in validate(party_doc, "part")] == ["schema"]


@pytest.mark.parametrize(
    ("new", "rule", "phrase"),
    [
        ("SALEMS KOMMUN", "name-unique", "'SALEMS KOMMUN' går inte att skilja från 'Salems kommun' i salem.yaml"),
        ("Salems   kommun", "name-unique", "går inte att skilja från 'Salems kommun'"),
        ("Ｓａｌｅｍｓ kommun", "name-unique", "går inte att skilja från 'Salems kommun'"),  # full-width letters (NFKC)
    ],
)
def test_a_party_name_a_reader_cannot_tell_apart_is_refused(tmp_path, new, rule, phrase):
    found = _check(tmp_path, "parter/vaxholm.yaml", "namn: Vaxholms stad", f"namn: {new}")
    assert rule in _rules(found), found
    assert any(phrase in f[3] for f in found if f[4] == rule), found
    assert all(f[0] == "data/parter/vaxholm.yaml" and f[1] == 3 for f in found)


def test_a_cyrillic_letter_that_looks_latin_is_refused(tmp_path):
    """Two parties could differ only by a Cyrillic letter."""
    found = _check(tmp_path, "parter/vaxholm.yaml", "namn: Vaxholms stad", "namn: Salems kоmmun")  # Cyrillic о
    assert sorted(set(_rules(found))) == ["font-has-characters", "name-latin", "name-unique"], found
    latin = next(f[3] for f in found if f[4] == "name-latin")
    assert "U+043E CYRILLIC SMALL LETTER O" in latin and latin.endswith("skriv 'o' i stället")


def test_a_mixed_script_forum_name_and_glossary_word_are_refused(tmp_path):
    found = _check(tmp_path, "ordlista.yaml", "term: aktiverat läge", "term: aktiverat lägе")  # Cyrillic е
    assert "name-latin" in _rules(found) and any("ordet har bokstaven" in f[3] for f in found)


def test_forums_may_not_share_a_name_either(tmp_path):
    data = make_data(tmp_path)
    forums = sorted((data / "forum").glob("*.yaml"))
    first = re.search(r"^namn: (.+)$", forums[0].read_text(encoding="utf-8"), re.M)[1]
    second = forums[1].read_text(encoding="utf-8")
    forums[1].write_text(re.sub(r"^namn: .+$", f"namn: {first.upper()}", second, count=1, flags=re.M), "utf-8")
    code, out, _ = run_check(tmp_path, "--data", "data")
    assert code == 1 and f"{forums[1].name}:3:7: fel: namnet '{first.upper()}'" in out and "[name-unique]" in out


def test_a_character_the_pdf_cannot_show_is_refused_at_its_text(tmp_path):
    """A party name with a letter the PDF font lacks failed the PDF step, naming a template."""
    for char, fix in [("ŋ", "skriv texten utan tecknet"), ("→", "skriv 'till' i stället"), ("😀", "ta bort det")]:
        found = _check(tmp_path / char, "parter/salem.yaml", "namn: Salems kommun", f"namn: Salems {char} kommun")
        assert [(f[0], f[1], f[2], f[4]) for f in found] == [("data/parter/salem.yaml", 3, 7, "font-has-characters")]
        assert f"U+{ord(char):04X}" in found[0][3] and fix in found[0][3]
