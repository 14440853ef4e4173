"""When each data file last changed: the day of the newest commit that touched it, from git.

A page says when its data last changed ("Uppgifterna ändrades senast den ..."). The day comes from the data's own
history, not from the build, so the same data gives the same page. Outside a git checkout (a downloaded copy) no
day is known and pages say nothing about it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

_MARK = "\x00"  # starts a commit's line in the log below (git writes it for %x00); never in a file name


def andringsdagar(data_dir: Path) -> dict[str, str]:
    """{"data/parter/nacka.yaml": "2026-12-07", ...}: each committed data file's newest commit day (ISO)."""
    try:
        log = subprocess.run(
            ["git", "-C", str(data_dir), "log", "--format=%x00%cs", "--name-only", "--relative", "--", "."],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    out: dict[str, str] = {}
    day = ""
    for line in log.splitlines():
        if line.startswith(_MARK):
            day = line[1:]
        elif line and day:
            out.setdefault("data/" + line, day)  # newest first: the first day seen is the last change
    return out
