"""Messages that misled a coordinator: each case under tests/fixtures/messages/ is one mistake in a copy of
the valid dataset, its expected.txt the checker's exact output. CASES says, by content, where the case's error must
stand and what it must (and must never) say, so a careless bless cannot make a misleading message pass."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, assert_golden, cases, make_data, run_check

MESSAGES = FIXTURES / "messages"


@dataclass(frozen=True)
class Expect:
    fil: str  # under data/
    at: str  # the text the error points at: its first occurrence in the file gives line and column
    rule: str
    says: tuple[str, ...]
    never: tuple[str, ...] = ()


CASES = {
    "over-indented-key": Expect(
        "parter/salem.yaml",
        "kategori: kommun",
        "yaml-syntax",
        says=("'kategori' står längre in än 'namn'", "flytta 'kategori' till samma kolumn som 'namn' (kolumn 1)"),
        never=("citattecken",),
    ),
    "key-in-list-column": Expect(
        "parter/salem.yaml",
        "kallor:",
        "yaml-syntax",
        says=("inget '- '", "samma kolumn som 'folkmangd' (kolumn 1)"),
        never=("citattecken",),
    ),
    "rate-as-number": Expect(
        "avgifter.yaml",
        "1.50",
        "schema",
        says=("men är 1.50;", 'skriv värdet inom citattecken, med decimalkomma: "1,50"'),
    ),
    "population-in-quotes": Expect(
        "parter/nacka.yaml", '"95182"', "schema", says=("ska vara ett heltal", "ta bort citattecknen: 95182")
    ),
    "population-with-point": Expect(
        "parter/nacka.yaml", "95.182", "schema", says=("men är 95.182;", "skriv siffrorna utan punkt: 95182")
    ),
    "unknown-id": Expect(
        "forum/regionala-chefsgruppen.yaml",
        "lansstyrelsen-sthlm",
        "chair-is-party",
        says=("menade du 'lansstyrelsen-stockholm'?",),
    ),
    "copied-file": Expect(
        "parter/salem (1).yaml",
        "salem",
        "id-matches-filename",
        says=("filnamnet kan inte vara ett id", "'salem-1.yaml'"),
        never=("ändra id till 'salem (1)'",),
    ),
    "list-file-after-split": Expect(
        "kallor.yaml",
        "#",
        "unknown-file",
        says=("källorna står nu i var sin fil i data/kallor/", "data/kallor/ID.yaml", "ta bort kallor.yaml"),
    ),
    "kommunkod-outside-county": Expect(
        "parter/salem.yaml",
        '"0330"',
        "schema",
        says=("har fel form: '0330'", "fyra siffror som börjar på 01"),
    ),
    "unclosed-quote": Expect(
        "parter/salem.yaml",
        '"Salems kommun',
        "yaml-syntax",
        says=("citattecknet här avslutas inte på samma rad", "avsluta texten med ett citattecken på den här raden"),
        never=("indraget",),
    ),
    "misspelt-key": Expect(
        "parter/salem.yaml",
        "kateogri",
        "schema",
        says=("okänd nyckel 'kateogri'; menade du 'kategori'?",),
        never=("saknas",),
    ),
    "budget-year-gap": Expect(
        "avgifter.yaml",
        "2025",
        "budget-years",
        says=("budgetåren 2016–2024 saknas mellan 2015 och 2025",),
    ),
}


def _position(case: Path, expect: Expect) -> tuple[int, int]:
    text = (case / "data" / expect.fil).read_text(encoding="utf-8")
    offset = text.index(expect.at)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_every_case_has_its_expectation():
    assert {c.name for c in cases(MESSAGES)} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_message_points_at_the_mistake_and_says_the_fix(name, tmp_path, bless):
    case, expect = MESSAGES / name, CASES[name]
    make_data(tmp_path, case)
    code, out, err = run_check(tmp_path, "--data", "data")
    assert (code, err) == (1, "")
    assert_golden(case / "expected.txt", out, bless)
    line, column = _position(case, expect)
    ours = [x for x in out.splitlines() if x.endswith(f"[{expect.rule}]") and ": fel: " in x]
    assert len(ours) == 1, ours  # one error for the one mistake
    assert ours[0].startswith(f"data/{expect.fil}:{line}:{column}: fel: "), (ours[0], line, column)
    for fragment in expect.says:
        assert fragment in ours[0]
    for fragment in expect.never:
        assert fragment not in ours[0]


def test_one_municipality_is_one_kommun_everywhere(tmp_path):
    """A count of one takes the singular: "1 kommun", never "1 kommuner" (tests/fixtures/en-kommun/: one
    municipality is left)."""
    from macros.core import pipeline
    from macros.core.utgava import Utgava
    from macros.pdf.overenskommelse import overenskommelse as pdf_overenskommelse
    from macros.render import avgifter, overenskommelse, parter
    from macros.render.common import Kontext

    h, problems = pipeline.check(make_data(tmp_path, FIXTURES / "en-kommun"))
    assert h is not None, problems
    assert len(h.kommuner()) == 1 and len(h.parter_idag()) == 3
    utg = Utgava(datetime(2015, 7, 1, tzinfo=UTC), "testrev")
    texts = {
        "partlista": parter.partlista(Kontext(h, "parter/index.md")),
        "overenskommelse": overenskommelse.overenskommelse(Kontext(h, "overenskommelse.md")),
        "avgifter": avgifter.avgiftstabell_md(Kontext(h, "avgifter.md"), 2015),
        "pdf": json.dumps(pdf_overenskommelse(h, utg), ensure_ascii=False),
    }
    for name, text in texts.items():
        assert "1 kommuner" not in text, name
    sentence = "Överenskommelsen har 3 parter: 1 kommun och 2 andra organisationer."
    assert sentence in texts["overenskommelse"] and sentence in texts["pdf"]
    assert sentence.replace("3 parter", "**3 parter**") in texts["partlista"]
    assert "Summa, 1 kommun med känd folkmängd" in texts["avgifter"] and "Summa, 1 kommun med" in texts["pdf"]


def test_only_a_double_quote_left_open_past_its_line_is_blamed():
    """A double quote inside single quotes, an escaped one and a comment's are text; an open one is found on its
    own line."""
    from macros.core.yamlmessages import open_quote

    lines = ["namn: 'Ett \"citat'", 'titel: "a \\" b"', 'x: 1  # "kommentar', 'y: "z', "w: 2"]
    assert open_quote(lines, 2) is None
    assert open_quote(lines, 3) is None  # opened on the line itself: YAML's own message applies
    assert open_quote(lines, 4) == (3, 3)
