"""Membership over time: when parties joined and left, and who may sit in a forum only while a party.

A party without ``ansluten`` is a party from the agreement's start; without ``lamnat`` it is a party still.
``ansluten`` is its first day as a party and ``lamnat`` its last (macros/core/model/part.py).
"""

from __future__ import annotations

from .. import tid
from ..dataset import Dataset
from ..model import Tidpunkt, has_left, is_part_in_year
from ..problems import Problem
from .common import parter, problem_at
from .references import references


def _date(data: dict, key: str) -> str | None:
    return (data.get(key) or {}).get("datum")


def _tidpunkt(data: dict, key: str) -> Tidpunkt | None:
    value = data.get(key)
    return None if value is None else Tidpunkt(datum=value.get("datum"))


def part_in_year(data: dict, ar: int) -> bool:
    """The model's rule (model.is_part_in_year) on a party file's data: a party for some day of budget year ar."""
    return is_part_in_year(_tidpunkt(data, "ansluten"), _tidpunkt(data, "lamnat"), ar)


def has_left_by(data: dict, day: str) -> bool:
    """The model's rule (model.has_left) on a party file's data: the party had left the agreement on ``day``."""
    return has_left(_tidpunkt(data, "lamnat"), day)


def check_membership_dates(ds: Dataset) -> list[Problem]:
    """A party's last day (lamnat) is not before its first (ansluten), and neither lies before the agreement applies."""
    agreement = ds.singles.get("overenskommelse")
    start = agreement.data["galler_fran"] if agreement else None
    out = []
    for _ident, doc in parter(ds):
        joined, left = _date(doc.data, "ansluten"), _date(doc.data, "lamnat")
        if joined and left and left < joined:
            out.append(
                problem_at(
                    doc,
                    ("lamnat", "datum"),
                    "membership-dates",
                    f"sista dagen som part (lamnat) är {left}, före den första (ansluten) {joined}; "
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
        if ref.place.kind == "forum" and party is not None and has_left_by(party.data, today):
            when = _date(party.data, "lamnat")
            out.append(
                problem_at(
                    ref.doc,
                    ref.path,
                    "forum-member-while-party",
                    f"'{ref.ident}' är inte längre part"
                    + (f" (sista dagen var {when})" if when else "")
                    + " och kan inte sitta i forumet; ta bort raden eller ange en annan part",
                )
            )
    return out
