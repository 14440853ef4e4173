"""What the app keeps on the reader's device, and the edition that names it.

The app keeps what a reader needs with the network down: every page, the styles, the scripts, the images, the
search index and the search's language files, the agreement as PDF and every activation card. It leaves out
what is for downloading or for machines: the party sheets (the worker keeps one once it has been opened), the
offline zip, the open data, the schemas and the feed.

The list is read from the built site, so a new page or a new card is kept without anyone listing it. The
edition is a hash over the kept files' paths and bytes and the worker's own code: the same data gives the same
worker, byte for byte, and any change to what is kept gives a new cache.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath

from ...core import pages

# By kind: pages, styles, scripts, images (the app's icons among them).
KINDS = {".html", ".css", ".js", ".svg", ".png", ".ico", ".webp", ".jpg", ".jpeg", ".gif", ".woff2", ".woff"}
# Material's search index over http (the bundle fetches it; search/search_index.js is its copy for file://, where
# no worker runs), and Zensical's.
SEARCH_INDEXES = ("search/search_index.json", "search.json")
FILE_ONLY = {"search/search_index.js"}
SITEMAP = "sitemap.xml"  # Material's pages fetch it to know the site's pages: without it, an error offline
# Material's copies of lunr-languages: its search worker imports only those of the index's languages.
LUNR = PurePosixPath("assets/javascripts/lunr")


def precache_files(site_dir: Path) -> list[str]:
    """The site's files the app keeps, as paths from the site's root, sorted."""
    site_dir = Path(site_dir)
    out = []
    for path in site_dir.rglob("*"):
        rel = path.relative_to(site_dir).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in PurePosixPath(rel).parts):
            continue  # the build's list of written files, and anything hidden
        if rel in FILE_ONLY or rel == pages.APP_WORKER or PurePosixPath(rel).is_relative_to(LUNR):
            continue
        if path.suffix in KINDS or rel in (*SEARCH_INDEXES, SITEMAP, pages.APP_MANIFEST) or _pdf_kept(rel):
            out.append(rel)
    return sorted(out + lunr_files(site_dir))


def _pdf_kept(rel: str) -> bool:
    """The agreement and every activation card; not the party sheets."""
    card = rel.startswith(pages.AKTIVERINGSKORT_DIR + "/") and rel.endswith(".pdf")
    return rel == pages.OVERENSKOMMELSE_PDF or card


def lunr_files(site_dir: Path) -> list[str]:
    """The language files Material's search worker imports for the index's languages (its worker's setup: the
    stemmer support always, lunr.<lang> for each language but English, lunr.multi for more than one)."""
    index = Path(site_dir) / SEARCH_INDEXES[0]
    if not index.is_file():
        return []  # Zensical's search has no lunr
    langs = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", ["en"])
    names = ["lunr.stemmer.support.min.js", *(f"lunr.{lang}.min.js" for lang in langs if lang != "en")]
    if len(langs) > 1:
        names.append("lunr.multi.min.js")
    found = [(LUNR / "min" / name).as_posix() for name in names]
    missing = [f for f in found if not (Path(site_dir) / f).is_file()]
    if missing:
        raise FileNotFoundError(f"sökningens språkfil {missing[0]} saknas i den byggda webbplatsen")
    return found


def edition(site_dir: Path, files: list[str], worker_code: str) -> str:
    """A short hash of the kept files (path and bytes, in the list's order) and of the worker's code."""
    digest = hashlib.sha256(worker_code.encode())
    for rel in files:
        digest.update(b"\0" + rel.encode() + b"\0" + hashlib.sha256((Path(site_dir) / rel).read_bytes()).digest())
    return digest.hexdigest()[:16]
