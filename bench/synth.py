"""Synthetic datasets at k times the real one, derived from data/ and valid under the real schemas and checks.

Scale k multiplies every dimension the data has, as far as the schemas allow:

- parties: the 37 real ones plus k-1 copies of each (new id, name and file). A copy of a municipality keeps
  kategori kommun while SCB-style codes are left (kommunkod is ``^01[0-9]{2}$``, so at most 100
  municipalities); later copies take the other categories in turn. The schema is not widened for the bench:
  a real agreement beyond one county would need a schema change of its own.
- forums: Regionala rådet stays the one top forum, for all parties; every other forum gets k-1 copies, one per
  "region" (the real parties are region 1), reporting within the region. Below the top, a forum names its
  region's parties as members (part: id) instead of a category, as a network of regional groups would: each
  party sits in as many forums as in the real data, so a party's page and sheet keep their size.
- budget years: ``years`` years from 2015 (by default as many as the source has), a made-up rate for each
  new year, and every municipality gets a population (with source) for each year's basis date. The bench
  uses 12 years, the agreement's age in 2026, at every scale.

k = 1 with the source's own years is the real data, byte for byte.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from macros.core.dataset import FOLDERS
from macros.core.loader import load_file
from macros.core.schemas import SCHEMA_COMMENT, kategorier
from macros.core.tid import underlagsdatum

ROOT = Path(__file__).resolve().parent.parent
REAL_DATA = ROOT / "data"
FIRST_YEAR, LAST_YEAR = 2015, 2100  # avgifter.schema.json: budgetar[].ar
KOMMUNKODER = [f"01{n:02d}" for n in range(100)]  # defs.schema.json: kommunkod
OTHER_CATEGORIES = [k for k in kategorier() if k != "kommun"]
SCHEMA_LINE = SCHEMA_COMMENT + "{}schema/{}.schema.json\n"


class _Dumper(yaml.SafeDumper):
    """Plain YAML our strict loader accepts: no anchors, strings quoted where YAML 1.1 would guess."""

    def ignore_aliases(self, data) -> bool:
        return True


def _dump(path: Path, kind: str, data: dict) -> None:
    prefix = "../../" if kind in FOLDERS.values() else "../"
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)
    path.write_text(SCHEMA_LINE.format(prefix, kind) + body, encoding="utf-8")


def _read(path: Path) -> dict:
    doc, problems = load_file(path)
    if doc is None:
        raise ValueError(f"{path}: {problems}")
    return doc.data


def generate(k: int, target: Path, source: Path = REAL_DATA, years: int | None = None) -> Path:
    """Write the k× dataset with ``years`` budget years to target (replaced if it exists) and return it."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    avgifter = _read(source / "avgifter.yaml")
    if k == 1 and years in (None, len(avgifter["budgetar"])):
        return target
    parter = {p.stem: _read(p) for p in sorted((source / "parter").glob("*.yaml"))}
    forum = {f.stem: _read(f) for f in sorted((source / "forum").glob("*.yaml"))}
    agreement = _read(source / "overenskommelse.yaml")
    top = agreement["styrning"]["regionala_radet"]

    years = _budgetar(avgifter, years or len(avgifter["budgetar"]))
    folkmangd_kalla = _folkmangd_kalla(parter)
    codes = [c for c in KOMMUNKODER if c not in {p.get("kommunkod") for p in parter.values()}]
    all_parties = dict(parter)
    category_turn = 0
    replicas: list[dict[str, dict]] = []
    for r in range(2, k + 1):
        replica = {}
        for ident, p in parter.items():
            copy = {**p, "id": f"{ident}-{r}", "namn": f"{p['namn']} {r}"}
            if p["kategori"] == "kommun" and not codes:
                copy["kategori"] = OTHER_CATEGORIES[category_turn % len(OTHER_CATEGORIES)]
                category_turn += 1
                copy.pop("kommunkod", None)
                copy.pop("folkmangd", None)
            elif p["kategori"] == "kommun":
                copy["kommunkod"] = codes.pop(0)
            replica[copy["id"]] = copy
        replicas.append(replica)
        all_parties.update(replica)

    for p in all_parties.values():
        if p["kategori"] == "kommun":
            p["folkmangd"] = _folkmangder(p, avgifter["underlagsdag"], years, folkmangd_kalla)
    avgifter["budgetar"] = years

    for ident, f in forum.items():  # the real forums become region 1: its own parties, by id
        if ident != top:
            _dump(target / "forum" / f"{ident}.yaml", "forum", {**f, "medlemmar": _medlemmar(f["medlemmar"], parter)})
    for r, replica in enumerate(replicas, start=2):
        chair = f"{agreement['styrning']['sammankallande']}-{r}"
        for ident, f in forum.items():
            if ident == top:
                continue
            copy = {
                **f,
                "id": f"{ident}-{r}",
                "namn": f"{f['namn']} {r}",
                "ordforande": {**f["ordforande"], "part": chair},
                "sammankallande": {**f["sammankallande"], "part": chair},
                "medlemmar": _medlemmar(f["medlemmar"], replica),
            }
            if f.get("rapporterar_till") not in (None, top):
                copy["rapporterar_till"] = f"{f['rapporterar_till']}-{r}"
            _dump(target / "forum" / f"{copy['id']}.yaml", "forum", copy)

    for ident, p in all_parties.items():
        if ident not in parter or p["kategori"] == "kommun":
            _dump(target / "parter" / f"{ident}.yaml", "part", p)
    _dump(target / "avgifter.yaml", "avgifter", avgifter)
    return target


