"""jsonschema's errors as one Swedish sentence each, at the line of the key or value they concern: what is wrong,
what was found (numbers as the file writes them) and how to write it."""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from .loader import Document
from .problems import Problem

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

_TYPE_NAMES = {
    "string": "en text",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "true eller false",
    "array": "en lista",
    "object": "en grupp av nycklar",
    "null": "ett tomt värde",
}


def schema_problem(doc: Document, error: ValidationError) -> Problem:
    """The problem one validation error makes, at its key (an unknown key) or its value."""
    path = tuple(error.absolute_path)
    rule = "schema"
    message = _message(error, doc.written.get(path))
    if error.validator == "additionalProperties":
        extra = _extra_keys(error)
        if extra:
            line, column = doc.key_position((*path, extra[0]))
            return Problem(doc.path, line, column, rule, message)
    line, column = doc.position(path)
    return Problem(doc.path, line, column, rule, message)


def schema_problems(doc: Document, errors: list[ValidationError]) -> list[Problem]:
    """The problems the errors of one document make. A misspelt key is one mistake, so it gets one message: the
    unknown key's 'menade du', not also 'the key is missing' for the key it was meant to be."""
    meant = {(tuple(e.absolute_path), _guess(e)) for e in errors if e.validator == "additionalProperties"}
    return [
        schema_problem(doc, e)
        for e in errors
        if not (e.validator == "required" and (tuple(e.absolute_path), _missing(e)) in meant)
    ]


def _guess(error: ValidationError) -> str | None:
    """The allowed key an unknown key is most likely a misspelling of."""
    extra = _extra_keys(error)
    guess = difflib.get_close_matches(extra[0], sorted(error.schema.get("properties", {})), n=1, cutoff=0.6)
    return guess[0] if extra and guess else None


def _missing(error: ValidationError) -> str:
    return error.message.split("'")[1] if "'" in error.message else "?"


def _extra_keys(error: ValidationError) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    return sorted(k for k in error.instance if k not in allowed)


def _where(error: ValidationError) -> str:
    key = next((p for p in reversed(error.absolute_path) if isinstance(p, str)), None)
    return f"'{key}'" if key else "värdet"


def _message(error: ValidationError, written: str | None = None) -> str:
    """The sentence for one error; written is the value as the file writes it, when it is a number."""
    kind = error.validator
    schema = error.schema
    where = _where(error)
    desc = schema.get("description", "")
    if kind == "additionalProperties":
        extra = _extra_keys(error)
        allowed = sorted(schema.get("properties", {}))
        key = extra[0] if extra else "?"
        guess = _guess(error) if extra else None
        fix = f"menade du '{guess}'?" if guess else f"tillåtna nycklar är {', '.join(allowed)}"
        return f"okänd nyckel '{key}'; {fix}"
    if kind == "required":
        missing = _missing(error)
        prop = schema.get("properties", {}).get(missing, {})
        hint = prop.get("description", "")
        return f"nyckeln '{missing}' saknas; lägg till den" + (f" ({_short(hint)})" if hint else "")
    if kind == "type":
        return _type_message(error, where, written)
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


def _type_message(error: ValidationError, where: str, written: str | None) -> str:
    """A value of the wrong type, with the way to write it where the value shows it: 95182 for "95182",
    95 182 or 95.182 (a thousands separator), and "1,50" for 1.50 where the schema wants a text."""
    expected = error.validator_value
    expected = expected if isinstance(expected, list) else [expected]
    want = " eller ".join(_TYPE_NAMES.get(t, t) for t in expected)
    value = error.instance
    found = written if written is not None else _show(value)
    fix = ""
    if "integer" in expected and isinstance(value, str):
        digits = value.replace(" ", "").replace("\u00a0", "")
        if digits.isdigit() and len(digits) > 1 and digits.startswith("0"):
            fix = f"skriv talet utan inledande nolla: {int(digits)}"
        elif digits.isdigit() and digits != value:
            fix = f"skriv siffrorna utan mellanslag: {digits}"
        elif digits.isdigit():
            fix = f"ta bort citattecknen: {digits}"
    elif "integer" in expected and written is not None and re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+", written):
        fix = f"skriv siffrorna utan punkt: {written.replace('.', '')}"
    elif "integer" in expected and written is not None and re.fullmatch(r"-?[0-9]+\.0+", written):
        fix = f"skriv heltalet utan decimaler: {written.split('.')[0]}"  # 95182.0
    elif "integer" in expected and written is not None:
        fix = "skriv ett heltal, utan decimaler"
    elif "string" in expected and written is not None:
        fix = _as_text(written, error.schema.get("pattern"))
    return f"{where} ska vara {want}, men är {found}" + (f"; {fix}" if fix else "")


def _as_text(written: str, pattern: str | None) -> str:
    """A number where a text belongs: the text to write instead, with a decimal comma where the schema's pattern
    asks for one (a rate "1,50")."""
    comma = written.replace(".", ",")
    candidates = [comma, written, f"{written},00"]
    fitting = [c for c in candidates if pattern is None or re.search(pattern, c)]
    if not fitting:
        return "skriv värdet inom citattecken"
    text = fitting[0]
    how = ", med decimalkomma" if "," in text and "," not in written else ""
    return f'skriv värdet inom citattecken{how}: "{text}"'


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
