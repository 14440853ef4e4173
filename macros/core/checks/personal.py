"""No personal data: the handbook names functions, functional mailboxes and switchboards, never a person.

A person's name where a function belongs cannot be told from a function's name by a program; these rules refuse
what can be told: a mobile number, an address of the form firstname.lastname@, and a street address. What counts
as personal data, and why these three, is written for coordinators in docs/andra-handboken.md and data/README.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..dataset import Dataset
from ..loader import Document
from ..problems import Problem
from .common import documents, problem_at

# Swedish mobile and personal-number series (Post- och telestyrelsen's number plan): 070, 072, 073, 075, 076 and
# 079. A functional on-call phone can have such a number too; the checker cannot tell, so the handbook asks for the
# switchboard or a fixed functional number instead (documented in the guide).
_MOBIL = re.compile(r"^07[023569]")
# firstname.lastname@ (or first.middle.last@): two or three words of letters only, joined by dots.
_PERSON_EPOST = re.compile(r"^[a-zà-ÿ]{2,}(?:-[a-zà-ÿ]{2,})?(?:\.[a-zà-ÿ]{2,}(?:-[a-zà-ÿ]{2,})?){1,2}@", re.IGNORECASE)
# A street name with a number (Storgatan 12, Björkvägen 3 B), or a postcode before a town (131 81 Nacka).
_GATUADRESS = re.compile(
    r"\b\w+(?:gatan|gata|vägen|väg|gränd|gränden|stigen|backe|backen|allé|allén|torget|torg|plan|leden|"
    r"stråket|kajen)\s+\d+\s?[A-Za-z]?\b|\b\d{3} ?\d{2} +[A-ZÅÄÖ][a-zåäö]+",
    re.IGNORECASE,
)
# Where a street address may not stand: what a party writes about its readiness, and the routes of contact.
_ADRESS_PLATSER = {"part": "beredskap", "aktivering": "kontaktvagar"}


def _values(value, key: str, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string under ``key`` anywhere in value, with its path."""
    if isinstance(value, dict):
        for k, item in value.items():
            if k == key and isinstance(item, str):
                yield (*path, k), item
            else:
                yield from _values(item, key, (*path, k))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _values(item, key, (*path, i))


def _strings(value, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, item in value.items():
            yield from _strings(item, (*path, k))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


def _normalised(number: str) -> str:
    digits = re.sub(r"[ -]", "", number)
    return re.sub(r"^(?:\+46|0046)", "0", digits)


def check_personal_phone(ds: Dataset) -> list[Problem]:
    """A telephone number is a switchboard's or a function's: never a mobile number (070, 072, 073, 075, 076, 079)."""
    out = []
    for _kind, _ident, doc in documents(ds):
        for path, number in _values(doc.data, "telefon"):
            if _MOBIL.match(_normalised(number)):
                message = (
                    f"'{number}' är ett mobilnummer, som ofta är en persons; skriv växelns nummer eller ett fast "
                    "nummer till funktionen"
                )
                out.append(problem_at(doc, path, "personal-phone", message))
    return out


def check_personal_email(ds: Dataset) -> list[Problem]:
    """An e-mail address is a functional mailbox: never firstname.lastname@."""
    out = []
    for _kind, _ident, doc in documents(ds):
        for path, address in _values(doc.data, "epost"):
            if _PERSON_EPOST.match(address):
                message = (
                    f"'{address}' ser ut som en persons adress (förnamn.efternamn@); skriv funktionens brevlåda, "
                    "till exempel beredskap@ eller tib@, utan punkt mellan orden"
                )
                out.append(problem_at(doc, path, "personal-email", message))
    return out


def check_home_address(ds: Dataset) -> list[Problem]:
    """A party's readiness and the routes of contact name no street address: it may be someone's home."""
    out = []
    for kind, _ident, doc in documents(ds):
        key = _ADRESS_PLATSER.get(kind)
        if key is None or key not in doc.data:
            continue
        out += _addresses(doc, doc.data[key], (key,))
    return out


def _addresses(doc: Document, value, path: tuple) -> list[Problem]:
    out = []
    for where, text in _strings(value, path):
        found = _GATUADRESS.search(text)
        if found:
            message = (
                f"'{found.group(0)}' ser ut som en adress; handboken anger funktioner, brevlådor och växlar, "
                "aldrig en adress, så ta bort den"
            )
            out.append(problem_at(doc, where, "home-address", message))
    return out
