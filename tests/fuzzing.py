"""Mutations of data files for the fuzz tests: each mutation is plain data, so Hypothesis and a seeded
``random.Random`` make the same kinds, and a failing one can be printed, kept and replayed.

A mutation is a tuple whose first item names it: deleted and duplicated lines, shifted indentation, values
swapped between lines, typos in keys, stray characters (NUL, bidi controls, YAML syntax), raw bytes and
truncation. Line and position numbers are taken modulo the file's size, so every mutation fits every file.
"""

from __future__ import annotations

import random
import string
from pathlib import Path

from macros.core.problems import Problem

# Characters and snippets that have broken, or could break, a YAML reader, a parser or a check.
STRAY = [
    "\x00",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u200f",
    "\t",
    "\r",
    "\r\n",
    "\ufeff",
    "\x85",
    "\u2028",
    "\x1b",
    "\x7f",
    "'",
    '"',
    ":",
    ": ",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "#",
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    "|",
    ">-",
    "%YAML 1.1\n",
    "@",
    "`",
    "\\",
    '"\\u202e"',
    '"\\0"',
    "\\x",
    "é",
    "😀",
    "\u0301",
    " ",
    "\n",
    "---\n",
    "...\n",
    "? ",
    "<<: ",
    "~",
    "null",
    "yes",
    "0123",
    "12:30",
    "2014-02-30",
    "-1",
    "1e400",
    "9" * 40,
    "[" * 30,
    "<script>",
    "{{ x }}",
]
RAW_BYTES = [b"\xff", b"\xfe\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\xe2\x80"]
KEY_CHARS = string.ascii_lowercase + "åäö_-0 :"
WORDS = ["id", "namn", "kategori", "kommun", "forum", "niva", "nivå", "kallor", "datum", "antal", "parter", "x"]
SCALARS = [
    "",
    "~",
    "null",
    "true",
    "no",
    "0",
    "-0",
    "0123",
    "1.10",
    "12:30",
    "2015-01-01",
    "'2015-01-01'",
    "nacka",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "'x'",
    '"y"',
    "|",
    ">",
    "&a x",
    "*a",
    "!!int 3",
    "<b>x</b> | {{ 7*7 }}",
    "'\u202eabc'",
]
KINDS = ["delete", "duplicate", "indent", "swap", "typo", "stray", "bytes", "truncate", "line"]


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def apply(raw: bytes, mutation: tuple) -> bytes:
    """One mutation applied to a file's bytes."""
    kind, *args = mutation
    if kind == "truncate":
        return raw[: args[0] % (len(raw) + 1)]
    if kind == "bytes":
        pos = args[0] % (len(raw) + 1)
        return raw[:pos] + args[1] + raw[pos:]
    text = raw.decode("utf-8", errors="surrogateescape")
    lines = lines_of(text)
    n = len(lines)
    if kind == "delete":
        del lines[args[0] % n]
    elif kind == "duplicate":
        i = args[0] % n
        lines.insert(i, lines[i])
    elif kind == "indent":
        i, delta = args[0] % n, args[1]
        lines[i] = " " * delta + lines[i] if delta >= 0 else lines[i][min(-delta, _indent(lines[i])) :]
    elif kind == "swap":
        i, j = args[0] % n, args[1] % n
        (ki, vi), (kj, vj) = _split(lines[i]), _split(lines[j])
        lines[i], lines[j] = ki + vj, kj + vi
    elif kind == "typo":
        i, k, char = args[0] % n, args[1], args[2]
        key_end = lines[i].find(":")
        if key_end > 0:
            k = k % key_end
            how = args[3] % 3
            line = lines[i]
            lines[i] = (
                line[:k] + char + line[k + 1 :]
                if how == 0
                else line[:k] + line[k + 1 :]
                if how == 1
                else line[:k] + char + line[k:]
            )
    elif kind == "stray":
        pos = args[0] % (len(text) + 1)
        text = text[:pos] + args[1] + text[pos:]
        return text.encode("utf-8", errors="surrogateescape")
    elif kind == "line":
        lines.insert(args[0] % (n + 1), args[1])
    return "\n".join(lines).encode("utf-8", errors="surrogateescape")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _split(line: str) -> tuple[str, str]:
    """A line's key part (up to and with ': ') and its value part; a line without a key is all value."""
    at = line.find(": ")
    return (line[: at + 2], line[at + 2 :]) if at >= 0 else ("", line)


def yaml_line(rng: random.Random) -> str:
    """A line that looks like YAML: indentation, maybe a list dash, a key, a value, maybe a comment."""
    indent = " " * rng.choice([0, 0, 2, 2, 4, 6, 1, 3])
    dash = rng.choice(["", "", "- "])
    key = rng.choice(WORDS) if rng.random() < 0.8 else "".join(rng.choices(KEY_CHARS, k=rng.randint(0, 6)))
    value = rng.choice(SCALARS)
    comment = rng.choice(["", "", " # kommentar"])
    return f"{indent}{dash}{key}: {value}{comment}".rstrip() if rng.random() < 0.9 else indent + dash + value


def random_mutation(rng: random.Random) -> tuple:
    """One mutation drawn from a seeded generator (the CLI runs, where Hypothesis is not in charge)."""
    kind = rng.choice(KINDS)
    big = rng.randrange(1 << 20)
    if kind == "indent":
        return (kind, big, rng.randint(-4, 4))
    if kind == "swap":
        return (kind, big, rng.randrange(1 << 20))
    if kind == "typo":
        return (kind, big, rng.randrange(64), rng.choice(KEY_CHARS), rng.randrange(3))
    if kind == "stray":
        return (kind, big, rng.choice(STRAY))
    if kind == "bytes":
        return (kind, big, rng.choice(RAW_BYTES))
    if kind == "line":
        return (kind, big, yaml_line(rng))
    return (kind, big)


def problems_are_well_formed(problems: list[Problem], cwd: Path) -> None:
    """Each problem names a file that exists and a line inside it (1 ≤ line ≤ number of lines), a
    column ≥ 1, a rule and a one-line message. A missing file or folder is named by the rules that say so."""
    assert isinstance(problems, list)
    for p in problems:
        assert isinstance(p, Problem), p
        assert p.rule and p.message and "\n" not in p.message, p
        assert p.column >= 1, p
        path = cwd / p.path
        if p.rule in ("file-missing", "data-folder"):
            assert not path.exists(), p
            assert p.line == 1, p
            continue
        assert path.is_file() or path.is_symlink(), p
        n_lines = path.read_bytes().count(b"\n") + 1 if path.is_file() and not path.is_symlink() else 1
        assert 1 <= p.line <= n_lines, (p, n_lines)
