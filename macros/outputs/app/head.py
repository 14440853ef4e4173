"""The app's lines in every page's head: the manifest, the icon for an iPhone's home screen, the notice's style and
the script that registers the worker.

Added to the built pages, not through the theme's templates, so that only a published site (python -m macros
build, with both builders) is an app; the preview and the test builds of the site alone have neither a worker
nor links to files that only the build writes. Every path is relative to the page, so the site works under
any sub-path.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ...core import pages
from ...text import escape
from .icons import APPLE_TOUCH_ICON

THEME_COLOR = "#4051b5"  # Material's indigo, the header's colour (mkdocs.yml: theme.palette.primary)
END = "</head>"


class PageHeadError(Exception):
    """A built page without the end of its head: the theme has changed, and the app cannot be added."""


def tags(rel: str) -> str:
    """The lines for the page at rel (a path from the site's root)."""
    up = "../" * (len(PurePosixPath(rel).parts) - 1)

    def url(path: str) -> str:
        return escape.html(up + path)

    return (
        f'<link rel="manifest" href="{url(pages.APP_MANIFEST)}">'
        f'<meta name="theme-color" content="{THEME_COLOR}">'
        f'<link rel="apple-touch-icon" href="{url(APPLE_TOUCH_ICON.fil)}">'
        f'<link rel="stylesheet" href="{url(pages.APP_STYLE)}">'
        f'<script src="{url(pages.APP_SCRIPT)}" data-worker="{url(pages.APP_WORKER)}" defer></script>'
    )


def add_to_pages(site_dir: Path) -> int:
    """Add the lines to every HTML page under site_dir; the number of pages."""
    site_dir = Path(site_dir)
    count = 0
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        html = path.read_text(encoding="utf-8")
        if END not in html:
            raise PageHeadError(f"sidan {rel} har inget {END}")
        path.write_text(html.replace(END, tags(rel) + END, 1), encoding="utf-8")
        count += 1
    return count
