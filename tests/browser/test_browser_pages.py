"""Every page, in light and dark scheme: axe-core's WCAG 2.0/2.1 A and AA rules report nothing, no request leaves
the site, no script error, and the footer links to the accessibility statement.

Each page is loaded once per scheme (the survey); the tests then report every problem on every page at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import SCHEMES, guarded_context

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
NARROW = {"width": 360, "height": 740}  # a phone: Material shows other controls there (menu button, search toggle)
STATEMENT = "tillganglighet.html"


def axe_version() -> str:
    """The axe-core version bundled with axe-playwright-python, from its licence header."""
    import axe_playwright_python

    head = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")[:200]
    return re.search(r"axe v(\d+\.\d+\.\d+)", head).group(1)


@dataclass
class Survey:
    violations: dict[str, list[str]] = field(default_factory=dict)  # page -> "rule: target (summary)"
    off_origin: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    wrong_scheme: list[str] = field(default_factory=list)
    no_statement_link: list[str] = field(default_factory=list)
    visited: int = 0


def _survey(browser, base_url: str, pages: list[str], scheme: str, viewport: dict | None = None) -> Survey:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    options = {"color_scheme": scheme}
    if viewport:
        options["viewport"] = viewport
    context, guard = guarded_context(browser, base_url, **options)
    result = Survey()
    try:
        page = context.new_page()
        for rel in pages:
            page.goto(base_url + rel)
            result.visited += 1
            if page.get_attribute("body", "data-md-color-scheme") != SCHEMES[scheme]:
                result.wrong_scheme.append(rel)
            if not page.locator(f"footer a[href$='{STATEMENT}']").count():
                result.no_statement_link.append(rel)
            found = axe.run(page, options=AXE_OPTIONS).response["violations"]
            if found:
                result.violations[rel] = [
                    f"{v['id']}: {node['target']} ({node['failureSummary'].splitlines()[-1].strip()})"
                    for v in found
                    for node in v["nodes"]
                ]
        page.wait_for_timeout(300)  # let the last page's late requests (search worker) show up
    finally:
        context.close()
    result.off_origin, result.errors = guard.off_origin, guard.errors
    return result


_surveys: dict[tuple, Survey] = {}


@pytest.fixture(scope="session")
def survey(browser, base_url, pages):
    """survey(scheme, narrow=False) -> Survey, computed once per run."""

    def get(scheme: str, narrow: bool = False) -> Survey:
        key = (scheme, narrow)
        if key not in _surveys:
            chosen = _sample(pages) if narrow else pages
            _surveys[key] = _survey(browser, base_url, chosen, scheme, NARROW if narrow else None)
        return _surveys[key]

    return get


def _sample(pages: list[str]) -> list[str]:
    """One page of each kind: the start page, 404, each top-level page and the first page in each folder."""
    folders: dict[str, str] = {}
    for rel in pages:
        folder = rel.rpartition("/")[0]
        if folder and folder not in folders and not rel.endswith("index.html"):
            folders[folder] = rel
    return sorted({rel for rel in pages if "/" not in rel} | set(folders.values()))


def _report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{page}:\n  " + "\n  ".join(items) for page, items in sorted(problems.items()))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_wcag_violation_on_any_page(survey, pages, scheme):
    s = survey(scheme)
    assert s.visited == len(pages)
    assert not s.wrong_scheme, f"the {scheme} scheme was not applied on: {s.wrong_scheme}"
    assert not s.violations, (
        f"axe {axe_version()} ({', '.join(AXE_TAGS)}), {scheme} scheme, "
        f"{len(s.violations)} of {len(pages)} pages fail:\n{_report(s.violations)}"
    )


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_wcag_violation_on_a_phone(survey, scheme):
    s = survey(scheme, narrow=True)
    assert s.visited >= 5
    assert not s.violations, f"{NARROW['width']} px wide, {scheme} scheme:\n{_report(s.violations)}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_request_leaves_the_site(survey, scheme):
    s = survey(scheme)
    assert not s.off_origin, "requests to other origins (page → request):\n" + "\n".join(
        f"  {page} → {url}" for page, url in s.off_origin
    )


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_script_errors(survey, scheme):
    s = survey(scheme)
    assert not s.errors, "JavaScript errors:\n" + "\n".join(f"  {page}: {msg}" for page, msg in s.errors)


def test_every_page_links_to_the_accessibility_statement(survey, pages):
    s = survey("light")
    assert STATEMENT in pages
    assert not s.no_statement_link, f"no footer link to {STATEMENT} on: {s.no_statement_link}"


def test_the_request_guard_catches_an_off_origin_request(page, base_url):
    """The guard itself: a request to another origin is aborted and recorded (so a clean survey means something)."""
    page.goto(base_url + "index.html")
    page.evaluate("fetch('https://example.org/spy.gif').catch(() => null)")
    page.wait_for_timeout(300)
    assert [url for _, url in page.guard.off_origin] == ["https://example.org/spy.gif"]


def test_axe_reports_a_planted_violation(page, base_url):
    """axe itself: an image without a text alternative planted in a page is reported (axe runs, rules are on)."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + "index.html")
    page.evaluate("document.querySelector('article').append(Object.assign(new Image(), {src: 'x.png'}))")
    found = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert "image-alt" in {v["id"] for v in found}


MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]  # fmt: skip


def test_statement_states_what_the_tests_measure(site, survey, pages):
    """The accessibility statement names the law's items, and its test claims match what this run measured."""
    import datetime as dt
    import html

    text = html.unescape(re.sub(r"<[^>]+>", " ", (site / STATEMENT).read_text(encoding="utf-8")))
    text = re.sub(r"\s+", " ", text)
    assert re.search(r"\b(helt|delvis|inte) förenlig\b", text), "no compliance status (helt/delvis/inte förenlig)"
    assert "https://www.digg.se/tdosanmalan" in (site / STATEMENT).read_text(encoding="utf-8")
    for heading in ("Innehåll som inte är tillgängligt", "Så har vi testat", "Rapportera brister", "Tillsyn"):
        assert heading in text, f"the statement lacks the section {heading!r}"
    day, month, year = re.search(r"Bedömningen gjordes: (\d{1,2}) (\w+) (\d{4})", text).groups()
    tested = dt.date(int(year), MONTHS.index(month) + 1, int(day))
    assert tested <= dt.date.today(), f"the statement's test date {tested} is in the future"
    assert f"axe-core {axe_version()}" in text, f"the statement names another axe-core than {axe_version()}"
    assert all(tag in text for tag in AXE_TAGS), f"the statement does not list the rule tags {AXE_TAGS}"
    assert "i både ljust och mörkt läge" in text
    # The claimed result: no violation on any page, in either scheme. This run must agree.
    assert "inga brister mot reglerna på någon sida" in text
    for scheme in SCHEMES:
        assert not survey(scheme).violations, f"the statement claims no violations, but axe found some ({scheme})"
