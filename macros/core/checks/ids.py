"""Ids and codes that must be unique: a file's id is its name, no id is used twice, one kommunkod per municipality."""

from __future__ import annotations

import re
import unicodedata

from ..dataset import FOLDERS, Dataset
from ..problems import Problem
from ..schemas import shared_definition
from .common import parter, problem_at

# The shared id definition in schema/defs.schema.json: what a file name must be to serve as an id.
ID_PATTERN = re.compile(shared_definition("id")["pattern"])
ID_MAX_LENGTH: int = shared_definition("id")["maxLength"]

# The lists in single files whose items have ids: (file kind, keys down to the list).
ID_LISTS = (
    ("overenskommelse", ("atagande",)),
    ("overenskommelse", ("styrning", "principer")),
    ("overenskommelse", ("styrning", "nivaer")),
    ("ordlista", ("begrepp",)),
    ("ansvar", ("ansvar",)),
)
# Kinds whose ids share one namespace, as a forum's members and a decision name either by id.
SHARED_IDS = ("part", "forum")
# What a file of each kind is, in a message about its name.
POSTEN = {"part": "parten", "forum": "forumet", "kalla": "källan", "beslut": "beslutet"}


def is_id(text: str) -> bool:
    """Whether text can be an id (defs.schema.json): a-z, digits and hyphens, not too long. fullmatch: the
    pattern's $ (in Python's re) would also pass an id that ends in a line break."""
    return bool(ID_PATTERN.fullmatch(text)) and len(text) <= ID_MAX_LENGTH


def slug(text: str) -> str:
    """A suggested id: å, ä, ö and accents to plain letters, everything else to hyphens."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:ID_MAX_LENGTH].strip("-")


def check_id_matches_filename(ds: Dataset) -> list[Problem]:
    """The id of a party, forum, source or decision equals its file name without .yaml."""
    out = []
    for kind in FOLDERS.values():
        for stem, doc in sorted(ds.folder(kind).items()):
            ident = doc.data["id"]
            if ident == stem:
                continue
            if is_id(stem):
                fix = f"ändra id till '{stem}' eller byt namn på filen till '{ident}.yaml'"
            else:  # a copy saved as "salem (1).yaml": the file name cannot be an id, so never suggest it as one
                fix = (
                    "filnamnet kan inte vara ett id (bara a–z, siffror och bindestreck); byt namn på filen till "
                    f"det id som {POSTEN[kind]} ska ha, till exempel '{slug(stem) or 'nytt-id'}.yaml', "
                    "och skriv samma id här"
                )
            message = f"id:t '{ident}' är inte samma som filnamnet '{stem}.yaml'; {fix}"
            out.append(problem_at(doc, ("id",), "id-matches-filename", message))
    return out


def check_id_unique(ds: Dataset) -> list[Problem]:
    """Ids are unique across party and forum files, and within each list (commitments, levels, terms, ...)."""
    out = []
    seen: dict[str, str] = {}
    for kind in SHARED_IDS:
        for _stem, doc in sorted(ds.folder(kind).items()):
            ident = doc.data["id"]
            if ident in seen:
                out.append(
                    problem_at(
                        doc,
                        ("id",),
                        "id-unique",
                        f"id:t '{ident}' används redan i {seen[ident]}; ge den här filen ett eget id",
                    )
                )
            else:
                seen[ident] = doc.path
    for kind, path in ID_LISTS:
        doc = ds.singles.get(kind)
        if not doc:
            continue
        items = doc.data
        for key in path:
            items = items[key]
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            if item["id"] in first:
                line = doc.position((*path, first[item["id"]]))[0]
                out.append(
                    problem_at(
                        doc,
                        (*path, i, "id"),
                        "id-unique",
                        f"id:t '{item['id']}' finns redan på rad {line}; ge posten ett eget id",
                    )
                )
            first.setdefault(item["id"], i)
    return out


def check_kommunkod(ds: Dataset) -> list[Problem]:
    """Municipalities have a kommunkod, unique among parties; other parties have none."""
    out = []
    seen: dict[str, str] = {}
    for ident, doc in parter(ds):
        code = doc.data.get("kommunkod")
        if doc.data["kategori"] == "kommun" and code is None:
            out.append(
                problem_at(
                    doc,
                    ("kategori",),
                    "kommunkod",
                    'en kommun behöver kommunkod; lägg till kommunkod: "01xx" med SCB:s kod',
                )
            )
        elif doc.data["kategori"] != "kommun" and code is not None:
            out.append(
                problem_at(
                    doc,
                    ("kommunkod",),
                    "kommunkod",
                    "bara kommuner har kommunkod; ta bort raden eller ändra kategori till kommun",
                    key=True,
                )
            )
        elif code is not None:
            if code in seen:
                out.append(
                    problem_at(
                        doc,
                        ("kommunkod",),
                        "kommunkod",
                        f"kommunkoden {code} används redan av {seen[code]}; kontrollera koden hos SCB",
                    )
                )
            seen.setdefault(code, ident)
    return out
