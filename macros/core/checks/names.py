"""Names a reader can tell apart: no two parties (or two forums) share a name, not even one that only looks the
same, and every name is written in Latin letters, so that a Cyrillic 'а' cannot pass for an 'a'."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..dataset import Dataset
from ..loader import Document
from ..problems import Problem
from .common import forum, parter, problem_at

_SPACES = re.compile(r"\s+")
# Cyrillic and Greek letters that look like Latin ones, and the Latin letter a reader sees (after Unicode's
# confusables list, the letters of these two scripts only).
LOOKALIKE = str.maketrans(
    "аеорсухіјѕԁԛԝѵАВЕКМНОРСТХУІЈЅαεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdqwvABEKMHOPCTXYIJSaeikvoptuxABEZHIKMNOPTYX",
)


def same_to_a_reader(name: str) -> str:
    """The name as a reader compares it: compatibility forms folded (NFKC), look-alike letters as the Latin ones,
    case folded, spaces collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", name).translate(LOOKALIKE).casefold()).strip()


def _names(doc: Document) -> Iterator[tuple[tuple, str]]:
    """A party's or forum's name, and a party's later names, with their paths."""
    yield ("namn",), doc.data["namn"]
    for i, later in enumerate(doc.data.get("senare_namn", [])):
        yield ("senare_namn", i, "namn"), later["namn"]


def check_name_unique(ds: Dataset) -> list[Problem]:
    """No two parties, and no two forums, have the same name, also written in other case, spacing or forms."""
    out = []
    for members in (parter(ds), forum(ds)):
        first: dict[str, tuple[str, str]] = {}  # compared name -> (id, name as written)
        for ident, doc in members:
            for path, name in _names(doc):
                key = same_to_a_reader(name)
                if key in first and first[key][0] != ident:
                    other, written = first[key]
                    same = (
                        f"används redan i {other}.yaml"
                        if name == written
                        else (f"går inte att skilja från '{written}' i {other}.yaml för en läsare")
                    )
                    message = f"namnet '{name}' {same}; ge var och en ett eget namn"
                    out.append(problem_at(doc, path, "name-unique", message))
                first.setdefault(key, (ident, name))
    return out


def _glossary_names(ds: Dataset) -> Iterator[tuple[Document, tuple, str]]:
    doc = ds.singles.get("ordlista")
    for i, item in enumerate(doc.data["begrepp"] if doc else []):
        yield doc, ("begrepp", i, "term"), item["term"]
        for j, form in enumerate(item.get("former", [])):
            yield doc, ("begrepp", i, "former", j), form


def check_name_latin(ds: Dataset) -> list[Problem]:
    """Every name of a party or forum, and every glossary word, is written in Latin letters only."""
    named = [
        (doc, path, name, "namnet")
        for members in (parter(ds), forum(ds))
        for _i, doc in members
        for path, name in _names(doc)
    ]
    named += [(doc, path, word, "ordet") for doc, path, word in _glossary_names(ds)]
    out = []
    for doc, path, name, noun in named:
        foreign = next((c for c in name if c.isalpha() and not unicodedata.name(c, "").startswith("LATIN ")), None)
        if foreign is not None:
            what = f"'{foreign}' (U+{ord(foreign):04X} {unicodedata.name(foreign, '')})"
            latin = foreign.translate(LOOKALIKE)
            message = (
                f"{noun} har bokstaven {what}, som inte är latinsk men ser ut som '{latin}'; skriv '{latin}' i stället"
                if latin != foreign
                else f"{noun} har bokstaven {what}, som inte är latinsk; skriv {noun} med latinska bokstäver"
            )
            out.append(problem_at(doc, path, "name-latin", message))
    return out
