"""Fuzzing: no input makes the loader or the checker raise; every finding is a problem at a real place.

Hypothesis mutates the real data files (tests/fuzzing.py) and writes YAML-ish and arbitrary text; each input
goes through the one loader and checker in-process (``pipeline.check``). Then the command line runs on a few
hundred seeded mutations in-process and on a few dozen as real processes. The Hypothesis profile is chosen
in conftest.py: ``ci`` (the default) is derandomized with a fixed number of examples, so a failure in CI
reproduces on any machine; ``HYPOTHESIS_PROFILE=deep`` searches longer and at random.

An input that makes any of these fail belongs in tests/fixtures/crashes/ with the message it should give.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import io
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macros.core import loader, pipeline
from macros.tools import cli
from tests.fuzzing import KEY_CHARS, RAW_BYTES, SCALARS, STRAY, WORDS, apply, problems_are_well_formed, random_mutation
from tests.helpers import ROOT

# Property-based: about half a minute of CPU by design (the "ci" profile in tests/conftest.py).
pytestmark = pytest.mark.slow

DATA = ROOT / "data"
FILES = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*.yaml"))
LINE = re.compile(r"^data/\S+:\d+:\d+: (fel|varning): .+ \[[a-z0-9-]+\]$")

big = st.integers(min_value=0, max_value=1 << 20)
mutation = st.one_of(
    st.tuples(st.just("delete"), big),
    st.tuples(st.just("duplicate"), big),
    st.tuples(st.just("indent"), big, st.integers(-4, 4)),
    st.tuples(st.just("swap"), big, big),
    st.tuples(st.just("typo"), big, st.integers(0, 63), st.sampled_from(KEY_CHARS), st.integers(0, 2)),
    st.tuples(st.just("stray"), big, st.sampled_from(STRAY) | st.text(max_size=3)),
    st.tuples(st.just("bytes"), big, st.sampled_from(RAW_BYTES) | st.binary(max_size=3)),
    st.tuples(st.just("truncate"), big),
)
yaml_line = st.builds(
    lambda indent, dash, key, value, comment: f"{' ' * indent}{dash}{key}: {value}{comment}",
    st.sampled_from([0, 0, 2, 2, 4, 6, 1, 3]),
    st.sampled_from(["", "", "- "]),
    st.sampled_from(WORDS) | st.text(KEY_CHARS, max_size=6),
    st.sampled_from(SCALARS) | st.text(max_size=12),
    st.sampled_from(["", "", " # kommentar"]),
)
yaml_ish = st.lists(yaml_line | st.sampled_from(STRAY), max_size=25).map("\n".join)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """One copy of the real data for the whole module; each example changes one file and puts it back."""
    work = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(DATA, work / "data")
    return work


@contextlib.contextmanager
def _replaced(workdir: Path, rel: str, content: bytes):
    path = workdir / "data" / rel
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        yield
    finally:
        path.write_bytes(original)


def _check(workdir: Path) -> None:
    """The checker on workdir/data, in-process, as the CLI calls it: only problems, each at a real place."""
    with contextlib.chdir(workdir):
        _model, problems = pipeline.check(Path("data"))
        problems_are_well_formed(problems, workdir)


@given(rel=st.sampled_from(FILES), mutations=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_real_file_gives_only_problems(workdir, rel, mutations):
    raw = (DATA / rel).read_bytes()
    for m in mutations:
        raw = apply(raw, m)
    with _replaced(workdir, rel, raw):
        _check(workdir)


@given(rel=st.sampled_from(FILES), lines=st.lists(st.tuples(big, yaml_line), min_size=1, max_size=3))
def test_real_file_with_yaml_ish_lines_gives_only_problems(workdir, rel, lines):
    raw = (DATA / rel).read_bytes()
    for at, line in lines:
        raw = apply(raw, ("line", at, line))
    with _replaced(workdir, rel, raw):
        _check(workdir)


@given(rel=st.sampled_from(FILES), text=yaml_ish | st.text(max_size=200), as_bytes=st.binary(max_size=64))
def test_whole_file_of_yaml_ish_text_or_bytes_gives_only_problems(workdir, rel, text, as_bytes):
    for content in (text.encode("utf-8", errors="surrogatepass"), as_bytes):
        with _replaced(workdir, rel, content):
            _check(workdir)


@given(text=yaml_ish | st.text(max_size=300))
def test_loader_alone_never_raises(text):
    raw = text.encode("utf-8", errors="surrogatepass")
    doc, problems = loader.load_bytes(raw, "x.yaml")
    assert (doc is None) == bool(problems)
    n_lines = raw.count(b"\n") + 1
    assert all(1 <= p.line <= n_lines and p.column >= 1 for p in problems), problems


# --- The command line ----------------------------------------------------------------------------------

SEED = 16  # the number; change it only on purpose (every run of the suite uses the same inputs)
CLI_IN_PROCESS = 200
CLI_PROCESSES = 24


def _seeded_inputs(count: int, seed: int) -> list[tuple[str, list[tuple]]]:
    rng = random.Random(seed)
    return [(rng.choice(FILES), [random_mutation(rng) for _ in range(rng.randint(1, 3))]) for _ in range(count)]


def _mutated(rel: str, mutations: list[tuple]) -> bytes:
    raw = (DATA / rel).read_bytes()
    for m in mutations:
        raw = apply(raw, m)
    return raw


def _assert_cli_output(code: int, out: str, err: str, what) -> None:
    assert code in (0, 1), (code, out, err, what)
    assert "Traceback" not in out + err, what
    lines = out.splitlines()
    assert lines and lines[-1].startswith(("Hittade", "Inga problem")), (out, what)
    assert all(LINE.match(line) for line in lines[:-1]), (out, what)


def test_cli_in_process_on_seeded_mutations(workdir):
    for rel, mutations in _seeded_inputs(CLI_IN_PROCESS, SEED):
        with _replaced(workdir, rel, _mutated(rel, mutations)):
            out, err = io.StringIO(), io.StringIO()
            with contextlib.chdir(workdir), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = cli.main(["check", "--data", "data"])
            _assert_cli_output(code, out.getvalue(), err.getvalue(), (rel, mutations))


def test_cli_as_real_processes_on_seeded_mutations(tmp_path):
    """A few dozen real ``python -m macros check`` runs, each on its own copy, two at a time."""

    def one(n: int, rel: str, mutations: list[tuple]):
        work = tmp_path / str(n)
        shutil.copytree(DATA, work / "data")
        (work / "data" / rel).write_bytes(_mutated(rel, mutations))
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)}
        result = subprocess.run(
            [sys.executable, "-m", "macros", "check", "--data", "data"],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
        return result, (rel, mutations)

    inputs = _seeded_inputs(CLI_PROCESSES, SEED + 1)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for result, what in pool.map(lambda args: one(*args), [(n, *i) for n, i in enumerate(inputs)]):
            _assert_cli_output(result.returncode, result.stdout, result.stderr, what)
