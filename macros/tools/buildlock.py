"""One build of a folder at a time: a lock file beside the folder, held for the whole build.

fcntl.flock on Linux and macOS, msvcrt.locking on Windows; the operating system lets go of it when the process
ends, however it ends, so a killed build never leaves a stale lock. Where neither exists, builds are not kept
apart (each still has its own staging folder). The lock file is opened without following a symlink: a committed
`.site.lock -> /somewhere` must not make the build truncate a file outside the checkout.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
from pathlib import Path

from ..core.exitcodes import ENVIRONMENT, USAGE, CommandError
from ..core.repo import shown
from ..core.terminal import visible

WAIT_SECONDS = 15 * 60  # a second build waits this long for the first (HANDBOK_BUILD_WAIT; 0: refuse at once)


def lock_path(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.lock"


def wait_seconds() -> float:
    """HANDBOK_BUILD_WAIT, or the default; a value that is no number of seconds is a usage error."""
    text = os.environ.get("HANDBOK_BUILD_WAIT", "").strip()
    if not text:
        return WAIT_SECONDS
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise CommandError(
            f"HANDBOK_BUILD_WAIT ska vara ett antal sekunder, till exempel 60, men är '{text}'; rätta eller ta bort "
            "variabeln",
            USAGE,
        )
    return seconds


@contextlib.contextmanager
def build_lock(out_dir: Path, what: str = ""):
    """Hold the build lock of out_dir; a second build waits (saying so), or refuses after HANDBOK_BUILD_WAIT.
    what names the build in those messages ("av site/" unless told)."""
    path = lock_path(out_dir)
    what = what or f"av {out_dir.name}/"
    wait = wait_seconds()
    handle = _open(path)
    try:
        deadline = time.monotonic() + wait
        said = False
        while not _try_lock(handle):
            holder = _holder(path)
            if time.monotonic() >= deadline:
                raise CommandError(
                    f"ett annat bygge {what} pågår redan{holder}; vänta tills det är klart och bygg sedan igen",
                    ENVIRONMENT,
                )
            if not said:
                print(visible(f"Ett annat bygge {what} pågår{holder}; väntar tills det är klart ..."), file=sys.stderr)
                said = True
            time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock


def _open(path: Path):
    """The lock file, created if need be, never through a symlink and only if it is a plain file."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0), 0o644)
    except OSError as exc:
        if os.path.islink(path):
            raise _not_ours(path, "är en symbolisk länk") from None
        raise exc
    if not stat.S_ISREG(os.fstat(fd).st_mode) or os.path.islink(path):  # Windows has no O_NOFOLLOW
        os.close(fd)
        raise _not_ours(path, "är ingen vanlig fil")
    return os.fdopen(fd, "r+b")


def _not_ours(path: Path, what: str) -> CommandError:
    return CommandError(
        f"låsfilen {shown(path)} {what}; bygget använder bara en egen låsfil, så ta bort {shown(path)} och bygg igen",
        USAGE,
    )


def _try_lock(handle) -> bool:
    try:
        import fcntl
    except ImportError:
        fcntl = None
    if fcntl is not None:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
    try:
        import msvcrt
    except ImportError:
        return True  # no lock to be had: degrade to separate staging folders only
    try:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):  # Windows: the locked byte cannot be read
        return ""
    return f" (process {pid})" if pid.isdigit() else ""
