"""The decision log (one file per decision in data/beslut/): who decided, and what each decision changes."""

from __future__ import annotations

from ..dataset import Dataset
from ..problems import Problem
from .common import problem_at
from .references import missing_references


def check_decision_references(ds: Dataset) -> list[Problem]:
    """A decision names who decided (organ or forum, not both), and every party and forum it names exists."""
    out = []
    for _ident, doc in sorted(ds.beslut.items()):
        entry = doc.data
        if "organ" in entry and "forum" in entry:
            out.append(
                problem_at(
                    doc,
                    ("forum",),
                    "decision-references",
                    "skriv antingen organ eller forum, inte båda; ta bort den rad som inte gäller",
                    key=True,
                )
            )
        elif "organ" not in entry and "forum" not in entry:
            out.append(
                problem_at(
                    doc,
                    (),
                    "decision-references",
                    "ange vem som beslutade: organ med organets namn, eller forum med ett forums id",
                )
            )
    return out + missing_references(ds, "decision-references")  # the forum that decided, and what it changes
