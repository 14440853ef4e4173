"""Reuse a PDF whose inputs have not changed since an earlier build: the same bytes, without WeasyPrint.

The key covers everything the bytes depend on: the document's HTML (data, edition, title), the stylesheet,
the fonts, the code that lays out and writes (build.py), the PDF variant, the versions of WeasyPrint and the
Python packages it requires, Pango's version and zlib's. A file from the cache is therefore the file a new
render would write (tests compare the two). After a build only that build's files are kept, so the cache
never grows beyond one set of PDFs. The cache is a help, never a condition: a folder that cannot be read or
written means the PDFs are rendered.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from functools import cache
from pathlib import Path

PDF_DIR = Path(__file__).parent
ROOT = PDF_DIR.parent.parent
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

    def key(self, html: str, title: str) -> str:
        h = hashlib.sha256(_fixed_inputs())
        h.update(title.encode())
        h.update(b"\0")
        h.update(html.encode())
        return h.hexdigest()

    def get(self, key: str) -> bytes | None:
        self.used.add(key)
        if not self._usable():
            return None
        try:
            return (self.folder / f"{key}.pdf").read_bytes()
        except OSError:  # not there, or removed by another build since: render it
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
def _fixed_inputs() -> bytes:
    """What every PDF depends on besides its HTML, as one digest."""
    import zlib

    from weasyprint.text.ffi import pango

    from .build import VARIANT

    packages = ["weasyprint", *sorted(_requirements("weasyprint"))]
    versions = [f"{p} {_version(p)}" for p in packages]
    versions += [f"pango {pango.pango_version()}", f"zlib {zlib.ZLIB_RUNTIME_VERSION}", f"variant {VARIANT}"]
    h = hashlib.sha256("\n".join(versions).encode())
    for path in [PDF_DIR / "build.py", PDF_DIR / "print.css", *sorted((PDF_DIR / "fonts").iterdir())]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.digest()


def _requirements(package: str) -> set[str]:
    """The packages a distribution requires to run (no extras), by name."""
    import re
    from importlib import metadata

    names = set()
    for req in metadata.requires(package) or []:
        if "extra ==" not in req:
            names.add(re.split(r"[\s<>=!~;\[(]", req, maxsplit=1)[0])
    return names


def _version(package: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "saknas"
