"""The forums and levels of the agreement's governance (styrning): one tree under Regionala rådet, every level used."""

from __future__ import annotations

from ..dataset import Dataset
from ..problems import Problem
from .common import forum, problem_at


def check_reporting_no_cycle(ds: Dataset) -> list[Problem]:
    """Following rapporterar_till from any forum ends at Regionala rådet, never in a loop."""
    out = []
    reported: set[frozenset[str]] = set()
    for start, doc in forum(ds):
        chain = [start]
        current = doc.data.get("rapporterar_till")
        while current in ds.forum and current not in chain:
            chain.append(current)
            current = ds.forum[current].data.get("rapporterar_till")
        if current in chain:
            loop = chain[chain.index(current) :]
            if frozenset(loop) in reported or start != current:
                continue
            reported.add(frozenset(loop))
            out.append(
                problem_at(
                    doc,
                    ("rapporterar_till",),
                    "reporting-no-cycle",
                    f"rapportvägarna går i cirkel: {' → '.join([*loop, current])}; "
                    "ändra rapporterar_till så att kedjan slutar vid Regionala rådet",
                )
            )
    return out


def check_regionala_radet_on_top(ds: Dataset) -> list[Problem]:
    """Regionala rådet has no level and reports to no forum; every other forum has both."""
    agreement = ds.singles.get("overenskommelse")
    if not agreement:
        return []
    top = agreement.data["styrning"]["regionala_radet"]
    out = []
    for ident, doc in forum(ds):
        if ident == top:
            for key in ("niva", "rapporterar_till"):
                if key in doc.data:
                    out.append(
                        problem_at(
                            doc,
                            (key,),
                            "regionala-radet-on-top",
                            f"Regionala rådet står över nivåerna och ska inte ha '{key}'; ta bort raden",
                            key=True,
                        )
                    )
        else:
            for key, what in (
                ("niva", "vilken nivå forumet hör till"),
                ("rapporterar_till", "vilket forum det rapporterar till"),
            ):
                if key not in doc.data:
                    out.append(
                        problem_at(
                            doc,
                            (),
                            "regionala-radet-on-top",
                            f"nyckeln '{key}' saknas; ange {what} (bara Regionala rådet står utan)",
                        )
                    )
    return out


def check_level_has_forum(ds: Dataset) -> list[Problem]:
    """Every level in the agreement has at least one forum."""
    agreement = ds.singles.get("overenskommelse")
    if not agreement or ds.skipped.get("forum"):  # a forum with its own errors may be the missing one
        return []
    used = {doc.data.get("niva") for doc in ds.forum.values()}
    return [
        problem_at(
            agreement,
            ("styrning", "nivaer", i, "id"),
            "level-has-forum",
            f"nivån '{level['id']}' har inget forum; lägg till ett forum med niva: {level['id']} i data/forum/",
        )
        for i, level in enumerate(agreement.data["styrning"]["nivaer"])
        if level["id"] not in used
    ]
