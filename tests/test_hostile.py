"""One contract: what `check` passes, `build` publishes. Every input of the hostile corpus
(tests/hostile.py: each data case of the issue by name, and seeded random values) runs through `check`; what
check refuses is refused at a real file, line and column with the rule the corpus names, and what it passes is
built whole by `python -m macros build` (site, PDFs, archive) — never a traceback, never check-ok then
build-failed, never a data file changed. Data that looks like Markdown structure stays text on every page.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.core import pipeline
from macros.core.problems import errors
from macros.pdf.write import page_count
from tests import sitebuild
from tests.fuzzing import problems_are_well_formed
from tests.helpers import ROOT, make_data, visible_text
from tests.hostile import NAMED, SLOTS, Input, apply, seeded

RANDOM = seeded(4 * len(SLOTS))


def _checked(tmp_path: Path, inputs: list[Input]):
    data = make_data(tmp_path)
    apply(data, inputs)
    with contextlib.chdir(tmp_path):
        _model, problems = pipeline.check(Path("data"))
        problems_are_well_formed(problems, tmp_path)
    return data, errors(problems)


@pytest.mark.parametrize("one", NAMED, ids=[i.name for i in NAMED])
def test_each_named_input_is_refused_by_its_rules_or_passes(tmp_path, one):
    _data, found = _checked(tmp_path, [one])
    assert {p.rule for p in found} == set(one.refused_by), [p.format() for p in found]


def _passing(tmp_path: Path) -> list[Input]:
    """The random inputs check passes, each checked alone (a good part of them: the pool is mostly printable)."""
    passing = [one for n, one in enumerate(RANDOM) if not _checked(tmp_path / str(n), [one])[1]]
    assert len(passing) >= len(RANDOM) // 3, [one.name for one in RANDOM if one not in passing]
    return passing


def test_random_inputs_are_refused_at_a_real_place_or_pass(tmp_path):
    """Every random input is checked alone: problems well formed (a real file, line and column), or none."""
    _passing(tmp_path)


# --- The whole build ------------------------------------------------------------------------------------


def _fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*")
            if p.is_file()}  # fmt: skip


def _build(work: Path, data: Path, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "HANDBOK_PDF_CACHE": "", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("HANDBOK_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "macros", "build", "--data", str(data), "--out", str(out)],
        cwd=work,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=900,
    )


def _batches(inputs: list[Input]) -> list[list[Input]]:
    """Inputs grouped so that no two in a group set the same value (seeded() cycles through SLOTS)."""
    groups: list[list[Input]] = []
    for one in inputs:
        target = next((g for g in groups if not one.slots() & set().union(*(o.slots() for o in g))), None)
        if target is None:
            groups.append(target := [])
        target.append(one)
    return groups


def _built_whole(work: Path, inputs: list[Input]) -> Path:
    """check passes on the inputs together, so build must: exit 0, no traceback, every output, data untouched."""
    data, found = _checked(work, inputs)
    assert not found, [p.format() for p in found]
    before = _fingerprint(data)
    out = work / "ut" / "site"
    result = _build(work, data, out)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"check passed but build failed for {[i.name for i in inputs]}:\n{output}"
    assert "Traceback" not in output
    assert _fingerprint(data) == before, "the build changed the data"
    handbok = pipeline.load(data)[0]
    for p in handbok.parter.values():
        assert (out / "pdf" / "parter" / f"{p.id}.pdf").is_file()
    assert (out / "overenskommelse.pdf").is_file() and (out / "index.html").is_file()
    _csv_cells_are_neutral(out)
    return out


def _csv_cells_are_neutral(site: Path) -> None:
    """No cell of the open data starts a formula in a spreadsheet, also not after spaces."""
    files = sorted(site.rglob("*.csv"))
    assert files
    for path in files:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"):
            for cell in row:
                assert cell[:1] not in ("\t", "\r") and cell.lstrip()[:1] not in ("=", "+", "-", "@"), (path, cell)


@pytest.mark.slow
def test_what_check_passes_build_publishes_named(tmp_path):
    """The named inputs that check passes, together in one dataset: long responsibilities, years without a
    population, names that look like Markdown, a formula, markup."""
    passing = [one for one in NAMED if not one.refused_by]
    site = _built_whole(tmp_path, passing)
    sheet = site / "pdf" / "parter" / "salem.pdf"
    # The page count from the PDF's own metadata: no poppler needed (a newcomer's machine has none: nox -s fresh).
    assert page_count(sheet.read_bytes()) >= 2, "five long responsibilities need more pages"


@pytest.mark.slow
def test_what_check_passes_build_publishes_random(tmp_path):
    """The seeded random inputs that check passes alone, a batch per dataset, each slot once in a batch."""
    batches = _batches(_passing(tmp_path / "alone"))
    assert len(batches) >= 2
    for n, batch in enumerate(batches):
        _built_whole(tmp_path / f"batch-{n}", batch)


@pytest.mark.slow
def test_refused_data_builds_nothing_and_keeps_the_previous_site(tmp_path):
    """Inputs check refuses, together: the build says the checker's messages, exits 1 and leaves the site there."""
    good = make_data(tmp_path / "good")
    out = tmp_path / "ut" / "site"
    assert _build(tmp_path, good, out).returncode == 0
    before = _fingerprint(out)
    refused = [one for one in NAMED if one.refused_by and one.name.startswith(("name-with", "population", "kommunkod"))]
    data, found = _checked(tmp_path / "bad", refused)
    assert found
    result = _build(tmp_path, data, out)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    for problem in found:
        assert problem.format().split(": fel: ")[1] in output
    assert _fingerprint(out) == before


