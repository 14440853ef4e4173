"""Page weight: the bytes a first visit transfers, per page, and the largest items. Not part of the test suite.

    python tests/bench_pageweight.py [--site DIR] [--json FILE] [PAGE ...]

Opens each page (default: the start page and a party page) in a fresh Chromium profile, so nothing is cached,
waits until the network is idle (Material loads the search index after the page), and records every response.
"Compressed" is each body gzipped at level 6 for text types (HTML, CSS, JS, JSON, SVG), as a web server
with gzip would send it, and the raw size for images, fonts and PDFs; HTTP headers are not counted.
The goal is under 300 KB compressed per page.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import shutil
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.builtsite import site_dir
from tests.browser.conftest import CHROMIUM_ARGS, _QuietHandler, _Server

TEXT_TYPES = ("text/", "javascript", "json", "svg", "xml")
GOAL = 300 * 1024


def measure(browser, base: str, rel: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    responses = []
    context.on("response", lambda r: responses.append(r))  # the page and its search worker
    page.goto(base + rel, wait_until="networkidle")
    page.wait_for_timeout(500)
    items = []
    for r in responses:
        try:
            body = r.body()
        except Exception:  # a redirect or an aborted request has no body
            continue
        kind = r.headers.get("content-type", "").split(";")[0]
        packed = len(gzip.compress(body, 6)) if kind.startswith(TEXT_TYPES) or kind.endswith(TEXT_TYPES) else len(body)
        items.append({"url": r.url.removeprefix(base), "type": kind, "bytes": len(body), "gzip": packed})
    context.close()
    items.sort(key=lambda i: -i["gzip"])
    return {
        "page": rel,
        "requests": len(items),
        "bytes": sum(i["bytes"] for i in items),
        "gzip": sum(i["gzip"] for i in items),
        "items": items,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=["index.html", "parter/nacka.html"])
    parser.add_argument("--site", type=Path, help="a built site (default: HANDBOK_SITE, or build one)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    site = args.site.resolve() if args.site else site_dir()

    from playwright.sync_api import sync_playwright

    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        results = [measure(browser, base, rel) for rel in args.pages]
        version = browser.version
        browser.close()
    server.shutdown()

    print(f"Första besöket, Chromium {version}, tom cache. KB = 1024 byte; komprimerat = gzip nivå 6 för text.")
    for r in results:
        verdict = "under" if r["gzip"] < GOAL else "ÖVER"
        print(f"\n{r['page']}: {r['requests']} hämtningar, {r['bytes'] / 1024:.0f} KB okomprimerat, "
              f"{r['gzip'] / 1024:.0f} KB komprimerat ({verdict} målet 300 KB)")  # fmt: skip
        for i in r["items"][:6]:
            print(f"  {i['gzip'] / 1024:7.1f} KB  ({i['bytes'] / 1024:6.1f} KB okompr.)  {i['url']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if all(r["gzip"] < GOAL for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