def _budgetar(avgifter: dict, count: int) -> list[dict]:
    real = {b["ar"]: b for b in avgifter["budgetar"]}
    count = min(max(count, len(real)), LAST_YEAR - FIRST_YEAR + 1)
    template = next(b for b in reversed(avgifter["budgetar"]) if "kalla" in b)
    out = []
    for ar in range(FIRST_YEAR, FIRST_YEAR + count):
        if ar in real:
            out.append(real[ar])
        else:
            ore = 150 + 2 * (ar - FIRST_YEAR)
            out.append({"ar": ar, "belopp_per_invanare": f"{ore // 100},{ore % 100:02d}", "kalla": template["kalla"]})
    return out


def _folkmangd_kalla(parter: dict) -> str:
    return next(f["kalla"] for p in parter.values() for f in p.get("folkmangd", []) if "kalla" in f)


def _folkmangder(p: dict, day: str, years: list[dict], source: str) -> list[dict]:
    """The party's real figures, plus a made-up one with a source for every basis date that has none."""
    entries = {f["datum"]: f for f in p.get("folkmangd", [])}
    base = next((f["antal"] for f in entries.values() if "antal" in f), 20000 + 1000 * len(p["id"]))
    for i, b in enumerate(years):
        if not _part_under(p, b["ar"]):  # a figure for a year it was no party is an error (fees-while-party)
            continue
        datum = underlagsdatum(b["ar"], day)
        entries.setdefault(datum, {"datum": datum, "antal": base + 137 * i, "kalla": source})
    return [entries[d] for d in sorted(entries)]


def _part_under(p: dict, ar: int) -> bool:
    """Whether the party was a party some day of year ar: its first day (ansluten) and last (lamnat), if known."""
    first = str((p.get("ansluten") or {}).get("datum", ""))
    last = str((p.get("lamnat") or {}).get("datum", ""))
    return (not first or first <= f"{ar}-12-31") and (not last or last >= f"{ar}-01-01")


def _medlemmar(medlemmar: list[dict], replica: dict[str, dict]) -> list[dict]:
    """Category members become the replica's parties of that category, each by id."""
    out = []
    for m in medlemmar:
        if "part" in m:
            out.append(m)
            continue
        for ident, p in replica.items():
            if m["kategori"] in ("alla", p["kategori"]):
                out.append({"part": ident, "funktion": m["funktion"], "mandat": m["mandat"]})
    return out


def size(data_dir: Path) -> dict[str, int]:
    """What a dataset holds: files, bytes, parties, forums, municipalities and budget years."""
    files = [p for p in data_dir.rglob("*.yaml")]
    parter = list((data_dir / "parter").glob("*.yaml"))
    kommuner = sum(1 for p in parter if "\nkategori: kommun\n" in p.read_text(encoding="utf-8"))
    avgifter = _read(data_dir / "avgifter.yaml")
    return {
        "filer": len(files),
        "kB": sum(p.stat().st_size for p in files) // 1024,
        "parter": len(parter),
        "kommuner": kommuner,
        "forum": len(list((data_dir / "forum").glob("*.yaml"))),
        "budgetar": len(avgifter["budgetar"]),
    }
