"""The strict loader on its own: YAML-1.2-like scalars, positions, and the inputs it refuses."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macros.core import loader, plainfile
from macros.core.limits import MAX_BYTES
from macros.core.loader import load_bytes, load_file


def _load(text: str):
    doc, problems = load_bytes(text.encode("utf-8"), "x.yaml")
    assert problems == [], [p.format() for p in problems]
    return doc


def _refused(raw: bytes | str) -> tuple[int, int, str, str]:
    doc, problems = load_bytes(raw.encode("utf-8") if isinstance(raw, str) else raw, "x.yaml")
    assert doc is None and len(problems) == 1, [p.format() for p in problems]
    p = problems[0]
    assert p.severity == "fel"
    return p.line, p.column, p.rule, p.message


@pytest.mark.parametrize(
    ("scalar", "value"),
    [
        # YAML 1.1 booleans stay text: a party alias NO is the text "NO".
        ("no", "no"),
        ("NO", "NO"),
        ("No", "No"),
        ("off", "off"),
        ("OFF", "OFF"),
        ("yes", "yes"),
        ("on", "on"),
        ("y", "y"),
        ("n", "n"),
        ("True", "True"),
        ("FALSE", "FALSE"),
        ("true", True),
        ("false", False),
        # No octal, hexadecimal, base-60, underscores or exponent-only forms: they stay text.
        ("0123", "0123"),
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("12:30", "12:30"),
        ("1_000", "1_000"),
        ("1e3", "1e3"),
        (".inf", ".inf"),
        (".NaN", ".NaN"),
        ("+1", "+1"),
        ("95182", 95182),
        ("-5", -5),
        ("0", 0),
        ("1.50", 1.5),
        ("-0.5", -0.5),
        # Dates and times stay text; the schema checks them.
        ("2015-02-30", "2015-02-30"),
        ("2014-06-30", "2014-06-30"),
        ("2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00"),
        ("~", None),
        ("null", None),
        ("", None),
        ('"0123"', "0123"),
        ("'no'", "no"),
    ],
)
def test_scalars_follow_yaml_1_2_core(scalar, value):
    data = _load(f"v: {scalar}\n").data
    assert data["v"] == value and type(data["v"]) is type(value)


def test_positions_of_values_and_keys_are_one_based():
    doc = _load('# kommentar\nid: nacka\nfolkmangd:\n  - datum: "2014-06-30"\n    antal: 95182\n')
    assert doc.position(("id",)) == (2, 5)
    assert doc.key_position(("id",)) == (2, 1)
    assert doc.position(("folkmangd", 0)) == (4, 5)
    assert doc.position(("folkmangd", 0, "antal")) == (5, 12)
    assert doc.key_position(("folkmangd", 0, "antal")) == (5, 5)
    # A path that does not exist falls back to its nearest ancestor.
    assert doc.position(("folkmangd", 0, "kalla")) == (4, 5)
    assert doc.first_line == "# kommentar"


def test_byte_order_mark_is_accepted_and_changes_no_position():
    text = "# kommentar\nid: nacka\nnamn: Nacka kommun\n"
    plain = _load(text)
    with_bom = _load("\ufeff" + text)
    assert with_bom.data == plain.data
    assert with_bom.positions == plain.positions
    assert with_bom.first_line == plain.first_line


def test_windows_line_endings_are_read_like_unix_ones():
    text = "# kommentar\nid: nacka\nnamn: Nacka kommun\n"
    crlf = _load(text.replace("\n", "\r\n"))
    assert crlf.data == _load(text).data and crlf.positions == _load(text).positions
    assert crlf.first_line == "# kommentar"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "id: a\nnamn: b\nid: c\n",
            (3, 1, "yaml-duplicate-key", "nyckeln 'id' finns redan på rad 1; ta bort den ena eller slå ihop dem"),
        ),
        (
            "lista:\n  - a: 1\n    a: 2\n",
            (3, 5, "yaml-duplicate-key", "nyckeln 'a' finns redan på rad 2; ta bort den ena eller slå ihop dem"),
        ),
        (
            "a: &x 1\nb: *x\n",
            (
                1,
                4,
                "yaml-anchor",
                "ankare (&) och alias (*) är inte tillåtna; skriv ut värdet på varje ställe i stället",
            ),
        ),
        (
            "a: {x: 1}\nb:\n  <<: {y: 2}\n",
            (3, 3, "yaml-anchor", "sammanslagning med << är inte tillåten; skriv ut nycklarna i stället"),
        ),
        ("a: !!binary aGVq\n", (1, 4, "yaml-tag", "taggen '!!binary' är inte tillåten; ta bort den")),
        (
            "a: !!python/object/apply:os.system [echo]\n",
            (1, 4, "yaml-tag", "taggen '!!python/object/apply:os.system' är inte tillåten; ta bort den"),
        ),
        ("a: !lokal x\n", (1, 4, "yaml-tag", "taggen '!lokal' är inte tillåten; ta bort den")),
        ("1: ett\n", (1, 1, "yaml-key", "en nyckel måste vara ett ord, till exempel namn; skriv om nyckeln")),
        ("? [a, b]\n: c\n", (1, 3, "yaml-key", "en nyckel måste vara ett ord, till exempel namn; skriv om nyckeln")),
        (
            "a: 1\n---\nb: 2\n",
            (2, 1, "yaml-multiple-documents", "filen innehåller flera dokument (---); en fil ska ha ett enda dokument"),
        ),
        ("a:\n\t- 1\n", (2, 1, "yaml-syntax", "tabbtecken får inte användas för indrag; dra in med mellanslag")),
        (
            'a: 1\nb: "öppen\nc: 2\n',
            (2, 4, "yaml-syntax", "citattecknet som börjar här avslutas aldrig; lägg till det avslutande citattecknet"),
        ),
    ],
    ids=[
        "duplicate-key",
        "duplicate-key-nested",
        "anchor",
        "merge-key",
        "tag-binary",
        "tag-python",
        "tag-local",
        "integer-key",
        "complex-key",
        "two-documents",
        "tab",
        "unclosed-quote",
    ],
)
def test_refused_input_points_at_its_line(raw, expected):
    assert _refused(raw) == expected


@pytest.mark.parametrize("raw", ["a: !!int abc\n", "a: !!int 0x1F\n", "a: !!bool yes\n", "a: !!null x\n"])
def test_explicit_core_tags_cannot_change_a_value(raw):
    doc, problems = load_bytes(raw.encode(), "x.yaml")
    assert doc is None and [(p.line, p.column, p.rule) for p in problems] == [(1, 4, "yaml-tag")]


@pytest.mark.parametrize(
    "raw", [b"", b"\n\n", b"   \n", b"# bara en kommentar\n", "\ufeff".encode(), b"\xef\xbb\xbf\n# x\n"]
)
def test_empty_file_is_an_error(raw):
    assert _refused(raw) == (1, 1, "yaml-empty", "filen är tom; fyll i uppgifterna eller ta bort filen")


@pytest.mark.parametrize(
    ("raw", "position", "byte"),
    [
        ("namn: Länsstyrelsen\n".encode("latin-1"), (1, 8), "E4"),
        ("a: 1\nnamn: Nacka\nort: Sköndal\n".encode("cp1252"), (3, 8), "F6"),
        ("id: x\n".encode("utf-16"), (1, 1), "FF"),
    ],
    ids=["latin-1", "windows-1252", "utf-16"],
)
def test_other_encodings_are_refused_with_their_position(raw, position, byte):
    line, column, rule, message = _refused(raw)
    assert (line, column, rule) == (*position, "yaml-encoding")
    assert message == f"filen är inte UTF-8 (byte 0x{byte}); spara den som UTF-8 i din redigerare"


def _billion_laughs(levels: int = 10) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in itertools.pairwise("abcdefghijklmnop"[:levels]):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_at_its_first_anchor():
    # Refused where the first anchor is defined (line 1, column 4), so no alias is ever expanded: a loader that
    # expanded them would build 9**10 lists and never return.
    line, column, rule, _ = _refused(_billion_laughs())
    assert (line, column, rule) == (1, 4, "yaml-anchor")


def test_size_limit_is_checked_before_the_file_is_read(tmp_path, monkeypatch):
    path = tmp_path / "stor.yaml"
    with path.open("wb") as f:  # a billion-laughs file padded to 5 MB: parsing it would be the attack
        f.write(_billion_laughs().encode())
        f.write(b"#" * (5 * 1024 * 1024))

    def never(*_args, **_kwargs):
        raise AssertionError("a file over the limit must not be read or parsed")

    monkeypatch.setattr(loader, "load_bytes", never)
    monkeypatch.setattr(type(path), "read_bytes", never)
    doc, problems = load_file(path, "data/stor.yaml")
    assert doc is None
    assert [p.format() for p in problems] == [
        "data/stor.yaml:1:1: fel: filen är 5120 KB, större än gränsen 256 KB; dela upp innehållet eller "
        "kontrollera att rätt fil har hamnat här [yaml-too-large]"
    ]


def test_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "precis.yaml"
    text = "a: 1\n"
    padding = MAX_BYTES - len(text)
    comment = "#" * 99 + "\n"  # short lines: only the size is at its limit
    path.write_bytes((text + comment * (padding // 100) + "#" * (padding % 100 - 1) + "\n").encode())
    assert path.stat().st_size == MAX_BYTES
    doc, problems = load_file(path)
    assert problems == [] and doc.data == {"a": 1}


def test_all_errors_of_one_kind_in_a_file_are_reported():
    """Problems found while building values (duplicate keys, tags) are all reported, not only the first."""
    doc, problems = load_bytes(b"a: 1\na: 2\nb: !!binary eA==\nc: 3\nc: 4\n", "x.yaml")
    assert doc is None
    assert [(p.line, p.column, p.rule) for p in sorted(problems)] == [
        (2, 1, "yaml-duplicate-key"),
        (3, 4, "yaml-tag"),
        (5, 1, "yaml-duplicate-key"),
    ]


def test_loaded_values_are_plain_python():
    data = _load("a:\n  - b: [1, 2]\n    c: {d: e}\n").data
    assert data == {"a": [{"b": [1, 2], "c": {"d": "e"}}]}
    assert type(data) is dict and type(data["a"]) is list


def test_a_file_that_cannot_be_read_is_a_message(tmp_path, monkeypatch):
    """Root reads every file, so the refusal of the operating system is simulated."""
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(plainfile.os, "open", refuse)
    doc, problems = load_file(path, "data/x.yaml")
    assert doc is None
    assert [p.format() for p in problems] == [
        "data/x.yaml:1:1: fel: filen går inte att läsa (Permission denied); kontrollera att den finns och att du "
        "får läsa den [file-unreadable]"
    ]


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ("a: x\u202ey\n", (1, 5)),
        ("a: ok\nb: '\u2066'\n", (2, 5)),
        ("a: ok\n# kommentar \u200f\n", (2, 13)),
        ("a: \x00\n", (1, 4)),
        ("a: \x85\n", (1, 4)),
        ("a: 1\rb: 2\n", (1, 5)),
        ('a: "\\u202d"\n', (1, 4)),
        ('a: "\\x1b[31m"\n', (1, 4)),
        ('"\\u2067": 1\n', (1, 1)),
    ],
)
def test_invisible_and_reordering_characters_are_refused_where_they_stand(raw, where):
    doc, problems = load_bytes(raw.encode("utf-8"), "x.yaml")
    assert doc is None
    assert [(p.line, p.column, p.rule) for p in problems] == [(*where, "control-character")]


def test_tab_crlf_and_ordinary_unicode_are_allowed():
    doc, problems = load_bytes("a: 'x\ty'\r\nb: åäö – ”citat” ‑ \u00a0kr\r\n".encode(), "x.yaml")
    assert problems == [] and doc.data == {"a": "x\ty", "b": "åäö – ”citat” ‑ \u00a0kr"}


def test_deep_nesting_is_refused_before_the_tree_is_built():
    raw = "a:\n" + "  [\n" * 3000 + "  1\n" + "  ]\n" * 3000
    _doc, problems = load_bytes(raw.encode(), "x.yaml")
    assert [(p.line, p.rule) for p in problems] == [(21, "yaml-too-deep")]  # the root mapping is level 1


def test_many_values_are_refused():
    raw = "a: [" + ",\n  ".join(["1, " * 400 + "1"] * 60) + "]\n"
    _doc, problems = load_bytes(raw.encode(), "x.yaml")
    assert [p.rule for p in problems] == ["yaml-too-many-nodes"]


def test_a_folder_that_cannot_be_listed_is_a_message(tmp_path, monkeypatch):
    """Root lists every folder, so os.walk's error is simulated; without it the folder would be left out."""
    from macros.core import dataset
    from tests.helpers import make_data

    make_data(tmp_path)
    real_walk = dataset.os.walk

    def walk(top, onerror=None, followlinks=False):
        for dirpath, dirnames, filenames in real_walk(top, followlinks=followlinks):
            if Path(dirpath).name == "forum":
                onerror(PermissionError(13, "Permission denied", dirpath))
                dirnames[:] = []
                continue
            yield dirpath, dirnames, filenames

    monkeypatch.setattr(dataset.os, "walk", walk)
    monkeypatch.chdir(tmp_path)
    _ds, problems = dataset.load_dataset(Path("data"))
    assert [p.format() for p in problems if p.rule == "file-unreadable"] == [
        "data/forum:1:1: fel: mappen går inte att läsa; kontrollera att du får läsa den och filerna i den "
        "[file-unreadable]"
    ]


