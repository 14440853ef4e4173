"""Browser tests: the built site in Debian's Chromium, driven by Playwright.

One build, one loopback server and one browser per test run. Every page context aborts and records any request
that leaves the site's own origin, so no test can reach a third party, and the tests can say which page tried.
Without Chromium or Playwright the tests skip on a developer's machine, all in one line that says how to install
what is missing, and fail in CI (``CI`` set).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from macros.tools.environment import chromium, chromium_missing

from .builtsite import html_pages

# Flags for Chromium on a machine without network or screen: no background calls home, a fresh profile.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCHEMES = {"light": "default", "dark": "slate"}  # color_scheme emulated → Material palette scheme


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI: .ci/run installs it)")
    pytest.skip(message)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Report a missing browser at one place, so that the summary says it in one line for all the tests."""
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple) and _SKIPPED in report.longrepr[2]:
        report.longrepr = (__file__, _missing.__code__.co_firstlineno, report.longrepr[2])
    return report


_SKIPPED = "webbläsartesterna hoppas över"


@pytest.fixture(scope="session", autouse=True)
def _browser_there() -> str:
    """Before any build: one skip, reported once for all browser tests, if the browser cannot be driven."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing(f"Playwright saknas, så {_SKIPPED}; installera den med: python3 noxfile.py -s tests")
    executable = chromium()
    if not executable:
        _missing(chromium_missing())
    return executable


@pytest.fixture(scope="session")
def site(published_site) -> Path:
    """The built site of the builder under test (tests/conftest.py: each browser test runs once per builder)."""
    return published_site


# These checks hold for the MkDocs build, whose theme chrome macros/site/themefix.py repairs in an MkDocs hook;
# Zensical runs no hooks and draws its own chrome, which these validators have not been run against yet.
# A test so marked runs for MkDocs only (not a skip on Zensical: in CI a skip is a failure, tests/ciskip.py).
MKDOCS_ONLY = pytest.mark.parametrize("builder", ["mkdocs"], indirect=True)


@pytest.fixture(scope="session")
def pages(site: Path) -> list[str]:
    found = html_pages(site)
    assert "index.html" in found and "404.html" in found, found
    return found


@pytest.fixture(scope="session")
def unpacked(site: Path, tmp_path_factory) -> Path:
    """The offline zip unpacked, as a reader would: the folder holding index.html."""
    import zipfile

    from macros.core.pages import OFFLINE_ARKIV as ARKIV

    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(site / ARKIV) as zf:
        zf.extractall(target)
    (folder,) = target.iterdir()
    return folder


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the browser closing a connection early (a page left mid-load) is not a test failure


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """The folder served on a free loopback port: its base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The site served on a free loopback port."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser(_browser_there: str):
    from playwright.sync_api import sync_playwright

    executable = _browser_there
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Guard:
    """Requests that left the allowed origin (aborted), and uncaught JavaScript errors, per page URL."""

    origin: str
    off_origin: list[tuple[str, str]] = field(default_factory=list)  # (page url, request url)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (page url, message)

    def allowed(self, url: str) -> bool:
        return url.startswith(self.origin) or url.startswith(("data:", "blob:", "about:", *_BROWSER_OWN))


# Chromium's own PDF viewer (a built-in component with this fixed id) and the resources it loads: opening a PDF
# asks for them, and they never leave the machine. Seen when the app test opens the activation cards one by one.
_BROWSER_OWN = ("chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/", "chrome://resources/")


def guarded_context(browser, origin: str, **options):
    """A new browser context that aborts and records every request not to ``origin``."""
    guard = Guard(origin)
    context = browser.new_context(**options)

    def route(r):
        if guard.allowed(r.request.url):
            r.continue_()
        else:
            guard.off_origin.append((_source(r.request), r.request.url))
            r.abort()

    context.route("**/*", route)
    context.on("weberror", lambda e: guard.errors.append((e.page.url if e.page else "?", str(e.error))))
    return context, guard


def _source(request) -> str:
    """The page that made a request (a worker's request has no frame)."""
    try:
        return request.frame.url
    except Exception:
        return "(worker)"


@pytest.fixture
def context_factory(browser):
    """``make(origin, **options) -> (context, guard)``; contexts are closed after the test."""
    made = []

    def make(origin: str, **options):
        context, guard = guarded_context(browser, origin, **options)
        made.append(context)
        return context, guard

    yield make
    for context in made:
        context.close()


@pytest.fixture
def page(context_factory, base_url):
    """A fresh page on the served site (light scheme, desktop size)."""
    context, guard = context_factory(base_url, color_scheme="light")
    page = context.new_page()
    page.guard = guard
    return page


def shown(locator) -> str:
    """An element's text as a reader sees it: without the soft hyphens macros/site/hyphenate.py puts in long words,
    which Chromium keeps in innerText."""
    return locator.inner_text().replace("\u00ad", "").strip()


