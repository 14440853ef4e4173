"""The handbook as an installable app that works with the network down: a web app manifest, icons and a service
worker, written into the built site by macros/tools/publish.py.

Written after the site and the PDFs, because the worker must list every file it keeps (precache.py), and before
the offline zip and the build's list of written files, which then hold the app too. The same step serves both
builders: it reads only the built folder. On file:// (the zip) no worker registers (app.js), and the preview
(mkdocs serve) has no app, since this step does not run there.

Why no library: Workbox would have to be bundled at build time (it may not be loaded from a CDN at run time) and
brings its own build tooling, while the worker needs only a list, a cache per edition and three small handlers
(worker.js). Material's offline plugin serves file:// only, where service workers do not run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ...core import pages
from . import head, icons, precache

HERE = Path(__file__).parent
# Never kept, and the worker does not touch it: the zip is for desktops, and large.
NEVER = (pages.OFFLINE_ARKIV,)


class AppError(Exception):
    """The app cannot be written for this site (a message in Swedish)."""


@dataclass(frozen=True)
class App:
    edition: str  # the hash over what is kept (precache.edition)
    files: int  # how many files the worker keeps on install
    bytes: int  # their size on disk, uncompressed


def write_app(site_dir: Path, name: str, description: str) -> App:
    """Write the app into the built site at site_dir; what it keeps."""
    site_dir = Path(site_dir)
    for icon in (*icons.ICONS, icons.APPLE_TOUCH_ICON):
        _write(site_dir / icon.fil, icons.icon_bytes(icon))
    _write(site_dir / pages.APP_SCRIPT, (HERE / "app.js").read_bytes())
    _write(site_dir / pages.APP_STYLE, (HERE / "app.css").read_bytes())
    _write(site_dir / pages.APP_MANIFEST, manifest(name, description).encode())
    try:
        head.add_to_pages(site_dir)
        files = precache.precache_files(site_dir)
    except (head.PageHeadError, FileNotFoundError) as exc:
        raise AppError(f"appen kan inte läggas till: {exc}") from None
    code = (HERE / "worker.js").read_text(encoding="utf-8")
    edition = precache.edition(site_dir, files, code)
    _write(site_dir / pages.APP_WORKER, (worker_header(edition, files) + code).encode())
    return App(edition, len(files), sum((site_dir / f).stat().st_size for f in files))


def manifest(name: str, description: str) -> str:
    """The web app manifest, in Swedish; every address relative to the manifest, so any sub-path works."""
    data = {
        "name": name,
        "short_name": "Samverkan",  # a home screen shows about 12 characters
        "description": description,
        "lang": "sv",
        "dir": "ltr",
        "id": "./",
        "start_url": "./" + pages.html(pages.START),
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": head.THEME_COLOR,
        "icons": [
            {
                "src": icon.fil,
                "sizes": "any" if icon.size == 0 else f"{icon.size}x{icon.size}",
                "type": "image/svg+xml" if icon.size == 0 else "image/png",
                "purpose": icon.purpose,
            }
            for icon in icons.ICONS
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def worker_header(edition: str, files: list[str]) -> str:
    """The worker's first lines: what this edition keeps. JSON is valid JavaScript, and escapes what it must."""
    return (
        "// Written by the build (macros/outputs/app/); edit worker.js there, not this file.\n"
        f"const EDITION = {json.dumps(edition)};\n"
        f"const PRECACHE = {json.dumps([_url_path(f) for f in files], indent=0)};\n"
        f"const SHEETS = {json.dumps(pages.PARTBLAD_DIR + '/')};\n"
        f"const NEVER = {json.dumps(list(NEVER))};\n\n"
    )


def _url_path(rel: str) -> str:
    """A file's path as the browser asks for it (percent-encoded), which the worker compares with."""
    from urllib.parse import quote

    return quote(rel, safe="/")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
