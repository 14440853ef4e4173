"""The data files themselves: each starts with the line that points editors at its schema."""

from __future__ import annotations

from ..dataset import FOLDERS, Dataset
from ..problems import Problem
from ..schemas import SCHEMA_COMMENT


def check_schema_comment(ds: Dataset) -> list[Problem]:
    """Each data file starts with the yaml-language-server line that points editors at its schema."""
    out = []
    docs = [(d, kind) for kind in FOLDERS.values() for d in ds.folder(kind).values()]
    docs += [(d, kind) for kind, d in ds.singles.items()]
    for doc, kind in docs:
        prefix = "../../" if kind in FOLDERS.values() else "../"
        expected = f"{SCHEMA_COMMENT}{prefix}schema/{kind}.schema.json"
        if doc.first_line != expected:
            out.append(
                Problem(
                    doc.path,
                    1,
                    1,
                    "schema-comment",
                    f"första raden ska vara '{expected}' så att redigeraren kan hjälpa dig; "
                    "lägg till eller rätta raden",
                )
            )
    return out