def settled(page) -> None:
    """Wait until the page has loaded what it asks for after load (the search worker's index, scripts that mount
    the theme's components) and has drawn the result: no request for half a second, then two frames painted."""
    page.wait_for_load_state("networkidle")
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def result_pages(hrefs: list[str], root: str) -> list[str]:
    """Site-relative paths of the pages that result links point to, in rank order, each page once."""
    ranked = []
    for href in hrefs:
        path = href.split("#")[0].split("?")[0].removeprefix(root)
        if path not in ranked:
            ranked.append(path)
    return ranked


class SearchBox:
    """Material's search box on an open page: type a query, read the pages it lists, best first."""

    INPUT = "input.md-search__input"
    META = ".md-search-result__meta"
    RESULT_LINK = ".md-search-result__item a"  # the results, best first

    def __init__(self, page, root: str):
        self.page, self.root = page, root  # root: the site's base URL (http://… or file://…/)
        self.page.locator(self.INPUT).click()
        # Material's text for an empty search box ("Skriv sökord"); it shows once the index has loaded.
        self.idle = self.page.evaluate(
            "JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']"
        )
        self.page.wait_for_function(f"document.querySelector('{self.META}').innerText === {self.idle!r}")

    def query(self, text: str) -> list[str]:
        """Site-relative paths of the result pages in rank order (sections of a page are folded into it)."""
        box = self.page.locator(self.INPUT)
        box.fill("")
        box.press("End")  # Material reacts to key events, not to fill() alone
        self.page.wait_for_function(f"document.querySelector('{self.META}').innerText === {self.idle!r}")
        box.fill(text)
        box.press("End")
        self.page.wait_for_function(f"document.querySelector('{self.META}').innerText !== {self.idle!r}")
        hrefs = self.page.locator(".md-search-result__list > .md-search-result__item > a").evaluate_all(
            "links => links.map(a => a.href)"
        )
        return result_pages(hrefs, self.root)


class ZensicalSearch:
    """Zensical's search on an open page: a button opens a dialog in a shadow root, which Playwright's CSS
    selectors pierce (document.querySelector does not). Same interface as SearchBox.

    Zensical lists one entry per section, not per page, and renders them ten at a time, more as the last one
    scrolls into view. Ten sections can be only two pages ("brandförsvar": three sections each of two fire and
    rescue services), so the driver scrolls until it has ``PAGES`` pages, as many as Material's first batch
    shows, or the whole list.
    """

    OPEN = "button.md-search__button"
    INPUT = "input[role=combobox][aria-controls$='-results']"
    STATUS = "dialog [role=status]"  # "87 results", "1,204 results", "No results", or empty for an empty query
    RESULT_LINK = "ol[role=listbox] > li > a[role=option]"
    PAGES = 10

    def __init__(self, page, root: str):
        self.page, self.root = page, root
        self.page.locator(self.OPEN).click()
        self.page.locator(self.INPUT).wait_for()

    def query(self, text: str) -> list[str]:
        """The status line is written before the list, and the list of the previous query may still be there:
        wait until the links carry this query (Zensical adds it as ?h=) and number what the status says, or
        until it has found nothing."""
        from urllib.parse import quote_plus

        from playwright.sync_api import expect

        box, status, links = (
            self.page.locator(self.INPUT),
            self.page.locator(self.STATUS),
            self.page.locator(self.RESULT_LINK),
        )
        box.fill("")
        expect(status).to_have_text("")
        box.fill(text)
        expect(status).not_to_have_text("")
        mark = f"?h={quote_plus(text)}"
        deadline = time.monotonic() + 10
        empty_since = None  # "No results" shows for a moment while a query is searched: believe it after 1 s
        while True:
            said = status.inner_text()
            hrefs = links.evaluate_all("links => links.map(a => a.href)")
            counted = re.fullmatch(r"([\d,]+) results?", said)
            if hrefs and mark in hrefs[0] and counted:
                total = int(counted[1].replace(",", ""))
                ranked = result_pages(hrefs, self.root)
                if len(hrefs) >= total or len(ranked) >= self.PAGES:
                    return ranked[: self.PAGES]
                links.last.scroll_into_view_if_needed()  # Zensical renders the next ten sections
            elif not hrefs and said == "No results":
                empty_since = empty_since or time.monotonic()
                if time.monotonic() - empty_since > 1:
                    return []
            else:
                empty_since = None
            assert time.monotonic() < deadline, f"{text!r}: no complete result list after 10 s (status {said!r})"
            self.page.wait_for_timeout(50)


SEARCH_DRIVERS = {"mkdocs": SearchBox, "zensical": ZensicalSearch}


@pytest.fixture(scope="session")
def search_driver(builder):
    """The search driver class for the builder under test: ``search_driver(page, root).query(text)``."""
    return SEARCH_DRIVERS[builder]
