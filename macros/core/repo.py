"""Where the checkout's own folders are: one home, so no module counts `.parent` steps of its own.

And whether a folder in it is really the build's own: a git-ignored path (build/, site/, .site.lock) can still be
committed with `git add -f`, or committed as a symlink to somewhere else. The build never reads from or writes
through such a path (foreign_reason).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout: mkdocs.yml, data/, schema/, docs/
CONFIG = ROOT / "mkdocs.yml"
SCHEMA_DIR = ROOT / "schema"
PDF_FONTS = ROOT / "macros" / "pdf" / "fonts"  # the PDFs' fonts: the checker reads which characters they have
PDF_ZERO_FONT = "PublicSans-"  # the files of the font that draws the PDFs' digit zero alone (fonts/README.md)


def shown(path: Path) -> str:
    """path as a reader recognises it: relative to the checkout when inside it."""
    try:
        return Path(path).absolute().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def symlink_on_the_way(path: Path) -> Path | None:
    """The first symlink among path and its folders below the checkout (or, outside it, path itself), else None.

    Looked at with lstat, without following anything: a committed `build -> /elsewhere` is found before a single
    file is read or written through it."""
    path = Path(os.path.abspath(path))
    try:
        below = path.relative_to(ROOT).parts
        steps = [ROOT.joinpath(*below[: i + 1]) for i in range(len(below))]
    except ValueError:
        steps = [path]
    for step in steps:
        try:
            if stat.S_ISLNK(os.lstat(step).st_mode):
                return step
        except FileNotFoundError:
            return None
        except OSError:
            return step  # cannot be looked at: treat as not ours
    return None


def tracked_under(path: Path) -> list[str]:
    """The files git tracks at or under path, if path is inside the checkout (none where git is not to be had)."""
    path = Path(os.path.abspath(path))
    try:
        relative = path.relative_to(ROOT).as_posix()
    except ValueError:
        return []
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        return []
    try:
        out = subprocess.run(
            [git, "-C", str(ROOT), "ls-files", "-z", "--", relative or "."],
            capture_output=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [name for name in out.decode("utf-8", "replace").split("\0") if name]


def foreign_reason(path: Path) -> str | None:
    """Why path is not a folder of the build's own to read or write (a Swedish phrase), or None if it is."""
    link = symlink_on_the_way(path)
    if link is not None:
        return f"{shown(link)} är en symbolisk länk"
    files = tracked_under(path)
    if files:
        return f"{shown(path)} innehåller filer som är incheckade i git ({files[0]})"
    return None
