"""Find the data files, read each once with the strict loader and check it against its schema."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import schemas
from .loader import Document, load_file
from .problems import Problem

# Where each file kind lives under data/, and the schema it follows (schema/<kind>.schema.json).
SINGLE_FILES = {
    "overenskommelse.yaml": "overenskommelse",
    "avgifter.yaml": "avgifter",
    "ordlista.yaml": "ordlista",
    "ansvar.yaml": "ansvar",
    "aktivering.yaml": "aktivering",
}
# Single files that may be left out: a dataset without ansvar.yaml has no responsibilities; one without
# aktivering.yaml (a revision from before it, which diff reads) has a page Aktiverat läge that says so, and no cards.
OPTIONAL_FILES = {"ansvar.yaml", "aktivering.yaml"}
# One file per entity, named by its id. Sources and decisions too: two changes that each add a party with its
# source and decision then touch no file in common, where one list per kind made Git conflicts every time.
FOLDERS = {
    "parter": "part",
    "forum": "forum",
    "kallor": "kalla",
    "beslut": "beslut",
}


@dataclass
class Dataset:
    """The schema-valid documents of one data folder, by kind and id."""

    root: Path
    singles: dict[str, Document] = field(default_factory=dict)  # kind -> document
    parter: dict[str, Document] = field(default_factory=dict)  # file stem -> document
    forum: dict[str, Document] = field(default_factory=dict)
    kallor: dict[str, Document] = field(default_factory=dict)
    beslut: dict[str, Document] = field(default_factory=dict)
    # Stems of files left out for their own errors: references to them are not reported again.
    skipped: dict[str, set[str]] = field(default_factory=dict)  # kind -> stems
    # (folder, working directory) -> the folder's real path. Each folder is resolved once per dataset (that
    # is, once per load and build: a folder may have become a link since the last one), not once per file:
    # thousands of files share a few folders. The working directory is part of the key because a relative
    # folder depends on it.
    _real_folders: dict[tuple[str, str], str] = field(default_factory=dict, repr=False, compare=False)

    def has_part(self, ident: str) -> bool:
        return ident in self.parter or ident in self.skipped.get("part", set())

    def has_forum(self, ident: str) -> bool:
        return ident in self.forum or ident in self.skipped.get("forum", set())

    def folder(self, kind: str) -> dict[str, Document]:
        return {"part": self.parter, "forum": self.forum, "kalla": self.kallor, "beslut": self.beslut}[kind]

    def repo_path(self, doc: Document) -> str:
        """The document's path in the repository (data/...), wherever the data folder was read from: what the
        model's ``fil`` holds, for "edit this page" links."""
        root = self._real_folder(os.fspath(self.root))  # whole: the folder may be given as data/parter/..
        return "data/" + Path(self._realpath(doc.path)).relative_to(root).as_posix()

    def _realpath(self, path) -> str:
        """os.path.realpath (what Path.resolve does), with each folder resolved once: thousands of files share few."""
        path = os.fspath(path)
        if os.path.islink(path):
            return os.path.realpath(path)
        folder, name = os.path.split(path)
        return os.path.join(self._real_folder(folder or os.curdir), name)

    def _real_folder(self, folder: str) -> str:
        key = (folder, os.getcwd())
        if key not in self._real_folders:
            self._real_folders[key] = os.path.realpath(folder)
        return self._real_folders[key]


