"""The whole publication in one step: the strict site build, the PDFs and the offline archive.

`nox -s build` and the tests both call this, so what is tested is what is published. The site (an MkDocs
process) and the PDFs (this process and its forks) are made at the same time; the PDFs wait in a folder of
their own until the site has built, because MkDocs empties the site folder when it starts.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import offline, pipeline
from .problems import DataError, report
from .utgava import utgava

ROOT = Path(__file__).resolve().parent.parent  # where mkdocs.yml is


BUILDERS = ("mkdocs", "zensical")  # MkDocs + Material is the default; Zensical: macros/zensical.py


def build(out_dir: Path, data_dir: Path, builder: str = "mkdocs") -> int:
    """Build into out_dir from data_dir; non-zero on any error, with the step's own messages printed."""
    start = time.perf_counter()
    out_dir, data_dir = Path(out_dir).resolve(), Path(data_dir).resolve()
    env = {**os.environ, "HANDBOK_DATA": str(data_dir), "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml")]
    site_cmd = [*mkdocs, "--site-dir", str(out_dir)]
    if builder == "zensical":
        from . import zensical

        try:  # the generation step that MkDocs runs from its hook, before Zensical's build
            site_cmd = zensical.command(zensical.prepare(data_dir))
        except DataError as exc:
            print("Datan har fel, så handboken byggs inte:\n" + report(exc.problems), file=sys.stderr)
            return 1
    site = staging = None
    # Stopped from outside (CI cancelling a job): unwind as on an error, so that MkDocs, the PDF processes and
    # the staging folder go too.
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".pdf-", dir=out_dir.parent))
        site = subprocess.Popen(site_cmd, env=env, cwd=zensical.WORK if builder == "zensical" else ROOT)
        pdfs = _pdfs(data_dir, staging)
        if site.wait():
            return site.returncode  # MkDocs has printed why (bad data: the checker's messages)
        if builder == "zensical":
            zensical.finish(zensical.WORK, out_dir)
        if isinstance(pdfs, DataError):  # the site build accepted what the PDF step did not: never silently
            print(report(pdfs.problems), file=sys.stderr)
            return 1
        if pdfs is None:
            return 1
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
    archive = offline.write_archive(out_dir, data_dir)
    seconds = f"{time.perf_counter() - start:.1f}".replace(".", ",")
    print(f"Skrev webbplatsen, {pdfs} PDF-filer och {archive.name} till {out_dir} på {seconds} s.")
    return 0


def _exit_on_sigterm(signum, frame):
    sys.exit(128 + signum)


def _pdfs(data_dir: Path, staging: Path) -> int | DataError | None:
    """Write the PDFs into staging: the number written; the DataError if the data is bad (the site build
    reports it, printed once rather than twice); or None after printing why not."""
    from .pdf.build import PdfError, build  # imports WeasyPrint, which only this step needs
    from .pdf.cache import default_cache

    try:
        handbok, _warnings = pipeline.load(data_dir)
    except DataError as exc:
        return exc
    try:
        return len(build(handbok, staging, utgava(data_dir), cache=default_cache()))
    except PdfError as exc:
        print(f"PDF-filerna kunde inte skapas: {exc}", file=sys.stderr)
        return None
