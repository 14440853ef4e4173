"""In CI (CI set), a skipped test is a failure: what CI does not run it does not test.

A test may skip on a developer's machine that lacks a tool; CI installs every tool (.ci/run), so a skip there
means something is missing or a test opted out silently. Expected failures (xfail) are not skips.
Registered by tests/conftest.py.
"""

from __future__ import annotations

import os

import pytest


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        why = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which counts as a failure (CI is set): {why}"
    return report
