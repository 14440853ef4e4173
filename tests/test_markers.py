"""The markers that tests/conftest.py sets from what a test uses, so that `nox -s quick` and `nox -s bless` pick
the right tests without anyone marking a new test file by hand."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests import conftest
from tests.helpers import ROOT


def _marks(path: str, *fixtures: str) -> set[str]:
    added = []
    item = SimpleNamespace(path=ROOT / path, fixturenames=list(fixtures), add_marker=added.append)
    conftest.pytest_collection_modifyitems(None, [item])
    return {mark.name for mark in added}


def test_a_test_under_tests_browser_is_marked_browser():
    assert _marks("tests/browser/test_new.py", "page") == {"browser"}
    assert _marks("tests/test_new.py", "tmp_path") == set()


@pytest.mark.parametrize("fixture", sorted(conftest.PDF_FIXTURES))
def test_a_test_that_needs_the_whole_set_of_pdfs_is_marked_pdf(fixture):
    assert "pdf" in _marks("tests/test_new.py", fixture)


@pytest.mark.parametrize("fixture", ["real_site", "published_site", "hostile_name_site"])
def test_a_test_that_needs_a_built_site_is_marked_slow(fixture):
    assert "slow" in _marks("tests/test_new.py", "tmp_path", fixture)
    assert "slow" not in _marks("tests/test_new.py", "tmp_path", "real_handbok", "site_dir")


def test_the_published_site_is_both_pdf_and_slow():
    assert _marks("tests/test_new.py", "published_site") == {"pdf", "slow"}


def test_a_test_that_can_bless_is_marked_golden(request, bless):
    assert _marks("tests/test_new.py", "bless") == {"golden"}
    assert request.node.get_closest_marker("golden"), "this test asks for bless, so it is golden itself"


def test_the_tests_that_share_a_builders_survey_are_one_xdist_group():
    """nox -s tests runs --dist loadgroup: one worker makes each builder's survey, once."""
    added = []
    item = SimpleNamespace(
        path=ROOT / "tests/browser/test_new.py",
        fixturenames=["survey", "builder", "page"],
        callspec=SimpleNamespace(params={"builder": "zensical"}),
        add_marker=added.append,
    )
    conftest.pytest_collection_modifyitems(None, [item])
    assert [(mark.name, mark.args) for mark in added] == [("xdist_group", ("survey-zensical",)), ("browser", ())]
    # pytest-xdist turns the mark into the test's id in a hook of its own: this one must run before it.
    assert conftest.pytest_collection_modifyitems.pytest_impl["tryfirst"]
