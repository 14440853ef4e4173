"""What the texts say: a glossary word has one meaning, a reading states its basis, a figure names its source."""

from __future__ import annotations

import re

from ..dataset import Dataset
from ..loader import Document
from ..problems import VARNING, Problem
from .common import documents, forum, problem_at


def check_glossary_forms_unique(ds: Dataset) -> list[Problem]:
    """A word in the glossary (term or one of its former) belongs to one term only."""
    doc = ds.singles.get("ordlista")
    if not doc:
        return []
    out = []
    owner: dict[str, str] = {}
    for i, item in enumerate(doc.data["begrepp"]):
        words = [(("begrepp", i, "term"), item["term"])]
        words += [(("begrepp", i, "former", j), f) for j, f in enumerate(item.get("former", []))]
        for path, word in words:
            key = word.casefold()
            if key in owner and owner[key] != item["id"]:
                out.append(
                    problem_at(
                        doc,
                        path,
                        "glossary-forms-unique",
                        f"'{word}' hör redan till begreppet '{owner[key]}'; ta bort det från ett av dem",
                    )
                )
            owner.setdefault(key, item["id"])
    return out


# Statements that are often the handbook's reading rather than a source's words: each says what it rests on.
BASIS_KEYS = ("niva", "ordforande", "medlemmar", "aktiverat_lage", "rapporterar_till")


def check_basis_stated(ds: Dataset) -> list[Problem]:
    """A forum's level, chair, members, tasks in aktiverat läge and reporting line, and a level's focus have a basis."""
    out = []
    for _ident, doc in forum(ds):
        given = doc.data.get("underlag_for", {})
        present = {k for k in BASIS_KEYS if k in doc.data or k in doc.data["uppgifter"]}
        for key in sorted(present - set(given), key=BASIS_KEYS.index):
            where = ("uppgifter", key) if key in doc.data["uppgifter"] else (key,)
            out.append(
                problem_at(
                    doc,
                    where,
                    "basis-stated",
                    f"'{key}' saknar underlag; lägg till underlag_for: {key}: med status (kalla eller slutsats), "
                    "kallor och en kommentar, så att läsaren ser om uppgiften är handbokens slutsats",
                    severity=VARNING,
                    key=True,
                )
            )
    agreement = ds.singles.get("overenskommelse")
    for i, level in enumerate(agreement.data["styrning"]["nivaer"] if agreement else []):
        if "underlag" not in level:
            out.append(
                problem_at(
                    agreement,
                    ("styrning", "nivaer", i, "fokus"),
                    "basis-stated",
                    f"nivån '{level['id']}' saknar underlag för sitt fokus; lägg till underlag: med status, kallor "
                    "och en kommentar",
                    severity=VARNING,
                    key=True,
                )
            )
    return out


# A figure in running text: a number of four digits or more, or thousands written with a space.
_FIGURE = re.compile(r"(?<![\d§-])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d-])|(?<![\d§-])\d{5,}(?![\d-])")
_SOURCED = ("kalla", "kallor", "underlag")


def figure_in(text: str) -> str | None:
    """The first figure in a text that needs a source beside it (figure-has-source), or None."""
    found = _FIGURE.search(text)
    return found.group(0) if found else None


def check_figure_has_source(ds: Dataset) -> list[Problem]:
    """A text that gives a figure stands in an entry that names its source (kalla, kallor or underlag)."""
    out = []
    for kind, _ident, doc in documents(ds):
        if kind == "kalla":
            continue  # a source's own comment describes that source
        out += _unsourced_figures(doc, doc.data, ())
    return out


def _unsourced_figures(doc: Document, value, path: tuple) -> list[Problem]:
    out = []
    if isinstance(value, dict):
        sourced = any(k in value for k in _SOURCED)
        for key, item in value.items():
            if key == "telefon":
                continue  # a telephone number is no figure (checks/personal.py checks it)
            if isinstance(item, str) and not sourced and figure_in(item):
                out.append(
                    problem_at(
                        doc,
                        (*path, key),
                        "figure-has-source",
                        f"texten nämner siffran {figure_in(item)} men ingen källa; lägg till "
                        "kallor: med källans id (en fil i data/kallor/) bredvid texten, eller ta bort siffran",
                    )
                )
            elif not isinstance(item, str):
                out += _unsourced_figures(doc, item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _unsourced_figures(doc, item, (*path, i))
    return out
