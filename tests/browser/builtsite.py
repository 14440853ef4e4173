"""The built site that the browser tests and tests/test_output_safety.py look at, made once per test run.

Set HANDBOK_SITE to a built site (e.g. ``site/`` after ``nox -s build``) to test that; otherwise the site is
built into a temporary folder with the same steps as ``build_site()`` in noxfile.py: ``mkdocs build
--strict``, the PDFs (``python -m macros pdf``) and the offline zip (``python -m macros.offline``).
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

from macros import offline
from tests import sitebuild

ROOT = sitebuild.ROOT
ENV_VAR = "HANDBOK_SITE"


@functools.cache
def site_dir() -> Path:
    given = os.environ.get(ENV_VAR)
    if given:
        path = Path(given).resolve()
        if not (path / "index.html").is_file():
            raise RuntimeError(f"{ENV_VAR}={given}: no built site there (index.html is missing)")
        return path
    out = Path(tempfile.mkdtemp(prefix="handbok-site-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    built = sitebuild.build(ROOT / "data", out)
    if built.returncode:
        raise RuntimeError(f"mkdocs build --strict failed:\n{built.stdout}\n{built.stderr}")
    if _has_pdf_command():
        pdf = subprocess.run(
            [sys.executable, "-m", "macros", "pdf", str(ROOT / "data"), "--out", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if pdf.returncode:
            raise RuntimeError(f"python -m macros pdf failed:\n{pdf.stdout}\n{pdf.stderr}")
    offline.write_archive(out, ROOT / "data")
    return out


def _has_pdf_command() -> bool:
    """Whether this checkout has the PDF step yet (it landed separately); the noxfile runs it when present."""
    return '"pdf"' in (ROOT / "macros" / "cli.py").read_text(encoding="utf-8")


def html_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as paths relative to its root, sorted."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
