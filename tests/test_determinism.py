"""Same data, same bytes: the checker's report and the whole built site do not depend on hash seeds,
the order in which files were created on disk, or the process that produced them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, RULES, make_data

# The sitemap carries the build date; everything else must be identical.
DATED = {"sitemap.xml", "sitemap.xml.gz"}


def _copy_reversed(source: Path, target: Path) -> None:
    """Copy a folder creating files in reverse order, so directory listing order differs from the source."""
    files = sorted((p for p in source.rglob("*") if p.is_file()), reverse=True)
    for path in files:
        dest = target / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)


def _env(seed: str, **extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONHASHSEED": seed, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8", **extra}


def _check(cwd: Path, seed: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros", "check", "--data", "data"],
        cwd=cwd,
        env=_env(seed),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.mark.slow  # the checker as two processes of their own
def test_checker_report_is_the_same_in_every_run(tmp_path):
    # Many problems in many files, so that any unsorted step would show.
    make_data(
        tmp_path / "a",
        *(
            RULES / name
            for name in ("reference-exists", "kommunkod", "schema-comment", "population-for-basis-date", "id-unique")
        ),
    )
    _copy_reversed(tmp_path / "a" / "data", tmp_path / "b" / "data")
    first, second = _check(tmp_path / "a", "1"), _check(tmp_path / "b", "2")
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout
    assert first.stdout.count(": fel: ") >= 10


@pytest.mark.slow  # the checker as two processes of their own
def test_real_data_report_is_the_same_in_every_run(tmp_path):
    _copy_reversed(ROOT / "data", tmp_path / "data")
    first, second = _check(ROOT, "3"), _check(tmp_path, "4")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout


def _build(data: Path, site: Path, seed: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        cwd=data.parent,
        env=_env(seed, HANDBOK_DATA=str(data)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name not in DATED
    }


@pytest.mark.slow  # two whole site builds
def test_site_is_byte_identical_across_builds(tmp_path):
    first = make_data(tmp_path / "a")
    second = tmp_path / "b" / "data"
    _copy_reversed(first, second)
    _build(first, tmp_path / "site-a", "5")
    _build(second, tmp_path / "site-b", "6")
    a, b = _files(tmp_path / "site-a"), _files(tmp_path / "site-b")
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    assert "data/samverkan-stockholmsregionen.json" in a and "parter/nacka.html" in a
