"""Reuse a PDF whose inputs have not changed since an earlier build: the same bytes, without WeasyPrint.

The key covers everything the bytes depend on: the document's HTML (data, edition, title), the stylesheet,
the fonts, the code that lays out and writes (build.py), the PDF variant, and the versions of WeasyPrint and
pydyf. A file from the cache is therefore the file a new render would write (tests compare the two). After a
build only that build's files are kept, so the cache never grows beyond one set of PDFs.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

PDF_DIR = Path(__file__).parent
ROOT = PDF_DIR.parent.parent


def default_cache() -> PdfCache | None:
    """The project's cache (.cache/pdf), another folder from HANDBOK_PDF_CACHE, or none if that is empty."""
    folder = os.environ.get("HANDBOK_PDF_CACHE", str(ROOT / ".cache" / "pdf"))
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
        try:
            return (self.folder / f"{key}.pdf").read_bytes()
        except OSError:  # not there, or removed by another build since: render it
            return None

    def put(self, key: str, data: bytes) -> None:
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f"{key}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        tmp.replace(self.folder / f"{key}.pdf")  # a reader sees the whole file or none

    def keep_only_used(self) -> None:
        for path in self.folder.glob("*.pdf"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)


@cache
def _fixed_inputs() -> bytes:
    """What every PDF depends on besides its HTML, as one digest."""
    import pydyf
    import weasyprint

    from .build import VARIANT

    h = hashlib.sha256(f"{weasyprint.__version__}\0{pydyf.__version__}\0{VARIANT}\0".encode())
    for path in [PDF_DIR / "build.py", PDF_DIR / "print.css", *sorted((PDF_DIR / "fonts").iterdir())]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.digest()
