"""`python -m bench.builders [K ...]`: the site build (no PDFs, no zip) with MkDocs and with Zensical at k times
the data (bench/synth.py; default 1 and 10), first in a fresh folder and then twice without a change.

Prints a Markdown table like the one in ZENSICAL.md. Zensical's times include the generation step that writes
its work folder (macros/site/zensical.py); its cache is in that work folder, so "first" is a cold Zensical build.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import synth
from tests import sitebuild

RUNS = ("first", "no change", "no change")


def main(argv: list[str]) -> int:
    scales = [int(a) for a in argv] or [1, 10]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-builders-") as tmp:
        work = Path(tmp)
        for k in scales:
            data = synth.generate(k, work / f"data-{k}")
            row = [f"{k}×"]
            for builder in sitebuild.BUILDERS:
                site = work / f"site-{builder}-{k}"
                site.mkdir()
                times = []
                for _run in RUNS:
                    start = time.perf_counter()
                    result = sitebuild.build(data, site, builder)
                    times.append(time.perf_counter() - start)
                    if result.returncode:
                        print(result.stdout, result.stderr, file=sys.stderr)
                        return result.returncode
                pages = len(list(site.rglob("*.html")))
                row += [f"{times[0]:.1f} s", f"{min(times[1:]):.1f}–{max(times[1:]):.1f} s"]
                shutil.rmtree(site)
            rows.append([row[0], str(pages), *row[1:]])
    print("| Data | Sidor | MkDocs, första | MkDocs, utan ändring | Zensical, första | Zensical, utan ändring |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(cell.replace(".", ",") for cell in row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
