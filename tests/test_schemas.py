"""The JSON Schemas themselves: valid 2020-12, closed everywhere, described in Swedish, with the promised patterns."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from macros.core.dataset import FOLDERS, SINGLE_FILES
from macros.core.repo import ROOT
from macros.core.schemas import SCHEMA_DIR, read_schema, schema_files

SCHEMAS = schema_files()
SWEDISH = set("åäöÅÄÖ")


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _subschemas(node, where: str = "#") -> Iterator[tuple[str, dict]]:
    """Every schema object inside a schema, with a JSON-pointer-like location for messages."""
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for name, sub in value.items():
                    yield from _subschemas(sub, f"{where}/{key}/{name}")
            elif key in ("items", "not", "additionalProperties") and isinstance(value, dict):
                yield from _subschemas(value, f"{where}/{key}")
            elif key in ("oneOf", "anyOf", "allOf"):
                for i, sub in enumerate(value):
                    yield from _subschemas(sub, f"{where}/{key}/{i}")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry().with_resources((p.name, Resource.from_contents(_load(p))) for p in SCHEMAS)


def _validator(name: str, registry: Registry, ref: str = "") -> Draft202012Validator:
    schema = {"$ref": f"{name}{ref}"} if ref else _load(SCHEMA_DIR / name)
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_one_schema_per_file_kind():
    kinds = {*SINGLE_FILES.values(), *FOLDERS.values()}
    assert {p.name.removesuffix(".schema.json") for p in SCHEMAS} == kinds | {"defs"}


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_2020_12(path):
    schema = _load(path)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_object_is_closed(path):
    for where, sub in _subschemas(_load(path)):
        if sub.get("type") == "object" or "properties" in sub:
            assert sub.get("additionalProperties") is False, f"{path.name}{where}: additionalProperties: false"


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_property_has_a_swedish_description(path):
    schema = _load(path)
    assert schema.get("description")
    for where, sub in _subschemas(schema):
        for name, prop in sub.get("properties", {}).items():
            desc = prop.get("description", "")
            assert len(desc) >= 10, f"{path.name}{where}/properties/{name} lacks a description"
    text = json.dumps(schema, ensure_ascii=False)
    assert SWEDISH & set(text), f"{path.name}: descriptions are not Swedish"


def test_refs_resolve(registry):
    """Every $ref points at something that exists (a typo would only show on data that reaches it)."""
    for path in SCHEMAS:
        for _where, sub in _subschemas(_load(path)):
            ref = sub.get("$ref")
            if ref:
                target = ref if not ref.startswith("#") else f"{path.name}{ref}"
                registry.resolver().lookup(target)  # raises on a dangling reference


DEFS = "defs.schema.json"


@pytest.mark.parametrize(
    ("definition", "good", "bad"),
    [
        (
            "id",
            ["nacka", "regionala-radet", "upplands-bro", "a1"],
            ["Nacka", "nacka_kommun", "-nacka", "nacka-", "nacka--x", "ösmo", "", "a" * 61, 5],
        ),
        ("kommunkod", ["0182", "0114", "0192"], ["182", "0282", "01820", "01a2", 182, ""]),
        (
            "datum",
            ["2014-06-30", "2016-02-29"],
            ["2015-02-30", "2015-02-29", "2014-13-01", "2014-6-30", "30/06/2014", "2014-06-30T00:00:00", 20140630],
        ),
        (
            "https_url",
            ["https://www.vallentuna.se/a/b/", "https://example.org/?q=1&r=2"],
            [
                "http://scb.se/",
                "javascript:alert(1)",
                "https://a b",
                'https://x"onmouseover="y',
                "https://<x>",
                "HTTPS://x",
                "//evil.example",
                "data:text/html,x",
                "https://",
            ],
        ),
        ("belopp", ["1,50", "0,00", "142773,00"], ["1.50", "1,5", "1,500", "01,50", "-1,50", "1 500,00", 1.5]),
        ("text", ["Vanlig text."], ["", 5, "x" * 2001]),
        ("funktion", ["säkerhetschef"], ["x", ""]),
        ("uppgift_saknas", ["Siffran har sökts men inte hittats."], ["okänd", ""]),
    ],
)
def test_shared_definitions(registry, definition, good, bad):
    v = _validator(DEFS, registry, f"#/$defs/{definition}")
    for value in good:
        assert v.is_valid(value), f"{definition} should accept {value!r}"
    for value in bad:
        assert not v.is_valid(value), f"{definition} should refuse {value!r}"


def test_forum_schema_has_no_place_for_a_person(registry):
    """Staffing is by function and mandate: a member with a person's name is refused by the schema."""
    v = _validator("forum.schema.json", registry, "#/properties/medlemmar/items")
    member = {"kategori": "alla", "funktion": "säkerhetschef", "mandat": "Företräder sin organisation."}
    assert v.is_valid(member)
    for key in ("namn", "person", "kontaktperson", "epost", "telefon"):
        assert not v.is_valid({**member, key: "x"}), key
    assert not v.is_valid({"funktion": "säkerhetschef", "mandat": "x."})  # neither party nor category
    assert not v.is_valid({**member, "part": "nacka"})  # both


def test_population_is_a_number_with_a_source_or_an_explicit_gap(registry):
    v = _validator("part.schema.json", registry, "#/properties/folkmangd/items")
    assert v.is_valid({"datum": "2014-06-30", "antal": 95182, "kalla": "scb"})
    assert v.is_valid({"datum": "2014-06-30", "uppgift_saknas": "Har sökts men inte hittats."})
    for entry in [
        {"datum": "2014-06-30"},
        {"datum": "2014-06-30", "antal": 95182},
        {"datum": "2014-06-30", "antal": "95 182", "kalla": "scb"},
        {"datum": "2014-06-30", "antal": -1, "kalla": "scb"},
        {"datum": "2014-06-30", "antal": 1.5, "kalla": "scb"},
        {"datum": "2014-06-30", "antal": True, "kalla": "scb"},
        {"datum": "2014-06-30", "antal": 95182, "kalla": "scb", "uppgift_saknas": "Har sökts men inte hittats."},
    ]:
        assert not v.is_valid(entry), entry


def test_one_reader_of_the_schema_folder():
    """macros/core/schemas.py lists and reads schema/; every other module asks it (no glob or open of its own)."""
    assert SCHEMAS
    assert sorted(SCHEMA_DIR.glob("*.schema.json")) == SCHEMAS
    for path in SCHEMAS:
        assert read_schema(path.name) == _load(path), path.name
    home = {"macros/core/schemas.py", "macros/core/repo.py"}
    for path in sorted((ROOT / "macros").rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        if where not in home:
            assert "SCHEMA_DIR" not in path.read_text(encoding="utf-8"), f"{where}: ask macros/core/schemas.py"
