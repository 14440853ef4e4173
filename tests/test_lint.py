"""Lint sees every file: ruff, with the project's configuration, reads every tracked Python file.

An exclude pattern such as "site" matches a folder of that name anywhere (macros/site/ too), so ruff once
skipped a whole package and its findings with it. nox -s lint runs ruff itself (and .ci/run runs nox -s lint);
this test keeps the set of files it reads whole.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT


def _ruff_files(root: Path, *options: str) -> set[str]:
    """The files ruff check would read from root, relative to it."""
    shown = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--show-files", *options, "."],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {Path(line).resolve().relative_to(root.resolve()).as_posix() for line in shown.splitlines() if line}


def _tracked_python(root: Path) -> set[str]:
    listed = subprocess.run(["git", "ls-files", "-z", "*.py"], cwd=root, capture_output=True, text=True, check=True)
    return set(filter(None, listed.stdout.split("\0")))


def test_ruff_reads_every_tracked_python_file():
    tracked = _tracked_python(ROOT)
    assert "macros/site/generate.py" in tracked  # a guard: the listing sees the package that was once skipped
    missing = sorted(tracked - _ruff_files(ROOT))
    assert not missing, "ruff does not read these files; anchor the patterns in [tool.ruff] extend-exclude:\n" + (
        "\n".join(missing)
    )
