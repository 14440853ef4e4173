"""Reuse a PDF whose inputs have not changed since an earlier build: the same bytes, without compiling.

The key is exactly what shapes the bytes: the document's JSON and template name, its creation time, every
template file, the font files, the Typst version and the PDF standard. Not the Python code around them: a
changed message or a faster loop keeps the cache, while a change to what a PDF shows changes its JSON. A
file from the cache is therefore the file a new compile would write (tests compare the two). After a build
only that build's files are kept, so the cache never grows beyond one set of PDFs. The cache is a help,
never a condition: a folder that cannot be read or written means the PDFs are compiled.

The cache is never trusted beyond what this user's own builds wrote: it is not used when the folder (or a folder
above it in the checkout) is a symlink, holds files committed to git (`git add -f` gets past .gitignore), belongs
to someone else or can be written by others, and a cached file is read only if it is a plain file. CI builds
without it (a clean clone has nothing to reuse).
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import time
from functools import cache
from importlib import metadata
from pathlib import Path

from ..core.repo import ROOT, foreign_reason
from . import FONTS, PDF_STANDARDS, TEMPLATES

STALE_TMP_SECONDS = 3600  # a temporary file this old was left by a build that was killed


def default_cache() -> PdfCache | None:
    """The project's cache (build/pdf-cache: not under .cache/, which `zensical build --clean` empties), another
    folder from HANDBOK_PDF_CACHE, or none if that is empty, or if CI is set and HANDBOK_PDF_CACHE is not."""
    if "HANDBOK_PDF_CACHE" not in os.environ and os.environ.get("CI"):
        return None
    folder = os.environ.get("HANDBOK_PDF_CACHE", str(ROOT / "build" / "pdf-cache"))
    return PdfCache(Path(folder)) if folder else None


class PdfCache:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.used: set[str] = set()
        self._ours: bool | None = None  # asked once per build: git and lstat, not per file

    def key(self, mall: str, data: str, tidpunkt: int) -> str:
        h = hashlib.sha256(fixed_inputs())
        for part in (mall, str(tidpunkt), data):
            h.update(part.encode() + b"\0")
        return h.hexdigest()

    def get(self, key: str) -> bytes | None:
        self.used.add(key)
        if not self._usable():
            return None
        try:
            fd = os.open(self.folder / f"{key}.pdf", os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:  # not there, a symlink, or removed by another build since: compile it
            return None
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                return None
            return f.read()

    def put(self, key: str, data: bytes) -> None:
        self.used.add(key)
        if self._ours is None:
            self._ours = foreign_reason(self.folder) is None
        if not self._ours:  # not even mkdir: through a committed symlink it would make a folder elsewhere
            return
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not self._usable():
                return
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, self.folder / f"{key}.pdf")  # a reader sees the whole file or none
        except OSError:
            pass  # a read-only or full disk costs time next build, nothing else

    def keep_only_used(self) -> None:
        if not self._usable():
            return
        now = time.time()
        for path in self.folder.iterdir():
            try:
                if (path.suffix == ".pdf" and path.stem not in self.used) or (
                    path.suffix == ".tmp" and now - path.stat().st_mtime > STALE_TMP_SECONDS
                ):
                    path.unlink(missing_ok=True)
            except OSError:
                pass

    def _usable(self) -> bool:
        """Only a folder of our own: in a folder others can write to, or one committed to git, a planted file
        would become our PDF."""
        try:
            st = os.lstat(self.folder)
        except OSError:
            return False
        if not stat.S_ISDIR(st.st_mode) or (hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022)):
            return False
        if self._ours is None:
            self._ours = foreign_reason(self.folder) is None
        return self._ours


@cache
def fixed_inputs() -> bytes:
    """What every PDF depends on besides its own JSON, as one digest: compiler, standard, templates, fonts."""
    h = hashlib.sha256(f"typst {_version('typst')}\nstandards {','.join(PDF_STANDARDS)}\n".encode())
    for path in [*sorted(TEMPLATES.glob("*.typ")), *sorted(FONTS.glob("*.ttf"))]:
        h.update(f"{path.parent.name}/{path.name}".encode() + b"\0" + path.read_bytes())
    return h.digest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "saknas"
