"""The schemas: read once, compiled once, and every data file validated against its kind's schema; the messages
a coordinator acts on are made in schemamessages.py."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .loader import Document
from .problems import Problem
from .repo import SCHEMA_DIR
from .schemamessages import schema_problems

if TYPE_CHECKING:  # jsonschema is imported when a file needs its messages: valid data never loads it
    from jsonschema import Draft202012Validator

SHARED = "defs.schema.json"
# A data file's first line is this, then the path from the file to its schema (schema-comment checks it).
SCHEMA_COMMENT = "# yaml-language-server: $schema="


def schema_path(kind: str) -> Path:
    return SCHEMA_DIR / f"{kind}.schema.json"


def schema_files(schema_dir: Path = SCHEMA_DIR) -> list[Path]:
    """Every schema file, sorted by name: one per file kind, and the shared definitions (defs.schema.json)."""
    return sorted(schema_dir.glob("*.schema.json"))


@cache
def read_schema(name: str, schema_dir: Path = SCHEMA_DIR) -> dict:
    """The schema file ``name`` (part.schema.json, or a $ref's file) as JSON, read once per process.

    The one reader of schema/: the validators, the data reference and the published files all take it from
    here. Shared between callers, so never changed by one.
    """
    return json.loads((schema_dir / name).read_text(encoding="utf-8"))


def kategorier() -> tuple[str, ...]:
    """The party categories (a party's kategori), in their order: part.schema.json is their one home.

    Forums' members and responsibilities may also name "alla", every party (forum and ansvar schemas);
    tests/test_model_schema.py ties those lists and the labels in macros/text/kategorier.py to this one."""
    return tuple(read_schema("part.schema.json")["properties"]["kategori"]["enum"])


def shared_definition(name: str) -> dict:
    """One definition in defs.schema.json (id, kommunkod, datum, ...), as the schema writes it."""
    return read_schema(SHARED)["$defs"][name]


def resolved_schema(kind: str) -> dict:
    """The kind's schema with every $ref replaced by what it points at (the schemas have no cycles), each
    replaced node marked with the definition it came from (x-def, x-def-beskrivning): for the data reference
    and the new-file skeletons, which show a key's description wherever it is defined."""
    return _deref(read_schema(f"{kind}.schema.json"), f"{kind}.schema.json")


def _deref(node: Any, doc: str) -> Any:
    if isinstance(node, list):
        return [_deref(x, doc) for x in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target_doc, _, pointer = node["$ref"].partition("#")
        target_doc = target_doc or doc
        target = read_schema(target_doc)
        for part in pointer.strip("/").split("/"):
            target = target[part]
        name = pointer.rsplit("/", 1)[-1]
        merged = {**_deref(target, target_doc), **{k: _deref(v, doc) for k, v in node.items() if k != "$ref"}}
        return {**merged, "x-def": name, "x-def-beskrivning": target.get("description", "")}
    return {k: _deref(v, doc) for k, v in node.items() if k != "$defs"}


@cache
def validator(kind: str, schema_dir: Path = SCHEMA_DIR) -> Draft202012Validator:
    """Compiled validator for one file kind; built once per process."""
    from jsonschema import Draft202012Validator, validators
    from referencing import Registry, Resource

    def retrieve(uri: str) -> Resource:
        return Resource.from_contents(read_schema(uri, schema_dir))

    schema = read_schema(f"{kind}.schema.json", schema_dir)
    # JSON Schema counts 95182.0 as an integer; the model and every page would then meet a float. A number
    # written with a decimal point is refused where a whole number belongs.
    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _checker, value: type(value) is int)
    strict = validators.extend(Draft202012Validator, type_checker=checker)
    # Every schema file read and crawled once, here: a registry that only retrieves on demand reads and
    # crawls defs.schema.json again at every $ref, because lookups never update the validator's registry.
    registry = (
        Registry(retrieve=retrieve)
        .with_resources((path.name, retrieve(path.name)) for path in schema_files(schema_dir))
        .crawl()
    )
    return strict(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def fast_validator(kind: str, schema_dir: Path = SCHEMA_DIR):
    """jsonschema-rs (compiled Rust) for the same schema, to pass valid files quickly; None if not installed."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - the pinned dependency is missing: everything takes the slow path
        return None

    def retrieve(uri: str) -> dict:
        return read_schema(uri.rsplit("/", 1)[-1], schema_dir)

    return jsonschema_rs.validator_for(retrieve(f"{kind}.schema.json"), retriever=retrieve, validate_formats=True)


def _fast_valid(doc: Document, kind: str) -> bool:
    """True only when the compiled validator passes the document; any doubt goes to jsonschema's messages.

    The two agree on the schemas' patterns for every value the loader lets through: Python's \\s also matches
    U+001C-U+001F, Rust's does not, and the loader refuses those characters, written or escaped
    (macros/core/characters.py; tests/test_scale.py holds both to it)."""
    fast = fast_validator(kind)
    if fast is None or _has_float(doc.data):
        return False
    try:
        return fast.is_valid(doc.data)
    except Exception:  # a value it cannot convert (an integer beyond 64 bits): let jsonschema decide
        return False


def _has_float(value) -> bool:
    """A number with a decimal point: no schema has a decimal number, and the compiled validator (like the JSON
    Schema standard) would pass 95182.0 as an integer."""
    if isinstance(value, dict):
        return any(_has_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_float(v) for v in value)
    return isinstance(value, float)


def validate(doc: Document, kind: str) -> list[Problem]:
    """All schema problems in one document, each at the line of the offending key or value; and the texts that
    begin or end with a space or line break (the loader found them), where the schema has not refused the value."""
    problems = [] if _fast_valid(doc, kind) else schema_problems(doc, list(validator(kind).iter_errors(doc.data)))
    refused = {(p.line, p.column) for p in problems}
    problems += [p for p in doc.text_problems if (p.line, p.column) not in refused]
    return sorted(set(problems))
