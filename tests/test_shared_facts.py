"""Facts that both the schemas and the code hold, or that several modules use, kept in one home and tied by tests.

- the id pattern: ``schema/defs.schema.json``, read by ``python -m macros new``;
- the basis date of a budget year: ``macros.core.tid.underlagsdatum``, used by the model and the checker;
- the schema line that starts every data file: ``macros.core.schemas.SCHEMA_COMMENT``.
"""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from macros.core import pipeline, schemas, tid
from macros.core.repo import SCHEMA_DIR
from macros.render import datareferens
from macros.tools import scaffold
from tests.helpers import ROOT, VALID


def _schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("ident", ["nacka", "a-b-1", "a", "x" * 60, "x" * 61, "A", "a--b", "-a", "a-", "å", "a_b", ""])
def test_new_accepts_an_id_exactly_when_the_schema_does(ident):
    definition = _schema(schemas.SHARED)["$defs"]["id"]
    by_schema = Draft202012Validator(definition).is_valid(ident)
    by_scaffold = bool(scaffold.ID_PATTERN.match(ident)) and len(ident) <= scaffold.ID_MAX_LENGTH
    assert by_scaffold == by_schema


def _sources() -> list:
    """The code: the macros package and the bench."""
    return sorted([*(ROOT / "macros").rglob("*.py"), *(ROOT / "bench").rglob("*.py")])


def test_the_basis_date_has_one_home():
    handbok, _ = pipeline.check(VALID)
    avgifter = handbok.avgifter
    assert tid.underlagsdatum(2016, "06-30") == "2015-06-30"
    for b in avgifter.budgetar:
        assert avgifter.underlagsdatum(b.ar) == tid.underlagsdatum(b.ar, avgifter.underlagsdag)
    formula = re.compile(r"\{[^{}]*- 1\}-\{")  # f"{ar - 1}-{underlagsdag}" written out again
    spelled = [p.relative_to(ROOT).as_posix() for p in _sources() if formula.search(p.read_text(encoding="utf-8"))]
    assert spelled == ["macros/core/tid.py"], "call tid.underlagsdatum instead"


def test_the_schema_line_has_one_home():
    """Only macros/core/schemas.py spells the $schema= line; the others import SCHEMA_COMMENT."""
    spelled = [p.relative_to(ROOT).as_posix() for p in _sources() if "$schema=" in p.read_text("utf-8")]
    assert spelled == ["macros/core/schemas.py"]
    assert scaffold.forum_skeleton("nytt-forum", None).startswith(f"{schemas.SCHEMA_COMMENT}../../schema/forum.")
    first = datareferens.exempelfil(next(f for f in datareferens.filsorter() if f.kind == "part")).splitlines()[0]
    assert first == f"{schemas.SCHEMA_COMMENT}../../schema/part.schema.json"
    assert re.fullmatch(r"# yaml-language-server: \$schema=", schemas.SCHEMA_COMMENT)
