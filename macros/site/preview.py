"""The live preview (`python -m macros serve`: MkDocs's `serve` with the hooks in macros/site/hooks.py) tells the
truth about the data and never hangs.

- Each build writes into a folder of its own, and the server serves the newest one that finished. A build that
  fails leaves the last good version served, whole.
- Before a rebuild the data is checked (macros/site/state.py keeps the model for the build that follows, so it is
  read once). With errors the pages are not built again: every page gets a banner naming file, line and column
  (macros/site/previewbanner.py) and the browser reloads at once. A build that fails for another reason shows its
  reason the same way. MkDocs's own loop never sees an exception, so it never stops answering.
- PDFs come from a worker of their own (macros/site/previewpdf.py); a request for a PDF or for the offline zip that
  is not made yet waits for it instead of answering 404, and the zip is made from the served folder when first
  asked for.

This module is imported once; MkDocs loads the hooks file anew on every rebuild, so what the preview holds is here.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
import shutil
import tempfile
import threading
import traceback
import urllib.parse
from pathlib import Path

from ..core.pages import OFFLINE_ARKIV
from ..core.problems import errors
from ..core.utgava import utgava
from ..outputs.offline import write_archive
from . import config as site_config
from . import previewbanner, state
from .previewpdf import PdfWorker

log = logging.getLogger("mkdocs.plugins.samverkanshandboken")
WAIT_FOR_FILES = 300  # seconds a request for a PDF or the zip waits for the PDF step (a cold start, a busy machine)


class _Preview:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.builds = Path(tempfile.mkdtemp(prefix="handbok-forhandsvisning-"))
        self.count = 0
        self.building: Path | None = None  # the folder the running build writes
        self.served: list[Path] = []  # finished builds, newest last; the one before stays while requests end
        self.server = None
        self.data_dir: Path | None = None
        self.problems: list = []  # the data's errors, while it has any
        self.failure: str | None = None  # why the last build failed for another reason
        self.pdfs = PdfWorker()
        self.zip_lock = threading.Lock()

    # --- the builds ----------------------------------------------------------------------------------------------

    def next_folder(self) -> str:
        with self.lock:
            self.count += 1
            self.building = self.builds / str(self.count)
            return str(self.building)

    def built(self, site_dir: Path, data_dir: Path) -> None:
        """A build finished: serve it, with the newest PDFs."""
        self.data_dir = data_dir
        self.pdfs.after_build(site_dir, data_dir)
        with self.lock:
            self.served.append(site_dir)
            old, self.served = self.served[:-2], self.served[-2:]
            self.building = None
            if self.server is not None:
                self.server.root = str(site_dir)
        for folder in old:
            shutil.rmtree(folder, ignore_errors=True)

    def guard(self, build):
        """MkDocs's builder, checked first and never raising: the reason goes to the page instead."""

        def builder(config=None):
            said = _Said()
            logging.getLogger("mkdocs").addHandler(said)
            try:
                problems = errors(state.preflight(self.data_dir)) if self.data_dir is not None else []
                if problems:  # the pages would be the last good version again: show the errors at once instead
                    self.problems, self.failure = problems, None
                    return
                build() if config is None else build(config)
                self.problems, self.failure = [], None
            except (Exception, SystemExit) as exc:  # mkdocs-macros ends a failed page with exit(100)
                self.problems, self.failure = [], _reason(exc, said.messages)
                debug = os.environ.get("HANDBOK_DEBUG")
                log.error(
                    "Handboken kunde inte byggas om; förhandsvisningen visar den senaste versionen som gick att "
                    f"bygga ({type(exc).__name__}: {exc})" + (f"\n{traceback.format_exc()}" if debug else "")
                )
                self._discard_unfinished()
            finally:
                logging.getLogger("mkdocs").removeHandler(said)

        return builder

    def _discard_unfinished(self) -> None:
        with self.lock:
            folder, self.building = self.building, None
        if folder is not None and folder not in self.served:
            shutil.rmtree(folder, ignore_errors=True)

    # --- the requests --------------------------------------------------------------------------------------------

    def app(self, serve):
        """The server's requests: MkDocs answers the reload poll; the files come from the newest finished build at
        once (MkDocs would hold every request while a build runs: a minute on a busy machine), with the banner,
        the waits for PDFs and the zip, and 404 pages that reload by themselves."""

        def respond(environ, start_response):
            path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")
            if path.startswith("/livereload/") or self.server is None or not self.served:
                return serve(environ, start_response)
            epoch = self.server._visible_epoch  # first: a page newer than its epoch reloads once more, never less
            mount = self.server.mount_path
            if not (path + "/").startswith(mount):
                start_response("302 Found", [("Location", urllib.parse.quote(mount))])
                return []
            rel = posixpath.normpath("/" + path[len(mount) :] + ("index.html" if path.endswith("/") else ""))
            file = self.served[-1] / rel.lstrip("/")
            if file.is_dir() and (file / "index.html").is_file():
                start_response("302 Found", [("Location", urllib.parse.quote(path) + "/")])
                return []
            self._make_missing(file)
            status, kind = "200 OK", self.server._guess_type(str(file))
            try:
                content = file.read_bytes()
            except OSError:
                status, kind, content = "404 Not Found", "text/html; charset=utf-8", self._not_found()
            if kind.startswith("text/html"):
                banner = self._banner()
                content = previewbanner.with_banner(content, banner) if banner and status[0] == "2" else content
                if self.server._watched_paths:  # MkDocs's reload script, as it adds it (not with --no-livereload)
                    content = self.server._inject_js_into_html(content, epoch)
            start_response(status, [("Content-Type", kind), ("Content-Length", str(len(content)))])
            return [content]

        return respond

    def _banner(self) -> str | None:
        problems, failure = self.problems, self.failure
        return previewbanner.banner(problems, failure) if problems or failure else None

    def _make_missing(self, file: Path) -> None:
        """A PDF or the zip asked for before it is made: wait for it (or make it), so it is never a 404 then."""
        if file.is_file() or not (file.suffix == ".pdf" or file.name == OFFLINE_ARKIV):
            return
        self.pdfs.wait(WAIT_FOR_FILES)
        if file.name == OFFLINE_ARKIV and file.parent == self.served[-1] and self.data_dir is not None:
            with self.zip_lock:
                if not file.is_file():
                    write_archive(file.parent, utgava(self.data_dir))

    def _not_found(self) -> bytes:
        """Material's 404 page, or the banner's own page while the handbook cannot be built."""
        banner = self._banner()
        page = self.served[-1] / "404.html"
        if banner is None and page.is_file():
            return page.read_bytes()
        return previewbanner.error_page(banner or "", "sidan finns inte")

    def stop(self) -> None:
        self.pdfs.stop()
        shutil.rmtree(self.builds, ignore_errors=True)


