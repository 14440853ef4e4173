"""Rules about time: when parties joined and left, and which budget years the data has.

Each ``check_<rule>`` states its rule in one line, as in checks.py, which lists them in CHECKS. A party without
``ansluten`` is a party from the agreement's start; without ``lamnat`` it is a party still.
"""

from __future__ import annotations

from . import tid
from .dataset import Dataset
from .loader import Document
from .problems import VARNING, Problem


def _at(doc: Document, path: tuple, rule: str, message: str, severity: str = "fel") -> Problem:
    line, column = doc.position(path)
    return Problem(doc.path, line, column, rule, message, severity)


def _date(data: dict, key: str) -> str | None:
    return (data.get(key) or {}).get("datum")


def party_in_year(data: dict, ar: int) -> bool:
    """A party for some day of budget year ar: joined by 31 December, not left by 1 January (as model.Part)."""
    joined, left = _date(data, "ansluten"), _date(data, "lamnat")
    return (joined is None or joined <= f"{ar}-12-31") and (left is None or left > f"{ar}-01-01")


def left_by(data: dict, day: str) -> bool:
    left = data.get("lamnat")
    return left is not None and (left.get("datum") is None or left["datum"] <= day)


def check_membership_dates(ds: Dataset) -> list[Problem]:
    """A party joins before it leaves, and neither date lies before the agreement applies."""
    agreement = ds.singles.get("overenskommelse")
    start = agreement.data["galler_fran"] if agreement else None
    out = []
    for _ident, doc in sorted(ds.parter.items()):
        joined, left = _date(doc.data, "ansluten"), _date(doc.data, "lamnat")
        if joined and left and left <= joined:
            out.append(
                _at(
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
                    _at(
                        doc,
                        (key, "datum"),
                        "membership-dates",
                        f"datumet {date} är före {start}, då överenskommelsen började gälla; rätta datumet"
                        + (", eller ta bort ansluten om parten var med från början" if key == "ansluten" else ""),
                    )
                )
    return out


def check_fees_while_party(ds: Dataset) -> list[Problem]:
    """A municipality has no population for the basis date of a budget year in which it was not a party."""
    fees = ds.singles.get("avgifter")
    if not fees:
        return []
    day = fees.data["underlagsdag"]
    out = []
    for _ident, doc in sorted(ds.parter.items()):
        if doc.data["kategori"] != "kommun" or not ({"ansluten", "lamnat"} & doc.data.keys()):
            continue
        by_date = {e["datum"]: i for i, e in enumerate(doc.data.get("folkmangd", []))}
        for year in sorted(b["ar"] for b in fees.data["budgetar"]):
            basis = tid.underlagsdatum(year, day)
            if basis in by_date and not party_in_year(doc.data, year):
                out.append(
                    _at(
                        doc,
                        ("folkmangd", by_date[basis], "datum"),
                        "fees-while-party",
                        f"folkmängden den {basis} är underlag för avgiften {year}, men kommunen var inte part "
                        f"{year}; ta bort posten, eller rätta datumet i ansluten eller lamnat",
                    )
                )
    return out


def check_forum_member_while_party(ds: Dataset) -> list[Problem]:
    """A forum names as member, chair or convener only parties that have not left the agreement."""
    today = tid.idag()
    out = []
    for _ident, doc in sorted(ds.forum.items()):
        places = [((role, "part"), doc.data[role].get("part")) for role in ("ordforande", "sammankallande")]
        places += [(("medlemmar", i, "part"), m.get("part")) for i, m in enumerate(doc.data["medlemmar"])]
        for path, ident in places:
            party = ds.parter.get(ident) if ident else None
            if party is not None and left_by(party.data, today):
                when = _date(party.data, "lamnat")
                out.append(
                    _at(
                        doc,
                        path,
                        "forum-member-while-party",
                        f"'{ident}' lämnade överenskommelsen"
                        + (f" den {when}" if when else "")
                        + " och kan inte sitta i forumet; ta bort raden eller ange en annan part",
                    )
                )
    return out


def check_budget_years(ds: Dataset) -> list[Problem]:
    """Budget years follow each other without a gap; a warning when the newest is older than this year."""
    fees = ds.singles.get("avgifter")
    if not fees:
        return []
    entries = fees.data["budgetar"]
    years = sorted({b["ar"] for b in entries})
    out = []
    for missing in sorted(set(range(years[0], years[-1] + 1)) - set(years)):
        after = min((b["ar"], i) for i, b in enumerate(entries) if b["ar"] > missing)[1]
        out.append(
            _at(
                fees,
                ("budgetar", after, "ar"),
                "budget-years",
                f"budgetåret {missing} saknas mellan {missing - 1} och {missing + 1}; lägg till ar: {missing} "
                "med belopp_per_invanare och kalla, eller uppgift_saknas med skälet om beloppet är okänt",
            )
        )
    this_year = int(tid.idag()[:4])
    if years[-1] < this_year:
        newest = next(i for i, b in enumerate(entries) if b["ar"] == years[-1])
        out.append(
            _at(
                fees,
                ("budgetar", newest, "ar"),
                "budget-years",
                f"det senaste budgetåret är {years[-1]}, men i år är det {this_year}, så handboken visar inte "
                f"årets avgift; lägg till budgetåret {this_year} och folkmängden den "
                f"{tid.underlagsdatum(this_year, fees.data['underlagsdag'])} för varje kommun "
                "(python -m macros folkmangd)",
                severity=VARNING,
            )
        )
    return out
