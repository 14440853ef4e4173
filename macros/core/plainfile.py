"""Only a data folder's own plain files are read: a link or a special file (FIFO, device, socket) is refused
before it is opened, and a file is opened so that nothing put in its place afterwards is followed or waited on."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .problems import Problem


def refusal(name: str, info: os.stat_result) -> Problem | None:
    """The problem with a file that is not a plain file (from lstat), or None."""
    if stat.S_ISLNK(info.st_mode):
        return symlink(name)
    if stat.S_ISDIR(info.st_mode):
        return Problem(
            name,
            1,
            1,
            "special-file",
            "det här är en mapp, men en datafil ska stå här; ersätt mappen med filen eller ta bort mappen",
        )
    if not stat.S_ISREG(info.st_mode):
        return Problem(
            name,
            1,
            1,
            "special-file",
            f"det här är ingen vanlig fil utan {_file_type(info.st_mode)}; ta bort den från data/",
        )
    return None


def symlink(name: str) -> Problem:
    """A link where a data file should be (in data/, or in a revision's data/ that diff reads)."""
    return Problem(
        name,
        1,
        1,
        "symlink",
        "filen är en symbolisk länk; data/ får bara innehålla vanliga filer, så ersätt länken med själva filen",
    )


def _file_type(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "en mapp"
    if stat.S_ISFIFO(mode):
        return "en namngiven rörledning (FIFO)"
    if stat.S_ISSOCK(mode):
        return "en socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhetsfil"
    return "en specialfil"


class NotPlainFile(OSError):
    """What was opened is a FIFO, a device, a socket or a folder: nothing to read a data file or table from."""


def read_plain(path: Path, limit: int, follow_links: bool = False) -> bytes:
    """The file's bytes, opened so that a link (unless ``follow_links``) or a FIFO put in its place after the
    check is not followed or waited on, and read no further than ``limit`` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotPlainFile(0, f"ingen vanlig fil utan {_file_type(mode)}", str(path))
    with os.fdopen(fd, "rb") as handle:
        return handle.read(limit)


def unreadable(name: str, exc: OSError) -> Problem:
    reason = exc.strerror or str(exc)
    return Problem(
        name,
        1,
        1,
        "file-unreadable",
        f"filen går inte att läsa ({reason}); kontrollera att den finns och att du får läsa den",
    )
