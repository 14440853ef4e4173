"""The live preview (`mkdocs serve`, as `nox -s serve` runs it) shows a data edit, survives a broken data file
by printing the checker's messages and serving the last good version, and recovers without a restart. It
serves the PDFs too, made after the pages (macros/site/preview.py) and made again after a data edit.

The server runs on a free loopback port in a copy of the project, and is always stopped.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import run_check

ROOT = Path(__file__).resolve().parent.parent
# Everything MkDocs needs from the project; the rest (tests, caches, builds) stays behind.
LEFT_OUT = {
    ".git",
    ".nox",
    "site",
    ".site-staging",
    ".site-old",
    ".site.lock",
    "tests",
    "bench",
    ".pytest_cache",
    ".ruff_cache",
    ".venv",
    "node_modules",
}
PAGE = "/parter/nacka.html"
NACKA = Path("data") / "parter" / "nacka.yaml"
STARTUP = 240  # seconds: the first full build on a busy 2-core machine
REBUILD = 90  # seconds: generous, the measured time is printed; about 2 s on an idle machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`mkdocs serve` in a project folder, its output collected line by line."""

    def __init__(self, project: Path):
        self.port = _free_port()
        env = {k: v for k, v in os.environ.items() if k != "HANDBOK_DATA"}
        env["NO_MKDOCS_2_WARNING"] = "1"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for raw in self.proc.stdout:
            self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def output(self) -> str:
        return "\n".join(self.lines)

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=timeout) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, ""

    def get_bytes(self, path: str, timeout: float = 10) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=timeout) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, b""

    def pdf_link(self) -> str:
        """The site path of the PDF that Nacka's page links to."""
        _status, body = self.get(PAGE)
        m = re.search(r'href="([^"]+\.pdf)"', body)
        assert m, "Nacka's page links to no PDF"
        return urllib.parse.urljoin(PAGE, m.group(1))

    def pdf(self, path: str) -> bytes:
        status, body = self.get_bytes(path)
        return body if status == 200 and body.startswith(b"%PDF-") else b""

    def h1(self, timeout: float = 10) -> str:
        status, body = self.get(PAGE, timeout)
        m = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
        return f"{status} {m.group(1).strip() if m else ''}"

    def wait_for(self, what: str, check, timeout: float) -> float:
        """Seconds until check() is true; fails with the server's output if it never is."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            assert self.proc.poll() is None, f"the server stopped while waiting for {what}:\n{self.output()}"
            with contextlib.suppress(OSError):
                if check():
                    return time.monotonic() - start
            time.sleep(0.2)
        pytest.fail(f"{what}: not within {timeout} s. Server output:\n{self.output()}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=15)


def _left_out(folder: Path, name: str) -> bool:
    top = folder == ROOT and (name in LEFT_OUT or name.startswith(".site"))  # builds' staging folders too
    return top or name == "__pycache__" or name.endswith(".egg-info")


@pytest.fixture
def project(tmp_path) -> Path:
    target = tmp_path / "handbok"
    shutil.copytree(ROOT, target, ignore=lambda d, names: [n for n in names if _left_out(Path(d), n)])
    return target


def _set_name(project: Path, line: str) -> None:
    path = project / NACKA
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^namn:.*$", line, text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


@pytest.mark.slow  # a live preview through several rebuilds
def test_preview_shows_edits_survives_a_broken_file_and_recovers(project):
    server = Server(project)
    try:
        server.wait_for("the first build", lambda: server.h1() == "200 Nacka kommun", STARTUP)
        pid = server.proc.pid
        sheet = server.pdf_link()
        assert sheet == "/pdf/parter/nacka.pdf", sheet
        made = server.wait_for("the PDFs after the first build", lambda: server.pdf(sheet), STARTUP)
        print(f"the PDFs were served {made:.1f} s after the first page")
        first = server.pdf(sheet)
        assert server.pdf("/overenskommelse.pdf")

        _set_name(project, "namn: Nacka kommun (ändrad)")
        shown = server.wait_for("the edit in the page", lambda: server.h1() == "200 Nacka kommun (ändrad)", REBUILD)
        print(f"an edit reached the page in {shown:.1f} s")
        remade = server.wait_for("the edit in the PDF", lambda: server.pdf(sheet) not in (b"", first), REBUILD)
        print(f"and the party's PDF {remade:.1f} s after that")

        # A coordinator's typo: an opening quote that is never closed.
        _set_name(project, 'namn: "Nacka stad')
        code, expected, _ = run_check(project)
        errors = [line for line in expected.splitlines() if ": fel: " in line]
        assert code == 1 and errors and all(e.startswith(f"{NACKA.as_posix()}:") for e in errors), expected
        server.wait_for("the checker's messages", lambda: all(e in server.output() for e in errors), REBUILD)
        after_error = len(server.lines)
        server.wait_for(
            "the rebuild after the error to finish",
            lambda: any("Reloading browsers" in x for x in server.lines[after_error:]),
            REBUILD,
        )
        # Still answering, quickly, with the last good version.
        assert server.h1(timeout=10) == "200 Nacka kommun (ändrad)"
        assert server.get("/index.html", timeout=10)[0] == 200

        _set_name(project, "namn: Nacka stad")
        recovered = server.wait_for("recovery after the fix", lambda: server.h1() == "200 Nacka stad", REBUILD)
        print(f"the fix reached the page in {recovered:.1f} s")
        assert server.proc.pid == pid and server.proc.poll() is None  # the same server, never restarted
    finally:
        server.stop()
    assert server.proc.poll() is not None


def test_a_normal_build_still_fails_on_the_same_mistake(project, tmp_path):
    _set_name(project, 'namn: "Nacka stad')
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
