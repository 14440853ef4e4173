"""What a change does to the handbook, compared model to model: the old and the new checked model in, the
differences out as data (python -m macros diff reads the two revisions, render/andringar.py writes them up)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal

from .fees import avgift, avgiftstabell
from .model import Beslut, Forum, Handbok, Medlem, Part

ABSENT = "absent"  # in a fee comparison: the municipality is not a party in that version
NO_YEAR = "no-year"  # in a fee comparison: that version has no such budget year


@dataclass(frozen=True)
class ForumAndring:
    fore: Forum
    efter: Forum
    falt: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (key, before, after)
    nya_medlemmar: list[Medlem] = field(default_factory=list)
    borttagna_medlemmar: list[Medlem] = field(default_factory=list)
    andrade_medlemmar: list[tuple[Medlem, Medlem]] = field(default_factory=list)
    nya_uppgifter: list[tuple[str, str]] = field(default_factory=list)  # (läge, task)
    borttagna_uppgifter: list[tuple[str, str]] = field(default_factory=list)
    ovriga: list[str] = field(default_factory=list)  # the forum's other keys that changed (not FORUM_COMPARED)

    def tom(self) -> bool:
        return not any(getattr(self, f.name) for f in dataclasses.fields(self)[2:])


@dataclass(frozen=True)
class AvgiftRad:
    part: Part
    fore: Decimal | str | None  # None = population unknown; ABSENT or NO_YEAR: no fee in that version
    efter: Decimal | str | None


@dataclass(frozen=True)
class AvgiftAr:
    ar: int
    rader: list[AvgiftRad]
    summa: tuple[Decimal | None, Decimal | None]  # the known fees' sum; None when the year is not in that version
    okanda: tuple[int | None, int | None]
    per_invanare: tuple[Decimal | None, Decimal | None]


@dataclass
class Andringar:
    nya_parter: list[Part] = field(default_factory=list)
    borttagna_parter: list[Part] = field(default_factory=list)
    andrade_parter: list[tuple[Part, Part, list[str]]] = field(default_factory=list)  # keys that changed
    nya_forum: list[Forum] = field(default_factory=list)
    borttagna_forum: list[Forum] = field(default_factory=list)
    andrade_forum: list[ForumAndring] = field(default_factory=list)
    avgifter: list[AvgiftAr] = field(default_factory=list)
    nya_beslut: list[Beslut] = field(default_factory=list)
    borttagna_beslut: list[Beslut] = field(default_factory=list)
    andrade_beslut: list[Beslut] = field(default_factory=list)
    ovrigt: list[str] = field(default_factory=list)  # other parts of the data that changed, in words

    def tom(self) -> bool:
        return not any(getattr(self, f.name) for f in dataclasses.fields(self))


# A party's fields that are not compared one by one, and why. Every other field of model.Part is, so that a new
# field shows in diff with no change here (tests/test_diff.py adds one and looks).
PART_NOT_COMPARED = {
    "id": "the party itself: another id is another party",
    "fil": "not data: the file the party was read from",
    "folkmangd": "shown through the fees it changes (avgifter below)",
}


def compare(old: Handbok, new: Handbok) -> Andringar:
    a = Andringar()
    a.nya_parter = [p for i, p in new.parter.items() if i not in old.parter]
    a.borttagna_parter = [p for i, p in old.parter.items() if i not in new.parter]
    for ident, p in new.parter.items():
        if ident in old.parter:
            keys = _changed(old.parter[ident], p, _keys(p, PART_NOT_COMPARED))
            if keys:
                a.andrade_parter.append((old.parter[ident], p, keys))
    a.nya_forum = [f for i, f in new.forum.items() if i not in old.forum]
    a.borttagna_forum = [f for i, f in old.forum.items() if i not in new.forum]
    changes = [_forum(old.forum[i], f) for i, f in new.forum.items() if i in old.forum]
    a.andrade_forum = [c for c in changes if not c.tom()]
    a.avgifter = [y for y in (_avgift_ar(old, new, ar) for ar in _years(old, new)) if y]
    _beslut(old, new, a)
    a.ovrigt = _ovrigt(old, new)
    return a


def _changed(old, new, keys: tuple[str, ...]) -> list[str]:
    return [k for k in keys if getattr(old, k) != getattr(new, k)]


def _keys(entity, left_out) -> tuple[str, ...]:
    """The fields of the entity's model class, but those left out: a field added to the class is compared."""
    return tuple(f.name for f in dataclasses.fields(entity) if f.name not in left_out)


def _who(m: Medlem) -> str:
    return f"part:{m.part}" if m.part else f"kategori:{m.kategori}"


# A forum's fields that _forum compares one by one, and those it does not compare, with why. Every other field of
# model.Forum is reported as changed by its key (ForumAndring.ovriga), so that a new field shows in diff.
FORUM_COMPARED = ("namn", "niva", "rapporterar_till", "ordforande", "sammankallande", "medlemmar", "uppgifter")
FORUM_NOT_COMPARED = {"id": "the forum itself: another id is another forum", "fil": "not data: its file"}


