"""The whole publication in one step: the strict site build, the PDFs and the offline archive.

`nox -s build` and the tests both call this, so what is tested is what is published.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import offline

ROOT = Path(__file__).resolve().parent.parent  # where mkdocs.yml is


def build(out_dir: Path, data_dir: Path) -> int:
    """Build into out_dir from data_dir; non-zero on any error, with the step's own messages printed."""
    env = {**os.environ, "HANDBOK_DATA": str(Path(data_dir).resolve()), "NO_MKDOCS_2_WARNING": "1"}
    site = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(ROOT / "mkdocs.yml"),
            "--site-dir",
            str(out_dir),
        ],
        env=env,
        check=False,
    )
    if site.returncode:
        return site.returncode
    # The PDFs come from the same data in a step of their own (not an MkDocs hook), into the same folder.
    from .pdf.build import run  # imports WeasyPrint, which only this step needs

    if run(Path(data_dir), Path(out_dir)):
        return 1
    # Last: the offline archive holds everything written above.
    archive = offline.write_archive(Path(out_dir), Path(data_dir))
    print(f"Skrev {archive}.")
    return 0