# --- Data never becomes structure ------------------------------------------------------------------------

# The block structure Markdown can make; inline links are left out (a glossary word changed by an input links
# elsewhere, or nowhere).
STRUCTURAL = {"ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "pre",
              "hr", "details", "dl", "dt", "dd", "div", "p", "script"}  # fmt: skip


class _Tags(HTMLParser):
    """The block elements inside a page's article (the rendered Markdown), counted."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in STRUCTURAL:
            self.tags[tag] += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1


def _tags(html: str) -> Counter[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.mark.slow
def test_names_that_look_like_structure_stay_text_on_every_page(tmp_path, builder):
    """A party name "- 1. Täby" rendered as a nested list. With names that begin like a list item, a
    heading, a table row, a quote, a numbered item or an admonition, every page has as many lists, headings, quotes,
    tables and boxes as with plain names, and shows each name as written; the search index has the same entries."""
    looks = [one for one in NAMED if one.name.startswith(("name-like", "forum-like", "term-like"))]
    plain = make_data(tmp_path / "plain")
    hostile = make_data(tmp_path / "hostile")
    apply(hostile, looks)
    names = [text for one in looks for text in one.texts()]
    sites = {}
    for label, data in (("plain", plain), ("hostile", hostile)):
        site = tmp_path / f"site-{label}"
        result = sitebuild.build(data, site, builder)
        assert result.returncode == 0, result.stdout + result.stderr
        sites[label] = site
    pages = sorted(p.relative_to(sites["plain"]) for p in sites["plain"].rglob("*.html"))
    shown = set()
    for rel in pages:
        plain_html, hostile_html = ((sites[k] / rel).read_text(encoding="utf-8") for k in ("plain", "hostile"))
        assert _tags(hostile_html) == _tags(plain_html), f"{rel}: data became structure"
        text = visible_text(hostile_html)
        shown |= {name for name in names if name in text}
    assert shown == set(names), f"never shown as written: {set(names) - shown}"
    assert len(sitebuild.search_docs(sites["hostile"])) == len(sitebuild.search_docs(sites["plain"]))
