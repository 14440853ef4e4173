"""Every page, in light and dark scheme, on a desktop and at 320 px: axe-core's WCAG 2.0/2.1/2.2 A and AA rules and
its best practices report nothing, no page scrolls sideways at 320 px, no table hides its row headers or has text
under 14 px there, no long word in a heading breaks without a hyphen, no request leaves the site, no script error,
and the footer links to the accessibility statement.

Each page is loaded once per scheme (the survey); the tests then report every problem on every page at once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from . import narrow as reading
from .conftest import MKDOCS_ONLY, SCHEMES, guarded_context, settled

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
# WCAG 1.4.10 Reflow: 320 CSS px, which is also 1280 px at 400 % zoom. Material shows other controls there (menu
# button, search toggle).
NARROW = {"width": 320, "height": 640}
STATEMENT = "tillganglighet.html"

# The dark scheme changes colours and nothing else: the theme's dark palette (Material's and Zensical's
# palette.*.css under [data-md-color-scheme=slate]) sets colour variables, color-scheme and a shadow, and hides
# images whose address ends in #only-light (the default scheme hides #only-dark ones; the site has none of
# either); in the markup only the scheme's name and which of the two palette toggles is hidden differ.
# test_the_schemes_differ_only_in_colours checks the markup and the images on every page at both widths. A rule
# that does not look at colours gives the same result on the same markup, so the dark pass runs only axe's
# colour rules (category cat.color within AXE_TAGS: text contrast, and links told apart from the text around
# them), and every rule on the palette toggle, whose visible label is the dark scheme's own.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
DARK_OPTIONS = {"runOnly": {"type": "rule", "values": COLOUR_RULES}, "resultTypes": ["violations"]}
PALETTE = "[data-md-component=palette]"
AXE_RUN = "([context, options]) => axe.run(context ?? document, options)"
ONE_SCHEME_ONLY = ("only-light", "only-dark", "gh-light-mode-only", "gh-dark-mode-only")  # image address endings
SCHEME_IMAGES = ", ".join(f"img[src$='#{end}']" for end in ONE_SCHEME_ONLY)
# The page's markup once axe has run on it, with what the scheme itself changes taken out: the scheme's name,
# the theme colour and which toggle shows; and what the theme's scripts write at a moment of their own (the
# search box's status once the index has loaded, the mark they set while switching scheme).
MARKUP = f"""() => {{
  const root = document.documentElement.cloneNode(true);
  root.querySelector("meta[name=color-scheme]")?.removeAttribute("content");
  root.querySelector("body").removeAttribute("data-md-color-scheme");
  root.querySelector("body").removeAttribute("data-md-color-media");
  root.querySelector("body").removeAttribute("data-md-color-switching");
  root.querySelector("meta[name=theme-color]")?.removeAttribute("content");
  root.querySelectorAll("{PALETTE} label").forEach(label => label.removeAttribute("hidden"));
  root.querySelectorAll(".md-search-result__meta").forEach(status => status.textContent = "");
  return root.outerHTML;
}}"""


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
    too_wide: dict[str, int] = field(default_factory=dict)  # page -> document width in CSS px, if over the viewport
    footer_links: dict[str, tuple[str, ...]] = field(default_factory=dict)  # page -> the footer's link texts
    markup: dict[str, str] = field(default_factory=dict)  # page -> its markup less the scheme's own changes
    scheme_images: dict[str, int] = field(default_factory=dict)  # page -> images shown in one scheme only
    tables: dict[str, list[str]] = field(default_factory=dict)  # page -> its tables' problems (narrow, light)
    broken_words: dict[str, list[str]] = field(default_factory=dict)  # page -> words broken without a hyphen
    visited: int = 0


def _survey(browser, base_url: str, pages: list[str], scheme: str, viewport: dict | None = None) -> Survey:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    options = {"color_scheme": scheme}
    if viewport:
        options["viewport"] = viewport
    context, guard = guarded_context(browser, base_url, **options)
    # axe-core in every page of the survey from its start, sent to the browser once instead of once a run.
    context.add_init_script(script=axe.axe_script)
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
            result.footer_links[rel] = tuple(page.locator("footer a").all_inner_texts())
            width = page.evaluate("document.documentElement.scrollWidth")
            if viewport and width > viewport["width"]:
                result.too_wide[rel] = width
            if viewport and scheme == "light":  # layout alone: the same in both schemes
                if problems := page.evaluate(reading.TABLES):
                    result.tables[rel] = problems
                if problems := page.evaluate(reading.BROKEN_WORDS):
                    result.broken_words[rel] = problems
            if scheme == "dark":
                found = page.evaluate(AXE_RUN, [None, DARK_OPTIONS])["violations"]
                if page.locator(PALETTE).count():
                    found += page.evaluate(AXE_RUN, [PALETTE, AXE_OPTIONS])["violations"]
            else:
                found = page.evaluate(AXE_RUN, [None, AXE_OPTIONS])["violations"]
            result.markup[rel] = page.evaluate(MARKUP)
            if page.locator(SCHEME_IMAGES).count():
                result.scheme_images[rel] = page.locator(SCHEME_IMAGES).count()
            if found:
                result.violations[rel] = [
                    f"{v['id']}: {node['target']} ({node['failureSummary'].splitlines()[-1].strip()})"
                    for v in found
                    for node in v["nodes"]
                ]
        settled(page)  # the last page's late requests (the search worker's) reach the guard
    finally:
        context.close()
    result.off_origin, result.errors = guard.off_origin, guard.errors
    return result


_surveys: dict[tuple, Survey] = {}


@pytest.fixture(scope="session")
def survey(browser, builder, base_url, pages):
    """survey(scheme, narrow=False) -> Survey, computed once per run and builder."""

    def get(scheme: str, narrow: bool = False) -> Survey:
        # By builder, not by address: the server of a builder's site can be started again on another port (a
        # pytest-xdist worker that runs tests of the other builder in between), and the site is the same.
        key = (builder, scheme, narrow)
        if key not in _surveys:
            _surveys[key] = _survey(browser, base_url, pages, scheme, NARROW if narrow else None)
        return _surveys[key]

    return get


def _report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{page}:\n  " + "\n  ".join(items) for page, items in sorted(problems.items()))


def _rules(scheme: str) -> str:
    return ", ".join(AXE_TAGS) if scheme == "light" else f"{', '.join(COLOUR_RULES)}; all on {PALETTE}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_wcag_violation_on_any_page(survey, pages, scheme):
    s = survey(scheme)
    assert s.visited == len(pages)
    assert not s.wrong_scheme, f"the {scheme} scheme was not applied on: {s.wrong_scheme}"
    assert not s.violations, (
        f"axe {axe_version()} ({_rules(scheme)}), {scheme} scheme, "
        f"{len(s.violations)} of {len(pages)} pages fail:\n{_report(s.violations)}"
    )


@pytest.mark.parametrize("narrow", [False, True], ids=["wide", "320px"])
def test_the_schemes_differ_only_in_colours(survey, pages, narrow):
    """What lets the dark pass run only the colour rules (COLOUR_RULES): on every page the dark scheme's markup
    is the light scheme's, apart from the scheme's name and which palette toggle shows, and no image is
    shown in one scheme only."""
    import difflib

    light, dark = survey("light", narrow), survey("dark", narrow)
    assert light.visited == dark.visited == len(pages)
    differ = [rel for rel in pages if light.markup[rel] != dark.markup[rel]]
    if differ:
        lines = difflib.unified_diff(light.markup[differ[0]].split(">"), dark.markup[differ[0]].split(">"), n=0)
        pytest.fail(
            f"the dark scheme changes more than colours on {differ}: run every axe rule in the dark pass, or take "
            f"the new difference out in MARKUP if it is the scheme's own. {differ[0]}, light → dark:\n"
            + "\n".join(list(lines)[2:14])
        )
    assert not light.scheme_images and not dark.scheme_images, (
        f"images shown in one scheme only (#only-light/#only-dark): {light.scheme_images or dark.scheme_images}"
    )


def test_the_dark_pass_runs_every_colour_rule(page, base_url):
    """COLOUR_RULES are axe's colour rules (category cat.color) that AXE_TAGS turn on, in this axe version."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + "index.html")
    Axe().run(page, options=DARK_OPTIONS)  # injects axe
    rules = page.evaluate("axe.getRules(['cat.color']).map(r => [r.ruleId, r.tags])")
    assert sorted(rule for rule, tags in rules if set(tags) & set(AXE_TAGS)) == sorted(COLOUR_RULES)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_wcag_violation_at_320_px(survey, pages, scheme):
    s = survey(scheme, narrow=True)
    assert s.visited == len(pages)
    assert not s.violations, f"{NARROW['width']} px wide, {scheme} scheme ({_rules(scheme)}):\n{_report(s.violations)}"


