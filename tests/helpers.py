"""Shared test helpers: data folders made from fixtures, the checker run in-process, and golden files.

A case is a folder under ``tests/fixtures/rules/`` (one per rule id, named after it) or
``tests/fixtures/bad/`` (one per known kind of bad input). Its ``data/`` holds only the files that differ
from the valid dataset ``tests/fixtures/valid/``; ``remove.txt`` lists files to delete; ``expected.txt``
is the checker's exact output. Byte-exact inputs (other encodings, huge files) are made in code below,
so that no editor or Git setting can quietly change them.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from macros.tools import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
VALID = FIXTURES / "valid"
RULES = FIXTURES / "rules"
BAD = FIXTURES / "bad"
BLESS_HINT = "if the change is intended, run `python3 noxfile.py -s bless` and review the diff"
# A name that is markup, a table separator and a template expression at once: it must show as written.
HOSTILE = "<b>x</b> | {{ 7*7 }}"
# The edition the tests write the shipped data's PDFs at (tests/conftest.py: real_pdfs).
PDF_EPOCH = 1767225600  # 2026-01-01T00:00:00Z
PDF_REVISION = "testrev"


def visible_text(html: str) -> str:
    """A page's text as a reader sees it: tags dropped, entities decoded, scripts and styles left out.

    Runs of ordinary whitespace become one space; no-break spaces stay, as they are part of numbers. Soft hyphens
    go: they show only where a line breaks.
    """

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("script", "style")

        def handle_endtag(self, tag):
            self.skip -= tag in ("script", "style")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data.replace("\u00ad", ""))  # soft hyphens (macros/site/hyphenate.py) are unseen

    collect = Collect()
    collect.feed(html)
    return re.sub(r"[ \t\r\n]+", " ", "".join(collect.parts))


def position(text: str, context: str, at: str = "") -> tuple[int, int]:
    """The 1-based line and column of ``at`` within the one place where ``context`` occurs in ``text`` (the
    start of ``context`` when ``at`` is empty): where a message should point, found by content, so that a line
    added to a fixture moves the expectation with it."""
    assert text.count(context) == 1, f"{context!r} occurs {text.count(context)} times, not once"
    i = text.index(context) + context.index(at)
    return text.count("\n", 0, i) + 1, i - text.rfind("\n", 0, i)


def valid_position(rel: str, context: str, at: str = "") -> str:
    """``data/REL:LINE:COL`` of ``at`` in the valid dataset's file (see position)."""
    line, column = position(_valid_text(rel), context, at)
    return f"data/{rel}:{line}:{column}"


def _valid_text(rel: str) -> str:
    return (VALID / rel).read_text(encoding="utf-8")


def _reencoded(rel: str, encoding: str) -> bytes:
    return _valid_text(rel).encode(encoding)


def _padded(rel: str, size: int) -> bytes:
    """A valid file grown to ``size`` bytes with comment lines: only its size is wrong."""
    text = _valid_text(rel)
    line = "# " + "x" * 97 + "\n"
    return (text + line * ((size - len(text)) // len(line) + 1)).encode("utf-8")


def _with_line(rel: str, old: str, new: str) -> bytes:
    text = _valid_text(rel)
    assert old in text
    return text.replace(old, new).encode("utf-8")


# case folder name -> {path under data/: bytes}
GENERATED: dict[str, dict[str, bytes]] = {
    "latin-1": {"parter/lansstyrelsen-stockholm.yaml": _reencoded("parter/lansstyrelsen-stockholm.yaml", "latin-1")},
    "five-megabytes": {"parter/nacka.yaml": _padded("parter/nacka.yaml", 5 * 1024 * 1024)},
    "yaml-encoding": {"parter/salem.yaml": _reencoded("parter/salem.yaml", "utf-16")},
    "yaml-too-large": {"parter/salem.yaml": _padded("parter/salem.yaml", 300 * 1024)},
    "yaml-line-too-long": {
        "parter/salem.yaml": _with_line("parter/salem.yaml", "namn: Salems kommun", "namn: Salems " + "k" * 2000)
    },
    "yaml-too-many-nodes": {
        "parter/salem.yaml": _with_line(
            "parter/salem.yaml",
            "kallor:\n  - beslut-nacka-ks",
            "kallor: [" + ",\n  ".join([", ".join(["k"] * 500)] * 41) + "]",
        )
    },
}


def _symlink_out(data: Path) -> None:
    """A party file that is a link to a file outside data/: it must not be read."""
    outside = data.parent / "utanfor.yaml"
    outside.write_text((VALID / "parter" / "salem.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (data / "parter" / "salem.yaml").unlink()
    (data / "parter" / "salem.yaml").symlink_to(os.path.relpath(outside, data / "parter"))


def _fifo(data: Path) -> None:
    """A party file that is a FIFO: opening it would wait forever for a writer."""
    import pytest

    if not hasattr(os, "mkfifo"):
        pytest.skip("this system has no FIFOs")
    (data / "parter" / "salem.yaml").unlink()
    os.mkfifo(data / "parter" / "salem.yaml")


# case folder name -> what to do to the data folder that a file cannot express
SPECIAL = {"symlink": _symlink_out, "special-file": _fifo}


def cases(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir())


def make_data(workdir: Path, *case_dirs: Path) -> Path:
    """``workdir/data``: the valid dataset with the cases applied in order. Returns the data folder."""
    data = workdir / "data"
    shutil.copytree(VALID, data)
    for case in case_dirs:
        if (case / "data").is_dir():
            shutil.copytree(case / "data", data, dirs_exist_ok=True)
        for rel, content in GENERATED.get(case.name, {}).items():
            (data / rel).write_bytes(content)
        if case.name in SPECIAL:
            SPECIAL[case.name](data)
        if (case / "remove.txt").exists():
            for rel in (case / "remove.txt").read_text(encoding="utf-8").split():
                (data / rel).unlink()
    return data


def run_check(workdir: Path, *args: str) -> tuple[int, str, str]:
    """``python -m macros check ARGS`` in-process, from ``workdir``: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(workdir), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["check", *args])
    return code, out.getvalue(), err.getvalue()


def assert_golden(path: Path, actual: str | bytes, bless: bool) -> None:
    """Compare with a committed expected file, or rewrite it with --bless."""
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if bless:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"{path.relative_to(ROOT)} is missing; {BLESS_HINT}"
    expected = path.read_bytes()
    if isinstance(actual, str):
        assert actual == expected.decode("utf-8"), f"{path.relative_to(ROOT)} differs; {BLESS_HINT}"
    else:
        assert data == expected, f"{path.relative_to(ROOT)} differs; {BLESS_HINT}"