def display_path(path: Path) -> str:
    """Path as the coordinator sees it: relative to the working directory where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def data_files(root: Path) -> list[tuple[Path, str | None]]:
    """Every file under ``root`` with its kind; None for a file that does not belong there.

    Links are never followed: a link (to a file or a folder) is listed as a file, and the loader refuses it. A
    folder named like a data file (avgifter.yaml/, parter/x.yaml/) is listed too, not entered: the loader
    refuses it, where it would otherwise be taken for the file and the model built without it.
    """
    found: list[tuple[Path, str | None]] = []

    def unreadable(error: OSError) -> None:  # a folder os.walk cannot list would otherwise be left out silently
        found.append((Path(error.filename), "unreadable"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=False):
        here = Path(dirpath)
        listed = [d for d in dirnames if (here / d).is_symlink() or d.endswith(".yaml")]
        dirnames[:] = sorted(d for d in dirnames if d not in listed)
        for name in sorted([*filenames, *listed]):
            path = here / name
            if name.startswith(".") or name == "README.md":
                continue
            rel = path.relative_to(root)
            if len(rel.parts) == 1 and rel.name in SINGLE_FILES:
                found.append((path, SINGLE_FILES[rel.name]))
            elif len(rel.parts) == 2 and rel.parts[0] in FOLDERS and rel.suffix == ".yaml":
                found.append((path, FOLDERS[rel.parts[0]]))
            else:
                found.append((path, "link" if path.is_symlink() else None))
    return sorted(found)


def load_dataset(root: Path) -> tuple[Dataset, list[Problem]]:
    """Load and schema-check every file. Documents with problems are left out of the dataset."""
    ds = Dataset(root)
    problems: list[Problem] = []
    if not root.is_dir():
        return ds, [
            Problem(
                display_path(root), 1, 1, "data-folder", "mappen finns inte; ange mappen med data, till exempel data"
            )
        ]
    for path, kind in data_files(root):
        name = display_path(path)
        if kind is None:
            problems.append(Problem(name, 1, 1, "unknown-file", _unknown_file_message(path, root)))
            continue
        if kind == "unreadable":
            message = "mappen går inte att läsa; kontrollera att du får läsa den och filerna i den"
            problems.append(Problem(name, 1, 1, "file-unreadable", message))
            continue
        doc, found = load_file(path, name)
        if kind == "link":  # a link where no data file belongs: the loader's refusal says it is a link
            problems += found
            continue
        if doc is not None:
            found = schemas.validate(doc, kind)
        problems += found
        if found:
            ds.skipped.setdefault(kind, set()).add(path.stem)
            continue
        if kind in FOLDERS.values():
            ds.folder(kind)[path.stem] = doc
        else:
            ds.singles[kind] = doc
    for filename in SINGLE_FILES:
        if filename not in OPTIONAL_FILES and not os.path.lexists(root / filename):
            problems.append(
                Problem(
                    display_path(root / filename),
                    1,
                    1,
                    "file-missing",
                    f"filen {filename} saknas; den behövs för att bygga handboken",
                )
            )
    return ds, problems


# The list files that became one file per entry: file -> its folder in data/, which is also the list's key. A branch
# made before may still bring one, and tools/diff.py reads an older revision's as files.
LIST_FILES = {"kallor.yaml": "kallor", "beslut.yaml": "beslut"}
_ENTRIES = {"kallor": ("källorna", "källa"), "beslut": ("besluten", "beslut")}  # the entries, in a message


def _unknown_file_message(path: Path, root: Path) -> str:
    rel = path.relative_to(root)
    if rel.as_posix() in LIST_FILES:
        folder = LIST_FILES[rel.as_posix()]
        entries, entry = _ENTRIES[folder]
        return (
            f"{entries} står nu i var sin fil i data/{folder}/, inte i {rel.as_posix()}: flytta varje {entry} i "
            f"listan till en egen fil data/{folder}/ID.yaml med id:t som filnamn, och ta bort {rel.as_posix()}"
        )
    if path.suffix in (".yml", ".YAML", ".Yaml"):
        return f"filen har ändelsen {path.suffix}; byt namn till {path.stem}.yaml"
    folders = ", ".join(f"{f}/" for f in FOLDERS)
    singles = ", ".join(SINGLE_FILES)
    return f"filen {rel.as_posix()} hör inte hemma här; data/ innehåller bara {singles} och .yaml-filer i {folders}"
