"""Schema validation with messages a coordinator can act on, in Swedish, at the right line."""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .loader import Document
from .problems import Problem
from .repo import SCHEMA_DIR

if TYPE_CHECKING:  # jsonschema is imported when a file needs its messages: valid data never loads it
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SHARED = "defs.schema.json"
# A data file's first line is this, then the path from the file to its schema (schema-comment checks it).
SCHEMA_COMMENT = "# yaml-language-server: $schema="

_TYPE_NAMES = {
    "string": "en text",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "true eller false",
    "array": "en lista",
    "object": "en grupp av nycklar",
    "null": "ett tomt värde",
}


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
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    def retrieve(uri: str) -> Resource:
        return Resource.from_contents(read_schema(uri, schema_dir))

    schema = read_schema(f"{kind}.schema.json", schema_dir)
    # Every schema file read and crawled once, here: a registry that only retrieves on demand reads and
    # crawls defs.schema.json again at every $ref, because lookups never update the validator's registry.
    registry = (
        Registry(retrieve=retrieve)
        .with_resources((path.name, retrieve(path.name)) for path in schema_files(schema_dir))
        .crawl()
    )
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


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


# Python's \s (in the https_url pattern) also matches these four; Rust's does not. Only a quoted escape
# can put them in a value (the YAML readers refuse them as characters), so such a file takes the slow path.
_PY_ONLY_SPACE = re.compile("[\x1c-\x1f]")


def _fast_valid(doc: Document, kind: str) -> bool:
    """True only when the compiled validator passes the document; any doubt goes to jsonschema's messages."""
    fast = fast_validator(kind)
    if fast is None or _has(doc.data, _PY_ONLY_SPACE):
        return False
    try:
        return fast.is_valid(doc.data)
    except Exception:  # a value it cannot convert (an integer beyond 64 bits): let jsonschema decide
        return False


def _has(value, pattern: re.Pattern) -> bool:
    if isinstance(value, str):
        return pattern.search(value) is not None
    if isinstance(value, dict):
        return any(_has(k, pattern) or _has(v, pattern) for k, v in value.items())
    if isinstance(value, list):
        return any(_has(v, pattern) for v in value)
    return False


def validate(doc: Document, kind: str) -> list[Problem]:
    """All schema problems in one document, each at the line of the offending key or value."""
    if _fast_valid(doc, kind):  # most files are valid: jsonschema below only for the messages
        return []
    v = validator(kind)
    problems = []
    for error in v.iter_errors(doc.data):
        problems.append(_problem(doc, error))
    return sorted(set(problems))


def _problem(doc: Document, error: ValidationError) -> Problem:
    path = tuple(error.absolute_path)
    rule = "schema"
    message = _message(error)
    if error.validator == "additionalProperties":
        extra = _extra_keys(error)
        if extra:
            line, column = doc.key_position((*path, extra[0]))
            return Problem(doc.path, line, column, rule, message)
    line, column = doc.position(path)
    return Problem(doc.path, line, column, rule, message)


def _extra_keys(error: ValidationError) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    return sorted(k for k in error.instance if k not in allowed)


def _where(error: ValidationError) -> str:
    key = next((p for p in reversed(error.absolute_path) if isinstance(p, str)), None)
    return f"'{key}'" if key else "värdet"


