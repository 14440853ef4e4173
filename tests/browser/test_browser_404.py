"""The page for a missing address (404.html) works wherever a server shows it: at a nested missing address, with the
site at the server's root (a preview) or under site_url's path (a GitHub Pages project site), and opened from disk.

A server shows 404.html for any missing address, so its links and styles must not depend on where it lies
(overrides/404.html). "Works" is what a reader needs: the page is styled, says in Swedish that the page is missing,
its link to the start page leads there, and search finds a page.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.sitebuild import ROOT

from .conftest import shown

MISSING = "parter/finns/inte/saknas.html"  # three folders deep, none of which exists


def _site_path() -> str:
    """site_url's path in mkdocs.yml, e.g. /samverkanshandboken/ (the published site's folder on its server)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return urlsplit(config["site_url"]).path


class _Mounted(http.server.SimpleHTTPRequestHandler):
    """The site under ``mount``, and 404.html with status 404 for anything missing, as GitHub Pages does."""

    mount = "/"

    def log_message(self, format, *args):
        pass

    def translate_path(self, path: str) -> str:
        inside = path.startswith(self.mount)
        return super().translate_path("/" + path[len(self.mount) :] if inside else "/finns-inte")

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def _serve(site: Path, mount: str) -> Iterator[str]:
    handler = type("Handler", (_Mounted,), {"mount": mount})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{mount}"
    finally:
        server.shutdown()
        server.server_close()


def _check_page(page, root: str, search_driver=None) -> None:
    """The missing page as a reader meets it: styled, in Swedish, search finds a page, and its link to the start
    page leads there."""
    from playwright.sync_api import expect

    assert shown(page.locator("article h1")) == "Sidan finns inte"
    # Material's stylesheet makes the header sticky; unstyled, it is a static block.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", (
        "404.html is shown without its stylesheet"
    )
    if search_driver is not None:
        results = search_driver(page, root).query("Nacka")
        assert results and results[0] == "parter/nacka.html", f"search from the 404 page found {results[:3]}"
        page.keyboard.press("Escape")
    start = page.get_by_role("link", name="Gå till startsidan")
    assert start.evaluate("a => a.href") == root + "index.html"
    start.click()
    expect(page).to_have_url(root + "index.html")
    assert shown(page.locator("article h1")) == "Samverkanshandboken"


@pytest.mark.parametrize("mount", ["/", _site_path()], ids=["server-root", "site-url-path"])
def test_missing_address_at_depth_shows_a_working_swedish_page(site, context_factory, search_driver, mount):
    with _serve(site, mount) as root:
        context, guard = context_factory(root.split(mount)[0] + "/", color_scheme="light")
        page = context.new_page()
        failed = []
        page.on("response", lambda r: r.status >= 400 and r.url != root + MISSING and failed.append(r.url))
        response = page.goto(root + MISSING)
        assert response.status == 404
        _check_page(page, root, search_driver)
        # Under site_url's path <base> is right from the start. At the server's root the browser may have asked
        # for a few files under site_url's path before the script corrected it; those misses do no harm.
        if mount == _site_path():
            assert not failed, f"404.html at {MISSING} asked for addresses that do not exist: {failed}"
        assert not guard.off_origin and not guard.errors, (guard.off_origin, guard.errors)


def test_missing_page_opened_from_disk_works(unpacked, browser):
    """In the offline archive 404.html is opened where it lies (file://): no server, no root to find."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((unpacked / "404.html").as_uri())
        _check_page(page, unpacked.as_uri() + "/")
    finally:
        context.close()
