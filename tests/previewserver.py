"""The live preview as a coordinator starts it (`python -m macros serve`, what `nox -s serve` runs), in a copy of the
project on a loopback port, for the preview's tests and for bench/preview.py. The server runs in a process group of
its own, so that Ctrl+C can be sent to it as a terminal sends it, and it is always stopped."""

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

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Everything the preview needs from the project; the rest (tests, caches, builds) stays behind.
LEFT_OUT = {
    ".git",
    ".nox",
    "site",
    ".site-staging",
    ".site-old",
    ".site.lock",
    "tests",
    "bench",
    "build",
    ".pytest_cache",
    ".ruff_cache",
    ".venv",
    "node_modules",
}
NACKA = Path("data") / "parter" / "nacka.yaml"
PAGE = "/parter/nacka.html"  # below the site's folder on the server (MOUNT)
# MkDocs serves the site under site_url's path, as it is published (mkdocs.yml).
MOUNT = urllib.parse.urlsplit(
    yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader).get("site_url", "/")
).path.rstrip("/")


def copy_project(target: Path) -> Path:
    def left_out(folder: str, names: list[str]) -> list[str]:
        top = Path(folder) == ROOT
        return [
            n
            for n in names
            if (top and (n in LEFT_OUT or n.startswith(".site"))) or n == "__pycache__" or n.endswith(".egg-info")
        ]

    shutil.copytree(ROOT, target, ignore=left_out)
    return target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def set_name(project: Path, line: str) -> None:
    """Nacka's `namn:` line replaced by line (a new name, or a mistake)."""
    path = project / NACKA
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^namn:.*$", line, text, count=1, flags=re.M), encoding="utf-8")


class Preview:
    """`python -m macros serve` in project, its output collected line by line."""

    def __init__(self, project: Path, port: int | None = None):
        self.project = project
        self.port = port or free_port()
        env = {k: v for k, v in os.environ.items() if k != "HANDBOK_DATA"}
        env["NO_MKDOCS_2_WARNING"] = "1"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "macros", "serve", "--adress", f"127.0.0.1:{self.port}"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for raw in self.proc.stdout:
            self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))

    @property
    def origin(self) -> str:
        """The server; its live-reload requests go to /livereload/ at its root."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """The site's folder on the server, without a closing /."""
        return self.origin + MOUNT

    def output(self) -> str:
        return "\n".join(self.lines)

    def get(self, path: str, timeout: float = 30) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def text(self, path: str, timeout: float = 30) -> tuple[int, str]:
        status, body = self.get(path, timeout)
        return status, body.decode("utf-8", "replace")

    def h1(self, timeout: float = 30) -> str:
        status, body = self.text(PAGE, timeout)
        m = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
        return f"{status} {m.group(1).strip() if m else ''}"

    def wait_for(self, what: str, check, timeout: float) -> float:
        """Seconds until check() is true; raises with the server's output if it never is."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if self.proc.poll() is not None:
                raise AssertionError(f"the server stopped while waiting for {what}:\n{self.output()}")
            with contextlib.suppress(OSError):
                if check():
                    return time.monotonic() - start
            time.sleep(0.1)
        raise AssertionError(f"{what}: not within {timeout} s. Server output:\n{self.output()}")

    def interrupt(self, timeout: float = 60) -> int:
        """Ctrl+C, as a terminal sends it to the whole foreground group; the exit code."""
        os.killpg(self.proc.pid, signal.SIGINT)
        code = self.proc.wait(timeout=timeout)
        self.reader.join(timeout=10)
        return code

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=15)
