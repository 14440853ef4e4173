"""What every rule module shares: the one way to make a problem at a key, and the documents in a stable order."""

from __future__ import annotations

from collections.abc import Iterator

from ..dataset import FOLDERS, Dataset
from ..loader import Document
from ..problems import Problem


def problem_at(
    doc: Document, path: tuple, rule: str, message: str, severity: str = "fel", key: bool = False
) -> Problem:
    """A problem at the value under ``path`` in ``doc`` (at its key with ``key=True``)."""
    line, column = doc.key_position(path) if key else doc.position(path)
    return Problem(doc.path, line, column, rule, message, severity)


def parter(ds: Dataset) -> Iterator[tuple[str, Document]]:
    return iter(sorted(ds.parter.items()))


def forum(ds: Dataset) -> Iterator[tuple[str, Document]]:
    return iter(sorted(ds.forum.items()))


def documents(ds: Dataset) -> list[tuple[str, str, Document]]:
    """Every document with its kind and id (its kind for a single file): the folders' files, single files, sorted."""
    return [
        *((kind, ident, doc) for kind in FOLDERS.values() for ident, doc in sorted(ds.folder(kind).items())),
        *((kind, kind, doc) for kind, doc in sorted(ds.singles.items())),
    ]


def kategorier(ds: Dataset) -> set[str]:
    """The categories a member or holder may name: every party's kategori, and alla."""
    return {doc.data["kategori"] for doc in ds.parter.values()} | {"alla"}


def texts(value, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string value under ``value`` with its path, in the file's order (keys are the schema's words)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from texts(item, (*path, i))