def _message(error: ValidationError) -> str:
    kind = error.validator
    schema = error.schema
    where = _where(error)
    desc = schema.get("description", "")
    if kind == "additionalProperties":
        extra = _extra_keys(error)
        allowed = sorted(schema.get("properties", {}))
        key = extra[0] if extra else "?"
        guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        fix = f"menade du '{guess[0]}'?" if guess else f"tillåtna nycklar är {', '.join(allowed)}"
        return f"okänd nyckel '{key}'; {fix}"
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        prop = schema.get("properties", {}).get(missing, {})
        hint = prop.get("description", "")
        return f"nyckeln '{missing}' saknas; lägg till den" + (f" ({_short(hint)})" if hint else "")
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        want = " eller ".join(_TYPE_NAMES.get(t, t) for t in expected)
        found = _show(error.instance)
        extra = ""
        digits = error.instance.replace(" ", "").replace("\u00a0", "") if isinstance(error.instance, str) else ""
        if "integer" in expected and digits.isdigit() and digits != error.instance and not digits.startswith("0"):
            extra = f"; skriv siffrorna utan mellanslag: {digits}"
        elif "integer" in expected and digits.isdigit() and len(digits) > 1 and digits.startswith("0"):
            extra = f"; skriv talet utan inledande nolla: {int(digits)}"
        return f"{where} ska vara {want}, men är {found}{extra}"
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        guess = difflib.get_close_matches(str(error.instance), [str(o) for o in error.validator_value], n=1)
        fix = f"menade du '{guess[0]}'?" if guess else f"välj ett av: {options}"
        return f"{where} har det okända värdet {_show(error.instance)}; {fix}"
    if kind == "pattern":
        return f"{where} har fel form: {_show(error.instance)}; {_short(desc) or 'se schemat'}"
    if kind == "format" and error.validator_value == "date":
        return f"{where} är inget riktigt datum: {_show(error.instance)}; skriv ett datum som finns, ÅÅÅÅ-MM-DD"
    if kind in ("minimum", "exclusiveMinimum"):
        return f"{where} får inte vara mindre än {error.validator_value}, men är {_show(error.instance)}"
    if kind in ("maximum", "exclusiveMaximum"):
        return f"{where} får inte vara större än {error.validator_value}, men är {_show(error.instance)}"
    if kind == "minLength":
        return f"{where} är för kort ({len(error.instance)} tecken, minst {error.validator_value}); skriv ut texten"
    if kind == "maxLength":
        return f"{where} är för lång ({len(error.instance)} tecken, högst {error.validator_value}); korta texten"
    if kind == "minItems":
        return f"listan {where} är tom eller för kort; ange minst {error.validator_value}"
    if kind == "uniqueItems":
        return f"listan {where} har samma värde två gånger; ta bort dubbletten"
    if kind in ("oneOf", "anyOf"):
        return _one_of_message(error, where)
    if kind == "not":
        return f"{where} innehåller nycklar som inte får stå tillsammans; se beskrivningen i schemat"
    return f"{where}: {error.message}"


# A value or uppgift_saknas: the keys that make the value, and what the entry is called in a message.
_VALUE_OR_GAP = {
    ("belopp_per_invanare", "kalla"): "ett budgetår",
    ("datum", "kalla"): "ett datum för medlemskapet",
    ("fran",): "ett senare namn",
}


def _one_of_message(error: ValidationError, where: str) -> str:
    instance = error.instance
    alternatives = [tuple(a.get("required", ())) for a in error.validator_value if isinstance(a, dict)]
    value_keys = next((a for a in alternatives if a in _VALUE_OR_GAP), None)
    if isinstance(instance, dict) and value_keys and ("uppgift_saknas",) in alternatives:
        keys = " och ".join(value_keys)
        present = set(value_keys) & instance.keys()
        if "uppgift_saknas" in instance and present:
            return f"skriv antingen {keys}, eller uppgift_saknas med skälet, inte båda; ta bort det som inte gäller"
        if present:
            missing = next(k for k in value_keys if k not in instance)
            return f"nyckeln '{missing}' saknas; {_VALUE_OR_GAP[value_keys]} behöver både {keys}"
        return f"ange {keys}, eller uppgift_saknas med skälet om uppgiften inte finns i någon källa"
    if isinstance(instance, dict):
        if "uppgift_saknas" in instance and ({"antal", "kalla"} & instance.keys()):
            return (
                "skriv antingen antal och kalla, eller uppgift_saknas med skälet, inte båda; "
                "ta bort det som inte gäller"
            )
        if "uppgift_saknas" not in instance and {"antal", "kalla"} & instance.keys():
            missing = "kalla" if "antal" in instance else "antal"
            return f"nyckeln '{missing}' saknas; en folkmängd behöver både antal och kalla"
        if "datum" in instance and len(instance) == 1:
            return "ange antal och kalla, eller uppgift_saknas med skälet om siffran inte finns"
        if "part" in instance and "kategori" in instance:
            return "skriv antingen part eller kategori, inte båda"
        if "part" not in instance and "kategori" not in instance and "funktion" in instance:
            return "ange vem som deltar: part (en parts id) eller kategori (till exempel kommun eller alla)"
    return f"{where} passar inte något av de tillåtna formaten; se beskrivningen i schemat"


def _show(value) -> str:
    if isinstance(value, str):  # on one line: a message is one line (a text from | or > has line breaks)
        value = value.replace("\r", "\\r").replace("\n", "\\n")
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}...'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "tomt"
    if isinstance(value, (dict, list)):
        return _TYPE_NAMES["object" if isinstance(value, dict) else "array"]
    return str(value)


def _short(text: str) -> str:
    return text.split(". ")[0].rstrip(".") if text else ""
