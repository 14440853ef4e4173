"""The responsibilities (ansvar.yaml): each one has a holder that exists and is a party still."""

from __future__ import annotations

from .. import tid
from ..dataset import Dataset
from ..problems import Problem
from .common import problem_at
from .membership import has_left_by
from .references import missing_references, references


def check_holder_exists(ds: Dataset) -> list[Problem]:
    """Every responsibility's holder is a party still, a category with parties (or alla), or a forum (or alla)."""
    today = tid.idag()
    out = missing_references(ds, "holder-exists")
    for ref in references(ds, "holder-exists", target="part"):
        if ref.ident in ds.parter and has_left_by(ds.parter[ref.ident].data, today):
            message = (
                f"parten '{ref.ident}' har lämnat överenskommelsen och kan inte ha ansvaret; "
                "ta bort posten eller ange vem som har ansvaret nu"
            )
            out.append(problem_at(ref.doc, ref.path, "holder-exists", message))
    return out
