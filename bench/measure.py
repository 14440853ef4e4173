"""Timing one command, and the live preview's reaction to a data edit. Wall time and peak memory per process."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Python as a user runs it: bytecode is cached. Installed dependencies come compiled; our editable package
# would otherwise be compiled again on every run (about 30 ms of each 1x build) where PYTHONDONTWRITEBYTECODE
# is set, as on the machine the benchmark was first run on.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1"}


def compile_our_code() -> None:
    """Cache our modules' bytecode once before timing, as any earlier run on a user's machine would have."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "macros")], env=ENV, check=True)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float  # maximum resident set size of the process


class Failed(Exception):
    pass


def run(cmd: list[str], env: dict | None = None, cwd: Path = ROOT, timeout: float = 3600) -> Run:
    """Run cmd to the end; its wall time and peak RSS (from wait4, so this process alone)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env={**ENV, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = b""
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise Failed(f"{' '.join(cmd)}: more than {timeout} s") from None
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise Failed(f"{' '.join(cmd)} exited {proc.returncode}:\n{out.decode(errors='replace')[-3000:]}")
    return Run(seconds, _last_child_peak_mb())


def _last_child_peak_mb() -> float:
    """Peak RSS of the child just reaped. RUSAGE_CHILDREN keeps the maximum over all children so far, so
    commands are run in a fresh helper process (see measured()) to read one command's own peak."""
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def measured(cmd: list[str], env: dict | None = None, cwd: Path = ROOT, timeout: float = 3600) -> Run:
    """run() from a fresh helper interpreter, so the peak memory is this command's alone (the time is taken
    inside the helper, around the command only)."""
    helper = [sys.executable, "-m", "bench.measure", str(timeout), "--", *cmd]
    proc = subprocess.run(
        helper,
        cwd=ROOT,
        env={**ENV, **(env or {}), "BENCH_CWD": str(cwd)},
        capture_output=True,
        text=True,
        timeout=timeout + 60,
    )
    if proc.returncode != 0:
        raise Failed(proc.stdout[-3000:] + proc.stderr[-3000:])
    seconds, peak = proc.stdout.strip().splitlines()[-1].split()
    return Run(float(seconds), float(peak))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


NAME_LINE = re.compile(r"^namn: (.+)$", re.M)  # a party file's name, the field both edit measurements change


def party_name(text: str) -> str:
    return NAME_LINE.search(text).group(1)


def renamed(text: str, name: str) -> str:
    """The party file's text with its name changed, everything else as it was."""
    return NAME_LINE.sub(lambda _: f"namn: {name}", text, count=1)


def preview_edits(data_dir: Path, part: str, reps: int, timeout: float) -> tuple[list[Run], float]:
    """Start `mkdocs serve` on a free loopback port, then reps times: change the party's name in its data
    file and time until the served party page shows the new name. Returns the runs and the first build's
    time. The server is always stopped."""
    port = free_port()
    page = f"http://127.0.0.1:{port}/parter/{part}.html"
    path = data_dir / "parter" / f"{part}.yaml"
    original = path.read_text(encoding="utf-8")
    name = party_name(original)
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--dev-addr",
        f"127.0.0.1:{port}",
        "--watch",
        str(data_dir),
    ]
    log = open(data_dir.parent / "serve.log", "wb")  # noqa: SIM115 - closed in finally
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env={**ENV, "HANDBOK_DATA": str(data_dir)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    runs = []
    try:
        first = _wait_for(page, name, proc, start + timeout) - start
        for i in range(reps):
            marker = f"{name} B{i + 1}x{os.getpid()}"
            time.sleep(1.0)  # let the watcher settle after the previous build
            edit_start = time.perf_counter()
            path.write_text(renamed(original, marker), encoding="utf-8")
            seen = _wait_for(page, marker, proc, edit_start + timeout)
            runs.append(Run(seen - edit_start, _peak_mb(proc.pid)))
        return runs, first
    finally:
        path.write_text(original, encoding="utf-8")
        _stop(proc)
        log.close()


def _wait_for(url: str, text: str, proc: subprocess.Popen, deadline: float) -> float:
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise Failed(f"mkdocs serve stopped with exit code {proc.returncode}")
        body = _get(url)
        if body is not None and text in body:
            return time.perf_counter()
        time.sleep(0.02)
    raise Failed(f"{url} did not show {text!r} in time")


def _peak_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    m = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(m.group(1)) / 1024 if m else float("nan")


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server we started (its own process group, nothing else)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


if __name__ == "__main__":  # helper for measured(): python -m bench.measure TIMEOUT -- CMD...
    timeout = float(sys.argv[1])
    result = run(sys.argv[3:], cwd=Path(os.environ.get("BENCH_CWD", ROOT)), timeout=timeout)
    print(f"{result.seconds:.6f} {result.peak_mb:.1f}")
