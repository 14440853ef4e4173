"""Reuse a PDF whose inputs have not changed since an earlier build: the same bytes, without compiling.

The key is exactly what shapes the bytes: the document's JSON and template name, its creation time, every
template file, the font files, the Typst version and the PDF standard. Not the Python code around them: a
changed message or a faster loop keeps the cache, while a change to what a PDF shows changes its JSON. A
file from the cache is therefore the file a new compile would write (tests compare the two). After a build
only that build's files are kept, so the cache never grows beyond one set of PDFs. The cache is a help,
never a condition: a folder that cannot be read or written means the PDFs are compiled.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from functools import cache
from importlib import metadata
from pathlib import Path

from ..core.repo import ROOT
from . import FONTS, PDF_STANDARDS, TEMPLATES

STALE_TMP_SECONDS = 3600  # a temporary file this old was left by a build that was killed


def default_cache() -> PdfCache | None:
    """The project's cache (build/pdf-cache: not under .cache/, which `zensical build --clean` empties), another
    folder from HANDBOK_PDF_CACHE, or none if that is empty."""
    folder = os.environ.get("HANDBOK_PDF_CACHE", str(ROOT / "build" / "pdf-cache"))
    return PdfCache(Path(folder)) if folder else None


class PdfCache:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.used: set[str] = set()

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
            return (self.folder / f"{key}.pdf").read_bytes()
        except OSError:  # not there, or removed by another build since: compile it
            return None

    def put(self, key: str, data: bytes) -> None:
        self.used.add(key)
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
        """Only a folder of our own: in a folder others can write to, a planted file would become our PDF."""
        try:
            st = self.folder.stat()
        except OSError:
            return False
        return not (hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022))


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
