"""Every input that ever made the checker fail with an exception, kept as a regression fixture.

Each folder under tests/fixtures/crashes/ holds the data files that crashed it (only those that differ from the
valid dataset), a README.md that says what happened then, and expected.txt, the checker's exact output now.
When the fuzz tests (test_fuzz.py) find a new crash, add its input here with the message it should give.
"""

from __future__ import annotations

import pytest

from macros.core import loader, yamlparse
from tests.helpers import FIXTURES, assert_golden, cases, make_data, run_check

CRASHES = cases(FIXTURES / "crashes")


@pytest.mark.parametrize("case", CRASHES, ids=[c.name for c in CRASHES])
def test_a_former_crash_is_a_message(case, tmp_path, bless):
    make_data(tmp_path, case)
    code, out, err = run_check(tmp_path, "--data", "data")
    assert (code, err) == (1, "")
    assert "Traceback" not in out
    assert_golden(case / "expected.txt", out, bless)


@pytest.mark.parametrize("case", CRASHES, ids=[c.name for c in CRASHES])
def test_a_former_crash_reads_the_same_on_the_strict_path(case, monkeypatch):
    """libyaml's fast path and the pure-Python one read it alike."""
    for path in sorted((case / "data").rglob("*.yaml")):
        raw = path.read_bytes()
        fast = loader.load_bytes(raw, "x.yaml")
        monkeypatch.setattr(yamlparse, "compose_fast", lambda text: None)
        strict = loader.load_bytes(raw, "x.yaml")
        assert (strict[0] and strict[0].data, strict[1]) == (fast[0] and fast[0].data, fast[1])
        monkeypatch.undo()


def test_the_first_two_crashes_found_are_kept():
    assert {"nul-in-value", "nested-5000-one-line"} <= {c.name for c in CRASHES}
