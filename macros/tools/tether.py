"""Run a child process that ends when the process that started it ends, however that one ends (even SIGKILL).

`python -m macros.tools.tether COMMAND...` starts COMMAND and watches its own standard input, a pipe from the
parent that the parent never writes to. When the parent dies, the operating system closes the pipe; the tether
reads end of file, stops COMMAND and exits. Unlike prctl(PR_SET_PDEATHSIG) this works on Linux, macOS and
Windows alike. ``start`` is the parent's side.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from ..core.repo import ROOT


def start(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.Popen:
    """Start command tethered to this process. The child finds the macros package from any folder."""
    path = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return subprocess.Popen(
        [sys.executable, "-m", "macros.tools.tether", *command],
        cwd=cwd,
        env={**env, "PYTHONPATH": path},
        stdin=subprocess.PIPE,
    )


def stop(proc: subprocess.Popen) -> None:
    """End a tethered child and what it runs: closing its pipe is the signal (main's watch)."""
    if proc.stdin is not None and not proc.stdin.closed:
        proc.stdin.close()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main(command: list[str]) -> int:
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL)

    def watch() -> None:
        while sys.stdin.buffer.read(1 << 12):
            pass  # the parent writes nothing; end of file means it is gone
        if child.poll() is None:
            child.kill()
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    try:
        return child.wait()
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group; the child ends by itself
        return child.wait()


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # not a normal exit: the watching thread still reads stdin, which would stop the shutdown
