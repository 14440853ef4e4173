"""Who and what a file points at: sources, parties, forums, levels and categories named by id.

Every key where the id of a party, forum or level, or a category of parties, may stand is one row of
``PLACES``, with the rule that reports an id that names nothing and the message it gives. A new key that holds
such an id is a new row here; the rule of the row (reference-exists, chair-is-party, member-category-has-parties,
decision-references, holder-exists) reports it from then on. Sources are named by kalla or kallor anywhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..dataset import Dataset
from ..loader import Document
from ..problems import Problem
from .common import documents, kategorier, problem_at

_PARTY = "'{id}' finns inte bland parterna; rätta id:t eller lägg till parten i data/parter/"
_FORUM = "'{id}' finns inte i data/forum/; rätta id:t eller lägg till forumet"


@dataclass(frozen=True)
class Place:
    """A key where the id of a party, forum or level, or a category of parties, may stand."""

    kind: str  # the file kind that has the key: part, forum, overenskommelse, beslut, ansvar
    path: str  # the keys from the top of the file, with dots; * is every item of a list
    target: str  # what the id names: part, forum, niva, or kategori (a category that some party has)
    rule: str  # the rule that reports an id that names nothing
    message: str  # with {id}, {fil} (the file's own id) and {nivaer} (the levels there are)
    allowed: frozenset[str] = frozenset()  # words that stand for no one id, such as alla
    unless: str = ""  # a key beside this one that makes the rule report something else instead

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.path.split("."))


PLACES: tuple[Place, ...] = (
    Place("forum", "medlemmar.*.part", "part", "reference-exists", "medlemmen " + _PARTY),
    Place("forum", "sammankallande.part", "part", "reference-exists", "sammankallande " + _PARTY),
    Place(
        "forum",
        "rapporterar_till",
        "forum",
        "reference-exists",
        "forumet '{id}' som {fil} rapporterar till finns inte i data/forum/; rätta id:t eller lägg till forumet",
    ),
    Place(
        "forum",
        "niva",
        "niva",
        "reference-exists",
        "nivån '{id}' finns inte; välj en av {nivaer} (styrning.nivaer i data/overenskommelse.yaml)",
    ),
    Place("forum", "ordforande.part", "part", "chair-is-party", "ordförande " + _PARTY),
    Place(
        "forum",
        "medlemmar.*.kategori",
        "kategori",
        "member-category-has-parties",
        "ingen part har kategorin '{id}'; välj en kategori som finns eller ange en part",
    ),
    Place(
        "part",
        "beredskap.foretradare.*.niva",
        "niva",
        "reference-exists",
        "nivån '{id}' finns inte; välj en av {nivaer} (styrning.nivaer i data/overenskommelse.yaml)",
    ),
    Place("overenskommelse", "styrning.regionala_radet", "forum", "reference-exists", "forumet " + _FORUM),
    Place("overenskommelse", "styrning.sammankallande", "part", "reference-exists", "sammankallande " + _PARTY),
    Place(
        "beslut",
        "forum",
        "forum",
        "decision-references",
        "forumet '{id}' som beslutade finns inte i data/forum/; rätta id:t, "
        "eller skriv organ med namnet om beslutet togs någon annanstans",
        unless="organ",  # both organ and forum: decision-references asks for one of them
    ),
    Place("beslut", "andrar.parter.*", "part", "decision-references", "parten " + _PARTY),
    Place("beslut", "andrar.forum.*", "forum", "decision-references", "forumet " + _FORUM),
    Place("ansvar", "ansvar.*.vem.part", "part", "holder-exists", "parten " + _PARTY),
    Place(
        "ansvar",
        "ansvar.*.vem.kategori",
        "kategori",
        "holder-exists",
        "ingen part har kategorin '{id}'; välj en kategori som finns, eller alla",
    ),
    Place(
        "ansvar",
        "ansvar.*.vem.forum",
        "forum",
        "holder-exists",
        "forumet '{id}' finns inte i data/forum/; rätta id:t, eller skriv alla för alla forum",
        allowed=frozenset({"alla"}),
    ),
)


@dataclass(frozen=True)
class Reference:
    """One id found at a place: in which file (and the file's own id), at which path."""

    place: Place
    fil: str
    doc: Document
    path: tuple
    ident: str


def references(ds: Dataset, rule: str | None = None, target: str | None = None) -> Iterator[Reference]:
    """Every id at a place of ``PLACES`` (of one rule, or naming one target): file by file, place by place."""
    places = [p for p in PLACES if rule in (None, p.rule) and target in (None, p.target)]
    for kind, fil, doc in documents(ds):
        for place in places:
            if place.kind == kind:
                for path, ident in _walk(doc.data, place.keys, place.unless, ()):
                    yield Reference(place, fil, doc, path, ident)


def _walk(value, keys: tuple[str, ...], unless: str, at: tuple) -> Iterator[tuple[tuple, str]]:
    if not keys:
        yield at, value
    elif keys[0] == "*":
        for i, item in enumerate(value if isinstance(value, list) else []):
            yield from _walk(item, keys[1:], unless, (*at, i))
    elif isinstance(value, dict) and keys[0] in value and not (len(keys) == 1 and unless and unless in value):
        yield from _walk(value[keys[0]], keys[1:], unless, (*at, keys[0]))


def missing_references(ds: Dataset, rule: str) -> list[Problem]:
    """A problem for every id at a place of ``rule`` that names no party, forum, level or category with parties."""
    exists = {
        "part": ds.has_part,
        "forum": ds.has_forum,
        "niva": _level_exists(ds),
        "kategori": kategorier(ds).__contains__,
    }
    known = {
        "part": set(ds.parter) | ds.skipped.get("part", set()),
        "forum": set(ds.forum) | ds.skipped.get("forum", set()),
        "niva": _level_ids(ds),
        "kategori": kategorier(ds),
    }
    levels = ", ".join(sorted(_level_ids(ds)))
    return [
        problem_at(
            ref.doc,
            ref.path,
            rule,
            with_guess(
                ref.place.message.format(id=ref.ident, fil=ref.fil, nivaer=levels), ref.ident, known[ref.place.target]
            ),
        )
        for ref in references(ds, rule)
        if ref.ident not in ref.place.allowed and not exists[ref.place.target](ref.ident)
    ]


def with_guess(message: str, ident: str, known: set[str]) -> str:
    """The message with "menade du 'x'?" after what is wrong, when one known id is spelled much like ident."""
    if not isinstance(ident, str):
        return message
    starting = [k for k in sorted(known) if k.startswith(f"{ident}-")]  # lansstyrelsen for lansstyrelsen-stockholm
    guess = starting if len(starting) == 1 else difflib.get_close_matches(ident, sorted(known), n=1, cutoff=0.75)
    if not guess:
        return message
    what, _, fix = message.partition("; ")
    return f"{what}; menade du '{guess[0]}'? Annars {fix}" if fix else f"{what}; menade du '{guess[0]}'?"


def _level_ids(ds: Dataset) -> set[str]:
    doc = ds.singles.get("overenskommelse")
    return {n["id"] for n in doc.data["styrning"]["nivaer"]} if doc else set()


def _level_exists(ds: Dataset) -> Callable[[str], bool]:
    levels = _level_ids(ds)
    return lambda ident: not levels or ident in levels  # without the agreement there is nothing to compare with


def _source_ids(ds: Dataset) -> set[str]:
    """The sources there are: those read, and those left out for their own errors (not reported again)."""
    return set(ds.kallor) | ds.skipped.get("kalla", set())


def _source_refs(ds: Dataset) -> Iterator[tuple[Document, tuple, str]]:
    """Every place that names a source: (document, path to the value, source id)."""
    for _kind, _ident, doc in documents(ds):
        yield from _walk_source_refs(doc, doc.data, ())


def _walk_source_refs(doc: Document, value, path: tuple) -> Iterator[tuple[Document, tuple, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "kalla" and isinstance(item, str):
                yield doc, (*path, key), item
            elif key == "kallor" and isinstance(item, list) and all(isinstance(x, str) for x in item):
                for i, source in enumerate(item):
                    yield doc, (*path, key, i), source
            else:
                yield from _walk_source_refs(doc, item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk_source_refs(doc, item, (*path, i))


def check_reference_exists(ds: Dataset) -> list[Problem]:
    """Every reference to a source, party, forum or level names one that exists."""
    out = []
    sources = _source_ids(ds)
    for doc, path, source in _source_refs(ds):
        if source not in sources:
            out.append(
                problem_at(
                    doc,
                    path,
                    "reference-exists",
                    with_guess(
                        f"källan '{source}' finns inte i data/kallor/; rätta id:t eller lägg till källan som en fil "
                        f"där, data/kallor/{source}.yaml",
                        source,
                        sources,
                    ),
                )
            )
    return out + missing_references(ds, "reference-exists")


def check_chair_is_party(ds: Dataset) -> list[Problem]:
    """A forum's chair (ordforande) is one of the parties."""
    return missing_references(ds, "chair-is-party")


def check_member_category_has_parties(ds: Dataset) -> list[Problem]:
    """A forum member given as a category (kategori) matches at least one party."""
    return missing_references(ds, "member-category-has-parties")