def test_no_page_scrolls_sideways_at_320_px(survey, pages):
    """WCAG 1.4.10 Reflow: at 320 CSS px (1280 px at 400 % zoom) no page is wider than the window."""
    s = survey("light", narrow=True)
    assert s.visited == len(pages)
    assert not s.too_wide, f"wider than {NARROW['width']} px (page → width): {s.too_wide}"


def test_no_table_hides_its_answer_or_shrinks_its_text_at_320_px(survey, pages):
    """At 320 px a wide table is a stack of cards (macros/site/tables.py, docs/assets/tabeller.css); a matrix that
    scrolls sideways keeps its row headers in view; table text is at least 14 px (body size, 16 px, in fact)."""
    s = survey("light", narrow=True)
    assert s.visited == len(pages)
    assert not s.tables, f"{NARROW['width']} px wide:\n{_report(s.tables)}"


def test_long_words_in_headings_break_only_at_a_hyphen_at_320_px(survey, pages):
    """A word too long for the line breaks where Swedish allows, with a hyphen (macros/site/hyphenate.py)."""
    s = survey("light", narrow=True)
    assert s.visited == len(pages)
    assert not s.broken_words, f"{NARROW['width']} px wide:\n{_report(s.broken_words)}"


def test_help_is_in_the_same_place_on_every_page(survey, pages):
    """WCAG 3.2.6 Consistent help: the footer, with the accessibility statement and its ways to report a problem,
    holds the same links in the same order on every page."""
    s = survey("light")
    orders = set(s.footer_links.values())
    assert len(orders) == 1, f"the footer's links differ between pages: {orders}"


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
    with page.expect_event("requestfailed"):  # the guard records the request, then aborts it
        page.evaluate("fetch('https://example.org/spy.gif').catch(() => null)")
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
    # The other validators, at the versions tests/package.json pins (tests/browser/test_browser_validators.py).
    pinned = json.loads((Path(__file__).parent.parent / "package.json").read_text(encoding="utf-8"))
    versions = pinned["devDependencies"]
    for claim in (f"pa11y {versions['pa11y']}", f"Lighthouse {versions['lighthouse']}", f"(vnu) {versions['vnu-jar']}"):
        assert claim in text, f"the statement does not say {claim!r}"
    assert "320 pixlar" in text
    # The claimed result: no violation on any page, in either scheme. This run must agree.
    assert "inga brister mot reglerna på någon sida" in text
    for scheme in SCHEMES:
        assert not survey(scheme).violations, f"the statement claims no violations, but axe found some ({scheme})"


