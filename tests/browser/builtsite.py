"""The built site that the browser tests and tests/test_output_safety.py look at, made once per test run.

Set HANDBOK_SITE to a built site (e.g. ``site/`` after ``nox -s build``) to test that; otherwise the site is
built into a temporary folder by ``python -m macros build`` (macros/tools/publish.py), the one step that
``nox -s build`` runs too: the strict site build, the PDFs and the offline zip.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests import sitebuild

ROOT = sitebuild.ROOT
ENV_VAR = "HANDBOK_SITE"


@functools.cache
def site_dir(builder: str = "mkdocs") -> Path:
    """The site built with builder (mkdocs or zensical). HANDBOK_SITE, if set, is taken for every builder:
    set HANDBOK_BUILDERS to the one that built it."""
    given = os.environ.get(ENV_VAR)
    if given:
        path = Path(given).resolve()
        if not (path / "index.html").is_file():
            raise RuntimeError(f"{ENV_VAR}={given}: no built site there (index.html is missing)")
        return path
    out = Path(tempfile.mkdtemp(prefix=f"handbok-site-{builder}-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    built = subprocess.run(
        [
            *(sys.executable, "-m", "macros", "build"),
            *("--data", str(ROOT / "data"), "--out", str(out), "--builder", builder),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if built.returncode:
        raise RuntimeError(f"python -m macros build failed:\n{built.stdout}\n{built.stderr}")
    return out


def html_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as paths relative to its root, sorted."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
