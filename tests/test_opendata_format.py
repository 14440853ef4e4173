"""The open data's model file (samverkanshandboken.json) keeps the promise of its format version.

Its shape, every key with its JSON type, is recorded under its format (tests/golden/opendata/model-format.txt) and
read from the model's type hints, so a field added to the model is seen here the day it is added. A key gone or of
another type breaks readers of the format, so it needs a new FORMAT in macros/outputs/opendata.py; a new key does
not, but is recorded with ``python3 noxfile.py -s bless``.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from decimal import Decimal
from fractions import Fraction

import pytest

from macros.core import pipeline
from macros.core.model import Handbok
from macros.outputs.opendata import FORMAT, model_json
from tests.helpers import BLESS_HINT, ROOT, VALID

GOLDEN = ROOT / "tests" / "golden" / "opendata" / "model-format.txt"
_JSON = {str: "string", int: "integer", bool: "boolean", Decimal: "string", Fraction: "string"}


def shape(hint, path: str) -> list[str]:
    """Every key under path as 'path: JSON type', as opendata._plain writes a value of this type."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in args if a is not type(None)]
        if dataclasses.is_dataclass(inner):  # the object itself may be null
            return [f"{path}: object | null", *shape(inner, path)]
        return [line + " | null" if line.startswith(path + ":") else line for line in shape(inner, path)]
    if origin is tuple:
        return shape(args[0], path + "[]")
    if origin is dict:
        return shape(args[1], path + "{}")
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return [line for f in dataclasses.fields(hint) for line in shape(hints[f.name], f"{path}.{f.name}".lstrip("."))]
    return [f"{path}: {_JSON[hint]}"]


def current_shape() -> list[str]:
    """The model file's shape now: the model's, and the keys model_json adds beside it (read from its output)."""
    handbok, problems = pipeline.check(VALID)
    assert handbok is not None, problems
    written = json.loads(model_json(handbok))
    fields = {f.name for f in dataclasses.fields(Handbok)}
    beside = [f"{k}: {_json_type(v)}" for k, v in written.items() if k not in fields]
    return sorted([*shape(Handbok, ""), *beside])


def _json_type(value) -> str:
    if isinstance(value, list):
        return "list of " + (_json_type(value[0]) if value else "nothing")
    return {str: "string", int: "integer", bool: "boolean"}[type(value)]


@pytest.mark.golden
def test_the_model_file_keeps_its_format(bless):
    now = [f"format {FORMAT}", *current_shape()]
    if bless:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text("\n".join(now) + "\n", encoding="utf-8")
        return
    recorded = GOLDEN.read_text(encoding="utf-8").splitlines()
    gone = sorted(set(recorded[1:]) - set(now[1:]))
    assert recorded[0] != now[0] or not gone, (
        f"keys that readers of {FORMAT} may read are gone or have another type: {gone}; raise FORMAT in "
        "macros/outputs/opendata.py, then " + BLESS_HINT
    )
    added = sorted(set(now[1:]) - set(recorded[1:]))
    assert now == recorded, f"the model file has new keys {added} or a new format; {BLESS_HINT}"


def test_a_new_field_is_seen_by_the_format_check():
    """The shape is read from the type hints, so a field added to a model class is in it."""

    @dataclasses.dataclass(frozen=True)
    class Ny:
        namn: str
        falt_fran_testet: str | None = None

    assert shape(Ny, "parter{}") == ["parter{}.namn: string", "parter{}.falt_fran_testet: string | null"]
    assert shape(Ny | None, "x") == ["x: object | null", "x.namn: string", "x.falt_fran_testet: string | null"]
