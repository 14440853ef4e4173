"""Membership over time: when parties joined and left, and who may sit in a forum only while a party.

A party without ``ansluten`` is a party from the agreement's start; without ``lamnat`` it is a party still.
"""

from __future__ import annotations

from .. import tid
from ..dataset import Dataset
from ..problems import Problem
from .common import parties, problem_at
from .references import references


def _date(data: dict, key: str) -> str | None:
    return (data.get(key) or {}).get("datum")


def party_in_year(data: dict, ar: int) -> bool:
    """A party for some day of budget year ar: joined by 31 December, not left by 1 January (as model.Part)."""
    joined, left = _date(data, "ansluten"), _date(data, "lamnat")
    return (joined is None or joined <= f"{ar}-12-31") and (left is None or left > f"{ar}-01-01")


def left_by(data: dict, day: str) -> bool:
    """The party had left the agreement on ``day`` (a lamnat without a date counts as left)."""
    left = data.get("lamnat")
    return left is not None and (left.get("datum") is None or left["datum"] <= day)


def check_membership_dates(ds: Dataset) -> list[Problem]:
    """A party joins before it leaves, and neither date lies before the agreement applies."""
    agreement = ds.singles.get("overenskommelse")
    start = agreement.data["galler_fran"] if agreement else None
    out = []
    for _ident, doc in parties(ds):
        joined, left = _date(doc.data, "ansluten"), _date(doc.data, "lamnat")
        if joined and left and left <= joined:
            out.append(
                problem_at(
                    doc,
                    ("lamnat", "datum"),
                    "membership-dates",
                    f"parten lämnade den {left} men blev part först den {joined}; "
                    "rätta datumet i ansluten eller i lamnat",
                )
            )
        for key, date in (("ansluten", joined), ("lamnat", left)):
            if start and date and date < start:
                out.append(
                    problem_at(
                        doc,
                        (key, "datum"),
                        "membership-dates",
                        f"datumet {date} är före {start}, då överenskommelsen började gälla; rätta datumet"
                        + (", eller ta bort ansluten om parten var med från början" if key == "ansluten" else ""),
                    )
                )
    return out


def check_forum_member_while_party(ds: Dataset) -> list[Problem]:
    """A forum names as member, chair or convener only parties that have not left the agreement."""
    today = tid.idag()
    out = []
    for ref in references(ds, target="part"):
        party = ds.parter.get(ref.ident)
        if ref.place.kind == "forum" and party is not None and left_by(party.data, today):
            when = _date(party.data, "lamnat")
            out.append(
                problem_at(
                    ref.doc,
                    ref.path,
                    "forum-member-while-party",
                    f"'{ref.ident}' lämnade överenskommelsen"
                    + (f" den {when}" if when else "")
                    + " och kan inte sitta i forumet; ta bort raden eller ange en annan part",
                )
            )
    return out