class _Said(logging.Handler):
    """The warnings and errors logged during one build: what the builder said about why it failed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _reason(exc: BaseException, said: list[str]) -> str:
    """Why a build failed, in a few lines: a page's template error as page and error, else what was logged
    (without tracebacks), then the exception (an exit code says little)."""
    text = "\n".join(said)
    page, error = re.search(r"_File_: `([^`]+)`", text), re.search(r"_(\w+Error)_: (.+)", text)
    if page and error:  # mkdocs-macros: a page's template did not render
        return f"Sidan {page.group(1)} kunde inte göras: {error.group(1)}: {error.group(2).strip()}"
    kept = [line.strip() for line in text.splitlines() if line.strip() and not line[:1].isspace()]
    kept = [line for line in kept if not line.startswith(("Traceback", "```", "^"))][-6:]
    what = f"bygget slutade med kod {exc.code}" if isinstance(exc, SystemExit) else f"{type(exc).__name__}: {exc}"
    return "\n".join([*kept, what])


_preview: _Preview | None = None


def on_config(config) -> None:
    """Under `mkdocs serve`: every build into a folder of its own (the last good one stays served)."""
    global _preview
    if not state.is_serving():
        return
    if _preview is None:
        _preview = _Preview()
    config.site_dir = _preview.next_folder()


def after_build(config) -> None:
    """Called after every MkDocs build: under `mkdocs serve`, serve this build and make its PDFs. A plain
    `mkdocs build` leaves the PDFs to macros/tools/publish.py."""
    if _preview is None or not state.is_serving():
        return
    _preview.built(Path(config.site_dir), site_config.data_dir(config.config_file_path).resolve())


def on_serve(server, builder):
    """MkDocs hands over its server once, after the first build: guard its builder, wrap its requests."""
    if _preview is None:
        return server
    _preview.server = server
    if _preview.served:
        server.root = str(_preview.served[-1])
    server.builder = _preview.guard(server.builder)
    server.set_app(_preview.app(server.get_app()))
    return server


def stop() -> None:
    """Called when the live preview stops: end a running PDF step and remove the builds' folders."""
    global _preview
    if _preview is not None:
        _preview.stop()
        _preview = None
