"""The one conversion from plain data to the model (macros/core/convert.py), driven by the dataclasses' type hints.

The model made from the real data and the fixtures is tested everywhere else (pages, PDFs, open data); here are the
rules themselves, on small classes of the test's own, and the promise that a new optional field needs no code.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

import pytest

from macros.core import model
from macros.core.convert import SORTED_BY, to_model


@dataclass(frozen=True)
class Rad:
    datum: str
    antal: int | None = None


@dataclass(frozen=True)
class Post:
    id: str
    fil: str
    belopp: Decimal | None = None
    andel: Fraction | None = None
    ja: bool = False
    ord: tuple[str, ...] = ()
    rader: tuple[Rad, ...] = field(default=(), metadata={SORTED_BY: "datum"})
    forsta: Rad | None = None
    per_nyckel: dict[str, Rad] = field(default_factory=dict)


def test_each_value_is_made_as_its_field_says():
    raw = {
        "id": "x",
        "belopp": "12,50",
        "andel": "1/3",
        "ja": True,
        "ord": ["a", "b"],
        "rader": [{"datum": "2024-06-30", "antal": 2}, {"datum": "2023-06-30"}],
        "forsta": {"datum": "2020-01-01"},
        "per_nyckel": {"k": {"datum": "2021-01-01", "antal": 1}},
    }
    assert to_model(Post, raw, fil="data/x.yaml") == Post(
        id="x",
        fil="data/x.yaml",
        belopp=Decimal("12.50"),
        andel=Fraction(1, 3),
        ja=True,
        ord=("a", "b"),
        rader=(Rad("2023-06-30"), Rad("2024-06-30", 2)),  # sorted by datum, as the field's metadata says
        forsta=Rad("2020-01-01"),
        per_nyckel={"k": Rad("2021-01-01", 1)},
    )


def test_an_absent_key_takes_the_default_and_a_null_stays_none():
    made = to_model(Post, {"id": "x", "forsta": None}, fil="f")
    assert made == Post("x", "f")
    assert type(made.ord) is tuple


def test_a_key_without_a_field_is_a_fault_of_the_program():
    with pytest.raises(TypeError, match=r"model.Rad has no field for \['okand'\]"):
        to_model(Rad, {"datum": "2024-01-01", "okand": 1})


def test_a_type_without_a_conversion_is_named():
    @dataclass(frozen=True)
    class Udda:
        varde: complex

    with pytest.raises(TypeError, match="complex"):
        to_model(Udda, {"varde": 1})


def test_a_new_optional_field_reaches_the_model_without_code():
    """What the field recipe in ARCHITECTURE.md promises: a field added to a model class (and its schema) is read
    from the data by the conversion alone."""
    fields = [(f.name, f.type, f) for f in dataclasses.fields(model.Part)]
    Utokad = dataclasses.make_dataclass(
        "Utokad", [*fields, ("falt_fran_testet", "str | None", field(default=None))], frozen=True
    )
    Utokad.__module__ = model.Part.__module__  # its hints name the model's types, as a real field's would
    raw = {"id": "x", "namn": "X", "kategori": "kommun", "kallor": ["k"], "falt_fran_testet": "https://x.se"}
    made = to_model(Utokad, raw, fil="data/parter/x.yaml")
    assert made.falt_fran_testet == "https://x.se" and made.kallor == ("k",)
