"""Put a finished build in the output folder's place, so that the folder is a whole site at every moment.

Linux and macOS exchange the two folders in one step (renameat2 RENAME_EXCHANGE, renamex_np RENAME_SWAP).
Elsewhere, and on file systems without the exchange, two renames: the previous site is kept as .NAME-old-* until
the new one is in place, and a build killed between them is put right by the next build (clean_up_after_killed).
A folder that is a mount point cannot be renamed: it is emptied of what the previous build wrote (its MANIFEST,
outdir.py) and filled in place.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
import tempfile
from pathlib import Path

from ..core.terminal import visible
from . import outdir


def swap_in(new: Path, target: Path, pause=lambda point: None) -> None:
    """Put the folder new in target's place. Afterwards new holds the previous site (or nothing)."""
    if not target.exists():
        os.rename(new, target)
        return
    if os.path.ismount(target):
        fill_in_place(new, target)
        return
    if _exchange(new, target):
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    pause("between-renames")
    os.rename(new, target)
    os.rename(old, new)  # the caller removes new, now the previous site


def fill_in_place(new: Path, target: Path) -> None:
    """Replace what the previous build wrote in target with new's files, moving them across; new ends empty.
    Only files on target's MANIFEST are removed (outdir.claim has already refused a folder with others)."""
    for relative in sorted(outdir.written_by_build(target), reverse=True):
        path = target / relative
        if path.is_file() and not path.is_symlink():
            path.unlink()
    for folder in sorted((p for p in target.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    (target / outdir.MANIFEST).unlink(missing_ok=True)
    for path in sorted(new.rglob("*"), key=lambda p: p.name == outdir.MANIFEST):  # the list last: whole or none
        if path.is_file():
            destination = target / path.relative_to(new)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, destination)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically where the system can; False if it cannot (then nothing has changed)."""
    if os.environ.get("HANDBOK_BUILD_NO_EXCHANGE"):  # the tests' way to take the two-rename path
        return False
    if not (sys.platform.startswith("linux") or sys.platform == "darwin"):
        return False  # Windows has no exchange of folders
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
            at_fdcwd, rename_exchange = -100, 2
            done = libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
        elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
            rename_swap = 2
            done = libc.renamex_np(os.fsencode(a), os.fsencode(b), rename_swap)
        else:
            return False
    except OSError:  # no C library to be had (Windows)
        return False
    return done == 0


def clean_up_after_killed(out_dir: Path) -> None:
    """Under the lock no other build runs: folders left by a killed one go, and a site moved aside by a
    build killed between its two renames comes back."""
    parent, name = out_dir.parent, out_dir.name
    olds = sorted(parent.glob(f".{name}-old-*"), key=lambda p: p.stat().st_mtime)
    if olds and not out_dir.exists():
        os.rename(olds.pop(), out_dir)
        print(visible(f"Lade tillbaka den förra webbplatsen i {name}/ efter ett avbrutet bygge."), file=sys.stderr)
    for leftover in [*olds, *parent.glob(f".{name}-staging-*"), *parent.glob(f".{name}-pdf-*")]:
        if not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def readable_by_others(folder: Path) -> None:
    """A staging folder from mkdtemp is 0700; a built site must be readable by a web server run as another
    user: give it the mode a plain mkdir would (0755 under the usual umask)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask)
