"""The site build with bad or hostile data: bad data stops it with the checker's messages and builds nothing;
hostile text that the schema allows is shown as text, never run, evaluated or allowed to break a table.

Each bad input of tests/fixtures/bad/ goes through MkDocs in-process (a failed build stops in on_config, so this is
fast); one real ``mkdocs build`` process checks the exit code and that an existing site is left as it was.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from tests.helpers import BAD, ROOT, cases, make_data

BAD_CASES = cases(BAD)
HEADER = "Datan har fel, så handboken byggs inte:\n"


def _mkdocs(data: Path, site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HANDBOK_DATA": str(data), "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        cwd=data.parent,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


@pytest.mark.slow  # MkDocs loads its theme and plugins for each case
@pytest.mark.parametrize("case", BAD_CASES, ids=[c.name for c in BAD_CASES])
def test_bad_input_stops_the_build_with_the_checker_report(case, tmp_path, monkeypatch, caplog):
    data = make_data(tmp_path, case)
    site = tmp_path / "site"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HANDBOK_DATA", str(data))
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(config)
    errors = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert HEADER + (case / "expected.txt").read_text(encoding="utf-8").rstrip("\n") in errors
    assert not site.exists()


@pytest.mark.slow  # a real mkdocs build process
def test_failed_build_exits_nonzero_and_leaves_the_old_site(tmp_path):
    data = make_data(tmp_path, BAD / "unknown-party")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("förra versionen", encoding="utf-8")
    result = _mkdocs(data, site)
    assert result.returncode != 0
    assert HEADER + (BAD / "unknown-party" / "expected.txt").read_text(encoding="utf-8").rstrip("\n") in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "förra versionen"


@pytest.mark.slow  # a real build process
def test_the_whole_publication_stops_on_bad_data_with_the_report_once(tmp_path):
    """python -m macros build (site and PDFs at once): the report once, exit 1, no site, no PDF folder left."""
    case = BAD / "duplicate-key"
    data = make_data(tmp_path, case)
    out = tmp_path / "ut" / "site"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "HANDBOK_PDF_CACHE": ""}
    result = subprocess.run(
        [sys.executable, "-m", "macros", "build", "--data", str(data), "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert result.returncode == 1
    error = (case / "expected.txt").read_text(encoding="utf-8").splitlines()[0]
    assert (result.stdout + result.stderr).count(error) == 1
    assert not (out / "index.html").exists() and not list(out.rglob("*.pdf"))
    assert [p.name for p in out.parent.iterdir() if p.name.startswith((".pdf-", ".site-"))] == []


# --- Hostile text that the schema allows ------------------------------------------------------------

SCRIPT_NAME = '<script>alert("namn")</script> {{ 7*7 }} {% raw %} | Salems\nkommun [x](javascript:alert(1)) </title>'
SCRIPT_SHOWN = '<script>alert("namn")</script> {{ 7*7 }} {% raw %} | Salems kommun [x](javascript:alert(1)) </title>'
FORUM_NAME = "Kansliet </title><script>alert(2)</script> {{ config }}"
FUNKTION = "samordnare | från {{ 7*7 }} <img src=x onerror=alert(3)>"
SOURCE_TITLE = "[klicka](javascript:alert(4)) <a href='javascript:alert(5)'>länk</a>"
SALEM_FEE = "24\u00a0114\u00a0kr"  # 16 076 × 1,50 = 24 114
ALIASES = ["NO", "no", "off", "yes", "12:30", "0123", "{{ config }}"]


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _hostile_data(workdir: Path) -> Path:
    data = make_data(workdir)
    salem = data / "parter" / "salem.yaml"
    text = salem.read_text(encoding="utf-8").replace("namn: Salems kommun", f"namn: {_yaml_string(SCRIPT_NAME)}")
    # Unquoted on purpose: YAML 1.1 would read NO/no/off/yes as booleans, 12:30 as 750 and 0123 as 83.
    text = text.replace(
        "kallor:\n",
        "sokord:\n" + "".join(f"  - {a}\n" for a in ALIASES[:-1]) + f"  - {_yaml_string(ALIASES[-1])}\nkallor:\n",
        1,
    )
    salem.write_text(text, encoding="utf-8")
    kansli = data / "forum" / "samordningskansliet.yaml"
    kansli.write_text(
        kansli.read_text(encoding="utf-8")
        .replace("namn: Samordningskansliet", f"namn: {_yaml_string(FORUM_NAME)}")
        .replace("funktion: samordnare utlånad från en kommun", f"funktion: {_yaml_string(FUNKTION)}"),
        encoding="utf-8",
    )
    kallor = data / "kallor" / "vallentuna-samverkan-i-lanet.yaml"
    kallor.write_text(
        kallor.read_text(encoding="utf-8").replace("titel: Samverkan i länet", f"titel: {_yaml_string(SOURCE_TITLE)}"),
        encoding="utf-8",
    )
    return data


class _Page(HTMLParser):
    """What a browser would make of a page: its elements, attributes, visible text and table cells."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.title = ""
        self.tables: list[list[list[str]]] = []  # table -> row -> cell text
        self._in: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables and self.tables[-1]:
            self.tables[-1][-1].append("")
        self._in.append(tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag) :]

    def handle_data(self, data):
        data = data.replace("\u00ad", "")  # soft hyphens (macros/site/hyphenate.py) are invisible to a reader
        if "title" in self._in:
            self.title += data
        elif not {"script", "style"} & set(self._in):
            self.text.append(data)
            if {"td", "th"} & set(self._in) and self.tables and self.tables[-1] and self.tables[-1][-1]:
                self.tables[-1][-1][-1] += data

    def visible(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text))

    def rows(self) -> list[list[str]]:
        return [[re.sub(r"[ \t\r\n]+", " ", c).strip(" ") for c in row] for table in self.tables for row in table]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    workdir = tmp_path_factory.mktemp("hostile")
    data = _hostile_data(workdir)
    site = workdir / "site"
    result = _mkdocs(data, site)
    assert result.returncode == 0, result.stderr
    return site


