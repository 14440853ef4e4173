"""Shared pytest setup. Helpers live in tests/helpers.py; fixture datasets in tests/fixtures/."""

from __future__ import annotations

import pytest


def pytest_addoption(parser):
    parser.addoption(
        "--bless",
        action="store_true",
        help="rewrite expected outputs (tests/golden, fixtures' expected.txt) instead of comparing",
    )


@pytest.fixture
def bless(request) -> bool:
    return request.config.getoption("--bless")
