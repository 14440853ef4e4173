"""The whole publication in one step: the strict site build, the PDFs and the offline archive.

`nox -s build` and the tests both call this (``python -m macros build``), so what is tested is what is
published. The site (an MkDocs process) and the PDFs (this process) are made at the same time;
the PDFs wait in a folder of their own until the site has built, because MkDocs empties the site folder when
it starts.

Every build writes into a staging folder of its own beside the site and swaps it in only when it is complete;
a lock file beside the site keeps two builds of the same folder one after the other. A build killed at any
point leaves the previous site whole (tests/test_publish.py kills builds at each named point of _pause).
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..core import pipeline
from ..core.exitcodes import DATA, ENVIRONMENT, OK, CommandError, fail
from ..core.model import Handbok
from ..core.problems import DataError, report
from ..core.repo import ROOT
from ..core.utgava import Utgava, utgava
from ..outputs import offline

BUILDERS = ("mkdocs", "zensical")  # MkDocs + Material is the default; Zensical: macros/site/zensical.py


def build(out_dir: Path, data_dir: Path, builder: str = "mkdocs") -> int:
    """Build a new out_dir from data_dir and put it in place whole; non-zero on any error, with the step's
    own messages printed. Until the new site is complete, the previous out_dir stays as it was."""
    out_dir, data_dir = Path(out_dir).resolve(), Path(data_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(out_dir), _work_lock(builder):
        _clean_up_after_killed_builds(out_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-staging-", dir=out_dir.parent))
        try:
            _pause("staging")
            code = _build_into(staging, data_dir, out_dir.name, builder)
            if code:
                return code
            _pause("swap")
            swap_in(staging, out_dir)
            _pause("swapped")
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # after the swap: the previous site
    return OK


def _build_into(out_dir: Path, data_dir: Path, name: str, builder: str) -> int:
    """Site, PDFs and archive into out_dir, a fresh folder of this build's own, for the site folder name."""
    start = time.perf_counter()
    utg = utgava(data_dir)  # once: the PDFs' covers and the archive's name give the same edition
    env = {**os.environ, "HANDBOK_DATA": str(data_dir), "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml")]
    site_cmd = [*mkdocs, "--site-dir", str(out_dir)]
    handbok = None  # this process's model, for the PDFs; MkDocs's process checks the data itself
    if builder == "zensical":
        from ..site import zensical

        if importlib.util.find_spec("zensical") is None:
            return fail("Zensical är inte installerat; python3 noxfile.py -s zensical installerar det", ENVIRONMENT)
        try:  # the generation step that MkDocs runs from its hook, before Zensical's build
            handbok, _warnings = pipeline.load(data_dir)
            site_cmd = zensical.command(zensical.prepare(handbok, data_dir))
        except DataError as exc:
            print("Datan har fel, så handboken byggs inte:\n" + report(exc.problems), file=sys.stderr)
            return DATA
    site = staging = None
    # Stopped from outside (CI cancelling a job): unwind as on an error, so that MkDocs, the PDF processes and
    # the staging folder go too.
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{name}-pdf-", dir=out_dir.parent))
        site = subprocess.Popen(site_cmd, env=env, cwd=zensical.WORK if builder == "zensical" else ROOT)
        _pause("mkdocs")
        pdfs = _pdfs(data_dir, staging, utg, handbok)
        _pause("pdf")
        if site.wait():
            return DATA  # MkDocs has printed why (bad data: the checker's messages)
        if builder == "zensical":
            zensical.finish(zensical.WORK, out_dir)
        if isinstance(pdfs, DataError):  # the site build accepted what the PDF step did not: never silently
            print(report(pdfs.problems), file=sys.stderr)
            return DATA
        if pdfs is None:
            return DATA
        for path in sorted(p for p in staging.rglob("*") if p.is_file()):
            target = out_dir / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if site is not None and site.poll() is None:
            site.kill()
            site.wait()
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    # Last: the offline archive holds everything written above.
    archive = offline.write_archive(out_dir, utg)
    seconds = f"{time.perf_counter() - start:.1f}".replace(".", ",")
    print(f"Skrev webbplatsen, {pdfs} PDF-filer och {archive.name} på {seconds} s.")
    return OK


