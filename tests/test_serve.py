"""The live preview (`python -m macros serve`, what `nox -s serve` runs) shows a data edit, survives a broken data
file by printing the checker's messages and serving the last good version, and recovers without a restart. It
serves the PDFs too, made after the pages (macros/site/previewpdf.py) and made again after a data edit. What the
browser shows of all this is tested in tests/browser/test_browser_preview.py.

The server runs on a free loopback port in a copy of the project, and is always stopped.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from tests.helpers import run_check
from tests.previewserver import NACKA, PAGE, Preview, copy_project, set_name

STARTUP = 240  # seconds: the first full build on a busy 2-core machine
REBUILD = 90  # seconds: generous, the measured time is printed; about 2 s on an idle machine


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "handbok")


def _pdf(server: Preview, path: str) -> bytes:
    status, body = server.get(path)
    return body if status == 200 and body.startswith(b"%PDF-") else b""


def _pdf_link(server: Preview) -> str:
    """The site path of the PDF that Nacka's page links to."""
    _status, body = server.text(PAGE)
    m = re.search(r'href="([^"]+\.pdf)"', body)
    assert m, "Nacka's page links to no PDF"
    return urllib.parse.urljoin(PAGE, m.group(1))


@pytest.mark.slow  # a live preview through several rebuilds
def test_preview_shows_edits_survives_a_broken_file_and_recovers(project):
    server = Preview(project)
    try:
        server.wait_for("the first build", lambda: server.h1() == "200 Nacka kommun", STARTUP)
        pid = server.proc.pid
        sheet = _pdf_link(server)
        assert sheet == "/pdf/parter/nacka.pdf", sheet
        made = server.wait_for("the PDFs after the first build", lambda: _pdf(server, sheet), STARTUP)
        print(f"the PDFs were served {made:.1f} s after the first page")
        first = _pdf(server, sheet)
        assert _pdf(server, "/overenskommelse.pdf")

        set_name(project, "namn: Nacka kommun (ändrad)")
        shown = server.wait_for("the edit in the page", lambda: server.h1() == "200 Nacka kommun (ändrad)", REBUILD)
        print(f"an edit reached the page in {shown:.1f} s")
        remade = server.wait_for("the edit in the PDF", lambda: _pdf(server, sheet) not in (b"", first), REBUILD)
        print(f"and the party's PDF {remade:.1f} s after that")

        # A coordinator's typo: an opening quote that is never closed.
        before_error = len(server.lines)
        set_name(project, 'namn: "Nacka stad')
        code, expected, _ = run_check(project)
        errors = [line for line in expected.splitlines() if ": fel: " in line]
        assert code == 1 and errors and all(e.startswith(f"{NACKA.as_posix()}:") for e in errors), expected
        server.wait_for("the checker's messages", lambda: all(e in server.output() for e in errors), REBUILD)
        server.wait_for(
            "the browsers told to reload after the error",
            lambda: any("Reloading browsers" in x for x in server.lines[before_error:]),
            REBUILD,
        )
        # Still answering, quickly, with the last good version.
        assert server.h1(timeout=10) == "200 Nacka kommun (ändrad)"
        assert server.get("/index.html", timeout=10)[0] == 200

        set_name(project, "namn: Nacka stad")
        recovered = server.wait_for("recovery after the fix", lambda: server.h1() == "200 Nacka stad", REBUILD)
        print(f"the fix reached the page in {recovered:.1f} s")
        assert server.proc.pid == pid and server.proc.poll() is None  # the same server, never restarted
    finally:
        server.stop()
    assert server.proc.poll() is not None


@pytest.mark.slow  # a real mkdocs build process
def test_a_normal_build_still_fails_on_the_same_mistake(project, tmp_path):
    set_name(project, 'namn: "Nacka stad')
    env = {k: v for k, v in os.environ.items() if k != "HANDBOK_DATA"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode != 0
    assert "Datan har fel, så handboken byggs inte" in result.stderr
    assert f"{NACKA.as_posix()}:" in result.stderr and "[yaml-syntax]" in result.stderr
