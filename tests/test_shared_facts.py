"""Facts that both the schemas and the code hold, or that several modules use, kept in one home and tied by tests.

- where a party, forum, level or category may be named: ``macros.core.checks.references.PLACES`` and the schemas;
- the id pattern: ``schema/defs.schema.json``, read by ``python -m macros new``;
- the basis date of a budget year: ``macros.core.tid.underlagsdatum``, used by the model and the checker;
- the schema line that starts every data file: ``macros.core.schemas.SCHEMA_COMMENT``.
"""

from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator

from macros.core import pipeline, schemas, tid
from macros.core.checks import CHECKS, rule_id
from macros.core.checks.ids import is_id
from macros.core.checks.references import PLACES
from macros.core.dataset import FOLDERS, SINGLE_FILES
from macros.render import datareferens
from macros.tools import scaffold
from tests.helpers import ROOT, VALID

ID_REF = f"{schemas.SHARED}#/$defs/id"


def _schema(name: str) -> dict:
    return schemas.read_schema(name)


def _leaves(kind: str) -> dict[str, dict]:
    """Every data path of a file kind (keys with dots, * for list items) -> the schemas that apply there."""
    top = _schema(f"{kind}.schema.json")
    found: dict[str, list[dict]] = {}

    def walk(node: dict, path: tuple[str, ...], depth: int = 0) -> None:
        assert depth < 40, path
        ref = node.get("$ref", "")
        found.setdefault(".".join(path), []).append(node)
        if ref.startswith("#/$defs/"):
            walk(top["$defs"][ref.split("/")[-1]], path, depth + 1)
        for key, sub in node.get("properties", {}).items():
            walk(sub, (*path, key), depth + 1)
        if isinstance(node.get("items"), dict):
            walk(node["items"], (*path, "*"), depth + 1)
        for combined in ("oneOf", "anyOf", "allOf"):
            for sub in node.get(combined, []):
                walk(sub, path, depth + 1)

    walk(top, ())
    return found


def _kinds() -> list[str]:
    return sorted({*SINGLE_FILES.values(), *FOLDERS.values()})


def _id_references() -> set[tuple[str, str]]:
    """Every key (but a thing's own id) whose value is an id under the shared definition: a reference by id."""
    return {
        (kind, path)
        for kind in _kinds()
        for path, nodes in _leaves(kind).items()
        if path.rpartition(".")[2] != "id" and any(n.get("$ref") == ID_REF for n in nodes)
    }


def test_every_key_that_holds_an_id_is_a_place_the_checker_follows():
    """The schema and PLACES agree: a key that holds a party's, forum's or level's id is checked, and only those."""
    places = {(p.kind, p.path) for p in PLACES if p.target != "kategori"}
    assert places == _id_references(), "add the key to PLACES in macros/core/checks/references.py (or fix its path)"


def test_every_category_place_is_a_category_in_the_schema():
    categories = set(schemas.kategorier())
    for place in (p for p in PLACES if p.target == "kategori"):
        nodes = _leaves(place.kind)[place.path]
        enums = [set(n["enum"]) for n in nodes if "enum" in n]
        assert enums and all(e - {"alla"} <= categories for e in enums), place


@pytest.mark.parametrize("place", PLACES, ids=[f"{p.kind}:{p.path}" for p in PLACES])
def test_a_place_reports_under_a_registered_rule(place):
    assert place.rule in {rule_id(c) for c in CHECKS}
    assert place.path in _leaves(place.kind), f"{place.path} is no key of {place.kind}.schema.json"


@pytest.mark.parametrize("ident", ["nacka", "a-b-1", "a", "x" * 60, "x" * 61, "A", "a--b", "-a", "a-", "å", "a_b", ""])
def test_new_and_the_checker_accept_an_id_exactly_when_the_schema_does(ident):
    definition = _schema(schemas.SHARED)["$defs"]["id"]
    by_schema = Draft202012Validator(definition).is_valid(ident)
    assert is_id(ident) == by_schema


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
