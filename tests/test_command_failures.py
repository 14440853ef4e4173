"""Every command's failures are sentences: one Swedish line, a documented exit code, never a traceback.

One row per failure: the command as a coordinator types it, what the folder looks like, the exit code
(macros/core/exitcodes.py: 0 ok, 1 data, 2 usage, 3 environment) and a phrase the message must contain. Each row
runs ``python -m macros`` as a real process. A full disk and a read-only folder are simulated with a small
sitecustomize.py that makes every write under one folder fail with ENOSPC or EROFS (root can write anywhere,
and CI has no tiny disk to fill).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from macros.tools import cli
from tests.helpers import BAD, ROOT, make_data

SITECUSTOMIZE = """
import builtins, errno, io, os

import sys

_UNDER = os.path.abspath(os.environ["HANDBOK_TEST_FAIL_UNDER"])
_ERRNO = int(os.environ["HANDBOK_TEST_FAIL_ERRNO"])
_ONLY_IN = os.environ.get("HANDBOK_TEST_FAIL_ONLY_IN")  # only in a process run as python -m THIS


def _refuse(path):
    if (not _ONLY_IN or _ONLY_IN in sys.orig_argv) and os.path.abspath(os.fsdecode(path)).startswith(_UNDER):
        raise OSError(_ERRNO, os.strerror(_ERRNO), os.fsdecode(path))


_open = builtins.open


def _patched_open(file, mode="r", *args, **kwargs):
    if isinstance(file, (str, bytes, os.PathLike)) and any(c in mode for c in "wax+"):
        _refuse(file)
    return _open(file, mode, *args, **kwargs)


_os_open = os.open


def _patched_os_open(path, flags, *args, **kwargs):
    if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
        _refuse(path)
    return _os_open(path, flags, *args, **kwargs)


_mkdir = os.mkdir


def _patched_mkdir(path, *args, **kwargs):
    _refuse(path)
    return _mkdir(path, *args, **kwargs)


