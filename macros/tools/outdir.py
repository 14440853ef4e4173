"""The output folder is the build's alone: which folder may be built into, and the list that proves it.

A build replaces its whole output folder. So before anything is written, ``claim`` refuses a folder that holds
what is not a site: the checkout or a folder above it, the data, a folder with ``.git`` or ``data/``, a folder
someone else filled, a symlink, a file. Every build leaves a list of the files it wrote (``MANIFEST``) in the
folder; a folder may be replaced only if it is empty, or if it holds that list and nothing that is not on it.
A file added by hand to a built site is therefore never deleted: the next build stops and says which file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..core.exitcodes import USAGE, CommandError
from ..core.repo import ROOT, foreign_reason, shown

MANIFEST = ".samverkanshandboken-bygge"
HEADER = (
    "# Samverkanshandboken: filerna som bygget skrev i den här mappen (python -m macros build).\n"
    "# Nästa bygge ersätter mappen bara om den inte innehåller något annat.\n"
)
# What marks a folder as a checkout or a data folder, never a site (a site has data/ too: the open data, no YAML).
NOT_A_SITE = (".git", "mkdocs.yml", "noxfile.py", "pyproject.toml", "overenskommelse.yaml", "data/overenskommelse.yaml")


def claim(out_dir: Path, data_dir: Path | None = None) -> None:
    """Refuse out_dir, with one Swedish sentence and exit code USAGE, unless a build may replace it."""
    reason = refusal(Path(out_dir), None if data_dir is None else Path(data_dir))
    if reason:
        raise CommandError(reason, USAGE)


def refusal(out_dir: Path, data_dir: Path | None) -> str | None:
    where = shown(out_dir)
    fix = "välj en ny eller tom mapp med --out"
    target = Path(os.path.abspath(out_dir))
    if os.path.islink(target):
        return f"{where} är en symbolisk länk; bygget skriver bara i en riktig mapp, så {fix}"
    for folder in [target, *target.parents]:  # the nearest one that exists must be a folder
        try:
            if not stat.S_ISDIR(os.stat(folder).st_mode):
                return f"{shown(folder)} är en fil, inte en mapp; {fix}"
            break
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            return f"mappen {shown(folder)} går inte att använda ({exc.strerror}); {fix}"
    real = Path(os.path.realpath(out_dir))
    if real == ROOT or ROOT.is_relative_to(real):
        return f"{where} är projektets mapp eller en mapp ovanför den, och bygget ersätter hela mappen; {fix}"
    if data_dir is not None:
        data = Path(os.path.realpath(data_dir))
        if real == data or data.is_relative_to(real) or real.is_relative_to(data):
            return f"{where} är datamappen eller ligger i den eller runt den; {fix}, utanför {shown(data_dir)}"
    for inside in (".git", "data", "docs", "macros", "schema", "tests"):
        if real.is_relative_to(ROOT / inside):
            return f"{where} ligger i projektets mapp {inside}/; {fix}, till exempel site/"
    if real.is_relative_to(ROOT) and (reason := foreign_reason(out_dir)):
        return f"{reason}, och bygget skriver bara i mappar som är dess egna; {fix}"
    if not real.is_dir():
        return None  # a new folder: nothing to lose
    names = set(os.listdir(real))
    if not names:
        return None
    marks = [mark for mark in NOT_A_SITE if os.path.lexists(real / mark)]
    if marks:
        return f"{where} innehåller {marks[0]} och är ingen byggd handbok; bygget ersätter hela mappen, så {fix}"
    if MANIFEST not in names:
        return (
            f"{where} finns redan och är ingen handbok som det här programmet har byggt; bygget ersätter hela "
            f"mappen, så {fix} (eller ta själv bort {where} om den bara innehåller en gammal handbok)"
        )
    extra = strangers(real)
    if extra:
        return (
            f"{where} innehåller {extra[0]}, som bygget inte skrev (och {len(extra) - 1} fler)"
            if len(extra) > 1
            else f"{where} innehåller {extra[0]}, som bygget inte skrev"
        ) + "; flytta filen därifrån och bygg igen, så försvinner inget"
    return None


def strangers(folder: Path) -> list[str]:
    """Files and links in a built folder that its build did not write (sorted), by the folder's MANIFEST."""
    written = written_by_build(folder)
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        base = Path(dirpath)
        for name in [*filenames, *(d for d in dirnames if os.path.islink(base / d))]:
            relative = (base / name).relative_to(folder).as_posix()
            if relative != MANIFEST and (relative not in written or os.path.islink(base / name)):
                found.append(relative)
    return sorted(found)


def written_by_build(folder: Path) -> set[str]:
    path = Path(folder) / MANIFEST
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return set()
    except FileNotFoundError:
        return set()
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def mark(folder: Path) -> None:
    """Write the MANIFEST of a finished build: every file in folder, which this build has just written."""
    folder = Path(folder)
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)
    (folder / MANIFEST).write_text(HEADER + "".join(f"{name}\n" for name in files), encoding="utf-8")
