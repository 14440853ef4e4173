"""The whole publication in one step: the strict site build, the PDFs, the app and the offline archive.

`nox -s build` and the tests both call this (``python -m macros build``), so what is tested is what is
published. The site (an MkDocs process) and the PDFs (this process) are made at the same time;
the PDFs wait in a folder of their own until the site has built, because MkDocs empties the site folder when
it starts.

The output folder is the build's alone (outdir.py: a folder that holds anything else is refused before anything
is written). Every build writes into a staging folder of its own beside the site and swaps it in only when it
is complete (swap.py); a lock file beside the site keeps two builds of the same folder one after the other
(buildlock.py). A build killed at any point leaves the previous site whole (tests/test_publish.py kills builds
at each named point of _pause), and its MkDocs process ends with it (tether.py).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from ..core import pipeline
from ..core.exitcodes import DATA, ENVIRONMENT, INTERNAL, OK, fail
from ..core.model import Handbok
from ..core.problems import DataError, report
from ..core.repo import ROOT
from ..core.utgava import Utgava, utgava
from ..outputs import app, offline
from . import outdir, swap, tether
from .buildlock import build_lock

BUILDERS = ("mkdocs", "zensical")  # MkDocs + Material is the default; Zensical: macros/site/zensical.py


def build(out_dir: Path, data_dir: Path, builder: str = "mkdocs") -> int:
    """Build a new out_dir from data_dir and put it in place whole; non-zero on any error, with the step's
    own messages printed. Until the new site is complete, the previous out_dir stays as it was."""
    out_dir, data_dir = Path(os.path.abspath(out_dir)), Path(data_dir).resolve()
    outdir.claim(out_dir, data_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(out_dir), _work_lock(builder):
        outdir.claim(out_dir, data_dir)  # again under the lock: another build or a person may have been at it
        swap.clean_up_after_killed(out_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-staging-", dir=out_dir.parent))
        try:
            _pause("staging")
            code = _build_into(staging, data_dir, out_dir.name, builder)
            if code:
                return code
            swap.readable_by_others(staging)
            _pause("swap")
            swap.swap_in(staging, out_dir, _pause)
            _pause("swapped")
        finally:
            # After the swap, the previous site: only a folder outdir.claim accepted, so nothing but a build's.
            shutil.rmtree(staging, ignore_errors=True)
    return OK


def pdfs_only(data_dir: Path, out_dir: Path) -> int:
    """`python -m macros pdf`: the PDFs alone into out_dir, under the same rules as a build: only into a folder
    of the build's own, one at a time with a build of it, and listed as written by the build."""
    from ..pdf.write import run

    out_dir = Path(os.path.abspath(out_dir))
    outdir.claim(out_dir, data_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with build_lock(out_dir):
        outdir.claim(out_dir, data_dir)
        try:
            return run(Path(data_dir), out_dir)
        finally:
            outdir.mark(out_dir)  # claim found nothing else there: every file in it is a build's


def _work_lock(builder: str):
    """Zensical builds in one work folder per checkout, whatever the site folder (macros/site/zensical.py: WORK):
    two Zensical builds at once take turns there, as two builds of one site folder do."""
    if builder != "zensical":
        return contextlib.nullcontext()
    from ..core.exitcodes import USAGE, CommandError
    from ..core.repo import foreign_reason
    from ..site import zensical

    if reason := foreign_reason(zensical.WORK):
        raise CommandError(f"{reason}, och Zensical bygger bara i en egen arbetsmapp; ta bort den och bygg igen", USAGE)
    zensical.WORK.parent.mkdir(parents=True, exist_ok=True)
    return build_lock(zensical.WORK, f"med Zensical i {zensical.WORK.relative_to(ROOT).as_posix()}/")


def _build_into(out_dir: Path, data_dir: Path, name: str, builder: str) -> int:
    """Site, PDFs and archive into out_dir, a fresh folder of this build's own, for the site folder name."""
    start = time.perf_counter()
    utg = utgava(data_dir)  # once: the PDFs' covers and the archive's name give the same edition
    env = {**os.environ, "HANDBOK_DATA": str(data_dir), "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = [
        sys.executable,
        "-m",
        "macros.tools.siterun",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(ROOT / "mkdocs.yml"),
    ]
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
        site = tether.start(site_cmd, cwd=zensical.WORK if builder == "zensical" else ROOT, env=env)
        _pause("mkdocs")
        pdfs = _pdfs(data_dir, staging, utg, handbok)
        _pause("pdf")
        if code := site.wait():  # MkDocs has printed why (bad data: the checker's messages; a full disk)
            return code if code in (ENVIRONMENT, INTERNAL) else DATA
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
        if site is not None:
            tether.stop(site)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    # The app lists every file it keeps, so it comes after the site and the PDFs.
    try:
        kept = app.write_app(out_dir, *_name_and_description())
    except app.AppError as exc:
        return fail(f"{exc}; rapportera felet till dem som förvaltar koden", INTERNAL)
    # Last: the offline archive holds everything written above; the list of what the build wrote, the archive too.
    archive = offline.write_archive(out_dir, utg)
    outdir.mark(out_dir)
    seconds = f"{time.perf_counter() - start:.1f}".replace(".", ",")
    megabytes = f"{kept.bytes / 1e6:.1f}".replace(".", ",")
    print(
        f"Skrev webbplatsen, {pdfs} PDF-filer, appen (sparar {kept.files} filer, {megabytes} MB, på enheten) "
        f"och {archive.name} på {seconds} s."
    )
    return OK


def _name_and_description() -> tuple[str, str]:
    """The app's name and description: the site's own (mkdocs.yml, which both builders read)."""
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return config["site_name"], config.get("site_description") or config["site_name"]


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
