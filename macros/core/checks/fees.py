"""What the fee is computed from: a population for every basis date of a year as a party, one per date, and
budget years in a row."""

from __future__ import annotations

import itertools

from .. import tid
from ..dataset import Dataset
from ..problems import VARNING, Problem
from .common import parter, problem_at
from .membership import part_in_year


def basis_dates(ds: Dataset) -> list[tuple[int, str]]:
    """Each budget year with its basis date, in the file's order."""
    fees = ds.singles.get("avgifter")
    if not fees:
        return []
    day = fees.data["underlagsdag"]
    return [(year["ar"], tid.underlagsdatum(year["ar"], day)) for year in fees.data["budgetar"]]


def check_population_for_basis_date(ds: Dataset) -> list[Problem]:
    """Every municipality has a population, or an explicit uppgift_saknas, for each budget year it was a party."""
    out = []
    for _ident, doc in parter(ds):
        if doc.data["kategori"] != "kommun":
            continue
        entries = doc.data.get("folkmangd", [])
        by_date = {e["datum"]: i for i, e in enumerate(entries)}
        for year, basis in basis_dates(ds):
            if not part_in_year(doc.data, year):  # no fee for a year it was not a party (fees-while-party)
                continue
            if basis not in by_date:
                where = ("folkmangd",) if entries else ("kategori",)
                out.append(
                    problem_at(
                        doc,
                        where,
                        "population-for-basis-date",
                        f"folkmängd den {basis} saknas (underlag för avgiften {year}); lägg till "
                        f'datum: "{basis}" med antal och kalla, eller uppgift_saknas med skälet',
                    )
                )
            elif "uppgift_saknas" in entries[by_date[basis]]:
                i = by_date[basis]
                out.append(
                    problem_at(
                        doc,
                        ("folkmangd", i, "uppgift_saknas"),
                        "population-for-basis-date",
                        f"folkmängden den {basis} är okänd, så avgiften för {year} kan inte räknas ut; "
                        "lägg till antal och kalla när siffran finns",
                        severity=VARNING,
                        key=True,
                    )
                )
    return out


def check_fees_while_party(ds: Dataset) -> list[Problem]:
    """A municipality has no population for the basis date of a budget year in which it was not a party."""
    dates = sorted(basis_dates(ds))
    out = []
    for _ident, doc in parter(ds):
        if doc.data["kategori"] != "kommun" or not ({"ansluten", "lamnat"} & doc.data.keys()):
            continue
        by_date = {e["datum"]: i for i, e in enumerate(doc.data.get("folkmangd", []))}
        for year, basis in dates:
            if basis in by_date and not part_in_year(doc.data, year):
                out.append(
                    problem_at(
                        doc,
                        ("folkmangd", by_date[basis], "datum"),
                        "fees-while-party",
                        f"folkmängden den {basis} är underlag för avgiften {year}, men kommunen var inte part "
                        f"{year}; ta bort posten, eller rätta datumet i ansluten eller lamnat",
                    )
                )
    return out


def check_unique_dates_and_years(ds: Dataset) -> list[Problem]:
    """A party has one population per date, and each budget year appears once."""
    out = []
    for _ident, doc in parter(ds):
        seen: dict[str, int] = {}
        for i, entry in enumerate(doc.data.get("folkmangd", [])):
            if entry["datum"] in seen:
                out.append(
                    problem_at(
                        doc,
                        ("folkmangd", i, "datum"),
                        "unique-dates-and-years",
                        f"folkmängd för {entry['datum']} finns redan på rad {seen[entry['datum']]}; ta bort den ena",
                    )
                )
            seen.setdefault(entry["datum"], doc.position(("folkmangd", i, "datum"))[0])
    fees = ds.singles.get("avgifter")
    if fees:
        years: dict[int, int] = {}
        for i, year in enumerate(fees.data["budgetar"]):
            if year["ar"] in years:
                out.append(
                    problem_at(
                        fees,
                        ("budgetar", i, "ar"),
                        "unique-dates-and-years",
                        f"budgetåret {year['ar']} finns redan på rad {years[year['ar']]}; ta bort det ena",
                    )
                )
            years.setdefault(year["ar"], fees.position(("budgetar", i, "ar"))[0])
    return out


def check_budget_years(ds: Dataset) -> list[Problem]:
    """Budget years follow each other without a gap; a warning when the newest is older than this year."""
    fees = ds.singles.get("avgifter")
    if not fees:
        return []
    entries = fees.data["budgetar"]
    years = sorted({b["ar"] for b in entries})
    out = []
    for first, last in _gaps(years):
        after = min((b["ar"], i) for i, b in enumerate(entries) if b["ar"] > last)[1]
        which = f"budgetåret {first}" if first == last else f"budgetåren {first}–{last}"
        add = f"ar: {first}" if first == last else f"ett budgetår för vart och ett av åren {first}–{last}"
        out.append(
            problem_at(
                fees,
                ("budgetar", after, "ar"),
                "budget-years",
                f"{which} saknas mellan {first - 1} och {last + 1}; lägg till {add} "
                "med belopp_per_invanare och kalla, eller uppgift_saknas med skälet om beloppet är okänt",
            )
        )
    this_year = int(tid.idag()[:4])
    if years[-1] < this_year:
        newest = next(i for i, b in enumerate(entries) if b["ar"] == years[-1])
        out.append(
            problem_at(
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


def _gaps(years: list[int]) -> list[tuple[int, int]]:
    """The runs of missing years between the sorted years, each as (first, last): one message per gap."""
    return [(a + 1, b - 1) for a, b in itertools.pairwise(years) if b - a > 1]