builtins.open = io.open = _patched_open
os.open = _patched_os_open
os.mkdir = _patched_mkdir
"""


def _valid(work: Path) -> dict:
    make_data(work)
    return {}


def _bad(work: Path) -> dict:
    make_data(work, BAD / "duplicate-key")
    return {}


def _failing_writes(work: Path, under: str, code: int, only_in: str = "") -> dict:
    make_data(work)
    (work / under).mkdir(parents=True, exist_ok=True)
    (work / "sc").mkdir()
    (work / "sc" / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return {
        "PYTHONPATH": os.pathsep.join([str(work / "sc"), str(ROOT)]),
        "HANDBOK_TEST_FAIL_UNDER": str(work / under),
        "HANDBOK_TEST_FAIL_ERRNO": str(code),
        "HANDBOK_TEST_FAIL_ONLY_IN": only_in,
    }


def _env(**variables: str):
    def setup(work: Path) -> dict:
        make_data(work)
        return variables

    return setup


def _folder_named(rel: str):
    """A folder where the data file rel belongs (avgifter.yaml/ ended in exit 4, beslut.yaml/ and
    ansvar.yaml/ were silently ignored when they were single files)."""

    def setup(work: Path) -> dict:
        data = make_data(work)
        if (data / rel).exists():
            (data / rel).unlink()
        (data / rel).mkdir()
        (data / rel / "inne.yaml").write_text("id: x\n", encoding="utf-8")
        return {}

    return setup


def _linked_in_revision(work: Path) -> dict:
    """A revision whose data/ has a committed symlink (diff ended in exit 4)."""
    _repo(work)
    (work / "data" / "parter" / "ut.yaml").symlink_to("/etc/passwd")
    _git(work, "add", "data")
    _git(work, "commit", "-q", "-m", "link")
    return {}


def _fifo_table(work: Path) -> dict:
    make_data(work)
    os.mkfifo(work / "tabell.csv")  # reading it would wait for a writer forever
    return {}


def _escape_in_file_name(work: Path) -> dict:
    """Data file names that erase the line and set the window title when printed raw."""
    data = make_data(work)
    (data / "parter" / "\x1b[2Kx.yaml").write_text("id: x\n", encoding="utf-8")
    (data / "\x1b]0;titel\x07.yaml").write_text("id: x\n", encoding="utf-8")
    return {}


def _git(work: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    subprocess.run(["git", *args], cwd=work, env=env, check=True, capture_output=True)


def _repo(work: Path, dirty: bool = False, broken: bool = False) -> dict:
    make_data(work, *([BAD / "duplicate-key"] if broken else []))
    _git(work, "init", "-q", "-b", "main")
    _git(work, "add", "data")
    _git(work, "commit", "-q", "-m", "data")
    if dirty:
        salem = work / "data" / "parter" / "salem.yaml"
        salem.write_text(salem.read_text(encoding="utf-8").replace("Salems kommun", "Salem"), encoding="utf-8")
    return {}


def _busy_port(work: Path) -> dict:
    """A port that something else listens on; the socket stays open for the test (kept on the module)."""
    make_data(work)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    _OPEN.append(listener)
    return {"PORT": str(listener.getsockname()[1])}


def _build_running(work: Path) -> dict:
    """Another build of ut/site holds its lock (this test process holds it, as a running build would)."""
    fcntl = pytest.importorskip("fcntl")  # Windows locks with msvcrt: tests/test_publish.py covers it there

    make_data(work)
    (work / "ut").mkdir()
    handle = open(work / "ut" / ".site.lock", "a+b")  # noqa: SIM115 -- closed with the module
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    _OPEN.append(handle)
    return {"HANDBOK_BUILD_WAIT": "0"}


def _junk_table(work: Path) -> dict:
    make_data(work)
    (work / "tabell.csv").write_bytes(b"\x00\xff\xfe junk \x1b[31m\n;;;\n")
    return {}


_OPEN: list = []
FOLK = ["--datum", "2025-06-30", "--kalla", "scb-folkmangd-2014-06-30", "--data", "data"]

# id, arguments, setup, exit code, a phrase of the message
CASES = [
    ("no-command", [], _valid, 2, "det här saknas i kommandot: KOMMANDO"),
    ("unknown-command", ["bygg"], _valid, 2, "KOMMANDO kan inte vara 'bygg'"),
    ("unknown-option", ["check", "--snabbt"], _valid, 2, "okänt i kommandot: --snabbt"),
    ("check-bad-format", ["check", "--format", "xml"], _valid, 2, "--format kan inte vara 'xml'"),
    ("check-no-folder", ["check", "--data", "finns-inte"], _valid, 1, "mappen finns inte"),
    ("check-bad-data", ["check"], _bad, 1, "Rätta felen och kör kontrollen igen."),
    ("check-old-folder", ["check", "data"], _valid, 2, "ange mappen med --data: python -m macros check --data data"),
    (
        "build-old-folder",
        ["build", "--out", "ut/site", "data"],
        _valid,
        2,
        "python -m macros build --out ut/site --data data",
    ),
    ("check-folder-twice", ["check", "--data", "data", "data"], _valid, 2, "ange mappen bara en gång, med --data"),
    ("pdf-old-folder", ["pdf", "data", "--out", "ut"], _valid, 2, "python -m macros pdf --data data --out ut"),
    ("build-bad-data", ["build", "--data", "data", "--out", "ut/site"], _bad, 1, "nyckeln 'namn' finns redan på rad 3"),
    ("build-bad-builder", ["build", "--builder", "hugo"], _valid, 2, "--builder kan inte vara 'hugo'"),
    (
        "build-full-disk",
        ["build", "--data", "data", "--out", "ut/site"],
        lambda w: _failing_writes(w, "ut", errno.ENOSPC),
        3,
        "disken är full",
    ),
    (
        "build-read-only",
        ["build", "--data", "data", "--out", "ut/site"],
        lambda w: _failing_writes(w, "ut", errno.EROFS),
        3,
        "får inte skriva",
    ),
    ("build-already-running", ["build", "--out", "ut/site"], _build_running, 3, "ett annat bygge av site/"),
    ("pdf-bad-data", ["pdf", "--data", "data", "--out", "ut"], _bad, 1, "nyckeln 'namn' finns redan på rad 3"),
    (
        "pdf-full-disk",
        ["pdf", "--data", "data", "--out", "ut"],
        lambda w: _failing_writes(w, "ut", errno.ENOSPC),
        3,
        "disken är full",
    ),
    ("serve-port-taken", ["serve", "--adress", "127.0.0.1:{PORT}"], _busy_port, 3, "används redan"),
    ("serve-bad-address", ["serve", "--adress", "hemma"], _valid, 2, "adressen 'hemma' går inte att använda"),
    ("new-bad-kind", ["new", "kommun", "nya"], _valid, 2, "sort kan inte vara 'kommun'; välj bland part, forum"),
    ("new-old-kind", ["new", "party", "nya"], _valid, 2, "skriv part, inte party: python -m macros new part nya"),
    ("new-bad-id", ["new", "part", "Nya_Kommunen"], _valid, 1, "går inte att använda"),
    ("new-exists", ["new", "part", "salem"], _valid, 1, "salem"),
    (
        "new-full-disk",
        ["new", "part", "nya-kommunen"],
        lambda w: _failing_writes(w, "data/parter", errno.ENOSPC),
        3,
        "disken är full",
    ),
    (
        "new-read-only",
        ["new", "part", "nya-kommunen"],
        lambda w: _failing_writes(w, "data/parter", errno.EROFS),
        3,
        "får inte skriva",
    ),
    ("diff-not-a-repository", ["diff", "main"], _valid, 2, "ligger inte i ett Git-förråd"),
    ("diff-bad-revision", ["diff", "finns-inte"], _repo, 2, "hittar inte revisionen 'finns-inte'"),
    ("diff-no-revision", ["diff"], _repo, 2, "det här saknas i kommandot: base"),
    ("diff-bad-data", ["diff", "main"], lambda w: _repo(w, broken=True), 1, "rätta felen först"),
    ("diff-dirty-tree", ["diff", "main"], lambda w: _repo(w, dirty=True), 0, "Salem"),
    # Each of these ended in a traceback, the wrong exit code, a hang or a silent success.
    (
        "build-full-disk-in-mkdocs",
        ["build", "--data", "data", "--out", "ut/site"],
        lambda w: _failing_writes(w, "ut", errno.ENOSPC, only_in="macros.tools.siterun"),
        3,
        "disken är full",
    ),
    ("check-ascii-terminal", ["check"], lambda w: {**_bad(w), "PYTHONIOENCODING": "ascii"}, 1, "Ratta felen och kor"),
    ("new-ascii-terminal", ["new", "part", "Nya"], _env(PYTHONIOENCODING="ascii"), 1, "sma bokstaver a-z"),
    ("epoch-not-a-number", ["check"], _env(SOURCE_DATE_EPOCH="abc"), 2, "SOURCE_DATE_EPOCH ska vara"),
    ("epoch-negative", ["build", "--out", "ut/site"], _env(SOURCE_DATE_EPOCH="-1"), 2, "men är '-1'"),
    ("epoch-beyond-dates", ["new", "part", "nya"], _env(SOURCE_DATE_EPOCH="9" * 20), 2, "SOURCE_DATE_EPOCH ska"),
    ("build-wait-not-a-number", ["build", "--out", "ut/site"], _env(HANDBOK_BUILD_WAIT="abc"), 2, "HANDBOK_BUILD_WAIT"),
    *(
        (f"folder-named-{name}", ["check"], _folder_named(name), 1, f"data/{name}:1:1: fel: det här är en mapp")
        for name in ("avgifter.yaml", "ansvar.yaml", "parter/salem.yaml", "beslut/ksl-rekommendation-2015.yaml")
    ),
    ("build-folder-named-avgifter", ["build", "--out", "ut/site"], _folder_named("avgifter.yaml"), 1, "en mapp"),
    ("diff-symlink-in-revision", ["diff", "main~1", "main"], _linked_in_revision, 1, "data/parter/ut.yaml:1:1: fel"),
    ("folkmangd-fifo", ["folkmangd", "tabell.csv", *FOLK], _fifo_table, 1, "namngiven rörledning (FIFO)"),
    ("new-id-with-line-break", ["new", "part", "abc\n"], _valid, 1, "id:t 'abc\\x0a' går inte att använda"),
    ("new-no-data-folder", ["new", "part", "x", "--data", "finns-inte"], _valid, 1, "mappen finns-inte finns inte"),
    ("check-escapes-in-names", ["check"], _escape_in_file_name, 1, "data/parter/\\x1b[2Kx.yaml:1:1"),
    ("folkmangd-no-table", ["folkmangd", "finns-inte.csv", *FOLK], _valid, 1, "finns-inte.csv"),
    ("folkmangd-bad-date", ["folkmangd", "t.csv", "--datum", "30/6", "--kalla", "k"], _valid, 2, "är inget datum"),
    ("folkmangd-junk-table", ["folkmangd", "tabell.csv", *FOLK], _junk_table, 1, "tabell.csv"),
    (
        "folkmangd-read-only",
        ["folkmangd", str(ROOT / "tests" / "fixtures" / "scb" / "folkmangd-exempel.csv"), *FOLK],
        lambda w: _failing_writes(w, "data/parter", errno.EROFS),
        3,
        "får inte skriva",
    ),
    (
        "folkmangd-full-disk",
        ["folkmangd", str(ROOT / "tests" / "fixtures" / "scb" / "folkmangd-exempel.csv"), *FOLK],
        lambda w: _failing_writes(w, "data/parter", errno.ENOSPC),
        3,
        "disken är full",
    ),
]


@pytest.mark.slow  # a real process per row (about half a second of CPU each, more for the builds)
@pytest.mark.parametrize(("args", "setup", "code", "phrase"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_failure_is_one_swedish_line_and_its_exit_code(tmp_path, args, setup, code, phrase):
    extra = setup(tmp_path) or {}
    port = extra.pop("PORT", "")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_MKDOCS_2_WARNING": "1", "HANDBOK_PDF_CACHE": "", **extra}
    env.pop("HANDBOK_DEBUG", None)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "macros", *(a.replace("{PORT}", port) for a in args)],
            cwd=tmp_path,
            env={**env, "PYTHONPATH": extra.get("PYTHONPATH", str(ROOT))},
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
        )
    finally:
        while _OPEN:
            _OPEN.pop().close()
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == code, output
    assert phrase in output, output
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", output), "a control character printed raw"
    if extra.get("PYTHONIOENCODING") == "ascii":
        assert output.isascii(), output
    if code in (2, 3):  # usage and environment: one line that says what to do
        lines = [line for line in result.stderr.splitlines() if line.startswith("fel: ")]
        assert len(lines) == 1, result.stderr


@pytest.mark.parametrize("args", [["new", "part", "abc\n"], ["new", "part", "x", "--data", "finns-inte"]])
def test_a_refused_new_file_leaves_nothing_behind(tmp_path, args):
    """`new part $'abc\\n'` made a file with a line break in its name; `--data /nonexistent` made the
    folder and exited 0."""
    make_data(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with contextlib.chdir(tmp_path), contextlib.redirect_stderr(io.StringIO()):
        assert cli.main(args) == 1
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