def _page(site: Path, path: str) -> _Page:
    return _Page((site / path).read_text(encoding="utf-8"))


def test_hostile_text_starts_nothing_on_any_page(hostile_site):
    for path in sorted(hostile_site.rglob("*.html")):
        page = _Page(path.read_text(encoding="utf-8"))
        for tag, attrs in page.tags:
            assert tag != "img" or attrs.get("src") != "x", path
            for name, value in attrs.items():
                assert not name.startswith("on"), (path, tag, name)
                assert not (value or "").strip().lower().startswith("javascript:"), (path, tag, name)
            if tag == "script":
                assert set(attrs) <= {"src", "type", "id"}, (path, attrs)
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", path.read_text(encoding="utf-8"), re.S)
        assert not any("alert(" in s for s in scripts), path


def test_hostile_names_are_shown_as_written(hostile_site):
    party = _page(hostile_site, "parter/salem.html")
    assert party.title == f"{SCRIPT_SHOWN} - Samverkanshandboken"
    assert SCRIPT_SHOWN in party.visible()
    assert "49" not in party.visible()  # {{ 7*7 }} was never evaluated
    forum = _page(hostile_site, "forum/samordningskansliet.html")
    assert forum.title.startswith(FORUM_NAME)
    assert FUNKTION in forum.visible()
    assert FORUM_NAME in _page(hostile_site, "forum/index.html").visible()
    assert SOURCE_TITLE in _page(hostile_site, "parter/stockholms-lans-landsting.html").visible()


def test_aliases_are_search_words_never_shown_as_names(hostile_site):
    """sokord make a page findable; the reader never sees them listed as the party's names ("Kallas också")."""
    page = _page(hostile_site, "parter/salem.html").visible()
    assert "Kallas också" not in page and ", ".join(ALIASES) not in page


@pytest.mark.parametrize(
    ("path", "row"),
    [
        ("parter/index.html", [SCRIPT_SHOWN, "0128"]),
        (
            "avgifter.html",
            [SCRIPT_SHOWN, "16\u00a0076", "Statistiska centralbyrån (SCB)", "1,50\u00a0kr", "24\u00a0114\u00a0kr"],
        ),
        (
            "forum/samordningskansliet.html",
            ["En av kommunerna", FUNKTION],
        ),
    ],
)
def test_hostile_text_stays_in_its_table_cell(hostile_site, path, row):
    page = _page(hostile_site, path)
    for table in page.tables:
        assert len({len(r) for r in table}) == 1, (path, [len(r) for r in table])
    assert row in [r[: len(row)] for r in page.rows()], page.rows()