CHART_PAGE = "forum/index.html"
MEASURE_CHART = """() => {
  const body = parseFloat(getComputedStyle(document.querySelector("article p")).fontSize);
  const chart = document.querySelector(".handbok-schema");
  const shown = chart.getClientRects().length > 0;
  const sizes = shown ? [...chart.querySelectorAll("text")].map(t => t.getBoundingClientRect().height) : [];
  const list = document.querySelector(".handbok-schema ~ ul li");
  return {body, shown, smallest: sizes.length ? Math.min(...sizes) : null,
          list: list ? parseFloat(getComputedStyle(list).fontSize) : null};
}"""


@MKDOCS_ONLY
@pytest.mark.parametrize("width", [320, 1280])
def test_org_chart_text_is_never_smaller_than_body_text_at_320_px(builder, context_factory, base_url, width):
    """The governance chart: at 320 px the text form (body text) stands in for the chart, whose text would
    shrink with it; on a wide screen the chart shows at its own size."""
    context, _ = context_factory(base_url, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base_url + CHART_PAGE)
    m = page.evaluate(MEASURE_CHART)
    assert m["list"] is not None and m["list"] >= m["body"], f"the chart's text form is missing or small: {m}"
    if width == 320:
        # A line of SVG text is about its font size high: shown at all, it must be no smaller than body text.
        assert not m["shown"] or m["smallest"] >= m["body"], f"chart text {m['smallest']} px < body {m['body']} px"
    else:
        assert m["shown"], f"the chart is hidden at {width} px"
