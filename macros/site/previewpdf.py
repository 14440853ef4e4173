"""The PDFs in the live preview: made once at start and again after a change that affects them.

`python -m macros pdf` runs in a separate, lower-priority process, started from a thread after a page build, and
writes into a folder of its own; every page build, and the PDF step when it finishes, copies the newest PDFs into
the folder being served. A page edit never waits for a PDF, and an edit that does not touch the PDFs' inputs
(data, schema, code) starts no PDF step. While the data has errors the last good PDFs stay.

A request for a PDF that is still being made waits for it (``wait``), so the preview never answers 404 for a PDF
in its first seconds.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from ..core.repo import ROOT

log = logging.getLogger("mkdocs.plugins.samverkanshandboken")
INPUTS = ("macros", "schema")  # besides the data folder: what the PDFs are made from


class PdfWorker:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.wake = threading.Condition(self.lock)
        self.folder = Path(tempfile.mkdtemp(prefix="handbok-pdf-"))  # the newest good PDFs
        self.site_dir: Path | None = None  # the folder being served
        self.data_dir: Path | None = None
        self.wanted: tuple | None = None  # fingerprint of the inputs last seen
        self.made: tuple | None = None  # fingerprint of the inputs of the last PDF step started
        self.busy = False  # a PDF step runs, or one is wanted and not yet started
        self.failure: str | None = None  # why the last PDF step made nothing, in Swedish
        self.proc: subprocess.Popen | None = None
        self.stopped = False
        self.reported: set[str] = set()
        self.thread = threading.Thread(target=self._work, name="handbok-pdf", daemon=True)
        self.thread.start()

    def after_build(self, site_dir: Path, data_dir: Path) -> None:
        with self.lock:
            self.site_dir, self.data_dir = site_dir, data_dir
            self.wanted = fingerprint(data_dir)
            self.busy = self.wanted != self.made or self.busy
            self.wake.notify_all()
        self.copy_into(site_dir)

    def wait(self, timeout: float) -> str | None:
        """Until no PDF step runs or is due (at most timeout seconds); then why PDFs are missing, or None."""
        with self.lock:
            self.wake.wait_for(lambda: not self.busy or self.stopped, timeout=timeout)
            return "PDF-filerna görs fortfarande" if self.busy else self.failure

    def copy_into(self, site_dir: Path) -> None:
        """The newest PDFs into the served folder (a few MB; hard links where the file system allows)."""
        try:
            for path in sorted(self.folder.rglob("*.pdf")):
                target = site_dir / path.relative_to(self.folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_name(f".{target.name}.tmp")
                try:
                    os.link(path, tmp)
                except OSError:
                    shutil.copyfile(path, tmp)
                os.replace(tmp, target)
        except OSError:
            pass  # the folder is being replaced by a newer build, which copies the PDFs again

    def _work(self) -> None:
        while True:
            with self.lock:
                while not self.stopped and (self.wanted is None or self.wanted == self.made):
                    self.busy = False
                    self.wake.notify_all()
                    self.wake.wait()
                if self.stopped:
                    return
                self.made, data_dir = self.wanted, self.data_dir
            try:
                self._make(data_dir)
            except Exception as exc:  # the preview goes on without new PDFs, and says why
                self._failed(f"PDF-filerna kunde inte göras i förhandsvisningen: {type(exc).__name__}: {exc}")

    def _make(self, data_dir: Path) -> None:
        out = Path(tempfile.mkdtemp(prefix="handbok-pdf-ny-"))
        command = [sys.executable, "-m", "macros", "pdf", "--data", str(data_dir), "--out", str(out)]
        try:
            with self.lock:
                if self.stopped:
                    return
                self.proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                _lower_priority(self.proc.pid)
            output, _ = self.proc.communicate()
            code = self.proc.returncode
            text = output.decode("utf-8", "replace").strip()
            if code == 0:
                self._take(out)
                with self.lock:
                    self.failure = None
                log.info(text.splitlines()[-1] if text else "PDF-filerna är gjorda.")
            elif code == 1:  # the data has errors: the page shows them; keep the last good PDFs
                log.warning("PDF-filerna görs om när datan är rättad; förhandsvisningen visar de senaste som gick.")
            elif not self.stopped:  # the machine lacks something: say it once, as the command does
                said = [x.removeprefix("fel: ") for x in text.splitlines() if x.startswith("fel: ")]
                self._failed(said[-1] if said else f"python -m macros pdf slutade med kod {code}")
        finally:
            self.proc = None
            shutil.rmtree(out, ignore_errors=True)

    def _failed(self, line: str) -> None:
        with self.lock:
            self.failure = line
        if line not in self.reported:
            self.reported.add(line)
            log.error(f"PDF-filerna kan inte göras i förhandsvisningen: {line}")

    def _take(self, out: Path) -> None:
        new = sorted(out.rglob("*.pdf"))
        for path in new:
            target = self.folder / path.relative_to(out)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
        kept = {self.folder / p.relative_to(out) for p in new}
        for old in self.folder.rglob("*.pdf"):  # a party removed from the data loses its sheet
            if old not in kept:
                old.unlink()
        with self.lock:
            site_dir = self.site_dir
        if site_dir is not None:
            self.copy_into(site_dir)

    def stop(self) -> None:
        with self.lock:
            self.stopped = True
            self.wake.notify_all()
            proc = self.proc
        if proc is not None and proc.poll() is None:
            proc.terminate()
        self.thread.join(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


def _lower_priority(pid: int) -> None:
    """The page rebuild comes first on a machine with few cores (the processes it forks inherit this)."""
    if hasattr(os, "setpriority"):  # not on Windows
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, pid, 10)


def fingerprint(data_dir: Path) -> tuple:
    """Size and modification time of every file the PDFs are made from; cheap enough for every rebuild."""
    found = []
    for folder in (Path(data_dir), *(ROOT / name for name in INPUTS)):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                st = path.stat()
                found.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(found)
