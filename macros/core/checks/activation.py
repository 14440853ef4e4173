"""Aktiverat läge (aktivering.yaml) and each party's readiness for it (beredskap in data/parter/)."""

from __future__ import annotations

from ..dataset import Dataset
from ..problems import Problem
from .common import parter, problem_at

# The phases in the order a reader lives them; the page, the card and this rule share it.
FASER = ("fore", "nar-nagot-hander", "forsta-timmen", "efter")


def check_activation_phase_order(ds: Dataset) -> list[Problem]:
    """The phases of aktiverat läge stand once each, in the order fore, nar-nagot-hander, forsta-timmen, efter."""
    doc = ds.singles.get("aktivering")
    if not doc:
        return []
    out = []
    seen: list[str] = []
    for i, fas in enumerate(doc.data["faser"]):
        ident = fas["id"]
        if ident in seen:
            message = f"fasen '{ident}' står redan tidigare; flytta stegen dit och ta bort den här"
        elif seen and FASER.index(ident) < FASER.index(seen[-1]):
            message = f"fasen '{ident}' står efter '{seen[-1]}'; ordningen är {', '.join(FASER)}"
        else:
            seen.append(ident)
            continue
        out.append(problem_at(doc, ("faser", i, "id"), "activation-phase-order", message))
    return out


def check_activation_ids_unique(ds: Dataset) -> list[Problem]:
    """Every id in aktivering.yaml is used once: each is an anchor on the one page Aktiverat läge."""
    doc = ds.singles.get("aktivering")
    if not doc:
        return []
    out = []
    first: dict[str, tuple] = {}
    lists = [(key,) for key in ("larma", "kontaktvagar", "ordinarie_lage", "exempel", "luckor")]
    lists += [("faser", i, "steg") for i in range(len(doc.data["faser"]))]
    for path in lists:
        items = doc.data.get(path[0], []) if len(path) == 1 else doc.data["faser"][path[1]]["steg"]
        for i, item in enumerate(items):
            ident = item["id"]
            if ident in first:
                line = doc.position(first[ident])[0]
                message = f"id:t '{ident}' finns redan på rad {line}; ge posten ett eget id"
                out.append(problem_at(doc, (*path, i, "id"), "activation-ids-unique", message))
            first.setdefault(ident, (*path, i))
    return out


def check_readiness_level_once(ds: Dataset) -> list[Problem]:
    """A party names its representatives for each level once (beredskap.foretradare)."""
    out = []
    for _ident, doc in parter(ds):
        seen: set[str] = set()
        for i, f in enumerate(doc.data.get("beredskap", {}).get("foretradare", [])):
            if f["niva"] in seen:
                message = (
                    f"nivån '{f['niva']}' står redan bland företrädarna; skriv båda lägena i samma post "
                    "(ordinarie_lage och aktiverat_lage)"
                )
                out.append(problem_at(doc, ("beredskap", "foretradare", i, "niva"), "readiness-level-once", message))
            seen.add(f["niva"])
    return out
