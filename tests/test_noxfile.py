"""The nox sessions as a coordinator runs them (`python3 noxfile.py -s check`): installed once, then no pip at all, so
a session answers without a network; a failed install is one Swedish sentence with exit code 3, never pip's English
output; and a session ends with the exit code of the command behind it.

In a scratch copy of the project, with its own nox and environments. The first run installs from the package index,
as a newcomer's first run does; every later run has pip pointed at nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What `check` needs: the project to install, the data and the schemas.
NEEDED = ("noxfile.py", "pyproject.toml", "constraints.txt", "README.md", "macros", "data", "schema", "mkdocs.yml")
# pip with no index, no links and no configuration: any install fails at once.
NO_NETWORK = {
    "PIP_NO_INDEX": "1",
    "PIP_INDEX_URL": "http://127.0.0.1:9/",
    "PIP_EXTRA_INDEX_URL": "",
    "PIP_FIND_LINKS": "",
    "PIP_CONFIG_FILE": os.devnull,
}


def _nox(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NOX", "VIRTUAL_ENV", "PIP_"))}
    return subprocess.run(
        [sys.executable, "noxfile.py", *args],
        cwd=project,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=1800,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A copy of the project whose check session has been installed once (from the package index)."""
    project = tmp_path_factory.mktemp("noxfile") / "handbok"
    project.mkdir()
    for name in NEEDED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy(source, project / name)
    first = _nox(project, "-s", "check")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "pip install i check" in first.stderr  # the first run does install
    return project


@pytest.mark.slow
def test_an_installed_session_runs_no_pip_and_needs_no_network(installed):
    again = _nox(installed, "-s", "check", **NO_NETWORK)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Inga fel." in again.stdout
    assert "pip" not in again.stderr and "Traceback" not in again.stderr + again.stdout


@pytest.mark.slow
def test_a_session_ends_with_the_commands_exit_code(installed):
    usage = _nox(installed, "-s", "check", "--", "--okand-flagga", **NO_NETWORK)
    assert usage.returncode == 2, usage.stdout + usage.stderr
    assert "fel: okänt i kommandot: --okand-flagga" in usage.stderr and "fel:" not in usage.stdout


@pytest.mark.slow
def test_new_pins_without_a_network_are_one_swedish_sentence_and_exit_code_3(installed):
    constraints = installed / "constraints.txt"
    constraints.write_text(constraints.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    result = _nox(installed, "-s", "check", **NO_NETWORK)
    assert result.returncode == 3, result.stdout + result.stderr
    said = [line for line in result.stderr.splitlines() if line.startswith("fel: ")]
    assert said == [
        "fel: det som sessionen check behöver kunde inte installeras; kontrollera att datorn når pypi.org (eller "
        "det paketindex som PIP_INDEX_URL anger) och kör igen. Vad pip skrev står i "
        f"{installed / '.nox' / 'check' / 'pip.log'}"
    ]
    assert "Traceback" not in result.stderr and "ERROR:" not in result.stderr
    assert "ERROR:" in (installed / ".nox" / "check" / "pip.log").read_text(encoding="utf-8")  # pip's own words