class _Counted(str):
    """A text that counts how many of its characters count, find and rfind look at."""

    scanned = 0

    def _span(self, start, end) -> int:
        start = 0 if start is None else start
        end = len(self) if end is None else end
        return max(0, min(end, len(self)) - start)

    def count(self, sub, start=None, end=None):
        _Counted.scanned += self._span(start, end)
        return super().count(sub, start, end)

    def find(self, sub, start=None, end=None):
        found = super().find(sub, start, end)
        _Counted.scanned += (found if found >= 0 else len(self)) - (start or 0)
        return found

    def rfind(self, sub, start=None, end=None):
        found = super().rfind(sub, start, end)
        _Counted.scanned += (end if end is not None else len(self)) - max(found, start or 0)
        return found


@pytest.mark.parametrize(
    "text",
    [
        "\x01" * 250_000,  # a 255 KB file of control characters took 48 s, counting from the start
        "\x01\n" * 125_000,
        ("namn: x\x01" + " " * 50 + "\n") * 4000,
    ],
    ids=["one-line", "every-line", "long-lines"],
)
def test_finding_refused_characters_reads_the_text_a_bounded_number_of_times(text):
    """Linear, without a timing: the searches for line and column together look at each character a few times."""
    from macros.core.characters import refused_characters

    _Counted.scanned = 0
    problems = refused_characters(_Counted(text), "x.yaml")
    assert len(problems) == text.count("\n") + (not text.endswith("\n"))
    assert _Counted.scanned <= 3 * len(text)


@given(st.text(alphabet="ab\n\r\x01\u202e", max_size=60))
def test_refused_characters_are_found_where_a_line_by_line_reading_finds_them(text):
    from macros.core.characters import REFUSED, refused_characters

    expected = []
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        ending = "\n" if number < len(lines) else ""  # a CR before the line's own \n is part of CRLF
        found = REFUSED.search(line + ending)
        if found and found.start() < len(line):
            expected.append((number, found.start() + 1))
    assert [(p.line, p.column) for p in refused_characters(text, "x.yaml")] == expected
