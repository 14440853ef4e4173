"""What a change does to the handbook, compared model to model: the old and the new checked model in, the differences
out as data (python -m macros diff reads the two revisions, render/andringar.py writes them up).

The comparison walks the model's dataclasses field by field, so a field added to a schema and its dataclass
tomorrow is compared with no code here. The handbook's collections (parter, forum, kallor, beslut, ...) are matched
by id; inside an entity, a list whose items have an identity (an id, the key the list is sorted by, a forum
member's party or category, a later name) is matched item by item, and any other list by its values. What the
changes do to the fees is worked out in feecompare.py.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .convert import SORTED_BY
from .feecompare import AvgiftAr, avgiftsandringar
from .model import Handbok, Medlem, TidigareNamn

SAKNAS = None  # the value before something was added, or after it was removed
SKIPPED = {"fil", "idag"}  # where a file lies and the day of the build: no change to the agreement


@dataclass(frozen=True)
class Nyckel:
    """An item of a list or mapping in a path: the key it is matched by (an id, a date, a year, a party)."""

    varde: Any


@dataclass(frozen=True)
class Falt:
    """One changed value: the field names (and Nyckel items) from the entity down, the value before and after."""

    vag: tuple
    fore: Any
    efter: Any


@dataclass
class Samling:
    """The changes to one of the handbook's collections, matched by id: what came, what went, what changed."""

    nyckel: str  # the Handbok field: parter, forum, kallor, beslut, ordlista, ansvar, ...
    nya: list = field(default_factory=list)
    borttagna: list = field(default_factory=list)
    andrade: list[tuple[Any, Any, list[Falt]]] = field(default_factory=list)  # (before, after, changes)

    def tom(self) -> bool:
        return not (self.nya or self.borttagna or self.andrade)


@dataclass
class Andringar:
    samlingar: list[Samling] = field(default_factory=list)  # only those with changes, in the model's order
    delar: list[tuple[str, list[Falt]]] = field(default_factory=list)  # one-of parts: overenskommelse, avgifter
    avgifter: list[AvgiftAr] = field(default_factory=list)

    def tom(self) -> bool:
        return not (self.samlingar or self.delar or self.avgifter)

    def samling(self, nyckel: str) -> Samling:
        return next((s for s in self.samlingar if s.nyckel == nyckel), Samling(nyckel))


def compare(old: Handbok, new: Handbok) -> Andringar:
    a = Andringar()
    for f in dataclasses.fields(Handbok):
        if f.name in SKIPPED or f.name.endswith("_fil"):
            continue
        before, after = getattr(old, f.name), getattr(new, f.name)
        items = _by_id(before)
        if items is not None:
            s = _samling(f.name, items, _by_id(after))
            if not s.tom():
                a.samlingar.append(s)
        else:
            found = changes(before, after)
            if found:
                a.delar.append((f.name, found))
    a.avgifter = avgiftsandringar(old, new)
    return a


def _by_id(value) -> dict | None:
    """A collection of the handbook by id (a mapping, or a list of entities with ids); None for anything else."""
    if isinstance(value, dict):
        return value
    if isinstance(value, tuple) and value and all(hasattr(x, "id") for x in value):
        return {x.id: x for x in value}
    return None


def _samling(nyckel: str, before: dict, after: dict | None) -> Samling:
    after = after or {}
    s = Samling(nyckel)
    s.nya = [x for k, x in after.items() if k not in before]
    s.borttagna = [x for k, x in before.items() if k not in after]
    for k, x in after.items():
        if k in before and before[k] != x:
            s.andrade.append((before[k], x, changes(before[k], x)))
    return s


def changes(old, new, path: tuple = ()) -> list[Falt]:
    """Every changed value between two versions of the same thing, field by field."""
    if old == new:
        return []
    if dataclasses.is_dataclass(old) and type(old) is type(new):
        out = []
        for f in dataclasses.fields(old):
            if f.name not in SKIPPED:
                out += _field(getattr(old, f.name), getattr(new, f.name), (*path, f.name), f.metadata.get(SORTED_BY))
        return out
    if isinstance(old, dict) and isinstance(new, dict):
        return _keyed(old, new, path)
    return [Falt(path, old, new)]


def _field(old, new, path: tuple, sorted_by: str | None) -> list[Falt]:
    if isinstance(old, tuple) and isinstance(new, tuple):
        key = _item_key(old + new, sorted_by)
        if key is not None:
            return _keyed({key(x): x for x in old}, {key(x): x for x in new}, path)
        if old != new and sorted(map(repr, old)) == sorted(map(repr, new)):
            return [Falt(path, old, new)]  # the same values in another order
        added = [Falt(path, SAKNAS, x) for x in new if x not in old]
        return added + [Falt(path, x, SAKNAS) for x in old if x not in new]
    return changes(old, new, path)


def _keyed(old: dict, new: dict, path: tuple) -> list[Falt]:
    out = []
    for k in [*old, *(k for k in new if k not in old)]:
        where = (*path, Nyckel(k))
        if k not in new:
            out.append(Falt(where, old[k], SAKNAS))
        elif k not in old:
            out.append(Falt(where, SAKNAS, new[k]))
        else:
            out += changes(old[k], new[k], where)
    return out


def _item_key(items: tuple, sorted_by: str | None):
    """How a list's items are told apart, or None when only their values can tell (a list of texts)."""
    if not items or not dataclasses.is_dataclass(items[0]):
        return None
    if sorted_by:
        return lambda x: getattr(x, sorted_by)
    if hasattr(items[0], "id"):
        return lambda x: x.id
    if isinstance(items[0], Medlem):  # a member is a party, or a category of parties
        return lambda m: ("part", m.part) if m.part else ("kategori", m.kategori)
    if isinstance(items[0], TidigareNamn):
        return lambda s: s.namn
    return None
