"""tests/ciskip.py: with CI set, every skip is a failure; without it, a skip stays a skip."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT

EXAMPLE = """\
import pytest

def test_skips():
    pytest.skip("no tool here")

@pytest.mark.skipif(True, reason="marked")
def test_marked():
    pass

@pytest.mark.xfail(strict=True, reason="expected")
def test_expected():
    assert False
"""


def _run(tmp_path, ci: bool) -> subprocess.CompletedProcess:
    (tmp_path / "test_example.py").write_text(EXAMPLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": "true"} if ci else {})
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "tests.ciskip",
            "-q",
            "-p",
            "no:cacheprovider",
            "-c",
            os.devnull,
            str(tmp_path / "test_example.py"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow  # runs pytest in a process of its own
def test_in_ci_a_skip_is_a_failure(tmp_path):
    result = _run(tmp_path, ci=True)
    assert result.returncode == 1, result.stdout
    assert "1 failed, 1 xfailed, 1 error" in result.stdout, result.stdout  # the skipif fails in setup
    assert "skipped in CI, which counts as a failure (CI is set)" in result.stdout


@pytest.mark.slow  # runs pytest in a process of its own
def test_outside_ci_a_skip_is_a_skip(tmp_path):
    result = _run(tmp_path, ci=False)
    assert result.returncode == 0, result.stdout
    assert "2 skipped, 1 xfailed" in result.stdout, result.stdout
