"""`python -m bench.app [SITE]`: what the app (macros/outputs/app/) costs a reader, for README.md.

- What the worker keeps: the files in its list and their bytes on disk, and the same gzip-compressed (level 6,
  about what a web server that compresses sends; the PDFs and PNGs barely shrink).
- The first visit: everything Chromium downloads when a fresh browser opens the start page once, until the
  worker controls the page (the page itself and its files, then the worker and the whole edition it fetches),
  counted by Playwright from the browser's network events (``Request.sizes()``: headers and body as received),
  the worker's own requests included; and, as a check, the bytes the server sent. The server is Python's
  http.server on loopback, which does not compress: the figure is the uncompressed transfer.

SITE is a site built by ``python -m macros build`` (default: site/).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import sys
import threading
from pathlib import Path

from macros.core import pages
from macros.tools.environment import chromium
from tests.browser.conftest import CHROMIUM_ARGS


class _Counting(http.server.SimpleHTTPRequestHandler):
    sent = 0  # bytes written to every client, headers and bodies
    lock = threading.Lock()

    def log_message(self, format, *args):
        pass

    def setup(self):
        super().setup()
        write = self.wfile.write

        def counted(data):
            with _Counting.lock:
                _Counting.sent += len(data)
            return write(data)

        self.wfile.write = counted


def kept(site: Path) -> list[str]:
    code = (site / pages.APP_WORKER).read_text(encoding="utf-8")
    return json.loads(re.search(r"^const PRECACHE = (\[.*?\]);$", code, re.M | re.S).group(1))


def first_visit(site: Path) -> tuple[int, int, int]:
    """(requests, bytes Playwright counted, bytes the server sent) for one visit until the worker controls the page."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Counting, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    seen: list = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            context = browser.new_context()
            context.on("requestfinished", lambda request: seen.append(request))
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{server.server_port}/index.html")
            page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=120_000)
            page.wait_for_load_state("networkidle")
            counted = sum(r.sizes()["responseHeadersSize"] + r.sizes()["responseBodySize"] for r in seen)
            requests = len(seen)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return requests, counted, _Counting.sent


def _mb(n: int) -> str:
    return f"{n / 1e6:.2f} MB".replace(".", ",")


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
    if not (site / pages.APP_WORKER).is_file():
        print(f"{site} har ingen app: bygg med python -m macros build först", file=sys.stderr)
        return 2
    files = kept(site)
    raw = sum((site / f).stat().st_size for f in files)
    packed = sum(len(gzip.compress((site / f).read_bytes(), 6, mtime=0)) for f in files)
    requests, counted, sent = first_visit(site)
    print(f"Appen sparar {len(files)} filer, {raw} byte ({_mb(raw)}); med gzip {packed} byte ({_mb(packed)}).")
    print(
        f"Första besöket: {requests} förfrågningar, {counted} byte ({_mb(counted)}) enligt Chromium, "
        f"{sent} byte ({_mb(sent)}) skickade av servern."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
