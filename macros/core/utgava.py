"""The edition of a build: when it was made and from which revision of the data.

The PDF's cover and the offline archive's name both say it, so both take it from here (the cover writes
the day in words with text.format.datum).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import tid


@dataclass(frozen=True)
class Utgava:
    skapad: datetime  # UTC
    commit: str | None  # short commit of the data; None outside a git checkout
    andrad: bool = False  # data/ has edits that are not committed

    @property
    def revision(self) -> str:
        """The revision in words, for people; empty outside a git checkout, where readers are told nothing
        rather than a word about git (the cover and the archive leave the line out)."""
        if self.commit is None:
            return ""
        return f"{self.commit} med ändringar som inte är incheckade" if self.andrad else self.commit

    @property
    def slug(self) -> str:
        """The revision in a file name: empty when unknown, so a name ends with the date instead."""
        if self.commit is None:
            return ""
        return f"{self.commit}-andrad" if self.andrad else self.commit

    @property
    def dag(self) -> str:
        """The build date in Stockholm, ISO 8601: the PDFs' creation date. A day, not a moment, so that a PDF
        rebuilt the same day from the same data has the same bytes and can come from the cache."""
        return self._lokal().date().isoformat()

    def _lokal(self) -> datetime:
        return tid.i_stockholm(self.skapad)


def utgava(data_dir: Path) -> Utgava:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(data_dir), *args], capture_output=True, text=True, check=True, timeout=30
        ).stdout.strip()

    try:
        commit = git("log", "-1", "--format=%h", "--", ".") or git("rev-parse", "--short", "HEAD")
        dirty = bool(git("status", "--porcelain", "--", "."))
    except (OSError, subprocess.SubprocessError):
        return Utgava(tid.nu(), None)
    return Utgava(tid.nu(), commit, dirty)