# --- One build at a time, and a whole site at every moment -------------------------------------------------

WAIT_SECONDS = 15 * 60  # a second build waits this long for the first (HANDBOK_BUILD_WAIT; 0: refuse at once)


def lock_path(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.lock"


def _work_lock(builder: str):
    """Zensical builds in one work folder per checkout, whatever the site folder (macros/site/zensical.py: WORK):
    two Zensical builds at once take turns there, as two builds of one site folder do."""
    if builder != "zensical":
        return contextlib.nullcontext()
    from ..site import zensical

    zensical.WORK.parent.mkdir(parents=True, exist_ok=True)
    return build_lock(zensical.WORK, f"med Zensical i {zensical.WORK.relative_to(ROOT).as_posix()}/")


@contextlib.contextmanager
def build_lock(out_dir: Path, what: str = ""):
    """Hold the build lock of out_dir; a second build waits (saying so), or refuses after HANDBOK_BUILD_WAIT.
    what names the build in those messages ("av site/" unless told).

    fcntl.flock on Linux and macOS, msvcrt.locking on Windows; the operating system lets go of it when the
    process ends, however it ends, so a killed build never leaves a stale lock. Where neither exists, builds
    are not kept apart (each still has its own staging folder).
    """
    path = lock_path(out_dir)
    what = what or f"av {out_dir.name}/"
    wait = float(os.environ.get("HANDBOK_BUILD_WAIT", WAIT_SECONDS))
    handle = open(path, "a+b")  # noqa: SIM115 -- closed in finally, after the lock is released
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
                print(f"Ett annat bygge {what} pågår{holder}; väntar tills det är klart ...", file=sys.stderr)
                said = True
            time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock


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


def swap_in(new: Path, target: Path) -> None:
    """Put the folder new in target's place. Afterwards new holds the previous site (or nothing).

    Linux and macOS exchange the two folders in one step (renameat2 RENAME_EXCHANGE, renamex_np RENAME_SWAP),
    so target is always a whole site. Elsewhere, and on file systems without the exchange, two renames: the
    previous site is kept as .NAME-old-* until the new one is in place, and a build killed between the two
    renames is put right by the next build (_clean_up_after_killed_builds).
    """
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    _pause("between-renames")
    os.rename(new, target)
    os.rename(old, new)  # the caller removes new, now the previous site


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


def _clean_up_after_killed_builds(out_dir: Path) -> None:
    """Under the lock no other build runs: folders left by a killed one go, and a site moved aside by a
    build killed between its two renames comes back."""
    parent, name = out_dir.parent, out_dir.name
    olds = sorted(parent.glob(f".{name}-old-*"), key=lambda p: p.stat().st_mtime)
    if olds and not out_dir.exists():
        os.rename(olds.pop(), out_dir)
        print(f"Lade tillbaka den förra webbplatsen i {name}/ efter ett avbrutet bygge.", file=sys.stderr)
    for leftover in [*olds, *parent.glob(f".{name}-staging-*"), *parent.glob(f".{name}-pdf-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _pause(point: str) -> None:
    """For the tests: HANDBOK_BUILD_PAUSE=POINT stops here for a while, so a test can kill the build here."""
    if point in os.environ.get("HANDBOK_BUILD_PAUSE", "").split(","):
        print(f"HANDBOK_BUILD_PAUSE {point}", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get("HANDBOK_BUILD_PAUSE_SECONDS", "600")))


def _exit_on_sigterm(signum, frame):
    sys.exit(128 + signum)


def _pdfs(data_dir: Path, staging: Path, utg: Utgava, handbok: Handbok | None) -> int | DataError | None:
    """Write the PDFs of edition utg into staging, from handbok or else data_dir: the number written; the
    DataError if the data is bad (the site build reports it, printed once rather than twice); or None after
    printing why not."""
    from ..pdf.cache import default_cache
    from ..pdf.write import PdfError, write_pdfs

    if handbok is None:
        try:
            handbok, _warnings = pipeline.load(data_dir)
        except DataError as exc:
            return exc
    try:
        return len(write_pdfs(handbok, staging, utg, cache=default_cache()))
    except PdfError as exc:
        print(f"PDF-filerna kunde inte skapas: {exc}", file=sys.stderr)
        return None
