"""The build works from a checkout without the project installed, as ZENSICAL.md's "samma sak utan nox"
(`python -m macros build --builder zensical --out DIR`) promises, never "No module named 'macros'".

The test makes a Python environment that has every dependency but not the project: a virtual environment
without pip whose one .pth file names this environment's site-packages. Python reads .pth files only in its own
site-packages, so the editable install's finder there is never run, and `import macros` works only from the
checkout's folder. The build's own child processes (the site builder, through tools/tether.py) run elsewhere
and must find the package by themselves.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, make_data

pytestmark = pytest.mark.slow  # a whole build per builder


def _uninstalled_python(where: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True, capture_output=True)
    python = where / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(purelib) / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    return python


def _run(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "HANDBOK_DEBUG")}
    env |= {"HANDBOK_PDF_CACHE": "", "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [python, *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=900
    )


def test_the_documented_build_runs_from_a_checkout_without_the_project_installed(tmp_path, builder):
    python = _uninstalled_python(tmp_path / "venv")
    elsewhere = _run(python, "-c", "import macros", cwd=tmp_path)
    assert "No module named 'macros'" in elsewhere.stderr, "the environment must not have the project installed"
    assert _run(python, "-c", "import mkdocs, typst", cwd=tmp_path).returncode == 0, "but every dependency"
    data = make_data(tmp_path)
    out = tmp_path / "ut" / "site"
    result = _run(
        python, "-m", "macros", "build", "--builder", builder, "--data", str(data), "--out", str(out), cwd=ROOT
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output and "No module named" not in output, output
    assert (out / "index.html").is_file() and (out / "overenskommelse.pdf").is_file()
