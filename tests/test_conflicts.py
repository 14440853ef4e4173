"""Git merges of data, made for real: an unresolved conflict is reported at its own lines as one, never as a YAML
error somewhere else."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.helpers import VALID, run_check

GIT = ("git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "init.defaultBranch=main")


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([*GIT, "-C", str(repo), *args], capture_output=True, text=True, check=check)


def repository(tmp_path: Path) -> Path:
    """A Git repository with the valid dataset in data/, committed on main."""
    shutil.copytree(VALID, tmp_path / "data")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    return tmp_path


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / "data" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def branch(repo: Path, name: str, change) -> None:
    git(repo, "checkout", "-q", "-b", name, "main")
    change()
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", name)


def test_an_unresolved_conflict_is_reported_at_each_marker(tmp_path):
    repo = repository(tmp_path)
    branch(repo, "a", lambda: edit(repo, "parter/nacka.yaml", "antal: 95182", "antal: 96000"))
    branch(repo, "b", lambda: edit(repo, "parter/nacka.yaml", "antal: 95182", "antal: 97000"))
    assert git(repo, "merge", "-q", "a", check=False).returncode != 0  # a real conflict
    lines = (repo / "data/parter/nacka.yaml").read_text(encoding="utf-8").splitlines()
    markers = [n for n, line in enumerate(lines, 1) if line[:7] in ("<<<<<<<", "=======", ">>>>>>>")]
    assert len(markers) == 3

    code, out, _ = run_check(repo, "--data", "data")
    errors = [line for line in out.splitlines() if ": fel: " in line]
    assert code == 1
    assert [e.split(": fel: ")[0] for e in errors] == [f"data/parter/nacka.yaml:{n}:1" for n in markers]
    assert all(
        e.endswith("[merge-conflict]") and "ta bort raderna med <<<<<<<, ======= och >>>>>>>" in e for e in errors
    )
