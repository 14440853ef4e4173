"""``python -m macros diff BASE [HEAD]``: what a change does to the handbook, compared model to model.

BASE and HEAD are Git revisions. Without HEAD the working tree is compared, uncommitted edits
included, so a coordinator sees the effect before committing; CI passes both revisions. Each
revision's data/ is taken out with ``git archive`` into a temporary folder and run through the
normal pipeline, so both sides are read and checked exactly as the site reads them.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..core import pipeline
from ..core.exitcodes import DATA, ENVIRONMENT, USAGE, CommandError
from ..core.fees import avgift, avgiftstabell
from ..core.model import Beslut, Forum, Handbok, Medlem, Part
from ..core.problems import Problem, errors


class DiffError(Exception):
    """The comparison cannot be made; the message says why in Swedish. problems: the data's errors, if any."""

    def __init__(self, message: str, problems: list[Problem] | None = None, code: int = DATA):
        super().__init__(message)
        self.problems = problems or []
        self.code = code  # exit code (macros/core/exitcodes.py): a revision that does not exist is a usage error


# --- Reading a revision --------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise CommandError(
            "programmet git saknas; installera det (apt install git, brew install git eller git-scm.com)", ENVIRONMENT
        ) from None


def load_revision(data_dir: Path, rev: str | None) -> Handbok:
    """The checked model of data_dir at a revision, or of the working tree when rev is None."""
    if rev is None:
        return _checked(data_dir, "arbetskopian")
    top = _git(data_dir, "rev-parse", "--show-toplevel")
    if top.returncode:
        raise DiffError(f"mappen {data_dir} ligger inte i ett Git-förråd; kör kommandot i handbokens mapp", code=USAGE)
    root = Path(top.stdout.decode().strip())
    if _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode:
        raise DiffError(
            f"hittar inte revisionen '{rev}'; ange en gren, en tagg eller en commit, till exempel main", code=USAGE
        )
    rel = data_dir.resolve().relative_to(root.resolve()).as_posix()
    archive = _git(root, "archive", "--format=tar", rev, "--", rel)
    if archive.returncode:
        raise DiffError(f"revisionen '{rev}' har ingen mapp {rel}/", code=USAGE)
    with tempfile.TemporaryDirectory(prefix="handbok-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            _extract(tar, tmp)
        return _checked(Path(tmp) / rel, f"revisionen {rev}", shown_as=rel)


def _extract(tar: tarfile.TarFile, folder: str) -> None:
    """Regular files and folders inside folder only. Python 3.11.4 and later have this as filter="data";
    Debian 12's Python 3.11.2 does not, so there the same rule is checked by hand."""
    if hasattr(tarfile, "data_filter"):
        tar.extractall(folder, filter="data")
        return
    for member in tar.getmembers():
        if not (member.isfile() or member.isdir()) or member.name.startswith("/") or ".." in Path(member.name).parts:
            raise DiffError(f"git archive gav en fil som inte kan packas upp säkert: {member.name}")
    tar.extractall(folder)  # every member checked above


def _checked(data_dir: Path, label: str, shown_as: str | None = None) -> Handbok:
    handbok, problems = pipeline.check(data_dir)
    if handbok is None:
        found = errors(problems)
        if shown_as:  # name the file as it is in the repository, not in the temporary folder
            found = [dataclasses.replace(p, path=_in_repo(p.path, data_dir, shown_as)) for p in found]
        raise DiffError(f"datan i {label} har fel, så ändringarna kan inte räknas ut; rätta felen först", found)
    return handbok


def _in_repo(path: str, data_dir: Path, rel: str) -> str:
    try:
        return f"{rel}/{Path(path).resolve().relative_to(data_dir.resolve()).as_posix()}"
    except ValueError:
        return path


# --- Comparing two models ------------------------------------------------------------------------

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


PART_KEYS = ("namn", "kategori", "kommunkod", "senare_namn", "ansluten", "lamnat")  # compared per party


def compare(old: Handbok, new: Handbok) -> Andringar:
    a = Andringar()
    a.nya_parter = [p for i, p in new.parter.items() if i not in old.parter]
    a.borttagna_parter = [p for i, p in old.parter.items() if i not in new.parter]
    for ident, p in new.parter.items():
        if ident in old.parter:
            keys = _changed(
                old.parter[ident], p, ("namn", "kategori", "kommunkod", "senare_namn", "ansluten", "lamnat")
            )
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


def _who(m: Medlem) -> str:
    return f"part:{m.part}" if m.part else f"kategori:{m.kategori}"


def _forum(old: Forum, new: Forum) -> ForumAndring:
    c = ForumAndring(old, new)
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
