"""The live preview as a coordinator meets it, timed in a real browser: `python -m bench.preview [--reps N]`.

Needs what the browser tests need (Playwright and Chromium): run it in the test environment, for example
`. .nox/quick/bin/activate && python -m bench.preview`. In a copy of the project, `python -m macros serve` on a free
loopback port (tests/previewserver.py), and one Chromium page on Nacka's page that is never reloaded by hand:

- start: from starting the command to the first page answering;
- PDF and zip from the start: asked for as soon as the first page answers; the status and how long the answer took;
- edit → page: Nacka's name changed in its file, until the open page shows the new name (reloaded by itself);
- a page asked for while that rebuild runs: how long its answer takes;
- broken data → banner: an unclosed quote saved, until the open page shows the banner; and fix → page;
- Ctrl+C → stopped, and started again on the same port → first page.

The machine's load average is printed before and after: on a shared 2-core machine every time scales with it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from tests.previewserver import PAGE, Preview, copy_project, set_name

BANNER = "#handbok-forhandsvisning-fel"
TIMEOUT = 600  # seconds for anything: a busy machine


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.preview", description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=5, help="edits to time (default 5)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from macros.tools.environment import chromium

    project = copy_project(Path(tempfile.mkdtemp(prefix="bench-preview-")) / "handbok")
    print(f"belastning före: {_load()}")
    started = time.perf_counter()
    server = Preview(project)
    try:
        server.wait_for("the first page", lambda: server.h1().startswith("200 "), TIMEOUT)
        print(f"start → första sidan: {time.perf_counter() - started:.2f} s")
        for path in ("/pdf/parter/nacka.pdf", "/overenskommelse.pdf", "/handbok-offline.zip"):
            t = time.perf_counter()
            status, body = server.get(path, timeout=TIMEOUT)
            print(f"{path} från start: {status}, {len(body)} byte, svar efter {time.perf_counter() - t:.2f} s")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), args=["--headless", "--no-sandbox"])
            page = browser.new_page()
            page.goto(server.url + PAGE, timeout=TIMEOUT * 1000)
            edits, during = [], []
            for i in range(args.reps):
                time.sleep(1.0)  # let the watcher settle after the previous build
                name = f"Nacka kommun {i + 1}x{os.getpid()}"
                t = time.perf_counter()
                set_name(project, f"namn: {name}")
                asked = threading.Thread(target=lambda: during.append(_timed(server, "/index.html")))
                threading.Timer(0.6, asked.start).start()  # after the change is seen, while the build runs
                page.locator("h1", has_text=name).wait_for(timeout=TIMEOUT * 1000)
                edits.append(time.perf_counter() - t)
                time.sleep(0.7)
                asked.join()
            print(f"ändring → sidan i webbläsaren: {_figures(edits)}")
            print(f"en annan sida medan bygget pågår: {_figures(during)}")

            time.sleep(1.0)
            t = time.perf_counter()
            set_name(project, 'namn: "Nacka stad')
            page.locator(BANNER).wait_for(timeout=TIMEOUT * 1000)
            print(f"trasig data → rutan i webbläsaren: {time.perf_counter() - t:.2f} s")
            t = time.perf_counter()
            set_name(project, "namn: Nacka stad")
            page.locator("h1", has_text="Nacka stad").wait_for(timeout=TIMEOUT * 1000)
            print(f"rättad → sidan utan ruta: {time.perf_counter() - t:.2f} s")
            browser.close()
        t = time.perf_counter()
        code = server.interrupt()
        print(f"Ctrl+C → stoppad: {time.perf_counter() - t:.2f} s (slutkod {code})")
    finally:
        server.stop()
    t = time.perf_counter()
    again = Preview(project, port=server.port)
    try:
        again.wait_for("the second start", lambda: again.h1().startswith("200 "), TIMEOUT)
        refused = "ja" if "används redan" in again.output() else "nej"
        print(f"igen på samma port → första sidan: {time.perf_counter() - t:.2f} s (vägrad: {refused})")
    finally:
        again.stop()
    print(f"belastning efter: {_load()}")


def _timed(server: Preview, path: str) -> float:
    t = time.perf_counter()
    server.get(path, timeout=TIMEOUT)
    return time.perf_counter() - t


def _figures(values: list[float]) -> str:
    each = ", ".join(f"{v:.2f}" for v in values)
    return f"median {statistics.median(values):.2f} s (var och en: {each})" if values else "inga"


def _load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg()) + " (1/5/15 min)"


if __name__ == "__main__":
    main()
