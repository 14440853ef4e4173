"""From a data file's plain value to the model's frozen dataclasses, driven by their type hints: each key of a
mapping is the field of the same name, and the field's type says how its value is made (a list becomes a tuple,
a mapping the dataclass of its field, "12,50" a Decimal, "1/2" a Fraction). A key absent from the data takes the
field's default. So a new optional field in a schema and in its dataclass reaches the model with no code here.

The data has passed its schema before it comes here, and tests/test_model_schema.py keeps schema and model equal,
so a key without a field is a fault in the program, not in the data.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")
SORTED_BY = "sorted_by"  # field metadata: a list kept in the order of this key of its items (a date, a year)


def to_model(cls: type[T], raw: dict[str, Any], **beside: Any) -> T:
    """The dataclass cls made from the mapping raw; ``beside`` gives the fields that are not data (fil)."""
    fields = _fields(cls)
    unknown = raw.keys() - fields.keys()
    if unknown:
        raise TypeError(f"model.{cls.__name__} has no field for {sorted(unknown)}; see tests/test_model_schema.py")
    return cls(**{key: fields[key](value) for key, value in raw.items()}, **beside)


@cache
def _fields(cls: type) -> dict[str, Callable[[Any], Any]]:
    """Each field's converter, worked out once per class from its type hints."""
    hints = typing.get_type_hints(cls)
    out = {}
    for field in dataclasses.fields(cls):
        convert = _converter(hints[field.name])
        key = field.metadata.get(SORTED_BY)
        out[field.name] = _sorted(convert, key) if key else convert
    return out


def _sorted(convert: Callable[[Any], tuple], key: str) -> Callable[[Any], tuple]:
    return lambda value: tuple(sorted(convert(value), key=lambda item: getattr(item, key)))


@cache
def _converter(hint: Any) -> Callable[[Any], Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):  # X | None: the model has no other unions
        (inner,) = [a for a in args if a is not type(None)]
        convert = _converter(inner)
        return lambda value: None if value is None else convert(value)
    if origin is tuple:  # tuple[X, ...]: a list of the data
        item = _converter(args[0])
        return lambda value: tuple(item(v) for v in value)
    if origin is dict:  # dict[str, X]: a mapping of the data
        item = _converter(args[1])
        return lambda value: {k: item(v) for k, v in value.items()}
    if dataclasses.is_dataclass(hint):
        return lambda value: to_model(hint, value)
    if hint is Decimal:  # an amount is written with a decimal comma (schema/defs.schema.json: belopp)
        return lambda value: Decimal(value.replace(",", "."))
    if hint is Fraction:  # a share is written as a fraction, "1/2"
        return Fraction
    if hint in (str, int, bool):
        return _same
    raise TypeError(f"the model's type {hint!r} has no conversion; add one to macros/core/convert.py")


def _same(value: Any) -> Any:
    return value
