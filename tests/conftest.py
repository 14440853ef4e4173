"""Shared pytest setup. Helpers live in tests/helpers.py; fixture datasets in tests/fixtures/.

Markers (pyproject.toml) are set here from what a test uses, so that a new test file is marked without anyone
remembering to: `browser` for everything under tests/browser/; `pdf` for a test that needs the shipped data's
whole set of PDFs (a fixture in PDF_FIXTURES, directly or through another fixture); `slow` for a test that needs
a built site (a fixture whose name ends in `_site`, directly or through another fixture); `golden` for a test
that compares with an expected file (it asks for the `bless` fixture). By hand: `@pytest.mark.pdf` on a test
that itself has Typst make PDFs, `@pytest.mark.slow` on one that itself starts a site build (in its own process
or another) or runs a command or a Python tool as a process of its own. `nox -s quick` leaves out browser, pdf
and slow, so that it does its work in one process in well under half a minute of CPU; `nox -s bless` runs only
golden.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from macros.core import pipeline
from macros.core.utgava import Utgava
from macros.pdf import write
from tests import sitebuild
from tests.browser import builtsite
from tests.ciskip import pytest_runtest_makereport  # noqa: F401  (a hook: in CI a skip fails)
from tests.helpers import PDF_EPOCH, PDF_REVISION, ROOT, VALID

# The fixture dataset describes budget year 2015, so the tests run on a day in 2015 (macros/core/tid.py reads it):
# no "budget year is stale" warning in every expected output, and today's parties do not move with the clock.
# Builds started by the tests inherit it. Tests of the warning itself set another day.
TESTS_TODAY_EPOCH = "1435752000"  # 2015-07-01 12:00 UTC
os.environ["SOURCE_DATE_EPOCH"] = TESTS_TODAY_EPOCH

# Fuzz tests (test_fuzz.py): "ci" is the default, derandomized with a fixed budget, so every run and every
# machine tries the same inputs (about 35 s of CPU time on two cores); "deep" searches
# at random, much longer.
settings.register_profile(
    "ci",
    max_examples=150,
    derandomize=True,
    deadline=None,  # a shared CI machine's pauses are not failures; the budget is the number of examples
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("deep", max_examples=5000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


BROWSER_TESTS = ROOT / "tests" / "browser"
# Fixtures that are or hold the shipped data's whole set of PDFs: a test that needs one is marked `pdf`.
PDF_FIXTURES = {"published_site", "real_pdfs"}
# A fixture that is a built site is named for it: a test that needs one is marked `slow`.
SITE_FIXTURE_SUFFIX = "_site"
# Fixtures kept per process and per builder that tests share. Under pytest-xdist (nox -s tests: --dist loadgroup)
# the tests that share one of them run in one worker, in file order, as in a run without workers: every page in
# both schemes at both widths, minutes of work (survey, tests/browser/test_browser_pages.py); the one search page
# that the search tests type their queries into one after the other (search, tests/browser/test_browser_search.py).
PER_BUILDER_FIXTURES = {"search", "survey"}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own, which reads xdist_group into the test ids
def pytest_collection_modifyitems(config, items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        for shared in sorted(names & PER_BUILDER_FIXTURES):
            item.add_marker(pytest.mark.xdist_group(f"{shared}-{item.callspec.params['builder']}"))
        if BROWSER_TESTS in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
        if names & PDF_FIXTURES:
            item.add_marker(pytest.mark.pdf)
        if any(name.endswith(SITE_FIXTURE_SUFFIX) for name in names):
            item.add_marker(pytest.mark.slow)
        if "bless" in names:
            item.add_marker(pytest.mark.golden)


def pytest_addoption(parser):
    parser.addoption(
        "--bless",
        action="store_true",
        help="rewrite expected outputs (tests/golden, fixtures' expected.txt) instead of comparing",
    )


@pytest.fixture
def bless(request) -> bool:
    return request.config.getoption("--bless")


def _model(data: Path):
    model, problems = pipeline.check(data)
    assert model is not None, "\n".join(p.format() for p in problems)
    return model


@pytest.fixture(scope="session")
def valid_handbok():
    """The model of the small valid fixture dataset (tests/fixtures/valid)."""
    return _model(VALID)


@pytest.fixture(scope="session")
def real_handbok():
    """The model of the shipped data."""
    return _model(ROOT / "data")


@pytest.fixture(scope="session", params=sitebuild.builders())
def builder(request) -> str:
    """The site builder a site test runs against: each such test runs once per builder (HANDBOK_BUILDERS).

    A builder that is not installed is skipped on a developer's machine and fails in CI (CI set)."""
    sitebuild.require(request.param)
    return request.param


@pytest.fixture(scope="session")
def real_site(builder) -> Path:
    """The site built strictly from the shipped data, once per test run and builder (tests only read it)."""
    out, result = sitebuild.shipped(builder)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def valid_site(builder) -> Path:
    """The site built strictly from the small valid dataset (tests/fixtures/valid), once per test run and builder:
    the one to test what a page says about a named party or figure, which the shipped data may change."""
    out, result = sitebuild.valid(builder)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def published_site(builder) -> Path:
    """The whole publication of the shipped data (site, PDFs, offline zip) as `python -m macros build` makes it,
    once per test run and builder (tests/browser/builtsite.py); tests only read it."""
    return builtsite.site_dir(builder)


@dataclass
class PdfSet:
    out: Path
    files: list[Path]


@pytest.fixture(scope="session")
def real_pdfs(tmp_path_factory) -> PdfSet:
    """The shipped data's PDFs (the agreement and every party's sheet), written once per test run in this
    process at a fixed edition (PDF_EPOCH, PDF_REVISION); tests only read them."""
    handbok = pipeline.load(ROOT / "data")[0]
    out = tmp_path_factory.mktemp("pdf")
    files = write.write_pdfs(handbok, out, Utgava(datetime.fromtimestamp(PDF_EPOCH, UTC), PDF_REVISION))
    return PdfSet(out, files)
