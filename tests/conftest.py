"""Shared pytest setup. Helpers live in tests/helpers.py; fixture datasets in tests/fixtures/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from macros.core import pipeline
from tests import sitebuild
from tests.ciskip import pytest_runtest_makereport  # noqa: F401  (a hook: in CI a skip fails)
from tests.helpers import ROOT, VALID
from tests.sitebuild import build

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
def real_site(tmp_path_factory, builder) -> Path:
    """The site built strictly from the shipped data, once per test run and builder (tests only read it)."""
    out = tmp_path_factory.mktemp(f"real-site-{builder}")
    result = build(ROOT / "data", out, builder)
    assert result.returncode == 0, result.stdout + result.stderr
    return out
