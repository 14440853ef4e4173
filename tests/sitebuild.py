"""Build the site the way `nox -s build` does, for tests: strict, into a given folder, from a given data folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(data_dir: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HANDBOK_DATA": str(data_dir), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_data(target: Path, source: Path = ROOT / "data") -> Path:
    shutil.copytree(source, target)
    return target


def read(site_dir: Path, page: str) -> str:
    return (site_dir / page).read_text(encoding="utf-8")