def _forum(old: Forum, new: Forum) -> ForumAndring:
    c = ForumAndring(old, new)
    c.ovriga.extend(_changed(old, new, _keys(new, {*FORUM_COMPARED, *FORUM_NOT_COMPARED})))
    for key in ("namn", "niva", "rapporterar_till"):
        if getattr(old, key) != getattr(new, key):
            c.falt.append((key, getattr(old, key), getattr(new, key)))
    for key in ("ordforande", "sammankallande"):
        if getattr(old, key) != getattr(new, key):
            c.falt.append((key, getattr(old, key).part, getattr(new, key).part))
    before = {_who(m): m for m in old.medlemmar}
    after = {_who(m): m for m in new.medlemmar}
    c.nya_medlemmar.extend(m for k, m in after.items() if k not in before)
    c.borttagna_medlemmar.extend(m for k, m in before.items() if k not in after)
    c.andrade_medlemmar.extend((before[k], m) for k, m in after.items() if k in before and before[k] != m)
    for lage in ("ordinarie_lage", "aktiverat_lage"):
        was, now = getattr(old.uppgifter, lage), getattr(new.uppgifter, lage)
        c.nya_uppgifter.extend((lage, t) for t in now if t not in was)
        c.borttagna_uppgifter.extend((lage, t) for t in was if t not in now)
    return c


def _years(old: Handbok, new: Handbok) -> list[int]:
    return sorted({b.ar for b in old.avgifter.budgetar} | {b.ar for b in new.avgifter.budgetar})


def _belopp(h: Handbok, ident: str, ar: int) -> Decimal | str | None:
    if ar not in {b.ar for b in h.avgifter.budgetar}:
        return NO_YEAR
    part = h.parter.get(ident)
    if part is None or part.kategori != "kommun" or not part.part_under_ar(ar):
        return ABSENT
    return avgift(h, part, ar).belopp


def _table(h: Handbok, ar: int):
    return avgiftstabell(h, ar) if ar in {b.ar for b in h.avgifter.budgetar} else None


def _kommuner(h: Handbok) -> list[Part]:
    """Every municipality in the data, former parties too: their fees for earlier years may change."""
    return [p for p in h.parter.values() if p.kategori == "kommun"]


def _avgift_ar(old: Handbok, new: Handbok, ar: int) -> AvgiftAr | None:
    # The new version's municipalities in its order, then those no longer municipality parties.
    parts = [*_kommuner(new), *(p for p in _kommuner(old) if p.id not in {k.id for k in _kommuner(new)})]
    rows = [AvgiftRad(p, _belopp(old, p.id, ar), _belopp(new, p.id, ar)) for p in parts]
    rows = [r for r in rows if r.fore != r.efter]
    t_old, t_new = _table(old, ar), _table(new, ar)
    year = AvgiftAr(
        ar,
        rows,
        summa=(t_old.summa_kanda if t_old else None, t_new.summa_kanda if t_new else None),
        okanda=(t_old.antal_okanda if t_old else None, t_new.antal_okanda if t_new else None),
        per_invanare=(t_old.belopp_per_invanare if t_old else None, t_new.belopp_per_invanare if t_new else None),
    )
    same = year.summa[0] == year.summa[1] and year.okanda[0] == year.okanda[1]
    return None if not rows and same and year.per_invanare[0] == year.per_invanare[1] else year


def _beslut(old: Handbok, new: Handbok, a: Andringar) -> None:
    before = {b.id: b for b in old.beslut}
    after = {b.id: b for b in new.beslut}
    a.nya_beslut = [b for i, b in after.items() if i not in before]
    a.borttagna_beslut = [b for i, b in before.items() if i not in after]
    a.andrade_beslut = [b for i, b in after.items() if i in before and before[i] != b]


def _ovrigt(old: Handbok, new: Handbok) -> list[str]:
    out = []
    texts = [
        f.name
        for f in dataclasses.fields(old.overenskommelse)
        if f.name != "fil" and getattr(old.overenskommelse, f.name) != getattr(new.overenskommelse, f.name)
    ]
    if texts:
        out.append("Överenskommelsens text har ändrats: " + ", ".join(texts) + ".")
    rules = [
        f.name
        for f in dataclasses.fields(old.avgifter)
        if f.name not in ("fil", "budgetar") and getattr(old.avgifter, f.name) != getattr(new.avgifter, f.name)
    ]
    if rules:
        out.append("Reglerna för avgiften har ändrats: " + ", ".join(rules) + ".")
    nya = sorted(set(new.kallor) - set(old.kallor))
    borta = sorted(set(old.kallor) - set(new.kallor))
    andrade = sorted(i for i in set(old.kallor) & set(new.kallor) if old.kallor[i] != new.kallor[i])
    for label, ids in (("Nya källor", nya), ("Borttagna källor", borta), ("Ändrade källor", andrade)):
        if ids:
            out.append(f"{label}: " + ", ".join(ids) + ".")
    if old.ordlista != new.ordlista:
        out.append("Ordlistan har ändrats.")
    return out
